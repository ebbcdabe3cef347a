//! Whether a degree on a resume was earned, and which nearby lines speak for another credential.
//!
//! A degree is left unfinished when its line, or a line next to it, states it: "did not
//! complete", "not completed", "incomplete", "withdrawn", "coursework only", "some coursework",
//! "coursework toward", "on hold", "transferred out", "30 of 60 credits", "no degree",
//! "degree not conferred", "left before graduating", "completed 2 years of", or, for a
//! doctorate, "ABD" ("all but dissertation"). Such a degree is
//! listed but does not meet a job's education level.

use std::sync::LazyLock;

use regex::Regex;

/// Words stating that a course of study ended without the degree.
static LEFT_UNFINISHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(?:did not|didn't|never)\s+(?:complete|finish|graduate)|not\s+(?:completed?|finished)|incomplete|uncompleted|unfinished|withdrawn|withdrew|discontinued|non-degree|coursework\s+only|(?:some|partial)\s+coursework|coursework\s+towards?|left\s+(?:the\s+)?program(?:me)?|left\s+to\s+(?:work|join|care|relocate|start)|\d+\s+(?:semesters?|terms?|quarters?|credits?|credit\s+hours)\s+completed|\d+\s+of\s+\d+\s+(?:credits?|credit\s+hours|units|courses)|on\s+hold|paused|transferred\s+(?:out|to\s+another)|prerequisites?\s+(?:completed|only|done)|no\s+degree|degree\s+not\s+(?:conferred|awarded|granted|completed)|not\s+(?:conferred|awarded)|left\s+before\s+(?:graduating|graduation|completing|completion|finishing)|completed\s+(?:\d|one|two|three)\s+(?:years?|semesters?)\s+of)\b",
    )
    .expect("the unfinished-degree pattern is valid")
});

/// "ABD" or "all but dissertation": a doctorate whose thesis was never finished.
static ALL_BUT_DISSERTATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bABD\b|\bA\.B\.D\.|(?i:\ball[\s-]+but[\s-]+(?:the\s+)?dissertation\b)")
        .expect("the all-but-dissertation pattern is valid")
});

/// Coursework named right after a degree ("MBA coursework", "Master's coursework in
/// Finance"), as opposed to a list of courses ("Coursework: Genetics, Ecology").
static DEGREE_COURSEWORK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:[\p{L}&-]+\s+){0,3}?coursework\b\s*(?:$|(?:in|toward|towards|for|at)\b)",
    )
    .expect("the degree coursework pattern is valid")
});

/// Lines that name a course or credential of their own: online courses ("Machine Learning,
/// Coursera, 2020"), certifications and licences. Their year and school are not a degree's.
static OTHER_CREDENTIAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:courses?|certifications?|certified|licen[cs]e[ds]?|exams?|examinations?|level\s+(?:i{1,3}|[1-3])|program|programme|nanodegree|specialization|specialisation|mooc|coursera|edx|udemy|udacity|datacamp|pluralsight|futurelearn|linkedin learning|khan academy)\b",
    )
    .expect("the other credential pattern is valid")
});

/// Checks whether `line` marks a degree of `level` as left unfinished.
pub(super) fn marks_unfinished(line: &str, level: &str) -> bool {
    LEFT_UNFINISHED.is_match(line) || level == "doctorate" && ALL_BUT_DISSERTATION.is_match(line)
}

/// English month names, which may follow a status word ("Withdrew March 2019").
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A line that names a piece of work: its words are a title, not the degree's status.
static TITLE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:thesis|dissertation|capstone|project|research|publications?)\b")
        .expect("the title line pattern is valid")
});

