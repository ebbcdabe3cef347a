//! Education entries (degree, field, institution, year) and certifications of a resume.
//!
//! A degree is recognised by its usual written forms: abbreviations such as "B.S.", "MBA",
//! "A.A.S." or "BSN", and spelled-out forms such as "Bachelor of Science", "Master's degree"
//! or "Associate Degree". Each is mapped to a level: `high school`, `certificate`,
//! `associate`, `bachelor`, `master` or `doctorate`. Only a completed degree meets a job's
//! education level: one still being studied for or left unfinished is listed but not counted.

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::Regex;
use serde::Serialize;

use super::completion;

/// One education entry of a resume.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Education {
    /// Degree as written, such as `B.S.` or `Bachelor of Science`.
    pub degree: String,
    /// Level of the degree: `high school`, `certificate`, `associate`, `bachelor`, `master`
    /// or `doctorate`.
    pub level: String,
    /// Field of study, such as `Computer Science`, when stated.
    pub field: Option<String>,
    /// School, college or university, when stated.
    pub institution: Option<String>,
    /// Year of graduation (the last year on the line), when stated.
    pub year: Option<i32>,
    /// Whether the degree is still being studied for ("expected May 2027", "MBA candidate",
    /// "2024 – present", or a graduation year after the as-of date).
    pub in_progress: bool,
    /// Whether the degree was earned. False for a degree still being studied for and for one
    /// left unfinished ("did not complete", "withdrawn", "coursework only", "ABD"). Only a
    /// completed degree meets a job's education level.
    pub completed: bool,
}

impl Education {
    /// Returns the degree with its field, such as `B.S. Computer Science`.
    pub fn title(&self) -> String {
        match &self.field {
            Some(field) if self.degree.ends_with(['.', 'A', 'S']) || is_short(&self.degree) => {
                format!("{} {field}", self.degree)
            }
            Some(field) => format!("{} in {field}", self.degree),
            None => self.degree.clone(),
        }
    }

    /// Returns the title, followed by "(in progress)" for a degree still being studied for
    /// and by "(not completed)" for one left unfinished.
    pub fn summary_title(&self) -> String {
        if self.in_progress {
            format!("{} (in progress)", self.title())
        } else if !self.completed {
            format!("{} (not completed)", self.title())
        } else {
            self.title()
        }
    }

    /// Marks the degree as still being studied for, and so as not yet completed.
    pub(crate) fn mark_in_progress(&mut self) {
        self.in_progress = true;
        self.completed = false;
    }
}

fn is_short(degree: &str) -> bool {
    degree.len() <= 5 && !degree.contains(' ')
}

/// Degree patterns per level, from the highest level down. Abbreviations are case-sensitive;
/// spelled-out words accept any case of their first letter. "of Science" and "of Arts" end a
/// degree's name, so a word after them is its field ("Master of Science Informatik").
const LEVELS: &[(&str, &str)] = &[
    (
        "doctorate",
        r"Doctorado|Doctorat|Doutorado|Dr\.-Ing\.|Dr\. rer\. nat\.|Ph\.?\s?D\.?|Ed\.D\.|DPhil|EdD|DNP|Juris Doctor|J\.D\.|JD|Pharm\.?D\.?|D\.D\.S\.|D\.M\.D\.|DDS|DMD|M\.D\.|[Dd]octor(?:ate)?(?: of [A-Z][a-z]+)?",
    ),
    (
        "master",
        r"[Mm]asters?(?:'s|’s)?(?: [Dd]egree)?(?: of (?:(?:Science|Arts)\b|[A-Z][a-z]+(?: [A-Z][a-z]+)?))?|M\.A\.T\.|Ed\.S\.|EdS|M\.?B\.?A\.?|M\.?Com\.?|M\.S\.N\.|MSN|M\.S\.|M\.Sc\.?|MSc|M\.A\.|M\.Eng\.?|MEng|MPhil|M\.Ed\.?|MAcc|MSME|MSEE|MSCS|MPH|MSW|MPA|MFA|MHA|M\.?Tech|MCA|MS|MA|Máster|Maestría|Mestrado|Dipl\.-Ing\.|Dipl\.-Kfm\.|Diplom-Ingenieur|Diplôme d'ingénieur|Diplôme d’ingénieur",
    ),
    (
        "bachelor",
        r"[Bb]achelors?(?:'s|’s)?(?: [Dd]egree)?(?: of (?:(?:Science|Arts)\b|[A-Z][a-z]+(?: [A-Z][a-z]+)?))?|B\.[A-Z]\.(?:[A-Z]\.)?(?:[A-Z]\.)?|B\.?Comm?\.?|B\.Ed\.?|BSN|BBA|B\.?Sc\.?|B\.Eng\.?|BEng|B\.?Tech|LL\.B\.|LLB|BFA|BSME|BSEE|BSCS|BSCE|BSChE|BSBA|BSW|BCA|BS|BA|Grado|Licenciatura|Bacharelado",
    ),
    (
        "associate",
        r"[Aa]ssociates?(?:'s|’s)?(?: [Dd]egree| of (?:(?:Science|Arts)\b|[A-Z][a-z]+(?: [A-Z][a-z]+)?)| in (?:Applied )?(?:Science|Arts)\b)|A\.A\.S\.|A\.O\.S\.|A\.S\.N\.|A\.A\.|A\.S\.|ADN|AAS|AOS|ASN|HND|AA",
    ),
    (
        "high school",
        r"[Hh]igh [Ss]chool(?: [Dd]iploma)?|GED|Baccalauréat|Abitur|A[- ]Levels?|GCSEs?",
    ),
    (
        "certificate",
        r"[Dd]iploma|[Cc]ertificate|[Bb]ootcamp|NVQ|SVQ|BTEC|HNC|City (?:&|and) Guilds",
    ),
];

static LEVEL_REGEXES: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    LEVELS
        .iter()
        .map(|(level, pattern)| {
            let regex = Regex::new(&format!(r"(?:^|[^\w.])(?P<d>{pattern})"))
                .expect("degree patterns are fixed, valid regular expressions");
            (*level, regex)
        })
        .collect()
});

static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(19[5-9]\d|20\d\d)\b").expect("the year pattern is a fixed, valid regex")
});

/// Words that name a school, in English and the languages of Europe, or a name ending in "High"
/// or "Tech" ("Greenpoint High", "Valley Tech").
static INSTITUTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:university|universit[éyà]|universidade?|universität|universitat|universiteit|universitet|uniwersytet|college|institute|institut|school|academy|polytechnic|politecnico|polytechnique|hochschule|fachhochschule|école|escuela|scuola|facultad|faculdade|faculté|lycée|gymnasium|seminary|conservatory)\b|(?-i:\b\p{Lu}[\p{L}'’.-]*\s+(?:High|Tech))\s*(?:\d{4})?\s*$")
        .expect("the institution pattern is a fixed, valid regular expression")
});

/// Checks whether a segment names an amount of schooling rather than a school: "Some college",
/// "Partial university coursework".
fn names_schooling_only(segment: &str) -> bool {
    let lower = segment.trim().to_lowercase();
    ["some ", "partial ", "incomplete "]
        .iter()
        .any(|word| lower.starts_with(word))
}

/// Finds the degree on a line: its level and byte range. The highest level wins, so "MBA"
/// beats a "Certificate" mentioned on the same line.
fn find_degree(line: &str) -> Option<(&'static str, std::ops::Range<usize>)> {
    medical_doctorate(line)
        .or_else(|| written_degree(line))
        .or_else(|| capitals_degree(line))
}

