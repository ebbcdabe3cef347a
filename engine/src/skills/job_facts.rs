//! Facts of a job description besides skills: the minimum years of experience and the
//! minimum education level it requires.

use std::sync::LazyLock;

use regex::Regex;

use super::requirements::{Heading, PREFERRED_MAX, heading_at, sentence_importance};

/// "3+ years", "at least 3 years", "3-5 years", "five or more years", "1+ year".
static YEARS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen)(?:\.\d)?\s*(?:\+|plus)?(?:\s*(?:-|–|—|to)\s*\d{1,2})?\s*\+?\s*(?:or more\s+)?(?:years?|yrs?)\b(?P<tail>[\s-]*old)?",
    )
    .expect("the years pattern is a fixed, valid regular expression")
});

/// Education levels from the lowest up, with the patterns that name them in a job text.
const LEVELS: &[(&str, &str)] = &[
    ("high school", r"(?i:high[- ]school)|GED\b"),
    (
        "certificate",
        r"(?i:(?:technical|vocational|trade)(?: school)? (?:certificate|diploma|program))",
    ),
    (
        "associate",
        r"(?i:associate(?:'s|’s)?(?: degree| of| or|,|/))|\bADN\b|\bA\.A\.S?\.",
    ),
    (
        "bachelor",
        r"(?i:bachelor(?:'s|’s)?|baccalaureate|four-year degree|4-year degree)|\bBSN\b|\bBSc\b|\bB\.[AS]\.|\bBS(?:/BA)?\b|\bBA\b|\bBSME\b|\bBSEE\b",
    ),
    (
        "master",
        r"(?i:master(?:'s|’s)?(?: degree| of| in)|graduate degree)|\bMBA\b|\bMSN\b|\bM\.S\.|\bMS\b|\bMSc\b",
    ),
    ("doctorate", r"(?i:doctorate|doctoral degree)|\bPh\.?D\b"),
];

static LEVEL_REGEXES: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    LEVELS
        .iter()
        .map(|(level, pattern)| {
            let regex = Regex::new(pattern).expect("education patterns are fixed, valid regexes");
            (*level, regex)
        })
        .collect()
});

/// Checks whether the skills and facts under a heading belong to the job's requirements.
fn counts(heading: Heading) -> bool {
    !matches!(heading, Heading::Ignored)
}

/// Returns the minimum years of experience the job requires: the first years phrase outside
/// ignored sections (benefits and company blurbs). In "8+ years, including at least 2 years
/// managing people" the first number (the total) is taken, and a range such as "0–2 years"
/// gives its lower end.
pub(crate) fn required_years(text: &str, headings: &[(usize, Heading)]) -> Option<f64> {
    YEARS
        .captures_iter(text)
        .filter(|caps| caps.name("tail").is_none())
        .filter(|caps| {
            let at = caps.get(0).map_or(0, |m| m.start());
            counts(heading_at(headings, at))
        })
        .find_map(|caps| number(&caps["n"]))
}

fn number(word: &str) -> Option<f64> {
    let words = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    if let Some(index) = words.iter().position(|w| w.eq_ignore_ascii_case(word)) {
        return Some(index as f64 + 1.0);
    }
    match word.to_ascii_lowercase().as_str() {
        "twelve" => Some(12.0),
        "fifteen" => Some(15.0),
        _ => word.parse().ok(),
    }
}

/// Returns the minimum education level the job requires: the lowest level named outside
/// preferred statements ("master's preferred", "MSN a plus") and ignored sections. A level
/// named only as preferred does not count.
pub(crate) fn education_level(text: &str, headings: &[(usize, Heading)]) -> Option<String> {
    for (level, regex) in LEVEL_REGEXES.iter() {
        let required = regex.find_iter(text).any(|m| {
            let heading = heading_at(headings, m.start());
            let preferred_heading = matches!(heading, Heading::Cue(i) if i <= PREFERRED_MAX);
            let preferred_cue = sentence_importance(text, m.start(), m.end())
                .is_some_and(|importance| importance <= PREFERRED_MAX);
            counts(heading) && !preferred_heading && !preferred_cue && !in_title(text, m.start())
        });
        if required {
            return Some((*level).to_string());
        }
    }
    None
}

/// Checks whether `line` requires a degree of associate level or higher, such as
/// "Bachelor's degree in Accounting": its field of study is not a skill requirement.
pub(crate) fn names_degree(line: &str) -> bool {
    LEVEL_REGEXES
        .iter()
        .filter(|(level, _)| !matches!(*level, "high school" | "certificate"))
        .any(|(_, regex)| regex.is_match(line))
}

/// Checks whether `offset` lies on the first line when that line reads like a title (short,
/// not a list item or a sentence) and more lines follow, because such a line is the job title
/// ("High School Teacher").
pub(crate) fn in_title(text: &str, offset: usize) -> bool {
    let start = text.trim_start();
    let skipped = text.len() - start.len();
    let first_line = start.lines().next().unwrap_or_default();
    let more_lines = start.trim_end().contains('\n');
    offset >= skipped
        && offset < skipped + first_line.len()
        && more_lines
        && reads_like_title(first_line.trim())
}

/// Checks for a short line that is neither a list item nor a sentence.
fn reads_like_title(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let bullet = line.starts_with(['-', '*', '•', '·', '–']);
    let sentence = line.ends_with(['.', ',', ';', ':']);
    (1..=12).contains(&words) && !bullet && !sentence
}

#[cfg(test)]
mod tests {
    use super::super::requirements::headings;
    use super::*;

    fn years(text: &str) -> Option<f64> {
        required_years(text, &headings(text))
    }

    fn level(text: &str) -> Option<String> {
        education_level(text, &headings(text))
    }

    #[test]
    fn years_forms_are_read() {
        assert_eq!(years("Requirements\n- 5+ years of Python\n"), Some(5.0));
        assert_eq!(years("At least 3 years in retail.\n"), Some(3.0));
        assert_eq!(years("Five or more years of sales.\n"), Some(5.0));
        assert_eq!(
            years("0–2 years of experience; new graduates welcome\n"),
            Some(0.0)
        );
        assert_eq!(
            years("Minimum 2 years of acute care experience\n"),
            Some(2.0)
        );
    }

    #[test]
    fn total_years_win_over_sub_role_years() {
        let text = "- 8+ years of accounting, including at least 2 years managing people\n";
        assert_eq!(years(text), Some(8.0));
    }

    #[test]
    fn company_facts_are_not_required_years() {
        let text = "About us\nA 100-year-old maker with 20 years in business.\n\
                    Requirements\n- 4 years of maintenance work\n";
        assert_eq!(years(text), Some(4.0));
        assert_eq!(years("We sell 70,000 units a year.\n"), None);
    }

    #[test]
    fn lowest_required_level_is_taken() {
        assert_eq!(
            level("- Associate or Bachelor's degree in Nursing\n").as_deref(),
            Some("associate")
        );
        assert_eq!(
            level("- Bachelor's degree in Accounting; master's preferred\n").as_deref(),
            Some("bachelor")
        );
        assert_eq!(
            level("- High school diploma or GED\n").as_deref(),
            Some("high school")
        );
    }

    #[test]
    fn preferred_degree_alone_sets_no_level() {
        assert_eq!(level("Nice to have\n- MSN\n"), None);
        assert_eq!(level("- An MBA is a plus.\n"), None);
    }

    #[test]
    fn job_title_is_not_an_education_level() {
        let text = "High School Science Teacher\nRequirements\n- Bachelor's degree\n";
        assert_eq!(level(text).as_deref(), Some("bachelor"));
    }
}
