//! The Python worker's response shapes and their conversion into the engine's types.
//!
//! Fields the native engine has and the worker lacks get neutral values. A skill's taxonomy
//! id comes from the built-in taxonomy (by canonical name or alias, case-insensitive), or is
//! the lower-cased skill name when the taxonomy does not know it. Contact details are absent.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use layer1_engine::resume::{ParsedResume, Profile, ResumeSkill, Statistics};
use layer1_engine::skills::{JobRequirement, ParsedJob, SoftSkill, Taxonomy};
use serde::Deserialize;
use serde_json::Value;

/// Taxonomy ids by lower-cased canonical name and alias.
#[derive(Clone)]
pub(super) struct SkillIds(Arc<HashMap<String, String>>);

impl SkillIds {
    /// Builds the lookup from the built-in taxonomy.
    pub(super) fn builtin() -> Self {
        let mut ids = HashMap::new();
        for entry in Taxonomy::builtin().skills {
            for term in std::iter::once(&entry.name).chain(&entry.aliases) {
                ids.entry(term.to_lowercase())
                    .or_insert_with(|| entry.id.clone());
            }
        }
        Self(Arc::new(ids))
    }

    /// Returns the taxonomy id of a skill name, or the lower-cased name when unknown.
    pub(super) fn id_of(&self, skill: &str) -> String {
        let key = skill.trim().to_lowercase();
        self.0.get(&key).cloned().unwrap_or(key)
    }
}

