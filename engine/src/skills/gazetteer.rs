//! The gazetteer matcher: one Aho-Corasick automaton over every name and alias.
//!
//! Matching is ASCII case-insensitive, and a hyphen matches a space ("problem-solving",
//! "problem solving"). A candidate must sit on word boundaries that allow punctuation inside
//! skill names (`c++`, `c#`, `.net`, `node.js`, `ci/cd`). Where candidates overlap, the
//! longest wins. Names that are also common words are kept only when [`super::context`]
//! finds a technical context for them. Skills that share a word in a coordinated phrase
//! ("commercial and residential wiring") come from [`super::coordination`], and soft skills
//! and tasks written as phrases ("works well on a crew", "cleaned survey files") from
//! [`super::phrases`].

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::context::{
    Candidate, accepts_ambiguous, inside_organisation_name, names_department, names_other_sense,
    names_place, names_working_condition, narrower_sense,
};
use super::coordination::coordinated;
use super::phrases::{self, CompiledRule};
use super::variants::variants;
use super::{Ambiguity, SkillMatch, Taxonomy};

/// One searchable surface form.
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    /// Index into the gazetteer's skill table.
    pub(crate) skill: usize,
    /// Whether this surface form needs a case signal or context.
    pub(crate) ambiguity: Ambiguity,
}

/// Identity of a canonical skill, as stored by the gazetteer.
#[derive(Debug, Clone)]
pub(crate) struct SkillRef {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) category: String,
    /// Evidence the canonical name needs; [`Ambiguity::Context`] marks a common word.
    pub(crate) ambiguity: Ambiguity,
}

/// The matcher's tables for one taxonomy.
pub(crate) struct Built {
    pub(crate) automaton: Option<AhoCorasick>,
    pub(crate) patterns: Vec<Pattern>,
    pub(crate) skills: Vec<SkillRef>,
    /// Surfaces that need no context, with hyphens as spaces, mapped to their skill index.
    pub(crate) plain_surfaces: HashMap<String, usize>,
    /// Soft-skill phrase rules resolved to skill indexes.
    pub(crate) phrase_rules: Vec<CompiledRule>,
    /// Personal-trait adjectives and their skill indexes.
    pub(crate) traits: Vec<(String, usize)>,
}

/// Borrowed tables that [`find`] reads.
pub(crate) struct Tables<'a> {
    pub(crate) patterns: &'a [Pattern],
    pub(crate) skills: &'a [SkillRef],
    pub(crate) plain_surfaces: &'a HashMap<String, usize>,
    pub(crate) phrase_rules: &'a [CompiledRule],
    pub(crate) traits: &'a [(String, usize)],
}

/// Builds the automaton and the pattern table for `taxonomy`.
pub(crate) fn build(taxonomy: &Taxonomy) -> Built {
    let mut surfaces = Vec::new();
    let mut patterns = Vec::new();
    let mut skills = Vec::new();
    for (index, entry) in taxonomy.skills.iter().enumerate() {
        skills.push(SkillRef {
            id: entry.id.clone(),
            name: entry.name.clone(),
            category: entry.category.clone(),
            ambiguity: entry.ambiguity,
        });
        surfaces.push(entry.name.clone());
        patterns.push(Pattern {
            skill: index,
            ambiguity: entry.ambiguity,
        });
        for alias in &entry.aliases {
            let ambiguity = if entry.ambiguous_aliases.contains(alias) {
                Ambiguity::Context
            } else {
                Ambiguity::None
            };
            surfaces.push(alias.clone());
            patterns.push(Pattern {
                skill: index,
                ambiguity,
            });
        }
    }
    add_variants(&mut surfaces, &mut patterns);
    let (surfaces, patterns) = fold_hyphens(surfaces, patterns);
    let plain_surfaces = surfaces
        .iter()
        .zip(&patterns)
        .filter(|(_, pattern)| pattern.ambiguity == Ambiguity::None)
        .map(|(surface, pattern)| (surface.clone(), pattern.skill))
        .collect();
    let automaton = (!surfaces.is_empty()).then(|| {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&surfaces)
            .expect("taxonomy surfaces are short literal strings, well under automaton limits")
    });
    let ids: HashMap<&str, usize> = skills
        .iter()
        .enumerate()
        .map(|(index, skill)| (skill.id.as_str(), index))
        .collect();
    let (phrase_rules, traits) = phrases::compile(&ids);
    Built {
        automaton,
        patterns,
        skills,
        plain_surfaces,
        phrase_rules,
        traits,
    }
}

