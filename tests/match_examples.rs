//! The example documents through the real model: the exact skills found in the PDF and DOCX
//! resumes, and the match score against the example job.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod support;

use std::collections::BTreeSet;

use chrono::NaiveDate;
use clap::Parser;
use layer1::cli::{Cli, Command};
use layer1::report::run_match;
use support::{model_dir, model_installed, repo_root};

/// Skills of the example resume, in canonical names.
const EXPECTED_SKILLS: &[&str] = &[
    "airflow",
    "algorithms",
    "aws",
    "aws certified solutions architect",
    "backend development",
    "bash",
    "caching",
    "celery",
    "ci/cd",
    "ckad",
    "cloud computing",
    "code review",
    "dashboards",
    "data pipelines",
    "database design",
    "dbt",
    "devops",
    "distributed systems",
    "django",
    "docker",
    "eks",
    "elasticsearch",
    "etl",
    "event-driven architecture",
    "fastapi",
    "github",
    "github actions",
    "go",
    "grpc",
    "helm",
    "iam",
    "java",
    "javascript",
    "jenkins",
    "kafka",
    "kubernetes",
    "machine learning",
    "microservices",
    "node.js",
    "on-call",
    "postgresql",
    "prometheus",
    "python",
    "query optimization",
    "rds",
    "react",
    "redis",
    "rest api",
    "s3",
    "snowflake",
    "sql",
    "terraform",
    "typescript",
    "unit testing",
];

/// Product score of the example resume against the example job with the default `semantic`
/// strategy and weights: hard skills 0.862 (weight 0.6) and experience 1.0 (12.3 years
/// against 5, weight 0.2); the job names no soft skills or education, so they are left out:
/// (0.6 × 0.862 + 0.2 × 1.0) / 0.8 = 0.897.
const EXPECTED_SCORE: f64 = 0.897;
/// Hard-skill score with the `semantic` strategy. Of the 28 requirements, 4 are alternatives
/// another member of their group meets ("FastAPI, Django or Flask", "EC2 or EKS", "React or
/// TypeScript"), so 24 count. The 20 the resume lists count fully, and 2 others get partial
/// credit from a related skill. Two get none: performance tuning, and rate limiting, which
/// the resume does not name. "Freight" in the opening blurb is not a requirement, and neither
/// are the tools and the mentoring named only under "What you will do", because the job has a
/// Requirements section.
const EXPECTED_HARD_SKILLS: f64 = 0.862;
/// Hard-skill score with the `exact` strategy: the weight of the 22 listed requirements over
/// the weight of all 28.
const EXPECTED_EXACT_HARD_SKILLS: f64 = 0.786;

fn match_example_with(resume: &str, extra: &[&str]) -> layer1::report::MatchReport {
    let root = repo_root();
    let mut args = vec![
        "layer1".to_string(),
        "match".to_string(),
        root.join("examples").join(resume).display().to_string(),
        root.join("examples/job.txt").display().to_string(),
        "--model-dir".to_string(),
        model_dir().display().to_string(),
        "--as-of".to_string(),
        "2026-12-01".to_string(),
    ];
    args.extend(extra.iter().map(|arg| (*arg).to_string()));
    let cli = Cli::try_parse_from(args).unwrap();
    let Command::Match(args) = cli.command else {
        panic!("parsed a different command");
    };
    assert_eq!(args.as_of, NaiveDate::from_ymd_opt(2026, 12, 1));
    run_match(&args).unwrap()
}

fn match_example(resume: &str) -> layer1::report::MatchReport {
    match_example_with(resume, &[])
}

fn check_example(resume: &str) {
    if !model_installed() {
        support::report_skip("model not installed (run scripts/setup.sh)");
        return;
    }
    let report = match_example(resume);

    let found: BTreeSet<&str> = report
        .resume
        .skills
        .iter()
        .map(|s| s.skill.as_str())
        .collect();
    let expected: BTreeSet<&str> = EXPECTED_SKILLS.iter().copied().collect();
    let missing: Vec<_> = expected.difference(&found).collect();
    let extra: Vec<_> = found.difference(&expected).collect();
    assert!(missing.is_empty(), "{resume}: missing skills {missing:?}");
    assert!(extra.is_empty(), "{resume}: unexpected skills {extra:?}");

    // Jul 2014 – May 2016, Jun 2016 – Dec 2018 and Jan 2019 – Present (Dec 2026) last 22, 30
    // and 95 months: each range is its end month minus its start month.
    assert_eq!(report.resume.profile.total_experience_years, Some(12.3));
    assert_eq!(report.resume.profile.name.as_deref(), Some("Maya Okafor"));
    let score = report.scored.score;
    assert!(
        (score - EXPECTED_SCORE).abs() <= 0.02,
        "{resume}: score {score}, expected {EXPECTED_SCORE} ± 0.02"
    );
    let hard = report.scored.outcome.score;
    assert_eq!(report.scored.breakdown.hard_skills.score, Some(hard));
    assert!(
        (hard - EXPECTED_HARD_SKILLS).abs() <= 0.02,
        "{resume}: hard skills {hard}, expected {EXPECTED_HARD_SKILLS} ± 0.02"
    );
    assert_eq!(report.scored.breakdown.experience.score, Some(1.0));
    assert_eq!(report.scored.breakdown.education.score, None);
    let gaps: Vec<&str> = report
        .scored
        .outcome
        .summary
        .gaps
        .iter()
        .map(|g| g.requirement.as_str())
        .collect();
    assert!(
        gaps.contains(&"rate limiting"),
        "rate limiting is a gap: {gaps:?}"
    );
    assert!(
        !gaps.contains(&"flask"),
        "flask is an alternative: {gaps:?}"
    );
    let flask = report
        .scored
        .requirements
        .iter()
        .find(|r| r.requirement == "flask")
        .expect("flask is a requirement");
    assert_eq!(flask.alternative_to.as_deref(), Some("fastapi"));
    let strengths: Vec<&str> = report
        .scored
        .outcome
        .summary
        .strengths
        .iter()
        .map(|g| g.requirement.as_str())
        .collect();
    for skill in ["python", "postgresql", "kubernetes", "aws", "docker"] {
        assert!(strengths.contains(&skill), "{skill} should be a strength");
    }
}

#[test]
fn pdf_example_gives_expected_skills_and_score() {
    check_example("resume.pdf");
}

#[test]
fn docx_example_gives_expected_skills_and_score() {
    check_example("resume.docx");
}

#[test]
fn exact_strategy_keeps_the_old_hard_skill_score() {
    if !model_installed() {
        support::report_skip("model not installed (run scripts/setup.sh)");
        return;
    }
    let report = match_example_with("resume.pdf", &["--match-strategy", "exact"]);
    let hard = report.scored.outcome.score;
    assert!(
        (hard - EXPECTED_EXACT_HARD_SKILLS).abs() <= 0.02,
        "hard skills {hard}, expected {EXPECTED_EXACT_HARD_SKILLS} ± 0.02"
    );
    let related = report
        .scored
        .requirements
        .iter()
        .filter(|decision| decision.credit > 0.0 && !decision.kind.covers())
        .count();
    assert_eq!(related, 0, "the exact rule gives no partial credit");
}
