//! The `semantic` match strategy: canonical skills, aliases and close skills through
//! embeddings, with a reason for every requirement.
//!
//! Rules:
//! - Skill texts are lower-cased and trimmed before comparing and embedding.
//! - A requirement is covered with credit 1.0 when a candidate skill has the same text
//!   ([`MatchKind::Canonical`]) or the same canonical skill id ([`MatchKind::Alias`]).
//! - Otherwise the candidate with the highest cosine is taken (the first one on ties). Its
//!   similarity is the credit when it reaches [`SAME_THRESHOLD`] ([`MatchKind::Semantic`]).
//!   When it only reaches [`RELATED_THRESHOLD`], the credit is the similarity times
//!   [`RELATED_CREDIT`] ([`MatchKind::Related`]). Below that the credit is 0.
//! - A glued-prefix pair is never a related match. In such a pair one name is the other with
//!   more letters glued on ("java" and "javascript", "sas" and "sass", "r" and "ruby"), and
//!   the model rates it close for the shared word piece alone. The pair can still be the same
//!   skill when its cosine reaches [`SAME_THRESHOLD`].
//! - Weights, inferred requirements and rounding follow the `exact` rules: the weight is the
//!   importance (missing or 0 counts as [`DEFAULT_IMPORTANCE`]), and with inferred
//!   requirements their part is capped at [`INFERRED_SHARE_CAP`] of the score.
//! - Of a group of alternatives (requirements with the same `any_of`, "Python, Ruby or Go"),
//!   only the best-met member counts; the others name it in `alternative_to`.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::embed::{EmbedError, Embedder};
use crate::score::cosine::SimilarityMatrix;
use crate::score::exact::{
    DEFAULT_IMPORTANCE, INFERRED_SHARE_CAP, MatchDetail, MatchOutcome, MatchSummary, ScoreOptions,
};

/// Cosine from which an embedding match counts as the same skill.
///
/// Chosen on the calibration half of `tests/data/skill-pairs.tsv` by
/// `cargo test -p layer1-engine --test calibration -- --ignored --nocapture` with
/// all-MiniLM-L6-v2: the most accurate thresholds that credit at most 10 % of the `different`
/// pairs ([`MAX_FALSE_CREDIT`](crate::score::calibrate::MAX_FALSE_CREDIT)). Accuracy over the
/// three classes: 0.673 on the calibration half, 0.552 on the test half.
pub const SAME_THRESHOLD: f32 = 0.695;
/// Cosine from which an embedding match counts as a related skill, from the same run as
/// [`SAME_THRESHOLD`]. On the test half 39 % of the `related` pairs reach it and 14.5 % of the
/// `different` pairs do.
// NOTE: the sentence model separates related from different skills poorly. Plain accuracy
// would put this cut-off near 0.19, where a third of the different pairs earn credit.
pub const RELATED_THRESHOLD: f32 = 0.396;
/// Share of the similarity credited for a related skill.
pub const RELATED_CREDIT: f64 = 0.5;

/// The two similarity cut-offs of the strategy.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    /// Cosine from which a pair is the same skill.
    pub same: f32,
    /// Cosine from which a pair is related.
    pub related: f32,
}

impl Thresholds {
    /// The calibrated thresholds, [`SAME_THRESHOLD`] and [`RELATED_THRESHOLD`].
    pub const CALIBRATED: Self = Self {
        same: SAME_THRESHOLD,
        related: RELATED_THRESHOLD,
    };

    /// Returns the class a similarity falls in.
    pub fn classify(&self, similarity: f32) -> PairClass {
        if similarity >= self.same {
            PairClass::Same
        } else if similarity >= self.related {
            PairClass::Related
        } else {
            PairClass::Different
        }
    }
}

/// Closeness class of two skills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PairClass {
    /// The same skill.
    Same,
    /// Experience in one transfers in part to the other.
    Related,
    /// No credit.
    Different,
}

