//! The product's scoring step with warm caches: a 15 requirement × 12 skill `semantic` match
//! with every vector already computed, including the category breakdown.
//!
//! Run with `cargo bench --bench score`. The vectors come from the installed model
//! (scripts/setup.sh), or from the hashed fallback when it is missing; the timed step never
//! embeds.

use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use layer1_engine::embed::{ModelLocation, load_embedder};
use layer1_engine::score::{
    CandidateEntry, MatchInput, MatchOptions, ProfileFacts, RequirementEntry, SkillIndex,
    score_match_with_vectors,
};

const SKILLS: [&str; 12] = [
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
];

const REQUIREMENTS: [&str; 15] = [
    "python",
    "postgres",
    "kubernetes",
    "amazon web services",
    "docker",
    "rest api",
    "kafka",
    "terraform",
    "java",
    "scala",
    "airflow",
    "snowflake",
    "vue.js",
    "ci/cd",
    "mysql",
];

fn input() -> MatchInput {
    let mut input = MatchInput {
        candidates: SKILLS
            .iter()
            .map(|skill| CandidateEntry {
                skill: (*skill).to_string(),
                skill_id: None,
                evidence: Some(format!("Built and ran services with {skill}.")),
            })
            .collect(),
        requirements: REQUIREMENTS
            .iter()
            .enumerate()
            .map(|(i, skill)| RequirementEntry {
                skill: (*skill).to_string(),
                skill_id: None,
                importance: Some(if i < 8 { 1.0 } else { 0.6 }),
                inferred: false,
                any_of: None,
            })
            .collect(),
        soft_skills: Vec::new(),
        facts: ProfileFacts {
            candidate_years: Some(7.5),
            required_years: Some(5.0),
            candidate_education: vec!["bachelor".to_string()],
            required_education: Some("bachelor".to_string()),
            equivalent_experience: false,
            equivalent_years: None,
        },
    };
    input.resolve_ids(SkillIndex::builtin());
    input
}

fn bench_semantic(c: &mut Criterion) {
    let models = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models");
    let (embedder, kind) = load_embedder(&ModelLocation::new(models), 1);
    let input = input();
    let texts = input.texts();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let vectors = embedder.embed(&refs).expect("the bench texts embed");
    let options = MatchOptions::default();
    eprintln!("vectors from the {} embedder", kind.as_str());

    c.bench_function("score_semantic_15x12_warm", |b| {
        b.iter(|| score_match_with_vectors(&input, &vectors, &options))
    });
}

criterion_group!(benches, bench_semantic);
criterion_main!(benches);
