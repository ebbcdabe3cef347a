//! Lookup of canonical skill ids by name or alias, for inputs that arrive without ids.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::score::semantic::normalize;
use crate::skills::Taxonomy;

/// Canonical skill ids by lower-cased name and alias.
#[derive(Debug, Clone, Default)]
pub struct SkillIndex {
    ids: HashMap<String, String>,
}

static BUILTIN: LazyLock<SkillIndex> = LazyLock::new(|| SkillIndex::new(&Taxonomy::builtin()));

impl SkillIndex {
    /// Indexes the names and aliases of a taxonomy. A canonical name wins over an alias of
    /// another skill spelled the same.
    pub fn new(taxonomy: &Taxonomy) -> Self {
        let mut ids = HashMap::new();
        for skill in &taxonomy.skills {
            for alias in &skill.aliases {
                ids.entry(normalize(alias))
                    .or_insert_with(|| skill.id.clone());
            }
        }
        for skill in &taxonomy.skills {
            ids.insert(normalize(&skill.name), skill.id.clone());
        }
        Self { ids }
    }

    /// Returns the index of the builtin taxonomy, built on first use.
    pub fn builtin() -> &'static Self {
        &BUILTIN
    }

    /// Returns the canonical id of a skill name or alias, compared lower-cased and trimmed.
    pub fn id_of(&self, skill: &str) -> Option<&str> {
        self.ids.get(&normalize(skill)).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_aliases_resolve_to_one_id() {
        let index = SkillIndex::builtin();
        let postgres = index.id_of("postgres");
        assert!(postgres.is_some());
        assert_eq!(index.id_of(" PostgreSQL "), postgres);
        assert_ne!(index.id_of("java"), index.id_of("javascript"));
        assert_eq!(index.id_of("no such skill at all"), None);
    }
}
