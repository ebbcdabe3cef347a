//! Drops a common-word skill when the same text names a more specific skill with the same
//! head noun: "B2B sales" makes "sales" redundant, and "preventive maintenance" makes
//! "maintenance" redundant. Only whole trailing words count, so `sql` stays next to
//! `sql server`. Specific names such as `wms` are kept next to `manhattan wms`, because a
//! product and its category are both skills.

use std::collections::BTreeSet;

use super::{Gazetteer, SkillMatch};

/// Removes matches of common-word skills (ambiguity `context`) whose canonical name is the
/// trailing words of another matched skill's canonical name.
pub(crate) fn drop_subsumed(matches: &mut Vec<SkillMatch>, gazetteer: &Gazetteer) {
    let names: BTreeSet<(&str, &str)> = matches
        .iter()
        .map(|m| (m.name.as_str(), m.skill_id.as_str()))
        .collect();
    let subsumed: BTreeSet<String> = names
        .iter()
        .filter(|(generic, _)| {
            let suffix = format!(" {generic}");
            names
                .iter()
                .any(|(specific, _)| specific.ends_with(&suffix))
        })
        .filter(|(_, id)| gazetteer.is_common_word(id))
        .map(|(generic, _)| (*generic).to_string())
        .collect();
    matches.retain(|m| !subsumed.contains(&m.name));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_after(text: &str) -> Vec<String> {
        let mut matches = Gazetteer::builtin().find(text);
        drop_subsumed(&mut matches, Gazetteer::builtin());
        let names: BTreeSet<String> = matches.into_iter().map(|m| m.name).collect();
        names.into_iter().collect()
    }

    #[test]
    fn specific_skill_replaces_common_head() {
        let names = names_after("Sales: B2B sales to retailers, sales reviews; Python, SQL.");
        assert!(names.contains(&"b2b sales".to_string()));
        assert!(!names.contains(&"sales".to_string()));
    }

    #[test]
    fn specific_names_keep_their_category() {
        let names = names_after("Warehouse management systems (Manhattan WMS), WMS, RF scanners");
        assert!(names.contains(&"manhattan wms".to_string()));
        assert!(names.contains(&"wms".to_string()));
    }

    #[test]
    fn leading_words_are_not_heads() {
        let names = names_after("Reports in SQL and SQL Server; services in Spring Boot and Java.");
        assert!(names.contains(&"sql".to_string()));
        assert!(names.contains(&"microsoft sql server".to_string()));
        assert!(names.contains(&"java".to_string()));
    }

    #[test]
    fn unrelated_skills_stay() {
        let names = names_after("Python, pandas and Tableau dashboards.");
        assert_eq!(names, vec!["dashboards", "pandas", "python", "tableau"]);
    }
}
