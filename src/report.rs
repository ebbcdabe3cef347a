//! `layer1 match`: one resume against one job, printed as a report.

use std::fmt::Write as _;

use anyhow::Context;
use chrono::Utc;
use layer1_engine::resume::ParsedResume;
use layer1_engine::score::{MatchDetail, MatchOutcome};
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
    /// Score and per-requirement details.
    pub outcome: MatchOutcome,
}

/// Reads, parses and scores the two files of `args`.
pub fn run_match(args: &MatchArgs) -> anyhow::Result<MatchReport> {
    let nlp = NlpRuntime::load(&args.nlp);
    let engine = nlp.engine();
    let resume_bytes = std::fs::read(&args.resume)
        .with_context(|| format!("failed to read resume {}", args.resume.display()))?;
    let job_bytes = std::fs::read(&args.job)
        .with_context(|| format!("failed to read job {}", args.job.display()))?;
    let as_of = args.as_of.unwrap_or_else(|| Utc::now().date_naive());

    let resume = engine
        .analyze_resume(&resume_bytes, as_of)
        .with_context(|| format!("failed to parse resume {}", args.resume.display()))?;
    let job = engine
        .analyze_job_file(&job_bytes)
        .with_context(|| format!("failed to parse job {}", args.job.display()))?;
    let outcome = engine.match_parsed(&resume, &job, nlp.options())?;
    Ok(MatchReport {
        resume,
        job,
        outcome,
    })
}

/// Renders the report as JSON.
pub fn render_json(report: &MatchReport) -> anyhow::Result<String> {
    let value = json!({
        "score": report.outcome.score,
        "summary": report.outcome.summary,
        "resume": report.resume,
        "job": report.job,
    });
    Ok(serde_json::to_string_pretty(&value)?)
}

fn write_details(out: &mut String, title: &str, details: &[MatchDetail]) {
    let _ = writeln!(out, "\n{title} ({})", details.len());
    for detail in details {
        let matched = detail.matched_skill.as_deref().unwrap_or("-");
        let _ = writeln!(
            out,
            "  {:<28} importance {:.2}  similarity {:.3}  matched {}{}",
            detail.requirement,
            detail.importance,
            detail.similarity,
            matched,
            if detail.inferred { "  (inferred)" } else { "" },
        );
    }
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
    let _ = writeln!(
        out,
        "Job: {} requirements, {} soft skills",
        report.job.requirements.len(),
        report.job.soft_skills.len()
    );
    let _ = writeln!(out, "\nScore: {:.3}", report.outcome.score);
    write_details(&mut out, "Strengths", &report.outcome.summary.strengths);
    write_details(&mut out, "Gaps", &report.outcome.summary.gaps);
    out
}
