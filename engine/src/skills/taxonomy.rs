//! Loading and validation of the skill taxonomy data file (`engine/data/skills.tsv`).
//!
//! The file has one skill a line with five tab-separated columns: id, canonical name,
//! category, aliases separated by `|` (a leading `~` marks an alias that needs context),
//! and the ambiguity of the canonical name (`none`, `case` or `context`). Lines starting
//! with `#` are comments.

use std::collections::HashMap;

use super::{Ambiguity, SkillEntry, Taxonomy};

/// The taxonomy compiled into the crate.
pub(crate) const BUILTIN_TSV: &str = include_str!("../../data/skills.tsv");

/// Error from parsing or validating a taxonomy file.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TaxonomyError {
    /// A line does not have the five columns.
    #[error("taxonomy line {line}: expected 5 tab-separated columns, found {found}")]
    Columns {
        /// 1-based line number.
        line: usize,
        /// Number of columns found.
        found: usize,
    },
    /// The ambiguity column contains an unknown value.
    #[error("taxonomy line {line}: invalid ambiguity {value:?}, expected none, case or context")]
    Ambiguity {
        /// 1-based line number.
        line: usize,
        /// The rejected value.
        value: String,
    },
    /// An id, name or alias is empty, not lower case, or the id is not an ASCII slug.
    #[error("taxonomy line {line}: invalid term {term:?}")]
    Term {
        /// 1-based line number.
        line: usize,
        /// The rejected term.
        term: String,
    },
    /// Two skills share an id.
    #[error("taxonomy line {line}: duplicate id {id:?}")]
    DuplicateId {
        /// 1-based line number of the second occurrence.
        line: usize,
        /// The duplicated id.
        id: String,
    },
    /// A name or alias is used by two skills, or twice by one.
    #[error("taxonomy line {line}: duplicate name or alias {term:?}")]
    DuplicateTerm {
        /// 1-based line number of the second occurrence.
        line: usize,
        /// The duplicated term.
        term: String,
    },
}

/// Parses and validates taxonomy text in the format described in the module documentation.
pub(crate) fn parse_tsv(text: &str) -> Result<Taxonomy, TaxonomyError> {
    let mut skills = Vec::new();
    let mut ids: HashMap<String, ()> = HashMap::new();
    let mut terms: HashMap<String, ()> = HashMap::new();

    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        if raw.trim().is_empty() || raw.starts_with('#') {
            continue;
        }
        let entry = parse_line(raw, line)?;
        if ids.insert(entry.id.clone(), ()).is_some() {
            return Err(TaxonomyError::DuplicateId { line, id: entry.id });
        }
        for term in std::iter::once(&entry.name).chain(&entry.aliases) {
            if terms.insert(term.clone(), ()).is_some() {
                let term = term.clone();
                return Err(TaxonomyError::DuplicateTerm { line, term });
            }
        }
        skills.push(entry);
    }
    Ok(Taxonomy { skills })
}

fn parse_line(raw: &str, line: usize) -> Result<SkillEntry, TaxonomyError> {
    let columns: Vec<&str> = raw.split('\t').collect();
    let [id, name, category, aliases, ambiguity] = columns[..] else {
        let found = columns.len();
        return Err(TaxonomyError::Columns { line, found });
    };
    let ambiguity = match ambiguity.trim() {
        "none" => Ambiguity::None,
        "case" => Ambiguity::Case,
        "context" => Ambiguity::Context,
        other => {
            let value = other.to_string();
            return Err(TaxonomyError::Ambiguity { line, value });
        }
    };
    let is_slug = !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !is_slug {
        let term = id.to_string();
        return Err(TaxonomyError::Term { line, term });
    }

    let mut entry = SkillEntry {
        id: id.to_string(),
        name: checked_term(name, line)?,
        aliases: Vec::new(),
        category: category.to_string(),
        ambiguity,
        ambiguous_aliases: Vec::new(),
    };
    for alias in aliases.split('|').filter(|a| !a.is_empty()) {
        match alias.strip_prefix('~') {
            Some(bare) => {
                let term = checked_term(bare, line)?;
                entry.ambiguous_aliases.push(term.clone());
                entry.aliases.push(term);
            }
            None => entry.aliases.push(checked_term(alias, line)?),
        }
    }
    Ok(entry)
}

