//! Embedding throughput: short skill phrases and sentences of about 30 words, with the default
//! and the quantised model, each set embedded with one call (sorted by token count, batches
//! of at most 32 texts and 512 padded tokens, two intra-op threads).
//!
//! Run with `cargo bench --bench embed`. A model that is not installed (scripts/setup.sh) is
//! skipped with a message. `layer1 bench` prints the same sets as texts per second beside the
//! Python onnxruntime pipeline.

use std::path::PathBuf;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use layer1::bench::{phrases, sentences};
use layer1_engine::embed::{Embedder, ModelLocation, ModelVariant, OnnxEmbedder};

const PHRASES: usize = 256;
const SENTENCES: usize = 64;
const INTRA_THREADS: usize = 2;

fn load(variant: ModelVariant) -> Option<OnnxEmbedder> {
    let models = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models");
    let location = ModelLocation::new(models).with_variant(variant);
    if !location.missing_files().is_empty() {
        eprintln!("skipped {}: model not installed", variant.as_str());
        return None;
    }
    Some(OnnxEmbedder::load(&location, INTRA_THREADS).expect("the installed model loads"))
}

fn bench_embed(c: &mut Criterion) {
    let sets = [
        ("phrases", phrases(PHRASES)),
        ("sentences", sentences(SENTENCES)),
    ];
    let mut group = c.benchmark_group("embed");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));

    for variant in [ModelVariant::Default, ModelVariant::Quantized] {
        let Some(embedder) = load(variant) else {
            continue;
        };
        for (name, texts) in &sets {
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            group.throughput(Throughput::Elements(refs.len() as u64));
            group.bench_with_input(
                BenchmarkId::new(variant.as_str(), name),
                &refs,
                |b, refs| {
                    b.iter(|| embedder.embed(refs).expect("embedding succeeds"));
                },
            );
        }
    }
    group.finish();
}

criterion_group!(benches, bench_embed);
criterion_main!(benches);