/// Adds the spelling variants of every multi-word surface (see [`variants`]) that no entry
/// lists itself, with the ambiguity of the surface they come from.
fn add_variants(surfaces: &mut Vec<String>, patterns: &mut Vec<Pattern>) {
    let mut known: HashSet<String> = surfaces.iter().map(|s| s.to_lowercase()).collect();
    let listed = surfaces.len();
    for index in 0..listed {
        for variant in variants(&surfaces[index].to_lowercase()) {
            if known.insert(variant.clone()) {
                surfaces.push(variant);
                patterns.push(patterns[index].clone());
            }
        }
    }
}

/// Writes every hyphen of a surface as a space, the same folding [`Haystack`] applies
/// to the searched text, so "root-cause analysis" and "root cause analysis" match the same
/// name. When two surfaces fold to the same string, the first one listed keeps it.
fn fold_hyphens(surfaces: Vec<String>, patterns: Vec<Pattern>) -> (Vec<String>, Vec<Pattern>) {
    let mut known = HashSet::new();
    let mut folded_surfaces = Vec::with_capacity(surfaces.len());
    let mut folded_patterns = Vec::with_capacity(patterns.len());
    for (surface, pattern) in surfaces.into_iter().zip(patterns) {
        let folded = surface.to_lowercase().replace('-', " ");
        if known.insert(folded.clone()) {
            folded_surfaces.push(folded);
            folded_patterns.push(pattern);
        }
    }
    (folded_surfaces, folded_patterns)
}

/// Finds skills in `text`. Byte ranges in `list_ranges` are skill lists, where ambiguous
/// names need no further context than list punctuation. Skills named through coordination
/// ("commercial and residential wiring") are added where their words are free.
pub(crate) fn find(
    automaton: &AhoCorasick,
    tables: &Tables<'_>,
    text: &str,
    list_ranges: &[Range<usize>],
) -> Vec<SkillMatch> {
    let patterns = tables.patterns;
    let haystack = Haystack::new(text);
    let mut candidates: Vec<Candidate> = automaton
        .find_overlapping_iter(&haystack.bytes)
        .filter_map(|m| {
            let (start, end) = haystack.original(m.start(), m.end());
            on_boundaries(text, start, end).then(|| Candidate {
                start,
                end,
                ambiguity: patterns[m.pattern().as_usize()].ambiguity,
                skill: patterns[m.pattern().as_usize()].skill,
            })
        })
        .collect();
    candidates.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
    let selected = longest_without_overlap(candidates);

    let mut matches: Vec<(Range<usize>, usize)> = selected
        .iter()
        .filter(|c| {
            c.ambiguity == Ambiguity::None || accepts_ambiguous(text, c, &selected, list_ranges)
        })
        .map(|c| (c.start..c.end, c.skill))
        .collect();
    let matched_ranges: Vec<Range<usize>> =
        matches.iter().map(|(range, _)| range.clone()).collect();
    for found in coordinated(text, tables.plain_surfaces, &matched_ranges) {
        matches.push((found.range, found.skill));
    }
    add_phrases(text, tables, &mut matches);
    matches.sort_by_key(|(range, _)| range.start);

    matches
        .into_iter()
        .filter(|(range, _)| !inside_address(text, range.start))
        .filter(|(range, _)| !inside_organisation_name(text, range.start, range.end))
        .filter(|(range, _)| !names_department(text, range.start, range.end))
        .filter(|(range, _)| !names_place(text, range.start, range.end))
        .filter(|(range, skill)| {
            let id = &tables.skills[*skill].id;
            !names_working_condition(text, range.start, id)
                && !names_other_sense(text, range.clone(), id)
        })
        .map(|(range, skill)| {
            let id = &tables.skills[skill].id;
            let narrower = narrower_sense(text, range.start, id)
                .and_then(|narrower| tables.skills.iter().position(|s| s.id == narrower));
            (range, narrower.unwrap_or(skill))
        })
        .map(|(range, skill)| SkillMatch {
            skill_id: tables.skills[skill].id.clone(),
            name: tables.skills[skill].name.clone(),
            category: tables.skills[skill].category.clone(),
            start: range.start,
            end: range.end,
        })
        .collect()
}

