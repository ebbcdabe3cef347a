//! The vectors of every taxonomy skill name, computed once and kept in a file next to the
//! model (`<MODEL_DIR>/taxonomy-vectors-<model id>.bin`).
//!
//! Each model has its own file, so servers with different `EMBED_MODEL` settings can share a
//! model directory. The file's header names the model id, which contains the model's hash,
//! and the hash of the taxonomy's names. A file written for another taxonomy is stale, so it is
//! ignored and replaced.
//!
//! Format: one JSON header line ([`FileHeader`]), then per name a little-endian `u32` byte
//! length, the UTF-8 name and `dimension` little-endian `f32` values.

use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use layer1_engine::embed::{EmbedError, Embedder};
use layer1_engine::skills::Taxonomy;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Start of the file names of the taxonomy vectors inside the model directory.
const FILE_PREFIX: &str = "taxonomy-vectors";
/// File name used before each model had its own file. It is removed once a per-model file is
/// written.
const LEGACY_FILE_NAME: &str = "taxonomy-vectors.bin";
/// Version written in the header; files of another version are stale.
const FORMAT_VERSION: u32 = 1;
/// Texts embedded per model call while computing.
const BATCH: usize = 128;
/// Longest accepted name, in bytes.
const MAX_NAME_BYTES: u32 = 4096;

/// Error of reading, writing or computing the taxonomy vectors.
#[derive(Debug, thiserror::Error)]
pub enum TaxonomyVectorsError {
    /// The file could not be read or written.
    #[error("taxonomy vector file {path}: {source}")]
    Io {
        /// File involved.
        path: PathBuf,
        /// Cause.
        #[source]
        source: std::io::Error,
    },
    /// The file is not in the expected format.
    #[error("taxonomy vector file {path} is malformed: {reason}")]
    Malformed {
        /// File involved.
        path: PathBuf,
        /// Description of the problem.
        reason: String,
    },
    /// The model failed.
    #[error(transparent)]
    Embed(#[from] EmbedError),
}

/// The header line of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileHeader {
    /// Format version.
    pub version: u32,
    /// Id of the model that computed the vectors.
    pub model_id: String,
    /// Hash of the embedded names ([`taxonomy_hash`]).
    pub taxonomy_hash: String,
    /// Values per vector.
    pub dimension: usize,
    /// Number of names.
    pub count: usize,
}

/// The vectors of a taxonomy's names.
#[derive(Debug, Clone, PartialEq)]
pub struct TaxonomyVectors {
    /// Model, taxonomy and shape.
    pub header: FileHeader,
    /// Name (lower-cased) and vector, in taxonomy order.
    pub entries: Vec<(String, Vec<f32>)>,
}

/// Returns the path of the vector file of the model `model_id` in `model_dir`, such as
/// `taxonomy-vectors-onnx-sha256-1a2b3c4d5e6f7a8b.bin`. Characters of the id other than ASCII
/// letters, digits and `-` become `-`.
pub fn file_path(model_dir: &Path, model_id: &str) -> PathBuf {
    let id: String = model_id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    model_dir.join(format!("{FILE_PREFIX}-{id}.bin"))
}

/// Returns the texts embedded for a taxonomy: each canonical name lower-cased and trimmed (as
/// the scorer embeds skills), once, in taxonomy order.
pub fn taxonomy_texts(taxonomy: &Taxonomy) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    taxonomy
        .skills
        .iter()
        .map(|skill| skill.name.trim().to_lowercase())
        .filter(|name| !name.is_empty() && seen.insert(name.clone()))
        .collect()
}

/// Returns the SHA-256 of the texts, one per line, as `sha256:<hex>`.
pub fn taxonomy_hash(texts: &[String]) -> String {
    let mut hasher = Sha256::new();
    for text in texts {
        hasher.update(text.as_bytes());
        hasher.update(b"\n");
    }
    let hex: String = hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    format!("sha256:{hex}")
}

