//! Locates and loads the installed sentence model for integration tests.
//!
//! The model directory is `MODEL_DIR` or `models/` at the repository root, and the runtime
//! library is `ORT_DYLIB_PATH` when set. Tests skip themselves when the files are missing.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use layer1_engine::embed::{ModelLocation, OnnxEmbedder};

/// Message printed by tests that skip because the model is missing.
pub(crate) const SKIPPED: &str = "skipped: model not installed (run scripts/setup.sh)";

/// Returns the repository root (the parent of the engine crate).
pub(crate) fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the engine crate sits inside the repository")
        .to_path_buf()
}

/// Returns the model location from `MODEL_DIR` and `ORT_DYLIB_PATH`, with `models/` as default.
pub(crate) fn model_location() -> ModelLocation {
    let model_dir = std::env::var_os("MODEL_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("models"));
    let location = ModelLocation::new(model_dir);
    match std::env::var_os("ORT_DYLIB_PATH") {
        Some(path) => location.with_ort_dylib(path),
        None => location,
    }
}

/// Returns the ONNX embedder shared by the tests of one test binary, or `None` (after
/// printing [`SKIPPED`]) when the model is not installed.
pub(crate) fn onnx_embedder() -> Option<Arc<OnnxEmbedder>> {
    static EMBEDDER: OnceLock<Option<Arc<OnnxEmbedder>>> = OnceLock::new();
    let embedder = EMBEDDER.get_or_init(|| {
        let location = model_location();
        if !location.missing_files().is_empty() {
            return None;
        }
        let embedder = OnnxEmbedder::load(&location, 0).expect("the installed model loads");
        Some(Arc::new(embedder))
    });
    if embedder.is_none() {
        println!("{SKIPPED}");
    }
    embedder.clone()
}

/// Returns the cosine of two vectors, computed in f64.
#[allow(dead_code, reason = "not every test binary compares vectors")]
pub(crate) fn cosine(a: &[f32], b: &[f32]) -> f64 {
    let dot: f64 = a
        .iter()
        .zip(b)
        .map(|(x, y)| f64::from(*x) * f64::from(*y))
        .sum();
    let norm_a: f64 = a.iter().map(|x| f64::from(*x).powi(2)).sum::<f64>().sqrt();
    let norm_b: f64 = b.iter().map(|x| f64::from(*x).powi(2)).sum::<f64>().sqrt();
    dot / (norm_a * norm_b)
}
