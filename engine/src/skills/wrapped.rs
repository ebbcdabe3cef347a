//! List items that a posting wraps over several lines:
//!
//! ```text
//! - A bachelor's degree in economics,
//! statistics or a related field, or
//! equivalent experience
//! ```
//!
//! Cues, fields of study, alternatives and equivalence are read within a line, so a wrapped
//! item is joined into one line first. A line continues the item above when that item breaks
//! off at a comma or a joining word ("or", "and", "with"), or when it opens in lower case. A
//! bullet, a blank line or a sentence end stops the item. Each line break becomes a space, so
//! every byte keeps its offset.

use std::borrow::Cow;

/// Words that leave an item unfinished at the end of its line.
const JOINING_WORDS: &[&str] = &[
    "or",
    "and",
    "with",
    "of",
    "in",
    "using",
    "like",
    "including",
    "the",
    "a",
    "an",
    "to",
    "for",
];

/// Characters that open a list item.
const BULLETS: &[char] = &['-', '*', '•', '·', '–', '—', '▪', '◦'];

/// Returns `text` with the line breaks inside wrapped list items turned into spaces, or `text`
/// itself when no item wraps.
pub(crate) fn join_wrapped_items(text: &str) -> Cow<'_, str> {
    let mut joins = Vec::new();
    let mut in_item = false;
    let mut offset = 0;
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    for (index, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        let bullet = trimmed.starts_with(BULLETS);
        in_item = !trimmed.is_empty() && (bullet || in_item);
        offset += line.len();
        let Some(next) = lines.get(index + 1).map(|next| next.trim()) else {
            break;
        };
        if !in_item || !line.ends_with('\n') || next.is_empty() || next.starts_with(BULLETS) {
            continue;
        }
        let last_word = trimmed
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or_default()
            .to_lowercase();
        let open = trimmed.ends_with(',') || JOINING_WORDS.contains(&last_word.as_str());
        let lower_next = next.starts_with(char::is_lowercase);
        let ended = trimmed.ends_with(['.', ';', ':', '!', '?']);
        if !ended && (open || lower_next) {
            joins.push(offset - 1);
            if line.ends_with("\r\n") {
                joins.push(offset - 2);
            }
        } else {
            in_item = false;
        }
    }
    if joins.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    for at in joins {
        bytes[at] = b' ';
    }
    Cow::Owned(String::from_utf8(bytes).expect("a line break replaced by a space keeps UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_items_become_one_line() {
        let text = "Requirements\n- A bachelor's degree in economics,\nstatistics or a related \
                    field, or\nequivalent experience\n- Python\n";
        assert_eq!(
            join_wrapped_items(text),
            "Requirements\n- A bachelor's degree in economics, statistics or a related field, \
             or equivalent experience\n- Python\n"
        );
    }

    #[test]
    fn finished_items_and_headings_stay_apart() {
        let text = "Requirements\n- Python.\nNice to have\n- Go\n\nAbout us\nWe build.\n";
        assert!(matches!(join_wrapped_items(text), Cow::Borrowed(_)));
        let text = "- Orchestrating pipelines with\nAirflow or\nDagster\nBenefits\n";
        assert_eq!(
            join_wrapped_items(text),
            "- Orchestrating pipelines with Airflow or Dagster\nBenefits\n"
        );
    }
}
