//! PDF text extraction with lopdf and an own content interpreter and layout step.
//!
//! lopdf parses the file and decrypts documents whose user password is empty. The
//! [`content`] module interprets each page's content streams, read by the tolerant
//! parser in [`operations`], into positioned glyphs.
//! [`fonts`] and [`cmap`] map character codes to Unicode, and [`layout`] turns glyphs
//! into lines in reading order. [`bidi`] puts right-to-left lines into logical order, and
//! [`hyphen`] joins words hyphenated at a line end.
//! [`streams`] decodes every stream under a per-stream cap and a document budget. Pages
//! are joined with `\x0c`.

mod annotations;
mod bidi;
mod cmap;
mod content;
mod fonts;
mod hyphen;
mod japan1;
mod layout;
pub(crate) mod metrics;
mod operations;
mod streams;
mod truetype;

use lopdf::{Document, LoadOptions, Object, ObjectId};

use super::{ExtractError, ExtractLimits};
use content::{Matrix, PageInterpreter, Resources};
use streams::DocumentCache;

/// Extracts the text of a PDF; returns the text, the number of pages read and the number of
/// pages in the document.
///
/// Reads at most `limits.max_pages` pages. Returns [`ExtractError::PdfEncrypted`] when
/// the file needs a password, [`ExtractError::NoText`] when no page has text, and
/// [`ExtractError::Malformed`] when lopdf cannot load it even with xref reconstruction.
pub fn extract(
    bytes: &[u8],
    limits: &ExtractLimits,
) -> Result<(String, usize, usize), ExtractError> {
    let doc = load(bytes, limits)?;
    // lopdf removes `/Encrypt` from the trailer once the empty user password opened the file.
    if doc.trailer.has(b"Encrypt") {
        return Err(ExtractError::PdfEncrypted);
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(malformed("the document has no pages".to_string()));
    }
    let cache = DocumentCache::new(&doc, bytes, limits.max_decompressed_bytes);
    let mut texts = Vec::new();
    for (_, page_id) in pages.iter().take(limits.max_pages) {
        let text = bidi::logical_order(&page_text(&cache, *page_id));
        let text = hyphen::join_hyphenated(&text);
        texts.push(text.trim_end().to_string());
    }
    if texts.iter().all(|t| t.trim().is_empty()) {
        return Err(ExtractError::NoText);
    }
    Ok((texts.join("\x0c"), texts.len(), pages.len()))
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

fn page_text(cache: &DocumentCache<'_>, page_id: ObjectId) -> String {
    let doc = cache.doc();
    let mut content = Vec::new();
    for id in doc.get_page_contents(page_id) {
        match cache.decode_id(id) {
            Ok(bytes) => {
                content.extend_from_slice(&bytes);
                content.push(b'\n');
            }
            Err(refusal) => tracing::debug!(?refusal, "skipping an unreadable content stream"),
        }
    }
    let resources = Resources::of_page(doc, page_id);
    let ctm = rotation_matrix(page_rotation(doc, page_id));
    let appearances = annotations::appearances(doc, page_id);
    let glyphs = PageInterpreter::new(cache).run_page(&content, &resources, ctm, &appearances);
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
