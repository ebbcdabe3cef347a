//! Text extraction speed per page on the example resume (PDF and DOCX).
//!
//! Run with `cargo bench -p layer1-engine --bench extract`. Throughput is reported in pages per second; a
//! DOCX counts as one page. Extraction runs in the calling thread, without the child
//! process the service adds around it.

use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use layer1_engine::extract::{ExtractLimits, extract_text};

fn example(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../examples")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("failed to read {}: {e}", path.display()))
}

fn bench_extract(c: &mut Criterion) {
    let limits = ExtractLimits::default();
    let mut group = c.benchmark_group("extract");
    for name in ["resume.pdf", "resume.docx"] {
        let bytes = example(name);
        let pages = extract_text(&bytes, &limits)
            .expect("the example has text")
            .pages;
        group.throughput(Throughput::Elements(pages as u64));
        group.bench_function(name, |b| {
            b.iter(|| extract_text(&bytes, &limits).expect("the example has text"))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_extract);
criterion_main!(benches);
