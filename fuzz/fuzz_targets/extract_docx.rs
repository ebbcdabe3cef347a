//! Feeds arbitrary bytes to the DOCX reader; any panic, overflow or leak is a finding.
#![no_main]

use layer1_engine::extract::{ExtractLimits, docx};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = ExtractLimits {
        max_decompressed_bytes: 4 * 1024 * 1024,
        ..ExtractLimits::default()
    };
    let _ = docx::extract(data, &limits);
});
