//! Font decoding: from the bytes of a shown string to glyphs with Unicode text and widths.
//!
//! Text comes from the `ToUnicode` CMap when it maps a code, otherwise from the font's
//! encoding: the base encodings (WinAnsi, MacRoman, Standard) and `Differences` glyph names
//! for simple fonts, or UCS-2 code values for composite fonts with a `Uni…-UCS2` CMap, or
//! the Adobe-Japan1 character collection for Japanese composite fonts (see [`japan1`]), or
//! the `cmap` table of an embedded TrueType font read backwards (see [`truetype`]).
//! Codes that map to nothing produce a glyph with empty text, which the layout drops.

use std::collections::HashMap;
use std::sync::OnceLock;

use lopdf::{Dictionary, Document, Object};

use super::cmap::{CMap, utf16_text};
use super::japan1;
use super::metrics;
use super::streams::DocumentCache;
use super::truetype;

/// Glyph advance used when a font gives no width, in thousandths of the text size.
const DEFAULT_WIDTH: f32 = 500.0;

/// One decoded character code.
#[derive(Debug, Clone)]
pub(super) struct DecodedGlyph {
    /// Unicode text, empty when the code has no mapping.
    pub text: String,
    /// Horizontal advance in text space units per unit of font size.
    pub width: f32,
    /// Whether the code is the single byte 32, to which word spacing applies.
    pub is_word_space: bool,
}

/// A font prepared for decoding.
#[derive(Debug)]
pub(super) struct Font {
    to_unicode: Option<CMap>,
    /// Composite fonts: the encoding CMap when embedded, or `None` for Identity.
    composite: Option<Composite>,
    /// Simple fonts: text of each single-byte code from the font encoding.
    simple_text: Vec<Option<String>>,
    /// Simple fonts: widths by code; composite fonts: widths by CID.
    widths: HashMap<u32, f32>,
    missing_width: f32,
    /// Glyph space to text space scale (1/1000, or the Type3 `FontMatrix`).
    scale: f32,
}

#[derive(Debug)]
struct Composite {
    encoding: Option<CMap>,
    /// The code values are UTF-16 (predefined `Uni…-UCS2-…` or `…-UTF16-…` CMaps).
    utf16_codes: bool,
    /// The `ToUnicode` entry is the name `Identity-H`: codes are Unicode values.
    identity_unicode: bool,
    /// The CIDs belong to the Adobe-Japan1 character collection.
    japan1: bool,
    /// Vertical writing: the advance in glyph space units along the text y-axis (`DW2`,
    /// negative for top to bottom), or `None` for horizontal writing.
    vertical_advance: Option<f32>,
    /// Unicode of glyph ids from the embedded TrueType font, read only when the font has
    /// no `ToUnicode` map.
    glyph_unicode: HashMap<u16, char>,
    /// The `CIDToGIDMap` stream (two bytes per CID), or `None` for the identity map.
    cid_to_gid: Option<std::rc::Rc<Vec<u8>>>,
}

impl Font {
    /// Builds a font from its dictionary; missing or broken parts fall back to defaults.
    pub(super) fn load(cache: &DocumentCache<'_>, dict: &Dictionary) -> Font {
        let doc = cache.doc();
        let subtype = name_of(doc, dict.get(b"Subtype").ok()).unwrap_or_default();
        let to_unicode = dict
            .get(b"ToUnicode")
            .ok()
            .and_then(|o| stream_bytes(cache, o))
            .map(|bytes| CMap::parse(&bytes))
            .filter(CMap::has_unicode);
        let mut font = Font {
            to_unicode,
            composite: None,
            simple_text: Vec::new(),
            widths: HashMap::new(),
            missing_width: 0.0,
            scale: 0.001,
        };
        if subtype == b"Type0" {
            font.load_composite(cache, dict);
        } else {
            font.load_simple(doc, dict, &subtype);
        }
        font
    }

