//! `scripts/compare-workers.py` against two real servers on 127.0.0.1: equal services give no
//! difference, and a service that scores differently is reported field by field.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod support;

use std::process::Output;

use support::{compat_url, repo_root, start_server};

/// Returns why the script cannot run here, if it cannot.
fn python_missing() -> Option<&'static str> {
    let python = std::process::Command::new("python3")
        .arg("--version")
        .output();
    if python.is_ok_and(|output| output.status.success()) {
        None
    } else {
        Some("python3 not installed")
    }
}

async fn compare(base_a: &str, base_b: &str, extra: &[&str]) -> Output {
    let script = repo_root().join("scripts/compare-workers.py");
    let run = tokio::process::Command::new("python3")
        .arg(script)
        .args([base_a, base_b, "--timeout", "60"])
        .args(extra)
        .current_dir(repo_root())
        .kill_on_drop(true)
        .output();
    tokio::time::timeout(std::time::Duration::from_secs(170), run)
        .await
        .expect("the script finished within 170 s")
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn equal_services_show_no_difference() {
    if let Some(reason) = python_missing() {
        support::report_skip(reason);
        return;
    }
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let server_a = start_server(dir_a.path(), &[]).await;
    let server_b = start_server(dir_b.path(), &[]).await;

    let output = compare(
        &compat_url(&server_a),
        &compat_url(&server_b),
        &[
            "--requests",
            "tests/data/old-worker/match.json",
            "--requests",
            "tests/data/old-worker/errors.json",
            "--resume",
            "examples/resume.pdf",
            "--job",
            "examples/job.txt",
        ],
    )
    .await;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(!stdout.contains("DIFF"), "{stdout}");
    // 19 built-in requests, 22 + 9 recorded cases, one resume and one job.
    assert!(
        stdout.contains("\n52 requests, 0 with differences"),
        "{stdout}"
    );
    server_a.shutdown().await;
    server_b.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn different_scoring_is_reported_field_by_field() {
    if let Some(reason) = python_missing() {
        support::report_skip(reason);
        return;
    }
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let plain = start_server(dir_a.path(), &[]).await;
    let inferred = start_server(dir_b.path(), &["--use-inferred-requirements", "true"]).await;
    let requests = dir_a.path().join("inferred.json");
    let case = serde_json::json!({
        "name": "inferred counts",
        "path": "/match",
        "request": {
            "candidate_skills": [{"skill": "aws"}, {"skill": "linux"}],
            "requirements": [{"skill": "aws", "importance": 0.5},
                             {"skill": "linux", "importance": 0.5, "inferred": true}]
        }
    });
    std::fs::write(&requests, case.to_string()).unwrap();
    let requests = requests.to_str().unwrap();

    // Without inferred requirements the score is 0.5 / 0.5 = 1.0. With them it is
    // 0.5 + min(0.5, 0.2) = 0.7.
    let output = compare(
        &compat_url(&plain),
        &compat_url(&inferred),
        &["--no-builtin", "--requests", requests],
    )
    .await;
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("DIFF  POST /match  inferred counts"),
        "{stdout}"
    );
    assert!(
        stdout.contains("\n      $.score\n        A: 1.0\n        B: 0.7\n"),
        "{stdout}"
    );
    assert!(stdout.contains("$.summary.overall_match_score"), "{stdout}");
    assert!(
        stdout.contains("1 requests, 1 with differences"),
        "{stdout}"
    );

    let ignored = compare(
        &compat_url(&plain),
        &compat_url(&inferred),
        &[
            "--no-builtin",
            "--requests",
            requests,
            "--ignore",
            "$.score",
            "--ignore",
            "$.summary.overall_match_score",
        ],
    )
    .await;
    let stdout = String::from_utf8_lossy(&ignored.stdout);
    assert_eq!(ignored.status.code(), Some(0), "{stdout}");
    plain.shutdown().await;
    inferred.shutdown().await;
}
