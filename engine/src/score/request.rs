//! The scoring entry point of the product: hard skills by the chosen strategy, soft skills,
//! years of experience and education, blended by category weights.
//!
//! [`score_match`] embeds the skill texts once; [`score_match_with_vectors`] takes vectors
//! that the caller keeps (a cache or a stored index); [`score_outcome`] wraps a hard-skill
//! outcome computed elsewhere (the external Python worker) without embeddings.

use serde::{Deserialize, Serialize};

use crate::embed::{EmbedError, Embedder};
use crate::score::breakdown::{
    Breakdown, CategoryScore, CategoryWeights, ProfileFacts, education_score, experience_score,
};
use crate::score::exact::{
    CandidateSkill, MatchOutcome, RequirementInput, STRENGTH_THRESHOLD, ScoreOptions, score_exact,
};
use crate::score::semantic::{
    CandidateEntry, MatchKind, RequirementEntry, RequirementMatch, SemanticOutcome, normalize,
    score_with_vectors,
};
use crate::score::skill_index::SkillIndex;

/// Rule that scores the hard-skill requirements.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Strategy {
    /// The reference rule: only the same skill text counts.
    Exact,
    /// Canonical skills, aliases and close skills through embeddings.
    #[default]
    Semantic,
}

/// A soft skill that the job names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SoftSkillInput {
    /// Skill name.
    pub skill: String,
    /// Weight in [0, 1]; 0 counts as the default importance.
    pub value: f64,
}

/// Everything one match is scored on.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MatchInput {
    /// The candidate's skills, hard and soft.
    pub candidates: Vec<CandidateEntry>,
    /// The job's hard-skill requirements.
    pub requirements: Vec<RequirementEntry>,
    /// The job's soft skills.
    pub soft_skills: Vec<SoftSkillInput>,
    /// Years and education of both sides.
    pub facts: ProfileFacts,
}

impl MatchInput {
    /// Fills missing skill ids from names and aliases.
    pub fn resolve_ids(&mut self, index: &SkillIndex) {
        for candidate in &mut self.candidates {
            if candidate.skill_id.is_none() {
                candidate.skill_id = index.id_of(&candidate.skill).map(str::to_string);
            }
        }
        for requirement in &mut self.requirements {
            if requirement.skill_id.is_none() {
                requirement.skill_id = index.id_of(&requirement.skill).map(str::to_string);
            }
        }
    }

    /// Returns the texts [`score_match_with_vectors`] needs vectors for, in order:
    /// requirements, soft skills, candidates, each lower-cased and trimmed.
    pub fn texts(&self) -> Vec<String> {
        self.requirements
            .iter()
            .map(|r| normalize(&r.skill))
            .chain(self.soft_skills.iter().map(|s| normalize(&s.skill)))
            .chain(self.candidates.iter().map(|c| normalize(&c.skill)))
            .collect()
    }

    fn soft_requirements(&self) -> Vec<RequirementEntry> {
        self.soft_skills
            .iter()
            .map(|soft| RequirementEntry {
                skill: soft.skill.clone(),
                skill_id: None,
                importance: Some(soft.value),
                inferred: false,
                any_of: None,
            })
            .collect()
    }
}

/// Strategy, reference switches and category weights of one match.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct MatchOptions {
    /// Rule for the hard-skill requirements.
    pub strategy: Strategy,
    /// Switches shared with the reference rules.
    pub score: ScoreOptions,
    /// Category weights of the blend.
    pub weights: CategoryWeights,
}

/// The result of one match.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoredMatch {
    /// The weighted blend of the categories in [0, 1], rounded to 3 decimals.
    pub score: f64,
    /// Hard-skill outcome in the reference shape; its score is the hard-skill category's.
    pub outcome: MatchOutcome,
    /// Decision on each hard-skill requirement, in requirement order.
    pub requirements: Vec<RequirementMatch>,
    /// Decision on each soft skill of the job, in job order.
    pub soft_skills: Vec<RequirementMatch>,
    /// The category scores.
    pub breakdown: Breakdown,
}

