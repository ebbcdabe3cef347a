//! The scorer's input from stored rows: skills, requirements, soft skills and the facts
//! (years, education) kept in the parse results.

use std::collections::{BTreeMap, HashMap};

use layer1_engine::score::{
    CandidateEntry, MatchInput, ProfileFacts, RequirementEntry, SoftSkillInput, evidence_lines,
};
use layer1_engine::skills::Gazetteer;
use serde_json::Value;

use crate::store::{
    DocumentVectors, JobRecord, RequirementRow, ResumeRecord, SkillRow, SoftSkillRow,
};

/// A stored resume with what scoring reads.
#[derive(Debug, Clone)]
pub struct ResumeParts {
    /// The resume row, with its parse result.
    pub record: ResumeRecord,
    /// Its skills in stored order.
    pub skills: Vec<SkillRow>,
    /// Its stored vectors.
    pub vectors: DocumentVectors,
}

/// A stored job with what scoring reads.
#[derive(Debug, Clone)]
pub struct JobParts {
    /// The job row, with its parse result.
    pub record: JobRecord,
    /// Its requirements in stored order.
    pub requirements: Vec<RequirementRow>,
    /// Its soft skills in stored order.
    pub soft_skills: Vec<SoftSkillRow>,
    /// Its stored vectors.
    pub vectors: DocumentVectors,
}

/// Builds the scorer's input for a stored resume and job, as the match worker does, with the
/// resume line that mentions each skill.
pub fn match_input(resume: &ResumeParts, job: &JobParts) -> MatchInput {
    match_input_from_rows(
        &resume.record,
        &job.record,
        &resume.skills,
        &job.requirements,
        &job.soft_skills,
    )
}

/// Builds the scorer's input from a resume's and a job's stored rows and parse results, with
/// the resume line that mentions each skill.
pub fn match_input_from_rows(
    resume: &ResumeRecord,
    job: &JobRecord,
    skills: &[SkillRow],
    requirements: &[RequirementRow],
    soft_skills: &[SoftSkillRow],
) -> MatchInput {
    let parsed_resume = resume.parsed_summary.as_ref();
    let parsed_job = job.parsed_summary.as_ref();
    let sections: BTreeMap<String, String> = parsed_resume
        .and_then(|parsed| parsed.get("sections"))
        .and_then(|sections| serde_json::from_value(sections.clone()).ok())
        .unwrap_or_default();
    let mut evidence = evidence_lines(&sections, Gazetteer::builtin());
    let groups = alternative_groups(parsed_job);
    MatchInput {
        candidates: skills
            .iter()
            .map(|skill| CandidateEntry {
                skill: skill.skill.clone(),
                skill_id: skill.skill_id.clone(),
                evidence: skill.skill_id.as_ref().and_then(|id| evidence.remove(id)),
            })
            .collect(),
        requirements: requirements
            .iter()
            .map(|requirement| RequirementEntry {
                any_of: requirement
                    .skill_id
                    .as_ref()
                    .and_then(|id| groups.get(id).copied()),
                skill: requirement.skill.clone(),
                skill_id: requirement.skill_id.clone(),
                importance: Some(requirement.importance),
                inferred: requirement.inferred,
            })
            .collect(),
        soft_skills: soft_skills
            .iter()
            .map(|soft| SoftSkillInput {
                skill: soft.skill.clone(),
                value: soft.value,
            })
            .collect(),
        facts: ProfileFacts {
            candidate_years: parsed_resume
                .and_then(|parsed| parsed.pointer("/profile/total_experience_years"))
                .and_then(Value::as_f64),
            required_years: parsed_job
                .and_then(|parsed| parsed.get("required_years"))
                .and_then(Value::as_f64),
            candidate_education: completed_levels(parsed_resume),
            required_education: parsed_job
                .and_then(|parsed| parsed.get("education_level"))
                .and_then(Value::as_str)
                .map(str::to_string),
            equivalent_experience: parsed_job
                .and_then(|parsed| parsed.get("equivalent_experience"))
                .and_then(Value::as_bool)
                .unwrap_or(false),
            equivalent_years: parsed_job
                .and_then(|parsed| parsed.get("equivalent_years"))
                .and_then(Value::as_f64),
        },
    }
}

/// Returns the group of alternatives of each requirement in a stored job parse result, by
/// skill id ("Python, Ruby or Go" share one group).
fn alternative_groups(parsed_job: Option<&Value>) -> HashMap<String, usize> {
    parsed_job
        .and_then(|parsed| parsed.get("requirements"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|requirement| {
            let id = requirement.get("skill_id")?.as_str()?;
            let group = usize::try_from(requirement.get("any_of")?.as_u64()?).ok()?;
            Some((id.to_string(), group))
        })
        .collect()
}

/// Returns the levels of the degrees a stored parse result lists as completed. A degree still
/// being studied for (`in_progress`) or left unfinished (`completed: false`) does not meet a
/// job's education level. Results stored before those fields existed lack them, and a missing
/// field does not hold a degree back.
fn completed_levels(parsed_resume: Option<&Value>) -> Vec<String> {
    let is_false = |entry: &Value, key: &str| entry.get(key) == Some(&Value::Bool(false));
    let is_true = |entry: &Value, key: &str| entry.get(key) == Some(&Value::Bool(true));

    parsed_resume
        .and_then(|parsed| parsed.get("education"))
        .and_then(Value::as_array)
        .map(|entries| {
            entries
                .iter()
                .filter(|entry| !is_true(entry, "in_progress") && !is_false(entry, "completed"))
                .filter_map(|entry| entry.get("level").and_then(Value::as_str))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn stored_alternatives_keep_their_groups() {
        let parsed = json!({"requirements": [
            {"skill": "python", "skill_id": "python", "any_of": 0},
            {"skill": "go", "skill_id": "go", "any_of": 0},
            {"skill": "sql", "skill_id": "sql"},
        ]});
        let groups = alternative_groups(Some(&parsed));
        assert_eq!(groups.get("python"), Some(&0));
        assert_eq!(groups.get("go"), Some(&0));
        assert_eq!(groups.get("sql"), None);
    }

    #[test]
    fn completed_levels_skip_unearned_degrees() {
        let parsed = json!({"education": [
            {"level": "associate", "in_progress": false, "completed": true},
            {"level": "bachelor", "in_progress": true, "completed": false},
            {"level": "master", "in_progress": false, "completed": false},
            {"level": "doctorate", "in_progress": true},
            {"level": "certificate"},
        ]});
        assert_eq!(
            completed_levels(Some(&parsed)),
            ["associate", "certificate"]
        );
        assert!(completed_levels(None).is_empty());
    }
}
