//! Proficiency a resume states for a skill: "Python (expert)", "Advanced Excel", "working
//! knowledge of SQL", "Spanish: fluent", or a level that labels a list ("Advanced: Python, SQL;
//! Intermediate: Java").
//!
//! Levels map to a value in [0, 1]: expert and native 1.0; advanced, proficient, strong and
//! fluent 0.75; intermediate, working knowledge and conversational 0.5; basic, beginner,
//! elementary, novice and familiar 0.25. A level written right after the skill, in brackets or
//! after a dash or colon, is the skill's own and wins over one written before it, which wins
//! over a label at the start of the list. Soft skills take no level: "strong communication"
//! is about how much, not how well.

use std::sync::LazyLock;

use regex::Regex;

use crate::skills::{SkillMatch, line_range};

/// The level words, as one regex alternation.
const LEVELS: &str = r"expert|expertise|advanced|proficient|strong|fluent|native|intermediate|working\s+knowledge|conversational|basic|beginner|elementary|novice|familiar";

/// The level words that may come before a skill. "Elementary" there names a school level
/// ("Elementary ESL teacher").
const LEVELS_BEFORE: &str = r"expert|expertise|advanced|proficient|strong|fluent|native|intermediate|working\s+knowledge|conversational|basic|beginner|novice|familiar";

/// A level right after a skill, maybe after its version: "Python (Expert)", "Excel 2019 –
/// advanced", "Spanish: fluent".
static LEVEL_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^[ \t]*(?:v?\d+(?:\.\d+)*\+?[ \t]*)?(?:\(|[-–—:][ \t]*)[ \t]*(?P<level>{LEVELS})\b"
    ))
    .expect("the level-after pattern is built from fixed, valid parts")
});

/// A level in a later cell of a skills table row that the skill opens: "Python | 7 yrs |
/// Expert", "SQL<tab>Intermediate".
static LEVEL_IN_ROW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^[ ]*[|\t][ \t]*(?:[^|\t\n]{{1,20}}[|\t][ \t]*)?(?P<level>{LEVELS})\b"
    ))
    .expect("the level-in-row pattern is built from fixed, valid parts")
});

/// A level right before a skill in the same clause: "Advanced Excel", "expert in Python",
/// "working knowledge of SQL", "familiar with Docker", or before the name it is joined to
/// ("Fluent in Spanish and Portuguese").
static LEVEL_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?P<level>{LEVELS_BEFORE})(?:\s+(?:level|knowledge|proficiency|skills?|experience|user))?(?:\s+(?:in|of|with|at))?\s+(?:[\w.+#-]+(?:\s+[\w.+#-]+){{0,3}}\s+(?:and|&)\s+)?$"
    ))
    .expect("the level-before pattern is built from fixed, valid parts")
});

/// A level that opens the matched words: "Advanced Excel", "fluent in Spanish".
static LEVEL_IN_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?P<level>{LEVELS})\s+(?:(?:in|of|with)\s+)?"
    ))
    .expect("the level-in-name pattern is built from fixed, valid parts")
});

/// A level that labels the list a skill is in: "Advanced: Python, SQL" at the start of
/// the line or after a semicolon or bar.
static LEVEL_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:^|[;|])[^\w;|]*(?P<level>{LEVELS})(?:\s+\w+)?\s*:[^;|:]*$"
    ))
    .expect("the level label pattern is built from fixed, valid parts")
});

/// Returns the value of a level word.
fn value(level: &str) -> Option<f64> {
    let lower = level.to_lowercase();
    let word = lower.split_whitespace().next().unwrap_or_default();
    match word {
        "expert" | "expertise" | "native" => Some(1.0),
        "advanced" | "proficient" | "strong" | "fluent" => Some(0.75),
        "intermediate" | "working" | "conversational" => Some(0.5),
        "basic" | "beginner" | "elementary" | "novice" | "familiar" => Some(0.25),
        _ => None,
    }
}

