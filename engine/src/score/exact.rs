//! The `exact` match strategy: the old Python worker's scoring, reproduced number for number.
//!
//! Rules, as the old worker applied them:
//! - Skill strings are lower-cased but not trimmed, so `" python "` does not equal `"python"`.
//! - Each requirement takes the candidate skill with the highest embedding cosine (the first
//!   one on ties). Its similarity counts as 1.0 only when that skill equals the lower-cased
//!   requirement text, and as 0.0 otherwise, even for a close synonym.
//! - A requirement is a strength when its counted similarity is at least
//!   [`STRENGTH_THRESHOLD`], else a gap. Duplicate requirements each count.
//! - The weight is the importance, where a missing importance or 0 counts as
//!   [`DEFAULT_IMPORTANCE`] (Python's `importance or 0.5`).
//! - Without inferred requirements, the score is the weight of explicit strengths divided by
//!   the weight of all explicit requirements, and 0.0 when there are none (inferred
//!   requirements still appear as strengths or gaps).
//! - With them, the explicit and the inferred strength weights are both divided by the total
//!   weight, and the inferred part is capped at [`INFERRED_SHARE_CAP`] of the sum of both.
//! - The score is rounded to 3 decimals, half to even on the exact binary value, as Python's
//!   `round` does.

use serde::{Deserialize, Serialize};

use crate::embed::{EmbedError, Embedder};
use crate::score::cosine::SimilarityMatrix;

/// Counted similarity from which a requirement is a strength.
pub const STRENGTH_THRESHOLD: f64 = 0.5;
/// Weight of a requirement whose importance is missing or 0.
pub const DEFAULT_IMPORTANCE: f64 = 0.5;
/// Maximum share of the inferred part in the score when inferred requirements are used.
pub const INFERRED_SHARE_CAP: f64 = 0.2;

/// A skill of the candidate, as the old worker's `/match` request carries it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CandidateSkill {
    /// Skill name as extracted from the resume.
    pub skill: String,
    /// Years of experience with the skill; not used by the `exact` strategy.
    #[serde(default)]
    pub experience_years: Option<f64>,
    /// Proficiency in [0, 1]; not used by the `exact` strategy.
    #[serde(default)]
    pub proficiency: Option<f64>,
}

/// A requirement of the job, as the old worker's `/match` request carries it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequirementInput {
    /// Skill name as extracted from the job description.
    pub skill: String,
    /// Importance in [0, 1]; missing or 0 counts as [`DEFAULT_IMPORTANCE`].
    #[serde(default)]
    pub importance: Option<f64>,
    /// Whether the requirement was inferred from the occupation rather than found in the text.
    #[serde(default)]
    pub inferred: bool,
}

/// The body of the old worker's `/match` request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatchRequest {
    /// The candidate's skills.
    pub candidate_skills: Vec<CandidateSkill>,
    /// The job's requirements.
    pub requirements: Vec<RequirementInput>,
}

/// Switches of the scoring rules.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreOptions {
    /// Counts inferred requirements in the score (`USE_INFERRED_REQUIREMENTS`).
    pub use_inferred_requirements: bool,
}

/// The outcome for one requirement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatchDetail {
    /// Requirement text as sent, case preserved.
    pub requirement: String,
    /// Weight used: the importance, or [`DEFAULT_IMPORTANCE`] when it was missing or 0.
    pub importance: f64,
    /// Counted similarity: 1.0 when the best candidate equals the requirement, else 0.0.
    pub similarity: f64,
    /// Lower-cased candidate skill with the highest cosine, or `None` without candidates.
    pub matched_skill: Option<String>,
    /// Whether the requirement was inferred.
    pub inferred: bool,
}

/// Strengths, gaps and per-requirement details of a match.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatchSummary {
    /// The score in [0, 1], equal to [`MatchOutcome::score`].
    pub overall_match_score: f64,
    /// Requirements met, in requirement order.
    pub strengths: Vec<MatchDetail>,
    /// Requirements not met, in requirement order.
    pub gaps: Vec<MatchDetail>,
    /// Every requirement, in requirement order.
    pub details: Vec<MatchDetail>,
}

/// The old worker's `/match` response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatchOutcome {
    /// The score in [0, 1], rounded to 3 decimals.
    pub score: f64,
    /// The explanation of the score.
    pub summary: MatchSummary,
}