/// Kind of match that gave a requirement its credit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    /// The candidate lists the requirement's skill under the same name.
    Canonical,
    /// The candidate lists the same canonical skill under another name.
    Alias,
    /// The requirement names a suite ("Adobe Creative Suite", "Microsoft Office") and the
    /// candidate lists one of its products ("Photoshop", "Excel").
    Member,
    /// An embedding match at or above the "same" threshold.
    Semantic,
    /// An embedding match at or above the "related" threshold: partial credit.
    Related,
    /// No candidate skill is close enough.
    None,
}

impl MatchKind {
    /// Returns true for the kinds that cover the requirement fully.
    pub fn covers(self) -> bool {
        matches!(
            self,
            Self::Canonical | Self::Alias | Self::Member | Self::Semantic
        )
    }
}

/// A skill of the candidate as the semantic strategy reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CandidateEntry {
    /// Skill name as extracted from the resume.
    pub skill: String,
    /// Stable id of the canonical skill, when known.
    pub skill_id: Option<String>,
    /// The resume line that mentions the skill, when known.
    pub evidence: Option<String>,
}

/// A requirement of the job as the semantic strategy reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequirementEntry {
    /// Skill name as extracted from the job description.
    pub skill: String,
    /// Stable id of the canonical skill, when known.
    pub skill_id: Option<String>,
    /// Importance in [0, 1]; missing or 0 counts as [`DEFAULT_IMPORTANCE`].
    pub importance: Option<f64>,
    /// Whether the requirement was inferred rather than found in the text.
    pub inferred: bool,
    /// Number of the group of alternatives the requirement belongs to ("Python, Ruby or Go"):
    /// only the best-met member of a group counts.
    #[serde(default)]
    pub any_of: Option<usize>,
}

/// The decision for one requirement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequirementMatch {
    /// Requirement text as sent, case preserved.
    pub requirement: String,
    /// Weight used.
    pub importance: f64,
    /// Whether the requirement was inferred.
    pub inferred: bool,
    /// Lower-cased candidate skill that decided the credit (the closest one for
    /// [`MatchKind::None`]), or `None` without candidates.
    pub matched_skill: Option<String>,
    /// Cosine of the requirement and `matched_skill`; 1.0 for canonical and alias matches.
    pub similarity: f64,
    /// Credit in [0, 1] the requirement adds, before its weight.
    pub credit: f64,
    /// Kind of match behind the credit.
    pub kind: MatchKind,
    /// The resume line that mentions `matched_skill`, when known.
    pub evidence: Option<String>,
    /// The requirement of the same group of alternatives that was met better, when there is
    /// one. This requirement then adds nothing to the score, met or not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternative_to: Option<String>,
}

/// Score and per-requirement decisions of the semantic strategy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SemanticOutcome {
    /// Weighted credit in [0, 1], rounded to 3 decimals.
    pub score: f64,
    /// One decision per requirement, in requirement order.
    pub matches: Vec<RequirementMatch>,
}

impl SemanticOutcome {
    /// Returns the outcome in the `exact` strategy's shape: the counted similarity of each
    /// detail is its credit; covering kinds are strengths, the others gaps.
    pub fn to_match_outcome(&self) -> MatchOutcome {
        let detail = |m: &RequirementMatch| MatchDetail {
            requirement: m.requirement.clone(),
            importance: m.importance,
            similarity: m.credit,
            matched_skill: m.matched_skill.clone(),
            inferred: m.inferred,
        };
        let details: Vec<MatchDetail> = self.matches.iter().map(detail).collect();
        let strengths = self
            .matches
            .iter()
            .filter(|m| m.kind.covers())
            .map(detail)
            .collect();
        // An alternative another member of its group stood for is no gap.
        let gaps = self
            .matches
            .iter()
            .filter(|m| !m.kind.covers() && m.alternative_to.is_none())
            .map(detail)
            .collect();
        MatchOutcome {
            score: self.score,
            summary: MatchSummary {
                overall_match_score: self.score,
                strengths,
                gaps,
                details,
            },
        }
    }
}

/// Returns the text the strategy compares and embeds: lower-cased and trimmed.
pub fn normalize(skill: &str) -> String {
    skill.trim().to_lowercase()
}