/// Finds a spelled-out degree on a line written in capitals ("BACHELOR OF ARTS IN HISTORY") by
/// reading it in title case. Lines with other than ASCII letters keep their capitals, so the
/// byte range stays the same.
fn capitals_degree(line: &str) -> Option<(&'static str, std::ops::Range<usize>)> {
    if !line.is_ascii() || line.chars().any(|c| c.is_ascii_lowercase()) {
        return None;
    }
    let mut titled = String::with_capacity(line.len());
    for word in line.split_inclusive(|c: char| !c.is_ascii_alphanumeric() && c != '\'') {
        let lower = word.to_ascii_lowercase();
        let small = ["of ", "in ", "and ", "of", "in"].contains(&lower.as_str());
        for (i, c) in lower.chars().enumerate() {
            let capital = i == 0 && !small;
            titled.push(if capital { c.to_ascii_uppercase() } else { c });
        }
    }
    // Abbreviations such as BSN are read by `written_degree` already; only words are new here.
    written_degree(&titled).filter(|(_, range)| titled[range.clone()].len() > 4)
}

/// Finds a bare "MD" that opens a line naming a school ("MD, Calder School of Medicine,
/// 2011"). Elsewhere "MD" is more often Maryland ("Baltimore, MD").
fn medical_doctorate(line: &str) -> Option<(&'static str, std::ops::Range<usize>)> {
    // "2015  MD, Halberd University School of Medicine": a year may come first.
    let without_year = YEAR
        .find(line.trim_start())
        .filter(|year| year.start() == 0)
        .map_or(line.trim_start(), |year| &line.trim_start()[year.end()..]);
    let start = line.len() - without_year.trim_start().len();
    let after = line[start..].strip_prefix("MD")?;
    let apart = after.starts_with([',', ' ', '\t', '–', '—', '-', '(', '|']);
    (apart && INSTITUTION.is_match(after)).then_some(("doctorate", start..start + 2))
}

/// Finds a degree of [`LEVELS`] on a line.
fn written_degree(line: &str) -> Option<(&'static str, std::ops::Range<usize>)> {
    LEVEL_REGEXES.iter().find_map(|(level, regex)| {
        regex
            .captures_iter(line)
            .filter_map(|caps| caps.name("d"))
            .find(|m| {
                let after = &line[m.end()..];
                // "Masters in Education" is a degree, "Masters swimming" is not.
                let plural = m.as_str().ends_with("ers") || m.as_str().ends_with("ors");
                // "BS 7671" is a British Standard's number.
                let standard = m.as_str() == "BS"
                    && after.trim_start().starts_with(|c: char| c.is_ascii_digit());
                !after.starts_with(|c: char| c.is_alphanumeric())
                    && !standard
                    && (!plural || after.starts_with(" in ") || after.starts_with(" of "))
                    && !names_other_master_or_doctor(line, m.start(), m.as_str(), after)
            })
            .map(|m| (*level, m.range()))
    })
}

/// Checks whether a bare "Master" or "Doctor" names a trade, a role or a place rather than a
/// degree: "Master Electrician", "Scrum Master, Quillon Software", "Doctor's Office
/// Receptionist". A bare "Master" is a degree only when no word comes right before it and a
/// field, separator or line end follows it. A bare "Doctor" is a degree only before "of".
fn names_other_master_or_doctor(line: &str, start: usize, degree: &str, after: &str) -> bool {
    match degree {
        "Master" | "master" => {
            let word_before = line[..start]
                .trim_end()
                .ends_with(|c: char| c.is_alphanumeric());
            let apart = after.is_empty()
                || [",", " in ", " of ", " (", " -", " –", " —", "\t", " |", ":"]
                    .iter()
                    .any(|next| after.starts_with(next));
            word_before || !apart
        }
        "Doctor" | "doctor" => !after.starts_with(" of "),
        _ => false,
    }
}

/// Checks whether `line` names a course of study: a degree above the certificate level, or a
/// certificate from a school ("Certificate in Supply Chain & Logistics, Delta College").
pub(crate) fn is_degree_line(line: &str) -> bool {
    find_degree(line).is_some_and(|(level, _)| level != "certificate" || INSTITUTION.is_match(line))
}

/// Reads the education entries of an Education section, one per line that names a degree. The
/// lines around a degree may give its school and year.
pub(crate) fn education(text: &str) -> Vec<Education> {
    read_education(text, true)
}

/// Reads the degrees named on lines of text that has no Education section. Only the degree's
/// own line gives its school and year, because the lines around it belong to other parts.
pub(crate) fn education_lines(text: &str) -> Vec<Education> {
    read_education(text, false)
}

fn read_education(text: &str, in_section: bool) -> Vec<Education> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let Some(mut entry) = education_line(line) else {
            continue;
        };
        // "English Teacher, Ridgeview High School" outside an Education section is a job at
        // a school, not a diploma.
        if !in_section && entry.level == "high school" && super::entries::names_role(line) {
            continue;
        }
        let near: Vec<&str> = neighbours(&lines, index).collect();

        if near
            .iter()
            .any(|other| PENDING.is_match(other) || TO_PRESENT.is_match(other))
        {
            entry.mark_in_progress();
        }
        if near
            .iter()
            .any(|other| completion::marks_unfinished_nearby(other, &entry.level))
        {
            entry.completed = false;
        }

        if in_section && entry.institution.is_none() {
            entry.institution = near.iter().find_map(|other| {
                segments(other)
                    .into_iter()
                    .find(|s| INSTITUTION.is_match(s) && !names_schooling_only(s))
                    .map(strip_year)
                    .filter(|s| !s.is_empty())
            });
        }
        if in_section && entry.year.is_none() {
            entry.year = near
                .iter()
                .filter(|other| !TO_PRESENT.is_match(other))
                .find_map(|other| YEAR.find_iter(other).last())
                .and_then(|m| m.as_str().parse().ok());
        }
        found.push(entry);
    }
    found
}

/// Returns the lines that belong to the degree on line `index` without naming a degree,
/// course or credential of their own: the line above it and up to two below it, within its
/// block of lines. A school and its dates, or "Expected May 2027", often stand on such lines.
/// A line right below another degree belongs to that degree, so it is not taken as the line
/// above.
fn neighbours<'a>(lines: &'a [&'a str], index: usize) -> impl Iterator<Item = &'a str> + 'a {
    let below_other_degree = (2..=3).any(|back| {
        index.checked_sub(back).is_some_and(|i| {
            find_degree(lines[i]).is_some()
                && lines[i + 1..index]
                    .iter()
                    .all(|line| !line.trim().is_empty())
        })
    });
    let above = index
        .checked_sub(1)
        .map(|i| lines[i])
        .filter(|line| belongs_to_degree(line))
        .filter(|_| !below_other_degree);
    let below = lines[index + 1..]
        .iter()
        .take(2)
        .take_while(|line| belongs_to_degree(line))
        .copied();
    above.into_iter().chain(below)
}

/// Checks whether a line may contain a nearby degree's details: it is not blank and names no
/// degree, course or credential of its own ("Machine Learning, Coursera, 2020").
fn belongs_to_degree(line: &str) -> bool {
    !line.trim().is_empty()
        && find_degree(line).is_none()
        && !completion::names_other_credential(line)
}

