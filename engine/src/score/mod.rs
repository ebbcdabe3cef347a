//! Cosine kernels and match scoring strategies.
//!
//! - [`cosine`]: dot and cosine kernels written for auto-vectorisation, and the
//!   requirement × candidate [`SimilarityMatrix`].
//! - [`exact`]: the old Python worker's scoring rules ([`score_exact`]).

pub mod cosine;
pub mod exact;

pub use cosine::SimilarityMatrix;
pub use exact::{
    CandidateSkill, MatchDetail, MatchOutcome, MatchRequest, MatchSummary, RequirementInput,
    ScoreOptions, score_exact,
};