/// Scores candidate skills against requirements with the semantic strategy, embedding both
/// lists in one call in the calling thread.
///
/// # Errors
///
/// Returns the embedder's error when embedding fails or returns the wrong number of vectors.
pub fn score_semantic(
    candidates: &[CandidateEntry],
    requirements: &[RequirementEntry],
    embedder: &dyn Embedder,
    options: &ScoreOptions,
) -> Result<SemanticOutcome, EmbedError> {
    let texts: Vec<String> = requirements
        .iter()
        .map(|r| normalize(&r.skill))
        .chain(candidates.iter().map(|c| normalize(&c.skill)))
        .collect();
    let mut vectors = if requirements.is_empty() || candidates.is_empty() {
        vec![Vec::new(); texts.len()]
    } else {
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        embedder.embed(&refs)?
    };
    if vectors.len() != texts.len() {
        return Err(EmbedError::Inference(format!(
            "the embedder returned {} vectors for {} texts",
            vectors.len(),
            texts.len()
        )));
    }

    let candidate_vectors = vectors.split_off(requirements.len());
    Ok(score_with_vectors(
        candidates,
        &candidate_vectors,
        requirements,
        &vectors,
        options,
    ))
}

/// Scores with precomputed vectors: one per candidate and one per requirement, in order.
///
/// This is the strategy without the embedding step, for callers that keep vectors (a cache,
/// a stored index).
///
/// # Panics
///
/// Panics when a vector list and its skill list differ in length.
pub fn score_with_vectors(
    candidates: &[CandidateEntry],
    candidate_vectors: &[Vec<f32>],
    requirements: &[RequirementEntry],
    requirement_vectors: &[Vec<f32>],
    options: &ScoreOptions,
) -> SemanticOutcome {
    assert_eq!(
        candidates.len(),
        candidate_vectors.len(),
        "one vector per candidate"
    );
    assert_eq!(
        requirements.len(),
        requirement_vectors.len(),
        "one vector per requirement"
    );
    let matrix = SimilarityMatrix::cosine(requirement_vectors, candidate_vectors);
    let candidate_texts: Vec<String> = candidates.iter().map(|c| normalize(&c.skill)).collect();

    let mut matches: Vec<RequirementMatch> = requirements
        .iter()
        .enumerate()
        .map(|(row, requirement)| decide(requirement, row, &matrix, candidates, &candidate_texts))
        .collect();
    settle_alternatives(requirements, &mut matches);
    SemanticOutcome {
        score: round3(weighted_credit(&matches, options)),
        matches,
    }
}

/// Suites by skill id and the ids of their products. A candidate who lists a product of the
/// suite meets a requirement for the suite: the model rates "Adobe Creative Suite" and
/// "Photoshop" far apart, though the one is part of the other.
const SUITES: &[(&str, &[&str])] = &[
    (
        "adobe-creative-suite",
        &[
            "photoshop",
            "illustrator",
            "indesign",
            "premiere-pro",
            "after-effects",
            "lightroom",
            "adobe-xd",
        ],
    ),
    (
        "microsoft-office",
        &["excel", "word", "powerpoint", "outlook", "access"],
    ),
];

