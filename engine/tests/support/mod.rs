//! Fixture builders shared by the extraction tests: PDFs written with lopdf's object API,
//! DOCX archives written with `zip`, and the example resume and job posting.
#![allow(
    dead_code,
    unreachable_pub,
    reason = "each test binary uses a different part of the fixtures"
)]

pub mod docx_builder;
#[path = "../../src/extract/pdf/metrics.rs"]
pub mod metrics;
pub mod pdf_builder;
pub mod resume;
