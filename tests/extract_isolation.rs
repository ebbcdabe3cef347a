//! Hostile documents extracted through the `layer1 extract-child` process.
//!
//! Each test generates its file, runs it through [`ChildProcessExtractor`] pointed at the
//! built `layer1` binary, and checks that the outcome is text or a typed per-document error.

use std::io::{Cursor, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::Parser;
use flate2::Compression;
use flate2::write::ZlibEncoder;
use layer1::config::NlpSettings;
use layer1::nlp::{EXTRACT_CHILD_COMMAND, NlpError, NlpRuntime};
use layer1_engine::EngineError;
use layer1_engine::extract::{
    ChildProcessExtractor, ChildProcessSettings, ExtractError, ExtractLimits, ExtractedText,
    TextExtractor,
};

const MIB: usize = 1024 * 1024;

fn extractor(limits: ExtractLimits, memory_mb: u64, timeout_ms: u64) -> ChildProcessExtractor {
    ChildProcessExtractor::new(ChildProcessSettings {
        program: PathBuf::from(env!("CARGO_BIN_EXE_layer1")),
        args: vec![EXTRACT_CHILD_COMMAND.to_string()],
        limits,
        memory_mb,
        timeout_ms,
    })
}

fn extract(bytes: &[u8], memory_mb: u64, timeout_ms: u64) -> Result<ExtractedText, ExtractError> {
    extractor(ExtractLimits::default(), memory_mb, timeout_ms).extract(bytes)
}

/// Compresses `length` copies of `byte` with zlib, in chunks so the input never sits in memory.
fn zlib_repeated(byte: u8, length: usize) -> Vec<u8> {
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::best());
    let chunk = vec![byte; MIB];
    let mut left = length;
    while left > 0 {
        let n = left.min(chunk.len());
        encoder.write_all(&chunk[..n]).expect("compress in memory");
        left -= n;
    }
    encoder.finish().expect("finish compression")
}

/// A PDF object body: a dictionary, or a stream when `stream` is given.
#[derive(Clone)]
struct RawObject {
    dict: String,
    stream: Option<Vec<u8>>,
}

fn object(dict: impl Into<String>) -> RawObject {
    RawObject {
        dict: dict.into(),
        stream: None,
    }
}

fn stream(dict: &str, data: Vec<u8>) -> RawObject {
    RawObject {
        dict: format!("<< {dict} /Length {} >>", data.len()),
        stream: Some(data),
    }
}