/// Decides the credit of requirement `row`.
fn decide(
    requirement: &RequirementEntry,
    row: usize,
    matrix: &SimilarityMatrix,
    candidates: &[CandidateEntry],
    candidate_texts: &[String],
) -> RequirementMatch {
    let text = normalize(&requirement.skill);
    let mut decision = RequirementMatch {
        requirement: requirement.skill.clone(),
        importance: weight(requirement.importance),
        inferred: requirement.inferred,
        matched_skill: None,
        similarity: 0.0,
        credit: 0.0,
        kind: MatchKind::None,
        evidence: None,
        alternative_to: None,
    };

    let same_name = candidate_texts.iter().position(|c| *c == text);
    let same_id = || {
        let id = requirement.skill_id.as_deref()?;
        candidates
            .iter()
            .position(|c| c.skill_id.as_deref() == Some(id))
    };
    let member = || {
        let id = requirement.skill_id.as_deref()?;
        let (_, products) = SUITES.iter().find(|(suite, _)| *suite == id)?;
        candidates.iter().position(|c| {
            c.skill_id
                .as_deref()
                .is_some_and(|product| products.contains(&product))
        })
    };
    let (col, kind, similarity, credit) = if let Some(col) = same_name {
        (col, MatchKind::Canonical, 1.0, 1.0)
    } else if let Some(col) = same_id() {
        (col, MatchKind::Alias, 1.0, 1.0)
    } else if let Some(col) = member() {
        (col, MatchKind::Member, 1.0, 1.0)
    } else if let Some((col, cosine)) = best_candidate(&text, matrix.row(row), candidate_texts) {
        let similarity = f64::from(cosine);
        // Two spoken languages are never related: Mandarin is no part of Spanish.
        let other_language = spoken_language(requirement.skill_id.as_deref())
            && spoken_language(candidates[col].skill_id.as_deref());
        match Thresholds::CALIBRATED.classify(cosine) {
            PairClass::Related if other_language => (col, MatchKind::None, similarity, 0.0),
            PairClass::Same => (col, MatchKind::Semantic, similarity, similarity),
            PairClass::Related => (
                col,
                MatchKind::Related,
                similarity,
                similarity * RELATED_CREDIT,
            ),
            PairClass::Different => (col, MatchKind::None, similarity, 0.0),
        }
    } else {
        return decision;
    };

    decision.matched_skill = Some(candidate_texts[col].clone());
    decision.similarity = similarity;
    decision.credit = credit.clamp(0.0, 1.0);
    decision.kind = kind;
    decision.evidence = candidates[col].evidence.clone();
    decision
}

/// Ids of the spoken languages of the built-in taxonomy.
static SPOKEN_LANGUAGES: LazyLock<HashSet<String>> = LazyLock::new(|| {
    crate::skills::Taxonomy::builtin()
        .skills
        .into_iter()
        .filter(|skill| skill.category == "language_spoken")
        .map(|skill| skill.id)
        .collect()
});

/// Checks whether a skill id names a spoken language.
fn spoken_language(id: Option<&str>) -> bool {
    id.is_some_and(|id| SPOKEN_LANGUAGES.contains(id))
}

/// Returns the column of the candidate with the highest cosine (the first one on ties) and
/// that cosine, leaving out the glued-prefix names that stay below [`SAME_THRESHOLD`].
fn best_candidate(
    requirement: &str,
    cosines: &[f32],
    candidate_texts: &[String],
) -> Option<(usize, f32)> {
    let mut best: Option<(usize, f32)> = None;
    for (col, (&cosine, candidate)) in cosines.iter().zip(candidate_texts).enumerate() {
        let word_piece =
            glued_prefix(requirement, candidate) || glued_prefix(candidate, requirement);
        if word_piece && cosine < SAME_THRESHOLD {
            continue;
        }
        if best.is_none_or(|(_, best_cosine)| cosine > best_cosine) {
            best = Some((col, cosine));
        }
    }
    best
}

/// Checks whether `longer` is `shorter` followed by more letters or digits with no break,
/// as "javascript" is "java" glued to "script". "c++" after "c" or "react native" after
/// "react" is not glued.
fn glued_prefix(shorter: &str, longer: &str) -> bool {
    longer
        .strip_prefix(shorter)
        .and_then(|rest| rest.chars().next())
        .is_some_and(char::is_alphanumeric)
}

/// Returns the weight of a requirement: its importance, or the default when missing or 0.
fn weight(importance: Option<f64>) -> f64 {
    match importance {
        Some(value) if value != 0.0 => value,
        _ => DEFAULT_IMPORTANCE,
    }
}