/// Adds the skills that [`phrases`] finds where their words are not already part
/// of another match. Of overlapping phrases, the first one in the text wins. A task phrase
/// is added over other skills' matches, because its verb may be a skill of its own.
fn add_phrases(text: &str, tables: &Tables<'_>, matches: &mut Vec<(Range<usize>, usize)>) {
    let mut phrases = phrases::find(text, tables.phrase_rules, tables.traits);
    phrases.sort_by_key(|p| (p.range.start, std::cmp::Reverse(p.range.end)));

    // The matches sorted by start, with the furthest end reached by each prefix, so one binary
    // search finds whether any of them overlaps a phrase.
    let mut existing: Vec<Range<usize>> = matches.iter().map(|(range, _)| range.clone()).collect();
    existing.sort_by_key(|range| range.start);
    let furthest_end: Vec<usize> = existing
        .iter()
        .scan(0, |end, range| {
            *end = (*end).max(range.end);
            Some(*end)
        })
        .collect();

    // Phrases are added in order of start, so the last one added reaches furthest.
    let mut added_end = 0;
    for phrase in phrases {
        if phrase.task {
            let same_skill = matches.iter().any(|(range, skill)| {
                *skill == phrase.skill
                    && range.start < phrase.range.end
                    && phrase.range.start < range.end
            });
            if !same_skill {
                matches.push((phrase.range, phrase.skill));
            }
            continue;
        }
        let before_end = existing.partition_point(|range| range.start < phrase.range.end);
        let overlaps_match = before_end > 0 && furthest_end[before_end - 1] > phrase.range.start;
        let overlaps_phrase = added_end > phrase.range.start;
        if !overlaps_match && !overlaps_phrase {
            added_end = phrase.range.end;
            matches.push((phrase.range, phrase.skill));
        }
    }
}

/// The text the automaton searches. Tabs, line breaks and hyphens become spaces, and the
/// indentation after a line break is left out. So names written with hyphens
/// ("problem-solving") or wrapped onto an indented line ("machine\n  learning") still match,
/// while a blank line or a bullet after the break still separates the words.
/// `offsets[i]` is the byte offset in the original text of haystack byte `i`, with one more
/// entry for the end, so the boundary and context checks still read the original text.
struct Haystack {
    bytes: Vec<u8>,
    offsets: Vec<usize>,
}

impl Haystack {
    fn new(text: &str) -> Self {
        let mut bytes = Vec::with_capacity(text.len());
        let mut offsets = Vec::with_capacity(text.len() + 1);
        let mut previous = 0u8;
        let mut after_break = false;
        for (offset, byte) in text.bytes().enumerate() {
            let indent = after_break && matches!(byte, b' ' | b'\t');
            let crlf = previous == b'\r' && byte == b'\n';
            previous = byte;
            if indent || crlf {
                continue;
            }
            after_break = matches!(byte, b'\n' | b'\r');
            let separator = matches!(byte, b'\t' | b'\n' | b'\r' | b'-');
            bytes.push(if separator { b' ' } else { byte });
            offsets.push(offset);
        }
        offsets.push(text.len());
        Self { bytes, offsets }
    }

    /// Maps a match `start..end` in the haystack to a byte range of the original text.
    fn original(&self, start: usize, end: usize) -> (usize, usize) {
        (self.offsets[start], self.offsets[end - 1] + 1)
    }
}

/// Keeps the leftmost, then longest, candidate of every group of overlapping candidates.
/// `candidates` must be sorted by start, longest first.
fn longest_without_overlap(candidates: Vec<Candidate>) -> Vec<Candidate> {
    let mut selected: Vec<Candidate> = Vec::new();
    for candidate in candidates {
        let free = selected
            .last()
            .is_none_or(|last| candidate.start >= last.end);
        if free {
            selected.push(candidate);
        }
    }
    selected
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Checks that `text[start..end]` is not part of a longer word. A dot counts as part of
/// a word when a letter or digit sits on its other side (`asp.net`, `example.com`), and
/// `+` or `#` right after a name continues it (`c` in `c++`). A name that ends in a symbol
/// may carry a version glued to it (`C++17`).
fn on_boundaries(text: &str, start: usize, end: usize) -> bool {
    if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return false;
    }
    let surface = &text[start..end];
    let mut before = text[..start].chars().rev();
    let mut after = text[end..].chars();
    let starts_word = surface.chars().next().is_some_and(is_word_char);
    let ends_word = surface.chars().next_back().is_some_and(is_word_char);

    match before.next() {
        Some(c) if is_word_char(c) || c == '@' => return false,
        Some('.') if starts_word && before.next().is_some_and(is_word_char) => return false,
        _ => {}
    }
    match after.next() {
        Some(c) if c.is_ascii_digit() && !ends_word => version_suffix(&text[end..]),
        Some(c) if is_word_char(c) || c == '@' => false,
        Some('+' | '#') if ends_word => false,
        Some('.') => !after.next().is_some_and(is_word_char),
        _ => true,
    }
}

/// Checks whether `rest` opens with a version number of one or two digits that ends the word
/// ("17" in "C++17, Go").
fn version_suffix(rest: &str) -> bool {
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    let after = rest[digits..].chars().next();
    digits <= 2 && !after.is_some_and(|c| is_word_char(c) || c == '+' || c == '#')
}

