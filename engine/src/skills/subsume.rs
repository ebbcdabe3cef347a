//! Drops a common-word skill when the same text names a more specific skill with the same
//! head noun: "B2B sales" makes "sales" redundant, and "preventive maintenance" makes
//! "maintenance" redundant. Only whole trailing words count, so `sql` stays next to
//! `sql server`. Specific names such as `wms` are kept next to `manhattan wms`, because a
//! product and its category are both skills. The generic words for what a kind of tool makes
//! or is ("dashboards", "spreadsheets", "CAD") go once the text names a tool of that kind.

use std::collections::{BTreeSet, HashSet};

use super::context::line_range;
use super::{Gazetteer, SkillMatch};

/// Removes matches of common-word skills (ambiguity `context`) whose canonical name is the
/// trailing words of another matched skill's canonical name. Only mentions written as the
/// bare name go: a mention through a phrase of its own ("trained new hires" for `training`
/// next to "forklift training") is a separate claim and stays.
pub(crate) fn drop_subsumed(text: &str, matches: &mut Vec<SkillMatch>, gazetteer: &Gazetteer) {
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
    matches.retain(|m| !(subsumed.contains(&m.name) && names_bare(text, m)));
}

/// Checks whether a match is written as its canonical name, in the singular or plural
/// ("sales", "Training", "trainings").
fn names_bare(text: &str, found: &SkillMatch) -> bool {
    let surface = text
        .get(found.start..found.end)
        .unwrap_or_default()
        .to_lowercase();
    let surface = surface.trim_end_matches('s');
    surface == found.name.trim_end_matches('s')
}

/// Features of a product, by skill id, and the product's skill id. A recruiter writes
/// "Excel (pivot tables, VLOOKUP)" down as Excel, so a feature named next to its product is
/// part of that skill rather than a requirement or a claim of its own.
const PRODUCT_FEATURES: &[(&str, &str)] = &[("pivot-tables", "excel"), ("vlookup", "excel")];

/// Removes matches of product features that detail their product: named after it on the same
/// line, in its parenthesis or after a colon ("Excel (pivot tables, VLOOKUP)", "Excel: pivot
/// tables"). A feature on a line of its own ("- Pivot tables") or in a sentence ("built pivot
/// tables in Excel") stays a skill.
pub(crate) fn drop_product_features(text: &str, matches: &mut Vec<SkillMatch>) {
    let details_product = |feature: &SkillMatch| {
        let Some((_, product_id)) = PRODUCT_FEATURES
            .iter()
            .find(|(feature_id, _)| feature.skill_id == *feature_id)
        else {
            return false;
        };
        let line = line_range(text, feature.start);
        matches.iter().any(|product| {
            product.skill_id == *product_id
                && product.end <= feature.start
                && product.start >= line.start
                && text[product.end..feature.start].contains(['(', ':'])
        })
    };
    let dropped: Vec<bool> = matches.iter().map(details_product).collect();
    let mut flags = dropped.into_iter();
    matches.retain(|_| !flags.next().unwrap_or(false));
}

/// Generic names of what a kind of tool makes or is, by skill id, and the ids of the tools of
/// that kind. "Built 15 Tableau dashboards" and "CAD: SolidWorks, Creo" name the tools as the
/// skills, so the generic word adds nothing once one of them is named.
const TOOL_FAMILIES: &[(&str, &[&str])] = &[
    (
        "dashboards",
        &[
            "tableau",
            "power-bi",
            "looker",
            "looker-studio",
            "qlik",
            "metabase",
            "superset",
            "grafana",
            "kibana",
            "sisense",
            "domo",
            "microstrategy",
            "cognos",
            "sap-businessobjects",
        ],
    ),
    ("spreadsheets", &["excel", "google-sheets", "smartsheet"]),
    (
        "cad",
        &[
            "autocad",
            "solidworks",
            "catia",
            "fusion-360",
            "inventor",
            "siemens-nx",
            "creo",
            "solid-edge",
            "onshape",
            "microstation",
            "revit",
            "sketchup",
        ],
    ),
];

/// Removes the generic name of a kind of tool ("dashboards", "spreadsheets", "CAD") when the
/// document names a tool of that kind anywhere. Without such a tool the generic name stays.
pub(crate) fn drop_tool_families(matches: &mut Vec<SkillMatch>) {
    let named: HashSet<String> = matches.iter().map(|m| m.skill_id.clone()).collect();
    matches.retain(|m| {
        !TOOL_FAMILIES.iter().any(|(family, tools)| {
            m.skill_id == *family && tools.iter().any(|tool| named.contains(*tool))
        })
    });
}

/// Category of spoken languages in the taxonomy.
const SPOKEN_LANGUAGE: &str = "language_spoken";

