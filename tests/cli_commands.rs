//! The `layer1` command line as a user runs it: every command and option has help text,
//! `db migrate` creates the SQLite database, and `match` prints a report (text and JSON)
//! without a server.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod support;

use std::path::Path;
use std::process::{Command, Output};

use clap::CommandFactory;
use layer1::cli::Cli;
use serde_json::Value;
use support::{model_dir, repo_root};

/// Runs the built binary in `dir` (so no `.env` of the repository is read).
fn layer1(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_layer1"))
        .args(args)
        .current_dir(dir)
        .env_remove("DATABASE_URL")
        .env_remove("DATA_DIR")
        .output()
        .unwrap()
}

/// Fails the test with the command's standard error when it did not succeed.
fn assert_success(output: &Output) {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Collects the paths of every visible subcommand, such as `["db", "migrate"]`.
fn command_paths(command: &clap::Command, prefix: &[String], paths: &mut Vec<Vec<String>>) {
    for sub in command.get_subcommands().filter(|sub| !sub.is_hide_set()) {
        let mut path = prefix.to_vec();
        path.push(sub.get_name().to_string());
        paths.push(path.clone());
        command_paths(sub, &path, paths);
    }
}

#[test]
fn every_option_of_every_command_has_help() {
    let root = Cli::command();
    let mut paths = vec![Vec::new()];
    command_paths(&root, &[], &mut paths);
    assert!(paths.contains(&vec!["serve".to_string()]));
    assert!(paths.contains(&vec!["match".to_string()]));
    assert!(paths.contains(&vec!["db".to_string(), "migrate".to_string()]));

    let dir = tempfile::tempdir().unwrap();
    for path in &paths {
        let mut command = &root;
        for name in path {
            command = command.find_subcommand(name).unwrap();
        }
        let label = format!("layer1 {}", path.join(" "));
        assert!(command.get_about().is_some(), "{label}: no description");
        for arg in command.get_arguments().filter(|arg| !arg.is_hide_set()) {
            let id = arg.get_id().as_str();
            if id == "help" || id == "version" {
                continue;
            }
            let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
            assert!(!help.trim().is_empty(), "{label}: option {id} has no help");
        }

        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let output = layer1(dir.path(), &args);
        assert!(output.status.success(), "{label} --help failed");
        let text = stdout(&output);
        for arg in command.get_arguments().filter(|arg| !arg.is_hide_set()) {
            if let Some(long) = arg.get_long() {
                assert!(
                    text.contains(&format!("--{long}")),
                    "{label} --help does not list --{long}"
                );
            }
        }
    }
}

#[tokio::test]
async fn db_migrate_creates_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let output = layer1(
        dir.path(),
        &["db", "migrate", "--data-dir", data.to_str().unwrap()],
    );
    assert_success(&output);
    let file = data.join("layer1.db");
    assert!(file.exists(), "no database at {}", file.display());

    let url = format!("sqlite://{}", file.display());
    let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
    let tables: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table'")
            .fetch_all(&pool)
            .await
            .unwrap();
    pool.close().await;
    for table in [
        "users",
        "resumes",
        "job_descriptions",
        "requirements",
        "candidate_skills",
        "job_soft_skills",
        "matches",
        "match_jobs",
    ] {
        assert!(
            tables.iter().any(|t| t == table),
            "{table} missing: {tables:?}"
        );
    }

    // A second run finds everything applied and changes nothing.
    let again = layer1(
        dir.path(),
        &["db", "migrate", "--data-dir", data.to_str().unwrap()],
    );
    assert!(again.status.success());
}

/// Arguments of `layer1 match` on the example documents, with a fixed "present" date.
fn match_args(extra: &[&str]) -> Vec<String> {
    let root = repo_root();
    let mut args = vec![
        "match".to_string(),
        root.join("examples/resume.pdf").display().to_string(),
        root.join("examples/job.txt").display().to_string(),
        "--model-dir".to_string(),
        model_dir().display().to_string(),
        "--as-of".to_string(),
        "2026-12-01".to_string(),
    ];
    args.extend(extra.iter().map(ToString::to_string));
    args
}

/// Arguments of `layer1 match` for the example resume against `job`, with `extra` after the
/// files.
fn example_resume_against(job: &Path, extra: &[&str]) -> Vec<String> {
    let mut args = vec![
        "match".to_string(),
        repo_root()
            .join("examples/resume.pdf")
            .display()
            .to_string(),
        job.display().to_string(),
    ];
    args.extend(extra.iter().map(ToString::to_string));
    args.extend(["--model-dir".to_string(), model_dir().display().to_string()]);
    args
}

