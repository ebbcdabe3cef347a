//! Skills named inside coordinated phrases, where two skills share a word that the text writes
//! once: "commercial and residential wiring" names `commercial wiring`, and "accounts payable
//! and receivable" names `accounts receivable`.
//!
//! The coordinators are `and`, `or`, `&` and `/`. A shared tail is tried for the single word
//! before the coordinator ("commercial" + "wiring", skipping up to one modifier after the
//! coordinator, as in "commercial and light industrial wiring"). A shared head is tried for
//! the words after the coordinator ("accounts" + "receivable"). A rebuilt phrase counts only
//! when it and the conjunct written in full are both taxonomy surfaces that need no context,
//! and only when the words it is credited to are not already part of another match.

use std::collections::HashMap;
use std::ops::Range;

/// A word of the text: its byte range and its lower-case form.
struct Word {
    range: Range<usize>,
    lower: String,
}

/// A skill found through a coordinated phrase: byte range of the words it is credited to
/// and the index of the skill in the gazetteer's skill table.
#[derive(Debug)]
pub(crate) struct Coordinated {
    pub(crate) range: Range<usize>,
    pub(crate) skill: usize,
}

/// Words that may follow the right conjunct of a shared head without continuing its noun
/// phrase ("accounts payable and receivable for 40 clients").
const FUNCTION_WORDS: &[&str] = &[
    "across", "and", "as", "at", "by", "during", "for", "from", "in", "into", "of", "on", "or",
    "per", "since", "through", "to", "under", "using", "via", "while", "with",
];

/// Largest number of words read after a coordinator.
const RIGHT_WORDS: usize = 4;

