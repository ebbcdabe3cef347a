//! Bounded stream decoding and the caches shared by every page of one document.
//!
//! Every stream the reader decodes (page contents, Form XObjects, CMaps) goes through
//! [`DocumentCache::decode`]. A stream whose declared `DL` (decoded length) is above the
//! per-stream cap is rejected before inflating. Otherwise lopdf's bounded decoder stops
//! reading at the cap plus one byte, so a Flate bomb never allocates its full output.
//! The whole document also shares a total budget, so many streams just under the cap, or
//! one stream drawn by every page, cannot add up to unbounded work. Decoded streams and
//! loaded fonts are cached by object, so a shared stream is inflated once.
//!
//! lopdf loads a stream without a `Length` entry with empty data, so the cache reads that
//! data from the file bytes up to the `endstream` keyword.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use lopdf::{Document, Object, ObjectId, Stream};

use super::fonts::{Font, resolve};

/// Total decoded bytes of one document, as a multiple of the per-stream cap.
const TOTAL_BUDGET_STREAMS: usize = 4;
/// Content stream operations interpreted in the whole document.
const MAX_OPERATIONS_PER_DOCUMENT: usize = 10_000_000;
/// Content stream bytes parsed in the whole document, as a multiple of the per-stream cap.
/// A Form XObject drawn many times is parsed each time, so this bounds the repeats.
const PARSE_BUDGET_STREAMS: usize = 4;

/// Reason a stream was not decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum DecodeRefusal {
    /// The stream decodes, or declares it decodes, to more than the per-stream cap.
    OverStreamCap,
    /// The document has used up its total decoding budget.
    OverDocumentBudget,
    /// The filter chain failed or is not supported.
    Invalid,
}

/// Decoded streams, fonts and work counters of one document.
pub(super) struct DocumentCache<'a> {
    doc: &'a Document,
    /// The file the document was loaded from, for streams lopdf could not delimit.
    file: &'a [u8],
    max_stream_bytes: usize,
    remaining_bytes: Cell<usize>,
    remaining_operations: Cell<usize>,
    remaining_parse_bytes: Cell<usize>,
    streams: RefCell<HashMap<ObjectId, Rc<Vec<u8>>>>,
    /// Fonts keyed by the address of their dictionary inside `doc`.
    pub(super) fonts: RefCell<HashMap<usize, Rc<Font>>>,
}

impl<'a> DocumentCache<'a> {
    /// Starts the caches of `doc`, loaded from the bytes `file`.
    pub(super) fn new(doc: &'a Document, file: &'a [u8], max_stream_bytes: usize) -> Self {
        DocumentCache {
            doc,
            file,
            max_stream_bytes,
            remaining_bytes: Cell::new(max_stream_bytes.saturating_mul(TOTAL_BUDGET_STREAMS)),
            remaining_operations: Cell::new(MAX_OPERATIONS_PER_DOCUMENT),
            remaining_parse_bytes: Cell::new(max_stream_bytes.saturating_mul(PARSE_BUDGET_STREAMS)),
            streams: RefCell::new(HashMap::new()),
            fonts: RefCell::new(HashMap::new()),
        }
    }

    pub(super) fn doc(&self) -> &'a Document {
        self.doc
    }

    /// Takes one content stream operation from the document budget. Returns false once it is spent.
    pub(super) fn take_operation(&self) -> bool {
        let left = self.remaining_operations.get();
        if left == 0 {
            return false;
        }
        self.remaining_operations.set(left - 1);
        true
    }

    /// Takes `length` content bytes from the document's parse budget. Returns false once it is spent.
    pub(super) fn take_parse_bytes(&self, length: usize) -> bool {
        let left = self.remaining_parse_bytes.get();
        if length > left {
            self.remaining_parse_bytes.set(0);
            return false;
        }
        self.remaining_parse_bytes.set(left - length);
        true
    }

    /// Decodes the stream behind an object (a reference or a direct stream).
    pub(super) fn decode_object(&self, object: &Object) -> Result<Rc<Vec<u8>>, DecodeRefusal> {
        match object {
            Object::Reference(id) => self.decode_id(*id),
            Object::Stream(stream) => self.decode(stream),
            _ => Err(DecodeRefusal::Invalid),
        }
    }

    /// Decodes the stream with the given id, once per document.
    pub(super) fn decode_id(&self, id: ObjectId) -> Result<Rc<Vec<u8>>, DecodeRefusal> {
        if let Some(bytes) = self.streams.borrow().get(&id) {
            return Ok(bytes.clone());
        }
        let object = self.doc.get_object(id).ok();
        let stream = resolve(self.doc, object)
            .and_then(|object| object.as_stream().ok())
            .ok_or(DecodeRefusal::Invalid)?;
        let bytes = self.decode(stream)?;
        self.streams.borrow_mut().insert(id, bytes.clone());
        Ok(bytes)
    }

    /// Decodes a stream within the per-stream cap and the remaining document budget.
    pub(super) fn decode(&self, stream: &Stream) -> Result<Rc<Vec<u8>>, DecodeRefusal> {
        let remaining = self.remaining_bytes.get();
        if remaining == 0 {
            return Err(DecodeRefusal::OverDocumentBudget);
        }
        let limit = self.max_stream_bytes.min(remaining);
        if declared_length(stream).is_some_and(|length| length > self.max_stream_bytes) {
            return Err(DecodeRefusal::OverStreamCap);
        }
        let recovered = self.recover_unsized(stream);
        let stream = recovered.as_ref().unwrap_or(stream);
        let bytes = stream
            .get_plain_content_with_limit(limit)
            .map_err(|err| match err {
                lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                    ..
                }) if limit < self.max_stream_bytes => DecodeRefusal::OverDocumentBudget,
                lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                    ..
                }) => DecodeRefusal::OverStreamCap,
                _ => DecodeRefusal::Invalid,
            })?;
        self.remaining_bytes
            .set(remaining - bytes.len().min(remaining));
        Ok(Rc::new(bytes))
    }
}

