//! Micro-batching with the real model: concurrent callers of one shared [`BatchingEmbedder`]
//! get exactly the vectors of a direct call, and their calls are merged into shared batches.

#![allow(clippy::unwrap_used, reason = "tests fail loudly on unexpected errors")]

mod embed_common;

use std::sync::{Arc, Barrier};
use std::time::Duration;

use layer1_engine::embed::{
    BatcherSettings, BatchingEmbedder, EmbedSettings, Embedder, EmbedderKind, OnnxEmbedder,
    load_shared_embedder,
};

use embed_common::{model_location, onnx_embedder};

/// Texts of one caller: short skills and sentences of different token counts, so merged
/// batches mix lengths and pad each row differently than a direct call does.
fn caller_texts(caller: usize) -> Vec<String> {
    let skills = [
        "python",
        "kubernetes",
        "sql",
        "project management",
        "react native",
    ];
    let mut texts: Vec<String> = skills
        .iter()
        .cycle()
        .skip(caller)
        .take(3 + caller % 3)
        .map(|skill| format!("{skill} {caller}"))
        .collect();
    texts.push(format!(
        "Caller {caller} led a team of {} engineers building data pipelines with Spark, \
         Airflow and dbt on a cloud warehouse",
        caller + 2
    ));
    texts.push(" ".repeat(caller % 2));
    texts
}

#[test]
fn concurrent_callers_get_the_vectors_of_a_direct_call() {
    let Some(onnx) = onnx_embedder() else {
        return;
    };
    let settings = BatcherSettings {
        max_texts: 64,
        max_wait: Duration::from_millis(100),
    };
    let batcher = Arc::new(BatchingEmbedder::new(onnx.clone(), settings).unwrap());
    let callers = 8;
    let barrier = Arc::new(Barrier::new(callers));

    let handles: Vec<_> = (0..callers)
        .map(|caller| {
            let batcher = batcher.clone();
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                let texts = caller_texts(caller);
                let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
                barrier.wait();
                (texts.clone(), batcher.embed(&refs).unwrap())
            })
        })
        .collect();

    for handle in handles {
        let (texts, vectors) = handle.join().unwrap();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let direct = onnx.embed(&refs).unwrap();
        assert_eq!(vectors.len(), texts.len());
        for ((text, merged), alone) in texts.iter().zip(&vectors).zip(&direct) {
            assert_eq!(
                merged, alone,
                "vector of {text:?} differs from a direct call"
            );
        }
    }

    let stats = batcher.stats();
    println!("batcher stats: {stats:?}");
    assert_eq!(stats.requests, u64::try_from(callers).unwrap());
    assert!(
        stats.merged_batches >= 1,
        "no batch merged callers: {stats:?}"
    );
    assert!(stats.max_requests_per_batch >= 2, "{stats:?}");
    assert!(stats.batches < stats.requests, "{stats:?}");
}

#[test]
fn vector_is_identical_in_any_batch() {
    let Some(onnx) = onnx_embedder() else {
        return;
    };
    let text = "machine learning engineer";
    let long = "Built and ran recommendation models in production, from feature pipelines \
                to online evaluation, for a catalogue of forty million items";
    let crowd: Vec<String> = (0..70)
        .map(|index| format!("skill number {index}"))
        .collect();
    let mut crowded: Vec<&str> = crowd.iter().map(String::as_str).collect();
    crowded.insert(37, text);

    let alone = onnx.embed(&[text]).unwrap().remove(0);
    let with_long = onnx.embed(&[long, text]).unwrap().remove(1);
    let in_crowd = onnx.embed(&crowded).unwrap().remove(37);

    assert_eq!(alone, with_long);
    assert_eq!(alone, in_crowd);
}

#[test]
fn vector_is_identical_with_any_token_budget() {
    let Some(onnx) = onnx_embedder() else {
        return;
    };
    let one_per_call = OnnxEmbedder::load(&model_location(), 0)
        .unwrap()
        .with_batch_tokens(1);
    let texts = [
        "sql",
        "senior data engineer",
        "Maintained the billing service and its PostgreSQL schema for five years, \
         including two major version upgrades without downtime",
        "go",
    ];

    let per_text = one_per_call.embed(&texts).unwrap();
    let batched = onnx.embed(&texts).unwrap();

    for ((text, alone), together) in texts.iter().zip(&per_text).zip(&batched) {
        assert_eq!(
            alone, together,
            "vector of {text:?} depends on the token budget"
        );
    }
}

#[test]
fn blank_texts_are_zero_vectors_through_the_batcher() {
    let Some(onnx) = onnx_embedder() else {
        return;
    };
    let batcher = BatchingEmbedder::new(onnx.clone(), BatcherSettings::default()).unwrap();

    let vectors = batcher.embed(&["", "rust", " \n\t"]).unwrap();

    for blank in [&vectors[0], &vectors[2]] {
        assert_eq!(blank.len(), 384);
        assert!(blank.iter().all(|value| *value == 0.0));
    }
    let norm: f32 = vectors[1].iter().map(|v| v * v).sum::<f32>().sqrt();
    assert!((norm - 1.0).abs() < 1e-4, "norm {norm}");
    assert!(vectors.iter().flatten().all(|value| value.is_finite()));
}

#[test]
fn shared_embedder_runs_the_model_behind_the_batcher() {
    let Some(onnx) = onnx_embedder() else {
        return;
    };
    let (shared, kind) = load_shared_embedder(&model_location(), &EmbedSettings::default());

    assert_eq!(kind, EmbedderKind::Onnx);
    assert_eq!(shared.model_id(), onnx.model_id());
    let texts = ["typescript", "data analysis"];
    assert_eq!(shared.embed(&texts).unwrap(), onnx.embed(&texts).unwrap());
}
