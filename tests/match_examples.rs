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

/// Score of the example resume against the example job with the `exact` strategy.
const EXPECTED_SCORE: f64 = 0.765;

fn match_example(resume: &str) -> layer1::report::MatchReport {
    let root = repo_root();
    let cli = Cli::try_parse_from([
        "layer1".to_string(),
        "match".to_string(),
        root.join("examples").join(resume).display().to_string(),
        root.join("examples/job.txt").display().to_string(),
        "--model-dir".to_string(),
        model_dir().display().to_string(),
        "--as-of".to_string(),
        "2026-12-01".to_string(),
    ])
    .unwrap();
    let Command::Match(args) = cli.command else {
        panic!("parsed a different command");
    };
    assert_eq!(args.as_of, NaiveDate::from_ymd_opt(2026, 12, 1));
    run_match(&args).unwrap()
}

fn check_example(resume: &str) {
    if !model_installed() {
        println!("skipped: model not installed (run scripts/setup.sh)");
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
    let score = report.outcome.score;
    assert!(
        (score - EXPECTED_SCORE).abs() <= 0.02,
        "{resume}: score {score}, expected {EXPECTED_SCORE} ± 0.02"
    );
    let gaps: Vec<&str> = report
        .outcome
        .summary
        .gaps
        .iter()
        .map(|g| g.requirement.as_str())
        .collect();
    assert!(gaps.contains(&"flask"), "flask should be a gap: {gaps:?}");
    let strengths: Vec<&str> = report
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