fn education_line(line: &str) -> Option<Education> {
    let line = line.trim().trim_start_matches(['-', '*', '•', '·', ' ']);
    let (level, range) = find_degree(line)?;
    let degree = line[range.clone()].trim().to_string();
    let segments = segments(line);
    let degree_segment = segments
        .iter()
        .find(|s| s.contains(degree.as_str()))
        .copied()
        .unwrap_or(degree.as_str());
    let after_degree = degree_segment
        .split_once(degree.as_str())
        .map_or("", |(_, rest)| rest);
    let (after_degree, school_after) = school_after_joiner(after_degree);
    // A high school diploma has no field; the part after it names a place ("Central High
    // School, Phoenix — Diploma").
    let field = (level != "high school")
        .then(|| {
            field_of(after_degree)
                .or_else(|| field_in_next_segment(&segments, degree_segment))
                .or_else(|| field_before_award(level, degree_segment, &degree))
                .or_else(|| field_in_previous_segment(&segments, degree_segment, &degree))
        })
        .flatten();
    // "(M.Ed.) in School Counseling": a part that opens with "in" is a field, not a school.
    let institution = segments
        .iter()
        .find(|s| INSTITUTION.is_match(s) && !s.contains(degree.as_str()) && !s.starts_with("in "))
        .map(|s| strip_year(s))
        .or_else(|| school_after.map(strip_year))
        // "Hamilton High School, Memphis TN — Diploma": the school's name contains the level.
        .or_else(|| {
            (level == "high school" && degree_segment != degree).then(|| strip_year(degree_segment))
        });
    let year = YEAR
        .find_iter(line)
        .last()
        .and_then(|m| m.as_str().parse().ok());
    let unfinished =
        completion::marks_unfinished(line, level) || completion::is_degree_coursework(after_degree);

    let mut entry = Education {
        in_progress: false,
        completed: !unfinished,
        degree,
        level: level.to_string(),
        field,
        institution: institution.filter(|s| !s.is_empty()),
        year,
    };
    if PENDING.is_match(line) || STUDYING.is_match(line) {
        entry.mark_in_progress();
    }
    Some(entry)
}

/// Splits a line into its comma, bar, dash, spaced hyphen, bracket, tab or wide-space
/// separated parts.
fn segments(line: &str) -> Vec<&str> {
    static SEPARATOR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"[,|—–();·\t]|\s{2,}|\s-\s").expect("the separator pattern is valid")
    });
    SEPARATOR
        .split(line)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// Marks of distinction written between a degree and its field ("BA (Hons), History").
const HONOURS: &[&str] = &[
    "hons",
    "hons.",
    "honours",
    "honors",
    "with honors",
    "with honours",
];

/// Reads the field of study from the segment after a degree that is alone in its segment
/// ("M.S., Electrical Engineering, Stanford University"). A school, a place, a year or a mark of
/// distinction is no field.
fn field_in_next_segment(segments: &[&str], degree_segment: &str) -> Option<String> {
    let at = segments.iter().position(|s| *s == degree_segment)?;
    // "Master of Engineering (M.Eng.), Structural Engineering": the degree's abbreviation
    // is between it and its field.
    let abbreviation = |s: &str| !s.contains(' ') && find_degree(s).is_some();
    let position = at
        + 1
        + segments[at + 1..]
            .iter()
            .position(|s| !HONOURS.contains(&s.to_lowercase().as_str()) && !abbreviation(s))?;
    let next = segments[position];
    if !plausible_field(next) {
        return None;
    }
    let field = field_of(next)?;
    // "Certificate, Heating, Ventilation & Air Conditioning": a field written as a list runs
    // to the part that closes it with "&" or "and".
    let closing = segments[position + 1..]
        .iter()
        .take(3)
        .position(|s| s.contains(" & ") || s.contains(" and "));
    match closing {
        Some(last)
            if segments[position + 1..=position + 1 + last]
                .iter()
                .all(|s| plausible_field(s) && s.starts_with(char::is_uppercase)) =>
        {
            Some(segments[position..=position + 1 + last].join(", "))
        }
        _ => Some(field),
    }
}

/// Checks whether a part of an education line may be a field of study: no school (unless it
/// opens with "in"), place, status or degree.
fn plausible_field(part: &str) -> bool {
    (!INSTITUTION.is_match(part) || part.starts_with("in "))
        && !PENDING.is_match(part)
        && !STUDYING.is_match(part)
        && !super::places::names_place(part)
        && !super::places::names_country(part)
        && !town_and_region(part)
        && find_degree(part).is_none()
}

/// Reads the field written in the part before a degree that is alone in its part ("Culinary
/// Arts, A.A.S., Scottsdale Community College").
fn field_in_previous_segment(
    segments: &[&str],
    degree_segment: &str,
    degree: &str,
) -> Option<String> {
    if degree_segment != degree {
        return None;
    }
    let at = segments.iter().position(|s| *s == degree_segment)?;
    let previous = segments.get(at.checked_sub(1)?)?;
    let named = previous.starts_with(char::is_uppercase) && YEAR.find(previous).is_none();
    (named && plausible_field(previous)).then(|| previous.to_string())
}

/// Reads the field written before a diploma or certificate in its own part of the line
/// ("Licensed Practical Nurse Diploma", "Phlebotomy Certificate"). Only capitalised words
/// count, and a school's name is no field.
fn field_before_award(level: &str, degree_segment: &str, degree: &str) -> Option<String> {
    if level != "certificate" {
        return None;
    }
    let before = degree_segment.split_once(degree)?.0.trim();
    let named = !before.is_empty()
        && before
            .split_whitespace()
            .all(|word| word.starts_with(char::is_uppercase))
        && !INSTITUTION.is_match(before);
    named.then(|| before.to_string())
}

/// Checks for a town and a state or province code ("Memphis TN", "Red Deer AB").
fn town_and_region(part: &str) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    (2..=3).contains(&words.len())
        && words
            .last()
            .is_some_and(|code| crate::skills::REGION_CODES.contains(code))
}

/// Splits the school off the text after a degree when a joiner leads to it ("in Nursing at
/// Harbor State University", "Biology from Cedar Valley College"), returning the text before
/// the joiner and the school.
fn school_after_joiner(rest: &str) -> (&str, Option<&str>) {
    for joiner in [" at ", " from "] {
        if let Some((before, school)) = rest.split_once(joiner)
            && INSTITUTION.is_match(school)
        {
            return (before, Some(school.trim()));
        }
    }
    (rest, None)
}

/// Reads the field of study from the text after the degree: "in Nursing", "of Accountancy"
/// or "Computer Science".
fn field_of(rest: &str) -> Option<String> {
    let rest = rest.trim();
    let rest = ["in ", "of ", "en ", "- ", ": "]
        .iter()
        .find_map(|prefix| rest.strip_prefix(prefix))
        .unwrap_or(rest);
    let mut field = strip_year(rest);
    // "MBA Candidate", "Public Health Candidate": the word marks the degree, not its field.
    if let Some(pending) = PENDING.find(&field) {
        field = field[..pending.start()].trim().to_string();
    }
    let informative = field.chars().next().is_some_and(char::is_uppercase);
    informative.then_some(field)
}

fn strip_year(segment: &str) -> String {
    YEAR.replace_all(segment, "").trim().to_string()
}