/// Scores candidate skills against requirements with the `exact` strategy described in the
/// module documentation.
///
/// Embeds the lower-cased skills of both lists in one call, in the calling thread.
///
/// # Errors
///
/// Returns the embedder's error when embedding fails.
pub fn score_exact(
    candidates: &[CandidateSkill],
    requirements: &[RequirementInput],
    embedder: &dyn Embedder,
    options: &ScoreOptions,
) -> Result<MatchOutcome, EmbedError> {
    let candidate_texts: Vec<String> = candidates.iter().map(|c| c.skill.to_lowercase()).collect();
    let requirement_texts: Vec<String> = requirements
        .iter()
        .map(|r| r.skill.to_lowercase())
        .collect();
    let matrix = similarity_matrix(&requirement_texts, &candidate_texts, embedder)?;

    let details: Vec<MatchDetail> = requirements
        .iter()
        .zip(&requirement_texts)
        .enumerate()
        .map(|(row, (requirement, text))| {
            let best = best_candidate(&matrix, row, text, &candidate_texts);
            let matched_skill = best.map(|col| candidate_texts[col].clone());
            let counted = if matched_skill.as_deref() == Some(text.as_str()) {
                1.0
            } else {
                0.0
            };
            MatchDetail {
                requirement: requirement.skill.clone(),
                importance: weight(requirement.importance),
                similarity: counted,
                matched_skill,
                inferred: requirement.inferred,
            }
        })
        .collect();

    let score = round3(weighted_score(&details, options));
    let (strengths, gaps) = details
        .iter()
        .cloned()
        .partition(|detail| detail.similarity >= STRENGTH_THRESHOLD);

    Ok(MatchOutcome {
        score,
        summary: MatchSummary {
            overall_match_score: score,
            strengths,
            gaps,
            details,
        },
    })
}

/// Embeds both lists in one call and returns the requirement × candidate cosine matrix.
fn similarity_matrix(
    requirements: &[String],
    candidates: &[String],
    embedder: &dyn Embedder,
) -> Result<SimilarityMatrix, EmbedError> {
    if requirements.is_empty() || candidates.is_empty() {
        return Ok(SimilarityMatrix::cosine(
            &vec![Vec::new(); requirements.len()],
            &vec![Vec::new(); candidates.len()],
        ));
    }

    let texts: Vec<&str> = requirements
        .iter()
        .chain(candidates)
        .map(String::as_str)
        .collect();
    let mut vectors = embedder.embed(&texts)?;
    if vectors.len() != texts.len() {
        return Err(EmbedError::Inference(format!(
            "the embedder returned {} vectors for {} texts",
            vectors.len(),
            texts.len()
        )));
    }

    let candidate_vectors = vectors.split_off(requirements.len());
    Ok(SimilarityMatrix::cosine(&vectors, &candidate_vectors))
}

/// Picks the candidate with the highest cosine for requirement `row`, the first on ties.
///
/// A blank requirement embeds to the zero vector, whose cosine is 0 with every candidate. For
/// it the first candidate equal to the requirement text is taken, because a model that embeds
/// blank text would give that candidate the highest cosine.
fn best_candidate(
    matrix: &SimilarityMatrix,
    row: usize,
    requirement: &str,
    candidates: &[String],
) -> Option<usize> {
    if requirement.trim().is_empty()
        && let Some(col) = candidates.iter().position(|c| c == requirement)
    {
        return Some(col);
    }
    matrix.best_in_row(row).map(|(col, _)| col)
}

/// Returns the weight of a requirement: its importance, or the default when missing or 0.
fn weight(importance: Option<f64>) -> f64 {
    match importance {
        Some(value) if value != 0.0 => value,
        _ => DEFAULT_IMPORTANCE,
    }
}

/// Computes the unrounded score from the details, summing weights in requirement order.
fn weighted_score(details: &[MatchDetail], options: &ScoreOptions) -> f64 {
    let mut explicit_total = 0.0;
    let mut explicit_met = 0.0;
    let mut inferred_total = 0.0;
    let mut inferred_met = 0.0;
    for detail in details {
        let met = if detail.similarity >= STRENGTH_THRESHOLD {
            detail.importance * detail.similarity
        } else {
            0.0
        };
        if detail.inferred {
            inferred_total += detail.importance;
            inferred_met += met;
        } else {
            explicit_total += detail.importance;
            explicit_met += met;
        }
    }

    if !options.use_inferred_requirements {
        return if explicit_total > 0.0 {
            explicit_met / explicit_total
        } else {
            0.0
        };
    }

    let total = explicit_total + inferred_total;
    if total <= 0.0 {
        return 0.0;
    }
    let explicit_part = explicit_met / total;
    let inferred_part = inferred_met / total;
    let capped = inferred_part.min(INFERRED_SHARE_CAP * (explicit_part + inferred_part));
    explicit_part + capped
}

/// Rounds to 3 decimals like Python's `round(value, 3)`: the exact binary value is rounded,
/// with ties to even. Rust's float formatting rounds the same way.
fn round3(value: f64) -> f64 {
    if !value.is_finite() {
        return value;
    }
    format!("{value:.3}")
        .parse()
        .expect("a formatted finite float parses back")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round3_matches_python_round() {
        let cases = [
            (0.0625, 0.062),
            (0.1875, 0.188),
            (2.675, 2.675),
            (1.0005, 1.0),
            (2.0 / 3.0, 0.667),
            (0.5294117647058824 * 0.2, 0.106),
        ];
        for (input, expected) in cases {
            assert_eq!(round3(input), expected, "round3({input})");
        }
    }

    #[test]
    fn weight_defaults_missing_and_zero() {
        assert_eq!(weight(None), 0.5);
        assert_eq!(weight(Some(0.0)), 0.5);
        assert_eq!(weight(Some(0.7)), 0.7);
    }
}