/// Returns the proficiency that the text around a mention states for it, if any.
pub(crate) fn stated_level(text: &str, found: &SkillMatch) -> Option<f64> {
    if found.category == "soft" {
        return None;
    }
    // "Advanced Excel" and "fluent in Spanish" are names of the skill in the taxonomy, with the
    // level in the match. "Basic Life Support" is a name of its own.
    let surface = &text[found.start..found.end];
    if let Some(caps) = LEVEL_IN_NAME.captures(surface)
        && surface[caps.get(0).map_or(0, |m| m.end())..].eq_ignore_ascii_case(&found.name)
    {
        return value(&caps["level"]);
    }
    let line = line_range(text, found.start);
    let after = &text[found.end..line.end.max(found.end)];
    if let Some(caps) = LEVEL_AFTER.captures(after) {
        return value(&caps["level"]);
    }
    let before = &text[line.start..found.start];
    let opens_row = before
        .trim_start_matches([' ', '\t', '|', '-', '*', '•'])
        .is_empty();
    if opens_row && let Some(caps) = LEVEL_IN_ROW.captures(after) {
        return value(&caps["level"]);
    }
    let clause_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, ',' | ';' | '|' | '•' | '(' | '.' | ':'))
        .map_or(0, |(at, c)| at + c.len_utf8());
    if let Some(caps) = LEVEL_BEFORE.captures(&before[clause_start..]) {
        return value(&caps["level"]);
    }
    LEVEL_LABEL
        .captures(before)
        .and_then(|caps| value(&caps["level"]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::skills::Gazetteer;

    fn level_of(text: &str, skill: &str) -> Option<f64> {
        let found = Gazetteer::builtin().find(text);
        let mention = found.iter().find(|m| m.name == skill)?;
        stated_level(text, mention)
    }

    #[test]
    fn level_after_the_skill_is_read() {
        assert_eq!(
            level_of("Python (Expert), SQL (basic)", "python"),
            Some(1.0)
        );
        assert_eq!(level_of("Python (Expert), SQL (basic)", "sql"), Some(0.25));
        assert_eq!(level_of("Python 3.11 – advanced", "python"), Some(0.75));
        let found = Gazetteer::builtin().find("Languages: Spanish: fluent");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            level_of("Languages: Spanish (fluent)", "spanish"),
            Some(0.75)
        );
        assert_eq!(level_of("Fluent in Spanish", "spanish"), Some(0.75));
    }

    #[test]
    fn level_in_a_table_row_is_read() {
        assert_eq!(level_of("Python | 7 yrs | Expert", "python"), Some(1.0));
        assert_eq!(level_of("SQL\tIntermediate", "sql"), Some(0.5));
        assert_eq!(level_of("Python | Django | Flask", "python"), None);
    }

    #[test]
    fn level_before_the_skill_is_read() {
        assert_eq!(
            level_of("- Advanced Excel and Power BI", "excel"),
            Some(0.75)
        );
        assert_eq!(level_of("Working knowledge of SQL", "sql"), Some(0.5));
        assert_eq!(level_of("Familiar with Docker", "docker"), Some(0.25));
        assert_eq!(level_of("    • Strong SQL • Tableau", "sql"), Some(0.75));
        assert_eq!(level_of("    • Strong SQL • Tableau", "tableau"), None);
        let text = "Fluent in Spanish and Portuguese";
        assert_eq!(level_of(text, "portuguese"), Some(0.75));
        assert_eq!(level_of("Expert in Python, Java", "java"), None);
    }

    #[test]
    fn level_label_covers_its_list() {
        let text = "Advanced: Python, SQL; Intermediate: Java | Basic: Go\n";
        assert_eq!(level_of(text, "sql"), Some(0.75));
        assert_eq!(level_of(text, "java"), Some(0.5));
        assert_eq!(level_of(text, "go"), Some(0.25));
    }

    #[test]
    fn level_needs_its_own_words() {
        assert_eq!(
            level_of("Built dashboards in Tableau for sales", "tableau"),
            None
        );
        assert_eq!(
            level_of("Strong communication with families", "communication"),
            None
        );
        assert_eq!(level_of("Basic Life Support (BLS), 2024", "bls"), None);
        assert_eq!(level_of("Elementary ESL teacher", "esl"), None);
    }
}
