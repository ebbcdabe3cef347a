//! Resume understanding: sections, contact details, experience and skills.

mod contact;
mod experience;
mod sections;
mod skills;

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
///
/// The result depends only on the inputs, so the same text always gives the same output.
pub fn parse_resume(text: &str, gazetteer: &Gazetteer, as_of: NaiveDate) -> ParsedResume {
    let found_sections = sections::split_sections(text);
    let mut section_text: BTreeMap<String, String> = BTreeMap::new();
    for section in &found_sections {
        let body = text[section.body.clone()].trim();
        let entry = section_text.entry(section.name.to_string()).or_default();
        if !entry.is_empty() && !body.is_empty() {
            entry.push('\n');
        }
        entry.push_str(body);
    }

    let list_ranges: Vec<_> = found_sections
        .iter()
        .filter(|s| s.name == "SKILLS")
        .map(|s| s.body.clone())
        .collect();
    let matches = gazetteer.find_with_lists(text, &list_ranges);
    let skills = skills::tally(text, &matches, &found_sections);

    let profile = Profile {
        summary: section_text.get("SUMMARY").cloned().unwrap_or_default(),
        total_experience_years: experience_years(text, &found_sections, as_of),
        name: contact::name(text, sections::is_heading),
        email: contact::email(text),
        phone: contact::phone(text),
    };
    let statistics = Statistics {
        characters: text.chars().count(),
        tokens: text.split_whitespace().count(),
        skills_detected: skills.len(),
    };
    tracing::debug!(
        sections = section_text.len(),
        skills = skills.len(),
        characters = statistics.characters,
        "parsed resume"
    );
    ParsedResume {
        skills,
        sections: section_text,
        profile,
        statistics,
    }
}

/// Reads experience intervals from the Experience sections, or from the whole text except
/// Education when the resume has no Experience heading.
fn experience_years(text: &str, found: &[sections::Section], as_of: NaiveDate) -> Option<f64> {
    let experience: Vec<_> = found.iter().filter(|s| s.name == "EXPERIENCE").collect();
    let ranges = if experience.is_empty() {
        let mut ranges = experience::month_ranges(text, as_of);
        let education = found.iter().filter(|s| s.name == "EDUCATION");
        for section in education {
            let inside = experience::month_ranges(&text[section.body.clone()], as_of);
            ranges.retain(|r| !inside.contains(r));
        }
        ranges
    } else {
        experience
            .iter()
            .flat_map(|s| experience::month_ranges(&text[s.body.clone()], as_of))
            .collect()
    };
    experience::total_years(ranges)
}
