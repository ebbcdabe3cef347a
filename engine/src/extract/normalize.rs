//! Final clean-up shared by every reader: NFC, ligature expansion, full-width ASCII forms and
//! invisible characters.

use std::borrow::Cow;

use encoding_rs::WINDOWS_1252;
use unicode_normalization::UnicodeNormalization;

/// Cleans extracted text.
///
/// Repairs UTF-8 text that was once read as Windows-1252 ("â€“" for "–", "Ã©" for "é"),
/// expands the Latin ligatures U+FB00–U+FB06 to letters, maps full-width ASCII forms to ASCII,
/// drops NUL, U+FFFD, soft hyphens, zero-width characters and other control characters
/// (keeping tab, `\n` and the `\x0c` page separator), removes spaces
/// at line ends, keeps at most one empty line in a row and applies Unicode NFC.
pub(crate) fn clean(raw: &str) -> String {
    let raw = &undo_mojibake(raw);
    let mut expanded = String::with_capacity(raw.len());
    for ch in raw.chars() {
        match ligature_letters(ch) {
            Some(letters) => expanded.push_str(letters),
            None if keeps(ch) => expanded.push(narrow(ch)),
            None => {}
        }
    }
    let mut out = String::with_capacity(expanded.len());
    let mut blank_run = 0;
    for (index, line) in expanded.split('\n').enumerate() {
        let line = line.trim_end_matches([' ', '\t', '\u{a0}']);
        if line.is_empty() {
            blank_run += 1;
            if blank_run > 1 {
                continue;
            }
        } else {
            blank_run = 0;
        }
        if index > 0 {
            out.push('\n');
        }
        out.push_str(line);
    }
    out.trim_matches('\n').nfc().collect()
}

/// Returns `text` with each run of characters that Windows-1252 writes as bytes 0x80–0xFF
/// decoded again as UTF-8 where those bytes are valid UTF-8. A résumé saved as UTF-8, read as
/// Windows-1252 and saved again shows "â€“" for a dash and "Ã©" for "é"; the repair gives
/// them back. A lone "é" or "“" is no valid UTF-8 byte sequence and stays.
fn undo_mojibake(text: &str) -> Cow<'_, str> {
    // Every garbled sequence opens with the Windows-1252 form of a UTF-8 lead byte, "Â" to "ô".
    if !text.chars().any(|c| ('\u{c2}'..='\u{f4}').contains(&c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    for ch in text.chars() {
        if high_windows_1252(ch) {
            run.push(ch);
            continue;
        }
        push_repaired(&mut out, &run);
        run.clear();
        out.push(ch);
    }
    push_repaired(&mut out, &run);
    Cow::Owned(out)
}

/// Checks whether Windows-1252 writes `ch` as one byte from 0x80 to 0xFF.
fn high_windows_1252(ch: char) -> bool {
    if ch.is_ascii() {
        return false;
    }
    let mut buffer = [0u8; 4];
    let (bytes, _, unmappable) = WINDOWS_1252.encode(ch.encode_utf8(&mut buffer));
    !unmappable && bytes.len() == 1
}

/// Appends `run`, with each part whose Windows-1252 bytes form valid UTF-8 decoded from them.
fn push_repaired(out: &mut String, run: &str) {
    if run.is_empty() {
        return;
    }
    let (bytes, _, _) = WINDOWS_1252.encode(run);
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        let (kept, _) = WINDOWS_1252.decode_without_bom_handling(chunk.invalid());
        out.push_str(&kept);
    }
}

/// Returns `text` with each `\x0c` page separator replaced by a line break, so a line that
/// runs across a page break ("John Doe – 1/2\x0cProjects") is read as two lines. Both are one
/// byte, so offsets into the result are offsets into `text`.
pub fn page_breaks_as_lines(text: &str) -> Cow<'_, str> {
    if text.contains('\x0c') {
        Cow::Owned(text.replace('\x0c', "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

fn keeps(ch: char) -> bool {
    match ch {
        '\t' | '\n' | '\x0c' => true,
        // Replacement character, byte order mark, soft hyphen and zero-width characters: none
        // is visible, and inside a word they split it ("Kuber\u{200b}netes").
        '\u{fffd}' | '\u{feff}' | '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' => false,
        c => !c.is_control(),
    }
}

/// Maps a full-width ASCII form (U+FF01–U+FF5E, as in "Ｐｙｔｈｏｎ" or "C＃") to its ASCII
/// character, as Unicode's compatibility decomposition does, and leaves other characters alone.
fn narrow(ch: char) -> char {
    match ch {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(ch as u32 - 0xfee0).unwrap_or(ch),
        _ => ch,
    }
}

/// Letters of a Latin ligature code point (U+FB00–U+FB06).
pub(crate) fn ligature_letters(ch: char) -> Option<&'static str> {
    Some(match ch {
        '\u{fb00}' => "ff",
        '\u{fb01}' => "fi",
        '\u{fb02}' => "fl",
        '\u{fb03}' => "ffi",
        '\u{fb04}' => "ffl",
        '\u{fb05}' | '\u{fb06}' => "st",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ligatures_become_letters() {
        assert_eq!(
            clean("\u{fb01}nance \u{fb02}ow o\u{fb03}ce"),
            "finance flow office"
        );
    }

    #[test]
    fn invisible_characters_and_full_width_forms_are_cleaned() {
        assert_eq!(
            clean("Kuber\u{200b}netes, Py\u{ad}thon"),
            "Kubernetes, Python"
        );
        assert_eq!(
            clean("\u{ff30}\u{ff59}\u{ff54}\u{ff48}\u{ff4f}\u{ff4e}, C\u{ff03}"),
            "Python, C#"
        );
        assert_eq!(clean("東京 (Tokyo)"), "東京 (Tokyo)");
    }

    #[test]
    fn garbled_utf8_is_repaired() {
        assert_eq!(
            clean("Executive Chef | Company Name â€“ City"),
            "Executive Chef | Company Name – City"
        );
        assert_eq!(
            clean("Ren\u{e9}e\u{2019}s cafÃ© â€œmenusâ€\u{9d}"),
            "Renée’s café “menus”"
        );
        assert_eq!(clean("café “Le Bœuf” – 5 € ±2"), "café “Le Bœuf” – 5 € ±2");
    }

    #[test]
    fn nul_and_replacement_characters_are_dropped() {
        assert_eq!(clean("Go\0lang\u{fffd}"), "Golang");
    }

    #[test]
    fn decomposed_accents_are_composed() {
        assert_eq!(clean("Re\u{301}sume\u{301}"), "Résumé");
    }

    #[test]
    fn blank_line_runs_collapse_to_one() {
        assert_eq!(clean("a  \n\n\n\nb\x0cc"), "a\n\nb\x0cc");
    }
}
