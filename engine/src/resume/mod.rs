//! Resume understanding: sections, contact details, experience and skills.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::skills::Gazetteer;

/// A skill found in a resume.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResumeSkill {
    /// Canonical skill name.
    pub skill: String,
    /// Stable id of the canonical skill.
    pub skill_id: String,
    /// Years of experience with the skill, when the resume states or implies it.
    pub experience_years: Option<f64>,
    /// Proficiency in [0, 1], when known.
    pub proficiency: Option<f64>,
    /// Number of mentions in the document.
    pub mentions: u32,
    /// Where the skill was found, such as `matcher` or a section name.
    pub source: Vec<String>,
}

/// Candidate profile.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Profile {
    /// Summary paragraph, empty when the resume has none.
    pub summary: String,
    /// Length of the union of the experience intervals, in years with one decimal.
    pub total_experience_years: Option<f64>,
    /// Candidate name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// E-mail address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Phone number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// Counts about the parsed text.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Statistics {
    /// Characters in the text.
    pub characters: usize,
    /// Whitespace-separated tokens in the text.
    pub tokens: usize,
    /// Distinct skills found.
    pub skills_detected: usize,
}

/// What the engine understood of a resume.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ParsedResume {
    /// Skills, most mentioned first.
    pub skills: Vec<ResumeSkill>,
    /// Section text keyed by `SUMMARY`, `EXPERIENCE`, `EDUCATION`, `SKILLS`, `PROJECTS`,
    /// `CERTIFICATIONS`.
    pub sections: BTreeMap<String, String>,
    /// Candidate profile.
    pub profile: Profile,
    /// Counts about the text.
    pub statistics: Statistics,
}

/// Parses resume text. `as_of` is the date that "present" stands for.
pub fn parse_resume(_text: &str, _gazetteer: &Gazetteer, _as_of: NaiveDate) -> ParsedResume {
    ParsedResume::default()
}
