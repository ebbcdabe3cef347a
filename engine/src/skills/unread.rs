//! Requirement items that name no skill of the taxonomy ("Wetland delineation" under
//! "Requirements"). They cannot be scored, so the job carries a warning that quotes them.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::job_facts::names_education;
use super::requirements::{Heading, heading_at, is_list_item};

/// Most items quoted in the warning.
const QUOTED_ITEMS: usize = 3;

/// Most words of an item that reads like the name of a skill rather than a sentence.
const NAME_WORDS: usize = 5;

/// Most characters of an item quoted in the warning.
const QUOTED_CHARS: usize = 60;

/// Words of an item about the terms of the job rather than a skill: its experience, years or
/// degree ("Two decades of experience", "No degree required", "Entry level").
static STATES_TERMS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:experience|years?|decades?|degree|diploma|entry[- ]level|required|necessary|needed)\b")
        .expect("the terms pattern is valid")
});

/// Returns a warning that quotes the list items under requirement or preference headings that
/// read like skill names but contain no match in `matched` (sorted by start), or `None` when
/// there are none. An item reads like a skill name when it has a few words, no digits, no full
/// stop, no level of education and no words about experience or the job's terms.
pub(super) fn unread_items_warning(
    text: &str,
    headings: &[(usize, Heading)],
    matched: &[Range<usize>],
) -> Option<String> {
    let mut items = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let span = offset..offset + line.len();
        offset += line.len();

        let trimmed = line.trim();
        if !is_list_item(trimmed) || !matches!(heading_at(headings, span.start), Heading::Cue(_)) {
            continue;
        }
        let item = without_marker(trimmed);
        let reads_as_name = (1..=NAME_WORDS).contains(&item.split_whitespace().count())
            && !item.contains(|c: char| c.is_ascii_digit())
            && !item.ends_with('.')
            && !names_education(item)
            && !STATES_TERMS.is_match(item);
        let has_match = overlaps_any(matched, &span);
        if reads_as_name && !has_match {
            items.push(item);
        }
    }
    if items.is_empty() {
        return None;
    }

    let quoted: Vec<String> = items
        .iter()
        .take(QUOTED_ITEMS)
        .map(|item| format!("{:?}", item.chars().take(QUOTED_CHARS).collect::<String>()))
        .collect();
    let more = items.len().saturating_sub(QUOTED_ITEMS);
    let tail = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    Some(format!(
        "{} requirement item(s) name no skill in the taxonomy and are not scored: {}{tail}",
        items.len(),
        quoted.join(", ")
    ))
}

/// Checks whether any of `matched`, sorted by start, overlaps `span`. A binary search keeps
/// a long job with many list items and matches linear rather than quadratic.
fn overlaps_any(matched: &[Range<usize>], span: &Range<usize>) -> bool {
    let first_inside = matched.partition_point(|m| m.start < span.start);
    let inside = matched
        .get(first_inside)
        .is_some_and(|m| m.start < span.end);
    let from_before = first_inside
        .checked_sub(1)
        .and_then(|i| matched.get(i))
        .is_some_and(|m| m.end > span.start);
    inside || from_before
}

/// Returns a list item without its bullet ("- ", "• ") or number ("2. ", "3) ").
fn without_marker(item: &str) -> &str {
    let unbulleted = item
        .trim_start_matches(|c: char| !c.is_alphanumeric() && !c.is_whitespace())
        .trim_start();
    let digits = unbulleted.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && unbulleted[digits..].starts_with(['.', ')']) {
        unbulleted[digits + 1..].trim()
    } else {
        unbulleted
    }
}

#[cfg(test)]
mod tests {
    use crate::skills::{Gazetteer, parse_job};

    #[test]
    fn unknown_items_are_quoted() {
        let text = "Field Ecologist\nRequirements\n- Wetland delineation\n- Pipetting\n- GIS\n\
                    - Bachelor's degree in Biology\n- High school diploma or GED\n- MSME\n\
                    - 3+ years of field work\n\
                    - Comfortable working outdoors in all weather conditions.\n\
                    - Two decades of experience\n- No degree required\n- Entry level\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        let warning = parsed
            .warnings
            .iter()
            .find(|w| w.contains("not scored"))
            .expect("a warning for the unknown items");
        assert!(warning.starts_with("2 requirement item(s)"), "{warning}");
        assert!(warning.contains("\"Wetland delineation\""), "{warning}");
        assert!(warning.contains("\"Pipetting\""), "{warning}");
        assert!(!warning.contains("GIS"), "{warning}");
    }

    #[test]
    fn overlap_search_finds_neighbours() {
        let matched = [2..5, 10..14, 20..30];
        assert!(super::overlaps_any(&matched, &(11..12)));
        assert!(super::overlaps_any(&matched, &(25..40)));
        assert!(super::overlaps_any(&matched, &(0..3)));
        assert!(!super::overlaps_any(&matched, &(5..10)));
        assert!(!super::overlaps_any(&matched, &(30..35)));
    }

    #[test]
    fn known_items_give_no_warning() {
        let text = "Data Analyst\nRequirements\n- SQL\n- Tableau\nAbout us\n- Free snacks\n";
        let parsed = parse_job(text, Gazetteer::builtin());
        assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    }
}
