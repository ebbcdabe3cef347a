//! Public resumes, when a corpus directory is present: every file is read without a panic and
//! at least 90 % of them give five skills or more. `CORPUS_DIR` names the directory (its
//! `resumes/` folder is read); without it the test looks next to the repository and skips when
//! nothing is there.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod support;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use layer1_engine::Engine;
use layer1_engine::embed::{ModelLocation, load_embedder};
use layer1_engine::extract::ExtractLimits;
use layer1_engine::skills::Taxonomy;
use support::{model_dir, repo_root};

fn corpus_dir() -> PathBuf {
    std::env::var_os("CORPUS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("../shared/corpus"))
}

fn resume_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for sub in ["pdf", "docx", "txt"] {
        let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
            continue;
        };
        files.extend(entries.map(|entry| entry.unwrap().path()));
    }
    files.sort();
    files
}

#[test]
fn public_resumes_give_skills_without_panics() {
    let files = resume_files(&corpus_dir().join("resumes"));
    if files.is_empty() {
        support::report_skip("no corpus resumes found (set CORPUS_DIR)");
        return;
    }
    let (embedder, _) = load_embedder(&ModelLocation::new(model_dir()), 1);
    let engine = Engine::new(&Taxonomy::builtin(), embedder, ExtractLimits::default());
    let as_of = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();

    let mut useful = 0;
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            engine.analyze_resume(&bytes, as_of)
        }));
        let parsed = match outcome {
            Ok(result) => result,
            Err(_) => panic!("{} panicked", file.display()),
        };
        match parsed {
            Ok(resume) if resume.skills.len() >= 5 => useful += 1,
            Ok(resume) => println!("{}: {} skills", file.display(), resume.skills.len()),
            Err(error) => println!("{}: {}", file.display(), error.code()),
        }
    }
    println!(
        "{useful} of {} resumes gave five skills or more",
        files.len()
    );
    assert!(
        useful * 10 >= files.len() * 9,
        "only {useful} of {} resumes gave five skills or more",
        files.len()
    );
}