/// Reads the certifications and licences listed in a Certifications section: one per line
/// or per `·`, `•`, `|` or `;` separated item, without trailing years. One that expired
/// before `as_of` is left out.
pub(crate) fn certifications(section: &str, as_of: NaiveDate) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    // An expiry note on a line of its own ("Expires: August 2022") belongs to the line above.
    // A profile export writes the name, the issuer and "Issued Jan 2018 · Expired Jan 2021"
    // on three lines: the issuer is no certification, and the note belongs to the name.
    let mut lines: Vec<String> = Vec::new();
    for line in section.lines() {
        if ISSUED_LINE.is_match(line) && lines.len() >= 2 {
            let issuer_only = lines
                .last()
                .is_some_and(|issuer| issuer.split_whitespace().count() <= 3);
            if issuer_only {
                lines.pop();
            }
        }
        match lines.last_mut() {
            Some(previous) if opens_with_expiry(line) || ISSUED_LINE.is_match(line) => {
                previous.push_str(", ");
                previous.push_str(&line.trim().replace('·', " "));
            }
            _ => lines.push(line.to_string()),
        }
    }
    let items = lines
        .iter()
        .flat_map(|line| line.split(['·', '•', '|', ';']))
        .flat_map(split_after_years)
        .map(|item| item.trim().trim_start_matches(['-', '*', ' ']));
    // A degree with its school ("Welding Technology Diploma, Delta College") is education.
    let schooling = |item: &str| is_degree_line(item) && INSTITUTION.is_match(item);
    let lapsed = |item: &str| EXPIRED.is_match(item) || expired_by(item, as_of, false);
    let other_list = |item: &str| OTHER_LIST_LABEL.is_match(item) || DATE_NOTE.is_match(item);
    // "Columbus, Ohio, United States" and "Senior Planner at Northgate Consumer Brands": the
    // location and headline of a profile export, below its sidebar of certifications.
    let place = |item: &str| {
        let parts: Vec<&str> = item.split(',').map(str::trim).collect();
        let last = parts.last().copied().unwrap_or_default();
        // "RN License, California" is a credential: only a country ends a location line.
        let region = (2..=4).contains(&parts.len())
            && parts
                .iter()
                .all(|part| part.split_whitespace().count() <= 3)
            && super::places::names_country(last)
            && !completion::names_other_credential(item)
            && !super::entries::names_role(item);
        region || super::places::names_place(item) || town_and_region(&item.replace(',', " "))
    };
    let headline = |item: &str| {
        item.split_once(" at ")
            .is_some_and(|(role, _)| super::entries::names_role(role))
    };
    for item in items.filter(|item| {
        !PENDING.is_match(item)
            && !schooling(item)
            && !lapsed(item)
            && !other_list(item)
            && !place(item)
            && !headline(item)
    }) {
        let cleaned = clean_certification(item);
        let words = cleaned.split_whitespace().count();
        if (1..=12).contains(&words) && !found.contains(&cleaned) {
            found.push(cleaned);
        }
    }
    found
}

/// A heading of an Education section that names credentials too: "Education &
/// Certifications", "Education and Credentials", "Education / Licensure", "Education &
/// Training".
static CREDENTIALS_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:certifications?|certificates?|credentials|licen[cs]es?|licensure|training)\b",
    )
    .expect("the credentials heading pattern is valid")
});

/// Checks whether an Education heading also names certifications or licences.
pub(crate) fn heading_names_credentials(heading: &str) -> bool {
    CREDENTIALS_HEADING.is_match(heading)
}

/// Checks whether a Skills heading is "Qualifications" alone, which in British and Irish CVs
/// lists awards ("NVQ Level 3", "City & Guilds 2391") and elsewhere sums up skills.
pub(crate) fn heading_names_qualifications(heading: &str) -> bool {
    heading
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .eq_ignore_ascii_case("qualifications")
}

/// Reads the certifications of a "Qualifications" section: the lines that name an award or a
/// credential, or that are short and carry a year ("18th Edition (BS 7671), 2019"). Skill
/// summaries ("5+ years of customer service") carry none of these. An award with its school
/// is education, not a certification.
pub(crate) fn qualification_lines(section: &str, as_of: NaiveDate) -> Vec<String> {
    let items: Vec<&str> = section
        .lines()
        .map(|line| line.trim().trim_start_matches(['-', '*', '•', '·', ' ']))
        .filter(|line| {
            let level = find_degree(line).map(|(level, _)| level);
            let award = level == Some("certificate");
            let dated = YEAR.is_match(line) && line.split_whitespace().count() <= 12;
            // "HND Business Studies, 2011" is a degree, which Education lists.
            let degree = level.is_some() && !award;
            !degree && (award || completion::names_other_credential(line) || dated)
        })
        .collect();
    certifications(&items.join("\n"), as_of)
}

/// Words of a line that details a degree rather than naming a credential: "GPA 3.8", "Minor
/// in Music", "Relevant coursework", "Dean's List", "Graduated 2019".
static DEGREE_DETAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:gpa|major|minor|coursework|thesis|dissertation|honou?rs|dean'?s|cum laude|graduated|graduation|expected|concentration|activities|society|club|diploma)\b")
        .expect("the degree detail pattern is valid")
});

/// A label that opens a list of certifications inside another section ("Certifications:",
/// "Licenses: RN, BLS").
static CREDENTIALS_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:(?:professional\s+)?certifications?|certificates?|credentials|licen[cs]es?(?:\s*(?:&|and)\s*certifications?)?)\s*:\s*")
        .expect("the credentials label pattern is valid")
});

/// Reads the certifications of an Education section whose heading names credentials too
/// ("Education & Certifications"): every line that names no degree, no school and no detail
/// of a degree, and is not a place or a year. A label ("Certifications: PMP, CSM") is dropped
/// and its items are split at commas.
pub(crate) fn credential_lines(section: &str, as_of: NaiveDate) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    for line in section.lines() {
        let trimmed = line.trim().trim_start_matches(['-', '*', '•', '·', ' ']);
        if let Some(label) = CREDENTIALS_LABEL.find(trimmed) {
            items.extend(trimmed[label.end()..].split(',').map(str::to_string));
            continue;
        }
        let credential = completion::names_other_credential(trimmed);
        let names_school = INSTITUTION.is_match(trimmed) && !credential;
        let only_place_or_year = strip_year(trimmed).is_empty()
            || super::places::names_place(trimmed)
            || town_and_region(&trimmed.replace(',', " "));
        let listed = !trimmed.is_empty()
            && !trimmed.ends_with(':')
            && find_degree(trimmed).is_none()
            && !names_school
            && !DEGREE_DETAIL.is_match(trimmed)
            && !only_place_or_year;
        if listed {
            items.push(trimmed.to_string());
        }
    }
    certifications(&items.join("\n"), as_of)
}

/// A year, bare or in brackets, and a comma after it: the end of one certification in a line
/// that lists several ("CompTIA A+ (2021), Network+ (2022)").
static YEAR_COMMA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\(\s*(?:19|20)\d{2}\s*\)|\b(?:19|20)\d{2})\s*,\s*")
        .expect("the year-comma pattern is valid")
});

/// Splits an item after each year and comma that a capital or a digit follows, so each
/// certification of a list keeps its own year. "(2016, renewed 2022)" stays whole.
fn split_after_years(item: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    for found in YEAR_COMMA.find_iter(item) {
        let next = item[found.end()..].chars().next();
        if next.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) {
            let comma = found.start() + found.as_str().rfind(',').unwrap_or(0);
            parts.push(&item[start..comma]);
            start = found.end();
        }
    }
    parts.push(&item[start..]);
    parts
}

