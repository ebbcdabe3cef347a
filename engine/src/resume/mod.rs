//! Resume understanding: sections, contact details, experience, education, certifications,
//! language and skills.

mod completion;
mod contact;
mod descriptions;
mod education;
mod entries;
mod experience;
pub(crate) mod language;
pub(crate) mod places;
mod proficiency;
mod sections;
mod skills;

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::skills::Gazetteer;

pub use education::Education;
pub use entries::ExperienceEntry;

/// A skill found in a resume.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResumeSkill {
    /// Canonical skill name.
    pub skill: String,
    /// Stable id of the canonical skill.
    pub skill_id: String,
    /// Years of experience with the skill, when the resume states or implies it.
    pub experience_years: Option<f64>,
    /// Proficiency in [0, 1] from a level the resume states ("Python (expert)" is 1.0,
    /// "Advanced Excel" 0.75, "working knowledge of SQL" 0.5, "basic R" 0.25).
    pub proficiency: Option<f64>,
    /// Number of mentions in the document.
    pub mentions: u32,
    /// Provenance of the skill, such as `matcher` or a section name.
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
    /// LinkedIn profile address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub linkedin: Option<String>,
    /// GitHub profile or repository address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub github: Option<String>,
    /// Personal site or portfolio address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
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

/// Sections, profile, skills and statistics parsed from a resume.
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
    /// Jobs of the Experience section, in document order.
    pub experience: Vec<ExperienceEntry>,
    /// Education entries, in document order.
    pub education: Vec<Education>,
    /// Degrees with their field, such as `B.S. Computer Science`, in document order. A degree
    /// still being studied for ends in "(in progress)" and one left unfinished in "(not
    /// completed)".
    pub degrees: Vec<String>,
    /// Certifications and licences listed in the Certifications section.
    pub certifications: Vec<String>,
    /// ISO 639-1 code of the document language, when it could be detected.
    pub language: Option<String>,
    /// Conditions that may make the result incomplete, such as a document that is not in
    /// English.
    pub warnings: Vec<String>,
    /// The date that "present" means in the experience dates. `None` when another parser read
    /// the resume and its date is unknown.
    pub as_of: Option<NaiveDate>,
}

impl ParsedResume {
    /// Returns the levels of the completed degrees, in document order: the ones that meet a
    /// job's education level.
    pub fn completed_levels(&self) -> Vec<String> {
        self.education
            .iter()
            .filter(|entry| entry.completed)
            .map(|entry| entry.level.clone())
            .collect()
    }
}