/// Maximum bytes read on each side of a mention when looking for the whitespace around its
/// token. Addresses are far shorter. Without the bound, every mention in text that has no
/// whitespace would read the whole text, so analysis time would grow with its square.
const TOKEN_SCAN_BYTES: usize = 512;

/// Checks whether the whitespace-delimited token around `start` is an e-mail address or URL.
/// Only [`TOKEN_SCAN_BYTES`] on each side of `start` are read.
fn inside_address(text: &str, start: usize) -> bool {
    let lower = text.floor_char_boundary(start.saturating_sub(TOKEN_SCAN_BYTES));
    let upper = text.ceil_char_boundary(start.saturating_add(TOKEN_SCAN_BYTES).min(text.len()));

    // Whitespace such as U+202F takes several bytes, so step over the whole character.
    let token_start = text[lower..start]
        .char_indices()
        .rfind(|(_, c)| c.is_whitespace())
        .map_or(lower, |(i, c)| lower + i + c.len_utf8());
    let token_end = text[start..upper]
        .find(char::is_whitespace)
        .map_or(upper, |i| start + i);

    let token = &text[token_start..token_end];
    token.contains('@') || token.contains("://") || token.starts_with("www.")
}

#[cfg(test)]
mod tests {
    use crate::skills::Gazetteer;

    fn names(text: &str) -> Vec<String> {
        Gazetteer::builtin()
            .find(text)
            .into_iter()
            .map(|m| m.name)
            .collect()
    }

    #[test]
    fn names_wrapped_onto_indented_lines_match() {
        let text = "- Experience with machine\n  learning pipelines\n- Power\r\n\tBI reports";
        let found = Gazetteer::builtin().find(text);
        let names: Vec<&str> = found.iter().map(|m| m.name.as_str()).collect();

        assert!(names.contains(&"machine learning"), "{names:?}");
        assert!(names.contains(&"power bi"), "{names:?}");
        let machine = found.iter().find(|m| m.name == "machine learning").unwrap();
        assert_eq!(&text[machine.start..machine.end], "machine\n  learning");
    }

    #[test]
    fn address_check_reads_a_bounded_token() {
        let unbroken = format!("https://{}python,sql", "a,".repeat(2_000));
        assert!(names(&unbroken).contains(&"python".to_string()));
        assert!(!names("see https://example.com/python for more").contains(&"python".to_string()));
        assert!(!names("mail jo.python@example.com").contains(&"python".to_string()));
    }

    #[test]
    fn bullets_and_blank_lines_keep_words_apart() {
        assert!(!names("- Machine\n- Learning").contains(&"machine learning".to_string()));
        assert!(!names("Machine\n\nLearning").contains(&"machine learning".to_string()));
    }

    #[test]
    fn punctuated_names_match_whole() {
        let found = names("Built services in C++, C# and .NET with Node.js and CI/CD.");
        assert_eq!(found, vec!["c++", "c#", ".net", "node.js", "ci/cd"]);
    }

    #[test]
    fn java_is_not_found_inside_javascript() {
        assert_eq!(names("Wrote JavaScript daily"), vec!["javascript"]);
        assert_eq!(names("Java and JavaScript"), vec!["java", "javascript"]);
    }

    #[test]
    fn react_is_not_found_inside_reactive() {
        assert!(
            names("a reactive, proactive approach to reactivity")
                .iter()
                .all(|n| n != "react")
        );
        assert_eq!(names("Built UI in React.js"), vec!["react"]);
    }

    #[test]
    fn hyphen_suffix_keeps_the_skill() {
        assert_eq!(names("Python-based tooling"), vec!["python"]);
    }

    #[test]
    fn alias_maps_to_canonical_name() {
        assert_eq!(
            names("Deployed to k8s from Postgres"),
            vec!["kubernetes", "postgresql"]
        );
        assert_eq!(names("Golang services"), vec!["go"]);
    }

    #[test]
    fn longest_match_wins() {
        assert_eq!(
            names("Spring Boot microservices"),
            vec!["spring boot", "microservices"]
        );
        assert_eq!(names("machine learning"), vec!["machine learning"]);
    }

    #[test]
    fn name_wrapped_over_two_lines_matches() {
        assert_eq!(names("applied machine\nlearning"), vec!["machine learning"]);
    }

    #[test]
    fn go_to_market_is_not_go() {
        assert_eq!(
            names("Owned the go-to-market plan"),
            vec!["go-to-market strategy"]
        );
        assert!(names("Go-to-market launch").iter().all(|n| n != "go"));
    }