/// Words that make a certification line one still being worked towards ("CPA exam scheduled
/// for October", "PMP in progress", "Pursuing CMA").
static PENDING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:scheduled|pursuing|in[\s-]progress|pending|expected|anticipated|candidate|studying for|preparing for|working towards?|not yet certified|not yet licensed)\b")
        .expect("the pending certification pattern is valid")
});

/// Words that date a degree line as still running ("2023 – present", "2024 – Now", "Sep 2024 –",
/// "currently enrolled").
static STUDYING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:present|current|currently|ongoing|enrolled|to date)\b|[-–—]\s*now\b|\b(?:19|20)\d{2}\s*[-–—]\s*$")
        .expect("the studying pattern is valid")
});

/// A credential no longer held ("BLS — expired 03/2022", "CNA (lapsed)").
static EXPIRED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:expired|lapsed|inactive|retired|revoked)\b|\b(?:not|never)\s+(?:pursued|obtained|issued|awarded)\b|\bno\s+longer\s+(?:active|held|valid|current|maintained)\b")
        .expect("the expired pattern is valid")
});

/// A note that gives the date a credential runs out: "exp. 06/2022", "expires March 2023",
/// "valid through 2024", "Active through 07/31/2023".
static EXPIRES_ON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:exp\.|exp\b|expires|expired|expiring|expiry|expiration(?:\s+date)?|(?:valid|current|good|active)\s+(?:through|thru|until|till|to))\s*:?\s*")
        .expect("the expires-on pattern is valid")
});

/// A line of a profile export that dates a certification: "Issued Jan 2018 · Expired Jan
/// 2021", "Issued Mar 2022".
pub(crate) static ISSUED_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*Issued\s+\S+\s+\d{4}\b").expect("the issued line pattern is valid")
});

/// Checks whether `note` contains an expiry note ("exp. 06/2022", "valid until March 2026").
pub(crate) fn expires_in(note: &str) -> bool {
    EXPIRES_ON.is_match(note)
}

/// Checks whether `line` opens with an expiry note ("Expires: August 2022"), which belongs to
/// the credential on the line above.
pub(crate) fn opens_with_expiry(line: &str) -> bool {
    EXPIRES_ON
        .find(line.trim_start())
        .is_some_and(|found| found.start() == 0)
}

/// Checks whether `note` gives an expiry date before the month of `as_of`: the credential it
/// follows is no longer held. With `first_only`, only the first expiry note counts, since a
/// later one may belong to the next credential of a list.
pub(crate) fn expired_by(note: &str, as_of: NaiveDate, first_only: bool) -> bool {
    let now = as_of.year() * 12 + as_of.month0() as i32;
    let mut expiries = EXPIRES_ON
        .find_iter(note)
        .filter_map(|found| expiry_month(&note[found.end()..], as_of));
    if first_only {
        return expiries.next().is_some_and(|month| month < now);
    }
    expiries.any(|month| month < now)
}

/// Reads the expiry date that opens `rest` as a month index. A range after "exp." ("Java
/// (exp. 2015 – 2020)") dates experience, not an expiry.
fn expiry_month(rest: &str, as_of: NaiveDate) -> Option<i32> {
    if !super::experience::month_ranges(rest, as_of).is_empty() {
        return None;
    }
    super::experience::last_month_at(rest, as_of.year())
}

/// A date range that runs to the present ("Sep 2024 – Present"), on a line next to a degree.
static TO_PRESENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:[-–—]|\bto)\s*(?:present|current|now|today)\b")
        .expect("the to-present pattern is valid")
});

/// An expiry, renewal or issue note at the end of a certification ("(exp. 2026)", ", expires
/// 03/2027", "valid through June 2027", "current through 2027", "renewed 2022", "Issued Jan
/// 2023").
static EXPIRY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[\s,;–-]*\(?\s*\b(?:exp\.?|expires|expiring|expiry|expiration(?:\s+date)?|(?:valid|current|good|active)\s+(?:through|thru|until|till|to)|renewed|issued)(?:\s*:)?\s+[^()]*\)?\s*$")
        .expect("the expiry pattern is valid")
});

/// A year or a month and year that opens a certification, with the colon or dash after it:
/// "2023: Certified Payroll Professional", "06/2021 – ServSafe Manager".
static LEADING_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{1,2}/)?(?:19|20)\d{2}\s*(?::|[-–—]\s)\s*")
        .expect("the leading date pattern is valid")
});

/// A note that dates the item before it on its line: "Valid: 2024–2029", "Issued 2019".
static DATE_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:valid|issued|expires?|expiry|renewed|obtained|earned)\b\s*:?\s*[\d(]")
        .expect("the date note pattern is valid")
});

/// A label of another kind of list that a Certifications section may hold at its end:
/// "Languages: English, Spanish", "Interests: …".
static OTHER_LIST_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:languages?|interests|hobbies|references|volunteering|volunteer\s+work|skills)\s*:")
        .expect("the other-list label pattern is valid")
});

