//! Writes the example documents to `examples/` at the repository root.
//!
//! Run with `cargo test -p layer1-engine --test make_examples -- --ignored`.

mod support;

use std::path::PathBuf;

use support::resume::{JOB_TXT, resume_docx, resume_pdf};

#[test]
#[ignore = "writes files into the repository; run on purpose to rebuild the examples"]
fn write_example_documents() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples");
    std::fs::create_dir_all(&dir).expect("create examples directory");
    std::fs::write(dir.join("resume.pdf"), resume_pdf()).expect("write resume.pdf");
    std::fs::write(dir.join("resume.docx"), resume_docx()).expect("write resume.docx");
    std::fs::write(dir.join("job.txt"), JOB_TXT).expect("write job.txt");
}