    fn load_composite(&mut self, cache: &DocumentCache<'_>, dict: &Dictionary) {
        let doc = cache.doc();
        let encoding_object = dict.get(b"Encoding").ok();
        let encoding_name = name_of(doc, encoding_object).unwrap_or_default();
        let encoding = encoding_object
            .and_then(|o| stream_bytes(cache, o))
            .map(|bytes| CMap::parse(&bytes));
        let encoding_name = String::from_utf8_lossy(&encoding_name).into_owned();
        let identity_unicode = matches!(
            name_of(doc, dict.get(b"ToUnicode").ok()).as_deref(),
            Some(b"Identity-H" | b"Identity-V" | b"Identity")
        );
        let vertical = encoding_name.ends_with("-V")
            || encoding_object
                .and_then(|o| resolve(doc, Some(o)))
                .and_then(|o| o.as_stream().ok())
                .and_then(|stream| number(doc, stream.dict.get(b"WMode").ok()))
                .is_some_and(|mode| mode == 1.0);
        let descendant = resolve(doc, dict.get(b"DescendantFonts").ok())
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| resolve(doc, Some(o)))
            .and_then(|o| o.as_dict().ok());
        let vertical_advance = vertical.then(|| {
            descendant
                .and_then(|d| resolve(doc, d.get(b"DW2").ok()))
                .and_then(|o| o.as_array().ok())
                .and_then(|a| number(doc, a.get(1)))
                .filter(|advance| *advance != 0.0)
                .unwrap_or(-1000.0)
        });
        let mut composite = Composite {
            encoding,
            utf16_codes: encoding_name.contains("UCS2") || encoding_name.contains("UTF16"),
            identity_unicode,
            japan1: descendant.is_some_and(|d| is_japan1(doc, d)),
            vertical_advance,
            glyph_unicode: HashMap::new(),
            cid_to_gid: None,
        };
        let has_text_source =
            composite.utf16_codes || composite.identity_unicode || composite.japan1;
        if let Some(descendant) = descendant
            && self.to_unicode.is_none()
            && !has_text_source
        {
            composite.read_embedded_cmap(cache, descendant);
        }
        self.composite = Some(composite);
        let Some(descendant) = descendant else {
            self.missing_width = 1000.0;
            return;
        };
        self.missing_width = number(doc, descendant.get(b"DW").ok()).unwrap_or(1000.0);
        if let Some(w) = resolve(doc, descendant.get(b"W").ok()).and_then(|o| o.as_array().ok()) {
            self.widths = composite_widths(doc, w);
        }
    }

    fn load_simple(&mut self, doc: &Document, dict: &Dictionary, subtype: &[u8]) {
        let base_font = name_of(doc, dict.get(b"BaseFont").ok()).unwrap_or_default();
        let default_base = if subtype == b"TrueType" {
            "WinAnsiEncoding"
        } else if is_symbol_font(&base_font) {
            ""
        } else {
            "StandardEncoding"
        };
        self.simple_text = simple_encoding(doc, dict.get(b"Encoding").ok(), default_base);
        if subtype == b"Type3" {
            prefer_codes_for_symbol_names(&mut self.simple_text);
            let matrix = resolve(doc, dict.get(b"FontMatrix").ok()).and_then(|o| o.as_array().ok());
            self.scale = matrix
                .and_then(|m| m.first())
                .and_then(|o| number(doc, Some(o)))
                .filter(|s| s.abs() > f32::EPSILON)
                .unwrap_or(0.001);
        }
        let descriptor =
            resolve(doc, dict.get(b"FontDescriptor").ok()).and_then(|o| o.as_dict().ok());
        self.missing_width = descriptor
            .and_then(|d| number(doc, d.get(b"MissingWidth").ok()))
            .filter(|w| *w > 0.0)
            .unwrap_or(0.0);
        let first = number(doc, dict.get(b"FirstChar").ok()).unwrap_or(0.0) as u32;
        if let Some(widths) = resolve(doc, dict.get(b"Widths").ok()).and_then(|o| o.as_array().ok())
        {
            for (offset, width) in widths.iter().enumerate() {
                if let Some(width) = number(doc, Some(width)) {
                    self.widths.insert(first + offset as u32, width);
                }
            }
        } else {
            self.widths = metrics::standard_widths(&base_font, &self.simple_text);
        }
        if self.missing_width == 0.0 {
            self.missing_width = if self.scale == 0.001 {
                DEFAULT_WIDTH
            } else {
                0.0
            };
        }
    }

    /// Splits a shown string into character codes and decodes each one.
    pub(super) fn decode(&self, bytes: &[u8]) -> Vec<DecodedGlyph> {
        let mut glyphs = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let len = self.code_length(&bytes[i..]);
            let code_bytes = &bytes[i..(i + len).min(bytes.len())];
            let code = super::cmap::be_code(code_bytes);
            glyphs.push(self.decode_code(code, len));
            i += len;
        }
        glyphs
    }

    /// Vertical writing: the advance along the text y-axis per unit of font size (negative
    /// for top to bottom); `None` for horizontal writing.
    pub(super) fn vertical_advance(&self) -> Option<f32> {
        let advance = self.composite.as_ref()?.vertical_advance?;
        Some(advance * self.scale)
    }

    fn code_length(&self, bytes: &[u8]) -> usize {
        match &self.composite {
            None => 1,
            Some(Composite {
                encoding: Some(cmap),
                ..
            }) if cmap.has_codespace() => cmap.code_length(bytes, 2),
            Some(_) => match &self.to_unicode {
                Some(cmap) if cmap.has_codespace() => cmap.code_length(bytes, 2),
                _ => 2.min(bytes.len()),
            },
        }
    }

    fn decode_code(&self, code: u32, len: usize) -> DecodedGlyph {
        let mut glyph = self.decode_raw(code, len);
        glyph.text.retain(|ch| !is_private_use(ch));
        glyph
    }

    fn decode_raw(&self, code: u32, len: usize) -> DecodedGlyph {
        let mapped = self.to_unicode.as_ref().and_then(|c| c.unicode(code, len));
        match &self.composite {
            Some(composite) => {
                let cid = composite
                    .encoding
                    .as_ref()
                    .and_then(|c| c.cid(code))
                    .unwrap_or(code);
                let text = mapped
                    .or_else(|| composite.fallback_text(code, cid))
                    .unwrap_or_default();
                let width = self.widths.get(&cid).copied().unwrap_or(self.missing_width);
                DecodedGlyph {
                    text,
                    width: width * self.scale,
                    is_word_space: false,
                }
            }
            None => {
                let text = mapped
                    .or_else(|| self.simple_text.get(code as usize).cloned().flatten())
                    .unwrap_or_default();
                let width = self
                    .widths
                    .get(&code)
                    .copied()
                    .unwrap_or(self.missing_width);
                DecodedGlyph {
                    text,
                    width: width * self.scale,
                    is_word_space: code == 32,
                }
            }
        }
    }
}

