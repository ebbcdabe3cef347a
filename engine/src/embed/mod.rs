//! Sentence embeddings: the [`Embedder`] trait, the ONNX Runtime model and a hashed fallback.
//!
//! [`load_embedder`] returns the ONNX embedder when the model and runtime are installed (see
//! `scripts/setup.sh`) and the [`HashedEmbedder`] otherwise. [`load_shared_embedder`] puts a
//! [`BatchingEmbedder`] in front of the ONNX embedder, so one loaded model serves every caller
//! of a process and concurrent calls share inference calls.

mod batcher;
mod cache;
mod hashed;
mod location;
mod onnx;
mod pooling;

use std::path::PathBuf;
use std::sync::{Arc, Once};

pub use batcher::{
    BatcherSettings, BatcherStats, BatchingEmbedder, DEFAULT_BATCH_TEXTS, DEFAULT_BATCH_WAIT,
};
pub use cache::{
    CachedEmbedder, EmbeddingCache, LayerStats, LayeredCache, MemoryCache, StaticVectors, cache_key,
};
pub use hashed::{HASHED_DIMENSION, HashedEmbedder};
pub use location::{
    MODEL_FILE, ModelLocation, ModelVariant, ORT_DYLIB_PREFIX, QUANTIZED_MODEL_FILE, TOKENIZER_FILE,
};
pub use onnx::{DEFAULT_BATCH_SIZE, DEFAULT_BATCH_TOKENS, MAX_TOKENS, OnnxEmbedder};

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
    /// The micro-batching worker failed to accept or reply to the request.
    #[error("embedding batcher failed: {0}")]
    Batcher(String),
}

/// Turns texts into L2-normalised vectors of a fixed dimension.
///
/// Empty or whitespace-only texts map to the zero vector in the embedders of this module, so
/// their cosine with any vector is 0 (never NaN). Calls block the calling thread while the
/// model runs: async callers use a blocking task.
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

/// Settings of the embedder a process shares between all its callers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EmbedSettings {
    /// ONNX Runtime intra-op threads per inference call (0 lets the runtime choose).
    pub intra_threads: usize,
    /// Merging of concurrent calls; `max_texts` is also the ONNX batch size.
    pub batch: BatcherSettings,
}

/// Loads the embedder that one process shares: the ONNX model behind a [`BatchingEmbedder`]
/// (inference on its worker thread, concurrent calls merged), or the [`HashedEmbedder`] when
/// the model is missing or fails to load, logged as in [`load_embedder`].
pub fn load_shared_embedder(
    location: &ModelLocation,
    settings: &EmbedSettings,
) -> (Arc<dyn Embedder>, EmbedderKind) {
    let Some(onnx) = load_onnx(location, settings.intra_threads) else {
        return (Arc::new(HashedEmbedder::new()), EmbedderKind::Hashed);
    };
    let onnx = Arc::new(onnx.with_batch_size(settings.batch.max_texts));
    match BatchingEmbedder::new(onnx.clone(), settings.batch) {
        Ok(batcher) => (Arc::new(batcher), EmbedderKind::Onnx),
        Err(err) => {
            tracing::warn!(error = %err, "embedding calls are not merged");
            (onnx, EmbedderKind::Onnx)
        }
    }
}

/// Loads the ONNX embedder from `location`, or falls back to the [`HashedEmbedder`] when a
/// file is missing or loading fails.
///
/// The fallback is logged at warn level once per process, naming the missing files or the
/// load error. `intra_threads` is passed to [`OnnxEmbedder::load`] (0 lets the runtime choose).
pub fn load_embedder(
    location: &ModelLocation,
    intra_threads: usize,
) -> (Arc<dyn Embedder>, EmbedderKind) {
    match load_onnx(location, intra_threads) {
        Some(embedder) => (Arc::new(embedder), EmbedderKind::Onnx),
        None => (Arc::new(HashedEmbedder::new()), EmbedderKind::Hashed),
    }
}

/// Loads the ONNX embedder, or logs why it cannot (once per process) and returns `None`.
fn load_onnx(location: &ModelLocation, intra_threads: usize) -> Option<OnnxEmbedder> {
    let missing = location.missing_files();
    if !missing.is_empty() {
        let missing: Vec<String> = missing
            .iter()
            .map(|path| path.display().to_string())
            .collect();
        FALLBACK_WARNING.call_once(|| {
            tracing::warn!(
                missing = ?missing,
                variant = location.variant.as_str(),
                "sentence model not installed, using hashed n-gram embeddings; \
                 run scripts/setup.sh to install it"
            );
        });
        return None;
    }

    match OnnxEmbedder::load(location, intra_threads) {
        Ok(embedder) => {
            tracing::info!(
                model_id = embedder.model_id(),
                variant = location.variant.as_str(),
                dimension = embedder.dimension(),
                "loaded sentence model"
            );
            Some(embedder)
        }
        Err(err) => {
            FALLBACK_WARNING.call_once(|| {
                tracing::warn!(
                    error = %err,
                    "failed to load the sentence model, using hashed n-gram embeddings"
                );
            });
            None
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