/// Scores a match, embedding every skill text in one call.
///
/// Missing skill ids are expected to be filled beforehand ([`MatchInput::resolve_ids`]).
///
/// # Errors
///
/// Returns the embedder's error when embedding fails or returns the wrong number of vectors.
pub fn score_match(
    input: &MatchInput,
    embedder: &dyn Embedder,
    options: &MatchOptions,
) -> Result<ScoredMatch, EmbedError> {
    let texts = input.texts();
    let nothing_to_compare = input.candidates.is_empty()
        || (input.requirements.is_empty() && input.soft_skills.is_empty());
    let vectors = if nothing_to_compare {
        vec![Vec::new(); texts.len()]
    } else if options.strategy == Strategy::Exact && input.soft_skills.is_empty() {
        Vec::new()
    } else {
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        embedder.embed(&refs)?
    };
    if !vectors.is_empty() && vectors.len() != texts.len() {
        return Err(EmbedError::Inference(format!(
            "the embedder returned {} vectors for {} texts",
            vectors.len(),
            texts.len()
        )));
    }

    if options.strategy == Strategy::Exact {
        let outcome = score_exact(
            &reference_candidates(input),
            &reference_requirements(input),
            embedder,
            &options.score,
        )?;
        let requirements = matches_from_outcome(input, &outcome);
        let soft = soft_outcome(input, (!vectors.is_empty()).then_some(&vectors[..]));
        return Ok(assemble(input, outcome, requirements, soft, options));
    }
    Ok(score_match_with_vectors(input, &vectors, options))
}

/// Scores a match with the semantic strategy from precomputed vectors, one per text of
/// [`MatchInput::texts`] and in that order. Empty vectors count as unknown (cosine 0), so
/// only same names and same ids match.
///
/// # Panics
///
/// Panics when `vectors` is neither empty nor as long as [`MatchInput::texts`].
pub fn score_match_with_vectors(
    input: &MatchInput,
    vectors: &[Vec<f32>],
    options: &MatchOptions,
) -> ScoredMatch {
    let (requirements, soft, candidates) = split_vectors(input, vectors);
    let hard = score_with_vectors(
        &input.candidates,
        &candidates,
        &input.requirements,
        &requirements,
        &options.score,
    );
    let soft = score_with_vectors(
        &input.candidates,
        &candidates,
        &input.soft_requirements(),
        &soft,
        &ScoreOptions::default(),
    );
    let outcome = hard.to_match_outcome();
    assemble(input, outcome, hard.matches, soft, options)
}

/// Wraps a hard-skill outcome computed elsewhere (such as by the external Python worker):
/// requirements with a counted similarity of at least 0.5 count as canonical matches, and
/// soft skills match by name or id only.
pub fn score_outcome(
    input: &MatchInput,
    outcome: MatchOutcome,
    options: &MatchOptions,
) -> ScoredMatch {
    let requirements = matches_from_outcome(input, &outcome);
    let soft = soft_outcome(input, None);
    assemble(input, outcome, requirements, soft, options)
}

/// Explains a reference-shaped outcome: a counted similarity of at least 0.5 is a canonical
/// match, anything else none.
fn matches_from_outcome(input: &MatchInput, outcome: &MatchOutcome) -> Vec<RequirementMatch> {
    outcome
        .summary
        .details
        .iter()
        .map(|detail| {
            let covered = detail.similarity >= STRENGTH_THRESHOLD;
            RequirementMatch {
                requirement: detail.requirement.clone(),
                importance: detail.importance,
                inferred: detail.inferred,
                matched_skill: detail.matched_skill.clone(),
                similarity: detail.similarity,
                credit: if covered { detail.similarity } else { 0.0 },
                kind: if covered {
                    MatchKind::Canonical
                } else {
                    MatchKind::None
                },
                evidence: detail
                    .matched_skill
                    .as_deref()
                    .and_then(|skill| evidence_of(input, skill)),
                alternative_to: None,
            }
        })
        .collect()
}

