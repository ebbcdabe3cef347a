//! Feeds arbitrary bytes to the PDF reader; any panic, overflow or leak is a finding.
#![no_main]

use layer1_engine::extract::{ExtractLimits, pdf};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = ExtractLimits {
        max_decompressed_bytes: 4 * 1024 * 1024,
        ..ExtractLimits::default()
    };
    let _ = pdf::extract(data, &limits);
});
