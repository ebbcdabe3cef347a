//! The [`Engine`]: extraction, understanding and scoring behind one value.

/// Why a pipeline step failed.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// Text extraction failed.
    #[error(transparent)]
    Extract(#[from] crate::extract::ExtractError),
    /// Embedding failed.
    #[error(transparent)]
    Embed(#[from] crate::embed::EmbedError),
}

/// The engine.
pub struct Engine {}
