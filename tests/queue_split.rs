//! Processes of a split deployment. Splits that cannot share a queue are rejected at start with
//! a message that gives the reason. These are `layer1 worker` on a SQLite file no API process
//! created, either split on an in-memory SQLite database, and either split on SQL Server
//! without `REDIS_URL`. The per-queue concurrency settings fall back to `WORKER_CONCURRENCY`, and
//! `layer1 serve` stops cleanly on SIGTERM.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use clap::Parser;
use layer1::config::WorkerSettings;

/// Runs the binary with `args` and `env`, with none of the queue variables inherited.
fn run_layer1(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_layer1"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("REDIS_URL")
        .env_remove("DATABASE_URL")
        .env_remove("AZURE_SQL_SERVER")
        .env("DATA_DIR", dir.join("data"))
        .env("PORT", "0")
        .env("COMPAT_PORT", "off")
        .env("AUTH_DISABLED", "true");
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().unwrap()
}

/// Asserts that the command failed and its error output contains each of `expected`.
fn assert_rejected(output: &Output, expected: &[&str]) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "the command started: {stderr}");
    for text in expected {
        assert!(stderr.contains(text), "missing {text:?} in: {stderr}");
    }
}

#[test]
fn worker_without_api_database_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let output = run_layer1(dir.path(), &["worker"], &[]);
    assert_rejected(
        &output,
        &[
            "layer1 worker cannot run with these settings",
            "layer1.db does not exist",
            "layer1 serve --no-workers",
        ],
    );
    assert!(!dir.path().join("data/layer1.db").exists());
}

#[test]
fn split_on_sql_server_without_redis_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let env = [
        ("AZURE_SQL_SERVER", "sql.example.invalid"),
        ("AZURE_SQL_DATABASE", "layer1"),
        ("AZURE_SQL_USER", "layer1"),
        ("AZURE_SQL_PASSWORD", "not-a-real-password"),
    ];
    for (args, command) in [
        (&["serve", "--no-workers"][..], "layer1 serve --no-workers"),
        (&["worker"][..], "layer1 worker"),
    ] {
        let output = run_layer1(dir.path(), args, &env);
        assert_rejected(
            &output,
            &[
                &format!("{command} cannot run with these settings"),
                "SQL Server has no job queue of its own",
                "set REDIS_URL",
            ],
        );
    }
}

#[test]
fn split_on_memory_sqlite_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let env = [("DATABASE_URL", "sqlite::memory:")];
    for args in [&["serve", "--no-workers"][..], &["worker"][..]] {
        let output = run_layer1(dir.path(), args, &env);
        assert_rejected(
            &output,
            &["in-memory SQLite database exists only inside one process"],
        );
    }
}

#[test]
fn invalid_redis_url_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let env = [("REDIS_URL", "http://127.0.0.1:6379")];
    let output = run_layer1(dir.path(), &["worker"], &env);
    assert_rejected(&output, &["REDIS_URL must be a redis:// or rediss:// URL"]);
}

#[derive(Parser)]
struct WorkerArgs {
    #[command(flatten)]
    worker: WorkerSettings,
}

#[test]
fn queue_concurrency_defaults_to_shared_value() {
    let parsed = WorkerArgs::try_parse_from(["layer1", "--concurrency", "5"]).unwrap();
    assert_eq!(parsed.worker.queue_concurrency(), [5, 5, 5]);

    let parsed = WorkerArgs::try_parse_from([
        "layer1",
        "--concurrency",
        "5",
        "--concurrency-resumes",
        "1",
        "--concurrency-matches",
        "8",
    ])
    .unwrap();
    assert_eq!(parsed.worker.queue_concurrency(), [1, 5, 8]);

    let zero = WorkerArgs::try_parse_from(["layer1", "--concurrency-jobs", "0"]).unwrap();
    let mut problems = Vec::new();
    zero.worker.check(&mut problems);
    assert_eq!(problems, vec!["WORKER_CONCURRENCY_JOBS must be at least 1"]);
}

/// A child process that is killed when dropped, so a failing test leaves no server behind.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn serve_process_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let log_path = dir.path().join("serve.log");
    let model_dir = std::env::var_os("MODEL_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("models"));
    let child = Command::new(env!("CARGO_BIN_EXE_layer1"))
        .arg("serve")
        .current_dir(dir.path())
        .env_remove("REDIS_URL")
        .env_remove("DATABASE_URL")
        .env_remove("AZURE_SQL_SERVER")
        .env("DATA_DIR", dir.path().join("data"))
        .env("MODEL_DIR", model_dir)
        .env("BIND_ADDR", "127.0.0.1")
        .env("PORT", port.to_string())
        .env("COMPAT_PORT", "off")
        .env("AUTH_DISABLED", "true")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log_path).unwrap())
        .spawn()
        .unwrap();
    let mut child = KillOnDrop(child);
    let log = || std::fs::read_to_string(&log_path).unwrap_or_default();

    let deadline = Instant::now() + Duration::from_secs(60);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            child.0.try_wait().unwrap().is_none(),
            "serve exited: {}",
            log()
        );
        assert!(Instant::now() < deadline, "serve not listening: {}", log());
        std::thread::sleep(Duration::from_millis(100));
    }

    let status = Command::new("kill")
        .args(["-TERM", &child.0.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(20);
    let exit = loop {
        if let Some(exit) = child.0.try_wait().unwrap() {
            break exit;
        }
        assert!(
            Instant::now() < deadline,
            "serve running after SIGTERM: {}",
            log()
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    let log = log();
    assert!(exit.success(), "{exit}: {log}");
    assert!(log.contains("shutdown signal received"), "{log}");
    assert!(log.contains("workers stopped"), "{log}");
    assert!(std::net::TcpStream::connect(("127.0.0.1", port)).is_err());
}