#[test]
fn match_prints_score_strengths_and_gaps() {
    let dir = tempfile::tempdir().unwrap();
    let args = match_args(&[]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = layer1(dir.path(), &args);
    assert_success(&output);
    let text = stdout(&output);
    assert!(text.contains("\nScore: "), "{text}");
    assert!(text.contains("\nStrengths ("), "{text}");
    assert!(text.contains("\nGaps ("), "{text}");
    assert!(
        text.contains("  job: Software Engineer at Harborline Logistics, 2016-06 to 2018-12"),
        "{text}"
    );
    assert!(
        text.contains("at Lumenfield Analytics, 2019-01 to present (7.9 years)"),
        "{text}"
    );
    let python = text
        .lines()
        .find(|line| line.trim_start().starts_with("python "))
        .unwrap_or_else(|| panic!("no python line in:\n{text}"));
    assert!(python.contains("similarity 1.000"), "{python}");
    assert!(python.contains("matched python"), "{python}");
}

#[test]
fn match_json_carries_similarity_and_matched_skill() {
    let dir = tempfile::tempdir().unwrap();
    let args = match_args(&["--json"]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = layer1(dir.path(), &args);
    assert_success(&output);
    let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let score = report["score"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&score), "score {score}");
    let summary = &report["summary"];
    for list in ["strengths", "gaps", "details"] {
        assert!(summary[list].is_array(), "summary.{list} missing");
    }
    let python = summary["details"]
        .as_array()
        .unwrap()
        .iter()
        .find(|detail| detail["requirement"] == "python")
        .unwrap();
    assert_eq!(python["similarity"], 1.0);
    assert_eq!(python["matched_skill"], "python");
    assert!(report["resume"]["skills"].as_array().unwrap().len() >= 5);
}

#[test]
fn match_without_model_warns_once() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("no-model");
    std::fs::create_dir(&empty).unwrap();
    let root = repo_root();
    let output = Command::new(env!("CARGO_BIN_EXE_layer1"))
        .args(["match", "--json", "--model-dir"])
        .arg(&empty)
        .arg(root.join("examples/resume.pdf"))
        .arg(root.join("examples/job.txt"))
        .current_dir(dir.path())
        .env_remove("ORT_DYLIB_PATH")
        .env_remove("MODEL_DIR")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");

    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|line| line.contains("sentence model not installed"))
        .collect();
    assert_eq!(warnings.len(), 1, "{stderr}");
    assert!(warnings[0].contains("WARN"), "{}", warnings[0]);
    assert!(warnings[0].contains("model.onnx"), "{}", warnings[0]);

    // The hashed n-gram embeddings still give a full report.
    let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert!(report["score"].as_f64().is_some(), "{report}");
    assert!(report["resume"]["skills"].as_array().unwrap().len() >= 5);
}

#[test]
fn match_warns_on_spanish_job() {
    let dir = tempfile::tempdir().unwrap();
    let job = dir.path().join("oferta.txt");
    std::fs::write(
        &job,
        "Analista de datos\nRequisitos\n- Al menos 3 años de experiencia con SQL y Python en \
         el análisis de las ventas de la empresa.\n- Trabajo en equipo y comunicación con los \
         clientes de la región.\n",
    )
    .unwrap();
    let args = example_resume_against(&job, &["--json"]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = layer1(dir.path(), &args);
    assert_success(&output);
    let report: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let parsed = &report["job"];
    assert_eq!(parsed["language"], "es", "{parsed}");
    assert_eq!(parsed["required_years"], 3.0, "{parsed}");
    let warning = parsed["warnings"][0].as_str().unwrap();
    assert!(warning.starts_with("document language is es"), "{warning}");
    let soft: Vec<&str> = parsed["soft_skills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["skill"].as_str().unwrap())
        .collect();
    assert!(
        soft.contains(&"teamwork") && soft.contains(&"communication"),
        "{soft:?}"
    );

    let text = stdout(&layer1(dir.path(), &args[..3]));
    assert!(
        text.contains("  warning: document language is es"),
        "{text}"
    );
}

#[test]
fn match_says_when_a_job_asks_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let job = dir.path().join("bakery.txt");
    std::fs::write(
        &job,
        "Team Member\n\nWe are a bakery in town. Apply in person.\n",
    )
    .unwrap();
    let args = example_resume_against(&job, &[]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = layer1(dir.path(), &args);
    assert_success(&output);
    let text = stdout(&output);
    assert!(
        text.contains("Score: 0.000  (the job states nothing to score against"),
        "{text}"
    );

    let text = stdout(&layer1(
        dir.path(),
        &match_args(&[])
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    ));
    assert!(!text.contains("nothing to score"), "{text}");
}

#[test]
fn match_with_missing_file_fails() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere.pdf");
    let job = repo_root().join("examples/job.txt");
    let output = layer1(
        dir.path(),
        &["match", missing.to_str().unwrap(), job.to_str().unwrap()],
    );
    assert!(!output.status.success());
    assert_ne!(output.status.code(), Some(101), "the command panicked");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("failed to read resume"), "{stderr}");
}