/// Embeds `texts` with `embedder` in batches.
///
/// # Errors
///
/// Returns the embedder's error.
pub fn compute(
    embedder: &dyn Embedder,
    texts: &[String],
) -> Result<TaxonomyVectors, TaxonomyVectorsError> {
    let mut entries = Vec::with_capacity(texts.len());
    for batch in texts.chunks(BATCH) {
        let refs: Vec<&str> = batch.iter().map(String::as_str).collect();
        let vectors = embedder.embed(&refs)?;
        entries.extend(batch.iter().cloned().zip(vectors));
    }
    Ok(TaxonomyVectors {
        header: FileHeader {
            version: FORMAT_VERSION,
            model_id: embedder.model_id().to_string(),
            taxonomy_hash: taxonomy_hash(texts),
            dimension: embedder.dimension(),
            count: entries.len(),
        },
        entries,
    })
}

/// Writes the file through a temporary file in the same directory and a rename, so readers
/// never see a partial file.
///
/// # Errors
///
/// Returns [`TaxonomyVectorsError::Io`] when writing fails.
pub fn write(path: &Path, vectors: &TaxonomyVectors) -> Result<(), TaxonomyVectorsError> {
    let io = |source| TaxonomyVectorsError::Io {
        path: path.to_path_buf(),
        source,
    };
    let temporary = path.with_extension(format!("tmp-{}", std::process::id()));
    let file = std::fs::File::create(&temporary).map_err(io)?;
    let mut out = BufWriter::new(file);
    let header = serde_json::to_string(&vectors.header).map_err(|e| io(e.into()))?;
    writeln!(out, "{header}").map_err(io)?;
    for (name, vector) in &vectors.entries {
        let length = u32::try_from(name.len()).unwrap_or(u32::MAX);
        out.write_all(&length.to_le_bytes()).map_err(io)?;
        out.write_all(name.as_bytes()).map_err(io)?;
        for value in vector {
            out.write_all(&value.to_le_bytes()).map_err(io)?;
        }
    }
    out.flush().map_err(io)?;
    drop(out);
    std::fs::rename(&temporary, path).map_err(|source| {
        let _ = std::fs::remove_file(&temporary);
        io(source)
    })
}

