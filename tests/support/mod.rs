//! Helpers shared by the integration tests: a real server on 127.0.0.1 with a temporary data
//! directory, and polling.

#![allow(dead_code, unreachable_pub)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use clap::Parser;
use layer1::config::ServeSettings;
use layer1::server::{RunningServer, start};
use serde_json::Value;

#[derive(Parser)]
struct Wrapper {
    #[command(flatten)]
    settings: ServeSettings,
}

/// Repository root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Model directory used by tests: `MODEL_DIR` when set, else `models/` of the repository.
pub fn model_dir() -> PathBuf {
    std::env::var_os("MODEL_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("models"))
}

/// Returns true when the setup script has installed the model.
pub fn model_installed() -> bool {
    let dir = model_dir();
    dir.join("model.onnx").exists() && dir.join("tokenizer.json").exists()
}

/// Builds serve settings for a data directory, with extra command-line flags. A flag in
/// `extra` replaces the default of the same name.
pub fn settings(data_dir: &Path, extra: &[&str]) -> ServeSettings {
    let defaults: [String; 14] = [
        "--port".into(),
        "0".into(),
        "--bind".into(),
        "127.0.0.1".into(),
        "--data-dir".into(),
        data_dir.display().to_string(),
        "--model-dir".into(),
        model_dir().display().to_string(),
        "--auth-disabled".into(),
        "true".into(),
        "--heartbeat-secs".into(),
        "1".into(),
        "--compat-port".into(),
        "0".into(),
    ];
    let mut args = vec!["layer1".to_string()];
    for pair in defaults.chunks(2) {
        if !extra.contains(&pair[0].as_str()) {
            args.extend(pair.iter().cloned());
        }
    }
    args.extend(extra.iter().map(|s| s.to_string()));
    Wrapper::try_parse_from(args)
        .expect("test settings parse")
        .settings
}

/// Starts a server on an ephemeral port of 127.0.0.1.
pub async fn start_server(data_dir: &Path, extra: &[&str]) -> RunningServer {
    let settings = settings(data_dir, extra);
    warm_taxonomy_vectors(&settings.nlp);
    start(settings).await.expect("server starts")
}

/// Writes the taxonomy vector file once per test process when it is missing or stale, so the
/// servers of the tests read it instead of each computing it in the background.
pub fn warm_taxonomy_vectors(nlp: &layer1::config::NlpSettings) {
    static WARM: std::sync::Once = std::sync::Once::new();
    WARM.call_once(|| {
        if model_installed() {
            layer1::vectors::run_warm(nlp).expect("taxonomy vectors are written");
        }
    });
}

/// Base URL of the compatibility listener of a running server (started on a free port).
pub fn compat_url(server: &RunningServer) -> String {
    let address = server
        .compat_address
        .expect("the test server has a compatibility listener");
    format!("http://{address}")
}

/// Base URL of a running server.
pub fn base_url(server: &RunningServer) -> String {
    format!("http://{}", server.address)
}

/// Polls `url` until its JSON `status` is one of `done`, and returns the last body.
pub async fn poll_status(client: &reqwest::Client, url: &str, done: &[&str]) -> Value {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let body: Value = client
            .get(url)
            .send()
            .await
            .expect("poll request")
            .json()
            .await
            .expect("poll body");
        let status = body["status"].as_str().unwrap_or_default();
        if done.contains(&status) {
            return body;
        }
        assert!(
            Instant::now() < deadline,
            "{url} still {status:?} after 120 s: {body}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Prints `skipped: <reason>` once per test binary, straight to the process's standard error
/// so that it shows in `cargo test` output even though the test passes (the harness hides what
/// passing tests print).
pub fn report_skip(reason: &str) {
    use std::io::Write;
    static REPORTED: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    let mut reported = REPORTED
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if !reported.iter().any(|earlier| earlier == reason) {
        reported.push(reason.to_string());
        let _ = writeln!(std::io::stderr(), "skipped: {reason}");
    }
}