/// Returns the weighted credit, with the inferred part capped as in the `exact` rules.
/// Marks every member of a group of alternatives but the best-met one (the highest weighted
/// credit, the first on ties) with the requirement that stood for the group.
fn settle_alternatives(requirements: &[RequirementEntry], matches: &mut [RequirementMatch]) {
    let mut best: HashMap<usize, usize> = HashMap::new();
    for (index, requirement) in requirements.iter().enumerate() {
        let Some(group) = requirement.any_of else {
            continue;
        };
        let met = |i: usize| matches[i].importance * matches[i].credit;
        best.entry(group)
            .and_modify(|leader| {
                if met(index) > met(*leader) {
                    *leader = index;
                }
            })
            .or_insert(index);
    }
    for (index, requirement) in requirements.iter().enumerate() {
        let Some(leader) = requirement
            .any_of
            .and_then(|group| best.get(&group).copied())
        else {
            continue;
        };
        if leader != index {
            matches[index].alternative_to = Some(matches[leader].requirement.clone());
        }
    }
}

fn weighted_credit(matches: &[RequirementMatch], options: &ScoreOptions) -> f64 {
    let (mut explicit_total, mut explicit_met) = (0.0, 0.0);
    let (mut inferred_total, mut inferred_met) = (0.0, 0.0);
    for decision in matches.iter().filter(|d| d.alternative_to.is_none()) {
        let met = decision.importance * decision.credit;
        if decision.inferred {
            inferred_total += decision.importance;
            inferred_met += met;
        } else {
            explicit_total += decision.importance;
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
    explicit_part + inferred_part.min(INFERRED_SHARE_CAP * (explicit_part + inferred_part))
}

/// Rounds to 3 decimals, ties to even on the exact binary value (as the `exact` rules do).
fn round3(value: f64) -> f64 {
    format!("{value:.3}").parse().unwrap_or(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(skill: &str, id: Option<&str>) -> CandidateEntry {
        CandidateEntry {
            skill: skill.to_string(),
            skill_id: id.map(str::to_string),
            evidence: Some(format!("Worked with {skill}")),
        }
    }

    fn requirement(skill: &str, id: Option<&str>, importance: f64) -> RequirementEntry {
        RequirementEntry {
            skill: skill.to_string(),
            skill_id: id.map(str::to_string),
            importance: Some(importance),
            inferred: false,
            any_of: None,
        }
    }

    /// Unit vectors at a chosen cosine to the first axis.
    fn at_cosine(cosine: f32) -> Vec<f32> {
        vec![cosine, (1.0 - cosine * cosine).sqrt()]
    }

    #[test]
    fn one_met_alternative_meets_its_group() {
        let candidates = [
            candidate("python", Some("python")),
            candidate("sql", Some("sql")),
        ];
        let grouped = |skill: &str| RequirementEntry {
            any_of: Some(0),
            ..requirement(skill, Some(skill), 1.0)
        };
        let requirements = [
            grouped("ruby"),
            grouped("python"),
            grouped("go"),
            requirement("sql", Some("sql"), 1.0),
        ];
        let none = vec![Vec::new(); 4];
        let outcome = score_with_vectors(
            &candidates,
            &none[..2],
            &requirements,
            &none,
            &ScoreOptions::default(),
        );
        assert_eq!(outcome.score, 1.0);
        assert_eq!(outcome.matches[0].alternative_to.as_deref(), Some("python"));
        assert_eq!(outcome.matches[1].alternative_to, None);
        assert_eq!(outcome.matches[2].alternative_to.as_deref(), Some("python"));

        // Without any met member, the group counts once, as a gap.
        let candidates = [candidate("sql", Some("sql"))];
        let outcome = score_with_vectors(
            &candidates,
            &none[..1],
            &requirements,
            &none,
            &ScoreOptions::default(),
        );
        assert_eq!(outcome.score, 0.5);
    }

    #[test]
    fn product_of_a_suite_meets_the_suite() {
        let candidates = [
            candidate("photoshop", Some("photoshop")),
            candidate("sql", Some("sql")),
        ];
        let requirements = [
            requirement("adobe creative suite", Some("adobe-creative-suite"), 1.0),
            requirement("microsoft office", Some("microsoft-office"), 1.0),
        ];
        let far = [at_cosine(0.1), at_cosine(0.1)];
        let axis = [vec![1.0, 0.0], vec![1.0, 0.0]];
        let outcome = score_with_vectors(
            &candidates,
            &far,
            &requirements,
            &axis,
            &ScoreOptions::default(),
        );
        assert_eq!(outcome.matches[0].kind, MatchKind::Member);
        assert_eq!(
            outcome.matches[0].matched_skill.as_deref(),
            Some("photoshop")
        );
        assert_eq!(outcome.matches[1].kind, MatchKind::None);
        assert_eq!(outcome.score, 0.5);
    }

    #[test]
    fn other_spoken_language_earns_nothing() {
        let candidates = [candidate("mandarin", Some("mandarin"))];
        let requirements = [requirement("spanish", Some("spanish"), 1.0)];
        let middle = (SAME_THRESHOLD + RELATED_THRESHOLD) / 2.0;
        let outcome = score_with_vectors(
            &candidates,
            &[at_cosine(middle)],
            &requirements,
            &[vec![1.0, 0.0]],
            &ScoreOptions::default(),
        );
        assert_eq!(outcome.matches[0].kind, MatchKind::None);
        assert_eq!(outcome.matches[0].credit, 0.0);
    }

    #[test]
    fn classify_uses_both_thresholds() {
        let thresholds = Thresholds {
            same: 0.8,
            related: 0.6,
        };
        assert_eq!(thresholds.classify(0.8), PairClass::Same);
        assert_eq!(thresholds.classify(0.7), PairClass::Related);
        assert_eq!(thresholds.classify(0.59), PairClass::Different);
    }

    #[test]
    fn kinds_and_credits_follow_the_rules() {
        let candidates = [
            candidate("PostgreSQL", Some("postgresql")),
            candidate("react", Some("react")),
            candidate("vue.js", Some("vue")),
            candidate("excel", Some("excel")),
        ];
        let candidate_vectors = [
            vec![0.0, 1.0],
            at_cosine(0.95),
            at_cosine((SAME_THRESHOLD + RELATED_THRESHOLD) / 2.0),
            at_cosine(0.1),
        ];
        let requirements = [
            requirement("postgresql", Some("postgresql"), 1.0),
            requirement("postgres", Some("postgresql"), 1.0),
            requirement("react.js", None, 1.0),
            requirement("angular", None, 1.0),
        ];
        let axis = vec![1.0, 0.0];
        let requirement_vectors = [vec![0.0, 1.0], vec![0.0, 1.0], axis.clone(), axis];
        let outcome = score_with_vectors(
            &candidates,
            &candidate_vectors,
            &requirements,
            &requirement_vectors,
            &ScoreOptions::default(),
        );

        let kinds: Vec<MatchKind> = outcome.matches.iter().map(|m| m.kind).collect();
        assert_eq!(
            kinds,
            [
                MatchKind::Canonical,
                MatchKind::Alias,
                MatchKind::Semantic,
                MatchKind::Semantic
            ]
        );
        assert_eq!(
            outcome.matches[1].matched_skill.as_deref(),
            Some("postgresql")
        );
        assert_eq!(
            outcome.matches[1].evidence.as_deref(),
            Some("Worked with PostgreSQL")
        );
        assert!((outcome.matches[2].credit - 0.95).abs() < 1e-6);
        // "angular" is closest to "react" too; nothing else can take part.
        assert_eq!(outcome.matches[3].matched_skill.as_deref(), Some("react"));
    }

    #[test]
    fn related_gets_partial_credit_and_far_gets_none() {
        let middle = (SAME_THRESHOLD + RELATED_THRESHOLD) / 2.0;
        let candidates = [candidate("vue.js", None)];
        let requirements = [
            requirement("react", None, 1.0),
            requirement("kubernetes", None, 1.0),
        ];
        let outcome = score_with_vectors(
            &candidates,
            &[vec![1.0, 0.0]],
            &requirements,
            &[at_cosine(middle), at_cosine(0.1)],
            &ScoreOptions::default(),
        );

        let related = &outcome.matches[0];
        assert_eq!(related.kind, MatchKind::Related);
        let expected = f64::from(middle) * RELATED_CREDIT;
        assert!((related.credit - expected).abs() < 1e-6);
        assert_eq!(outcome.matches[1].kind, MatchKind::None);
        assert_eq!(outcome.matches[1].credit, 0.0);
        assert_eq!(outcome.score, round3(expected / 2.0));

        let shaped = outcome.to_match_outcome();
        assert!(shaped.summary.strengths.is_empty());
        assert_eq!(shaped.summary.gaps.len(), 2);
    }

    #[test]
    fn glued_prefix_names_get_no_related_credit() {
        let middle = (SAME_THRESHOLD + RELATED_THRESHOLD) / 2.0;
        let candidates = [candidate("javascript", None), candidate("kotlin", None)];
        let requirements = [
            requirement("java", None, 1.0),
            requirement("sas", None, 1.0),
        ];
        // Both requirements sit at `middle` to JavaScript and at 0.9 times that to Kotlin.
        let candidate_vectors = [vec![1.0, 0.0, 0.0], vec![0.9, 0.0, 0.19_f32.sqrt()]];
        let at_middle = vec![middle, (1.0 - middle * middle).sqrt(), 0.0];
        let requirement_vectors = [at_middle.clone(), at_middle];
        let outcome = score_with_vectors(
            &candidates,
            &candidate_vectors,
            &requirements,
            &requirement_vectors,
            &ScoreOptions::default(),
        );

        // Java's closest name is JavaScript, which is left out, so Kotlin is the related match.
        let java = &outcome.matches[0];
        assert_eq!(java.matched_skill.as_deref(), Some("kotlin"));
        assert_eq!(java.kind, MatchKind::Related);
        assert_eq!(
            outcome.matches[1].matched_skill.as_deref(),
            Some("javascript")
        );
        assert_eq!(outcome.matches[1].kind, MatchKind::Related);

        let only_glued = score_with_vectors(
            &candidates[..1],
            &candidate_vectors[..1],
            &requirements[..1],
            &requirement_vectors[..1],
            &ScoreOptions::default(),
        );
        assert_eq!(only_glued.matches[0].kind, MatchKind::None);
        assert_eq!(only_glued.matches[0].credit, 0.0);
        assert!(glued_prefix("sas", "sass"));
        assert!(!glued_prefix("c", "c++"));
        assert!(!glued_prefix("react", "react native"));
    }

    #[test]
    fn inferred_part_is_capped() {
        let candidates = [candidate("python", None)];
        let mut inferred = requirement("python", None, 1.0);
        inferred.inferred = true;
        let requirements = [requirement("rust", None, 1.0), inferred];
        let vectors = [vec![1.0, 0.0]];
        let requirement_vectors = [vec![0.0, 1.0], vec![1.0, 0.0]];
        let options = ScoreOptions {
            use_inferred_requirements: true,
        };
        let outcome = score_with_vectors(
            &candidates,
            &vectors,
            &requirements,
            &requirement_vectors,
            &options,
        );
        // Explicit part 0, inferred part 0.5, capped at 20 % of 0.5.
        assert_eq!(outcome.score, 0.1);

        let without = score_with_vectors(
            &candidates,
            &vectors,
            &requirements,
            &requirement_vectors,
            &ScoreOptions::default(),
        );
        assert_eq!(without.score, 0.0);
    }

    #[test]
    fn no_candidates_leaves_every_requirement_unmatched() {
        let requirements = [requirement("python", None, 0.0)];
        let outcome = score_with_vectors(
            &[],
            &[],
            &requirements,
            &[vec![1.0]],
            &ScoreOptions::default(),
        );
        assert_eq!(outcome.matches[0].kind, MatchKind::None);
        assert_eq!(outcome.matches[0].matched_skill, None);
        assert_eq!(outcome.matches[0].importance, DEFAULT_IMPORTANCE);
        assert_eq!(outcome.score, 0.0);
    }
}