    #[test]
    fn common_words_need_context() {
        assert!(
            names("Going forward we excel at customer care")
                .iter()
                .all(|n| n != "go")
        );
        assert!(names("I excel at planning.").is_empty());
        assert!(names("Red team").is_empty());
        assert!(names("Make sure to go home. We had a word.").is_empty());
        assert!(names("Joined in Spring 2020").is_empty());
        assert!(names("Led R&D projects").iter().all(|n| n != "r"));
    }

    #[test]
    fn all_caps_ada() {
        assert!(
            names("- Working knowledge of FMLA, ADA, Title VII and FLSA")
                .iter()
                .all(|n| n != "ada")
        );
        assert!(names("Languages: Ada, C, Rust").contains(&"ada".to_string()));
        assert!(
            names("Handled ADA compliance for the plant")
                .contains(&"ada accommodations".to_string())
        );
    }

    #[test]
    fn trade_and_claims_entries_are_found() {
        let text = "Xactimate and Guidewire ClaimCenter; laminated doughs, chocolate tempering, \
                    sugar work and food costing; CCTV monitoring; NALA certified paralegal; \
                    STNA; Healthcare IT";
        let found = names(text);
        for name in [
            "xactimate",
            "guidewire claimcenter",
            "laminated dough",
            "chocolate work",
            "sugar work",
            "food costing",
            "cctv monitoring",
            "certified paralegal",
            "certified nursing assistant",
            "healthcare it",
        ] {
            assert!(found.iter().any(|n| n == name), "{name} in {found:?}");
        }
    }

    #[test]
    fn common_words_count_in_technical_context() {
        assert_eq!(names("Services in Go and Python"), vec!["go", "python"]);
        assert_eq!(
            names("Languages: Go, Rust, Python"),
            vec!["go", "rust", "python"]
        );
        assert_eq!(
            names("Built reports using Excel and SQL"),
            vec!["excel", "sql"]
        );
        assert_eq!(names("Senior Go developer"), vec!["go"]);
        assert_eq!(names("statistics in R"), vec!["statistics", "r"]);
        assert_eq!(
            names("Microsoft Office applications, in particular Excel"),
            vec!["microsoft office", "excel"]
        );
    }

    #[test]
    fn version_glued_to_symbol_name() {
        assert_eq!(names("C++17, Python"), vec!["c++", "python"]);
        assert_eq!(names("Built services in Java8"), vec!["java"]);
        assert_eq!(names("Engines in C++11 and C++14"), vec!["c++", "c++"]);
        assert!(names("C++2023x").is_empty());
    }

    #[test]
    fn places_and_stray_letters() {
        assert!(
            names("Staff RN, Saguaro Medical Center, Phoenix, AZ")
                .iter()
                .all(|n| n != "phoenix")
        );
        assert!(names("Elixir services in Phoenix and Ecto").contains(&"phoenix".to_string()));
        let office = names("Skills\nMS Word, MS Excel, MS PowerPoint");
        assert_eq!(office, ["microsoft word", "excel", "powerpoint"]);
        let tax = names("Prepared Form 1040 with Schedules A, C and D in Drake Tax");
        assert!(tax.iter().all(|n| n != "c"), "{tax:?}");
        let hvac = names("Commercial HVAC/R · chillers · heat pumps");
        assert!(hvac.iter().all(|n| n != "r"), "{hvac:?}");
        let languages = names("Languages: C, R and Go");
        let dotted = names("Languages · C · R · Go");
        assert!(dotted.contains(&"c".to_string()), "{dotted:?}");
        assert!(dotted.contains(&"r".to_string()), "{dotted:?}");
        assert!(languages.contains(&"c".to_string()), "{languages:?}");
        assert!(languages.contains(&"r".to_string()), "{languages:?}");
        assert!(
            names("Care for post-PCI patients")
                .iter()
                .all(|n| n != "pci dss")
        );
    }

