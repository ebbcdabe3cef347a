//! The match summary document stored with each completed match and returned by the API.

use layer1_engine::score::{MatchDetail, MatchOutcome};
use serde_json::{Value, json};

use crate::store::{JobRecord, SkillRow};

/// Threshold at which a requirement counts as covered (the reference rule's 0.5).
const COVERED_SIMILARITY: f64 = 0.5;

/// Builds the summary of a match from the scoring outcome and the parsed documents.
///
/// `parsed_resume` is the stored parse result of the resume (`profile`, `sections`...).
pub fn build_summary(
    outcome: &MatchOutcome,
    parsed_resume: Option<&Value>,
    skills: &[SkillRow],
    job: &JobRecord,
) -> Value {
    let profile = parsed_resume.and_then(|p| p.get("profile"));
    let field = |name: &str| profile.and_then(|p| p.get(name)).cloned();
    let list = |name: &str| {
        parsed_resume
            .and_then(|p| p.get(name))
            .cloned()
            .unwrap_or_else(|| json!([]))
    };
    let candidate = json!({
        "name": field("name").unwrap_or(Value::Null),
        "skills": skills.iter().map(|s| s.skill.clone()).collect::<Vec<_>>(),
        "experience_years": field("total_experience_years").unwrap_or(Value::Null),
        "degrees": list("degrees"),
        "certifications": list("certifications"),
        "summary": field("summary").unwrap_or(Value::Null),
    });
    let requirements: Vec<Value> = outcome
        .summary
        .details
        .iter()
        .map(requirement_entry)
        .collect();
    let weaknesses = &outcome.summary.gaps;
    json!({
        "overall_match_score": outcome.summary.overall_match_score,
        "candidate": candidate,
        "requirements": requirements,
        "strengths": outcome.summary.strengths,
        "weaknesses": weaknesses,
        "job_highlights": {
            "title": job.title,
            "required_skills": outcome.summary.details.iter()
                .filter(|d| !d.inferred)
                .map(|d| d.requirement.clone())
                .collect::<Vec<_>>(),
        },
        "raw_details": outcome.summary.details,
    })
}

fn requirement_entry(detail: &MatchDetail) -> Value {
    let covered = detail.similarity >= COVERED_SIMILARITY;
    let comments = match (&detail.matched_skill, covered) {
        (Some(skill), true) => format!("The candidate lists {skill}."),
        (Some(skill), false) => {
            format!("Not found in the resume; the closest skill listed is {skill}.")
        }
        (None, _) => "Not found in the resume.".to_string(),
    };
    json!({
        "skill": detail.requirement,
        "importance": detail.importance,
        "candidate_has_experience": covered,
        "similarity": detail.similarity,
        "matched_skill": detail.matched_skill,
        "inferred": detail.inferred,
        "comments": comments,
    })
}
