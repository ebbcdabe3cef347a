//! Engine hot paths: skill extraction, job parsing and the 15 × 12 exact match.
//!
//! Run with `cargo bench --bench engine`. With the model installed (scripts/setup.sh) the
//! match uses the ONNX embedder, otherwise the hashed fallback.

use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use layer1_engine::Engine;
use layer1_engine::embed::{ModelLocation, load_embedder};
use layer1_engine::extract::ExtractLimits;
use layer1_engine::score::{CandidateSkill, RequirementInput, ScoreOptions};
use layer1_engine::skills::Taxonomy;

fn engine() -> Engine {
    let models = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models");
    let (embedder, _) = load_embedder(&ModelLocation::new(models), 1);
    Engine::new(&Taxonomy::builtin(), embedder, ExtractLimits::default())
}

fn example(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("failed to read {}: {e}", path.display()))
}

fn bench_documents(c: &mut Criterion) {
    let engine = engine();
    let resume = example("resume.pdf");
    let job = String::from_utf8(example("job.txt")).expect("job.txt is UTF-8");
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("valid date");
    c.bench_function("analyze_resume_pdf", |b| {
        b.iter(|| {
            engine
                .analyze_resume(&resume, as_of)
                .expect("resume parses")
        })
    });
    // Text pasted without line breaks: context rules must stay linear in the line length.
    let sentence = "We need Python, Rust, Kubernetes and PostgreSQL experience. ";
    let one_line = format!("Jane Roe\nSUMMARY\n{}", sentence.repeat(2000));
    c.bench_function("analyze_resume_120kb_single_line", |b| {
        b.iter(|| {
            engine
                .analyze_resume(one_line.as_bytes(), as_of)
                .expect("resume parses")
        })
    });
    // One job line that lists 10,000 seasons. The time to add a range to its entry must not
    // grow with the ranges already added.
    let seasons = format!(
        "EXPERIENCE\nCamp Counselor\n{}",
        "Summer 2019, ".repeat(10_000)
    );
    c.bench_function("analyze_resume_10k_dates_one_line", |b| {
        b.iter(|| {
            engine
                .analyze_resume(seasons.as_bytes(), as_of)
                .expect("resume parses")
        })
    });
    c.bench_function("analyze_job_text", |b| {
        b.iter(|| engine.analyze_job_text(&job))
    });

    // A job text at the API's 1 MiB limit, in short lines full of matches, soft-skill phrases
    // and ambiguous names. The context checks of each match must read only its own line.
    let line = "We value collaboration, communicate clearly with customers and write Go and R.\n";
    let large_job = format!(
        "Requirements\n- 3+ years of Python\n{}",
        line.repeat((1 << 20) / line.len())
    );
    let mut large = c.benchmark_group("large_job");
    large.sample_size(10);
    large.bench_function("analyze_job_text_1mib_lines", |b| {
        b.iter(|| engine.analyze_job_text(&large_job))
    });
    large.finish();
}

fn bench_match(c: &mut Criterion) {
    let engine = engine();
    let skills = [
        "python",
        "go",
        "postgresql",
        "redis",
        "kubernetes",
        "docker",
        "aws",
        "terraform",
        "kafka",
        "react",
        "typescript",
        "grpc",
        "prometheus",
        "grafana",
        "linux",
    ];
    let requirements = [
        "python",
        "postgresql",
        "kubernetes",
        "aws",
        "docker",
        "rest api",
        "kafka",
        "terraform",
        "java",
        "scala",
        "airflow",
        "snowflake",
    ];
    let candidates: Vec<CandidateSkill> = skills
        .iter()
        .map(|s| CandidateSkill {
            skill: s.to_string(),
            experience_years: None,
            proficiency: None,
        })
        .collect();
    let requirements: Vec<RequirementInput> = requirements
        .iter()
        .map(|s| RequirementInput {
            skill: s.to_string(),
            importance: Some(0.8),
            inferred: false,
        })
        .collect();
    let options = ScoreOptions::default();
    c.bench_function("score_exact_15x12", |b| {
        b.iter(|| {
            engine
                .score(&candidates, &requirements, &options)
                .expect("scoring succeeds")
        })
    });
}

criterion_group!(benches, bench_documents, bench_match);
criterion_main!(benches);
