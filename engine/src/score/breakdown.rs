//! The score split into categories (hard skills, soft skills, years of experience,
//! education) and their weighted blend.
//!
//! Each category has a score in [0, 1] when the job states a requirement in it, and no score
//! otherwise. For example, a job that states no minimum years leaves experience out. The blend is
//! the weighted mean over the categories that have a score. When their weights are all 0 it
//! is their plain mean, and with no category at all it is 0.

use serde::{Deserialize, Serialize};

/// Education levels from the lowest to the highest, as the resume and job parsers name them.
pub const EDUCATION_LEVELS: [&str; 6] = [
    "high school",
    "certificate",
    "associate",
    "bachelor",
    "master",
    "doctorate",
];

/// Share of the education score kept per level the candidate is short of the requirement.
const EDUCATION_STEP: f64 = 0.5;

/// Weights of the four categories in the blend.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CategoryWeights {
    /// Weight of the hard-skill requirements.
    pub hard_skills: f64,
    /// Weight of the soft skills.
    pub soft_skills: f64,
    /// Weight of the years of experience.
    pub experience: f64,
    /// Weight of the education level.
    pub education: f64,
}

impl Default for CategoryWeights {
    fn default() -> Self {
        Self {
            hard_skills: 0.6,
            soft_skills: 0.1,
            experience: 0.2,
            education: 0.1,
        }
    }
}

/// A weight that cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WeightsError {
    /// A weight is negative, infinite or not a number.
    #[error("weight {category} must be a finite number >= 0, got {value}")]
    Invalid {
        /// Name of the category, such as `hard_skills`.
        category: &'static str,
        /// The value given.
        value: f64,
    },
    /// Every weight is 0.
    #[error("at least one weight must be greater than 0")]
    AllZero,
}

impl CategoryWeights {
    /// Returns the weights with their category names, in a fixed order.
    pub fn named(&self) -> [(&'static str, f64); 4] {
        [
            ("hard_skills", self.hard_skills),
            ("soft_skills", self.soft_skills),
            ("experience", self.experience),
            ("education", self.education),
        ]
    }

    /// Checks that every weight is a finite number ≥ 0 and that one is above 0.
    ///
    /// # Errors
    ///
    /// Returns the first invalid weight, or [`WeightsError::AllZero`].
    pub fn validate(&self) -> Result<(), WeightsError> {
        for (category, value) in self.named() {
            if !value.is_finite() || value < 0.0 {
                return Err(WeightsError::Invalid { category, value });
            }
        }
        if self.named().iter().all(|(_, value)| *value == 0.0) {
            return Err(WeightsError::AllZero);
        }
        Ok(())
    }
}

/// The score of one category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryScore {
    /// Score in [0, 1], rounded to 3 decimals, or `None` when the job states nothing here.
    pub score: Option<f64>,
    /// Weight of the category in the blend.
    pub weight: f64,
    /// Basis of the score, in words.
    pub based_on: String,
}

/// The four category scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Breakdown {
    /// Hard-skill requirements, scored by the match strategy.
    pub hard_skills: CategoryScore,
    /// Soft skills the job names.
    pub soft_skills: CategoryScore,
    /// Years of experience against the job's minimum.
    pub experience: CategoryScore,
    /// Highest education level against the job's minimum.
    pub education: CategoryScore,
}

impl Breakdown {
    /// Returns the categories with their names, in a fixed order.
    pub fn categories(&self) -> [(&'static str, &CategoryScore); 4] {
        [
            ("hard_skills", &self.hard_skills),
            ("soft_skills", &self.soft_skills),
            ("experience", &self.experience),
            ("education", &self.education),
        ]
    }

    /// Returns the weighted blend described in the module documentation, rounded to 3
    /// decimals.
    pub fn blend(&self) -> f64 {
        let scored: Vec<(f64, f64)> = self
            .categories()
            .iter()
            .filter_map(|(_, category)| category.score.map(|score| (score, category.weight)))
            .collect();
        if scored.is_empty() {
            return 0.0;
        }
        let total_weight: f64 = scored.iter().map(|(_, weight)| weight).sum();
        let value = if total_weight > 0.0 {
            scored
                .iter()
                .map(|(score, weight)| score * weight)
                .sum::<f64>()
                / total_weight
        } else {
            scored.iter().map(|(score, _)| score).sum::<f64>() / scored.len() as f64
        };
        round3(value.clamp(0.0, 1.0))
    }
}

/// Years and education facts of the candidate and the job.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProfileFacts {
    /// The candidate's total years of experience, when the resume shows them.
    pub candidate_years: Option<f64>,
    /// The job's minimum years of experience, when stated.
    pub required_years: Option<f64>,
    /// Education levels of the candidate (see [`EDUCATION_LEVELS`]).
    pub candidate_education: Vec<String>,
    /// The job's minimum education level, when stated.
    pub required_education: Option<String>,
    /// Whether the job accepts equivalent experience in place of that level.
    #[serde(default)]
    pub equivalent_experience: bool,
    /// Years of experience the job accepts in place of that level, when it states a figure.
    #[serde(default)]
    pub equivalent_years: Option<f64>,
}

