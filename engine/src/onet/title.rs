//! Job title sanitising before an occupation search.

use std::sync::LazyLock;

use regex::Regex;

/// Bracketed text: "(Go)", "[Remote]", "{2027}".
static BRACKETED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\([^)]*\)|\[[^\]]*\]|\{[^}]*\}").expect("the bracket pattern is valid")
});

/// Years and year ranges: "2027", "2027–28", "5+ years".
static YEARS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b\d{4}(?:\s*[-–/]\s*\d{2,4})?\b|\b\d+\+?\s*(?:years?|yrs?)\b")
        .expect("the year pattern is valid")
});

/// Seniority and level words, which do not change the occupation.
const SENIORITY: &[&str] = &[
    "junior",
    "jr",
    "senior",
    "sr",
    "lead",
    "principal",
    "staff",
    "intern",
    "internship",
    "trainee",
    "apprentice",
    "entry-level",
    "entry",
    "level",
    "mid-level",
    "mid",
    "associate",
    "head",
    "i",
    "ii",
    "iii",
    "iv",
    "v",
];

/// Cleans a job title for an occupation search: keeps the part before a dash, bar, comma or
/// " at " (which usually names the employer or team), drops bracketed text, years,
/// seniority words and level numerals, and lower-cases the rest.
///
/// "Senior Backend Engineer (Go) — Ledgerline" becomes "backend engineer".
pub fn sanitize_title(title: &str) -> String {
    let without_brackets = BRACKETED.replace_all(title, " ");
    let without_years = YEARS.replace_all(&without_brackets, " ");
    let head = without_years
        .split([',', '|', '—', '–'])
        .map(str::trim)
        .find(|part| !part.is_empty())
        .unwrap_or_default();
    let head = head.split(" - ").next().unwrap_or_default();
    let head = split_at_word(head, "at");
    head.split_whitespace()
        .map(|word| word.trim_matches(|c: char| !c.is_alphanumeric() && c != '+' && c != '#'))
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .filter(|word| !SENIORITY.contains(&word.as_str()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Returns the part of `text` before the standalone word `word`.
fn split_at_word<'a>(text: &'a str, word: &str) -> &'a str {
    let pattern = format!(" {word} ");
    match text.to_lowercase().find(&pattern) {
        Some(index) if text.is_char_boundary(index) => &text[..index],
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_seniority_and_employer_are_dropped() {
        assert_eq!(
            sanitize_title("Senior Backend Engineer (Go) — Ledgerline"),
            "backend engineer"
        );
        assert_eq!(sanitize_title("Lead Data Analyst [Remote]"), "data analyst");
        assert_eq!(
            sanitize_title("Principal Engineer II, Payments"),
            "engineer"
        );
    }

    #[test]
    fn years_are_dropped() {
        assert_eq!(
            sanitize_title("High School Computer Science Teacher (2027–28 school year)"),
            "high school computer science teacher"
        );
        assert_eq!(sanitize_title("Accountant 2026"), "accountant");
        assert_eq!(sanitize_title("Nurse - 5+ years"), "nurse");
    }

    #[test]
    fn intern_and_employer_after_at_are_dropped() {
        assert_eq!(
            sanitize_title("Software Engineering Intern at Quillmark"),
            "software engineering"
        );
    }

    #[test]
    fn symbols_in_skill_titles_survive() {
        assert_eq!(sanitize_title("Jr. C++ Developer"), "c++ developer");
        assert_eq!(sanitize_title("C# .NET Developer"), "c# net developer");
    }
}