/// Builds the breakdown and the blend around the hard-skill and soft-skill outcomes.
fn assemble(
    input: &MatchInput,
    outcome: MatchOutcome,
    requirements: Vec<RequirementMatch>,
    soft: SemanticOutcome,
    options: &MatchOptions,
) -> ScoredMatch {
    let weights = options.weights;
    let breakdown = Breakdown {
        hard_skills: hard_score(&outcome, &requirements, weights.hard_skills, &options.score),
        soft_skills: soft_score(&soft, weights.soft_skills),
        experience: experience_score(&input.facts, weights.experience),
        education: education_score(&input.facts, weights.education),
    };
    ScoredMatch {
        score: breakdown.blend(),
        outcome,
        requirements,
        soft_skills: soft.matches,
        breakdown,
    }
}

fn hard_score(
    outcome: &MatchOutcome,
    requirements: &[RequirementMatch],
    weight: f64,
    options: &ScoreOptions,
) -> CategoryScore {
    let counted: Vec<&RequirementMatch> = requirements
        .iter()
        .filter(|r| options.use_inferred_requirements || !r.inferred)
        .filter(|r| r.alternative_to.is_none())
        .collect();
    if counted.is_empty() {
        return CategoryScore {
            score: None,
            weight,
            based_on: "the job lists no hard-skill requirements".to_string(),
        };
    }
    let covered = counted.iter().filter(|r| r.kind.covers()).count();
    let related = counted
        .iter()
        .filter(|r| r.kind == MatchKind::Related)
        .count();
    let mut based_on = format!("{covered} of {} requirements covered", counted.len());
    if related > 0 {
        based_on.push_str(&format!(", {related} more in part by a related skill"));
    }
    CategoryScore {
        score: Some(outcome.score),
        weight,
        based_on,
    }
}

fn soft_score(soft: &SemanticOutcome, weight: f64) -> CategoryScore {
    if soft.matches.is_empty() {
        return CategoryScore {
            score: None,
            weight,
            based_on: "the job names no soft skills".to_string(),
        };
    }
    let found: Vec<&str> = soft
        .matches
        .iter()
        .filter(|m| m.kind.covers())
        .map(|m| m.requirement.as_str())
        .collect();
    let mut based_on = format!(
        "{} of {} soft skills found in the resume",
        found.len(),
        soft.matches.len()
    );
    if !found.is_empty() {
        based_on.push_str(&format!(": {}", found.join(", ")));
    }
    CategoryScore {
        score: Some(soft.score),
        weight,
        based_on,
    }
}

/// Scores the soft skills semantically with `vectors` (all texts), or by name and id only.
fn soft_outcome(input: &MatchInput, vectors: Option<&[Vec<f32>]>) -> SemanticOutcome {
    let (_, soft, candidates) = split_vectors(input, vectors.unwrap_or_default());
    score_with_vectors(
        &input.candidates,
        &candidates,
        &input.soft_requirements(),
        &soft,
        &ScoreOptions::default(),
    )
}

/// One vector per text.
type Vectors = Vec<Vec<f32>>;

/// Splits the vectors of [`MatchInput::texts`] into requirement, soft-skill and candidate
/// parts; empty input gives empty vectors of the right counts.
fn split_vectors(input: &MatchInput, vectors: &[Vec<f32>]) -> (Vectors, Vectors, Vectors) {
    let (r, s, c) = (
        input.requirements.len(),
        input.soft_skills.len(),
        input.candidates.len(),
    );
    if vectors.is_empty() {
        return (
            vec![Vec::new(); r],
            vec![Vec::new(); s],
            vec![Vec::new(); c],
        );
    }
    assert_eq!(vectors.len(), r + s + c, "one vector per text of the input");
    (
        vectors[..r].to_vec(),
        vectors[r..r + s].to_vec(),
        vectors[r + s..].to_vec(),
    )
}