/// Scores the years of experience: the candidate's years over the job's minimum, capped at 1.
pub fn experience_score(facts: &ProfileFacts, weight: f64) -> CategoryScore {
    let Some(required) = facts.required_years.filter(|years| *years > 0.0) else {
        return CategoryScore {
            score: None,
            weight,
            based_on: "the job states no minimum years of experience".to_string(),
        };
    };
    let (score, based_on) = match facts.candidate_years {
        Some(years) => (
            (years / required).clamp(0.0, 1.0),
            format!("{years:.1} years of experience against {required:.1} required"),
        ),
        None => (
            0.0,
            format!("the resume shows no dated experience; {required:.1} years required"),
        ),
    };
    CategoryScore {
        score: Some(round3(score)),
        weight,
        based_on,
    }
}

/// Scores the education level: 1 when the candidate's highest level meets the job's
/// minimum, halved for each level short of it, 0 without a known level.
pub fn education_score(facts: &ProfileFacts, weight: f64) -> CategoryScore {
    let required = facts.required_education.as_deref().and_then(|level| {
        let rank = level_rank(level)?;
        Some((level, rank))
    });
    let Some((required, required_rank)) = required else {
        return CategoryScore {
            score: None,
            weight,
            based_on: "the job states no minimum education".to_string(),
        };
    };
    let highest = facts
        .candidate_education
        .iter()
        .filter_map(|level| Some((level.as_str(), level_rank(level)?)))
        .max_by_key(|(_, rank)| *rank);
    let short = highest.is_none_or(|(_, rank)| rank < required_rank);
    // "Bachelor's degree or 4 years of relevant experience": without the degree, the years
    // offered in its place decide.
    if let Some(offered) = facts.equivalent_years.filter(|years| short && *years > 0.0) {
        let years = facts.candidate_years.unwrap_or(0.0);
        return CategoryScore {
            score: Some(round3((years / offered).clamp(0.0, 1.0))),
            weight,
            based_on: format!(
                "no {required} degree found; {years:.1} years of experience against the \
                 {offered:.1} the job accepts in its place"
            ),
        };
    }
    if short && facts.equivalent_experience {
        return CategoryScore {
            score: None,
            weight,
            based_on: format!(
                "no {required} degree found; the job accepts equivalent experience, \
                 which the experience score weighs"
            ),
        };
    }
    let (score, based_on) = match highest {
        Some((level, rank)) if rank >= required_rank => {
            (1.0, format!("{level} degree, {required} required"))
        }
        Some((level, rank)) => {
            let short = i32::try_from(required_rank - rank).unwrap_or(i32::MAX);
            (
                EDUCATION_STEP.powi(short),
                format!("{level} degree, {required} required"),
            )
        }
        None => (0.0, format!("no degree found, {required} required")),
    };
    CategoryScore {
        score: Some(round3(score)),
        weight,
        based_on,
    }
}

/// Returns the rank of an education level in [`EDUCATION_LEVELS`].
fn level_rank(level: &str) -> Option<usize> {
    let level = level.trim().to_lowercase();
    EDUCATION_LEVELS.iter().position(|known| *known == level)
}

