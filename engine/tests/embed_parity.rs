//! Parity of the ONNX embedder with sentence-transformers, and batch invariance.
//!
//! `tests/data/sbert-reference.json` contains all-MiniLM-L6-v2 vectors computed in fp32 by
//! sentence-transformers 3.0.1 (max 256 tokens, mean pooling, L2 normalisation).

mod embed_common;

use layer1_engine::embed::{Embedder, EmbedderKind, MAX_TOKENS, load_embedder};

use embed_common::{
    cosine, load_reference, mean_and_min, model_location, onnx_embedder, reference_cosines,
};

#[test]
fn onnx_matches_sentence_transformers() {
    let Some(embedder) = onnx_embedder() else {
        return;
    };
    let reference = load_reference();
    assert_eq!(embedder.dimension(), reference.dimension);

    let similarities = reference_cosines(&*embedder, &reference);
    let (mean, worst, worst_index) = mean_and_min(&similarities);
    println!(
        "parity over {} texts: mean cosine {mean:.5}, min {worst:.5} ({:?})",
        similarities.len(),
        reference.items[worst_index].text
    );

    assert!(mean >= 0.999, "mean cosine {mean:.5} is below 0.999");
    assert!(worst >= 0.995, "min cosine {worst:.5} is below 0.995");
}

#[test]
fn batch_composition_does_not_change_vectors() {
    let Some(embedder) = onnx_embedder() else {
        return;
    };
    let short = "python";
    let long = "Designed and operated large scale distributed data processing systems on \
                Kubernetes, with Terraform, Helm and a GitOps workflow for every service";
    let longer = long.repeat(20);

    let alone = embedder.embed(&[short]).expect("embedding succeeds");
    let mixed = embedder
        .embed(&[long, short, longer.as_str(), "sql"])
        .expect("embedding succeeds");

    let similarity = cosine(&alone[0], &mixed[1]);
    println!("cosine of a text alone and in a mixed batch: {similarity:.7}");
    // Padding tokens are masked out of attention and pooling, and each row of the default
    // model's matrix products is computed alone, so the vector is the same bit for bit.
    assert_eq!(alone[0], mixed[1]);
}

#[test]
fn results_keep_input_order() {
    let Some(embedder) = onnx_embedder() else {
        return;
    };
    let texts = [
        "kubernetes",
        "a much longer text about accounting and taxes",
        "go",
    ];
    let batch = embedder.embed(&texts).expect("embedding succeeds");
    for (text, vector) in texts.iter().zip(&batch) {
        let single = embedder.embed(&[text]).expect("embedding succeeds");
        assert!(cosine(vector, &single[0]) > 0.9999, "text {text:?}");
    }
}

#[test]
fn blank_text_is_zero_vector() {
    let Some(embedder) = onnx_embedder() else {
        return;
    };
    let vectors = embedder
        .embed(&["", "python", "  \t "])
        .expect("embedding succeeds");
    assert!(vectors[0].iter().all(|v| *v == 0.0));
    assert!(vectors[2].iter().all(|v| *v == 0.0));
    assert_eq!(vectors[0].len(), embedder.dimension());
    assert!(vectors[1].iter().all(|v| v.is_finite()));
}

#[test]
fn long_text_is_truncated_not_rejected() {
    let Some(embedder) = onnx_embedder() else {
        return;
    };
    let text = "word ".repeat(MAX_TOKENS * 4);
    let vectors = embedder
        .embed(&[text.as_str()])
        .expect("embedding succeeds");
    let norm: f32 = vectors[0].iter().map(|v| v * v).sum::<f32>().sqrt();
    assert!((norm - 1.0).abs() < 1e-4, "norm {norm}");
}

#[test]
fn empty_input_gives_empty_output() {
    let Some(embedder) = onnx_embedder() else {
        return;
    };
    let vectors = embedder.embed(&[]).expect("embedding succeeds");
    assert!(vectors.is_empty());
}

#[test]
fn load_embedder_returns_onnx_when_installed() {
    if onnx_embedder().is_none() {
        return;
    }
    let (embedder, kind) = load_embedder(&model_location(), 0);
    assert_eq!(kind, EmbedderKind::Onnx);
    assert_eq!(embedder.dimension(), 384);
    assert!(embedder.model_id().starts_with("onnx-sha256:"));
}