    #[test]
    fn resume_wordings_name_their_skills() {
        let cases = [
            ("- Static and modal FEA in ANSYS Mechanical", "ansys"),
            ("SOLIDWORKS 2022 · ANSYS Fluent and Mechanical", "ansys"),
            (
                "- Thermal and structural analysis of nacelles",
                "stress analysis",
            ),
            ("- Water sample prep and titrations", "titration"),
            (
                "- IV therapy and titration per protocol",
                "titration of drips",
            ),
            (
                "- Built the Zendesk macros that route tickets",
                "zendesk administration",
            ),
            ("- Designed hydraulic manifolds in Creo", "hydraulics"),
            ("- Led the ERP migration to NetSuite", "erp implementation"),
            (
                "- Router resets and Wi-Fi troubleshooting",
                "network troubleshooting",
            ),
            (
                "- Administered IV medications and blood products",
                "blood transfusion",
            ),
            ("- Led a falls reduction project", "fall prevention"),
            ("- Preceptor for eight new-graduate nurses", "preceptorship"),
            (
                "- Comfortable speaking in front of groups",
                "public speaking",
            ),
            (
                "- Supervise 42 associates across receiving, putaway, picking and shipping",
                "order picking",
            ),
            (
                "- Reconciled physical counts against SAP",
                "physical inventory",
            ),
            ("- Attend IEP and 504 meetings", "504 plans"),
            (
                "- Progress monitoring with curriculum-based measures",
                "curriculum-based measurement",
            ),
            (
                "- Chat support: billing questions and outages",
                "billing inquiries",
            ),
            ("- Plan lessons with GLAD strategies", "lesson planning"),
            (
                "- Handled returns and exchanges at the register",
                "returns processing",
            ),
            (
                "California Harassment Prevention Trainer certificate",
                "harassment prevention training",
            ),
            (
                "- Led the post-incident review process",
                "incident management",
            ),
            (
                "Data analyst, formerly in retail store management",
                "retail management",
            ),
            (
                "- Supervise receiving and e-commerce pick-pack",
                "e-commerce fulfillment",
            ),
            (
                "- Pull vacuum and charge by superheat",
                "refrigerant charging",
            ),
            ("- Negotiate pricing with distributors", "negotiation"),
        ];
        for (text, skill) in cases {
            let found = names(text);
            assert!(found.contains(&skill.to_string()), "{text}: {found:?}");
        }
    }

    #[test]
    fn picking_outside_warehouse_list_is_nothing() {
        let found = names("- Picking up extra weekend shifts");
        assert!(!found.contains(&"order picking".to_string()), "{found:?}");
        let found = names("- Avoided cherry picking the easy tickets");
        assert!(!found.contains(&"order picking".to_string()), "{found:?}");
    }

    #[test]
    fn hand_and_power_tools_are_two_skills() {
        let found = names("- Use of hand and power tools; food handler card");
        for name in ["hand tools", "power tools", "food handler card"] {
            assert!(found.contains(&name.to_string()), "{name}: {found:?}");
        }
    }

    #[test]
    fn departments_are_not_skills() {
        let text = "Works with creative, merchandising and analytics partners and the sales team.";
        let found = names(text);
        assert!(
            found.iter().all(|n| n != "merchandising" && n != "sales"),
            "{found:?}"
        );
        let columns = names("Shipping and receiving          Team leadership and coaching");
        assert!(
            columns.contains(&"shipping and receiving".to_string()),
            "{columns:?}"
        );
        let heads = names("- Present the review to the VP of Sales and the CFO");
        assert!(heads.iter().all(|n| n != "sales"), "{heads:?}");
        let own = names("VP of Sales, Orrin Supply");
        assert!(own.contains(&"sales".to_string()), "{own:?}");
        let specific = names("Built B2B sales teams in packaging machinery");
        assert!(specific.contains(&"b2b sales".to_string()), "{specific:?}");
    }

    #[test]
    fn lower_case_list_needs_a_plain_skill() {
        assert_eq!(names("python, go, rust"), vec!["python", "go", "rust"]);
        assert!(names("go, stop").is_empty());
    }

    #[test]
    fn common_words_in_prose_are_not_skills() {
        let text = "Power BI reports for inventory management teams, replacing old ones";
        assert_eq!(names(text), vec!["power bi", "inventory management"]);
        assert!(
            names("Drafted audit workpapers and management letter notes")
                .iter()
                .all(|n| n != "management")
        );
        assert!(
            names("Won the bid, closing the first deals with Salesforce")
                .iter()
                .all(|n| n != "closing")
        );
        assert!(
            names("10M+ requests/day on Kubernetes")
                .iter()
                .all(|n| n != "requests")
        );
    }

    #[test]
    fn skill_list_range_accepts_listed_common_words() {
        let text = "excel, word\n";
        let whole = std::ops::Range {
            start: 0,
            end: text.len(),
        };
        let found = Gazetteer::builtin().find_with_lists(text, std::slice::from_ref(&whole));
        let found: Vec<String> = found.into_iter().map(|m| m.name).collect();
        assert_eq!(found, vec!["excel", "microsoft word"]);
    }

    #[test]
    fn organisation_names_are_not_skills() {
        assert!(names("Analyst, Brightwell Logistics Software").is_empty());
        assert!(names("Accountant — Coralgate Hospitality Group").is_empty());
        assert!(names("Clerk at Carraway Freight").is_empty());
        assert_eq!(
            names("Logistics and freight planning"),
            vec!["logistics", "freight"]
        );
        assert_eq!(names("Amazon Web Services"), vec!["aws"]);
    }

