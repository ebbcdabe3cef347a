//! Sentence embeddings: the [`Embedder`] trait, the ONNX Runtime model and a hashed fallback.

use std::path::PathBuf;

/// Why embedding failed.
#[derive(Debug, thiserror::Error)]
pub enum EmbedError {
    /// The model or runtime could not be loaded.
    #[error("failed to load the model from {path}: {reason}")]
    ModelLoad {
        /// The file or directory involved.
        path: PathBuf,
        /// What went wrong.
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
pub trait Embedder: Send + Sync {
    /// Embeds each text; the result has one vector per input, in input order.
    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, EmbedError>;
    /// Returns the vector dimension.
    fn dimension(&self) -> usize;
    /// Returns an identifier of the model, used as a cache key.
    fn model_id(&self) -> &str;
}
