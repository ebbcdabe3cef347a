//! Joins words that a PDF producer hyphenated at a line end.
//!
//! PDF text carries no soft-hyphen marker for most producers: a word split at a line end
//! arrives as `engi-` on one line and `neering` on the next. A line ending in a letter and
//! a hyphen, followed by a line starting with a lower-case letter, is read as one word
//! split in two, and the continuation moves up to the end of the first line. The hyphen is
//! dropped, unless either half already contains a hyphen (`end-to-` + `end`, `end-` +
//! `to-end`), which marks a compound whose hyphens are part of the word. A soft hyphen
//! (U+00AD) at a line end is always dropped.
//!
//! NOTE: a compound of two plain words split at its own hyphen (`well-` + `known`) loses
//! its hyphen, because telling it from a hyphenated word needs a dictionary.

/// Hyphen characters that may end a line inside a word.
const HYPHENS: [char; 3] = ['-', '\u{2010}', '\u{ad}'];

/// Joins hyphenated line-end words in the text of one page.
pub(super) fn join_hyphenated(text: &str) -> String {
    let mut lines: Vec<Option<String>> = text.split('\n').map(|l| Some(l.to_string())).collect();
    for index in 0..lines.len().saturating_sub(1) {
        let (Some(line), Some(next)) = (&lines[index], &lines[index + 1]) else {
            continue;
        };
        let Some(prefix) = split_word_prefix(line) else {
            continue;
        };
        let next = next.trim_start();
        let continuation_end = next.find(char::is_whitespace).unwrap_or(next.len());
        let continuation = &next[..continuation_end];
        if !continuation.chars().next().is_some_and(char::is_lowercase) {
            continue;
        }
        let soft = line.ends_with('\u{ad}');
        let keeps_hyphen = !soft && (prefix.contains('-') || continuation.contains('-'));
        let mut joined = line.clone();
        if !keeps_hyphen {
            joined.pop();
        }
        joined.push_str(continuation);
        let rest = next[continuation_end..].trim_start();
        // A line emptied by the join disappears with its line break.
        lines[index + 1] = (!rest.is_empty()).then(|| rest.to_string());
        lines[index] = Some(joined);
    }
    let joined_lines: Vec<String> = lines.into_iter().flatten().collect();
    joined_lines.join("\n")
}

/// Returns the last word of a line, without its hyphen, when the line ends in `letter-`.
fn split_word_prefix(line: &str) -> Option<&str> {
    let without_hyphen = line.strip_suffix(HYPHENS)?;
    let last = without_hyphen.chars().next_back()?;
    if !last.is_alphabetic() {
        return None;
    }
    let start = without_hyphen
        .rfind(char::is_whitespace)
        .map_or(0, |i| i + 1);
    Some(&without_hyphen[start..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_word_is_joined() {
        assert_eq!(
            join_hyphenated("software engi-\nneering team"),
            "software engineering\nteam"
        );
    }

    #[test]
    fn continuation_alone_on_its_line_removes_the_line() {
        assert_eq!(
            join_hyphenated("data engi-\nneering\nSKILLS"),
            "data engineering\nSKILLS"
        );
    }

    #[test]
    fn compound_keeps_its_hyphens() {
        assert_eq!(
            join_hyphenated("built end-\nto-end tests"),
            "built end-to-end\ntests"
        );
        assert_eq!(join_hyphenated("state-of-\nthe art"), "state-of-the\nart");
    }

    #[test]
    fn upper_case_or_digit_continuation_is_left_alone() {
        assert_eq!(join_hyphenated("Python-\nGo"), "Python-\nGo");
        assert_eq!(join_hyphenated("2019-\n2021"), "2019-\n2021");
    }

    #[test]
    fn spaced_dash_and_bullet_dash_are_left_alone() {
        assert_eq!(join_hyphenated("Skills -\nrust"), "Skills -\nrust");
        assert_eq!(join_hyphenated("-\nitem"), "-\nitem");
    }

    #[test]
    fn soft_hyphen_is_always_dropped() {
        assert_eq!(join_hyphenated("micro\u{ad}\nservices"), "microservices");
    }
}
