//! PDF text extraction with lopdf and an own content interpreter and layout step.
//!
//! lopdf parses the file and decrypts documents whose user password is empty. The
//! [`content`] module interprets each page's content streams into positioned glyphs.
//! [`fonts`] and [`cmap`] map character codes to Unicode, and [`layout`] turns glyphs
//! into lines in reading order. Pages are joined with `\x0c`.

mod cmap;
mod content;
mod fonts;
mod layout;
pub(crate) mod metrics;

use lopdf::{Document, LoadOptions, Object, ObjectId};

use super::{ExtractError, ExtractLimits};
use content::{Matrix, PageInterpreter, Resources};

/// Extracts the text of a PDF; returns the text and the number of pages read.
///
/// Reads at most `limits.max_pages` pages. Returns [`ExtractError::PdfEncrypted`] when
/// the file needs a password, [`ExtractError::NoText`] when no page has text, and
/// [`ExtractError::Malformed`] when lopdf cannot load it even with xref reconstruction.
pub fn extract(bytes: &[u8], limits: &ExtractLimits) -> Result<(String, usize), ExtractError> {
    let doc = load(bytes, limits)?;
    // lopdf removes `/Encrypt` from the trailer once the empty user password opened the file.
    if doc.trailer.has(b"Encrypt") {
        return Err(ExtractError::PdfEncrypted);
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(malformed("the document has no pages".to_string()));
    }
    let mut texts = Vec::new();
    for (_, page_id) in pages.iter().take(limits.max_pages) {
        texts.push(page_text(&doc, *page_id, limits).trim_end().to_string());
    }
    if pages.len() > limits.max_pages {
        tracing::debug!(
            pages = pages.len(),
            max_pages = limits.max_pages,
            "PDF pages truncated"
        );
    }
    if texts.iter().all(|t| t.trim().is_empty()) {
        return Err(ExtractError::NoText);
    }
    Ok((texts.join("\x0c"), texts.len()))
}

fn malformed(reason: String) -> ExtractError {
    ExtractError::Malformed {
        kind: "pdf",
        reason,
    }
}

/// Loads the document, retrying with a rebuilt cross-reference table.
fn load(bytes: &[u8], limits: &ExtractLimits) -> Result<Document, ExtractError> {
    let options = || {
        let mut options = LoadOptions::with_max_decompressed_size(limits.max_decompressed_bytes);
        options.strict = false;
        options
    };
    let first = match Document::load_mem_with_options(bytes, options()) {
        Ok(doc) => return Ok(doc),
        Err(err) => err,
    };
    if is_password_error(&first) {
        return Err(ExtractError::PdfEncrypted);
    }
    let mut rebuild = options();
    rebuild.force_reconstruct = true;
    match Document::load_mem_with_options(bytes, rebuild) {
        Ok(doc) => Ok(doc),
        Err(err) if is_password_error(&err) => Err(ExtractError::PdfEncrypted),
        Err(_) => Err(malformed(format!("cannot parse the file: {first}"))),
    }
}

fn is_password_error(err: &lopdf::Error) -> bool {
    matches!(
        err,
        lopdf::Error::InvalidPassword | lopdf::Error::Decryption(_)
    )
}

fn page_text(doc: &Document, page_id: ObjectId, limits: &ExtractLimits) -> String {
    let content = match doc.get_page_content_with_limit(page_id, limits.max_decompressed_bytes) {
        Ok(content) => content,
        Err(err) => {
            tracing::debug!(error = %err, "skipping unreadable page content");
            return String::new();
        }
    };
    let resources = Resources::of_page(doc, page_id);
    let ctm = rotation_matrix(page_rotation(doc, page_id));
    let glyphs = PageInterpreter::new(doc, limits.max_decompressed_bytes)
        .run_page(&content, &resources, ctm);
    layout::page_text(&glyphs)
}

/// Returns the inherited `/Rotate` of a page, in degrees clockwise.
fn page_rotation(doc: &Document, page_id: ObjectId) -> i64 {
    let mut node = doc.get_dictionary(page_id).ok();
    for _ in 0..32 {
        let Some(current) = node else { break };
        if let Some(Object::Integer(rotate)) = fonts::resolve(doc, current.get(b"Rotate").ok()) {
            return rotate.rem_euclid(360);
        }
        node = fonts::resolve(doc, current.get(b"Parent").ok()).and_then(|o| o.as_dict().ok());
    }
    0
}

/// Maps page space to the displayed orientation (rotation clockwise by `degrees`).
fn rotation_matrix(degrees: i64) -> Matrix {
    match degrees {
        90 => [0.0, -1.0, 1.0, 0.0, 0.0, 0.0],
        180 => [-1.0, 0.0, 0.0, -1.0, 0.0, 0.0],
        270 => [0.0, 1.0, -1.0, 0.0, 0.0, 0.0],
        _ => [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
    }
}
