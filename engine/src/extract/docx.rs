//! DOCX reading with `zip` and a streaming `quick-xml` pass over the WordprocessingML parts.
//!
//! Page headers come first, then the body (`word/document.xml`), then footers, footnotes
//! and endnotes. Paragraphs become lines. Table cells are read row by row, and the cells of a
//! row that all fit on one line are joined with tabs. Text boxes, hyperlinks, content
//! controls and inserted revisions are kept. Deleted revisions, field instructions and
//! the `mc:Fallback` copy of drawings are skipped. A hyperlink whose text does not show its
//! web or mail address ("LinkedIn") is followed by that address in brackets, read from the
//! part's relationships.

use std::collections::HashMap;
use std::io::{BufReader, Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{ExtractError, ExtractLimits};

/// Largest number of entries accepted in one archive.
const MAX_ENTRIES: usize = 10_000;
/// Maximum length in bytes of a hyperlink address written into the text. Longer ones are left
/// out.
const MAX_LINK_BYTES: usize = 300;
/// Elements whose whole content is not part of the visible, accepted text.
const SKIPPED: &[&[u8]] = &[
    b"del",
    b"delText",
    b"delInstrText",
    b"moveFrom",
    b"instrText",
    b"Fallback",
    b"rPr",
    b"pPr",
];

/// Extracts the text of a DOCX file.
///
/// Each zip entry is decompressed through a reader capped at
/// `limits.max_decompressed_bytes`. A larger entry, such as a zip bomb, is rejected as
/// [`ExtractError::Malformed`].
pub fn extract(bytes: &[u8], limits: &ExtractLimits) -> Result<String, ExtractError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|err| malformed(format!("cannot read the zip archive: {err}")))?;
    if archive.len() > MAX_ENTRIES {
        return Err(malformed(format!(
            "the archive has {} entries (max {MAX_ENTRIES})",
            archive.len()
        )));
    }
    let body = read_part(&mut archive, "word/document.xml", limits)?;
    let mut extra_parts: Vec<String> = archive
        .file_names()
        .filter(|name| is_secondary_part(name))
        .map(str::to_string)
        .collect();
    extra_parts.sort_by_key(|name| part_order(name));

    // Page headers go first, because a resume template often puts the name and contact
    // details there; footers and notes go after the body.
    let (mut head, mut tail) = (String::new(), String::new());
    let mut seen: Vec<String> = Vec::new();
    for name in extra_parts {
        let part = read_part(&mut archive, &name, limits)?;
        let trimmed = part.trim();
        if trimmed.is_empty() || seen.iter().any(|s| s == trimmed) {
            continue;
        }
        seen.push(trimmed.to_string());
        let target = if part_order(&name).0 == HEADER_GROUP {
            &mut head
        } else {
            &mut tail
        };
        target.push_str(trimmed);
        target.push('\n');
    }

    let mut text = head;
    if !text.is_empty() {
        text.push('\n');
    }
    text.push_str(&body);
    if !tail.is_empty() {
        text.push('\n');
        text.push_str(&tail);
    }
    Ok(text)
}

/// The [`part_order`] group of page headers.
const HEADER_GROUP: u8 = 0;

fn malformed(reason: String) -> ExtractError {
    ExtractError::Malformed {
        kind: "docx",
        reason,
    }
}

fn is_secondary_part(name: &str) -> bool {
    let Some(file) = name.strip_prefix("word/") else {
        return false;
    };
    let stem = file.strip_suffix(".xml").unwrap_or("");
    let is_numbered = |prefix: &str| {
        stem.strip_prefix(prefix)
            .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit()))
    };
    is_numbered("header") || is_numbered("footer") || stem == "footnotes" || stem == "endnotes"
}