/// Checks whether a line next to a degree marks it as left unfinished. Unlike the degree's
/// own line, a status word that opens a capitalised phrase is part of a title ("Essays on
/// Incomplete Markets"), and so is any word on a thesis or project line.
pub(super) fn marks_unfinished_nearby(line: &str, level: &str) -> bool {
    if TITLE_LINE.is_match(line) {
        return false;
    }
    let opens_title = |rest: &str| {
        let next = rest
            .strip_prefix(' ')
            .and_then(|rest| rest.split(|c: char| !c.is_alphabetic()).next())
            .unwrap_or_default();
        let month = MONTHS
            .iter()
            .any(|month| next.len() >= 3 && month.starts_with(next.to_lowercase().as_str()));
        next.starts_with(char::is_uppercase) && !month
    };
    LEFT_UNFINISHED
        .find_iter(line)
        .any(|found| !opens_title(&line[found.end()..]))
        || level == "doctorate" && ALL_BUT_DISSERTATION.is_match(line)
}

/// Checks whether the text right after a degree, within its part of the line, calls it
/// coursework ("MBA coursework, Harbor School of Business").
pub(super) fn is_degree_coursework(after_degree: &str) -> bool {
    DEGREE_COURSEWORK.is_match(after_degree)
}

/// Checks whether a line next to a degree names a course or credential of its own.
pub(super) fn names_other_credential(line: &str) -> bool {
    OTHER_CREDENTIAL.is_match(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_unfinished_reads_status_words() {
        for line in [
            "Harbor School of Business (did not complete)",
            "Master of Finance (withdrawn)",
            "B.S. Chemistry, not completed",
            "Some coursework toward a BA in History",
            "B.S. Nursing, Temple University, 3 semesters completed",
            "B.A. English, 2009-2011 (left to work full time)",
            "MBA, coursework only",
            "Incomplete",
            "RN-to-BSN program, on hold",
            "Associate of Science, 30 of 60 credits",
            "B.S. Biology (transferred out after 2 years)",
            "ADN program, prerequisites completed (2024)",
        ] {
            assert!(marks_unfinished(line, "master"), "{line}");
        }
        assert!(!marks_unfinished(
            "B.S. Biology, Calder University, 2016",
            "bachelor"
        ));
        assert!(!marks_unfinished("Completed with distinction", "bachelor"));
    }

    #[test]
    fn nearby_titles_mark_nothing_unfinished() {
        for line in [
            "Thesis: Incomplete Contracts in Family Firms",
            "Essays on Incomplete Markets and Asset Prices",
            "Capstone: discontinued product lines",
        ] {
            assert!(!marks_unfinished_nearby(line, "doctorate"), "{line}");
        }
        for line in [
            "(did not complete)",
            "Withdrawn 2019",
            "Withdrew March 2019",
            "Withdrew Sept. 2019",
            "Incomplete",
            "ABD",
        ] {
            assert!(marks_unfinished_nearby(line, "doctorate"), "{line}");
        }
    }

    #[test]
    fn marks_unfinished_keeps_abd_for_doctorates() {
        assert!(marks_unfinished("Ph.D. Sociology (ABD)", "doctorate"));
        assert!(marks_unfinished("All but dissertation", "doctorate"));
        assert!(!marks_unfinished(
            "M.S. Statistics, ABD Analytics",
            "master"
        ));
    }

    #[test]
    fn degree_coursework_needs_the_degree_first() {
        assert!(is_degree_coursework(" coursework"));
        assert!(is_degree_coursework(" Finance coursework"));
        assert!(is_degree_coursework(" coursework in Finance"));
        assert!(!is_degree_coursework(" Biology Coursework: Genetics"));
        assert!(!is_degree_coursework(" Computer Science"));
    }

    #[test]
    fn other_credential_lines_are_recognised() {
        assert!(names_other_credential("Machine Learning, Coursera, 2020"));
        assert!(names_other_credential("AWS Certified Developer, 2021"));
        assert!(names_other_credential(
            "Practical Nursing (LPN) Program — Jefferson Valley Community College — expected Aug 2027"
        ));
        assert!(!names_other_credential("Calder University, 2014 – 2018"));
        assert!(!names_other_credential("Relevant coursework: Statistics"));
    }
}
