//! Paths of the sentence model files and the ONNX Runtime library.
//!
//! The engine reads no environment variables: the service turns `MODEL_DIR` and
//! `ORT_DYLIB_PATH` into a [`ModelLocation`] and passes it in.

use std::path::{Path, PathBuf};

use super::EmbedError;

/// File name of the ONNX model inside the model directory.
pub const MODEL_FILE: &str = "model.onnx";
/// File name of the dynamically quantised model (int8 matrix products) that
/// `scripts/setup.sh` builds from [`MODEL_FILE`].
pub const QUANTIZED_MODEL_FILE: &str = "model-qint8.onnx";
/// File name of the Hugging Face tokenizer definition inside the model directory.
pub const TOKENIZER_FILE: &str = "tokenizer.json";
/// Prefix of the ONNX Runtime shared library names searched for in the model directory.
pub const ORT_DYLIB_PREFIX: &str = "libonnxruntime.so";

/// Installed model file to run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ModelVariant {
    /// [`MODEL_FILE`]: int8 weights widened to fp32 at load time, fp32 arithmetic.
    #[default]
    Default,
    /// [`QUANTIZED_MODEL_FILE`]: int8 weights and int8 matrix products with activations
    /// quantised per call. Faster, slightly less close to the reference vectors, and a
    /// text's vector depends a little on the other texts of its batch.
    Quantized,
}

impl ModelVariant {
    /// Returns the file name of this variant inside the model directory.
    pub fn file_name(self) -> &'static str {
        match self {
            Self::Default => MODEL_FILE,
            Self::Quantized => QUANTIZED_MODEL_FILE,
        }
    }

    /// Returns the lower-case name used in settings and logs.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Default => "default",
            Self::Quantized => "quantized",
        }
    }
}

/// Paths of the model directory and, optionally, of an explicit ONNX Runtime library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelLocation {
    /// Directory that contains `model.onnx`, `tokenizer.json` and usually the runtime library.
    pub model_dir: PathBuf,
    /// Explicit path of the ONNX Runtime shared library; it takes precedence over the search
    /// in `model_dir`.
    pub ort_dylib: Option<PathBuf>,
    /// The model file to run.
    pub variant: ModelVariant,
}

impl ModelLocation {
    /// Creates a location that searches `model_dir` for the runtime library.
    pub fn new(model_dir: impl Into<PathBuf>) -> Self {
        Self {
            model_dir: model_dir.into(),
            ort_dylib: None,
            variant: ModelVariant::Default,
        }
    }

    /// Selects the model file to run.
    #[must_use]
    pub fn with_variant(mut self, variant: ModelVariant) -> Self {
        self.variant = variant;
        self
    }

    /// Sets an explicit ONNX Runtime library path.
    #[must_use]
    pub fn with_ort_dylib(mut self, path: impl Into<PathBuf>) -> Self {
        self.ort_dylib = Some(path.into());
        self
    }

    /// Path of the selected model file (`model.onnx` unless another variant is selected).
    pub fn model_path(&self) -> PathBuf {
        self.model_dir.join(self.variant.file_name())
    }

    /// Path of `tokenizer.json`.
    pub fn tokenizer_path(&self) -> PathBuf {
        self.model_dir.join(TOKENIZER_FILE)
    }

    /// Resolves the ONNX Runtime library: the explicit path when one is set, otherwise the
    /// first `libonnxruntime.so*` entry of `model_dir` in byte order of the file names, so the
    /// unversioned symlink `libonnxruntime.so` wins over versioned files.
    ///
    /// # Errors
    ///
    /// [`EmbedError::ModelLoad`] when the explicit file does not exist, or when the model
    /// directory cannot be read or contains no matching file.
    pub fn resolve_ort_dylib(&self) -> Result<PathBuf, EmbedError> {
        if let Some(path) = &self.ort_dylib {
            if path.is_file() {
                return Ok(path.clone());
            }
            return Err(EmbedError::ModelLoad {
                path: path.clone(),
                reason: "the ONNX Runtime library set explicitly does not exist".to_owned(),
            });
        }
        find_ort_dylib(&self.model_dir)
    }