/// Rounds to 3 decimals.
pub(crate) fn round3(value: f64) -> f64 {
    format!("{value:.3}").parse().unwrap_or(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn category(score: Option<f64>, weight: f64) -> CategoryScore {
        CategoryScore {
            score,
            weight,
            based_on: String::new(),
        }
    }

    #[test]
    fn validation_names_the_bad_weight() {
        let mut weights = CategoryWeights::default();
        assert_eq!(weights.validate(), Ok(()));
        weights.experience = -1.0;
        assert_eq!(
            weights.validate().unwrap_err().to_string(),
            "weight experience must be a finite number >= 0, got -1"
        );
        let zero = CategoryWeights {
            hard_skills: 0.0,
            soft_skills: 0.0,
            experience: 0.0,
            education: 0.0,
        };
        assert_eq!(zero.validate(), Err(WeightsError::AllZero));
        let nan = CategoryWeights {
            education: f64::NAN,
            ..CategoryWeights::default()
        };
        assert!(matches!(
            nan.validate(),
            Err(WeightsError::Invalid {
                category: "education",
                ..
            })
        ));
    }

    #[test]
    fn blend_skips_categories_without_score() {
        let breakdown = Breakdown {
            hard_skills: category(Some(0.5), 0.6),
            soft_skills: category(None, 0.1),
            experience: category(Some(1.0), 0.2),
            education: category(None, 0.1),
        };
        // (0.5 * 0.6 + 1.0 * 0.2) / 0.8
        assert_eq!(breakdown.blend(), 0.625);
    }

    #[test]
    fn blend_falls_back_to_mean_and_zero() {
        let zero_weights = Breakdown {
            hard_skills: category(Some(0.4), 0.0),
            soft_skills: category(None, 1.0),
            experience: category(Some(0.8), 0.0),
            education: category(None, 1.0),
        };
        assert_eq!(zero_weights.blend(), 0.6);
        let nothing = Breakdown {
            hard_skills: category(None, 1.0),
            soft_skills: category(None, 1.0),
            experience: category(None, 1.0),
            education: category(None, 1.0),
        };
        assert_eq!(nothing.blend(), 0.0);
    }

    #[test]
    fn experience_is_a_capped_ratio() {
        let mut facts = ProfileFacts {
            candidate_years: Some(3.0),
            required_years: Some(5.0),
            ..ProfileFacts::default()
        };
        let score = experience_score(&facts, 0.2);
        assert_eq!(score.score, Some(0.6));
        assert_eq!(
            score.based_on,
            "3.0 years of experience against 5.0 required"
        );
        facts.candidate_years = Some(12.0);
        assert_eq!(experience_score(&facts, 0.2).score, Some(1.0));
        facts.candidate_years = None;
        assert_eq!(experience_score(&facts, 0.2).score, Some(0.0));
        facts.required_years = None;
        assert_eq!(experience_score(&facts, 0.2).score, None);
    }

    #[test]
    fn equivalent_experience_leaves_a_shortfall_unscored() {
        let mut facts = ProfileFacts {
            candidate_education: vec!["associate".into()],
            required_education: Some("bachelor".into()),
            equivalent_experience: true,
            ..ProfileFacts::default()
        };
        let score = education_score(&facts, 0.1);
        assert_eq!(score.score, None);
        assert!(
            score.based_on.contains("equivalent experience"),
            "{}",
            score.based_on
        );
        facts.candidate_education = vec!["master".into()];
        assert_eq!(education_score(&facts, 0.1).score, Some(1.0));
        facts.candidate_education.clear();
        facts.equivalent_experience = false;
        assert_eq!(education_score(&facts, 0.1).score, Some(0.0));
    }

    #[test]
    fn offered_years_stand_in_for_a_missing_degree() {
        let mut facts = ProfileFacts {
            candidate_education: vec!["high school".into()],
            required_education: Some("bachelor".into()),
            equivalent_experience: true,
            equivalent_years: Some(4.0),
            candidate_years: Some(3.0),
            ..ProfileFacts::default()
        };
        let score = education_score(&facts, 0.1);
        assert_eq!(score.score, Some(0.75));
        assert!(score.based_on.contains("3.0 years"), "{}", score.based_on);
        facts.candidate_years = None;
        assert_eq!(education_score(&facts, 0.1).score, Some(0.0));
        facts.candidate_education = vec!["bachelor".into()];
        assert_eq!(education_score(&facts, 0.1).score, Some(1.0));
    }

    #[test]
    fn education_halves_per_missing_level() {
        let mut facts = ProfileFacts {
            candidate_education: vec!["associate".into(), "bachelor".into()],
            required_education: Some("master".into()),
            ..ProfileFacts::default()
        };
        let score = education_score(&facts, 0.1);
        assert_eq!(score.score, Some(0.5));
        assert_eq!(score.based_on, "bachelor degree, master required");
        facts.required_education = Some("bachelor".into());
        assert_eq!(education_score(&facts, 0.1).score, Some(1.0));
        facts.required_education = Some("doctorate".into());
        assert_eq!(education_score(&facts, 0.1).score, Some(0.25));
        facts.candidate_education.clear();
        assert_eq!(education_score(&facts, 0.1).score, Some(0.0));
        facts.required_education = None;
        assert_eq!(education_score(&facts, 0.1).score, None);
    }
}
