//! The dynamically quantised model (`model-qint8.onnx`, built by `scripts/setup.sh`): its
//! closeness to the fp32 sentence-transformers vectors and its blank-text rule.

#![allow(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

mod embed_common;

use layer1_engine::embed::Embedder;

use embed_common::{
    cosine, load_reference, mean_and_min, onnx_embedder, quantized_embedder, reference_cosines,
};

#[test]
fn quantized_model_stays_close_to_sentence_transformers() {
    let Some(embedder) = quantized_embedder() else {
        return;
    };
    let reference = load_reference();
    assert_eq!(embedder.dimension(), reference.dimension);

    let similarities = reference_cosines(&*embedder, &reference);
    let (mean, worst, worst_index) = mean_and_min(&similarities);
    println!(
        "quantised parity over {} texts: mean cosine {mean:.5}, min {worst:.5} ({:?})",
        similarities.len(),
        reference.items[worst_index].text
    );

    // Int8 weights and activations (one activation scale per call) cost under one percent of
    // cosine on average. The build of scripts/setup.sh measured a mean of 0.9918.
    assert!(mean >= 0.99, "mean cosine {mean:.5} is below 0.99");
    assert!(worst >= 0.975, "min cosine {worst:.5} is below 0.975");
}

#[test]
fn quantized_vectors_depend_little_on_the_batch() {
    let Some(embedder) = quantized_embedder() else {
        return;
    };
    let text = "python";
    let long = "Designed and operated large scale distributed data processing systems on \
                Kubernetes, with Terraform, Helm and a GitOps workflow for every service";

    let alone = embedder.embed(&[text]).unwrap().remove(0);
    let mixed = embedder.embed(&[long, text, "sql"]).unwrap().remove(1);

    // The activation scale of each int8 product is taken over the whole batch.
    let similarity = cosine(&alone, &mixed);
    println!("quantised: cosine of a text alone and in a mixed batch {similarity:.5}");
    assert!(similarity > 0.98, "cosine {similarity:.5}");
}

#[test]
fn quantized_model_has_its_own_id_and_zero_vectors_for_blank_text() {
    let (Some(quantized), Some(default)) = (quantized_embedder(), onnx_embedder()) else {
        return;
    };
    assert_ne!(quantized.model_id(), default.model_id());

    let vectors = quantized.embed(&["  ", "go"]).unwrap();
    assert!(vectors[0].iter().all(|value| *value == 0.0));
    assert!(vectors[1].iter().all(|value| value.is_finite()));
}