    /// Lists the required files that are missing: the model, the tokenizer and the runtime
    /// library (reported as the path that was expected or searched).
    pub fn missing_files(&self) -> Vec<PathBuf> {
        let mut missing = Vec::new();
        if self.resolve_ort_dylib().is_err() {
            let expected = match &self.ort_dylib {
                Some(path) => path.clone(),
                None => self.model_dir.join(ORT_DYLIB_PREFIX),
            };
            missing.push(expected);
        }
        for path in [self.model_path(), self.tokenizer_path()] {
            if !path.is_file() {
                missing.push(path);
            }
        }
        missing
    }
}

fn find_ort_dylib(model_dir: &Path) -> Result<PathBuf, EmbedError> {
    let entries = std::fs::read_dir(model_dir).map_err(|err| EmbedError::ModelLoad {
        path: model_dir.to_path_buf(),
        reason: format!("cannot read the model directory: {err}"),
    })?;

    let mut candidates: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| name.starts_with(ORT_DYLIB_PREFIX))
        })
        .filter(|path| path.is_file())
        .collect();
    candidates.sort();

    candidates
        .into_iter()
        .next()
        .ok_or_else(|| EmbedError::ModelLoad {
            path: model_dir.to_path_buf(),
            reason: format!(
                "no {ORT_DYLIB_PREFIX}* file in the model directory; run scripts/setup.sh \
                 or set the runtime library path explicitly"
            ),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_dylib_wins() {
        let temp = tempfile::tempdir().expect("create temp dir");
        let dir = temp.path();
        let explicit = dir.join("custom.so");
        std::fs::write(&explicit, b"").expect("write");
        std::fs::write(dir.join("libonnxruntime.so"), b"").expect("write");

        let location = ModelLocation::new(dir).with_ort_dylib(&explicit);
        assert_eq!(location.resolve_ort_dylib().expect("resolves"), explicit);
    }

    #[test]
    fn missing_explicit_dylib_is_an_error() {
        let temp = tempfile::tempdir().expect("create temp dir");
        let dir = temp.path();
        std::fs::write(dir.join("libonnxruntime.so"), b"").expect("write");

        let location = ModelLocation::new(dir).with_ort_dylib(dir.join("absent.so"));
        assert!(location.resolve_ort_dylib().is_err());
    }

    #[test]
    fn search_prefers_unversioned_name() {
        let temp = tempfile::tempdir().expect("create temp dir");
        let dir = temp.path();
        std::fs::write(dir.join("libonnxruntime.so.1.31.1"), b"").expect("write");
        std::fs::write(dir.join("libonnxruntime.so"), b"").expect("write");
        std::fs::write(dir.join("libonnxruntime_providers_shared.so"), b"").expect("write");

        let location = ModelLocation::new(dir);
        let found = location.resolve_ort_dylib().expect("resolves");
        assert_eq!(found, dir.join("libonnxruntime.so"));
    }

    #[test]
    fn search_finds_versioned_name() {
        let temp = tempfile::tempdir().expect("create temp dir");
        let dir = temp.path();
        std::fs::write(dir.join("libonnxruntime.so.1.31.1"), b"").expect("write");

        let found = ModelLocation::new(dir)
            .resolve_ort_dylib()
            .expect("resolves");
        assert_eq!(found, dir.join("libonnxruntime.so.1.31.1"));
    }

    #[test]
    fn quantized_variant_selects_its_file() {
        let location = ModelLocation::new("/m").with_variant(ModelVariant::Quantized);
        assert_eq!(location.model_path(), PathBuf::from("/m/model-qint8.onnx"));
        assert_eq!(
            ModelLocation::new("/m").model_path(),
            PathBuf::from("/m/model.onnx")
        );
    }

    #[test]
    fn missing_files_lists_all_three() {
        let temp = tempfile::tempdir().expect("create temp dir");
        let dir = temp.path();
        let missing = ModelLocation::new(dir).missing_files();
        assert_eq!(missing.len(), 3);
        assert!(missing.contains(&dir.join("model.onnx")));
        assert!(missing.contains(&dir.join("tokenizer.json")));
        assert!(missing.contains(&dir.join("libonnxruntime.so")));
    }
}
