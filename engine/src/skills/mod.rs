//! Skill taxonomy, gazetteer matching and job requirement extraction.

use serde::Serialize;

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
        Self::default()
    }
}

/// One skill found in a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SkillMatch {
    /// Stable id of the canonical skill.
    pub skill_id: String,
    /// Canonical name.
    pub name: String,
    /// Byte offset of the match start in the searched text.
    pub start: usize,
    /// Byte offset one past the match end.
    pub end: usize,
}

/// Finds taxonomy skills in text.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {}

impl Gazetteer {
    /// Builds the matcher for a taxonomy.
    pub fn new(_taxonomy: &Taxonomy) -> Self {
        Self {}
    }

    /// Returns every skill mention in `text`, in text order, without overlaps.
    pub fn find(&self, _text: &str) -> Vec<SkillMatch> {
        Vec::new()
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
}

/// A soft skill asked for by a job.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SoftSkill {
    /// Canonical name.
    pub skill: String,
    /// Weight in [0, 1].
    pub value: f64,
}

/// What the engine understood of a job description.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ParsedJob {
    /// Hard-skill requirements, most important first.
    pub requirements: Vec<JobRequirement>,
    /// Soft skills.
    pub soft_skills: Vec<SoftSkill>,
}

/// Extracts requirements with importance and soft skills from a job description.
pub fn parse_job(_text: &str, _gazetteer: &Gazetteer) -> ParsedJob {
    ParsedJob::default()
}
