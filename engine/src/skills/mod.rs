//! Skill taxonomy, gazetteer matching and job requirement extraction.
//!
//! Soft skills are found by name and alias like any skill, and also through phrases that
//! describe them ("communicates clearly with families", "a steady leader"), as the `phrases`
//! module documents. A few tasks written as verb phrases ("cleaned survey files") are found
//! the same way.
//!
//! The taxonomy ships as `engine/data/skills.tsv` (format in the `taxonomy` module). A
//! [`Gazetteer`] is built once from it and reused for every document.

mod alternatives;
mod context;
mod coordination;
mod gazetteer;
mod grid;
mod job_facts;
mod phrases;
mod requirements;
mod subsume;
mod taxonomy;
mod unread;
mod variants;
mod wrapped;

pub(crate) use context::{
    ORGANISATION_SUFFIXES, ORGANISATION_SUFFIXES_AFTER, REGION_CODES, line_range, symbol_bullet,
};
pub(crate) use job_facts::{COUNT, decades_in_years, length_in_years, marks_point_in_time};
pub(crate) use subsume::{
    drop_implied_languages, drop_product_features, drop_subsumed, drop_tool_families,
};

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use serde::Serialize;

pub use requirements::{PREFERRED_MAX, mention_importance, parse_job};
pub use taxonomy::TaxonomyError;

/// How much evidence a surface form needs before it counts as a skill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Ambiguity {
    /// The form is specific enough on its own (`kubernetes`, `golang`).
    #[default]
    None,
    /// The form counts when capitalised (`Epic`, `SAP`) or listed with other skills.
    Case,
    /// The form is a common word (`go`, `excel`, `spring`) and needs a technical context.
    Context,
}

/// A canonical skill of the taxonomy.
#[derive(Debug, Clone, Serialize)]
pub struct SkillEntry {
    /// Stable identifier, such as `kubernetes` or `cpp`.
    pub id: String,
    /// Canonical display name, lower case, such as `kubernetes` or `c++`.
    pub name: String,
    /// Other spellings that mean the same skill.
    pub aliases: Vec<String>,
    /// Category such as `language`, `framework`, `database`, `cloud`, `tool`, `soft`.
    pub category: String,
    /// Evidence the canonical name needs before it counts as a skill.
    pub ambiguity: Ambiguity,
    /// Aliases (also listed in `aliases`) that are common words and need context.
    pub ambiguous_aliases: Vec<String>,
}

/// The skill taxonomy shipped with the engine.
#[derive(Debug, Clone, Default)]
pub struct Taxonomy {
    /// Canonical skills.
    pub skills: Vec<SkillEntry>,
}

impl Taxonomy {
    /// Loads the taxonomy compiled into the crate.
    pub fn builtin() -> Self {
        taxonomy::parse_tsv(taxonomy::BUILTIN_TSV)
            .expect("the builtin taxonomy is validated by the taxonomy tests")
    }

    /// Parses a taxonomy in the `skills.tsv` format and rejects duplicate ids, names or
    /// aliases.
    pub fn from_tsv(text: &str) -> Result<Self, TaxonomyError> {
        taxonomy::parse_tsv(text)
    }
}

/// One skill found in a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SkillMatch {
    /// Stable id of the canonical skill.
    pub skill_id: String,
    /// Canonical name.
    pub name: String,
    /// Category of the canonical skill, such as `language` or `soft`.
    pub category: String,
    /// Byte offset of the match start in the searched text.
    pub start: usize,
    /// Byte offset one past the match end.
    pub end: usize,
}

/// Finds taxonomy skills in text.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    automaton: Option<AhoCorasick>,
    patterns: Vec<gazetteer::Pattern>,
    skills: Vec<gazetteer::SkillRef>,
    /// Surfaces that need no context, with hyphens as spaces, mapped to their skill index.
    plain_surfaces: HashMap<String, usize>,
    phrase_rules: Vec<phrases::CompiledRule>,
    traits: Vec<(String, usize)>,
}