fn checked_term(term: &str, line: usize) -> Result<String, TaxonomyError> {
    let valid = !term.is_empty() && term.trim() == term && term.to_lowercase() == term;
    if valid {
        Ok(term.to_string())
    } else {
        let term = term.to_string();
        Err(TaxonomyError::Term { line, term })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_has_enough_unique_skills() {
        let taxonomy = parse_tsv(BUILTIN_TSV).expect("builtin taxonomy is valid");
        assert!(taxonomy.skills.len() >= 3000, "{}", taxonomy.skills.len());
        let soft = taxonomy.skills.iter().filter(|s| s.category == "soft");
        assert!(soft.count() >= 30);
    }

    #[test]
    fn builtin_ids_follow_slug_rules() {
        let taxonomy = parse_tsv(BUILTIN_TSV).expect("builtin taxonomy is valid");
        let id_of = |name: &str| {
            let entry = taxonomy.skills.iter().find(|s| s.name == name);
            entry.map(|s| s.id.clone())
        };
        assert_eq!(id_of("c++").as_deref(), Some("cpp"));
        assert_eq!(id_of("c#").as_deref(), Some("csharp"));
        assert_eq!(id_of(".net").as_deref(), Some("dotnet"));
        assert_eq!(id_of("node.js").as_deref(), Some("nodejs"));
        assert_eq!(id_of("kubernetes").as_deref(), Some("kubernetes"));
    }

    #[test]
    fn builtin_aliases_point_to_canonical_names() {
        let taxonomy = parse_tsv(BUILTIN_TSV).expect("builtin taxonomy is valid");
        let canonical = |alias: &str| {
            let entry = taxonomy
                .skills
                .iter()
                .find(|s| s.aliases.iter().any(|a| a == alias));
            entry.map(|s| s.name.clone())
        };
        assert_eq!(canonical("k8s").as_deref(), Some("kubernetes"));
        assert_eq!(canonical("postgres").as_deref(), Some("postgresql"));
        assert_eq!(canonical("reactjs").as_deref(), Some("react"));
        assert_eq!(canonical("microsoft excel").as_deref(), Some("excel"));
        assert_eq!(canonical("golang").as_deref(), Some("go"));
        assert_eq!(canonical("amazon web services").as_deref(), Some("aws"));
    }

    #[test]
    fn duplicate_alias_is_rejected() {
        let text = "a\ta\ttool\tx\tnone\nb\tb\ttool\tx\tnone\n";
        let error = parse_tsv(text).expect_err("alias x is used twice");
        let term = "x".to_string();
        assert_eq!(error, TaxonomyError::DuplicateTerm { line: 2, term });
    }

    #[test]
    fn duplicate_id_is_rejected() {
        let text = "a\ta\ttool\t\tnone\na\tb\ttool\t\tnone\n";
        let error = parse_tsv(text).expect_err("id a is used twice");
        let id = "a".to_string();
        assert_eq!(error, TaxonomyError::DuplicateId { line: 2, id });
    }

    #[test]
    fn upper_case_alias_is_rejected() {
        let error = parse_tsv("a\ta\ttool\tBad\tnone\n").expect_err("aliases are lower case");
        let term = "Bad".to_string();
        assert_eq!(error, TaxonomyError::Term { line: 1, term });
    }

    #[test]
    fn tilde_marks_ambiguous_alias() {
        let taxonomy =
            parse_tsv("go\tgo\tlanguage\tgolang|~go lang\tcontext\n").expect("line is valid");
        let entry = &taxonomy.skills[0];
        assert_eq!(entry.aliases, vec!["golang", "go lang"]);
        assert_eq!(entry.ambiguous_aliases, vec!["go lang"]);
        assert_eq!(entry.ambiguity, Ambiguity::Context);
    }
}
