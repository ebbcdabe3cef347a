//! Sentence embeddings: the [`Embedder`] trait, the ONNX Runtime model and a hashed fallback.
//!
//! [`load_embedder`] returns the ONNX embedder when the model and runtime are installed (see
//! `scripts/setup.sh`) and the [`HashedEmbedder`] otherwise.

mod cache;
mod hashed;
mod location;
mod onnx;
mod pooling;

use std::path::PathBuf;
use std::sync::{Arc, Once};

pub use cache::{CachedEmbedder, EmbeddingCache, MemoryCache};
pub use hashed::{HASHED_DIMENSION, HashedEmbedder};
pub use location::{MODEL_FILE, ModelLocation, ORT_DYLIB_PREFIX, TOKENIZER_FILE};
pub use onnx::{DEFAULT_BATCH_SIZE, MAX_TOKENS, OnnxEmbedder};

/// Error of embedding.
#[derive(Debug, thiserror::Error)]
pub enum EmbedError {
    /// The model or runtime could not be loaded.
    #[error("failed to load the model from {path}: {reason}")]
    ModelLoad {
        /// The file or directory involved.
        path: PathBuf,
        /// Description of the failure.
        reason: String,
    },
    /// Tokenisation failed.
    #[error("tokenization failed: {0}")]
    Tokenize(String),
    /// Inference failed.
    #[error("inference failed: {0}")]
    Inference(String),
}

/// Turns texts into L2-normalised vectors of a fixed dimension.
///
/// Empty or whitespace-only texts map to the zero vector in the embedders of this module.
pub trait Embedder: Send + Sync {
    /// Embeds each text; the result has one vector per input, in input order.
    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, EmbedError>;
    /// Returns the vector dimension.
    fn dimension(&self) -> usize;
    /// Returns an identifier of the model, used as a cache key.
    fn model_id(&self) -> &str;
}

/// Which embedder [`load_embedder`] returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EmbedderKind {
    /// The ONNX sentence model.
    Onnx,
    /// The hashed character n-gram fallback.
    Hashed,
}

impl EmbedderKind {
    /// Returns the lower-case name used in logs and health reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Onnx => "onnx",
            Self::Hashed => "hashed",
        }
    }
}

static FALLBACK_WARNING: Once = Once::new();

/// Loads the ONNX embedder from `location`, or falls back to the [`HashedEmbedder`] when a
/// file is missing or loading fails.
///
/// The fallback is logged at warn level once per process, naming the missing files or the
/// load error. `intra_threads` is passed to [`OnnxEmbedder::load`] (0 lets the runtime choose).
pub fn load_embedder(
    location: &ModelLocation,
    intra_threads: usize,
) -> (Arc<dyn Embedder>, EmbedderKind) {
    let missing = location.missing_files();
    if !missing.is_empty() {
        let missing: Vec<String> = missing
            .iter()
            .map(|path| path.display().to_string())
            .collect();
        FALLBACK_WARNING.call_once(|| {
            tracing::warn!(
                missing = ?missing,
                "sentence model not installed, using hashed n-gram embeddings; \
                 run scripts/setup.sh to install it"
            );
        });
        return (Arc::new(HashedEmbedder::new()), EmbedderKind::Hashed);
    }

    match OnnxEmbedder::load(location, intra_threads) {
        Ok(embedder) => {
            tracing::info!(
                model_id = embedder.model_id(),
                dimension = embedder.dimension(),
                "loaded sentence model"
            );
            (Arc::new(embedder), EmbedderKind::Onnx)
        }
        Err(err) => {
            FALLBACK_WARNING.call_once(|| {
                tracing::warn!(
                    error = %err,
                    "failed to load the sentence model, using hashed n-gram embeddings"
                );
            });
            (Arc::new(HashedEmbedder::new()), EmbedderKind::Hashed)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn load_embedder_falls_back_without_model() {
        let temp = tempfile::tempdir().expect("create temp dir");
        let (embedder, kind) = load_embedder(&ModelLocation::new(temp.path()), 1);

        assert_eq!(kind, EmbedderKind::Hashed);
        assert_eq!(embedder.dimension(), HASHED_DIMENSION);
        let vectors = embedder
            .embed(&["python"])
            .expect("hashed embedding succeeds");
        assert_eq!(vectors[0], HashedEmbedder::new().embed_one("python"));
    }

    #[test]
    fn load_embedder_falls_back_on_invalid_model() {
        let temp = tempfile::tempdir().expect("create temp dir");
        for file in [MODEL_FILE, TOKENIZER_FILE, ORT_DYLIB_PREFIX] {
            std::fs::write(temp.path().join(file), b"not a valid file").expect("write");
        }
        let (_, kind) = load_embedder(&ModelLocation::new(temp.path()), 1);
        assert_eq!(kind, EmbedderKind::Hashed);
    }
}
