//! The example resume (PDF and DOCX) and job posting read back with the expected content.

mod support;

use layer1_engine::extract::{ExtractError, ExtractLimits, FileKind, extract_text};
use support::resume::{JOB_TXT, resume_docx, resume_pdf};

const EXPECTED_LINES: &[&str] = &[
    "Maya Okafor",
    "maya.okafor@example.com | 555-0142 | Portland, OR | github.com/maya-okafor-example",
    "SUMMARY",
    "Senior Software Engineer, Lumenfield Analytics",
    "Jan 2019 – Present",
    "• Designed and operate Python and Go REST APIs serving 40M requests per day on AWS.",
    "EDUCATION",
    "B.S. in Computer Science, University of Westbrook",
    "Cloud & DevOps: AWS, Kubernetes, Docker, Terraform, Helm, Prometheus, CI/CD",
    "AWS Certified Solutions Architect – Associate (2021)",
];

#[test]
fn example_resume_pdf_reads_back() {
    let extracted = extract_text(&resume_pdf(), &ExtractLimits::default()).expect("text");
    assert_eq!(extracted.kind, FileKind::Pdf);
    for line in EXPECTED_LINES {
        assert!(
            extracted.text.contains(line),
            "missing {line:?} in:\n{}",
            extracted.text
        );
    }
    assert!(
        extracted
            .text
            .contains("Senior Software Engineer, Lumenfield Analytics Jan 2019 – Present")
    );
}

#[test]
fn example_resume_docx_reads_back() {
    let extracted = extract_text(&resume_docx(), &ExtractLimits::default()).expect("text");
    assert_eq!(extracted.kind, FileKind::Docx);
    for line in EXPECTED_LINES {
        assert!(
            extracted.text.contains(line),
            "missing {line:?} in:\n{}",
            extracted.text
        );
    }
    assert!(
        extracted
            .text
            .contains("Senior Software Engineer, Lumenfield Analytics\tJan 2019 – Present")
    );
}

#[test]
fn example_resume_pdf_and_docx_share_words() {
    let words = |text: &str| {
        let mut words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        words.sort();
        words
    };
    let limits = ExtractLimits::default();
    let pdf = extract_text(&resume_pdf(), &limits).expect("pdf text").text;
    let docx = extract_text(&resume_docx(), &limits)
        .expect("docx text")
        .text;
    assert_eq!(words(&pdf), words(&docx));
}

#[test]
fn example_job_posting_is_text() {
    let extracted = extract_text(JOB_TXT.as_bytes(), &ExtractLimits::default()).expect("text");
    assert_eq!(extracted.kind, FileKind::Text);
    assert!(extracted.text.starts_with("Senior Backend Engineer\n"));
    assert!(extracted.text.contains("\nRequirements\n"));
    assert!(extracted.text.contains("\nNice to have\n"));
}

#[test]
fn unsupported_inputs_name_what_they_are() {
    let limits = ExtractLimits::default();
    assert!(matches!(
        extract_text(b"", &limits),
        Err(ExtractError::Empty)
    ));
    let cases: [(&[u8], &str); 2] = [
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "PNG image"),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0",
            "legacy Word document (.doc) or other OLE2 compound file",
        ),
    ];
    for (bytes, expected) in cases {
        match extract_text(bytes, &limits) {
            Err(ExtractError::Unsupported { detected }) => assert_eq!(detected, expected),
            other => panic!("expected Unsupported for {expected}, got {other:?}"),
        }
    }
}