/// Removes spoken-language matches that the document already implies. `english` goes when the
/// document itself is written in English (`language` is `en`), since every reader of it reads
/// English. `bilingual` and `multilingual` go when a specific language other than English is
/// named ("Bilingual English/Spanish" gives `spanish`).
pub(crate) fn drop_implied_languages(matches: &mut Vec<SkillMatch>, language: Option<&str>) {
    let generic = |name: &str| matches!(name, "bilingual" | "multilingual");
    let names_other_language = matches
        .iter()
        .any(|m| m.category == SPOKEN_LANGUAGE && m.name != "english" && !generic(&m.name));
    let english_document = language == Some("en");
    matches.retain(|m| {
        let implied_english = english_document && m.name == "english";
        let implied_generic = names_other_language && generic(&m.name);
        !(implied_english || implied_generic)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_after(text: &str) -> Vec<String> {
        let mut matches = Gazetteer::builtin().find(text);
        drop_subsumed(text, &mut matches, Gazetteer::builtin());
        let names: BTreeSet<String> = matches.into_iter().map(|m| m.name).collect();
        names.into_iter().collect()
    }

    fn names_after_families(text: &str) -> Vec<String> {
        let mut matches = Gazetteer::builtin().find(text);
        drop_tool_families(&mut matches);
        let names: BTreeSet<String> = matches.into_iter().map(|m| m.name).collect();
        names.into_iter().collect()
    }

    #[test]
    fn named_tool_replaces_its_family_word() {
        let names =
            names_after_families("Built Tableau dashboards; moved spreadsheets to Google Sheets.");
        assert_eq!(names, ["google sheets", "tableau"]);

        let names = names_after_families("CAD: SolidWorks, Creo");
        assert_eq!(names, ["creo", "solidworks"]);
    }

    #[test]
    fn family_word_without_a_tool_stays() {
        let names = names_after_families("Built dashboards and spreadsheets for the team.");
        assert_eq!(names, ["dashboards", "spreadsheets"]);
    }

    #[test]
    fn specific_skill_replaces_common_head() {
        let names = names_after("Sales: B2B sales to retailers, sales reviews; Python, SQL.");
        assert!(names.contains(&"b2b sales".to_string()));
        assert!(!names.contains(&"sales".to_string()));
    }

    #[test]
    fn phrase_mentions_of_the_head_stay() {
        let text = "- Certified forklift trainer\n- Trained new hires on RF scanning";
        let names = names_after(text);
        assert!(
            names.contains(&"forklift training".to_string()),
            "{names:?}"
        );
        assert!(names.contains(&"training".to_string()), "{names:?}");
        let bare = names_after("- Forklift training\n- Training");
        assert!(!bare.contains(&"training".to_string()), "{bare:?}");
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

    fn languages_after(text: &str, language: Option<&str>) -> Vec<String> {
        let mut matches = Gazetteer::builtin().find(text);
        drop_implied_languages(&mut matches, language);
        let names: BTreeSet<String> = matches.into_iter().map(|m| m.name).collect();
        names.into_iter().collect()
    }

    #[test]
    fn english_in_english_document_is_implied() {
        let text = "Languages: English (native), Spanish (fluent)";

        let names = languages_after(text, Some("en"));

        assert!(!names.contains(&"english".to_string()), "{names:?}");
        assert!(names.contains(&"spanish".to_string()), "{names:?}");
    }

    #[test]
    fn english_in_other_document_is_kept() {
        let names = languages_after("Idiomas: English (C1), Spanish (nativo)", Some("es"));

        assert!(names.contains(&"english".to_string()), "{names:?}");
    }

    #[test]
    fn named_language_replaces_bilingual() {
        let with_language = languages_after("Bilingual (English/Spanish) charge nurse", Some("en"));
        let alone = languages_after("Bilingual candidates encouraged to apply", Some("en"));

        assert!(
            !with_language.contains(&"bilingual".to_string()),
            "{with_language:?}"
        );
        assert!(
            with_language.contains(&"spanish".to_string()),
            "{with_language:?}"
        );
        assert!(alone.contains(&"bilingual".to_string()), "{alone:?}");
    }

    #[test]
    fn feature_next_to_product_is_dropped() {
        let with_product_text = "Advanced Excel (pivot tables, VLOOKUP)";
        let alone_text = "- Reports in Excel\n- Pivot tables for monthly reviews\n\
                          - Built pivot tables in Excel";
        let mut with_product = Gazetteer::builtin().find(with_product_text);
        let mut alone = Gazetteer::builtin().find(alone_text);

        drop_product_features(with_product_text, &mut with_product);
        drop_product_features(alone_text, &mut alone);

        let names: Vec<&str> = with_product.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, vec!["excel"]);
        let pivot_tables = alone.iter().filter(|m| m.name == "pivot tables").count();
        assert_eq!(pivot_tables, 2);
    }
}
