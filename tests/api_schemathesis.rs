//! Property-based run of schemathesis against a real server with authentication on. Every
//! operation of `/openapi.json` is called with a valid bearer token, and no response may be a
//! 5xx or break its documented schema.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

mod auth_support;
mod support;

use std::process::Stdio;
use std::time::Duration;

use auth_support::{JwksServer, SigningKey, auth_settings, client_with_token};
use support::base_url;

/// Returns the schemathesis command on `PATH`, if installed.
fn schemathesis() -> Option<&'static str> {
    ["st", "schemathesis"].into_iter().find(|command| {
        std::process::Command::new(command)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success())
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn schemathesis_finds_no_server_errors() {
    let Some(command) = schemathesis() else {
        support::report_skip("schemathesis not installed");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let flags = [
        "--rate-limit-per-minute",
        "0",
        "--rate-limit-per-ip-per-minute",
        "0",
    ];
    let key = SigningKey::generate("key-1");
    let jwks = JwksServer::start(&[&key]).await;
    let server = layer1::server::start(auth_settings(dir.path(), &jwks, &flags))
        .await
        .unwrap();
    let base = base_url(&server);
    let token = key.sign(&jwks.claims("auth0|schemathesis", 3600));

    // The token is accepted, and a request without it is rejected.
    let usage = client_with_token(&token)
        .get(format!("{base}/api/v1/usage"))
        .send()
        .await
        .unwrap();
    assert_eq!(usage.status(), 200);
    let anonymous = reqwest::get(format!("{base}/api/v1/usage")).await.unwrap();
    assert_eq!(anonymous.status(), 401);

    let run = tokio::process::Command::new(command)
        .current_dir(dir.path())
        .args([
            "run",
            &format!("{base}/openapi.json"),
            "--header",
            &format!("Authorization: Bearer {token}"),
            "--checks",
            "not_a_server_error,response_schema_conformance,content_type_conformance",
            "--max-examples",
            "15",
            "--phases",
            "examples,coverage,fuzzing",
            "--seed",
            "20261204",
            "--no-color",
        ])
        .kill_on_drop(true)
        .output();
    let output = tokio::time::timeout(Duration::from_secs(170), run)
        .await
        .expect("schemathesis finished within 170 s")
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "schemathesis found failures:\n{stdout}\n{stderr}"
    );
    server.shutdown().await;
}
