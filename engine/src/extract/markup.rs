//! HTML markup pasted into a job description: list items, paragraphs and line breaks become
//! lines, other tags are dropped and the common character references are decoded, so
//! "<ul><li>Go</li><li>Ansible</li></ul>" reads as two list items. Table rows become lines and
//! their cells are separated by tabs.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::{Captures, Regex};

/// A tag that shows the text is HTML: a list, a list item, a paragraph, a line break, a block
/// or a heading.
static BLOCK_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)</?(?:ul|ol|li|p|br|div|h[1-6]|table|tr)\b[^<>]*>")
        .expect("the block tag pattern is valid")
});

/// A closing tag that ends a paragraph, a list or a block, which leaves a blank line.
static BLOCK_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)</(?:ul|ol|p|div|h[1-6]|table)\s*>").expect("the block end pattern is valid")
});

/// A closing list item or table row tag, which the next item's or row's line break already
/// ends.
static ITEM_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)</(?:li|tr)\s*>").expect("the item end pattern is valid"));

/// An opening list item tag.
static ITEM_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)<li\b[^<>]*>").expect("the item tag pattern is valid"));

/// The end of a table cell, which becomes a tab so the cells of a row stay apart.
static CELL_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)</t[dh]\s*>").expect("the cell end pattern is valid"));

/// Any other tag, such as `<strong>` or `<span class="x">`.
static ANY_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"</?[A-Za-z][A-Za-z0-9]*\b[^<>]*>").expect("the tag pattern is valid")
});

/// A named or numeric character reference.
static REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"&(?:#(?P<dec>\d{1,7})|#[xX](?P<hex>[0-9A-Fa-f]{1,6})|(?P<name>amp|lt|gt|quot|apos|nbsp|ndash|mdash|bull|rsquo|lsquo|rdquo|ldquo));")
        .expect("the reference pattern is valid")
});

/// Returns `text` with HTML markup turned into plain lines, or `text` itself when it contains
/// no block tag.
pub fn markup_as_lines(text: &str) -> Cow<'_, str> {
    if !BLOCK_TAG.is_match(text) {
        return Cow::Borrowed(text);
    }

    let items = ITEM_TAG.replace_all(text, "\n- ");
    let item_ends = ITEM_END.replace_all(&items, "");
    let paragraphs = BLOCK_END.replace_all(&item_ends, "\n\n");
    let blocks = BLOCK_TAG.replace_all(&paragraphs, "\n");
    let cells = CELL_END.replace_all(&blocks, "\t");
    let plain = ANY_TAG.replace_all(&cells, "");
    let decoded = REFERENCE.replace_all(&plain, decode);

    let lines: Vec<&str> = decoded.lines().map(str::trim_end).collect();
    let mut out = String::with_capacity(decoded.len());
    let mut blank_before = true;
    for line in lines {
        let blank = line.trim().is_empty();
        if blank && blank_before {
            continue;
        }
        out.push_str(line);
        out.push('\n');
        blank_before = blank;
    }
    Cow::Owned(out)
}

/// Returns the character a reference stands for, or the reference itself when the number is
/// not a character.
fn decode(caps: &Captures<'_>) -> String {
    let number = caps
        .name("dec")
        .and_then(|m| m.as_str().parse::<u32>().ok())
        .or_else(|| {
            caps.name("hex")
                .and_then(|m| u32::from_str_radix(m.as_str(), 16).ok())
        });
    if let Some(number) = number {
        return char::from_u32(number).map_or_else(|| caps[0].to_string(), String::from);
    }
    let named = match caps.name("name").map(|m| m.as_str()) {
        Some("amp") => "&",
        Some("lt") => "<",
        Some("gt") => ">",
        Some("quot") => "\"",
        Some("apos") | Some("rsquo") | Some("lsquo") => "'",
        Some("nbsp") => " ",
        Some("ndash") => "–",
        Some("mdash") => "—",
        Some("bull") => "•",
        Some("rdquo") | Some("ldquo") => "\"",
        _ => return caps[0].to_string(),
    };
    named.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_items_become_lines() {
        let text = "Nice to have\n<ul><li>Go</li><li>Ansible &amp; Terraform</li></ul>";
        assert_eq!(
            markup_as_lines(text),
            "Nice to have\n\n- Go\n- Ansible & Terraform\n\n"
        );
    }

    #[test]
    fn paragraphs_and_breaks_become_lines() {
        let text = "<p><strong>Requirements</strong></p><p>SQL<br/>Tableau&#8217;s API</p>";
        assert_eq!(
            markup_as_lines(text),
            "Requirements\n\nSQL\nTableau’s API\n\n"
        );
    }

    #[test]
    fn table_cells_stay_apart() {
        let text = "<table><tr><th>Skill</th><th>Required?</th></tr>\
                    <tr><td>Python</td><td>Yes</td></tr></table>";
        assert_eq!(markup_as_lines(text), "Skill\tRequired?\nPython\tYes\n\n");
    }

    #[test]
    fn plain_text_is_kept() {
        let text = "Use <angle> brackets & AT&T; 3 < 5";
        assert!(matches!(markup_as_lines(text), Cow::Borrowed(_)));
    }
}
