//! `layer1 match`: one resume against one job, printed as a report.

use std::fmt::Write as _;

use anyhow::Context;
use chrono::Utc;
use layer1_engine::resume::{ExperienceEntry, ParsedResume};
use layer1_engine::score::{MatchKind, RequirementMatch, ScoredMatch};
use layer1_engine::skills::ParsedJob;
use serde_json::json;

use crate::cli::MatchArgs;
use crate::nlp::NlpRuntime;

/// Result of matching two documents.
pub struct MatchReport {
    /// Parsed resume.
    pub resume: ParsedResume,
    /// Parsed job.
    pub job: ParsedJob,
    /// Blended score, per-requirement decisions and the category breakdown.
    pub scored: ScoredMatch,
}

/// Reads, parses and scores the two files of `args`.
pub fn run_match(args: &MatchArgs) -> anyhow::Result<MatchReport> {
    args.nlp
        .match_weights()
        .validate()
        .context("invalid MATCH_WEIGHT_* settings")?;
    let nlp = NlpRuntime::load(&args.nlp);
    let engine = nlp.engine();
    let resume_bytes = std::fs::read(&args.resume)
        .with_context(|| format!("failed to read resume {}", args.resume.display()))?;
    let job_bytes = std::fs::read(&args.job)
        .with_context(|| format!("failed to read job {}", args.job.display()))?;
    let today = Utc::now().date_naive();
    let as_of = args.as_of.unwrap_or(today);
    let range = crate::dates::as_of_range(today);
    if !range.contains(&as_of) {
        anyhow::bail!(
            "--as-of {as_of} is outside {} to {}: give the date that \"present\" in the resume means",
            range.start(),
            range.end()
        );
    }

    let resume = engine
        .analyze_resume(&resume_bytes, as_of)
        .with_context(|| format!("failed to parse resume {}", args.resume.display()))?;
    let job = engine
        .analyze_job_file(&job_bytes)
        .with_context(|| format!("failed to parse job {}", args.job.display()))?;
    let scored = engine.match_documents(&resume, &job, &args.nlp.match_options())?;
    Ok(MatchReport {
        resume,
        job,
        scored,
    })
}

/// Renders the report as JSON.
pub fn render_json(report: &MatchReport) -> anyhow::Result<String> {
    let value = json!({
        "score": report.scored.score,
        "breakdown": report.scored.breakdown,
        "requirements": report.scored.requirements,
        "soft_skills": report.scored.soft_skills,
        "summary": report.scored.outcome.summary,
        "resume": report.resume,
        "job": report.job,
    });
    Ok(serde_json::to_string_pretty(&value)?)
}

fn write_details(out: &mut String, title: &str, decisions: &[&RequirementMatch]) {
    let _ = writeln!(out, "\n{title} ({})", decisions.len());
    for decision in decisions {
        let matched = decision.matched_skill.as_deref().unwrap_or("-");
        let _ = writeln!(
            out,
            "  {:<28} importance {:.2}  {:<9} similarity {:.3}  credit {:.3}  matched {}{}",
            decision.requirement,
            decision.importance,
            kind_name(decision.kind),
            decision.similarity,
            decision.credit,
            matched,
            if decision.inferred {
                "  (inferred)"
            } else {
                ""
            },
        );
        if let Some(line) = &decision.evidence {
            let _ = writeln!(out, "      resume: {line}");
        }
    }
}

fn kind_name(kind: MatchKind) -> &'static str {
    match kind {
        MatchKind::Canonical => "canonical",
        MatchKind::Alias => "alias",
        MatchKind::Member => "member",
        MatchKind::Semantic => "semantic",
        MatchKind::Related => "related",
        MatchKind::None => "none",
    }
}

fn write_breakdown(out: &mut String, scored: &ScoredMatch) {
    let unscored = scored
        .breakdown
        .categories()
        .iter()
        .all(|(_, category)| category.score.is_none());
    let note = if unscored {
        "  (the job states nothing to score against: no skills, years or education)"
    } else {
        ""
    };
    let _ = writeln!(out, "\nScore: {:.3}{note}", scored.score);
    for (name, category) in scored.breakdown.categories() {
        let score = category
            .score
            .map_or_else(|| "  n/a".to_string(), |score| format!("{score:.3}"));
        let _ = writeln!(
            out,
            "  {:<12} {score}  weight {:.2}  {}",
            name, category.weight, category.based_on
        );
    }
}

/// Formats an experience entry as "Data Analyst at Acme Bank, 2019-01 to present (5.4 years)".
fn job_line(job: &ExperienceEntry) -> String {
    let role = match (&job.title, &job.employer) {
        (Some(title), Some(employer)) => format!("{title} at {employer}"),
        (Some(name), None) | (None, Some(name)) => name.clone(),
        (None, None) => "untitled".to_string(),
    };
    let end = if job.current {
        "present"
    } else {
        job.end.as_str()
    };
    format!("{role}, {} to {end} ({:.1} years)", job.start, job.years)
}

/// Renders the report as text for a terminal.
pub fn render_text(report: &MatchReport) -> String {
    let mut out = String::new();
    let profile = &report.resume.profile;
    let years = profile
        .total_experience_years
        .map(|y| format!("{y:.1} years of experience"))
        .unwrap_or_else(|| "experience not stated".to_string());
    let _ = writeln!(
        out,
        "Resume: {} skills, {years}",
        report.resume.skills.len()
    );
    let skills: Vec<&str> = report
        .resume
        .skills
        .iter()
        .map(|s| s.skill.as_str())
        .collect();
    let _ = writeln!(out, "  skills: {}", skills.join(", "));
    for job in &report.resume.experience {
        let _ = writeln!(out, "  job: {}", job_line(job));
    }
    for warning in &report.resume.warnings {
        let _ = writeln!(out, "  warning: {warning}");
    }
    let _ = writeln!(
        out,
        "Job: {} requirements, {} soft skills",
        report.job.requirements.len(),
        report.job.soft_skills.len()
    );
    for warning in &report.job.warnings {
        let _ = writeln!(out, "  warning: {warning}");
    }
    write_breakdown(&mut out, &report.scored);
    let (alternatives, counted): (Vec<&RequirementMatch>, Vec<&RequirementMatch>) = report
        .scored
        .requirements
        .iter()
        .partition(|decision| decision.alternative_to.is_some());
    let (strengths, gaps): (Vec<&RequirementMatch>, Vec<&RequirementMatch>) = counted
        .into_iter()
        .partition(|decision| decision.kind.covers());
    write_details(&mut out, "Strengths", &strengths);
    write_details(&mut out, "Gaps", &gaps);
    if !alternatives.is_empty() {
        let _ = writeln!(
            out,
            "\nAlternatives not counted ({}): the job accepts any one of a group",
            alternatives.len()
        );
        for decision in alternatives {
            let chosen = decision.alternative_to.as_deref().unwrap_or("-");
            let _ = writeln!(
                out,
                "  {:<28} alternative to {chosen}",
                decision.requirement
            );
        }
    }
    out
}