fn reference_candidates(input: &MatchInput) -> Vec<CandidateSkill> {
    input
        .candidates
        .iter()
        .map(|c| CandidateSkill {
            skill: c.skill.clone(),
            experience_years: None,
            proficiency: None,
        })
        .collect()
}

fn reference_requirements(input: &MatchInput) -> Vec<RequirementInput> {
    input
        .requirements
        .iter()
        .map(|r| RequirementInput {
            skill: r.skill.clone(),
            importance: r.importance,
            inferred: r.inferred,
        })
        .collect()
}

fn evidence_of(input: &MatchInput, skill: &str) -> Option<String> {
    let skill = normalize(skill);
    input
        .candidates
        .iter()
        .find(|c| normalize(&c.skill) == skill)
        .and_then(|c| c.evidence.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::exact::{MatchDetail, MatchSummary};

    fn sample_input() -> MatchInput {
        MatchInput {
            candidates: vec![CandidateEntry {
                skill: "PostgreSQL".into(),
                skill_id: None,
                evidence: Some("Tuned PostgreSQL queries".into()),
            }],
            requirements: vec![
                RequirementEntry {
                    skill: "postgres".into(),
                    skill_id: None,
                    importance: Some(1.0),
                    inferred: false,
                    any_of: None,
                },
                RequirementEntry {
                    skill: "kubernetes".into(),
                    skill_id: None,
                    importance: Some(1.0),
                    inferred: false,
                    any_of: None,
                },
            ],
            soft_skills: vec![SoftSkillInput {
                skill: "communication".into(),
                value: 0.5,
            }],
            facts: ProfileFacts {
                candidate_years: Some(2.0),
                required_years: Some(4.0),
                ..ProfileFacts::default()
            },
        }
    }

    #[test]
    fn ids_decide_without_vectors() {
        let mut input = sample_input();
        input.resolve_ids(SkillIndex::builtin());
        let scored = score_match_with_vectors(&input, &[], &MatchOptions::default());

        assert_eq!(scored.requirements[0].kind, MatchKind::Alias);
        assert_eq!(scored.requirements[1].kind, MatchKind::None);
        let breakdown = &scored.breakdown;
        assert_eq!(breakdown.hard_skills.score, Some(0.5));
        assert_eq!(breakdown.soft_skills.score, Some(0.0));
        assert_eq!(breakdown.experience.score, Some(0.5));
        assert_eq!(breakdown.education.score, None);
        // (0.6 × 0.5 + 0.1 × 0 + 0.2 × 0.5) / 0.9
        assert_eq!(scored.score, 0.444);
    }

    #[test]
    fn outside_outcome_keeps_its_hard_skill_score() {
        let detail = |requirement: &str, similarity: f64| MatchDetail {
            requirement: requirement.into(),
            importance: 1.0,
            similarity,
            matched_skill: Some("postgresql".into()),
            inferred: false,
        };
        let details = vec![detail("postgresql", 1.0), detail("kubernetes", 0.0)];
        let outcome = MatchOutcome {
            score: 0.5,
            summary: MatchSummary {
                overall_match_score: 0.5,
                strengths: vec![details[0].clone()],
                gaps: vec![details[1].clone()],
                details,
            },
        };
        let scored = score_outcome(&sample_input(), outcome, &MatchOptions::default());

        assert_eq!(scored.outcome.score, 0.5);
        assert_eq!(scored.requirements[0].kind, MatchKind::Canonical);
        assert_eq!(
            scored.requirements[0].evidence.as_deref(),
            Some("Tuned PostgreSQL queries")
        );
        assert_eq!(scored.requirements[1].kind, MatchKind::None);
        assert_eq!(scored.breakdown.hard_skills.score, Some(0.5));
        assert_eq!(
            scored.breakdown.hard_skills.based_on,
            "1 of 2 requirements covered"
        );
    }
}