/// Writes objects numbered from 1 with a classic cross-reference table; object 1 is the catalog.
fn raw_pdf(objects: &[RawObject]) -> Vec<u8> {
    let mut out = b"%PDF-1.5\n".to_vec();
    let mut offsets = Vec::new();
    for (index, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{}\n", index + 1, object.dict).as_bytes());
        if let Some(data) = &object.stream {
            out.extend_from_slice(b"stream\n");
            out.extend_from_slice(data);
            out.extend_from_slice(b"\nendstream\n");
        }
        out.extend_from_slice(b"endobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

const FONT: &str = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

/// Catalog, pages node with the Helvetica font, then one page per content stream.
fn pdf_with_pages(contents: Vec<RawObject>) -> Vec<u8> {
    let pages = contents.len();
    let first_page = 4;
    let kids: Vec<String> = (0..pages)
        .map(|i| format!("{} 0 R", first_page + 2 * i))
        .collect();
    let mut objects = vec![
        object("<< /Type /Catalog /Pages 2 0 R >>"),
        object(format!(
            "<< /Type /Pages /Kids [{}] /Count {pages} /Resources << /Font << /F1 3 0 R >> >> >>",
            kids.join(" ")
        )),
        object(FONT),
    ];
    for (i, content) in contents.into_iter().enumerate() {
        let content_id = first_page + 2 * i + 1;
        objects.push(object(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {content_id} 0 R >>"
        )));
        objects.push(content);
    }
    raw_pdf(&objects)
}

fn text_page(text: &str) -> RawObject {
    stream(
        "",
        format!("BT /F1 12 Tf 72 700 Td ({text}) Tj ET").into_bytes(),
    )
}

#[test]
fn plain_pdf_reads_through_child() {
    let bytes = pdf_with_pages(vec![text_page("Rust engineer")]);
    let extracted = extract(&bytes, 512, 20_000).expect("text");
    assert_eq!(extracted.text, "Rust engineer");
    assert_eq!(extracted.pages, 1);
}

/// Five pages of 3 million text-showing operations each, a few kilobytes when compressed.
fn endless_text_pdf() -> Vec<u8> {
    let operation = b"(x) Tj\n";
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::best());
    encoder
        .write_all(b"BT /F1 12 Tf 72 700 Td\n")
        .expect("compress");
    for _ in 0..3_000_000 {
        encoder.write_all(operation).expect("compress");
    }
    encoder.write_all(b"ET").expect("compress");
    let data = encoder.finish().expect("finish compression");
    let pages = (0..5)
        .map(|_| stream("/Filter /FlateDecode", data.clone()))
        .collect();
    pdf_with_pages(pages)
}

#[test]
fn endless_text_times_out() {
    let bytes = endless_text_pdf();
    let started = Instant::now();
    let error = extract(&bytes, 512, 300).expect_err("the budget is exceeded");
    assert_eq!(error.code(), "extract_timeout", "{error}");
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn flate_bomb_page_is_skipped() {
    // 1 GiB of spaces, about 1 MB compressed; the 64 MiB cap stops it far below the memory limit.
    let bomb = stream("/Filter /FlateDecode", zlib_repeated(b' ', 1024 * MIB));
    let bytes = pdf_with_pages(vec![bomb, text_page("after the bomb")]);
    let extracted = extract(&bytes, 384, 20_000).expect("the second page has text");
    assert_eq!(extracted.text.trim(), "after the bomb");
}

#[test]
fn flate_bomb_over_memory_limit() {
    let bomb = stream("/Filter /FlateDecode", zlib_repeated(b' ', 1024 * MIB));
    let bytes = pdf_with_pages(vec![bomb]);
    let limits = ExtractLimits {
        max_decompressed_bytes: 2048 * MIB,
        ..ExtractLimits::default()
    };
    let error = extractor(limits, 256, 20_000)
        .extract(&bytes)
        .expect_err("the child runs out of memory");
    assert_eq!(error.code(), "extract_memory", "{error}");
}

#[test]
fn docx_zip_bomb_is_malformed() {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    writer
        .start_file("[Content_Types].xml", options)
        .expect("start entry");
    writer.write_all(b"<Types/>").expect("write entry");
    writer
        .start_file("word/document.xml", options)
        .expect("start entry");
    writer
        .write_all(b"<w:document><w:body><w:p><w:r><w:t>")
        .expect("write entry");
    let spaces = vec![b' '; MIB];
    for _ in 0..512 {
        writer.write_all(&spaces).expect("write entry");
    }
    writer
        .write_all(b"</w:t></w:r></w:p></w:body></w:document>")
        .expect("write entry");
    let bytes = writer.finish().expect("finish zip").into_inner();
    assert!(
        bytes.len() < 4 * MIB,
        "the bomb is small: {} bytes",
        bytes.len()
    );

    let error = extract(&bytes, 384, 20_000).expect_err("the entry is over the cap");
    assert_eq!(error.code(), "malformed_document", "{error}");
    assert!(error.to_string().contains("word/document.xml"), "{error}");
}

#[test]
fn page_count_over_limit_truncates() {
    let pages = 50_000;
    let mut objects = vec![
        object("<< /Type /Catalog /Pages 2 0 R >>"),
        object(String::new()),
        object(FONT),
        text_page("page"),
    ];
    let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", 5 + i)).collect();
    objects[1] = object(format!(
        "<< /Type /Pages /Kids [{}] /Count {pages} /Resources << /Font << /F1 3 0 R >> >> >>",
        kids.join(" ")
    ));
    for _ in 0..pages {
        objects.push(object(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        ));
    }
    let bytes = raw_pdf(&objects);
    assert!(bytes.len() < 10 * MIB);

    let started = Instant::now();
    let extracted = extract(&bytes, 512, 20_000).expect("text");
    assert_eq!(extracted.pages, ExtractLimits::default().max_pages);
    assert_eq!(extracted.total_pages, pages);
    assert!(started.elapsed() < Duration::from_secs(15));
}

#[test]
fn claimed_page_count_is_ignored() {
    let bytes = raw_pdf(&[
        object("<< /Type /Catalog /Pages 2 0 R >>"),
        object(
            "<< /Type /Pages /Kids [4 0 R] /Count 2147483647 /Resources << /Font << /F1 3 0 R >> >> >>",
        ),
        object(FONT),
        object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R >>"),
        text_page("only page"),
    ]);
    let extracted = extract(&bytes, 512, 20_000).expect("text");
    assert_eq!(extracted.text, "only page");
    assert_eq!(extracted.pages, 1);
}

#[derive(Parser)]
struct NlpCli {
    #[command(flatten)]
    nlp: NlpSettings,
}

#[tokio::test]
async fn runtime_timeout_is_document_error() {
    let cli = NlpCli::try_parse_from([
        "nlp",
        "--model-dir=/nonexistent",
        "--extract-isolation=process",
        "--extract-timeout-ms=300",
        &format!("--extract-child-path={}", env!("CARGO_BIN_EXE_layer1")),
    ])
    .expect("valid settings");
    let runtime = NlpRuntime::load(&cli.nlp);
    let bytes = endless_text_pdf();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("valid date");

    let outcome = runtime.analyze_resume(bytes, today).await;
    match outcome {
        Err(NlpError::Engine(EngineError::Extract(error))) => {
            assert_eq!(error.code(), "extract_timeout", "{error}");
        }
        other => panic!("expected a timeout, got {other:?}"),
    }
    let plain = pdf_with_pages(vec![text_page("Python developer")]);
    assert!(runtime.analyze_resume(plain, today).await.is_ok());
}
