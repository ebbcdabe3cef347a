//! Approximate glyph widths for the standard 14 fonts, used when a font has no `Widths`.

use std::collections::HashMap;

/// Helvetica advance widths of ASCII 32–126, in thousandths of the font size.
const HELVETICA_ASCII: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278,
    278, // ' '..'/'
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // '0'..'9'
    278, 278, 584, 584, 584, 556, 1015, // ':'..'@'
    667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, // 'A'..'M'
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // 'N'..'Z'
    278, 278, 278, 469, 556, 333, // '['..'`'
    556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, // 'a'..'m'
    556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, // 'n'..'z'
    334, 260, 334, 584, // '{'..'~'
];

/// Helvetica advance width of a character, in thousandths of the font size.
///
/// Characters outside ASCII get the width of a typical lower-case letter, except a few
/// punctuation marks common in resumes.
pub(crate) fn helvetica_width(ch: char) -> u16 {
    match ch {
        ' '..='~' => HELVETICA_ASCII[ch as usize - 32],
        '•' => 350,
        '–' => 556,
        '—' => 1000,
        '‘' | '’' => 222,
        '“' | '”' => 333,
        '·' => 278,
        _ => 556,
    }
}

/// Widths of the codes of a standard 14 font, from its name and the text of each code.
///
/// NOTE: Courier is exact (fixed pitch); Helvetica widths serve for every other font
/// without a `Widths` array, which is close for sans fonts and a little wide for Times.
pub(super) fn standard_widths(base_font: &[u8], texts: &[Option<String>]) -> HashMap<u32, f32> {
    let name = String::from_utf8_lossy(base_font);
    let fixed_pitch = name.contains("Courier");
    let times = name.contains("Times");
    texts
        .iter()
        .enumerate()
        .filter_map(|(code, text)| {
            let ch = text.as_deref()?.chars().next()?;
            let width = if fixed_pitch {
                600.0
            } else if times {
                f32::from(helvetica_width(ch)) * 0.9
            } else {
                f32::from(helvetica_width(ch))
            };
            Some((code as u32, width))
        })
        .collect()
}