/// Reads only the header line of the file.
///
/// # Errors
///
/// Returns [`TaxonomyVectorsError::Io`] when the file cannot be read and
/// [`TaxonomyVectorsError::Malformed`] when its header is not valid.
pub fn read_header(path: &Path) -> Result<FileHeader, TaxonomyVectorsError> {
    let file = std::fs::File::open(path).map_err(|source| TaxonomyVectorsError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    header_from(&mut BufReader::new(file), path)
}

fn header_from(input: &mut impl Read, path: &Path) -> Result<FileHeader, TaxonomyVectorsError> {
    let malformed = |reason: String| TaxonomyVectorsError::Malformed {
        path: path.to_path_buf(),
        reason,
    };
    let mut line = Vec::new();
    let mut byte = [0_u8; 1];
    while line.len() < 64 * 1024 {
        match input.read(&mut byte) {
            Ok(0) => break,
            Ok(_) if byte[0] == b'\n' => {
                return serde_json::from_slice(&line).map_err(|e| malformed(e.to_string()));
            }
            Ok(_) => line.push(byte[0]),
            Err(source) => {
                return Err(TaxonomyVectorsError::Io {
                    path: path.to_path_buf(),
                    source,
                });
            }
        }
    }
    Err(malformed(
        "the header line is missing or too long".to_string(),
    ))
}

/// Reads the whole file.
///
/// # Errors
///
/// Returns [`TaxonomyVectorsError::Io`] when the file cannot be read and
/// [`TaxonomyVectorsError::Malformed`] when it is truncated or not in this format.
pub fn read(path: &Path) -> Result<TaxonomyVectors, TaxonomyVectorsError> {
    let file = std::fs::File::open(path).map_err(|source| TaxonomyVectorsError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut input = BufReader::new(file);
    let header = header_from(&mut input, path)?;
    let malformed = |reason: String| TaxonomyVectorsError::Malformed {
        path: path.to_path_buf(),
        reason,
    };
    if header.version != FORMAT_VERSION {
        return Err(malformed(format!("format version {}", header.version)));
    }

    let mut entries = Vec::with_capacity(header.count.min(1 << 20));
    let mut vector_bytes = vec![0_u8; header.dimension * 4];
    for number in 0..header.count {
        let truncated = |_| malformed(format!("entry {number} of {} is truncated", header.count));
        let mut length = [0_u8; 4];
        input.read_exact(&mut length).map_err(truncated)?;
        let length = u32::from_le_bytes(length);
        if length > MAX_NAME_BYTES {
            return Err(malformed(format!(
                "entry {number} has a {length}-byte name"
            )));
        }
        let mut name = vec![0_u8; length as usize];
        input.read_exact(&mut name).map_err(truncated)?;
        input.read_exact(&mut vector_bytes).map_err(truncated)?;
        let name = String::from_utf8(name)
            .map_err(|_| malformed(format!("entry {number} is not UTF-8")))?;
        let vector = vector_bytes
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect();
        entries.push((name, vector));
    }
    Ok(TaxonomyVectors { header, entries })
}

/// Returns whether a header belongs to `model_id` and the taxonomy hash `taxonomy_hash`.
pub fn is_current(header: &FileHeader, model_id: &str, taxonomy_hash: &str) -> bool {
    header.version == FORMAT_VERSION
        && header.model_id == model_id
        && header.taxonomy_hash == taxonomy_hash
}

/// Outcome of [`load_or_compute`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WarmOutcome {
    /// A current file was read.
    Loaded,
    /// No current file existed: the vectors were computed and written.
    Written,
    /// No current file existed: the vectors were computed, but writing the file failed.
    ComputedOnly,
}

/// Reads the current file in `model_dir`, or computes the vectors with `embedder` and writes
/// them (replacing a stale file) when it is missing or stale. Blocks for the whole
/// computation, which takes seconds with the sentence model.
///
/// # Errors
///
/// Returns the embedder's error; a file that cannot be written is logged and only changes
/// the outcome.
pub fn load_or_compute(
    model_dir: &Path,
    embedder: &dyn Embedder,
    taxonomy: &Taxonomy,
) -> Result<(TaxonomyVectors, WarmOutcome), TaxonomyVectorsError> {
    let texts = taxonomy_texts(taxonomy);
    let hash = taxonomy_hash(&texts);
    let path = file_path(model_dir, embedder.model_id());
    match read(&path) {
        Ok(vectors) if is_current(&vectors.header, embedder.model_id(), &hash) => {
            return Ok((vectors, WarmOutcome::Loaded));
        }
        Ok(vectors) => tracing::info!(
            file_model = %vectors.header.model_id,
            "taxonomy vector file is stale; recomputing it"
        ),
        Err(TaxonomyVectorsError::Io { source, .. })
            if source.kind() == std::io::ErrorKind::NotFound => {}
        Err(error) => tracing::warn!(%error, "taxonomy vector file unreadable; recomputing it"),
    }

    let vectors = compute(embedder, &texts)?;
    let outcome = match write(&path, &vectors) {
        Ok(()) => {
            remove_legacy_file(model_dir);
            WarmOutcome::Written
        }
        Err(error) => {
            tracing::warn!(%error, "failed to write the taxonomy vector file; vectors kept in memory");
            WarmOutcome::ComputedOnly
        }
    };
    Ok((vectors, outcome))
}

/// Removes the vector file of the old single-file layout, which the next start would only
/// find stale. A failure is logged and changes nothing else.
fn remove_legacy_file(model_dir: &Path) {
    let legacy = model_dir.join(LEGACY_FILE_NAME);
    match std::fs::remove_file(&legacy) {
        Ok(()) => tracing::info!(path = %legacy.display(), "removed the old taxonomy vector file"),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
        Err(error) => {
            tracing::warn!(
                path = %legacy.display(),
                %error,
                "failed to remove the old taxonomy vector file"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use layer1_engine::embed::HashedEmbedder;

    use super::*;

    fn small_taxonomy() -> Taxonomy {
        let mut taxonomy = Taxonomy::builtin();
        taxonomy.skills.truncate(5);
        taxonomy
    }

    #[test]
    fn file_round_trips_and_matches_its_hashes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let taxonomy = small_taxonomy();
        let embedder = HashedEmbedder::new();

        let (written, outcome) =
            load_or_compute(dir.path(), &embedder, &taxonomy).expect("computes");
        assert_eq!(outcome, WarmOutcome::Written);
        assert_eq!(written.entries.len(), 5);

        let (loaded, outcome) = load_or_compute(dir.path(), &embedder, &taxonomy).expect("loads");
        assert_eq!(outcome, WarmOutcome::Loaded);
        assert_eq!(loaded, written);
        let first = &loaded.entries[0];
        assert_eq!(first.1, embedder.embed_one(&first.0));
    }

    /// The hashed embedder under another model id.
    struct RenamedEmbedder(HashedEmbedder);

    impl Embedder for RenamedEmbedder {
        fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, EmbedError> {
            self.0.embed(texts)
        }

        fn dimension(&self) -> usize {
            self.0.dimension()
        }

        fn model_id(&self) -> &str {
            "onnx-sha256:0123456789abcdef"
        }
    }

    #[test]
    fn each_model_keeps_its_own_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let taxonomy = small_taxonomy();
        let first = HashedEmbedder::new();
        let second = RenamedEmbedder(HashedEmbedder::new());
        std::fs::write(dir.path().join(LEGACY_FILE_NAME), b"old").expect("legacy file");

        load_or_compute(dir.path(), &first, &taxonomy).expect("first model");
        load_or_compute(dir.path(), &second, &taxonomy).expect("second model");
        let (_, first_again) = load_or_compute(dir.path(), &first, &taxonomy).expect("reload");

        assert_eq!(first_again, WarmOutcome::Loaded);
        let second_path = file_path(dir.path(), second.model_id());
        assert!(second_path.ends_with("taxonomy-vectors-onnx-sha256-0123456789abcdef.bin"));
        assert_eq!(
            read_header(&second_path).expect("header").model_id,
            second.model_id()
        );
        assert!(!dir.path().join(LEGACY_FILE_NAME).exists());
    }

    #[test]
    fn stale_file_is_replaced() {
        let dir = tempfile::tempdir().expect("temp dir");
        let embedder = HashedEmbedder::new();
        let mut taxonomy = small_taxonomy();
        load_or_compute(dir.path(), &embedder, &taxonomy).expect("computes");

        taxonomy.skills.truncate(3);
        let (vectors, outcome) = load_or_compute(dir.path(), &embedder, &taxonomy).expect("again");

        assert_eq!(outcome, WarmOutcome::Written);
        let header = read_header(&file_path(dir.path(), embedder.model_id())).expect("header");
        assert_eq!(header.count, 3);
        assert_eq!(header, vectors.header);
    }

    #[test]
    fn truncated_file_is_malformed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let embedder = HashedEmbedder::new();
        let path = file_path(dir.path(), embedder.model_id());
        let (vectors, _) = load_or_compute(dir.path(), &embedder, &small_taxonomy()).expect("ok");
        let bytes = std::fs::read(&path).expect("read");
        std::fs::write(&path, &bytes[..bytes.len() - 10]).expect("truncate");

        let error = read(&path).expect_err("truncated");
        let expected = format!("entry 4 of {} is truncated", vectors.header.count);
        assert!(error.to_string().contains(&expected), "{error}");
    }
}
