//! Logical order for right-to-left lines.
//!
//! PDF content draws glyphs in visual order, left to right, so a line of Arabic or Hebrew
//! comes out of the layout reversed. A line whose strong characters are mostly
//! right-to-left is reversed, and the runs of other non-space characters in it (Latin
//! words, numbers) are put back in their left-to-right order.
//!
//! NOTE: this is a simplification of the Unicode bidirectional algorithm: brackets are not
//! mirrored, and a right-to-left phrase inside a mostly left-to-right line stays in visual
//! order.

/// Puts every mostly right-to-left line of `text` into logical order.
pub(super) fn logical_order(text: &str) -> String {
    if !text.chars().any(is_rtl) {
        return text.to_string();
    }
    let lines: Vec<String> = text.split('\n').map(logical_line).collect();
    lines.join("\n")
}

fn logical_line(line: &str) -> String {
    let rtl = line.chars().filter(|&c| is_rtl(c)).count();
    let ltr = line
        .chars()
        .filter(|&c| c.is_alphanumeric() && !is_rtl(c))
        .count();
    if rtl <= ltr {
        return line.to_string();
    }
    let reversed: Vec<char> = line.chars().rev().collect();
    let mut out = String::with_capacity(line.len());
    let mut run: Vec<char> = Vec::new();
    for ch in reversed {
        if is_rtl(ch) || ch.is_whitespace() {
            out.extend(run.drain(..).rev());
            out.push(ch);
        } else {
            run.push(ch);
        }
    }
    out.extend(run.drain(..).rev());
    out
}

/// Returns whether a character belongs to a right-to-left script block (Hebrew, Arabic,
/// Syriac, Thaana, NKo and their presentation forms).
fn is_rtl(ch: char) -> bool {
    matches!(ch, '\u{0590}'..='\u{08ff}' | '\u{fb1d}'..='\u{fdff}' | '\u{fe70}'..='\u{feff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_line_is_reversed() {
        assert_eq!(logical_order("ملاعلاب ابحرم"), "مرحبا بالعالم");
    }

    #[test]
    fn latin_word_inside_hebrew_keeps_its_order() {
        // Visual order: "Python" sits left of the Hebrew words that follow it logically.
        assert_eq!(logical_order("Python םע הדובע"), "עבודה עם Python");
    }

    #[test]
    fn left_to_right_lines_are_unchanged() {
        assert_eq!(
            logical_order("Arabic:\nHello World"),
            "Arabic:\nHello World"
        );
    }
}