    #[test]
    fn venues_and_animals_are_not_skills() {
        assert!(names("Usher, Spark Arena, Auckland").is_empty());
        assert!(names("Jl. Merdeka 10, Surabaya, East Java, Indonesia").is_empty());
        assert!(names("Relocating to Spring, Texas").is_empty());
        assert!(names("Guided visitors from Perl Island").is_empty());
        assert_eq!(names("Java, Python"), vec!["java", "python"]);
        assert!(names("Fed the red pandas and logged their weights").is_empty());
        assert_eq!(
            names("Built Jenkins jobs for Spark"),
            vec!["jenkins", "spark"]
        );
        assert_eq!(names("Wrote scripts with pandas"), vec!["pandas"]);
    }

    #[test]
    fn clinic_school_and_sales_senses_are_not_tech() {
        assert_eq!(
            names("GCP training (CITI) for study coordinators"),
            vec!["good clinical practice"]
        );
        assert_eq!(
            names("Float to PACU and L&D as needed"),
            vec!["perioperative care"]
        );
        assert!(names("Lead the grade-level PLC each week").is_empty());
        assert!(names("Spark conversations with new prospects").is_empty());
        assert_eq!(
            names("Implemented SAP or Oracle ERP; ran Oracle OTM"),
            vec![
                "sap",
                "oracle financials",
                "oracle transportation management"
            ]
        );
        assert_eq!(names("Deployed on GCP and AWS"), vec!["gcp", "aws"]);
    }

    #[test]
    fn endorsements_are_separate_skills() {
        assert_eq!(
            names("Class A CDL with tanker endorsement"),
            vec!["cdl", "tanker endorsement"]
        );
        assert_eq!(
            names("Doubles/triples endorsement"),
            vec!["doubles/triples endorsement"]
        );
    }

    #[test]
    fn abbreviations_in_other_senses_are_not_skills() {
        assert_eq!(
            names("Reconcile AP/AR ledgers each month"),
            vec!["accounts payable", "accounts receivable"]
        );
        assert_eq!(
            names("AR / AP clerk"),
            vec!["accounts receivable", "accounts payable"]
        );
        assert!(names("Built an AP scheduler").is_empty());
        assert!(
            names("CPP certification for payroll staff")
                .iter()
                .all(|n| n != "c++")
        );
        assert!(
            names("Patients with CAD and heart failure")
                .iter()
                .all(|n| n != "cad")
        );
        assert_eq!(
            names("Built AR apps in Unity"),
            vec!["augmented reality", "unity"]
        );
        assert_eq!(names("Wrote CPP services"), vec!["c++"]);
        let payroll = names("Payroll Manager\nRun payroll for 900 staff.\n- CPP required\n");
        assert!(payroll.iter().all(|n| n != "c++"), "{payroll:?}");
    }

    #[test]
    fn season_with_year_is_not_a_skill() {
        assert!(
            names("Student teaching: Spring 2018, Lakeview School")
                .iter()
                .all(|n| n != "spring")
        );
    }

    #[test]
    fn multibyte_whitespace_before_a_skill_is_handled() {
        assert_eq!(
            names("databases:\u{202f} Oracle / Postgres"),
            vec!["oracle database", "postgresql"]
        );
    }

    #[test]
    fn email_and_url_are_skipped() {
        assert!(names("jane.python@example.com https://github.com/x").is_empty());
    }

    #[test]
    fn offsets_point_into_the_text() {
        let text = "We use Kubernetes.";
        let found = Gazetteer::builtin().find(text);
        assert_eq!(&text[found[0].start..found[0].end], "Kubernetes");
        assert_eq!(found[0].skill_id, "kubernetes");
    }

    #[test]
    fn empty_gazetteer_finds_nothing() {
        assert!(Gazetteer::default().find("python").is_empty());
    }

    #[test]
    fn plural_and_spacing_variants_match() {
        let found = names("Weekly account reconciliations and month end close.");
        assert_eq!(found, vec!["account reconciliation", "month-end close"]);
        assert_eq!(names("Zebra RF scanner, daily"), vec!["rf scanners"]);
        assert_eq!(
            names("Certified on forklifts and pallet jacks"),
            vec!["forklift operation", "pallet jack"]
        );
    }

    #[test]
    fn hyphenated_and_spaced_forms_match() {
        assert_eq!(
            names("Root-cause analysis and problem-solving"),
            vec!["root cause analysis", "problem solving"]
        );
        assert_eq!(names("Managed month end close"), vec!["month-end close"]);
        assert_eq!(names("Go to-market plan"), vec!["go-to-market strategy"]);
    }

