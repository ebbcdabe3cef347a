//! `docker-compose.yml` is accepted by Docker Compose, with and without the `scale` profile.
//!
//! Runs `docker compose config` (the CLI plugin) or `docker-compose config` (the standalone
//! program), whichever is installed; prints `skipped: no Docker Compose` when neither is.

use std::path::Path;
use std::process::{Command, Output};

mod support;

/// Returns the Compose command line that works here, if any.
fn compose_command() -> Option<Vec<&'static str>> {
    let candidates: [&[&'static str]; 2] = [&["docker", "compose"], &["docker-compose"]];
    candidates.into_iter().find_map(|candidate| {
        let works = Command::new(candidate[0])
            .args(&candidate[1..])
            .arg("version")
            .output()
            .is_ok_and(|output| output.status.success());
        works.then(|| candidate.to_vec())
    })
}

fn compose_config(command: &[&str], profile: Option<&str>) -> Output {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut process = Command::new(command[0]);
    process.args(&command[1..]).current_dir(root);
    if let Some(profile) = profile {
        process.args(["--profile", profile]);
    }
    process
        .args(["-f", "docker-compose.yml", "config"])
        .output()
        .expect("compose runs")
}

#[test]
fn compose_file_is_valid_for_single_container_and_scale_profile() {
    let Some(command) = compose_command() else {
        support::report_skip("no Docker Compose (neither `docker compose` nor `docker-compose`)");
        return;
    };

    let single = compose_config(&command, None);
    let single_text = String::from_utf8_lossy(&single.stdout);
    assert!(
        single.status.success(),
        "{}",
        String::from_utf8_lossy(&single.stderr)
    );
    assert!(single_text.contains("layer1"), "{single_text}");

    let scale = compose_config(&command, Some("scale"));
    let scale_text = String::from_utf8_lossy(&scale.stdout);
    assert!(
        scale.status.success(),
        "{}",
        String::from_utf8_lossy(&scale.stderr)
    );
    for expected in [
        "serve",
        "--no-workers",
        "worker",
        "REDIS_URL",
        "DATABASE_URL",
        "S3_ENDPOINT",
        "postgres",
        "redis",
    ] {
        assert!(scale_text.contains(expected), "missing {expected}");
    }
}
