//! Cosine kernels and match scoring strategies.
//!
//! - [`cosine`]: dot and cosine kernels written for auto-vectorisation, and the
//!   requirement × candidate [`SimilarityMatrix`].
//! - [`exact`]: the old Python worker's scoring rules ([`score_exact`]).
//! - [`semantic`]: canonical skills, aliases and close skills through embeddings, with a
//!   reason per requirement ([`score_semantic`]).
//! - [`breakdown`]: category scores (hard skills, soft skills, experience, education) and
//!   their weighted blend.
//! - [`request`]: the product's entry point, [`score_match`], which runs the chosen strategy
//!   and the breakdown.
//! - [`calibrate`]: threshold choice and metrics on labeled skill pairs.
//! - [`evidence`]: the resume line that mentions each skill.
//! - [`skill_index`]: canonical ids by name and alias.

pub mod breakdown;
pub mod calibrate;
pub mod cosine;
pub mod evidence;
pub mod exact;
pub mod rank;
pub mod request;
pub mod semantic;
pub mod skill_index;

pub use breakdown::{Breakdown, CategoryScore, CategoryWeights, ProfileFacts, WeightsError};
pub use cosine::SimilarityMatrix;
pub use evidence::evidence_lines;
pub use exact::{
    CandidateSkill, MatchDetail, MatchOutcome, MatchRequest, MatchSummary, RequirementInput,
    ScoreOptions, score_exact,
};
pub use request::{
    MatchInput, MatchOptions, ScoredMatch, SoftSkillInput, Strategy, score_match,
    score_match_with_vectors, score_outcome,
};
pub use semantic::{
    CandidateEntry, MatchKind, RequirementEntry, RequirementMatch, SemanticOutcome, Thresholds,
    score_semantic,
};
pub use skill_index::SkillIndex;