impl Composite {
    fn fallback_text(&self, code: u32, cid: u32) -> Option<String> {
        if self.utf16_codes {
            return Some(utf16_text(&[code as u16]));
        }
        if self.identity_unicode {
            return char::from_u32(code)
                .filter(|c| !c.is_control())
                .map(String::from);
        }
        if self.japan1 {
            return japan1::cid_text(cid).map(String::from);
        }
        if self.glyph_unicode.is_empty() {
            return None;
        }
        let glyph = match &self.cid_to_gid {
            Some(map) => {
                let at = usize::try_from(cid).ok()?.checked_mul(2)?;
                let bytes = map.get(at..at + 2)?;
                u16::from_be_bytes([bytes[0], bytes[1]])
            }
            None => u16::try_from(cid).ok()?,
        };
        self.glyph_unicode.get(&glyph).map(|ch| ch.to_string())
    }

    /// Reads the Unicode `cmap` of an embedded TrueType font (`FontFile2`) and the
    /// `CIDToGIDMap` that leads from CIDs to its glyphs.
    fn read_embedded_cmap(&mut self, cache: &DocumentCache<'_>, descendant: &Dictionary) {
        let doc = cache.doc();
        if name_of(doc, descendant.get(b"Subtype").ok()).as_deref() != Some(b"CIDFontType2") {
            return;
        }
        let program = resolve(doc, descendant.get(b"FontDescriptor").ok())
            .and_then(|o| o.as_dict().ok())
            .and_then(|d| d.get(b"FontFile2").ok())
            .and_then(|o| stream_bytes(cache, o));
        let Some(program) = program else {
            return;
        };
        self.glyph_unicode = truetype::glyph_unicode(&program);
        self.cid_to_gid = descendant
            .get(b"CIDToGIDMap")
            .ok()
            .filter(|o| resolve(doc, Some(o)).is_some_and(|o| o.as_stream().is_ok()))
            .and_then(|o| stream_bytes(cache, o));
    }
}

/// Returns whether a CIDFont declares the Adobe-Japan1 character collection.
fn is_japan1(doc: &Document, descendant: &Dictionary) -> bool {
    let Some(info) =
        resolve(doc, descendant.get(b"CIDSystemInfo").ok()).and_then(|o| o.as_dict().ok())
    else {
        return false;
    };
    let text = |key: &[u8]| {
        resolve(doc, info.get(key).ok())
            .and_then(|o| o.as_str().ok())
            .map(<[u8]>::to_vec)
    };
    text(b"Registry").as_deref() == Some(b"Adobe")
        && text(b"Ordering").as_deref() == Some(b"Japan1")
}