#[test]
fn match_rejects_as_of_out_of_range() {
    let dir = tempfile::tempdir().unwrap();
    let resume = repo_root().join("examples/resume.pdf");
    let job = repo_root().join("examples/job.txt");
    for date in ["1890-01-01", "9999-12-31"] {
        let output = layer1(
            dir.path(),
            &[
                "match",
                resume.to_str().unwrap(),
                job.to_str().unwrap(),
                "--as-of",
                date,
            ],
        );
        assert!(!output.status.success(), "{date} was accepted");
        assert_ne!(output.status.code(), Some(101), "the command panicked");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(&format!("--as-of {date} is outside")),
            "{stderr}"
        );
    }
}

#[test]
fn match_names_an_empty_job_file() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let resume = repo_root().join("examples/resume.pdf");
    let output = layer1(
        dir.path(),
        &["match", resume.to_str().unwrap(), empty.to_str().unwrap()],
    );
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("failed to parse job"), "{stderr}");
    assert!(stderr.contains("the file is empty (0 bytes)"), "{stderr}");
}

/// Arguments of `layer1 rank` of the example job against `resumes`, as JSON.
fn rank_args(resumes: &[&Path]) -> Vec<String> {
    let root = repo_root();
    let mut args = vec![
        "rank".to_string(),
        root.join("examples/job.txt").display().to_string(),
    ];
    args.extend(resumes.iter().map(|path| path.display().to_string()));
    args.extend(
        [
            "--model-dir",
            &model_dir().display().to_string(),
            "--as-of",
            "2026-12-01",
            "--json",
        ]
        .map(str::to_string),
    );
    args
}

#[test]
fn rank_skips_unreadable_resume_files() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let image = dir.path().join("photo.png");
    std::fs::write(&image, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let missing = dir.path().join("missing.txt");
    let resume = repo_root().join("examples/resume.pdf");

    let args = rank_args(&[&resume, &empty, &image, &missing]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = layer1(dir.path(), &args);

    assert_success(&output);
    let ranked: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let ranked = ranked.as_array().unwrap();
    assert_eq!(ranked.len(), 1, "{ranked:?}");
    assert_eq!(ranked[0]["resume"], resume.display().to_string());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|line| line.starts_with("warning: skipped "))
        .collect();
    assert_eq!(warnings.len(), 3, "{stderr}");
    assert!(
        warnings[0].contains("empty.txt: the file is empty"),
        "{stderr}"
    );
    assert!(
        warnings[1].contains("photo.png: unsupported file type"),
        "{stderr}"
    );
    assert!(
        warnings[2].contains("missing.txt: cannot be read"),
        "{stderr}"
    );
}

#[test]
fn rank_lists_a_repeated_file_once() {
    let dir = tempfile::tempdir().unwrap();
    let resume = repo_root().join("examples/resume.pdf");
    let again = resume.parent().unwrap().join(".").join("resume.pdf");

    let args = rank_args(&[&resume, &again]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = layer1(dir.path(), &args);

    assert_success(&output);
    let ranked: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(ranked.as_array().unwrap().len(), 1, "{ranked:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("resume.pdf: the file was already given"),
        "{stderr}"
    );
}

#[test]
fn rank_fails_when_no_resume_reads() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();

    let args = rank_args(&[&empty]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = layer1(dir.path(), &args);

    assert!(!output.status.success());
    assert!(stdout(&output).is_empty(), "{}", stdout(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("warning: skipped"), "{stderr}");
    assert!(stderr.contains("empty.txt"), "{stderr}");
    assert!(stderr.contains("no resume file could be read"), "{stderr}");
}