static BUILTIN: LazyLock<Gazetteer> = LazyLock::new(|| Gazetteer::new(&Taxonomy::builtin()));

impl Gazetteer {
    /// Builds the matcher for a taxonomy.
    pub fn new(taxonomy: &Taxonomy) -> Self {
        let built = gazetteer::build(taxonomy);
        Self {
            automaton: built.automaton,
            patterns: built.patterns,
            skills: built.skills,
            plain_surfaces: built.plain_surfaces,
            phrase_rules: built.phrase_rules,
            traits: built.traits,
        }
    }

    /// Returns the matcher for the builtin taxonomy, built on first use.
    pub fn builtin() -> &'static Self {
        &BUILTIN
    }

    /// Returns every skill mention in `text`, in text order, without overlaps.
    pub fn find(&self, text: &str) -> Vec<SkillMatch> {
        self.find_with_lists(text, &[])
    }

    /// Checks whether the canonical name of skill `skill_id` is a common word (ambiguity
    /// `context` in the taxonomy), such as `sales` or `maintenance`.
    pub(crate) fn is_common_word(&self, skill_id: &str) -> bool {
        self.skills
            .iter()
            .any(|skill| skill.id == skill_id && skill.ambiguity == Ambiguity::Context)
    }

    /// Like [`Gazetteer::find`], but treats the byte ranges in `list_ranges` as skill lists
    /// (such as a resume's Skills section), where ambiguous names such as `Go` or `Excel`
    /// need only list punctuation around them.
    pub fn find_with_lists(&self, text: &str, list_ranges: &[Range<usize>]) -> Vec<SkillMatch> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let tables = gazetteer::Tables {
            patterns: &self.patterns,
            skills: &self.skills,
            plain_surfaces: &self.plain_surfaces,
            phrase_rules: &self.phrase_rules,
            traits: &self.traits,
        };
        gazetteer::find(automaton, &tables, text, list_ranges)
    }
}

/// A requirement of a job.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JobRequirement {
    /// Canonical skill name.
    pub skill: String,
    /// Stable id of the canonical skill.
    pub skill_id: String,
    /// Importance in [0, 1].
    pub importance: f64,
    /// True when the requirement was inferred rather than stated in the text.
    pub inferred: bool,
    /// Number of the group of alternatives the requirement belongs to, when the posting offers
    /// it as one of several ("Python, Ruby or Go"). Any one member of a group meets the need.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub any_of: Option<usize>,
}

/// A soft skill asked for by a job.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SoftSkill {
    /// Canonical name.
    pub skill: String,
    /// Weight in [0, 1].
    pub value: f64,
}

/// Requirements and soft skills parsed from a job description.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ParsedJob {
    /// Hard-skill requirements, most important first.
    pub requirements: Vec<JobRequirement>,
    /// Soft skills.
    pub soft_skills: Vec<SoftSkill>,
    /// Minimum years of experience asked for, when stated ("5+ years" gives 5).
    pub required_years: Option<f64>,
    /// Minimum education level asked for, when stated: `high school`, `certificate`,
    /// `associate`, `bachelor`, `master` or `doctorate`.
    pub education_level: Option<String>,
    /// Whether the job accepts equivalent experience in place of that level ("Bachelor's
    /// degree or equivalent experience").
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub equivalent_experience: bool,
    /// Years of experience the job accepts in place of that level, when it states a figure
    /// ("Bachelor's degree or 4 years of relevant experience" gives 4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub equivalent_years: Option<f64>,
    /// ISO 639-1 code of the job text's language, when it could be detected.
    pub language: Option<String>,
    /// Conditions that may make the result incomplete, such as a job text that is not in
    /// English.
    pub warnings: Vec<String>,
    /// Provenance of requirements that did not come from the taxonomy matcher, keyed by skill
    /// id, such as `llm` for the optional LLM step. Empty for the engine's own results.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub requirement_sources: BTreeMap<String, String>,
}