impl DocumentCache<'_> {
    /// Returns a copy of a stream that has no `Length` entry, with its data read from the
    /// file up to `endstream` (or `endobj`), at most the per-stream cap.
    fn recover_unsized(&self, stream: &Stream) -> Option<Stream> {
        if !stream.content.is_empty() || stream.dict.has(b"Length") {
            return None;
        }
        let start = stream.start_position?;
        let rest = self.file.get(start..)?;
        let rest = &rest[..rest.len().min(self.max_stream_bytes)];
        let end = find(rest, b"endstream")
            .or_else(|| find(rest, b"endobj"))
            .unwrap_or(rest.len());
        let mut data = &rest[..end];
        if let Some(stripped) = data.strip_suffix(b"\n") {
            data = stripped.strip_suffix(b"\r").unwrap_or(stripped);
        } else if let Some(stripped) = data.strip_suffix(b"\r") {
            data = stripped;
        }
        let mut copy = Stream::new(stream.dict.clone(), data.to_vec());
        copy.allows_compression = stream.allows_compression;
        Some(copy)
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// Returns the `DL` entry of a stream, the decoded length declared by its producer.
fn declared_length(stream: &Stream) -> Option<usize> {
    let length = stream.dict.get(b"DL").and_then(Object::as_i64).ok()?;
    usize::try_from(length).ok()
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use flate2::Compression;
    use flate2::write::ZlibEncoder;
    use lopdf::{Dictionary, dictionary};

    use super::*;

    fn flate_stream(decoded: &[u8]) -> Stream {
        let mut encoder = ZlibEncoder::new(Vec::new(), Compression::best());
        encoder.write_all(decoded).expect("compress in memory");
        let compressed = encoder.finish().expect("finish compression");
        Stream::new(dictionary! { "Filter" => "FlateDecode" }, compressed)
    }

    #[test]
    fn stream_under_cap_decodes() {
        let doc = Document::with_version("1.5");
        let cache = DocumentCache::new(&doc, &[], 1024);
        let decoded = cache.decode(&flate_stream(b"BT ET")).expect("decodes");
        assert_eq!(decoded.as_slice(), b"BT ET");
    }

    #[test]
    fn flate_bomb_is_refused_at_the_cap() {
        let doc = Document::with_version("1.5");
        let cache = DocumentCache::new(&doc, &[], 64 * 1024);
        let bomb = flate_stream(&vec![b' '; 16 * 1024 * 1024]);
        assert!(
            bomb.content.len() < 64 * 1024,
            "the bomb is small when compressed"
        );
        assert_eq!(cache.decode(&bomb), Err(DecodeRefusal::OverStreamCap));
    }

    #[test]
    fn declared_length_over_cap_is_refused_before_inflating() {
        let doc = Document::with_version("1.5");
        let cache = DocumentCache::new(&doc, &[], 1024);
        let mut stream = flate_stream(b"BT ET");
        stream.dict.set("DL", 1_000_000);
        assert_eq!(cache.decode(&stream), Err(DecodeRefusal::OverStreamCap));
    }

    #[test]
    fn stream_without_length_is_read_up_to_endstream() {
        let doc = Document::with_version("1.5");
        let file = b"5 0 obj << >> stream\nBT (x) Tj ET\r\nendstream endobj";
        let start = file
            .windows(7)
            .position(|w| w == b"stream\n")
            .map(|at| at + 7)
            .expect("the fixture has a stream");
        let cache = DocumentCache::new(&doc, file, 1024);
        let stream = Stream::with_position(Dictionary::new(), start);
        let decoded = cache.decode(&stream).expect("decodes");
        assert_eq!(decoded.as_slice(), b"BT (x) Tj ET");
    }

    #[test]
    fn empty_stream_with_length_stays_empty() {
        let doc = Document::with_version("1.5");
        let file = b"stream\nBT (x) Tj ET\nendstream";
        let cache = DocumentCache::new(&doc, file, 1024);
        let mut stream = Stream::with_position(dictionary! { "Length" => 0 }, 7);
        stream.content.clear();
        assert!(cache.decode(&stream).expect("decodes").is_empty());
    }

    #[test]
    fn document_budget_runs_out_across_streams() {
        let doc = Document::with_version("1.5");
        let cache = DocumentCache::new(&doc, &[], 1000);
        let stream = flate_stream(&[b'a'; 900]);
        for _ in 0..TOTAL_BUDGET_STREAMS {
            assert!(cache.decode(&stream).is_ok());
        }
        assert_eq!(
            cache.decode(&stream),
            Err(DecodeRefusal::OverDocumentBudget)
        );
    }
}