/// Replaces symbol glyph names of a Type3 font with the printable ASCII code itself.
///
/// Type3 glyph names are often arbitrary procedure names such as `square`, so the code is
/// a better guess at the text. pdftotext (poppler-utils) outputs the same for such fonts.
fn prefer_codes_for_symbol_names(table: &mut [Option<String>]) {
    for (code, slot) in table.iter_mut().enumerate() {
        let is_text = slot.as_deref().is_some_and(|text| {
            text.chars()
                .all(|c| c.is_alphanumeric() || c.is_ascii_punctuation() || c.is_whitespace())
        });
        let ascii = u8::try_from(code).ok().filter(u8::is_ascii_graphic);
        if let (false, Some(byte)) = (is_text, ascii) {
            *slot = Some(char::from(byte).to_string());
        }
    }
}

/// Private-use code points carry icon glyphs (phone, e-mail, links) with no text value.
fn is_private_use(ch: char) -> bool {
    matches!(ch, '\u{e000}'..='\u{f8ff}' | '\u{f0000}'..='\u{10ffff}')
}

fn is_symbol_font(base_font: &[u8]) -> bool {
    let name = String::from_utf8_lossy(base_font);
    name.contains("Symbol") || name.contains("Dingbats")
}

/// Follows references (bounded) to the object itself.
pub(super) fn resolve<'a>(doc: &'a Document, object: Option<&'a Object>) -> Option<&'a Object> {
    let mut object = object?;
    for _ in 0..16 {
        match object {
            Object::Reference(id) => object = doc.get_object(*id).ok()?,
            other => return Some(other),
        }
    }
    None
}

pub(super) fn name_of(doc: &Document, object: Option<&Object>) -> Option<Vec<u8>> {
    resolve(doc, object)?.as_name().ok().map(<[u8]>::to_vec)
}

pub(super) fn number(doc: &Document, object: Option<&Object>) -> Option<f32> {
    resolve(doc, object)?
        .as_float()
        .ok()
        .filter(|n| n.is_finite())
}

fn stream_bytes(cache: &DocumentCache<'_>, object: &Object) -> Option<std::rc::Rc<Vec<u8>>> {
    cache.decode_object(object).ok()
}

/// Parses a CIDFont `W` array: `c [w1 w2 …]` and `c_first c_last w` entries.
fn composite_widths(doc: &Document, array: &[Object]) -> HashMap<u32, f32> {
    const MAX_ENTRIES: u32 = 65_536;
    let mut widths = HashMap::new();
    let mut i = 0;
    while i + 1 < array.len() {
        let Some(first) = number(doc, Some(&array[i])) else {
            break;
        };
        let first = first.max(0.0) as u32;
        match resolve(doc, Some(&array[i + 1])) {
            Some(Object::Array(list)) => {
                for (offset, w) in list.iter().enumerate() {
                    if let Some(w) = number(doc, Some(w)) {
                        widths.insert(first + offset as u32, w);
                    }
                }
                i += 2;
            }
            _ => {
                let last = number(doc, array.get(i + 1)).unwrap_or(0.0).max(0.0) as u32;
                let width = number(doc, array.get(i + 2)).unwrap_or(0.0);
                for cid in first..=last.min(first.saturating_add(MAX_ENTRIES)) {
                    widths.insert(cid, width);
                }
                i += 3;
            }
        }
    }
    widths
}

/// Text of each code of a simple font from its `Encoding` entry.
fn simple_encoding(
    doc: &Document,
    encoding: Option<&Object>,
    default_base: &str,
) -> Vec<Option<String>> {
    let base_of = |name: &[u8]| base_table(std::str::from_utf8(name).unwrap_or(default_base));
    match resolve(doc, encoding) {
        Some(Object::Name(name)) => base_of(name),
        Some(Object::Dictionary(dict)) => {
            let mut table = match name_of(doc, dict.get(b"BaseEncoding").ok()) {
                Some(name) => base_of(&name),
                None => base_table(default_base),
            };
            if let Some(differences) =
                resolve(doc, dict.get(b"Differences").ok()).and_then(|o| o.as_array().ok())
            {
                apply_differences(doc, &mut table, differences);
            }
            table
        }
        _ => base_table(default_base),
    }
}

