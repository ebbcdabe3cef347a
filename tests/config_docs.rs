//! The environment variables the code reads, the ones `.env.example` lists and the rows of the
//! README's configuration table are the same set.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on any unexpected error"
)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Read by the logging library rather than by a clap setting.
const LIBRARY_VARIABLES: [&str; 1] = ["RUST_LOG"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, files);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
}

fn is_variable(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// Names in `env = "NAME"` attributes of the service and the engine.
fn code_variables() -> BTreeSet<String> {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    rust_files(&root().join("engine/src"), &mut files);
    let mut names = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for piece in text.split("env = \"").skip(1) {
            let name = piece.split('"').next().unwrap();
            if is_variable(name) {
                names.insert(name.to_owned());
            }
        }
    }
    names.extend(LIBRARY_VARIABLES.map(str::to_owned));
    names
}

/// Names assigned in `.env.example`, set or commented out.
fn example_variables() -> BTreeSet<String> {
    let text = std::fs::read_to_string(root().join(".env.example")).unwrap();
    text.lines()
        .map(|line| line.trim_start_matches('#').trim())
        .filter_map(|line| line.split_once('=').map(|(name, _)| name))
        .filter(|name| is_variable(name))
        .map(str::to_owned)
        .collect()
}

/// Names in the first column of the README's configuration table (one or more per row, each
/// in backticks).
fn readme_variables() -> BTreeSet<String> {
    let text = std::fs::read_to_string(root().join("README.md")).unwrap();
    let rows = text
        .lines()
        .skip_while(|line| !line.starts_with("| Variable |"))
        .skip(2)
        .take_while(|line| line.starts_with('|'));
    let mut names = BTreeSet::new();
    for row in rows {
        let first_cell = row.split('|').nth(1).unwrap_or_default();
        for part in first_cell.split('`').skip(1).step_by(2) {
            assert!(is_variable(part), "{part:?} in the configuration table");
            names.insert(part.to_owned());
        }
    }
    names
}

#[test]
fn env_example_lists_every_variable_the_code_reads() {
    let code = code_variables();
    let example = example_variables();
    assert!(code.len() > 40, "only {} variables found", code.len());
    assert_eq!(
        code.difference(&example).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "read by the code but missing from .env.example"
    );
    assert_eq!(
        example.difference(&code).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "in .env.example but read by no code"
    );
}

#[test]
fn readme_table_lists_every_variable_the_code_reads() {
    let code = code_variables();
    let readme = readme_variables();
    assert_eq!(
        code.difference(&readme).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "read by the code but missing from the README table"
    );
    assert_eq!(
        readme.difference(&code).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "in the README table but read by no code"
    );
}
