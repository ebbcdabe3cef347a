//! Checks that a model's item is written in the document, and maps it to the taxonomy.

use std::collections::HashMap;
use std::ops::Range;

use layer1_engine::skills::Taxonomy;

/// Maximum length of an item kept, in bytes. Longer items are sentences, not technology names.
pub(super) const MAX_ITEM_BYTES: usize = 60;

/// A skill an item stands for: a taxonomy entry, or the item itself when the taxonomy lacks it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ItemSkill {
    /// Taxonomy id, or the lower-cased item.
    pub(super) id: String,
    /// Canonical name, or the lower-cased item.
    pub(super) name: String,
    /// Taxonomy category, or `other`.
    pub(super) category: String,
}

/// Lookup from every lower-cased taxonomy name and alias to its skill.
pub(super) struct SkillLookup(HashMap<String, ItemSkill>);

impl SkillLookup {
    /// Builds the lookup from a taxonomy.
    pub(super) fn new(taxonomy: &Taxonomy) -> Self {
        let mut terms = HashMap::new();
        for entry in &taxonomy.skills {
            let skill = ItemSkill {
                id: entry.id.clone(),
                name: entry.name.clone(),
                category: entry.category.clone(),
            };
            for term in std::iter::once(&entry.name).chain(&entry.aliases) {
                terms
                    .entry(term.to_lowercase())
                    .or_insert_with(|| skill.clone());
            }
        }
        Self(terms)
    }

    /// Returns the skill `item` stands for: the taxonomy entry with that name or alias, else
    /// a skill named by the lower-cased item.
    pub(super) fn skill_of(&self, item: &str) -> ItemSkill {
        let key = item.trim().to_lowercase();
        self.0.get(&key).cloned().unwrap_or_else(|| ItemSkill {
            id: key.clone(),
            name: key,
            category: "other".to_string(),
        })
    }
}

/// Returns the byte ranges where `item` is written in `text`, ignoring ASCII case, with a word
/// boundary on each side: `Java` is not found inside `JavaScript`, nor `C` inside `C++`.
pub(super) fn occurrences(text: &str, item: &str) -> Vec<Range<usize>> {
    let item = item.trim();
    if item.is_empty() || item.len() > MAX_ITEM_BYTES {
        return Vec::new();
    }
    // ASCII lower-casing keeps every byte offset, so ranges in `haystack` are ranges in `text`.
    let haystack = text.to_ascii_lowercase();
    let needle = item.to_ascii_lowercase();
    haystack
        .match_indices(&needle)
        .map(|(start, _)| start..start + needle.len())
        .filter(|range| bounded(text, range, &needle))
        .collect()
}

fn bounded(text: &str, range: &Range<usize>, needle: &str) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    let starts_with_word = needle.chars().next().is_some_and(char::is_alphanumeric);
    let ends_with_word = needle
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    let open_before = !starts_with_word || before.is_none_or(|c| !c.is_alphanumeric());
    // `+` and `#` continue a name (`C++`, `C#`), so they end no word.
    let open_after =
        !ends_with_word || after.is_none_or(|c| !c.is_alphanumeric() && c != '+' && c != '#');
    open_before && open_after
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_item_ignoring_case() {
        let text = "Built pipelines in apache kafka and Kafka Streams.";
        assert_eq!(occurrences(text, "Apache Kafka"), vec![19..31]);
        assert_eq!(occurrences(text, "kafka").len(), 2);
    }

    #[test]
    fn needs_word_boundaries() {
        assert!(occurrences("Five years of JavaScript.", "Java").is_empty());
        assert!(occurrences("Modern C++ and C# code.", "C").is_empty());
        assert_eq!(occurrences("Modern C++ and C# code.", "C++"), vec![7..10]);
        assert_eq!(occurrences("Runs on .NET 8.", ".NET"), vec![8..12]);
        assert!(occurrences("Goldman", "Go").is_empty());
    }

    #[test]
    fn rejects_items_not_in_text() {
        assert!(occurrences("Python and SQL.", "Snowflake").is_empty());
        assert!(occurrences("Python and SQL.", "  ").is_empty());
    }

    #[test]
    fn maps_aliases_to_canonical_skills() {
        let lookup = SkillLookup::new(&Taxonomy::builtin());
        let skill = lookup.skill_of("Postgres");
        assert_eq!(skill.name, "postgresql");
        let unknown = lookup.skill_of("Quillscript");
        assert_eq!(unknown.id, "quillscript");
        assert_eq!(unknown.category, "other");
    }
}