/// Sort key: headers, then footers, then notes; numbered parts in numeric order.
fn part_order(name: &str) -> (u8, u32) {
    let stem = name
        .trim_start_matches("word/")
        .trim_end_matches(".xml")
        .to_string();
    let group = if stem.starts_with("header") {
        HEADER_GROUP
    } else if stem.starts_with("footer") {
        1
    } else if stem == "footnotes" {
        2
    } else {
        3
    };
    let number = stem
        .trim_start_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .unwrap_or(0);
    (group, number)
}

fn read_part(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    limits: &ExtractLimits,
) -> Result<String, ExtractError> {
    let links = read_links(archive, name, limits)?;
    let max = limits.max_decompressed_bytes as u64;
    let entry = archive
        .by_name(name)
        .map_err(|err| malformed(format!("cannot open {name}: {err}")))?;
    if entry.size() > max {
        return Err(too_large(name, max));
    }
    let mut reader = Reader::from_reader(BufReader::new(entry.take(max + 1)));
    reader.config_mut().trim_text(false);
    // The parser's message quotes the document's own tags and text, which may hold personal
    // details, so only the position is reported.
    let text = walk(&mut reader, links).map_err(|_| {
        let at = reader.buffer_position();
        malformed(format!("invalid XML in {name} near byte {at}"))
    })?;
    if reader.buffer_position() > max {
        return Err(too_large(name, max));
    }
    Ok(text)
}