#[derive(Debug, Deserialize)]
struct SkillIn {
    skill: String,
    #[serde(default)]
    experience_years: Option<f64>,
    #[serde(default)]
    proficiency: Option<f64>,
    #[serde(default)]
    mentions: u32,
    #[serde(default)]
    source: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
struct ProfileIn {
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    total_experience_years: Option<f64>,
}

#[derive(Debug, Default, Deserialize)]
struct StatisticsIn {
    #[serde(default)]
    characters: usize,
    #[serde(default)]
    tokens: usize,
    #[serde(default)]
    skills_detected: usize,
}

/// Response of the worker's `POST /parse/resume`.
#[derive(Debug, Deserialize)]
pub(super) struct ResumeResponse {
    #[serde(default)]
    skills: Vec<SkillIn>,
    #[serde(default)]
    sections: BTreeMap<String, String>,
    #[serde(default)]
    profile: ProfileIn,
    #[serde(default)]
    statistics: StatisticsIn,
}

impl ResumeResponse {
    /// Converts the response into the engine's parse result.
    pub(super) fn into_parsed(self, ids: &SkillIds) -> ParsedResume {
        let skills = self
            .skills
            .into_iter()
            .map(|skill| ResumeSkill {
                skill_id: ids.id_of(&skill.skill),
                skill: skill.skill,
                experience_years: skill.experience_years,
                proficiency: skill.proficiency,
                mentions: skill.mentions,
                source: skill.source,
            })
            .collect();
        ParsedResume {
            skills,
            sections: self.sections,
            profile: Profile {
                summary: self.profile.summary.unwrap_or_default(),
                total_experience_years: self.profile.total_experience_years,
                ..Profile::default()
            },
            statistics: Statistics {
                characters: self.statistics.characters,
                tokens: self.statistics.tokens,
                skills_detected: self.statistics.skills_detected,
            },
            ..ParsedResume::default()
        }
    }
}

fn default_importance() -> f64 {
    0.5
}

#[derive(Debug, Deserialize)]
struct RequirementIn {
    skill: String,
    #[serde(default = "default_importance")]
    importance: f64,
    #[serde(default)]
    inferred: bool,
}

#[derive(Debug, Deserialize)]
struct SoftSkillIn {
    skill: String,
    #[serde(default)]
    value: f64,
}

/// Response of the worker's `POST /parse/job`.
#[derive(Debug, Deserialize)]
pub(super) struct JobResponse {
    #[serde(default)]
    requirements: Vec<RequirementIn>,
    #[serde(default)]
    soft_skills: Vec<SoftSkillIn>,
}

impl JobResponse {
    /// Converts the response into the engine's parse result.
    pub(super) fn into_parsed(self, ids: &SkillIds) -> ParsedJob {
        ParsedJob {
            requirements: self
                .requirements
                .into_iter()
                .map(|requirement| JobRequirement {
                    skill_id: ids.id_of(&requirement.skill),
                    skill: requirement.skill,
                    importance: requirement.importance,
                    inferred: requirement.inferred,
                    any_of: None,
                })
                .collect(),
            soft_skills: self
                .soft_skills
                .into_iter()
                .map(|soft| SoftSkill {
                    skill: soft.skill,
                    value: soft.value,
                })
                .collect(),
            ..ParsedJob::default()
        }
    }
}

/// Summarises a 4xx body without echoing request content: the `detail` code when it is a
/// string, else the type, location and message of the first validation error.
pub(super) fn describe_detail(body: Option<&Value>) -> String {
    let Some(detail) = body.and_then(|body| body.get("detail")) else {
        return "no detail in the response".to_string();
    };
    if let Some(code) = detail.as_str() {
        return code.to_string();
    }
    let Some(first) = detail.as_array().and_then(|items| items.first()) else {
        return "no detail in the response".to_string();
    };
    let loc: Vec<String> = first
        .get("loc")
        .and_then(Value::as_array)
        .map(|parts| {
            parts
                .iter()
                .map(|part| match part {
                    Value::String(text) => text.clone(),
                    other => other.to_string(),
                })
                .collect()
        })
        .unwrap_or_default();
    format!(
        "{} at {}: {}",
        first.get("type").and_then(Value::as_str).unwrap_or("error"),
        loc.join("."),
        first.get("msg").and_then(Value::as_str).unwrap_or_default()
    )
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn resume_response_converts_to_native_shape() {
        let response: ResumeResponse = serde_json::from_value(json!({
            "skills": [{"skill": "python", "experience_years": 7, "proficiency": null,
                        "mentions": 4, "source": ["matcher"]}],
            "sections": {"SUMMARY": "Summary\nBackend engineer"},
            "profile": {"summary": "Summary\nBackend engineer", "total_experience_years": 8},
            "statistics": {"characters": 10, "tokens": 2, "skills_detected": 1,
                           "skills_gemini": 0}
        }))
        .unwrap();
        let parsed = response.into_parsed(&SkillIds::builtin());
        assert_eq!(parsed.skills[0].skill_id, "python");
        assert_eq!(parsed.skills[0].experience_years, Some(7.0));
        assert_eq!(parsed.profile.total_experience_years, Some(8.0));
        assert_eq!(parsed.statistics.skills_detected, 1);
        let stored = serde_json::to_value(&parsed).unwrap();
        assert!(stored["statistics"].get("skills_gemini").is_none());
    }

    #[test]
    fn unknown_skill_id_is_lowercased_name() {
        let ids = SkillIds::builtin();
        assert_eq!(
            ids.id_of("Underwater Basket Weaving"),
            "underwater basket weaving"
        );
    }

    #[test]
    fn job_requirement_importance_defaults() {
        let response: JobResponse =
            serde_json::from_value(json!({"requirements": [{"skill": "sql"}]})).unwrap();
        let parsed = response.into_parsed(&SkillIds::builtin());
        assert_eq!(parsed.requirements[0].importance, 0.5);
        assert!(!parsed.requirements[0].inferred);
        assert!(parsed.soft_skills.is_empty());
    }

    #[test]
    fn detail_summary_omits_input() {
        let body = json!({"detail": [{"type": "missing", "loc": ["body", "requirements"],
                                       "msg": "Field required", "input": {"secret": "x"}}]});
        let text = describe_detail(Some(&body));
        assert_eq!(text, "missing at body.requirements: Field required");
        assert_eq!(
            describe_detail(Some(&json!({"detail": "invalid_base64"}))),
            "invalid_base64"
        );
        assert_eq!(describe_detail(None), "no detail in the response");
    }
}
