//! The resume line that mentions each skill, to explain a match.

use std::collections::{BTreeMap, HashMap};

use crate::skills::{Gazetteer, line_range};

/// Sections searched for evidence, most telling first: a line of work history shows use of a
/// skill better than a skills list does.
const SECTION_PREFERENCE: [&str; 6] = [
    "EXPERIENCE",
    "PROJECTS",
    "SUMMARY",
    "CERTIFICATIONS",
    "EDUCATION",
    "SKILLS",
];

/// Maximum length of an evidence line, in characters.
const MAX_EVIDENCE_CHARS: usize = 200;

/// Returns, per canonical skill id, the first line of the resume sections that mentions the
/// skill, trimmed of bullets and cut to [`MAX_EVIDENCE_CHARS`] characters.
///
/// `sections` are the parsed resume's sections by name (`EXPERIENCE`, `SKILLS`...). The
/// Skills section is read as a list, where ambiguous names need only list punctuation.
pub fn evidence_lines(
    sections: &BTreeMap<String, String>,
    gazetteer: &Gazetteer,
) -> HashMap<String, String> {
    let mut lines = HashMap::new();
    for name in SECTION_PREFERENCE {
        let Some(text) = sections.get(name) else {
            continue;
        };
        let whole = 0..text.len();
        let lists = if name == "SKILLS" {
            std::slice::from_ref(&whole)
        } else {
            &[]
        };
        for found in gazetteer.find_with_lists(text, lists) {
            if lines.contains_key(&found.skill_id) {
                continue;
            }
            let line = clean_line(&text[line_range(text, found.start)]);
            if !line.is_empty() {
                lines.insert(found.skill_id, line);
            }
        }
    }
    lines
}

/// Trims spaces and leading bullets, and cuts the line to [`MAX_EVIDENCE_CHARS`].
fn clean_line(line: &str) -> String {
    let trimmed = line
        .trim()
        .trim_start_matches(['-', '*', '•', '·', '–', '▪', '◦'])
        .trim();
    match trimmed.char_indices().nth(MAX_EVIDENCE_CHARS) {
        Some((cut, _)) => format!("{}…", trimmed[..cut].trim_end()),
        None => trimmed.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefers_work_history_over_the_skills_list() {
        let sections = BTreeMap::from([
            (
                "EXPERIENCE".to_string(),
                "Acme Corp\n• Migrated billing to PostgreSQL and Kubernetes\n".to_string(),
            ),
            ("SKILLS".to_string(), "Python, PostgreSQL, Go".to_string()),
        ]);
        let lines = evidence_lines(&sections, Gazetteer::builtin());
        assert_eq!(
            lines.get("postgresql").map(String::as_str),
            Some("Migrated billing to PostgreSQL and Kubernetes")
        );
        assert_eq!(
            lines.get("python").map(String::as_str),
            Some("Python, PostgreSQL, Go")
        );
    }

    #[test]
    fn long_lines_are_cut() {
        let long = format!("Used Rust {}", "x".repeat(400));
        assert_eq!(clean_line(&long).chars().count(), MAX_EVIDENCE_CHARS + 1);
    }
}
