//! The match summary document stored with each completed match and returned by the API.

use layer1_engine::score::{Breakdown, MatchDetail, MatchKind, RequirementMatch, ScoredMatch};
use layer1_engine::skills::PREFERRED_MAX;
use serde_json::{Value, json};

use crate::store::{JobRecord, SkillRow};

/// Builds the summary of a match from the scoring result and the parsed documents.
///
/// `parsed_resume` is the stored parse result of the resume (`profile`, `sections`...).
/// `overall_match_score` is the weighted blend of the categories in `breakdown`.
pub fn build_summary(
    scored: &ScoredMatch,
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
    let outcome = &scored.outcome;
    let requirements: Vec<Value> = scored.requirements.iter().map(requirement_entry).collect();
    let soft_skills: Vec<Value> = scored.soft_skills.iter().map(soft_skill_entry).collect();
    json!({
        "overall_match_score": scored.score,
        "breakdown": breakdown_entry(&scored.breakdown),
        "candidate": candidate,
        "requirements": requirements,
        "soft_skills": soft_skills,
        "strengths": outcome.summary.strengths,
        "weaknesses": outcome.summary.gaps,
        "job_highlights": job_highlights(&job.title, &outcome.summary.details),
        "raw_details": outcome.summary.details,
    })
}

/// Returns the job's title and its explicit requirements, split into required skills and
/// preferred ones ("nice to have", "a plus") by their importance.
fn job_highlights(title: &str, details: &[MatchDetail]) -> Value {
    let explicit = || details.iter().filter(|d| !d.inferred);
    let names = |required: bool| {
        explicit()
            .filter(|d| (d.importance > PREFERRED_MAX) == required)
            .map(|d| d.requirement.clone())
            .collect::<Vec<_>>()
    };
    json!({
        "title": title,
        "required_skills": names(true),
        "preferred_skills": names(false),
    })
}

/// Returns the `breakdown` object: each category's score, weight and basis.
fn breakdown_entry(breakdown: &Breakdown) -> Value {
    let mut object = serde_json::Map::new();
    for (name, category) in breakdown.categories() {
        object.insert(
            name.to_string(),
            json!({
                "score": category.score,
                "weight": category.weight,
                "based_on": category.based_on,
            }),
        );
    }
    Value::Object(object)
}

fn requirement_entry(decision: &RequirementMatch) -> Value {
    json!({
        "skill": decision.requirement,
        "importance": decision.importance,
        "candidate_has_experience": decision.kind.covers(),
        "similarity": round3(decision.similarity),
        "credit": round3(decision.credit),
        "match_kind": decision.kind,
        "matched_skill": decision.matched_skill,
        "evidence": decision.evidence,
        "inferred": decision.inferred,
        "alternative_to": decision.alternative_to,
        "comments": comment(decision),
    })
}

fn soft_skill_entry(decision: &RequirementMatch) -> Value {
    json!({
        "skill": decision.requirement,
        "value": decision.importance,
        "found": decision.kind.covers(),
        "match_kind": decision.kind,
        "matched_skill": decision.matched_skill,
        "evidence": decision.evidence,
    })
}

/// Explains a decision in one sentence.
fn comment(decision: &RequirementMatch) -> String {
    if let Some(chosen) = &decision.alternative_to {
        return format!("An alternative to {chosen}; the job accepts any one of them.");
    }
    let similarity = decision.similarity;
    match (decision.kind, decision.matched_skill.as_deref()) {
        (MatchKind::Canonical, Some(skill)) => format!("The candidate lists {skill}."),
        (MatchKind::Alias, Some(skill)) => {
            format!("The candidate lists {skill}, the same skill under another name.")
        }
        (MatchKind::Member, Some(skill)) => {
            format!("The candidate lists {skill}, a product of this suite.")
        }
        (MatchKind::Semantic, Some(skill)) => {
            format!("The candidate lists {skill}, a close match (similarity {similarity:.2}).")
        }
        (MatchKind::Related, Some(skill)) => format!(
            "Not listed; the related skill {skill} earns partial credit (similarity \
             {similarity:.2})."
        ),
        (_, Some(skill)) => {
            format!("Not found in the resume; the closest skill listed is {skill}.")
        }
        (_, None) => "Not found in the resume.".to_string(),
    }
}

fn round3(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
}
