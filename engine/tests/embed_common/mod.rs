//! Locates and loads the installed sentence model for integration tests.
//!
//! The model directory is `MODEL_DIR` or `models/` at the repository root, and the runtime
//! library is `ORT_DYLIB_PATH` when set. Tests skip themselves when the files are missing.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use layer1_engine::embed::{ModelLocation, ModelVariant, OnnxEmbedder};
use serde::Deserialize;

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

/// Returns the quantised-model embedder shared by the tests of one test binary, or `None`
/// (after printing why) when `model-qint8.onnx` or another file is not installed.
#[allow(dead_code, reason = "not every test binary runs the quantised model")]
pub(crate) fn quantized_embedder() -> Option<Arc<OnnxEmbedder>> {
    static EMBEDDER: OnceLock<Option<Arc<OnnxEmbedder>>> = OnceLock::new();
    let embedder = EMBEDDER.get_or_init(|| {
        let location = model_location().with_variant(ModelVariant::Quantized);
        if !location.missing_files().is_empty() {
            return None;
        }
        let embedder = OnnxEmbedder::load(&location, 0).expect("the quantised model loads");
        Some(Arc::new(embedder))
    });
    if embedder.is_none() {
        println!("skipped: quantised model not installed (run scripts/setup.sh)");
    }
    embedder.clone()
}

/// Reference vectors of `tests/data/sbert-reference.json`.
#[derive(Deserialize)]
#[allow(
    dead_code,
    reason = "not every test binary compares with the reference"
)]
pub(crate) struct Reference {
    /// Vector dimension.
    pub(crate) dimension: usize,
    /// Texts and their vectors.
    pub(crate) items: Vec<ReferenceItem>,
}

/// One reference text and its sentence-transformers vector.
#[derive(Deserialize)]
#[allow(
    dead_code,
    reason = "not every test binary compares with the reference"
)]
pub(crate) struct ReferenceItem {
    /// The text.
    pub(crate) text: String,
    /// Its fp32 sentence-transformers vector.
    pub(crate) vector: Vec<f32>,
}

/// Loads `tests/data/sbert-reference.json`: all-MiniLM-L6-v2 vectors computed in fp32 by
/// sentence-transformers 3.0.1 (max 256 tokens, mean pooling, L2 normalisation).
#[allow(
    dead_code,
    reason = "not every test binary compares with the reference"
)]
pub(crate) fn load_reference() -> Reference {
    let path = repo_root().join("tests/data/sbert-reference.json");
    let json = std::fs::read_to_string(&path).expect("reference vectors are readable");
    serde_json::from_str(&json).expect("reference vectors parse")
}

/// Embeds the reference texts with `embedder` in one call and returns the cosine of each
/// vector with its reference vector, in reference order.
#[allow(
    dead_code,
    reason = "not every test binary compares with the reference"
)]
pub(crate) fn reference_cosines(
    embedder: &dyn layer1_engine::embed::Embedder,
    reference: &Reference,
) -> Vec<f64> {
    let texts: Vec<&str> = reference
        .items
        .iter()
        .map(|item| item.text.as_str())
        .collect();
    let vectors = embedder.embed(&texts).expect("embedding succeeds");
    assert_eq!(vectors.len(), texts.len());
    vectors
        .iter()
        .zip(&reference.items)
        .map(|(vector, item)| cosine(vector, &item.vector))
        .collect()
}

/// Returns the mean and the minimum of `values` and the index of the minimum.
#[allow(
    dead_code,
    reason = "not every test binary compares with the reference"
)]
pub(crate) fn mean_and_min(values: &[f64]) -> (f64, f64, usize) {
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    let (index, min) = values
        .iter()
        .copied()
        .enumerate()
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .expect("values are not empty");
    (mean, min, index)
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