    #[test]
    fn surfaces_folding_together_keep_the_first_skill() {
        let text = "first\tfirst\ttool\tab-cd\tnone\nsecond\tsecond\ttool\tab cd\tnone\n";
        let taxonomy = crate::skills::Taxonomy::from_tsv(text).expect("taxonomy is valid");
        let found = Gazetteer::new(&taxonomy).find("uses ab cd and ab-cd");
        let ids: Vec<&str> = found.iter().map(|m| m.skill_id.as_str()).collect();
        assert_eq!(ids, vec!["first", "first"]);
    }

    #[test]
    fn coordinated_phrases_name_both_skills() {
        assert_eq!(
            names("Commercial and residential wiring"),
            vec!["commercial wiring", "residential wiring"]
        );
        assert_eq!(
            names("Managed accounts payable and receivable"),
            vec!["accounts payable", "accounts receivable"]
        );
        assert_eq!(
            names("Daily shipping/receiving"),
            vec!["shipping and receiving"]
        );
        assert_eq!(
            names("Troubleshoot hydraulic and pneumatic systems"),
            vec!["troubleshooting", "hydraulics", "pneumatics"]
        );
        assert_eq!(
            names("Performed preventive and corrective maintenance"),
            vec!["preventive maintenance", "corrective maintenance"]
        );
    }

    #[test]
    fn plural_role_names_are_people() {
        let found = names("Coached six account executives");
        assert!(found.iter().all(|n| n != "account executive"), "{found:?}");
    }

    #[test]
    fn field_names_in_prose_are_not_skills() {
        let text = "Senior accounting lead at a public accounting firm.\n\
            Gave discharge teaching to patients.\nRan the billing system cutover.\n\
            HR manager for a small plant.";
        // Teaching patients is patient education, not the teaching of a school subject.
        assert_eq!(names(text), vec!["patient education"]);
        let listed = names("Skills: Accounting, GAAP, Excel");
        assert!(listed.contains(&"accounting".to_string()));
    }

    #[test]
    fn audits_of_a_subject_are_not_auditing() {
        let found = names("Ran a site accessibility audit");
        assert!(found.iter().all(|n| n != "auditing"), "{found:?}");
        assert_eq!(names("Planned the external audit"), vec!["auditing"]);
    }

    #[test]
    fn bare_plc_is_not_programming() {
        let found = names("Skills: PLCs (Allen-Bradley), VFDs");
        assert!(found.iter().all(|n| n != "plc programming"), "{found:?}");
        assert_eq!(
            names("Traced PLC faults on the press line"),
            vec!["plc troubleshooting"]
        );
        assert_eq!(
            names("PLC programming for packaging cells"),
            vec!["plc programming"]
        );
    }

    #[test]
    fn credentials_and_duplicates_resolve() {
        assert_eq!(
            names("Lean Six Sigma Green Belt, 2022"),
            vec!["six sigma green belt"]
        );
        assert_eq!(
            names("Mental Health First Aid, 2024"),
            vec!["mental health first aid"]
        );
        assert_eq!(
            names("- Administer leaves of absence for 300 staff"),
            vec!["leave administration"]
        );
        assert_eq!(
            names("Sandler Sales Training, 2019"),
            vec!["sandler selling system"]
        );
        assert_eq!(
            names("- Own the design verification test plans"),
            vec!["design verification testing"]
        );
    }

    #[test]
    fn ordinary_words_name_no_product() {
        assert!(names("Cut fan noise by 3 dBA at full speed").is_empty());
        assert!(names("Post-catheterisation care").is_empty());
        assert!(names("Supported operating-room staff").is_empty());
        assert!(names("Tracked caregiver certifications").is_empty());
        assert!(names("Safe, on time and tidy.").is_empty());
        assert!(names("Worked with teams, hold the line on tolerances").is_empty());
        assert_eq!(names("Owned data integrity"), vec!["data integrity"]);
    }

    #[test]
    fn market_and_company_words_are_no_skills() {
        let demand = names("4+ years of B2B demand generation experience");
        assert!(!demand.contains(&"b2b sales".to_string()), "{demand:?}");
        assert_eq!(
            names("Twenty years in B2B software sales"),
            vec!["b2b sales"]
        );
        assert!(names("Drove Plan B when the C-suite asked").is_empty());
        assert!(names("Spire London East Hospital is hiring").is_empty());
    }

    #[test]
    fn design_review_is_not_design_critique() {
        assert_eq!(
            names("Led design reviews for the parser"),
            vec!["design reviews"]
        );
    }

    #[test]
    fn verb_phrases_name_people_skills() {
        assert_eq!(names("Train and mentor two interns"), vec!["mentoring"]);
        assert_eq!(names("Experience training new hires"), vec!["training"]);
        assert_eq!(names("2 years managing people"), vec!["management"]);
        assert_eq!(
            names("Trusted with confidential information"),
            vec!["confidentiality"]
        );
    }
}