/// Drops an expiry note, a trailing year ("…, 2019", "… (2022)") and a trailing "current" or
/// "active".
fn clean_certification(item: &str) -> String {
    let item = LEADING_DATE.replace(item.trim(), "");
    let mut text = EXPIRY.replace(&item, "").into_owned();
    loop {
        let before = text.clone();
        for suffix in ["current", "active", "present"] {
            if text.to_lowercase().ends_with(suffix) {
                text.truncate(text.len() - suffix.len());
            }
        }
        if let Some(m) = YEAR.find_iter(&text).last()
            && text[m.end()..].trim_matches([')', ' ', '.']).is_empty()
        {
            text.truncate(m.start());
        }
        text = text
            .trim_end_matches([' ', ',', '(', '-', '–', '—', '.', '|', ':'])
            .to_string();
        if text == before {
            return text;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn as_of() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).expect("a valid date")
    }

    /// Checks that each line gives a first degree of the level beside it.
    fn assert_levels(cases: &[(&str, &str)]) {
        for (line, level) in cases {
            let found = education(line);
            assert_eq!(
                found.first().map(|e| e.level.as_str()),
                Some(*level),
                "{line}"
            );
        }
    }

    #[test]
    fn abbreviated_degree_with_field_school_and_year() {
        let found = education("B.S. Computer Science, University of Quillmark, 2016\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].degree, "B.S.");
        assert_eq!(found[0].level, "bachelor");
        assert_eq!(found[0].field.as_deref(), Some("Computer Science"));
        assert_eq!(
            found[0].institution.as_deref(),
            Some("University of Quillmark")
        );
        assert_eq!(found[0].year, Some(2016));
        assert_eq!(found[0].title(), "B.S. Computer Science");
    }

    #[test]
    fn british_and_indian_degree_abbreviations_have_levels() {
        assert_levels(&[
            (
                "BEng Software Engineering, Ostrava University, 2019",
                "bachelor",
            ),
            (
                "B.Tech Computer Science, Larkfield Institute, 2018",
                "bachelor",
            ),
            ("LLB, Dunmore University, 2015", "bachelor"),
            ("BCom Accounting, Dunmore University, 2016", "bachelor"),
            ("BFA Graphic Design, Fenwick College, 2014", "bachelor"),
            (
                "MEng Mechanical Engineering, Ostrava University, 2020",
                "master",
            ),
            ("MPhil Economics, Dunmore University, 2017", "master"),
            ("DPhil Chemistry, Dunmore University, 2021", "doctorate"),
            (
                "HND Electrical Engineering, Fenwick College, 2012",
                "associate",
            ),
        ]);
    }

    #[test]
    fn tab_separated_parts_and_candidate_are_read() {
        let found =
            education("Hartsfield Institute of Technology\tB.S. Electrical Engineering\tMay 2016");
        assert_eq!(found[0].field.as_deref(), Some("Electrical Engineering"));
        assert_eq!(
            found[0].institution.as_deref(),
            Some("Hartsfield Institute of Technology")
        );
        let found = education("MBA Candidate, Ostrava Business School");
        assert_eq!(found[0].field, None);
        assert!(found[0].in_progress);
        let found = education("Doctor of Philosophy in Public Health Candidate, Walden University");
        assert_eq!(found[0].field.as_deref(), Some("Public Health"));
    }

    #[test]
    fn degrees_still_studied_for_are_in_progress() {
        for line in [
            "B.S. Computer Science, Larkfield University, expected May 2027",
            "MBA Candidate, Orrin School of Business",
            "Master of Science in Nursing, Fenwhistle University, 2024 – Present",
            "BSN (in progress), Dunmore College",
        ] {
            let found = education(line);
            assert!(found[0].in_progress, "{line}");
            assert!(
                found[0].summary_title().ends_with("(in progress)"),
                "{line}"
            );
        }
        let below = education(
            "Ostrava University\nBachelor of Science in Computer Science\nExpected May 2027\n",
        );
        assert!(below[0].in_progress);
        assert_eq!(below[0].institution.as_deref(), Some("Ostrava University"));
        assert_eq!(below[0].year, Some(2027));
        let above = education(
            "Ostrava University, Sep 2024 – Present\nMaster of Science, Computer Science\n",
        );
        assert!(above[0].in_progress);
        let apart = education("M.S. Statistics, 2019\nB.S. Mathematics\nExpected May 2027\n");
        assert!(!apart[0].in_progress);
        assert!(apart[1].in_progress);
        let between = education(
            "Master of Public Health, Calder University\nExpected May 2026\n\
             Bachelor of Science in Biology, Calder University, 2012\n",
        );
        assert!(between[0].in_progress);
        assert_eq!(between[0].year, Some(2026));
        assert!(!between[1].in_progress);
        let two_below = education(
            "Master of Public Health\nCalder University\nExpected May 2026\n\
             High School Diploma, Eastside High School, 2009\n",
        );
        assert!(!two_below[1].in_progress);
        let licence = education("BSN, Fenwhistle University, 2017\nRN License, current\n");
        assert!(!licence[0].in_progress);
        let done = education("B.S. Computer Science, Larkfield University, 2016");
        assert!(!done[0].in_progress);
        assert_eq!(done[0].summary_title(), "B.S. Computer Science");
    }

    #[test]
    fn education_marks_unfinished_degrees() {
        for line in [
            "MBA coursework, Harbor School of Business (did not complete)",
            "Master of Finance (withdrawn)",
            "Some coursework towards a B.A. in History, Calder University",
            "Ph.D. Sociology (ABD), Calder University, 2015",
            "B.S. Chemistry, Osterly University, 2010 – 2012, not completed",
        ] {
            let found = education(line);
            assert!(!found[0].completed, "{line}");
            assert!(!found[0].in_progress, "{line}");
            assert!(
                found[0].summary_title().ends_with("(not completed)"),
                "{line}"
            );
        }
        let below = education("Master of Finance\nCalder University, 2017 – 2018\nWithdrawn\n");
        assert!(!below[0].completed);
        let done = education("B.S. Biology, Calder University, 2016\nCoursework: Genetics\n");
        assert!(done[0].completed);
        assert_eq!(done[0].summary_title(), "B.S. Biology");
        let pending = education("MBA Candidate, Orrin School of Business");
        assert!(!pending[0].completed);
        let pending = education("Master of Education (pending), Calder University, 2026");
        assert!(pending[0].in_progress);
        let thesis =
            education("Ph.D. Economics, Calder University, 2015\nEssays on Incomplete Markets\n");
        assert!(thesis[0].completed);
    }

    #[test]
    fn education_lends_no_course_year() {
        let found = education(
            "MBA coursework, Harbor School of Business (did not complete)\n\
             Machine Learning, Coursera, 2020\n",
        );
        assert_eq!(found[0].year, None);
        let found = education("B.S. Nursing\nAWS Certified Cloud Practitioner, 2021\n");
        assert_eq!(found[0].year, None);
        let found = education("B.S. Nursing\nCalder University, 2014 – 2018\n");
        assert_eq!(found[0].year, Some(2018));
    }

    #[test]
    fn education_separates_field_from_school() {
        let found = education("Master of Science Informatik, Universität Kiel, 2019");
        assert_eq!(found[0].degree, "Master of Science");
        assert_eq!(found[0].field.as_deref(), Some("Informatik"));
        assert_eq!(found[0].institution.as_deref(), Some("Universität Kiel"));
        let found = education("High School Diploma, Greenpoint High, 2013");
        assert_eq!(found[0].field, None);
        assert_eq!(found[0].institution.as_deref(), Some("Greenpoint High"));
        let found = education("Master of Business Administration, Calder University");
        assert_eq!(found[0].degree, "Master of Business Administration");
    }

    #[test]
    fn education_reads_field_before_certificate() {
        let found = education("Phlebotomy Certificate — Harbor Community College (2019)");
        assert_eq!(found[0].field.as_deref(), Some("Phlebotomy"));
        let found = education("Harbor Community College Certificate, 2019");
        assert_eq!(found[0].field, None);
    }

    #[test]
    fn unfinished_and_running_degrees_are_not_completed() {
        for line in [
            "B.A. History, East College (no degree)",
            "B.S. Biology, North College, degree not conferred",
            "B.A. English, West College, left before graduating",
            "Completed 2 years of B.S. Physics, Lake College",
            "Ph.D. Physics, South University – A.B.D.",
            "M.S. Nursing, Calder University, 2024 – Now",
            "M.A. Economics, Ridge University, Sep 2024 –",
            "B.Eng. Civil, Hill University (in-progress)",
        ] {
            let found = education(line);
            assert!(!found.is_empty(), "{line}");
            assert!(!found[0].completed || found[0].in_progress, "{line}");
        }
        assert!(education("B.A. History, East College, 2012")[0].completed);
    }

    #[test]
    fn some_college_is_no_school() {
        let found = education("Some college — criminal justice coursework, 2011\nGED, 2010\n");
        let ged = found.iter().find(|e| e.degree == "GED").expect("the GED");
        assert_eq!(ged.institution, None);
    }

    #[test]
    fn certifications_leave_out_lapsed_ones() {
        let found = certifications(
            "BLS (AHA) — expired 03/2022\nACLS, current through 2027\n",
            as_of(),
        );
        assert_eq!(found, ["ACLS"]);
    }

    #[test]
    fn expiry_on_the_next_line_applies_above() {
        let section = "Class A CDL\nExpires: August 2027\nHazmat endorsement\nExpires: August 2022\n\
            LLLT — program completed, license not pursued\n";
        assert_eq!(certifications(section, as_of()), ["Class A CDL"]);
    }

    #[test]
    fn exported_certification_dates_apply_to_the_name() {
        let section = "CISSP\nISC2\nIssued Jan 2018 · Expired Jan 2021\n\
            AWS Certified Developer\nAmazon Web Services\nIssued Mar 2024 · Expires Mar 2027\n\
            PMP (in-progress)\nPRINCE2 — certification pending\n\
            ITIL 4 Foundation — no longer active\n";
        assert_eq!(
            certifications(section, as_of()),
            ["AWS Certified Developer"]
        );
    }

    #[test]
    fn location_and_headline_lines_are_no_certifications() {
        let section = "APICS CPIM\nRN License, California\nColumbus, Ohio, United States\n\
            Senior Supply Chain Planner at Northgate Consumer Brands\n";
        assert_eq!(
            certifications(section, as_of()),
            ["APICS CPIM", "RN License, California"]
        );
    }

    #[test]
    fn status_and_validity_notes_leave_the_name() {
        let section = "CPA — Active\nPMP | Valid: 2024–2029\n";
        assert_eq!(certifications(section, as_of()), ["CPA", "PMP"]);
    }

    #[test]
    fn certifications_lose_leading_years_and_other_lists() {
        let section = "2023: Certified Payroll Professional\n06/2021 – ServSafe Manager\nLanguages: English, Spanish\n";
        assert_eq!(
            certifications(section, as_of()),
            ["Certified Payroll Professional", "ServSafe Manager"]
        );
    }

    #[test]
    fn certifications_past_their_expiry_date_are_left_out() {
        let section = "ACLS — Active through 07/31/2023\nBLS (exp. 06/2027)\nCNA, valid through 2025\nPALS, expires December 2026\n";
        assert_eq!(certifications(section, as_of()), ["BLS", "PALS"]);
    }

    #[test]
    fn credential_line_below_degree_leaves_it_completed() {
        for below in [
            "Currently studying for the CPA exam",
            "CFA Level II Candidate",
        ] {
            let text = format!("B.S. Accounting, Tallis Bay University, 2021\n{below}\n");
            let found = education(&text);
            assert!(!found[0].in_progress, "{below}");
            assert!(found[0].completed, "{below}");
        }
    }

    #[test]
    fn education_reads_fields_around_the_degree() {
        let found = education(
            "Certificate, Heating, Ventilation & Air Conditioning, Desert Valley Institute, 2016",
        );
        assert_eq!(
            found[0].field.as_deref(),
            Some("Heating, Ventilation & Air Conditioning")
        );
        let found = education("Culinary Arts, A.A.S., Scottsdale Community College, 2012");
        assert_eq!(found[0].field.as_deref(), Some("Culinary Arts"));
        let found = education("Central High School, Phoenix — Diploma, 2010");
        assert_eq!(found[0].field, None);
        let found = education("M.S., Electrical Engineering, Stanford University, 2015");
        assert_eq!(found[0].field.as_deref(), Some("Electrical Engineering"));
    }

    #[test]
    fn job_at_a_high_school_is_no_diploma() {
        let text = "English Teacher, Ridgeview High School, 2019 - Present\n\
                    B.A. English, Calder University, 2018\n";
        let found = education_lines(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].level, "bachelor");
    }

    #[test]
    fn european_degrees_and_leading_years_are_read() {
        assert_levels(&[
            ("Dipl.-Ing. Maschinenbau, TU Dresden, 2012", "master"),
            ("Dr.-Ing., RWTH Aachen, 2017", "doctorate"),
            (
                "Diplôme d'ingénieur (grade de Master), École Centrale, 2014",
                "master",
            ),
            ("Baccalauréat, Lycée Montaigne, 2008", "high school"),
            (
                "2015  MD, Halberd University School of Medicine",
                "doctorate",
            ),
        ]);
    }

    #[test]
    fn education_reads_british_vocational_awards() {
        let found = education("NVQ Level 3 Electrical Installation, Fenwick College, 2014");
        assert_eq!(found[0].level, "certificate");
        let found = education("City & Guilds 2391 Inspection and Testing, 2016");
        assert_eq!(found[0].level, "certificate");
        assert!(education("18th Edition (BS 7671), 2019").is_empty());
    }

    #[test]
    fn education_reads_more_abbreviations() {
        for (line, level) in [
            ("BSME, University of Kansas, 2017", "bachelor"),
            ("BSEE, Calder University, 2012", "bachelor"),
            ("BSCS, Calder University, 2012", "bachelor"),
            ("LL.B., Calder University, 2008", "bachelor"),
            ("MAcc, Calder University, 2015", "master"),
            ("M.A.T., Calder University, 2016", "master"),
            ("MPH, Calder University, 2019", "master"),
            ("JD, Georgetown Law School, 2009", "doctorate"),
            ("DNP, Calder University, 2021", "doctorate"),
            ("PharmD, Calder University, 2018", "doctorate"),
            ("D.D.S., Calder University, 2014", "doctorate"),
            ("M.D., Calder University, 2011", "doctorate"),
            ("MD, Calder School of Medicine, 2011", "doctorate"),
            ("M.Tech Computer Science, Calder University, 2016", "master"),
            ("MCA, Calder University, 2013", "master"),
            ("BCA, Calder University, 2010", "bachelor"),
            (
                "Masters in Education, Brookfield University, 2014",
                "master",
            ),
            (
                "Bachelors in History, Brookfield University, 2010",
                "bachelor",
            ),
        ] {
            let found = education(line);
            assert_eq!(found.len(), 1, "{line}");
            assert_eq!(found[0].level, level, "{line}");
        }
        assert!(education("Calder University, Baltimore, MD\n").is_empty());
        assert!(education("MD Anderson Cancer Center, Houston\n").is_empty());
    }

    #[test]
    fn education_reads_dotted_commerce_degrees() {
        let found = education("B.Com. Finance, Westmere University, 2017");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].level, "bachelor");
        assert_eq!(found[0].field.as_deref(), Some("Finance"));
        assert_eq!(found[0].institution.as_deref(), Some("Westmere University"));
        assert_eq!(found[0].year, Some(2017));
        assert_eq!(
            education("M.Com Accounting, Westmere University")[0].level,
            "master"
        );
    }

    #[test]
    fn spelled_out_degree_keeps_field_after_in() {
        let found = education("Bachelor of Science in Nursing, Fenwhistle University, 2017");
        assert_eq!(found[0].degree, "Bachelor of Science");
        assert_eq!(found[0].field.as_deref(), Some("Nursing"));
        assert_eq!(found[0].title(), "Bachelor of Science in Nursing");
    }

    #[test]
    fn field_after_comma_is_read() {
        let cases = [
            (
                "M.S., Electrical Engineering, Tarn University, 2012",
                Some("Electrical Engineering"),
            ),
            (
                "Bachelor of Arts (Hons), History — Calder University — 2013",
                Some("History"),
            ),
            ("B.S., Larkfield University, 2016", None),
            ("MBA, 2019", None),
            ("B.A., Boston, MA", None),
        ];
        for (line, field) in cases {
            assert_eq!(education(line)[0].field.as_deref(), field, "{line}");
        }
    }

    #[test]
    fn levels_are_recognised() {
        let cases = [
            ("MBA, Harrowgate School of Business, 2016", "master"),
            (
                "Master of Accountancy, Olmsfield University, 2008",
                "master",
            ),
            ("M.S. Applied Statistics, Tarn Institute, 2021", "master"),
            ("A.A.S. Industrial Electrical Technology, 2017", "associate"),
            (
                "Associate Degree in Nursing (ADN), Lakeview College",
                "associate",
            ),
            ("High school diploma, Brookvale High School", "high school"),
            ("Ph.D. Chemistry, Osterly University, 2011", "doctorate"),
            ("B.B.A. Marketing, Pinecrest University, 2017", "bachelor"),
            (
                "HVAC-R Technology Diploma, Ridge Technical Institute",
                "certificate",
            ),
            ("Máster en Finanzas, Universidad de Tarsel, 2019", "master"),
            (
                "Doctorat en chimie, Université de Varennes, 2015",
                "doctorate",
            ),
            (
                "Bacharelado em Administração, Universidade Serrana",
                "bachelor",
            ),
        ];
        for (line, level) in cases {
            let found = education(line);
            assert_eq!(found.len(), 1, "{line}");
            assert_eq!(found[0].level, level, "{line}");
        }
    }

    #[test]
    fn ordinary_words_are_not_degrees() {
        assert!(education("Basic MS Office and BASIC programming").len() <= 1);
        assert!(education("Masters swimming club, Bachelors party").is_empty());
        assert!(education("Graduated with honours").is_empty());
    }

    #[test]
    fn bracketed_year_range_gives_last_year() {
        let found =
            education("Grado en Ingeniería Informática, Universidad de Tarsel (2014 – 2018)");
        assert_eq!(found[0].level, "bachelor");
        assert_eq!(found[0].year, Some(2018));
        assert_eq!(found[0].field.as_deref(), Some("Ingeniería Informática"));
    }

    #[test]
    fn trades_and_roles_named_master_are_no_degree() {
        for line in [
            "Master Electrician, Dunmore Electric LLC, 2015 - Present",
            "Scrum Master, Quillon Software, 2012 - 2015",
            "Master Plumber License (2019)",
            "Certified Scrum Master, 2018",
            "Doctor's Office Receptionist, Pine Clinic",
        ] {
            assert!(education(line).is_empty(), "{line}");
        }
        assert_eq!(
            education("Master, Computer Science, Calder University, 2016")[0].level,
            "master"
        );
    }

    #[test]
    fn degrees_in_capitals_are_read() {
        let found = education(
            "BACHELOR OF ARTS IN HISTORY\nLAKEVIEW UNIVERSITY, 2020\n\n\
             HIGH SCHOOL DIPLOMA, LAKEVIEW HIGH SCHOOL, 2016\n",
        );
        let read: Vec<_> = found
            .iter()
            .map(|e| (e.level.as_str(), e.institution.as_deref()))
            .collect();
        assert_eq!(
            read,
            [
                ("bachelor", Some("LAKEVIEW UNIVERSITY")),
                ("high school", Some("LAKEVIEW HIGH SCHOOL"))
            ]
        );
    }

    #[test]
    fn associate_degree_forms_are_read() {
        for line in [
            "Associate in Arts, Harbor Community College, 2012",
            "Associate in Applied Science, Welding Technology, Delta College, 2015",
            "Associates Degree in Business, Delta College, 2014",
            "AA, General Studies, Harbor Community College, 2010",
            "A.O.S. Culinary Arts, Calder Culinary Institute, 2016",
            "A.S.N. Nursing, Delta College, 2019",
        ] {
            let found = education_line(line).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(found.level, "associate", "{line}");
        }
        assert!(education_line("Sales Associate, Pine Mart, 2019").is_none());
    }

    #[test]
    fn field_in_brackets_and_rarer_degrees() {
        let found = education_line(
            "Master of Education (M.Ed.) in School Counseling, Rio Grande University, 2015",
        )
        .expect("a degree line");
        assert_eq!(found.field.as_deref(), Some("School Counseling"));
        assert_eq!(found.institution.as_deref(), Some("Rio Grande University"));
        let found = education_line("Licensed Practical Nurse Diploma, Valley Tech, 2016")
            .expect("a degree line");
        assert_eq!(found.field.as_deref(), Some("Licensed Practical Nurse"));
        assert_eq!(found.institution.as_deref(), Some("Valley Tech"));
        let found = education_line("Ed.S. School Psychology, Calder University, 2018");
        assert_eq!(found.map(|e| e.level), Some("master".to_string()));
        let found = education_line("DDS, Calder School of Dentistry, 2012");
        assert_eq!(found.map(|e| e.level), Some("doctorate".to_string()));
    }

    #[test]
    fn field_skips_abbreviation_and_town() {
        let entry = |line: &str| education_line(line).expect("a degree line");
        let found = entry("Bachelor of Science - BS, Information Technology");
        assert_eq!(found.field.as_deref(), Some("Information Technology"));
        let found =
            entry("Master of Engineering (M.Eng.), Structural Engineering, Calder University");
        assert_eq!(found.level, "master");
        assert_eq!(found.field.as_deref(), Some("Structural Engineering"));
        assert_eq!(found.institution.as_deref(), Some("Calder University"));
        let found = entry("Hamilton High School, Memphis TN — Diploma");
        assert_eq!(found.field, None);
        assert_eq!(found.institution.as_deref(), Some("Hamilton High School"));
    }

    #[test]
    fn spaced_hyphens_part_degree_lines() {
        let found = education("MBA - Harbor Business School - 2023\n");
        assert_eq!(found[0].field, None);
        assert_eq!(
            found[0].institution.as_deref(),
            Some("Harbor Business School")
        );
        let found = education("BS in Accounting - Kestrel University - 2018\n");
        assert_eq!(found[0].field.as_deref(), Some("Accounting"));
        assert_eq!(found[0].institution.as_deref(), Some("Kestrel University"));
    }

    #[test]
    fn school_after_a_joiner_is_no_field() {
        let found = education(
            "Currently pursuing a Bachelor's degree in Nursing at Harbor State University \
             (expected May 2027)\nA.S. Biology from Cedar Valley College, 2020\n",
        );
        let read: Vec<_> = found
            .iter()
            .map(|e| (e.field.as_deref(), e.institution.as_deref(), e.in_progress))
            .collect();
        assert_eq!(
            read,
            [
                (Some("Nursing"), Some("Harbor State University"), true),
                (Some("Biology"), Some("Cedar Valley College"), false)
            ]
        );
    }

    #[test]
    fn pending_certifications_are_left_out() {
        let section =
            "CPA exam scheduled for October 2027\nPMP in progress\nCertified Scrum Master, 2022\n";
        assert_eq!(certifications(section, as_of()), ["Certified Scrum Master"]);
    }

    #[test]
    fn certifications_are_split_and_cleaned() {
        let section = "CPA (Oregon) · Certified Internal Auditor (CIA)\n\
                       - Enrolled Agent (EA), 2019\n\
                       BLS and ACLS (American Heart Association), current\n\
                       Microsoft Certified: Power BI Data Analyst Associate (2022)\n\
                       Registered Nurse, License #RN-000000 (exp. 2026)\n\
                       BLS, expires 03/2027\n\
                       Forklift Operator Certificate - valid through June 2027\n\
                       OSHA Forklift Certification (2016, renewed 2022)\n\
                       DOT medical card current through 2027\n\
                       CompTIA A+ (2021), Network+ (2022), CCNA 2023, Security+\n";
        assert_eq!(
            certifications(section, as_of()),
            vec![
                "CPA (Oregon)",
                "Certified Internal Auditor (CIA)",
                "Enrolled Agent (EA)",
                "BLS and ACLS (American Heart Association)",
                "Microsoft Certified: Power BI Data Analyst Associate",
                "Registered Nurse, License #RN-000000",
                "BLS",
                "Forklift Operator Certificate",
                "OSHA Forklift Certification",
                "DOT medical card",
                "CompTIA A+",
                "Network+",
                "CCNA",
                "Security+",
            ]
        );
    }
}