/// Finds skills named through coordination in `text`. `plain` maps every lower-case surface
/// that needs no context (hyphens written as spaces) to its skill index, and `matched` lists
/// the byte ranges of matches already found, which rebuilt phrases may not overlap.
pub(crate) fn coordinated(
    text: &str,
    plain: &HashMap<String, usize>,
    matched: &[Range<usize>],
) -> Vec<Coordinated> {
    let words = words(text);
    let mut found: Vec<Coordinated> = Vec::new();
    for index in 0..words.len() {
        let Some(right) = coordinator_end(text, &words, index) else {
            continue;
        };
        let phrase = joined_run(text, &words, right, RIGHT_WORDS);
        let candidates = shared_tail(&words, index, &phrase, plain)
            .into_iter()
            .chain(shared_head(text, &words, index, &phrase, plain));
        for candidate in candidates {
            let free = !matched.iter().any(|t| overlaps(t, &candidate.range))
                && !found.iter().any(|f| overlaps(&f.range, &candidate.range));
            if free {
                found.push(candidate);
            }
        }
    }
    found
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Splits `text` into runs of letters and digits.
fn words(text: &str) -> Vec<Word> {
    let mut words = Vec::new();
    let mut start = None;
    for (offset, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (start, c.is_alphanumeric()) {
            (None, true) => start = Some(offset),
            (Some(begin), false) => {
                let range = begin..offset;
                let lower = text[range.clone()].to_lowercase();
                words.push(Word { range, lower });
                start = None;
            }
            _ => {}
        }
    }
    words
}

/// Checks whether the bytes between two words are a single space or hyphen, so the words
/// belong to one phrase.
fn plain_gap(text: &str, left: &Word, right: &Word) -> bool {
    matches!(&text[left.range.end..right.range.start], " " | "-")
}

/// Returns the index of the first word after a coordinator that follows word `index`:
/// "X and Y", "X or Y", "X & Y", "X/Y".
fn coordinator_end(text: &str, words: &[Word], index: usize) -> Option<usize> {
    let word = &words[index];
    let next = words.get(index + 1)?;
    let gap = &text[word.range.end..next.range.start];
    if matches!(gap.trim_matches(' '), "&" | "/") && !gap.contains("  ") {
        return Some(index + 1);
    }
    let after = words.get(index + 2)?;
    let spoken = matches!(next.lower.as_str(), "and" | "or");
    (spoken && gap == " " && plain_gap(text, next, after)).then_some(index + 2)
}

/// Returns the indices of up to `limit` words from `first` on, joined by plain gaps.
fn joined_run(text: &str, words: &[Word], first: usize, limit: usize) -> Vec<usize> {
    let mut run = vec![first];
    while run.len() < limit {
        let last = run[run.len() - 1];
        match words.get(last + 1) {
            Some(next) if plain_gap(text, &words[last], next) => run.push(last + 1),
            _ => break,
        }
    }
    run
}

/// Joins the lower-case forms of `words[indices]` with spaces.
fn phrase_text(words: &[Word], indices: &[usize]) -> String {
    let parts: Vec<&str> = indices.iter().map(|&i| words[i].lower.as_str()).collect();
    parts.join(" ")
}

/// Rebuilds "left ... tail" phrases ("commercial" and "residential wiring" give "commercial
/// wiring"), credited to the left word. At least the first word after the coordinator and at
/// most two are skipped; the longest surface wins. The other conjunct ("residential wiring",
/// or "industrial wiring" in "light industrial wiring") must be a surface too, or name a skill
/// before the tail ("gRPC" in "REST or gRPC APIs").
fn shared_tail(
    words: &[Word],
    index: usize,
    phrase: &[usize],
    plain: &HashMap<String, usize>,
) -> Option<Coordinated> {
    let left = &words[index];
    for length in (1..phrase.len()).rev() {
        for skipped in 1..=2 {
            let Some(tail) = phrase.get(skipped..skipped + length) else {
                continue;
            };
            let candidate = format!("{} {}", left.lower, phrase_text(words, tail));
            let end = skipped + length;
            let parallel = (0..skipped).any(|first| {
                plain.contains_key(&phrase_text(words, &phrase[first..end]))
                    || plain.contains_key(&phrase_text(words, &phrase[first..skipped]))
            });
            if let Some(&skill) = plain.get(&candidate).filter(|_| parallel) {
                let range = left.range.clone();
                return Some(Coordinated { range, skill });
            }
        }
    }
    None
}

/// Rebuilds "head ... right" phrases ("accounts payable" and "receivable" give "accounts
/// receivable"), credited to the right words. The head is the word before the coordinator's
/// left word, and one or two words after the coordinator follow it; the longest surface wins.
/// The left conjunct ("accounts payable") must be a surface too.
fn shared_head(
    text: &str,
    words: &[Word],
    index: usize,
    phrase: &[usize],
    plain: &HashMap<String, usize>,
) -> Option<Coordinated> {
    let head = words.get(index.checked_sub(1)?)?;
    let left = format!("{} {}", head.lower, words[index].lower);
    if !plain_gap(text, head, &words[index]) || !plain.contains_key(&left) {
        return None;
    }
    for length in (1..=phrase.len().min(2)).rev() {
        let right = &phrase[..length];
        // "hydraulic manifolds and cylinder mounts": a noun after the right words makes them
        // modify it, so they end no conjunct of their own.
        let modifies_next = phrase
            .get(length)
            .is_some_and(|&next| !FUNCTION_WORDS.contains(&words[next].lower.as_str()));
        let candidate = format!("{} {}", head.lower, phrase_text(words, right));
        if let Some(&skill) = plain.get(&candidate).filter(|_| !modifies_next) {
            let range = words[right[0]].range.start..words[right[length - 1]].range.end;
            return Some(Coordinated { range, skill });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain() -> HashMap<String, usize> {
        let surfaces = [
            "commercial wiring",
            "residential wiring",
            "accounts payable",
            "accounts receivable",
            "microsoft excel",
            "industrial wiring",
            "microsoft word",
            "sales reporting",
            "rest apis",
            "grpc",
        ];
        surfaces
            .iter()
            .enumerate()
            .map(|(index, surface)| (surface.to_string(), index))
            .collect()
    }

    fn found(text: &str, matched: Option<Range<usize>>) -> Vec<(String, usize)> {
        let matched: Vec<Range<usize>> = matched.into_iter().collect();
        coordinated(text, &plain(), &matched)
            .into_iter()
            .map(|c| (text[c.range].to_string(), c.skill))
            .collect()
    }

    #[test]
    fn shared_tail_credits_the_left_word() {
        let text = "Commercial and residential wiring";
        assert_eq!(
            found(text, Some(15..33)),
            vec![("Commercial".to_string(), 0)]
        );
    }

    #[test]
    fn shared_tail_needs_a_parallel_conjunct() {
        assert!(found("Sales and inventory reporting", None).is_empty());
    }

    #[test]
    fn shared_tail_accepts_skill_conjunct() {
        let text = "Experience designing REST or gRPC APIs";
        assert_eq!(found(text, Some(29..33)), vec![("REST".to_string(), 8)]);
    }

    #[test]
    fn shared_tail_skips_one_modifier() {
        let text = "Commercial and light industrial wiring";
        assert_eq!(found(text, None), vec![("Commercial".to_string(), 0)]);
    }

    #[test]
    fn shared_head_credits_the_right_word() {
        let text = "Accounts payable and receivable";
        assert_eq!(
            found(text, Some(0..16)),
            vec![("receivable".to_string(), 3)]
        );
        assert!(found("Accounts clerk and receivable", None).is_empty());
        let text = "Microsoft Word / Excel";
        assert_eq!(found(text, None), vec![("Excel".to_string(), 4)]);
    }

    #[test]
    fn shared_head_ends_before_a_noun() {
        assert!(found("Accounts payable and receivable clerks", None).is_empty());
        let text = "Accounts payable and receivable for 40 clients";
        assert_eq!(found(text, None), vec![("receivable".to_string(), 3)]);
    }

    #[test]
    fn taken_words_are_not_credited_twice() {
        let text = "Commercial and residential wiring";
        assert!(found(text, Some(0..10)).is_empty());
    }

    #[test]
    fn words_across_punctuation_are_not_joined() {
        assert!(found("Commercial. And residential wiring", None).is_empty());
        assert!(found("Accounts payable and, receivable", None).is_empty());
        assert!(found("Commercial and residential, wiring", None).is_empty());
    }
}
