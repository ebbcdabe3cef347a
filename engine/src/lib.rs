//! Layer1 NLP engine: turns resume and job documents into structured data and scores matches.
//!
//! The crate has no network or database code. Modules:
//! - [`extract`]: bytes to text (PDF, DOCX, plain text) with the file type sniffed from the bytes.
//! - [`resume`]: sections, contact details, experience and per-skill statistics of a resume.
//! - [`skills`]: the skill taxonomy, the gazetteer matcher and job requirement extraction.
//! - [`onet`]: requirements inferred from O*NET occupations, over an offline or remote source.
//! - [`embed`]: sentence embeddings (ONNX Runtime, or a hashed n-gram fallback).
//! - [`score`]: cosine kernels and the match scoring strategies.
//! - [`pipeline`]: the [`Engine`] that ties the steps together.
#![warn(missing_docs)]
#![warn(clippy::print_stdout)]

pub mod embed;
pub mod extract;
pub mod onet;
pub mod pipeline;
pub mod resume;
pub mod score;
pub mod skills;

pub use pipeline::{Engine, EngineError};