/// Reads the web and mail addresses of the hyperlinks of part `name` from its relationships
/// part (`word/_rels/document.xml.rels` for `word/document.xml`), keyed by relationship id.
/// A part without relationships has no links. Relationships XML with broken tags makes the
/// document malformed, while a relationship whose attributes cannot be read is skipped.
fn read_links(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    limits: &ExtractLimits,
) -> Result<HashMap<String, String>, ExtractError> {
    let mut links = HashMap::new();
    let Some((folder, file)) = name.rsplit_once('/') else {
        return Ok(links);
    };
    let rels_name = format!("{folder}/_rels/{file}.rels");
    let max = limits.max_decompressed_bytes as u64;
    let Ok(entry) = archive.by_name(&rels_name) else {
        return Ok(links);
    };
    if entry.size() > max {
        return Err(too_large(&rels_name, max));
    }
    let mut reader = Reader::from_reader(BufReader::new(entry.take(max + 1)));
    let mut buf = Vec::new();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|_| malformed(format!("invalid XML in {rels_name}")))?;
        match event {
            Event::Start(element) | Event::Empty(element)
                if element.local_name().as_ref() == b"Relationship" =>
            {
                if let Some((id, target)) = hyperlink_target(&element) {
                    links.insert(id, target);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if reader.buffer_position() > max {
        return Err(too_large(&rels_name, max));
    }
    Ok(links)
}

/// Returns the id and address of a hyperlink relationship to a web (`http`, `https`) or mail
/// (`mailto`) address of at most [`MAX_LINK_BYTES`], with `mailto:` dropped.
fn hyperlink_target(element: &BytesStart<'_>) -> Option<(String, String)> {
    let mut id = None;
    let mut target = None;
    let mut hyperlink = false;
    for attribute in element.attributes().flatten() {
        let value = attribute.unescape_value().ok()?.into_owned();
        match attribute.key.local_name().as_ref() {
            b"Id" => id = Some(value),
            b"Target" => target = Some(value),
            b"Type" => hyperlink = value.ends_with("/hyperlink"),
            _ => {}
        }
    }
    let target = target?;
    let lower = target.to_ascii_lowercase();
    let web = lower.starts_with("http://") || lower.starts_with("https://");
    let address = if web {
        target
    } else {
        lower
            .strip_prefix("mailto:")
            .map(|_| target[7..].to_string())?
    };
    let printable = !address.chars().any(|c| c.is_control() || c.is_whitespace());
    if !hyperlink || !printable || address.is_empty() || address.len() > MAX_LINK_BYTES {
        return None;
    }
    Some((id?, address))
}

fn too_large(name: &str, max: u64) -> ExtractError {
    malformed(format!("{name} decompresses to more than {max} bytes"))
}

/// Output state of one WordprocessingML part.
#[derive(Default)]
struct Walker {
    /// Output targets: the part itself, then one entry per open table cell.
    targets: Vec<String>,
    /// Open paragraphs; a text box nests paragraphs inside a paragraph.
    paragraphs: Vec<String>,
    /// Open table rows with their finished cells.
    rows: Vec<Vec<String>>,
    /// Depth inside a skipped element (0 outside).
    skip_depth: usize,
    /// Whether the reader is inside `w:t`.
    in_text: bool,
    /// Hyperlink addresses of the part, keyed by relationship id.
    links: HashMap<String, String>,
    /// Open hyperlinks: the address, when known, and the length of the text before the link.
    open_links: Vec<(Option<String>, usize)>,
}

fn walk<R: std::io::BufRead>(
    reader: &mut Reader<R>,
    links: HashMap<String, String>,
) -> Result<String, quick_xml::Error> {
    let mut walker = Walker {
        targets: vec![String::new()],
        links,
        ..Walker::default()
    };
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf)? {
            Event::Start(element) => walker.start(&element),
            Event::Empty(element) => walker.empty(&element),
            Event::End(element) => walker.end(element.local_name().as_ref()),
            Event::Text(text) if walker.in_text && walker.skip_depth == 0 => {
                walker.push_text(&text.unescape()?);
            }
            Event::CData(text) if walker.in_text && walker.skip_depth == 0 => {
                walker.push_text(&String::from_utf8_lossy(&text));
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    while !walker.paragraphs.is_empty() {
        walker.end(b"p");
    }
    Ok(walker.targets.swap_remove(0))
}

impl Walker {
    fn start(&mut self, element: &BytesStart<'_>) {
        let name = element.local_name();
        let name = name.as_ref();
        if self.skip_depth > 0 || SKIPPED.contains(&name) {
            self.skip_depth += 1;
            return;
        }
        match name {
            b"p" => self.paragraphs.push(String::new()),
            b"t" => self.in_text = true,
            b"tr" => self.rows.push(Vec::new()),
            b"tc" => self.targets.push(String::new()),
            b"hyperlink" => {
                let address = element
                    .attributes()
                    .flatten()
                    .find(|a| a.key.local_name().as_ref() == b"id")
                    .and_then(|a| {
                        let id = std::str::from_utf8(&a.value).ok()?;
                        self.links.get(id).cloned()
                    });
                let at = self.current().len();
                self.open_links.push((address, at));
            }
            _ => {}
        }
    }

    fn empty(&mut self, element: &BytesStart<'_>) {
        if self.skip_depth > 0 {
            return;
        }
        match element.local_name().as_ref() {
            b"tab" | b"ptab" => self.push_text("\t"),
            b"br" | b"cr" => self.push_text("\n"),
            b"noBreakHyphen" => self.push_text("-"),
            b"sym" => {
                if let Some(ch) = symbol_char(element) {
                    self.push_text(ch.encode_utf8(&mut [0; 4]));
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &[u8]) {
        if self.skip_depth > 0 {
            self.skip_depth -= 1;
            return;
        }
        match name {
            b"t" => self.in_text = false,
            b"p" => {
                let text = self.paragraphs.pop().unwrap_or_default();
                let target = self.target();
                target.push_str(&text);
                target.push('\n');
            }
            b"tc" if self.targets.len() > 1 => {
                let cell = self.targets.pop().unwrap_or_default();
                let cell = cell.trim_end().to_string();
                match self.rows.last_mut() {
                    Some(row) => row.push(cell),
                    None => self.target().push_str(&cell),
                }
            }
            b"tr" => {
                let cells = self.rows.pop().unwrap_or_default();
                let row = format_row(&cells);
                self.target().push_str(&row);
            }
            b"hyperlink" => self.close_link(),
            _ => {}
        }
    }

    /// Writes the address of the hyperlink that ends after its text, unless the text shows it
    /// already ("github.com/maya" for `https://github.com/maya`).
    fn close_link(&mut self) {
        let Some((Some(address), at)) = self.open_links.pop() else {
            return;
        };
        let current = self.current();
        let shown = current.get(at..).unwrap_or_default().trim().to_lowercase();
        let bare = address
            .split_once("://")
            .map_or(address.as_str(), |(_, rest)| rest)
            .trim_start_matches("www.")
            .trim_end_matches('/')
            .to_lowercase();
        if shown.is_empty() || shown.contains(&bare) {
            return;
        }
        self.push_text(&format!(" ({address})"));
    }

    /// Returns the text being written: the open paragraph, or else the open target.
    fn current(&mut self) -> &str {
        if self.paragraphs.is_empty() {
            self.target()
        } else {
            let last = self.paragraphs.len() - 1;
            &self.paragraphs[last]
        }
    }

    fn target(&mut self) -> &mut String {
        if self.targets.is_empty() {
            self.targets.push(String::new());
        }
        let last = self.targets.len() - 1;
        &mut self.targets[last]
    }

    fn push_text(&mut self, text: &str) {
        match self.paragraphs.last_mut() {
            Some(paragraph) => paragraph.push_str(text),
            None => self.target().push_str(text),
        }
    }
}

/// Joins single-line cells with tabs; rows with multi-line cells list each cell in turn.
fn format_row(cells: &[String]) -> String {
    let cells: Vec<&str> = cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    if cells.is_empty() {
        return String::new();
    }
    let separator = if cells.iter().any(|c| c.contains('\n')) {
        "\n"
    } else {
        "\t"
    };
    let mut row = cells.join(separator);
    row.push('\n');
    row
}

/// Returns the character of a `w:sym` element, unless it sits in a symbol font's private-use area.
fn symbol_char(element: &BytesStart<'_>) -> Option<char> {
    let attribute = element
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == b"char")?;
    let code = u32::from_str_radix(std::str::from_utf8(&attribute.value).ok()?, 16).ok()?;
    let ch = char::from_u32(code)?;
    (!('\u{e000}'..='\u{f8ff}').contains(&ch)).then_some(ch)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body_text(xml: &str) -> String {
        let mut reader = Reader::from_reader(xml.as_bytes());
        reader.config_mut().trim_text(false);
        walk(&mut reader, HashMap::new()).expect("valid XML")
    }

    #[test]
    fn runs_join_and_paragraphs_end_lines() {
        let xml = r#"<w:body><w:p><w:r><w:t>Data </w:t></w:r><w:r><w:t>Engineer</w:t></w:r></w:p><w:p><w:r><w:t>Go</w:t></w:r></w:p></w:body>"#;
        assert_eq!(body_text(xml), "Data Engineer\nGo\n");
    }

    #[test]
    fn deleted_revisions_and_field_codes_are_skipped() {
        let xml = r#"<w:p><w:ins><w:r><w:t>Kafka</w:t></w:r></w:ins><w:del><w:r><w:delText>Flink</w:delText></w:r></w:del><w:r><w:instrText>HYPERLINK "x"</w:instrText></w:r></w:p>"#;
        assert_eq!(body_text(xml), "Kafka\n");
    }

    #[test]
    fn tabs_breaks_and_entities_are_kept() {
        let xml = r#"<w:p><w:r><w:t>R&amp;D</w:t><w:tab/><w:t>2020</w:t><w:br/><w:t>next</w:t></w:r></w:p>"#;
        assert_eq!(body_text(xml), "R&D\t2020\nnext\n");
    }

    #[test]
    fn single_line_cells_join_with_tabs() {
        let xml = r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Acme</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2019</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#;
        assert_eq!(body_text(xml), "Acme\t2019\n");
    }

    #[test]
    fn fallback_copy_of_text_box_is_skipped() {
        let xml = r#"<w:p><w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>Box</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent><w:p><w:r><w:t>Box</w:t></w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>After</w:t></w:r></w:p>"#;
        assert_eq!(body_text(xml), "Box\nAfter\n");
    }
}
