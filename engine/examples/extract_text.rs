//! Prints the text that `layer1_engine::extract::extract_text` takes from each file given.
//!
//! Usage: `cargo run -p layer1-engine --example extract_text -- FILE...`. Each file's text
//! is preceded by a `==> FILE (kind, pages) <==` line; failures print the error code.

use layer1_engine::extract::{ExtractLimits, extract_text};

fn main() {
    let limits = ExtractLimits::default();
    for path in std::env::args().skip(1) {
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(err) => {
                eprintln!("==> {path}: cannot read: {err}");
                continue;
            }
        };
        match extract_text(&bytes, &limits) {
            Ok(extracted) => {
                println!(
                    "==> {path} ({:?}, {} pages) <==",
                    extracted.kind, extracted.pages
                );
                println!("{}", extracted.text);
            }
            Err(err) => println!("==> {path} ERROR {}: {err} <==", err.code()),
        }
    }
}