fn apply_differences(doc: &Document, table: &mut [Option<String>], differences: &[Object]) {
    let mut code = 0usize;
    for item in differences {
        match resolve(doc, Some(item)) {
            Some(Object::Integer(start)) => code = (*start).clamp(0, 255) as usize,
            Some(Object::Name(name)) => {
                if let Some(slot) = table.get_mut(code) {
                    *slot = glyph_name_text(name);
                }
                code += 1;
            }
            _ => {}
        }
    }
}

/// Returns a base encoding as a 256-entry table, read from lopdf's built-in encodings.
fn base_table(name: &str) -> Vec<Option<String>> {
    static TABLES: OnceLock<HashMap<&'static str, Vec<Option<String>>>> = OnceLock::new();
    let tables = TABLES.get_or_init(|| {
        [
            "WinAnsiEncoding",
            "MacRomanEncoding",
            "StandardEncoding",
            "MacExpertEncoding",
        ]
        .into_iter()
        .map(|name| (name, lopdf_table(name)))
        .collect()
    });
    tables.get(name).cloned().unwrap_or_else(|| vec![None; 256])
}

fn lopdf_table(name: &str) -> Vec<Option<String>> {
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Font".to_vec()));
    dict.set("Encoding", Object::Name(name.as_bytes().to_vec()));
    let doc = Document::new();
    let Ok(encoding) = dict.get_font_encoding(&doc) else {
        return vec![None; 256];
    };
    (0u8..=255)
        .map(|code| {
            encoding
                .bytes_to_string(&[code])
                .ok()
                .filter(|text| !text.is_empty())
        })
        .collect()
}

/// Unicode text of a glyph name: `uniXXXX`, `uXXXX[XX]`, or a name from lopdf's glyph list.
pub(super) fn glyph_name_text(name: &[u8]) -> Option<String> {
    let name = std::str::from_utf8(name).ok()?;
    let base = name.split('.').next().unwrap_or(name);
    if let Some(hex) = base
        .strip_prefix("uni")
        .filter(|h| h.len() >= 4 && h.len() % 4 == 0)
    {
        let units: Option<Vec<u16>> = (0..hex.len())
            .step_by(4)
            .map(|i| u16::from_str_radix(&hex[i..i + 4], 16).ok())
            .collect();
        return units.map(|u| utf16_text(&u)).filter(|t| !t.is_empty());
    }
    if let Some(hex) = base
        .strip_prefix('u')
        .filter(|h| (4..=6).contains(&h.len()))
        && let Some(ch) = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
    {
        return Some(ch.to_string());
    }

    static CACHE: OnceLock<std::sync::Mutex<HashMap<String, Option<String>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Ok(cache) = cache.lock()
        && let Some(hit) = cache.get(base)
    {
        return hit.clone();
    }

    let text = lopdf_glyph(base);
    if let Ok(mut cache) = cache.lock()
        && cache.len() < 4096
    {
        cache.insert(base.to_string(), text.clone());
    }
    text
}

/// Looks a glyph name up through lopdf's `Differences` support, which carries the
/// Adobe Glyph List.
fn lopdf_glyph(name: &str) -> Option<String> {
    let mut encoding = Dictionary::new();
    encoding.set(
        "Differences",
        Object::Array(vec![
            Object::Integer(0),
            Object::Name(name.as_bytes().to_vec()),
        ]),
    );
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Font".to_vec()));
    dict.set("Encoding", Object::Dictionary(encoding));
    let doc = Document::new();
    let encoding = dict.get_font_encoding(&doc).ok()?;
    let lopdf::Encoding::Differences(_) = &encoding else {
        return None;
    };
    encoding
        .bytes_to_string(&[0])
        .ok()
        .filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn winansi_maps_bullet_and_dashes() {
        let table = base_table("WinAnsiEncoding");
        assert_eq!(table[0x95].as_deref(), Some("•"));
        assert_eq!(table[0x96].as_deref(), Some("–"));
        assert_eq!(table[b'A' as usize].as_deref(), Some("A"));
    }

    #[test]
    fn glyph_names_map_to_unicode() {
        assert_eq!(glyph_name_text(b"fi").as_deref(), Some("\u{fb01}"));
        assert_eq!(glyph_name_text(b"uni00E9").as_deref(), Some("é"));
        assert_eq!(glyph_name_text(b"u1F600").as_deref(), Some("😀"));
        assert_eq!(glyph_name_text(b"bullet").as_deref(), Some("•"));
        assert_eq!(glyph_name_text(b"a.sc").as_deref(), Some("a"));
        assert_eq!(glyph_name_text(b"g123"), None);
    }
}