/// Parses resume text. `as_of` is the date that "present" stands for.
///
/// The result depends only on the inputs, so the same text always gives the same output.
pub fn parse_resume(text: &str, gazetteer: &Gazetteer, as_of: NaiveDate) -> ParsedResume {
    let text = &crate::extract::page_breaks_as_lines(text);
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
    let name = contact::name(text, sections::is_heading);
    let name_span = name.as_deref().and_then(|name| name_span(text, name));
    let links = contact::links(text, sections::first_heading_start(text, &found_sections));
    let mut matches = gazetteer.find_with_lists(text, &list_ranges);
    // "GitHub" in "GitHub: sardal" labels a link, not a skill.
    matches.retain(|found| {
        !links
            .labels
            .iter()
            .any(|label| label.contains(&found.start))
    });
    // "Ruby Chen" or "Ada Fenwick" at the top is a person, not a language, and so is the
    // same name further down ("references from Ada Fenwick's manager").
    matches.retain(|found| {
        !name_span
            .as_ref()
            .is_some_and(|span| span.contains(&found.start))
    });
    if let Some(name) = name.as_deref() {
        matches.retain(|found| !descriptions::repeats_name(text, found, name));
    }
    matches.retain(|found| !descriptions::names_person(text, found));
    let break_lines = experience::break_lines(text);
    matches.retain(|found| {
        !outside_claims(text, found.start, &found_sections, &break_lines)
            || names_technical_role(text, found, &found_sections)
            || names_held_role(text, found)
    });
    let header_end = sections::first_heading_start(text, &found_sections);
    matches.retain(|found| !in_headline_title(text, found.start, header_end));
    matches.retain(|found| !names_client_kind(text, found));
    matches.retain(|found| !reports_metric_value(text, found));
    matches.retain(|found| {
        !(descriptions::describes_organisation(text, found)
            || descriptions::names_product_sold(text, found)
            || descriptions::not_held(text, found)
            || descriptions::expired_before(text, found, as_of)
            || descriptions::held_by_another(text, found)
            || descriptions::done_by_others(text, found)
            || descriptions::names_other_trades(text, found)
            || descriptions::names_role(text, found)
            || descriptions::names_role_kind(text, found)
            || descriptions::spoken_by_others(text, found)
            || descriptions::unit_of_cost(text, found)
            || descriptions::names_sized_business(text, found)
            || descriptions::names_market(text, found))
    });
    crate::skills::drop_subsumed(text, &mut matches, gazetteer);
    crate::skills::drop_product_features(text, &mut matches);
    crate::skills::drop_tool_families(&mut matches);
    let language = language::detect(language::sample(text), sections::english_headings(text));
    crate::skills::drop_implied_languages(&mut matches, language.as_deref());
    let (experience, range_warnings) = entries::entries(text, &found_sections, as_of);
    let skills = skills::tally(text, &matches, &found_sections, &experience);

    let profile = Profile {
        summary: section_text.get("SUMMARY").cloned().unwrap_or_default(),
        total_experience_years: experience::total_years(
            experience
                .iter()
                .filter(|e| !e.unpaid)
                .flat_map(|e| e.months.clone())
                .collect(),
        ),
        name,
        email: contact::email(text),
        phone: contact::phone(text),
        linkedin: links.linkedin,
        github: links.github,
        website: links.website,
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
    let mut education = education_entries(text, &found_sections);
    for entry in &mut education {
        if entry.year.is_some_and(|year| year > as_of.year()) {
            entry.mark_in_progress();
        }
    }
    let mut warnings = language::warnings(language.as_deref());
    warnings.extend(range_warnings);
    let certifications = found_sections
        .iter()
        .flat_map(|s| {
            let body = &text[s.body.clone()];
            match s.name {
                "CERTIFICATIONS" => education::certifications(body, as_of),
                "EDUCATION" if education::heading_names_credentials(heading_above(text, s)) => {
                    education::credential_lines(body, as_of)
                }
                "SKILLS" if education::heading_names_qualifications(heading_above(text, s)) => {
                    education::qualification_lines(body, as_of)
                }
                _ => Vec::new(),
            }
        })
        // A profile export puts the name below its sidebar of certifications.
        .filter(|item| profile.name.as_deref() != Some(item.as_str()))
        .collect();
    ParsedResume {
        skills,
        sections: section_text,
        profile,
        statistics,
        experience,
        degrees: education.iter().map(Education::summary_title).collect(),
        education,
        certifications,
        warnings,
        as_of: Some(as_of),
        language,
    }
}

/// Checks whether a match at `offset` sits where names are not skill claims: on a section
/// heading ("Teaching Experience"), on a line that describes a career break ("Career break —
/// caregiver for a family member"), on a line of clinical rotations, or on a degree line of the
/// Education section, whose field of study ("B.S. Accounting", "Certificate in Logistics,
/// Delta College") names a subject rather than a skill.
fn outside_claims(
    text: &str,
    offset: usize,
    found: &[sections::Section],
    break_lines: &[std::ops::Range<usize>],
) -> bool {
    let line_span = crate::skills::line_range(text, offset);
    let line = &text[line_span.clone()];
    let on_break = break_lines
        .binary_search_by(|range| {
            if range.end < offset {
                std::cmp::Ordering::Less
            } else if range.start > offset {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok();
    if sections::is_heading(line) || on_break || lists_rotations(line) {
        return true;
    }
    let section = found
        .iter()
        .find(|s| s.body.contains(&offset))
        .map(|s| s.name);
    match section {
        Some("EDUCATION") => education::is_degree_line(line),
        Some("EXPERIENCE") => {
            !in_bracketed_list(line, offset - line_span.start)
                && is_entry_title(text, line_span, as_of_any())
        }
        _ => false,
    }
}

/// Checks whether `at` lies inside brackets that hold a list after a role ("Junior Web
/// Developer, Pollux Studio (Vue 2, JavaScript, SCSS)"): the tools of the job, which the
/// person used. Brackets after an employer alone describe its business ("Redwick
/// Distribution (third-party logistics, housewares)").
fn in_bracketed_list(line: &str, at: usize) -> bool {
    let Some(open) = line[..at].rfind('(') else {
        return false;
    };
    if !entries::names_role(&line[..open]) {
        return false;
    }
    if line[open..at].contains(')') {
        return false;
    }
    let Some(close) = line[at..].find(')') else {
        return false;
    };
    let inside = &line[open + 1..at + close];
    inside.contains([',', '/', ';']) || inside.contains(" and ")
}

/// Categories of skills whose names may be a role held ("Charge Nurse", "Paralegal",
/// "Pharmacy Technician"), unlike products named like roles ("Tableau Server", "Google Ads
/// Editor").
const ROLE_SKILL_CATEGORIES: [&str; 11] = [
    "business",
    "devops",
    "marketing",
    "healthcare",
    "hr",
    "legal",
    "finance",
    "sales",
    "trades",
    "operations",
    "credential",
];

/// Checks whether a match on an entry's title line is the whole title and names a role held
/// ("Charge Nurse, St. Mary's Hospital", "Senior Paralegal"): the person did that job, so the
/// role counts as a skill, and so does a field with a role after it ("Customer Service
/// Representative"). Other skills on title lines name a field the job touched.
fn names_held_role(text: &str, found: &crate::skills::SkillMatch) -> bool {
    if !ROLE_SKILL_CATEGORIES.contains(&found.category.as_str()) {
        return false;
    }
    // The role word may be the canonical name's ("Charge Nurse") or the written alias's
    // ("DevOps Engineer" for DevOps, "Store Manager" for retail management).
    let surface = &text[found.start..found.end];
    // "Apprentice Electrician" names the job, not the electrical apprenticeship program.
    let program = ["apprenticeship", "program", "training"]
        .iter()
        .any(|word| found.name.ends_with(word));
    let line = crate::skills::line_range(text, found.start);
    // The rest of the line, untrimmed: a tab or a wide gap ends a cell of a row ("Graphic
    // Designer\tKookaburra Print").
    let mut rest = &text[found.end..line.end.max(found.end)];
    // "Customer Service Representative", "Payroll Specialist": a field and the role in it.
    let role_word = rest
        .trim_start()
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or_default();
    let field_role = FIELD_ROLE_CATEGORIES.contains(&found.category.as_str())
        && FIELD_ROLE_WORDS.contains(&role_word.to_lowercase().as_str());
    if field_role {
        rest = &rest.trim_start()[role_word.len()..];
    }
    let after = rest.trim_start();
    if program
        || (!entries::ends_in_role(&found.name) && !entries::ends_in_role(surface) && !field_role)
    {
        return false;
    }
    let before = text[line.start..found.start].trim_start_matches([' ', '\t', '-', '*', '•']);
    let opens = before.is_empty() || ROLE_LEVELS.contains(&before.trim().to_lowercase().as_str());
    let gap = rest.starts_with('\t') || rest.starts_with("  ");
    let ends = after.is_empty() || gap || after.starts_with([',', '|', '–', '—', '-', '(', '@']);
    opens && ends
}

/// Categories of fields that a title names with a role after them ("Customer Service
/// Representative", "Payroll Specialist", "Marketing Coordinator").
const FIELD_ROLE_CATEGORIES: [&str; 5] = ["sales", "support", "marketing", "hr", "finance"];

/// Roles that, after a field's name, make the whole title a job in that field.
const FIELD_ROLE_WORDS: &[&str] = &[
    "representative",
    "rep",
    "associate",
    "specialist",
    "agent",
    "coordinator",
    "clerk",
    "assistant",
    "advisor",
    "adviser",
];

/// Levels written before a role in a title ("Senior Paralegal").
const ROLE_LEVELS: &[&str] = &[
    "senior", "sr.", "sr", "junior", "jr.", "jr", "lead", "staff", "head",
];

/// Categories of skills that a job title names as the person's daily tool ("Java Developer").
const TITLE_SKILL_CATEGORIES: [&str; 3] = ["language", "framework", "database"];

/// Role nouns after a language, framework or database in a job title.
const TECHNICAL_ROLES: &[&str] = &[
    "developer",
    "engineer",
    "programmer",
    "architect",
    "administrator",
    "dba",
];

/// Checks whether a match opens a technical job title on an experience entry's title line
/// ("Java Developer, Springfield Tech, Jan 2018 – Dec 2021"). Such a title names the person's
/// daily tool, while other skills on title lines ("Customer Service Representative") name a
/// field.
fn names_technical_role(
    text: &str,
    found: &crate::skills::SkillMatch,
    sections: &[sections::Section],
) -> bool {
    if !TITLE_SKILL_CATEGORIES.contains(&found.category.as_str()) {
        return false;
    }
    let next: String = text[found.end..]
        .trim_start_matches([' ', '\t'])
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    if !TECHNICAL_ROLES.contains(&next.as_str()) {
        return false;
    }
    let line_span = crate::skills::line_range(text, found.start);
    let in_experience = sections
        .iter()
        .any(|s| s.name == "EXPERIENCE" && s.body.contains(&found.start));
    in_experience
        && !sections::is_heading(&text[line_span.clone()])
        && is_entry_title(text, line_span, as_of_any())
}

/// Words a headline may hold before it reads as prose rather than a title.
const HEADLINE_WORDS: usize = 12;

/// Checks whether a match at `offset` is part of a job title in the headline above the first
/// section ("Aisha Karimova | Business Intelligence Analyst", "Digital Marketing Specialist").
/// The line is short, and the part of it between separators that contains the match names a
/// role. A specialty beside the title ("Customer Support Specialist — SaaS") stays a claim.
fn in_headline_title(text: &str, offset: usize, header_end: usize) -> bool {
    if offset >= header_end {
        return false;
    }
    let line_span = crate::skills::line_range(text, offset);
    let line = &text[line_span.clone()];
    if line.split_whitespace().count() > HEADLINE_WORDS || line.contains(". ") {
        return false;
    }
    let is_separator = |c: char| "|—–·()•,".contains(c);
    let at = offset - line_span.start;
    let start = line[..at]
        .char_indices()
        .rfind(|(_, c)| is_separator(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = line[at..].find(is_separator).map_or(line.len(), |i| at + i);
    entries::names_role(&line[start..end])
}

/// Checks whether a line lists a student's clinical rotations ("Clinical rotations:
/// medical-surgical, obstetrics, pediatrics"). The units a student rotated through are
/// placements, not specialties the person claims.
fn lists_rotations(line: &str) -> bool {
    let content = line
        .trim_start_matches(|c: char| c.is_whitespace() || "-*•·–".contains(c))
        .to_lowercase();
    content.starts_with("clinical rotations") || content.starts_with("rotations:")
}

/// Words that, right after a skill's name, make the name describe whom the person worked for
/// or sold to ("manufacturing clients", "a B2B SaaS audience", "healthcare accounts") rather
/// than a skill they claim. Singular "customer" or "account" is left out, because it mostly
/// starts a noun phrase of its own ("troubleshoot account data").
const CLIENT_NOUNS: &[&str] = &[
    "clients",
    "customers",
    "accounts",
    "audience",
    "audiences",
    "companies",
    "firms",
    "sector",
    "vertical",
    "verticals",
    "businesses",
    "brands",
    "contractors",
    "dealers",
    "distributors",
    "retailers",
    "bottlers",
];

/// Categories of software whose "accounts" are user accounts in it ("Active Directory
/// accounts", "QuickBooks accounts", "AWS accounts"), not clients.
const SOFTWARE_CATEGORIES: &[&str] = &["tool", "devops", "database", "security", "cloud"];

/// Skills of [`SOFTWARE_CATEGORIES`] that name a kind of business, whose accounts are clients
/// ("SaaS accounts").
const BUSINESS_KINDS: &[&str] = &["saas"];

/// Checks whether the word after a match is one of [`CLIENT_NOUNS`]. A skill whose own name
/// has that noun is about those people already, so "segment customers by visit" stays
/// customer segmentation, and software's accounts are its users' ("Active Directory
/// accounts").
fn names_client_kind(text: &str, found: &crate::skills::SkillMatch) -> bool {
    let rest = &text[found.end..];
    let gap = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    if gap == 0 {
        return false;
    }
    let word: String = rest[gap..]
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    let singular = word.strip_suffix('s').unwrap_or(&word);
    let user_accounts = word == "accounts"
        && SOFTWARE_CATEGORIES.contains(&found.category.as_str())
        && !BUSINESS_KINDS.contains(&found.skill_id.as_str());
    CLIENT_NOUNS.contains(&word.as_str())
        && !found.name.split(' ').any(|part| part == singular)
        && !user_accounts
}

/// Skills that are also performance measures. A resume that reports a value of one ("inventory
/// accuracy 99.6%", "96% CSAT") states a result, not a skill it claims.
const METRIC_SKILLS: &[&str] = &[
    "customer-satisfaction",
    "first-call-resolution",
    "average-handle-time",
    "warranty-claims-processing",
];

/// Checks whether a match names a measure that follows a number ("118 units per hour") or
/// whose clause (the text between semicolons, sentence ends and line breaks) reports a value:
/// a percentage, a score out of a scale, a time, a length of time ("6.5 minutes") or a change
/// "from 92 to 118".
fn reports_metric_value(text: &str, found: &crate::skills::SkillMatch) -> bool {
    static VALUE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"\d\s*%|\d(?:\.\d+)?\s*/\s*\d|\b\d{1,2}:\d{2}\b|\bfrom\s+\d[\d,.]*\s+to\s+\d|\d(?:\.\d+)?\s*(?:seconds|secs?|minutes|mins?|hours|hrs?|days)\b",
        )
        .expect("the metric value pattern is valid")
    });
    if !METRIC_SKILLS.contains(&found.skill_id.as_str()) {
        return false;
    }
    // A name wrapped onto the next line ends there, so the clause runs to the end of the match.
    let line = crate::skills::line_range(text, found.start).start
        ..crate::skills::line_range(text, found.end).end;
    let is_break = |c: char| c == ';' || c == '.';
    let before = &text[line.start..found.start];
    let start = before
        .char_indices()
        .filter(|(i, c)| is_break(*c) && !before[i + 1..].starts_with(|d: char| d.is_ascii_digit()))
        .map(|(i, _)| line.start + i + 1)
        .next_back()
        .unwrap_or(line.start);
    let after = &text[found.end..line.end];
    let end = after
        .char_indices()
        .find(|(i, c)| is_break(*c) && !after[i + 1..].starts_with(|d: char| d.is_ascii_digit()))
        .map_or(line.end, |(i, _)| found.end + i);
    let number_before = text[..found.start]
        .trim_end()
        .ends_with(|c: char| c.is_ascii_digit());
    number_before || VALUE.is_match(&text[start..end])
}

/// Returns where the candidate's name is written in the first lines of the text.
fn name_span(text: &str, name: &str) -> Option<std::ops::Range<usize>> {
    let top = &text[..text.floor_char_boundary(NAME_SEARCH_BYTES.min(text.len()))];
    let start = top.find(name)?;
    Some(start..start + name.len())
}

/// Bytes at the top of a resume searched for the candidate's name.
const NAME_SEARCH_BYTES: usize = 1_000;

/// Checks whether a line of the Experience section is an entry's title line ("HR Manager,
/// Acme Foods — 2019 – present"): not a bullet, not indented, and dated itself or followed
/// right below by a dated line. A sentence is a description, not a title, even when the next
/// entry's dated title follows it. Skills named only by a job title are not claims.
fn is_entry_title(text: &str, line: std::ops::Range<usize>, as_of: NaiveDate) -> bool {
    let content = &text[line.clone()];
    let bullet = content.starts_with([' ', '\t', '-', '*', '•', '·', '–', '‣', '◦']);
    if bullet || content.trim().is_empty() {
        return false;
    }
    let dated = |s: &str| !experience::month_ranges(s, as_of).is_empty();
    if dated(content) {
        return true;
    }
    let trimmed = content.trim_end();
    let last_word = trimmed
        .trim_end_matches('.')
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default()
        .to_lowercase();
    // "Bellweather Electric Co." ends in a period but is a name.
    let abbreviation = crate::skills::ORGANISATION_SUFFIXES.contains(&last_word.as_str())
        || NAME_ABBREVIATIONS.contains(&last_word.as_str());
    let sentence = (trimmed.ends_with('.') && !abbreviation)
        || trimmed.split_whitespace().count() > TITLE_WORDS;
    let next = text[line.end..]
        .strip_prefix('\n')
        .and_then(|rest| rest.lines().next());
    !sentence && next.is_some_and(dated)
}

/// Words an undated line may hold and still be the title line above an entry's dates, with
/// the employer and its place ("Per Diem RN, Pediatric Urgent Care — Desert Bloom Kids
/// Clinics, Tempe, AZ").
const TITLE_WORDS: usize = 20;

/// Abbreviations other than company suffixes that end a name with a period ("Main St.").
const NAME_ABBREVIATIONS: &[&str] = &["plc", "jr", "sr", "st", "dept"];

/// Any date works as the as-of date when only the presence of a date range matters.
fn as_of_any() -> NaiveDate {
    NaiveDate::MAX
}

/// Returns the last non-empty line before a section's body: its heading.
fn heading_above<'t>(text: &'t str, section: &sections::Section) -> &'t str {
    text[..section.body.start]
        .lines()
        .rev()
        .find(|line| !line.trim().is_empty())
        .unwrap_or_default()
}

/// Reads education from the Education sections, or, when the resume has none, from lines
/// anywhere that name a degree together with a school or a year. A diploma or an award listed
/// with its school under "Training", "Licenses" or "Qualifications" is education too.
fn education_entries(text: &str, found: &[sections::Section]) -> Vec<Education> {
    let listed_elsewhere = found
        .iter()
        .filter(|s| {
            s.name == "CERTIFICATIONS"
                || s.name == "SKILLS"
                    && education::heading_names_qualifications(heading_above(text, s))
        })
        .flat_map(|s| education::education_lines(&text[s.body.clone()]))
        .filter(|e| e.institution.is_some());
    let sections: Vec<_> = found.iter().filter(|s| s.name == "EDUCATION").collect();
    if sections.is_empty() {
        let mut entries: Vec<Education> = education::education_lines(text)
            .into_iter()
            .filter(|e| e.level != "certificate" && (e.institution.is_some() || e.year.is_some()))
            .collect();
        for entry in listed_elsewhere {
            if !entries.contains(&entry) {
                entries.push(entry);
            }
        }
        return entries;
    }
    sections
        .iter()
        .flat_map(|s| education::education(&text[s.body.clone()]))
        .chain(listed_elsewhere)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn as_of() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).expect("valid date")
    }

    const ENGLISH: &str = "Tamsin Vell\ntamsin.vell@example.com | (555) 010-4477\n\n\
        Summary\nPlant electrician who keeps production lines running and trains apprentices.\n\n\
        Experience\nMaintenance Electrician, Orrin Castings\nMar 2018 - Present\n\
        - Troubleshoot motor controls and PLC faults on casting lines\n\n\
        Education\nA.A.S. Industrial Electrical Technology, Kestrel Technical College, 2017\n\n\
        Certifications\nOSHA 30 · NFPA 70E training, 2021\n";

    #[test]
    fn description_above_next_entry_keeps_skills() {
        let text = "Sam Lee\nsam@example.com\n\nEXPERIENCE\n\
            Staff Accountant, Ledgerly LLC (2019 – Present)\n\
            Prepared journal entries in QuickBooks and reconciled bank accounts monthly.\n\n\
            Junior Accountant, Abacus Partners (2016 – 2018)\n\
            Processed accounts payable in Sage 50.\n";
        let parsed = parse_resume(text, Gazetteer::builtin(), as_of());
        let skills: Vec<&str> = parsed.skills.iter().map(|s| s.skill.as_str()).collect();
        assert!(skills.contains(&"quickbooks"), "{skills:?}");
        assert!(skills.contains(&"journal entries"), "{skills:?}");
        assert!(skills.contains(&"accounts payable"), "{skills:?}");
        assert_eq!(parsed.experience.len(), 2);

        let text = "Ana Ruiz\n\nEXPERIENCE\nApprentice Electrician — Bellweather Electric Co.\n\
            2011 – 2015\n- Residential rough-in\n";
        let parsed = parse_resume(text, Gazetteer::builtin(), as_of());
        let skills: Vec<&str> = parsed.skills.iter().map(|s| s.skill.as_str()).collect();
        assert!(!skills.contains(&"electrical apprenticeship"), "{skills:?}");
    }

    #[test]
    fn qualifications_section_lists_awards() {
        let text = "Tom Briggs\n\nWORK HISTORY\nElectrician, Sparkwell Ltd, Sept 2019 to date\n\
            - Rewired homes\n\nQUALIFICATIONS\n\
            NVQ Level 3 Electrotechnical Services, Leeds College of Building, 2014\n\
            City & Guilds 2391 Inspection and Testing, 2016\n18th Edition (BS 7671), 2019\n";
        let parsed = parse_resume(text, Gazetteer::builtin(), as_of());
        assert_eq!(
            parsed.certifications,
            [
                "City & Guilds 2391 Inspection and Testing",
                "18th Edition (BS 7671)"
            ]
        );
        assert_eq!(parsed.education.len(), 1);
        assert_eq!(parsed.education[0].level, "certificate");
        let text = "Priya Raman\n\nEXPERIENCE\nAnalyst, Pell Corp | 2012 – 2017\n- Built models\n\n\
            QUALIFICATIONS\nHND Business Studies, 2011\nPRINCE2 Foundation, 2015\n";
        let parsed = parse_resume(text, Gazetteer::builtin(), as_of());
        assert_eq!(parsed.certifications, ["PRINCE2 Foundation"]);
        assert_eq!(parsed.degrees, ["HND Business Studies"]);
        let summary = "Ana Ruiz\n\nQUALIFICATIONS\n- 5+ years of customer service\n- Bilingual\n";
        let parsed = parse_resume(summary, Gazetteer::builtin(), as_of());
        assert!(
            parsed.certifications.is_empty(),
            "{:?}",
            parsed.certifications
        );
    }

    #[test]
    fn trade_titles_name_their_trade() {
        let text = "Sam Reed\n\nEXPERIENCE\nWelder, Ironside Fab, 2019 - Present\n- Built frames\n\
            HVAC Installer, Cool Air Co, 2015 - 2019\n- Installed units\n\
            Bookkeeper, Lane & Co, 2012 - 2015\n- Paid bills\n";
        let parsed = parse_resume(text, Gazetteer::builtin(), as_of());
        let skills: Vec<&str> = parsed.skills.iter().map(|s| s.skill.as_str()).collect();
        for trade in ["welding", "hvac", "bookkeeping"] {
            assert!(skills.contains(&trade), "{trade} in {skills:?}");
        }
    }

    #[test]
    fn tools_in_brackets_on_title_line_count() {
        let text = "Sam Reed\n\nEXPERIENCE\n\
            Junior Web Developer, Pollux Studio (Vue 2, JavaScript, SCSS)\n\
            Jan 2021 - Present\n- Built landing pages\n\
            Customer Service Representative (Retail), Harbor Goods\n\
            2018 - 2020\n- Ran the till\n\
            Redwick Distribution (third-party logistics, housewares)\n\
            Warehouse Associate, 2016 - 2018\n- Picked orders\n";
        let parsed = parse_resume(text, Gazetteer::builtin(), as_of());
        let skills: Vec<&str> = parsed.skills.iter().map(|s| s.skill.as_str()).collect();
        for tool in ["vue.js", "javascript", "sass"] {
            assert!(skills.contains(&tool), "{tool} in {skills:?}");
        }
        assert!(!skills.contains(&"3pl management"), "{skills:?}");
    }

    #[test]
    fn entries_across_page_breaks_and_bullets() {
        let text = "Jordan Vale\njordan.vale@example.com\n\nExperience\n\
            Nexus Ledger, Co-Founder & CTO San Francisco, CA\n\
            • Built the payments ledger in Rust June 2023 – present\n\
            • Hired the first engineers\n\
            Jordan Vale – 1/2\x0cResearch Intern Redmond, WA\n\
            Quillby Research May 2019 – Aug 2019\n\
            • Compression pipeline in PyTorch\n\
            Jordan Vale – Page 2 of 2\x0cProjects\n\
            Tallyhaw: a budgeting app in Kotlin\n";
        let parsed = parse_resume(text, Gazetteer::builtin(), as_of());
        let jobs: Vec<_> = parsed
            .experience
            .iter()
            .map(|e| (e.title.as_deref(), e.employer.as_deref()))
            .collect();

        assert_eq!(
            jobs,
            [
                (Some("Co-Founder & CTO"), Some("Nexus Ledger")),
                (Some("Research Intern"), Some("Quillby Research")),
            ]
        );
        let kotlin = parsed.skills.iter().find(|s| s.skill == "kotlin");
        assert_eq!(kotlin.and_then(|s| s.experience_years), None);
        assert!(
            parsed.sections.contains_key("PROJECTS"),
            "{:?}",
            parsed.sections.keys()
        );
    }

    #[test]
    fn candidate_name_gives_no_skill() {
        let text = "Ruby Chen\nruby.chen@example.com\n\nSkills\nPython, SQL\n";
        let parsed = parse_resume(text, Gazetteer::builtin(), as_of());
        assert_eq!(parsed.profile.name.as_deref(), Some("Ruby Chen"));
        let skills: Vec<&str> = parsed.skills.iter().map(|s| s.skill.as_str()).collect();
        assert_eq!(skills, ["python", "sql"]);
        let coder = "Ruby Chen\n\nSkills\nRuby, Python\n";
        let parsed = parse_resume(coder, Gazetteer::builtin(), as_of());
        assert!(parsed.skills.iter().any(|s| s.skill == "ruby"));
    }

    #[test]
    fn skill_years_from_mentioning_jobs() {
        let text = "Experience\nData Analyst, Acme Insurance — Jan 2020 – Present\n\
            - Weekly reports in SQL and Tableau\n\n\
            Analyst, Birch Bank — 2016 – 2018\n- Loan reports in SQL\n\n\
            Intern, Cedar Labs — Summer 2015\n- 6 years of Python, they say\n";
        let parsed = parse_resume(text, Gazetteer::builtin(), as_of());
        let years = |name: &str| {
            let skill = parsed.skills.iter().find(|s| s.skill == name);
            skill.and_then(|s| s.experience_years)
        };

        // January 2020 to December 2026 is 83 months, and 2016 to 2018 adds 24.
        assert_eq!(years("tableau"), Some(6.9));
        assert_eq!(years("sql"), Some(8.9));
        // A stated figure longer than the jobs wins.
        assert_eq!(years("python"), Some(6.0));
        assert_eq!(parsed.experience.len(), 3);
        assert_eq!(parsed.experience[1].employer.as_deref(), Some("Birch Bank"));
        assert_eq!(parsed.profile.total_experience_years, Some(9.1));
    }

    #[test]
    fn role_held_as_title_is_a_skill() {
        let text = "Ana Ruiz\nana@example.com\n\nExperience\n\
            Charge Nurse, St. Brigid Hospital\nJan 2020 - Present\n- Led a 30-bed unit\n\
            Customer Service Representative, Pine Mart\n2016 - 2019\n- Answered calls\n";
        let parsed = parse_resume(text, Gazetteer::builtin(), as_of());
        let names: Vec<&str> = parsed.skills.iter().map(|s| s.skill.as_str()).collect();
        assert!(names.contains(&"charge nurse"), "{names:?}");
        assert!(names.contains(&"customer service"), "{names:?}");

        let text = "Lee Park\nlee@example.com\n\nSummary\nPMP-certified project manager with 10 \
            years of experience.\n\nExperience\nDevOps Engineer, Cobalt Labs\n\
            Jan 2020 - Present\n- Ran the clusters\nStore Manager, Pine Mart\n2015 - 2019\n\
            - Led 20 staff\n";
        let parsed = parse_resume(text, Gazetteer::builtin(), as_of());
        let skill = |name: &str| parsed.skills.iter().find(|s| s.skill == name);
        assert!(skill("devops").is_some());
        assert!(skill("retail management").is_some());
        let management = skill("project management").expect("the summary names the role");
        assert_eq!(management.experience_years, Some(10.0));
    }

    #[test]
    fn training_heading_lists_certs_and_diplomas() {
        let text = "Sam Ortiz\nsam.ortiz@example.com\n\nExperience\nMaintenance Tech, Orrin Castings\n\
            Jan 2019 - Feb 2021\n- Repaired conveyors\n\nEducation\n\
            Practical Nursing (LPN) Program — Jefferson Valley Community College — expected Aug 2027\n\
            CNA Certificate — Alabama Health Careers Institute — 2021\n\n\
            TRAINING & CERTIFICATIONS\nEPA 608 Universal, 2018\n\
            Industrial Maintenance Technology Diploma, Foothills Technical College, 2012\n";
        let parsed = parse_resume(text, Gazetteer::builtin(), as_of());
        assert_eq!(parsed.certifications, ["EPA 608 Universal"]);
        let diploma = parsed
            .education
            .iter()
            .find(|e| e.institution.as_deref() == Some("Foothills Technical College"))
            .expect("the diploma is education");
        assert!(diploma.completed);
        let cna = parsed
            .education
            .iter()
            .find(|e| e.degree.contains("Certificate"))
            .expect("the CNA certificate is education");
        assert!(!cna.in_progress, "{cna:?}");
        assert_eq!(parsed.experience.len(), 1);
        assert_eq!(parsed.experience[0].years, 2.1);
    }

    #[test]
    fn credentials_under_education_heading_are_listed() {
        let text = "Jordan Vale\njordan.vale@example.com\n\nExperience\nIT Technician, Pine Mart\n\
            Jan 2019 - Feb 2021\n\nEducation & Credentials\n\
            B.S. Information Technology, Harbor State University, 2018\nGPA 3.6\n\
            CompTIA A+ (2021), Network+ (2022)\nCertified Scrum Master (CSM), 2020\n\
            Memphis, TN\n";
        let parsed = parse_resume(text, Gazetteer::builtin(), as_of());
        assert_eq!(parsed.education.len(), 1);
        assert_eq!(
            parsed.certifications,
            ["CompTIA A+", "Network+", "Certified Scrum Master (CSM)"]
        );
    }

    #[test]
    fn education_and_certifications_are_structured() {
        let parsed = parse_resume(ENGLISH, Gazetteer::builtin(), as_of());
        assert_eq!(parsed.education.len(), 1);
        let entry = &parsed.education[0];
        assert_eq!(entry.level, "associate");
        assert_eq!(
            entry.field.as_deref(),
            Some("Industrial Electrical Technology")
        );
        assert_eq!(
            entry.institution.as_deref(),
            Some("Kestrel Technical College")
        );
        assert_eq!(entry.year, Some(2017));
        assert_eq!(
            parsed.degrees,
            vec!["A.A.S. Industrial Electrical Technology"]
        );
        assert_eq!(parsed.certifications, vec!["OSHA 30", "NFPA 70E training"]);
        assert_eq!(parsed.language.as_deref(), Some("en"));
        assert!(parsed.warnings.is_empty());
    }

    #[test]
    fn field_and_role_title_counts() {
        let text = "Maria Gonzalez\n\nEXPERIENCE\n\
            Customer Service Representative, Bluewave Telecom | 2019 – Present\n\
            - Answered 60 calls a day\n\
            Marketing Manager, Pell Corp | 2015 – 2019\n- Ran the budget\n";
        let parsed = parse_resume(text, Gazetteer::builtin(), as_of());
        let skills: Vec<&str> = parsed.skills.iter().map(|s| s.skill.as_str()).collect();
        assert!(skills.contains(&"customer service"), "{skills:?}");
        assert!(!skills.contains(&"marketing"), "{skills:?}");

        let row = "Kai Moana\n\nEXPERIENCE\nGraphic Designer\tKookaburra Print\tSydney\t\
            Jul 2018 – Feb 2021\n- Designed packaging\n";
        let parsed = parse_resume(row, Gazetteer::builtin(), as_of());
        let skills: Vec<&str> = parsed.skills.iter().map(|s| s.skill.as_str()).collect();
        assert!(skills.contains(&"graphic design"), "{skills:?}");
    }

    #[test]
    fn training_lines_under_education_are_certifications() {
        let text = "Siobhan Byrne\n\nCareer History\nPastry Chef, Merrion Quay Hotel, 2022 – Present\n\
            - Laminated doughs\n\nEducation & Training\n\
            Higher Certificate in Culinary Arts, Technological University Dublin, 2017\n\
            Level 3 Award in Food Safety (HACCP), 2022\n";
        let parsed = parse_resume(text, Gazetteer::builtin(), as_of());
        assert_eq!(
            parsed.certifications,
            ["Level 3 Award in Food Safety (HACCP)"]
        );
        assert_eq!(parsed.education.len(), 1);
    }

    #[test]
    fn exported_profile_sidebar_is_read() {
        let text = "Contact\nwww.example.com/in/mosei (LinkedIn)\nm.osei@example.com\n\n\
            Top Skills\nDemand Planning\nSAP APO\n\nCertifications\nAPICS CPIM\n\n\
            Marguerite Osei\nSenior Supply Chain Planner at Northgate Consumer Brands\n\
            Columbus, Ohio, United States\n\nSummary\nPlanner with a decade in CPG.\n\n\
            Experience\nNorthgate Consumer Brands\nSupply Chain Planner\n\
            January 2023 - Present (3 years 11 months)\n";
        let parsed = parse_resume(text, Gazetteer::builtin(), as_of());
        assert_eq!(parsed.profile.name.as_deref(), Some("Marguerite Osei"));
        assert_eq!(parsed.certifications, ["APICS CPIM"]);
        let skills: Vec<&str> = parsed.skills.iter().map(|s| s.skill.as_str()).collect();
        assert!(skills.contains(&"demand planning"), "{skills:?}");
    }

    #[test]
    fn unpaid_roles_and_breaks_add_no_years() {
        let text = "Priya Raman\npriya@example.com\n\nEXPERIENCE\n\
            Financial Analyst, Pell Corp | Jan 2020 – Jan 2022\n- Built models\n\
            Trustee, Harbor Food Bank | 2012 – Present\n- Oversaw the budget\n\
            Volunteer, Red Cross, 2009 – 2011\nChair of the Board, Hill Library, 2007 – 2009\n\
            Personal leave, 2005 – 2007\nRaising children, 2003 – 2005\n\
            Career pause, 2001 – 2003\n\nVolunteering & Community\n\
            Mentor, Youth Club, 1998 – 2001\n";
        let parsed = parse_resume(text, Gazetteer::builtin(), as_of());
        assert_eq!(parsed.experience.len(), 4);
        assert_eq!(parsed.profile.total_experience_years, Some(2.0));
    }

    #[test]
    fn activity_headings_are_not_job_titles() {
        for heading in [
            "VOLUNTEER WORK",
            "LEADERSHIP & ACTIVITIES",
            "EXTRACURRICULAR ACTIVITIES",
        ] {
            let text = format!(
                "Rhea Castell\nrhea.castell@example.com\n\nEXPERIENCE\n\
                 Payroll Clerk, Orrin Foods | Jan 2022 - Present\n- Ran weekly payroll\n\n\
                 {heading}\nVolunteer Tutor, Reading Corps | 2018 - 2020\n- Tutored readers\n"
            );
            let parsed = parse_resume(&text, Gazetteer::builtin(), as_of());
            let titles: Vec<_> = parsed
                .experience
                .iter()
                .map(|e| e.title.clone().unwrap_or_default())
                .collect();
            // Roles under these headings are not employment, so they add no years.
            assert_eq!(titles, ["Payroll Clerk"], "{heading}");
            assert_eq!(parsed.profile.total_experience_years, Some(4.9));
        }
        let text =
            "Rhea Castell\n\nMILITARY SERVICE\nLogistics Specialist, US Army | 2014 - 2018\n";
        let parsed = parse_resume(text, Gazetteer::builtin(), as_of());
        assert_eq!(
            parsed.experience[0].title.as_deref(),
            Some("Logistics Specialist")
        );
        assert_eq!(parsed.profile.total_experience_years, Some(4.0));
    }

    #[test]
    fn future_degree_is_in_progress() {
        let text = ENGLISH.replace(
            "Kestrel Technical College, 2017",
            "Kestrel Technical College, 2027",
        );
        let parsed = parse_resume(&text, Gazetteer::builtin(), as_of());
        assert!(parsed.education[0].in_progress);
        assert_eq!(
            parsed.degrees,
            vec!["A.A.S. Industrial Electrical Technology (in progress)"]
        );
        let parsed = parse_resume(ENGLISH, Gazetteer::builtin(), as_of());
        assert!(!parsed.education[0].in_progress);
    }

    #[test]
    fn completed_levels_skip_unfinished_degrees() {
        let text = "Noor Halloway\nnoor.halloway@example.com\n\n\
            Education\nMBA coursework, Harbor School of Business (did not complete)\n\
            Machine Learning, Coursera, 2020\n\
            B.S. Economics, Calder University, 2012\n\
            Master of Finance (withdrawn)\n";
        let parsed = parse_resume(text, Gazetteer::builtin(), as_of());

        assert_eq!(parsed.completed_levels(), ["bachelor"]);
        assert_eq!(
            parsed.degrees,
            [
                "MBA (not completed)",
                "B.S. Economics",
                "Master of Finance (not completed)"
            ]
        );
        let mba = &parsed.education[0];
        assert!(!mba.in_progress);
        assert!(!mba.completed);
        assert_eq!(
            mba.institution.as_deref(),
            Some("Harbor School of Business")
        );
        assert_eq!(mba.year, None);
    }

    #[test]
    fn parse_resume_keeps_lower_case_name() {
        let text = "jane doe\nData Analyst\njane.doe@example.com | (555) 010-7781\n\n\
            Experience\nData Analyst, Orrin Foods, 2019 - 2023\n";
        let parsed = parse_resume(text, Gazetteer::builtin(), as_of());

        assert_eq!(parsed.profile.name.as_deref(), Some("jane doe"));
    }

    #[test]
    fn client_kinds_are_not_claims() {
        let text = "Experience\nAccount Manager, Orrin Supply\nMar 2018 - Present\n\
            - Managed 60 manufacturing accounts and wrote for a B2B SaaS audience\n\
            - Troubleshoot account data with SQL\n\
            - Built forecasting models in Python\n\
            - Segment customers by basket size for the loyalty team\n\
            - 60 outbound calls a day to roofing contractors\n\
            - Managed Active Directory accounts and reconciled QuickBooks accounts\n\
            - Sold to 40 SaaS accounts\n";
        let parsed = parse_resume(text, Gazetteer::builtin(), as_of());
        let names: Vec<&str> = parsed.skills.iter().map(|s| s.skill.as_str()).collect();
        assert!(!names.contains(&"manufacturing"), "{names:?}");
        assert!(!names.contains(&"saas"), "{names:?}");
        assert!(names.contains(&"troubleshooting"), "{names:?}");
        assert!(names.contains(&"python"), "{names:?}");
        assert!(names.contains(&"customer segmentation"), "{names:?}");
        assert!(!names.contains(&"roofing"), "{names:?}");
        assert!(names.contains(&"active directory"), "{names:?}");
        assert!(names.contains(&"quickbooks"), "{names:?}");
    }

    #[test]
    fn reported_metric_values_are_results() {
        let text = "Experience\nWarehouse Supervisor, Orrin Supply\nMar 2018 - Present\n\
            - Ran cycle counts; inventory accuracy held at 99.6%.\n\
            - Resolve 45 tickets a day in Zendesk; 96% CSAT\n\
            - Raised pick rate from 92 to 118 with slotting changes\n\
            - Kept average handle time at 6.5 minutes\n\
            - The fix cut warranty claims on that model by 70%\n\
            Skills\nFirst call resolution, cycle counting\n";
        let parsed = parse_resume(text, Gazetteer::builtin(), as_of());
        let names: Vec<&str> = parsed.skills.iter().map(|s| s.skill.as_str()).collect();
        assert!(!names.contains(&"inventory accuracy"), "{names:?}");
        assert!(!names.contains(&"customer satisfaction"), "{names:?}");
        assert!(!names.contains(&"units per hour"), "{names:?}");
        assert!(!names.contains(&"average handle time"), "{names:?}");
        assert!(!names.contains(&"warranty claims processing"), "{names:?}");
        assert!(names.contains(&"first call resolution"), "{names:?}");
        assert!(names.contains(&"cycle counting"), "{names:?}");
    }

    proptest::proptest! {
        #[test]
        fn parse_never_panics_on_arbitrary_text(text in "\\PC{0,300}") {
            let parsed = parse_resume(&text, Gazetteer::builtin(), as_of());
            proptest::prop_assert!(parsed.statistics.characters <= 300);
        }

        #[test]
        fn parse_never_panics_on_unusual_whitespace(
            words in proptest::collection::vec("[A-Za-z+#.]{1,8}|Go|C\\+\\+|2019|Present", 0..30),
            gaps in proptest::collection::vec("[ \u{a0}\u{202f}\u{2009}\n\t,:–-]{1,3}", 0..30),
        ) {
            let text: String = words.iter().zip(gaps.iter().cycle()).map(|(w, g)| format!("{w}{g}")).collect();
            let parsed = parse_resume(&text, Gazetteer::builtin(), as_of());
            proptest::prop_assert!(parsed.skills.len() <= words.len());
        }

        #[test]
        fn parse_survives_wrapped_skill_names(
            picks in proptest::collection::vec(0usize..100_000, 1..16),
            gaps in proptest::collection::vec("[ \n,.:()-]{1,2}", 1..16),
            capitalise in proptest::bool::ANY,
        ) {
            let taxonomy = crate::skills::Taxonomy::builtin();
            let names: Vec<&str> = taxonomy
                .skills
                .iter()
                .map(|s| s.name.as_str())
                .filter(|name| name.contains(' '))
                .collect();
            let mut text = String::new();
            for (pick, gap) in picks.iter().zip(gaps.iter().cycle()) {
                let name = names[pick % names.len()].replace(' ', "\n");
                if capitalise {
                    let mut chars = name.chars();
                    text.extend(chars.next().map(|c| c.to_ascii_uppercase()));
                    text.push_str(chars.as_str());
                } else {
                    text.push_str(&name);
                }
                text.push_str(gap);
            }

            let parsed = parse_resume(&text, Gazetteer::builtin(), as_of());
            let job = crate::skills::parse_job(&text, Gazetteer::builtin());

            proptest::prop_assert!(parsed.statistics.characters == text.chars().count());
            proptest::prop_assert!(job.requirements.iter().all(|r| !r.skill.is_empty()));
        }
    }

    #[test]
    fn language_names_in_spanish_are_read() {
        let text = "Lucía Ferrand Olmo\nlucia.ferrand@example.com\n\n\
            Experiencia Laboral\nIngeniera de software, Tarsel Pagos\nenero 2020 – actualidad\n\
            - Servicios en Java y Spring Boot con PostgreSQL y Kafka para los pagos del equipo\n\n\
            Idiomas\nEspañol (nativo), Inglés (C1), Francés (B1)\n";
        let parsed = parse_resume(text, Gazetteer::builtin(), as_of());
        let names: Vec<&str> = parsed.skills.iter().map(|s| s.skill.as_str()).collect();

        assert_eq!(parsed.language.as_deref(), Some("es"));
        assert!(names.contains(&"english"), "{names:?}");
        assert!(names.contains(&"french"), "{names:?}");
    }

    #[test]
    fn link_labels_are_no_skills() {
        let text = "Sana Ardal\nGitHub: sardal | LinkedIn: in/sana-ardal\n\
            SKILLS\nRust, GitHub Actions\n";
        let parsed = parse_resume(text, Gazetteer::builtin(), as_of());
        let names: Vec<&str> = parsed.skills.iter().map(|s| s.skill.as_str()).collect();

        assert_eq!(parsed.profile.github.as_deref(), Some("github.com/sardal"));

        let text = "Sana Ardal\nGitHub: github.com/sardal\nLinkedIn: available on request\n";
        let parsed = parse_resume(text, Gazetteer::builtin(), as_of());
        assert!(parsed.skills.is_empty(), "{:?}", parsed.skills);
        assert!(!names.contains(&"linkedin"), "{names:?}");
        assert!(!names.contains(&"github"), "{names:?}");
        assert!(names.contains(&"rust"), "{names:?}");
    }

    #[test]
    fn english_resume_of_a_french_engineer_is_english() {
        let text = "Marie-Claire Dubois\nSKILLS\nAudit, IFRS, Consolidation, SAP, Excel\n\
            EXPERIENCE\nSenior Accountant, Groupe Valcourt SA, Lyon, 2018 - Present\n\
            EDUCATION\nMaster Finance, Université de Lyon\n";
        let parsed = parse_resume(text, Gazetteer::builtin(), as_of());

        assert_eq!(parsed.language.as_deref(), Some("en"));
        assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    }

    #[test]
    fn short_english_resume_is_english() {
        let text = "Sophie Dubois\nsophie@example.com\nParis, France\n\
            Skills: Python, SQL, Tableau\n\nExperience\n\
            Data Analyst, Renault, Boulogne-Billancourt, 2020 – 2024\n\
            - Built dashboards in Tableau.\n";
        let parsed = parse_resume(text, Gazetteer::builtin(), as_of());

        assert_eq!(parsed.language.as_deref(), Some("en"));
    }

    #[test]
    fn career_break_line_is_not_a_claim() {
        let text = "Experience\nStaff Accountant, Orrin Castings\nMar 2018 - Present\n\
            - Month-end close in NetSuite\n\
            Career break — full-time caregiver for a family member, Jun 2016 – Dec 2017\n";
        let parsed = parse_resume(text, Gazetteer::builtin(), as_of());
        let names: Vec<&str> = parsed.skills.iter().map(|s| s.skill.as_str()).collect();

        assert!(names.contains(&"netsuite"), "{names:?}");
        assert!(!names.contains(&"caregiving"), "{names:?}");
    }

    #[test]
    fn headline_job_title_is_not_a_skill() {
        let text = "Aisha Karimova | Business Intelligence Analyst\naisha@example.com\n\n\
            Skills\nSQL, Tableau\n";
        let parsed = parse_resume(text, Gazetteer::builtin(), as_of());
        let names: Vec<_> = parsed.skills.iter().map(|s| s.skill.as_str()).collect();
        assert!(!names.contains(&"business intelligence"), "{names:?}");
        assert!(names.contains(&"tableau"), "{names:?}");

        let text = "Jo Reyes\nCustomer Support Specialist — SaaS and E-commerce\n\n\
            Skills\nZendesk\n";
        let parsed = parse_resume(text, Gazetteer::builtin(), as_of());
        let names: Vec<_> = parsed.skills.iter().map(|s| s.skill.as_str()).collect();
        assert!(names.contains(&"saas"), "{names:?}");
        assert!(!names.contains(&"customer service"), "{names:?}");
    }

    #[test]
    fn degree_field_is_not_a_skill() {
        let text = "Education\nB.S. Accounting, Lowmere University, 2016\n";
        let parsed = parse_resume(text, Gazetteer::builtin(), as_of());
        assert!(parsed.skills.iter().all(|s| s.skill != "accounting"));

        let text = "Education\nCertificate in Supply Chain & Logistics, Delta Community College, 2019\n\
            Lean Six Sigma Yellow Belt, 2023\n";
        let parsed = parse_resume(text, Gazetteer::builtin(), as_of());
        let names: Vec<_> = parsed.skills.iter().map(|s| s.skill.as_str()).collect();
        assert!(!names.contains(&"logistics"), "{names:?}");
        assert!(names.contains(&"six sigma yellow belt"), "{names:?}");
    }

    #[test]
    fn state_code_is_no_degree() {
        let text = "Ingrid Moreau\nSenior Accountant, Ledgerline Partners, Boston, MA\n\
            Aug 2019 – Present\n- Closed the books monthly\n";
        let parsed = parse_resume(text, Gazetteer::builtin(), as_of());
        assert!(parsed.education.is_empty(), "{:?}", parsed.education);
    }

    #[test]
    fn backward_job_dates_are_reported() {
        let text = "Experience\nShift Lead, Corran Bakery\nJun 2021 – Mar 2019\n\
            - Opened the store\nBaker, Velm Foods\nApr 2015 – May 2018\n- Made bread\n";
        let parsed = parse_resume(text, Gazetteer::builtin(), as_of());
        assert_eq!(parsed.profile.total_experience_years, Some(3.1));
        assert_eq!(parsed.warnings.len(), 1, "{:?}", parsed.warnings);
        assert!(
            parsed.warnings[0].contains("\"Jun 2021 – Mar 2019\" ends before it starts"),
            "{}",
            parsed.warnings[0]
        );
    }

    #[test]
    fn spanish_resume_is_parsed_with_a_warning() {
        let text = "Lucía Ferrand Olmo\nlucia.ferrand@example.com | +34 555 010 233\n\n\
            Perfil\nIngeniera de software con experiencia en servicios de pagos y en la mejora \
            de los procesos del equipo de desarrollo.\n\n\
            Experiencia Laboral\nIngeniera de software, Tarsel Pagos\nenero 2020 – actualidad\n\
            - Servicios en Java y Spring Boot con PostgreSQL y Kafka\n\n\
            Educación\nGrado en Ingeniería Informática, Universidad de Tarsel (2015 – 2019)\n";
        let parsed = parse_resume(text, Gazetteer::builtin(), as_of());
        assert_eq!(parsed.language.as_deref(), Some("es"));
        assert_eq!(parsed.warnings.len(), 1);
        assert!(parsed.warnings[0].contains("es"), "{}", parsed.warnings[0]);
        assert_eq!(
            parsed.profile.email.as_deref(),
            Some("lucia.ferrand@example.com")
        );
        assert_eq!(parsed.profile.total_experience_years, Some(6.9));
        let skills: Vec<&str> = parsed.skills.iter().map(|s| s.skill.as_str()).collect();
        for skill in ["java", "spring boot", "postgresql", "kafka"] {
            assert!(skills.contains(&skill), "{skill} missing from {skills:?}");
        }
        let sections: Vec<&str> = parsed.sections.keys().map(String::as_str).collect();
        assert_eq!(sections, vec!["EDUCATION", "EXPERIENCE", "SUMMARY"]);
        assert_eq!(parsed.education[0].level, "bachelor");
    }

    fn skill_names(text: &str) -> Vec<String> {
        parse_resume(text, Gazetteer::builtin(), as_of())
            .skills
            .into_iter()
            .map(|s| s.skill)
            .collect()
    }

    #[test]
    fn clinical_rotations_are_not_claims() {
        let text = "Ana Ruiz\n\nEducation\nBSN, Prairie State University, 2012\n\
            Clinical rotations: obstetrics, pediatrics, community health\n";
        let names = skill_names(text);
        assert!(!names.contains(&"obstetrics".to_string()));
        assert!(!names.contains(&"pediatrics".to_string()));
    }

    #[test]
    fn technical_job_title_names_skill() {
        let text = "Ana Ruiz\n\nExperience\n\
            Java Developer, Springfield Tech, Jan 2018 - Dec 2021\n\
            - Built billing services for 40 clinics\n\
            Customer Service Representative, Orrin Supply, Jan 2016 - Dec 2017\n\
            - Answered calls\n";
        let parsed = parse_resume(text, Gazetteer::builtin(), as_of());
        let java = parsed.skills.iter().find(|s| s.skill == "java");

        assert_eq!(java.and_then(|s| s.experience_years), Some(3.9));
    }

    #[test]
    fn metric_after_number_is_not_claim() {
        let text = "Ana Ruiz\n\nExperience\n- Held a 4.8 CSAT across 3,000 tickets\n";
        assert!(!skill_names(text).contains(&"customer satisfaction".to_string()));
        let text = "Ana Ruiz\n\nSkills\nCSAT, ticket triage\n";
        assert!(skill_names(text).contains(&"customer satisfaction".to_string()));
    }
}
