//! Experience entries: the jobs of the Experience section, each with its title, employer and
//! dates, and the text that describes it.
//!
//! An entry starts at a date range. Its header is the line that contains the range and up to
//! two lines right above it that are neither bullets nor sentences ("Registered Nurse" over
//! "Lakeshore Hospital, Cleveland, OH  12/2021 to present"). When no such line is above it and
//! its own line contains only the dates, the line right below it is the header instead. The header splits into parts at dashes,
//! bars, middle dots, commas, tabs, wide gaps and " at "; places ("Austin, TX", "Remote") are
//! dropped. The part that names a role (engineer, nurse, cashier…) is the title, and the part
//! that ends like an organisation (Inc, Hospital, University…) or, failing that, the first
//! other part, is the employer. The entry's text runs to the next entry's header.

use std::ops::Range;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::Regex;
use serde::Serialize;

use super::experience::{self, DatedRange, MonthRange};
use super::places::{names_country, names_place};
use super::sections::Section;
use crate::skills::{ORGANISATION_SUFFIXES, ORGANISATION_SUFFIXES_AFTER, REGION_CODES};

/// One job of the Experience section.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ExperienceEntry {
    /// Job title as written ("Senior Data Analyst").
    pub title: Option<String>,
    /// Employer as written ("Halvorsen Home Insurance").
    pub employer: Option<String>,
    /// First month, `YYYY-MM`.
    pub start: String,
    /// Last month, `YYYY-MM`: the as-of month when the job is current.
    pub end: String,
    /// Whether the job runs to the present.
    pub current: bool,
    /// Length in years, one decimal.
    pub years: f64,
    /// Bytes of the entry in the document, header included.
    #[serde(skip)]
    pub(crate) span: Range<usize>,
    /// Date ranges of the job, more than one when its line lists several ("Summer 2023,
    /// Summer 2024").
    #[serde(skip)]
    pub(crate) months: Vec<MonthRange>,
    /// Whether the header names unpaid work (see [`unpaid_role`]), which adds no years.
    #[serde(skip)]
    pub(crate) unpaid: bool,
}

/// Words that name a role, as the last or any word of a job title.
const ROLE_WORDS: &[&str] = &[
    "accountant",
    "actor",
    "administrator",
    "adviser",
    "advisor",
    "advocate",
    "agent",
    "aide",
    "airman",
    "ambassador",
    "analyst",
    "animator",
    "apprentice",
    "architect",
    "artist",
    "assembler",
    "assistant",
    "associate",
    "attorney",
    "auditor",
    "baker",
    "banker",
    "barber",
    "barista",
    "bartender",
    "biologist",
    "bookkeeper",
    "broker",
    "butcher",
    "buyer",
    "captain",
    "caregiver",
    "carpenter",
    "caseworker",
    "cashier",
    "ceo",
    "cfo",
    "chair",
    "chairperson",
    "chef",
    "chemist",
    "cio",
    "clerk",
    "clinician",
    "cmo",
    "cna",
    "co-founder",
    "co-op",
    "coach",
    "cofounder",
    "consultant",
    "contractor",
    "controller",
    "coo",
    "cook",
    "coordinator",
    "copywriter",
    "cosmetologist",
    "counselor",
    "courier",
    "crew",
    "cto",
    "custodian",
    "dentist",
    "deputy",
    "designer",
    "developer",
    "dietitian",
    "director",
    "dispatcher",
    "drafter",
    "driver",
    "economist",
    "editor",
    "electrician",
    "emt",
    "engineer",
    "esthetician",
    "estimator",
    "executive",
    "fabricator",
    "facilitator",
    "fellow",
    "firefighter",
    "foreman",
    "founder",
    "freelancer",
    "generalist",
    "glazier",
    "groundskeeper",
    "guard",
    "handler",
    "head",
    "helper",
    "housekeeper",
    "hygienist",
    "illustrator",
    "inspector",
    "installer",
    "instructor",
    "intern",
    "interpreter",
    "investigator",
    "janitor",
    "journalist",
    "journeyman",
    "laborer",
    "landscaper",
    "lead",
    "lecturer",
    "librarian",
    "lieutenant",
    "lineman",
    "lineworker",
    "loader",
    "lpn",
    "machinist",
    "manager",
    "marketer",
    "mason",
    "mechanic",
    "medic",
    "member",
    "mentor",
    "merchandiser",
    "midwife",
    "millwright",
    "moderator",
    "mover",
    "musician",
    "nanny",
    "nurse",
    "nutritionist",
    "officer",
    "operator",
    "optometrist",
    "organiser",
    "organizer",
    "owner",
    "packer",
    "painter",
    "paralegal",
    "paramedic",
    "paraprofessional",
    "partner",
    "pharmacist",
    "phlebotomist",
    "photographer",
    "physician",
    "picker",
    "pilot",
    "pipefitter",
    "planner",
    "plumber",
    "porter",
    "preparer",
    "president",
    "principal",
    "producer",
    "professor",
    "programmer",
    "psychologist",
    "radiographer",
    "receptionist",
    "recruiter",
    "rep",
    "reporter",
    "representative",
    "researcher",
    "resident",
    "responder",
    "rigger",
    "rn",
    "roofer",
    "sailor",
    "scheduler",
    "scientist",
    "secretary",
    "senior",
    "sergeant",
    "server",
    "soldier",
    "sonographer",
    "sorter",
    "specialist",
    "statistician",
    "steamfitter",
    "steward",
    "stna",
    "stocker",
    "storekeeper",
    "strategist",
    "stylist",
    "superintendent",
    "supervisor",
    "surgeon",
    "surveyor",
    "teacher",
    "tech",
    "technician",
    "technologist",
    "teller",
    "tester",
    "therapist",
    "trainee",
    "trainer",
    "translator",
    "treasurer",
    "trustee",
    "tutor",
    "underwriter",
    "veterinarian",
    "vice-president",
    "volunteer",
    "vp",
    "waiter",
    "waitress",
    "warehouseman",
    "welder",
    "worker",
    "writer",
];

/// Last words of organisation names, in addition to the suffixes the skill context rules use.
const EMPLOYER_WORDS: &[&str] = &[
    "academy",
    "association",
    "authority",
    "army",
    "navy",
    "battalion",
    "battery",
    "board",
    "brigade",
    "command",
    "corps",
    "detachment",
    "regiment",
    "squadron",
    "center",
    "centre",
    "charity",
    "church",
    "club",
    "college",
    "council",
    "county",
    "department",
    "district",
    "foundation",
    "gmbh",
    "institute",
    "league",
    "llp",
    "network",
    "plc",
    "restaurant",
    "school",
    "schools",
    "society",
    "store",
    "stores",
    "trust",
    "university",
];

/// Words that name a work arrangement, not a place or an employer.
const WORK_PLACES: &[&str] = &["remote", "hybrid", "on-site", "onsite", "in-office"];

/// Maximum length, in bytes, of a header line above the dates.
const HEADER_LINE_BYTES: usize = 120;

/// Maximum length, in bytes, of a title or an employer: a longer part is running text.
const NAME_BYTES: usize = 150;

/// Lines read above the dates for the title and employer.
const HEADER_LINES_ABOVE: usize = 2;

/// Reads the entries of the Experience sections, or of the whole text but Education when the
/// resume has no Experience heading, in document order, with a warning for each date range
/// that counts as no experience (see [`backward_range_warning`]). Each area's date ranges are
/// read once for both.
pub(crate) fn entries(
    text: &str,
    found: &[Section],
    as_of: NaiveDate,
) -> (Vec<ExperienceEntry>, Vec<String>) {
    let mut entries = Vec::new();
    let mut warnings = Vec::new();
    for area in experience_areas(text, found) {
        let area_text = &text[area.clone()];
        let (forward, backward): (Vec<DatedRange>, Vec<DatedRange>) =
            experience::written_ranges(area_text, as_of)
                .into_iter()
                .partition(|range| range.months.0 <= range.months.1);
        warnings.extend(
            backward
                .into_iter()
                .filter(|range| range.work)
                .map(|range| backward_range_warning(area_text, &range, as_of)),
        );
        entries.extend(entries_in(text, area, forward, as_of));
    }
    (entries, warnings)
}

/// Explains a date range that counts as no experience because it runs backwards ("2021 –
/// 2019") or starts after `as_of`, quoting the range.
fn backward_range_warning(area_text: &str, range: &DatedRange, as_of: NaiveDate) -> String {
    let as_of_month = as_of.year() * 12 + as_of.month0() as i32;
    let written = area_text[range.at.clone()]
        .split_whitespace()
        .collect::<Vec<_>>();
    let reason = if range.months.0 > as_of_month {
        format!("starts after the as-of date {as_of}")
    } else {
        "ends before it starts".to_string()
    };
    format!(
        "date range \"{}\" {reason}, so it is left out of the experience entries and \
         total_experience_years",
        written.join(" ")
    )
}

/// Returns the Experience sections, or the whole text but Education and Certifications when
/// the resume has no Experience heading.
fn experience_areas(text: &str, found: &[Section]) -> Vec<Range<usize>> {
    let experience: Vec<Range<usize>> = found
        .iter()
        .filter(|s| s.name == "EXPERIENCE")
        .map(|s| s.body.clone())
        .collect();
    if experience.is_empty() {
        outside_education(text, found)
    } else {
        experience
    }
}

/// Words that make a line a credential rather than a job ("Certified Nursing Assistant, 2015").
const CREDENTIAL_WORDS: &[&str] = &[
    "certified",
    "certificate",
    "certification",
    "license",
    "licence",
    "licensed",
    "award",
    "awarded",
];

/// Checks whether the year at `offset` dates a job: its line, or the line above when the year
/// is alone on its line, names a role ("Teaching Assistant, Northfield University, 2019") and is not a
/// degree or a credential.
fn dates_a_job(text: &str, offset: usize) -> bool {
    let line = crate::skills::line_range(text, offset);
    let own = &text[line.clone()];
    let named = if own.trim().len() <= 6 {
        text[..line.start]
            .trim_end()
            .rsplit('\n')
            .next()
            .unwrap_or_default()
    } else {
        own
    };
    let lower = named.to_lowercase();
    names_role(named)
        && !super::education::is_degree_line(named)
        && !CREDENTIAL_WORDS.iter().any(|word| lower.contains(word))
}

/// Returns the parts of the text outside the Education and Certifications sections, whose
/// dated lines are degrees and credentials rather than jobs.
fn outside_education(text: &str, found: &[Section]) -> Vec<Range<usize>> {
    let mut areas = Vec::new();
    let mut start = 0;
    let credentials = found
        .iter()
        .filter(|s| s.name == "EDUCATION" || s.name == "CERTIFICATIONS");
    for section in credentials {
        areas.push(start..section.body.start);
        start = section.body.end;
    }
    areas.push(start..text.len());
    areas
}

/// Reads the entries whose dates lie in `area`, given the forward date ranges of its text.
fn entries_in(
    text: &str,
    area: Range<usize>,
    mut ranges: Vec<DatedRange>,
    as_of: NaiveDate,
) -> Vec<ExperienceEntry> {
    let area_text = &text[area.clone()];
    ranges.extend(
        experience::lone_years(area_text, as_of)
            .into_iter()
            .filter(|year| dates_a_job(area_text, year.at.start)),
    );
    ranges.sort_by_key(|range| range.at.start);
    let ranges: Vec<DatedRange> = ranges
        .into_iter()
        .map(|range| DatedRange {
            at: range.at.start + area.start..range.at.end + area.start,
            ..range
        })
        .collect();

    let mut entries: Vec<ExperienceEntry> = Vec::new();
    let mut floor = area.start;
    let mut last_line = None;
    // The employer of the entry above when it stood on a line of its own.
    let mut shared_employer: Option<String> = None;
    for range in &ranges {
        let same_line = last_line
            .as_ref()
            .is_some_and(|line: &Range<usize>| line.contains(&range.at.start));
        if same_line {
            if let Some(previous) = entries.last_mut()
                && !previous.months.is_empty()
            {
                previous.add_months(range.months, range.current);
            }
            continue;
        }
        let own = line_at(text, range.at.start);
        let mut header = header_lines(text, range, floor, area.end);
        let start = header.first().map_or(range.at.start, |line| line.start);
        if let Some(previous) = entries.last_mut() {
            previous.span.end = start.max(previous.span.start);
        }
        let aside = {
            let line = text[own.clone()].trim();
            line.starts_with('(') && line.ends_with(')')
        };
        last_line = Some(own.clone());
        let described_as_break = aside
            || !range.work
            || header
                .iter()
                .any(|line| experience::names_break_or_study(&text[line.clone()]));
        if described_as_break {
            shared_employer = None;
            floor = header.last().map_or(range.at.end, |line| line.end);
            // An entry without months keeps the break's text out of the job above it; it is
            // dropped below.
            entries.push(ExperienceEntry {
                span: start..start,
                ..ExperienceEntry::default()
            });
            continue;
        }
        let mut names = title_and_employer(text, &header);
        // A role without an employer under an earlier role's employer line ("Acme Corp" over
        // "Senior Analyst  2021 – Present" and then "Analyst  2019 – 2021") shares that
        // employer. The line below it then starts the next employer's roles.
        // Freelance work ("Freelance Designer") has no employer to share.
        let own_account = header.iter().any(|line| {
            let line = text[line.clone()].to_lowercase();
            SELF_EMPLOYED.iter().any(|word| line.contains(word))
        });
        let shares = names.employer.is_none()
            && names.title.is_some()
            && shared_employer.is_some()
            && !own_account;
        // "Harborview Staffing | Baltimore, MD | 2018 – 2020" over "Staff Accountant": an
        // employer's dated line leaves the title to the role below it.
        // "Client: Graystone Insurance  Jun 2017 – Feb 2021" over "Role: Java Developer".
        let labelled_title_below = |below: &Range<usize>| {
            labelled_field(text[below.clone()].trim_start_matches(BULLETS).trim())
                .is_some_and(|(field, _)| field == Some(HeaderField::Title))
        };
        // "Senior Claims Executive, Motor & Property  Jan 2022 – Present" over "Straits Harbour
        // General Insurance Pte Ltd": the part after the comma is a line of business, and the
        // line below is the employer.
        let organisation_below = |below: &Range<usize>| {
            let line = text[below.clone()].trim();
            header.len() == 1
                && names.title.is_some()
                && names
                    .employer
                    .as_deref()
                    .is_some_and(|employer| !names_organisation(employer))
                && names_organisation(line)
                && !names_role(line)
                && !describes_work(line)
        };
        if !shares
            && let Some(below) = line_below(text, &header, area.end)
            && ((names.employer.is_none() || names.title.is_none())
                && (names.employer.is_none() || names_role(&text[below.clone()]))
                || labelled_title_below(&below)
                || organisation_below(&below))
        {
            header.push(below);
            names = title_and_employer(text, &header);
        }
        if shares {
            names.employer.clone_from(&shared_employer);
        } else {
            shared_employer = names.employer.clone().filter(|_| names.employer_alone);
        }
        floor = header.last().map_or(range.at.end, |line| line.end);
        let unpaid = header.iter().any(|line| {
            unpaid_role(
                text[line.clone()]
                    .trim()
                    .trim_start_matches(BULLETS)
                    .trim_start(),
            )
        });
        let mut entry = ExperienceEntry {
            title: names.title,
            employer: names.employer,
            span: start..area.end,
            unpaid,
            ..ExperienceEntry::default()
        };
        entry.add_months(range.months, range.current);
        entries.push(entry);
    }
    entries.retain(|entry| !entry.months.is_empty());
    entries.iter_mut().for_each(ExperienceEntry::settle);
    name_employer_groups(&mut entries);
    entries
}

/// Turns a dated employer line into the employer of the roles dated within it: "Brightwater
/// Analytics  2016 – Present" over "Senior Data Engineer  2021 – Present" and "Data Engineer
/// 2018 – 2020". The line names no role (or only an employer) and the roles under it have no
/// employer. The line's own entry goes when the roles cover its dates.
fn name_employer_groups(entries: &mut Vec<ExperienceEntry>) {
    let mut covered = vec![false; entries.len()];
    let mut index = 0;
    while index < entries.len() {
        let group = &entries[index];
        let name = match (&group.title, &group.employer) {
            (Some(title), None) if !names_role(title) => Some(title.clone()),
            (None, Some(employer)) => Some(employer.clone()),
            _ => None,
        }
        .filter(|name| !SELF_EMPLOYED.contains(&name.to_lowercase().as_str()));
        let (first, last) = (group.start.clone(), group.end.clone());
        let within = |entry: &ExperienceEntry| {
            entry.employer.is_none()
                && entry.title.as_deref().is_some_and(names_role)
                && entry.start >= first
                && entry.end <= last
        };
        let members = entries[index + 1..]
            .iter()
            .take_while(|e| within(e))
            .count();
        if let Some(name) = name.filter(|_| members > 0) {
            let roles = &entries[index + 1..=index + members];
            // The employer's own range stays when it contains months no role covers, such as a
            // gap between two roles at the same employer.
            let role_months: Vec<MonthRange> =
                roles.iter().flat_map(|role| role.months.clone()).collect();
            covered[index] = entries[index]
                .months
                .iter()
                .all(|span| covers(&role_months, *span));
            entries[index].title = None;
            for entry in &mut entries[index..=index + members] {
                entry.employer = Some(name.clone());
            }
        }
        index += members + 1;
    }
    let mut flags = covered.into_iter();
    entries.retain(|_| !flags.next().unwrap_or(false));
}

impl ExperienceEntry {
    /// Returns the job's date ranges as first and last month, `YYYY-MM`, in the order written;
    /// a range that runs to the present ends with `None`. A line may list several ranges of
    /// one job ("Summer 2023, Summer 2024").
    pub fn periods(&self) -> Vec<(String, Option<String>)> {
        let now = self.months.iter().map(|m| m.1).max();
        self.months
            .iter()
            .map(|&(first, last)| {
                let open = self.current && Some(last) == now;
                let end = (!open).then(|| experience::month_label(last));
                (experience::month_label(first), end)
            })
            .collect()
    }

    /// Adds a date range to the entry.
    fn add_months(&mut self, months: MonthRange, current: bool) {
        self.months.push(months);
        self.current |= current;
    }

    /// Sets the first and last month and the length from the date ranges.
    fn settle(&mut self) {
        let first = self.months.iter().map(|m| m.0).min().unwrap_or_default();
        let last = self.months.iter().map(|m| m.1).max().unwrap_or_default();
        self.start = experience::month_label(first);
        self.end = experience::month_label(last);
        self.years = experience::total_years(self.months.clone()).unwrap_or_default();
    }
}

/// Checks whether `ranges` together cover `span`, where one role ending in December and the
/// next starting in January leave no gap.
fn covers(ranges: &[MonthRange], span: MonthRange) -> bool {
    let mut sorted = ranges.to_vec();
    sorted.sort_unstable();
    let mut reached = span.0;
    for (start, end) in sorted {
        if start > reached + 1 {
            break;
        }
        reached = reached.max(end);
    }
    reached >= span.1
}

/// Returns the line right below the header when it can continue it ("Data Analyst II  12/2021
/// to Present" over "Marrowgate Outdoor Supply, Portland, OR").
fn line_below(text: &str, header: &[Range<usize>], ceiling: usize) -> Option<Range<usize>> {
    let last = header.last()?;
    if last.end >= ceiling {
        return None;
    }
    let below = line_at(text, last.end + 1);
    let own = header
        .iter()
        .find(|line| experience::has_dates(&text[(*line).clone()]))?;
    // A role below a header that already names one starts the next job ("Data Engineer" and
    // its dates over "Analyst, Harbor & Pine Ltd").
    let next_role = names_role(&text[below.clone()])
        && header
            .iter()
            .any(|line| line != own && names_role(&text[line.clone()]));
    // A role indented under an employer's dated line ("Harbor Freightways  2012 – 2015" over
    // "  Dispatcher") names that job's title.
    let role_under_employer = names_role(&text[below.clone()])
        && !header.iter().any(|line| names_role(&text[line.clone()]));
    let header_like = is_header_line(text, &below, own)
        || role_under_employer && is_header_line(text, &below, &below);
    (below.end <= ceiling && header_like && !next_role).then_some(below)
}

/// Returns the header lines of the entry dated by `range`, top to bottom: lines above the
/// dates down to `floor`, the dates' own line, and the line below it when the dates' line
/// contains nothing else.
fn header_lines(text: &str, range: &DatedRange, floor: usize, ceiling: usize) -> Vec<Range<usize>> {
    let own = line_at(text, range.at.start);
    let mut above = Vec::new();
    let mut named = 0;
    let mut cursor = own.start;
    while named < HEADER_LINES_ABOVE && cursor > floor {
        let line = line_at(text, cursor - 1);
        // A page's header or footer ("Ilse Marrow – 1/2") sits between the lines of one job.
        if line.start >= floor && is_page_marker(text[line.clone()].trim()) {
            cursor = line.start;
            continue;
        }
        // The first line of a document is its owner's name, even with no heading below it.
        if line.start < floor
            || text[..line.start].trim().is_empty()
            || super::sections::is_heading(&text[line.clone()])
            || !is_header_line(text, &line, &own)
            || wraps_item(text, &line)
            || describes_work(&text[line.clone()])
        {
            break;
        }
        cursor = line.start;
        let line_text = &text[line.clone()];
        // "4 years 2 months" under an employer in a LinkedIn export names nothing either.
        if !names_only_places(line_text)
            && !names_department(line_text.trim())
            && !is_filler(line_text.trim())
        {
            named += 1;
        }
        above.push(line);
    }
    above.reverse();

    let alone = !remainder(text, &own).chars().any(char::is_alphabetic);
    let mut lines = above;
    let needs_below = lines.is_empty() && alone;
    lines.push(own.clone());
    if needs_below && own.end < ceiling {
        let below = line_at(text, own.end + 1);
        if below.end <= ceiling && is_header_line(text, &below, &own) {
            lines.push(below);
        }
    }
    lines
}

/// Checks whether `line` is the wrapped end of a list item: it starts with a lower-case letter
/// and the line above is a bullet or another such line ("• Mentored three engineers across" over
/// "payments, ensuring clean code").
fn wraps_item(text: &str, line: &Range<usize>) -> bool {
    let starts_lower = |line: &Range<usize>| text[line.clone()].starts_with(char::is_lowercase);
    if !starts_lower(line) || line.start == 0 {
        return false;
    }
    let above = line_at(text, line.start - 1);
    let trimmed = text[above.clone()].trim_start();
    trimmed.starts_with(BULLETS) || (above.start > 0 && wraps_item(text, &above))
}

/// Checks whether a line names nothing but places ("Dublin, Ireland", "Remote"), so it does
/// not count towards the header lines above a date.
fn names_only_places(line: &str) -> bool {
    let parts: Vec<Part> = split_groups(line)
        .into_iter()
        .enumerate()
        .flat_map(|(group, words)| {
            words.into_iter().map(move |words| Part {
                words,
                group,
                line: 0,
                field: None,
            })
        })
        .collect();
    !parts.is_empty() && without_places(parts).is_empty()
}

/// Returns the line around `offset`, without its line break.
fn line_at(text: &str, offset: usize) -> Range<usize> {
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    start..end
}

/// Characters that open a list item.
const BULLETS: &[char] = &[
    '-', '*', '•', '·', '–', '‣', '◦', '▪', '>', '»', '■', '◆', '♦', '✔',
];

/// Checks whether `line` can belong to the header of the entry dated on `own`: not blank, not
/// a bullet, not indented deeper than the dates' line, short, without dates of its own and not
/// ending a sentence. A final abbreviation such as "Co." or "Inc." does not end a sentence.
fn is_header_line(text: &str, line: &Range<usize>, own: &Range<usize>) -> bool {
    let content = &text[line.clone()];
    let trimmed = content.trim();
    let indent = |s: &str| s.len() - s.trim_start().len();
    let bullet = trimmed.starts_with(BULLETS);
    !trimmed.is_empty()
        && !bullet
        && indent(content) <= indent(&text[own.clone()])
        && content.len() <= HEADER_LINE_BYTES
        && !trimmed.ends_with([';', ':'])
        && !ends_sentence(trimmed)
        && !experience::has_dates(content)
        && !is_page_marker(trimmed)
        && !CONTACT_DETAIL.is_match(trimmed)
}

/// An e-mail address, a web address or a phone number: a line with one is the candidate's
/// contact line, never part of a job's header.
static CONTACT_DETAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\S@\S|(?-u:\b)https?://|(?-u:\b)www\.|\+?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}(?-u:\b)",
    )
    .expect("the contact detail pattern is valid")
});

/// Last words of a hospital unit or a department ("Step-Down Unit", "Finance Department"),
/// which names where in an employer a job sat, not the employer.
const DEPARTMENT_WORDS: &[&str] = &["unit", "ward", "department", "dept", "dept."];

/// Checks whether a part names a unit or a department ("Medical-Surgical Unit").
fn names_department(part: &str) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    words.len() <= 4
        && words
            .last()
            .is_some_and(|last| DEPARTMENT_WORDS.contains(&last.to_lowercase().as_str()))
}

/// Checks whether a line ends in a page number of the form "2/3" or "Page 7 of 18", with the
/// page no later than the count, so "Support Engineer – 24/7" is not one.
fn is_page_marker(line: &str) -> bool {
    PAGE_MARKER.captures(line).is_some_and(|caps| {
        let number = |name: &str| caps[name].parse::<u32>().unwrap_or(0);
        (1..=number("count")).contains(&number("page"))
    })
}

/// Action verbs that open a line describing the work ("Led a team of five engineers"), which
/// is not part of a job's header.
const WORK_VERBS: &[&str] = &[
    "built",
    "created",
    "delivered",
    "designed",
    "developed",
    "drove",
    "grew",
    "handled",
    "implemented",
    "improved",
    "increased",
    "launched",
    "led",
    "maintained",
    "managed",
    "mentored",
    "migrated",
    "owned",
    "ran",
    "reduced",
    "shipped",
    "supported",
    "trained",
    "wrote",
];

/// Checks whether a line opens with an action verb and reads as a sentence of four words or
/// more, so it describes the work rather than naming a role or an employer.
fn describes_work(line: &str) -> bool {
    let mut words = line.split_whitespace();
    let first = words.next().unwrap_or_default().to_lowercase();
    WORK_VERBS.contains(&first.as_str()) && words.count() >= 3
}

/// A page number at the end of a line, as PDF page headers and footers print it ("2/3",
/// "Page 7 of 18", "John Doe – 1/2").
static PAGE_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[\s–—-])(?:page\s+)?(?P<page>\d{1,3})\s*(?:/|of)\s*(?P<count>\d{1,3})$")
        .expect("the page marker pattern is a fixed, valid regular expression")
});

/// Checks whether a line ends with a full stop after a word that is not an abbreviation: a
/// lower-case word or one longer than four letters.
fn ends_sentence(line: &str) -> bool {
    let Some(before) = line.strip_suffix('.') else {
        return false;
    };
    let last = before.rsplit(' ').next().unwrap_or_default();
    last.starts_with(char::is_lowercase) || last.chars().count() > 4
}

/// Returns the text of `line` with its dates cut out.
fn remainder(text: &str, line: &Range<usize>) -> String {
    experience::without_dates(&text[line.clone()], " | ")
}

/// Cuts the description that follows a colon on a header line ("Shipping Clerk at Midwest
/// Auto Parts (): bills of lading, carrier scheduling"): the text after it starts in lower
/// case, and the text before it is no field label.
fn without_description(line: &str) -> String {
    match line.split_once(": ") {
        Some((head, tail))
            if tail.trim_start().starts_with(char::is_lowercase)
                && labelled_field(&format!("{head}:")).is_none() =>
        {
            head.to_string()
        }
        _ => line.to_string(),
    }
}

/// A part of a header. Parts between the same strong separators (dashes, bars, middle dots,
/// tabs, wide gaps, line breaks) share a group; commas split a group into parts.
struct Part {
    words: String,
    group: usize,
    /// Index of the header line the part is on.
    line: usize,
    /// The field a label before the part names ("Company: Acme"), if any.
    field: Option<HeaderField>,
}

/// A field of a header written with its label ("Title: Operations Manager").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HeaderField {
    Title,
    Employer,
}

/// Labels written before a header field, lower case, with the field they name. `None` marks
/// labels of fields that are read elsewhere (dates and places).
const FIELD_LABELS: &[(&str, Option<HeaderField>)] = &[
    ("job title", Some(HeaderField::Title)),
    ("title", Some(HeaderField::Title)),
    ("role", Some(HeaderField::Title)),
    ("position", Some(HeaderField::Title)),
    ("company", Some(HeaderField::Employer)),
    ("client", Some(HeaderField::Employer)),
    ("employer", Some(HeaderField::Employer)),
    ("organisation", Some(HeaderField::Employer)),
    ("organization", Some(HeaderField::Employer)),
    ("dates", None),
    ("date", None),
    ("period", None),
    ("location", None),
];

/// Splits a field label off a part ("Company: Acme" gives the employer field and "Acme").
fn labelled_field(part: &str) -> Option<(Option<HeaderField>, &str)> {
    let (label, value) = part.split_once(':')?;
    let lower = label.trim().to_lowercase();
    let field = FIELD_LABELS
        .iter()
        .find(|(name, _)| *name == lower)
        .map(|(_, field)| *field)?;
    Some((field, value.trim()))
}

/// The title and the employer read from an entry's header.
struct HeaderNames {
    title: Option<String>,
    employer: Option<String>,
    /// Whether the employer is on a line above the dates without the title, so later roles
    /// dated under it may share it.
    employer_alone: bool,
}

/// Reads the title and the employer from the header lines. The employer is looked for first
/// in the groups other than the title's, so in "Regional Sales Manager, Southeast — Corbel
/// Supply" the territory after the comma stays out.
///
/// NOTE: a town without a state or province code that is not a large city ("Leeds") can be
/// read as the employer.
/// Column labels of an experience table's header row.
const COLUMN_LABELS: &[&str] = &[
    "employer",
    "company",
    "organisation",
    "organization",
    "role",
    "title",
    "job title",
    "position",
    "dates",
    "date",
    "period",
    "duration",
    "location",
];

fn title_and_employer(text: &str, header: &[Range<usize>]) -> HeaderNames {
    let mut parts = Vec::new();
    let mut groups = 0;
    // Dates printed at the right of a job's first bullet ("• Built the ledger  June 2023 –
    // present") leave the bullet's text on the dates' line, and that text names nothing.
    let bullet = |line: &Range<usize>| text[line.clone()].trim_start().starts_with(BULLETS);
    let all_bullets = header.iter().all(bullet);
    for (index, line) in header.iter().enumerate() {
        // "- Branch Manager (2019 – Present): lead 12 staff" under an employer line is the
        // job's own header, because a role opens it.
        let dated_role = experience::has_dates(&text[line.clone()])
            && names_role(
                remainder(text, line)
                    .split([':', '|'])
                    .next()
                    .unwrap_or_default(),
            );
        if bullet(line) && !all_bullets && !dated_role {
            continue;
        }
        for group in split_groups(&without_description(&remainder(text, line))) {
            let words = group.into_iter().filter_map(|words| {
                let (field, words) = match labelled_field(&words) {
                    Some((field, value)) => (field, value.to_string()),
                    None => (None, words),
                };
                (!words.is_empty()).then_some(Part {
                    words,
                    group: groups,
                    line: index,
                    field,
                })
            });
            parts.extend(words);
            groups += 1;
        }
    }
    let mut parts = without_places(parts);
    // A table's header row ("Employer | Role | Dates") names its columns, not a job.
    parts.retain(|part| !COLUMN_LABELS.contains(&part.words.to_lowercase().as_str()));

    let labelled = |field: HeaderField| parts.iter().position(|p| p.field == Some(field));
    let labelled_employer = labelled(HeaderField::Employer);
    let role = parts
        .iter()
        .position(|p| names_role(&p.words) && !names_organisation(&p.words));
    let organisation = parts.iter().position(|p| names_organisation(&p.words));
    let title = labelled(HeaderField::Title)
        .or(role.filter(|&r| Some(r) != labelled_employer))
        .or_else(|| match labelled_employer.or(organisation) {
            Some(organisation) => (0..parts.len()).find(|i| *i != organisation),
            None => (!parts.is_empty()).then_some(0),
        });
    let title_group = title.map(|i| parts[i].group);
    // "Team Lead, Customer Success, Zenlytic": the function after a role belongs to the title
    // when the employer follows it in the same group, or when it ends the title's line and
    // another line names the employer ("Assistant Manager – Logistics" over "Brightway
    // Distribution | 2019 – 2022"), or when nothing else is left to name one ("Analyst,
    // Marketing" over "2015 – 2017").
    let function = title.map(|t| t + 1).filter(|&f| {
        let Some(part) = parts.get(f) else {
            return false;
        };
        let title_line = parts[f - 1].line;
        let same_group = |i: usize| parts.get(i).is_some_and(|p| Some(p.group) == title_group);
        let line_ends =
            part.line == title_line && parts.get(f + 1).is_none_or(|p| p.line != title_line);
        let employer_below = parts.iter().any(|p| p.line != title_line);
        let alone =
            parts.len() == 2 && BUSINESS_FUNCTIONS.contains(&part.words.to_lowercase().as_str());
        names_business_function(&part.words)
            && ((same_group(f) && same_group(f + 1)) || (line_ends && employer_below) || alone)
    });
    let others = || {
        (0..parts.len()).filter(|i| {
            Some(*i) != title && Some(*i) != function && !names_department(&parts[*i].words)
        })
    };
    let other_group = |i: &usize| Some(parts[*i].group) != title_group;
    let organisation = |i: &usize| names_organisation(&parts[*i].words);
    // "1:1 support" among capitalised names is a note, not an employer.
    let capitalised = |words: &str| words.chars().any(char::is_uppercase);
    let any_capitalised = parts.iter().any(|p| capitalised(&p.words));
    let named = |i: &usize| !any_capitalised || capitalised(&parts[*i].words);
    let employer = labelled_employer
        .or_else(|| others().find(|i| other_group(i) && organisation(i)))
        .or_else(|| others().find(|i| other_group(i) && named(i)))
        .or_else(|| others().find(organisation))
        .or_else(|| others().find(named))
        .filter(|i| !SELF_EMPLOYED.contains(&parts[*i].words.to_lowercase().as_str()));
    let dated_line = header
        .iter()
        .position(|line| experience::has_dates(&text[line.clone()]));
    let employer_alone = employer.is_some_and(|e| {
        let line = parts[e].line;
        title.is_none_or(|t| parts[t].line != line) && dated_line.is_some_and(|d| line < d)
    });
    let short = |name: &String| name.len() <= NAME_BYTES;
    let title = title
        .map(|i| match function {
            Some(f) => format!("{}, {}", parts[i].words, parts[f].words),
            None => parts[i].words.clone(),
        })
        .filter(short);
    let employer = employer
        .map(|i| without_note(&parts[i].words).to_string())
        .filter(short);
    HeaderNames {
        title,
        employer,
        employer_alone,
    }
}

/// Business functions written after a role ("Team Lead, Customer Success"), lower case.
const BUSINESS_FUNCTIONS: &[&str] = &[
    "accounting",
    "analytics",
    "customer experience",
    "customer service",
    "customer success",
    "customer support",
    "data",
    "design",
    "engineering",
    "finance",
    "growth",
    "human resources",
    "infrastructure",
    "legal",
    "logistics",
    "marketing",
    "operations",
    "partnerships",
    "people",
    "platform",
    "procurement",
    "product",
    "purchasing",
    "quality",
    "research",
    "revenue operations",
    "sales",
    "security",
    "supply chain",
    "support",
];

/// Checks whether a part names a business function, alone or with a region or a level
/// ("Sales", "Sales EMEA", "Enterprise Sales").
fn names_business_function(part: &str) -> bool {
    let lower = part.to_lowercase();
    let two_words = lower.split_whitespace().count() == 2;
    BUSINESS_FUNCTIONS.contains(&lower.as_str())
        || (two_words
            && BUSINESS_FUNCTIONS
                .iter()
                .any(|f| !f.contains(' ') && lower.split_whitespace().any(|w| w == *f)))
}

/// Returns a name without the note in brackets that follows it ("Pantry Parcel (meal-kit
/// subscriptions)").
fn without_note(name: &str) -> &str {
    match name.split_once(" (") {
        Some((before, _)) if name.ends_with(')') && !before.is_empty() => before,
        _ => name,
    }
}

/// Words that people who work for themselves write in place of an employer.
const SELF_EMPLOYED: &[&str] = &["self-employed", "self employed", "freelance", "independent"];

/// Splits a header line into groups at strong separators (dashes and bars between spaces,
/// middle dots, bullets, tabs, runs of spaces or of dots) and each group into parts at commas
/// outside brackets and at " at " after a role.
fn split_groups(line: &str) -> Vec<Vec<String>> {
    let chars: Vec<char> = line.chars().collect();
    let mut groups: Vec<Vec<String>> = vec![Vec::new()];
    let mut current = String::new();
    let mut depth = 0_usize;
    for (index, &c) in chars.iter().enumerate() {
        let spaced = index > 0 && chars[index - 1] == ' ' && chars.get(index + 1) == Some(&' ');
        let next = chars.get(index + 1).copied();
        let strong = match c {
            '|' | '·' | '•' | '\t' | '—' => true,
            '–' | '-' => spaced,
            ' ' => next == Some(' '),
            '.' => next == Some('.'),
            _ => false,
        };
        depth = match c {
            '(' | '[' => depth + 1,
            ')' | ']' => depth.saturating_sub(1),
            _ => depth,
        };
        let comma = c == ',' && depth == 0;
        if strong || comma {
            let group = groups.last_mut().expect("groups start with one");
            group.push(std::mem::take(&mut current));
            if strong {
                groups.push(Vec::new());
            }
        } else {
            current.push(c);
        }
    }
    groups
        .last_mut()
        .expect("groups start with one")
        .push(current);
    groups
        .into_iter()
        .map(|group| {
            // A part that opens with a colon after the dates describes the work (": lead 12
            // staff across two branches."), unless a capital opens a title there ("Jan 2020 –
            // Dec 2023: Shift Lead, Tui Bakery").
            let description = |part: &&String| {
                part.trim_start_matches([' ', ')', ']', '\t'])
                    .strip_prefix(':')
                    .is_some_and(|rest| !rest.trim_start().starts_with(char::is_uppercase))
            };
            let parts = group
                .iter()
                .filter(|part| !bracketed_note(part) && !description(part))
                .flat_map(|part| split_at_word(part))
                .map(|part| clean_part(&part))
                .filter(|part| !is_filler(part))
                .collect();
            with_partner_names_joined(with_legal_forms_joined(parts))
        })
        .filter(|group| !group.is_empty())
        .collect()
}

/// Checks whether a part is a note in brackets rather than a name: "(part-time while in
/// school)", "(seasonal, summers only)", "(on leave since Jan 2025)". A note starts with a
/// lower-case word or a figure, and a name with a capital ("(Acme Corp)").
fn bracketed_note(part: &str) -> bool {
    let trimmed = part.trim();
    let Some(inner) = trimmed.strip_prefix('(') else {
        return false;
    };
    inner
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_none_or(|c| c.is_lowercase() || c.is_ascii_digit())
}

/// Legal forms written after a comma in a company's name ("Hewlett-Ridge, Inc.").
const LEGAL_FORMS: &[&str] = &[
    "inc", "inc.", "llc", "l.l.c.", "ltd", "ltd.", "co", "co.", "corp", "corp.", "llp", "plc",
    "gmbh", "ag", "s.a.", "sa", "n.a.", "pty ltd",
];

/// A stock ticker in brackets after a company's name: "(NASDAQ: NSOR)", "(NYSE: KRL)".
static TICKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*\((?:NASDAQ|NYSE|NYSE American|AMEX|LSE|TSX|TSXV|ASX|OTC|OTCQX|Euronext|FTSE 100|FTSE 250)\s*:\s*[A-Z.]{1,6}\)")
        .expect("the ticker pattern is valid")
});

/// Joins a legal form that the comma split off back onto the name before it, without a stock
/// ticker after it ("Northstar Orthopedics, Inc. (NASDAQ: NSOR)").
fn with_legal_forms_joined(parts: Vec<String>) -> Vec<String> {
    let mut joined: Vec<String> = Vec::new();
    for part in parts {
        let part = TICKER.replace_all(&part, "").into_owned();
        let legal_form = LEGAL_FORMS.contains(&part.to_lowercase().as_str());
        match joined.last_mut() {
            Some(previous) if legal_form => {
                previous.push_str(", ");
                previous.push_str(&part);
            }
            _ => joined.push(part),
        }
    }
    joined
}

/// Joins a surname that a comma split off a partnership's name back onto it: "Smith" before
/// "Jones & Partners LLP" is "Smith, Jones & Partners LLP".
fn with_partner_names_joined(parts: Vec<String>) -> Vec<String> {
    let mut joined: Vec<String> = Vec::new();
    for part in parts {
        let partnership =
            (part.contains(" & ") || part.contains(" and ")) && names_organisation(&part);
        let surname_before = joined.last().is_some_and(|previous| {
            let mut words = previous.split_whitespace();
            let first = words.next().unwrap_or_default();
            words.next().is_none() && first.starts_with(char::is_uppercase) && !names_role(first)
        });
        match joined.last_mut() {
            Some(previous) if partnership && surname_before => {
                previous.push_str(", ");
                previous.push_str(&part);
            }
            _ => joined.push(part),
        }
    }
    joined
}

/// A length of time written next to a job's dates ("4 yrs 11 mos", "2 years").
static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\d+(?:\.\d+)?\s*(?:years?|yrs?|months?|mos?)\.?\s*)+$")
        .expect("the duration pattern is valid")
});

/// Terms of a job written beside its dates ("2022 – 2023 (part-time)").
const WORK_TERMS: &[&str] = &[
    "part-time",
    "part time",
    "full-time",
    "full time",
    "seasonal",
    "temporary",
    "temp",
    "contract",
    "contractor",
    "per diem",
    "prn",
    "casual",
    "internship",
    "agency",
    "travel",
    "locum",
];

/// Checks whether a part contains no name: no letters, only a joining word left where dates
/// were cut out ("and", "to", "from"), the terms of the job ("part-time") or its length ("4 yrs
/// 11 mos").
fn is_filler(part: &str) -> bool {
    let lower = part.to_lowercase();
    !part.chars().any(char::is_alphabetic)
        || matches!(
            lower.as_str(),
            "and" | "to" | "or" | "&" | "from" | "since" | "until" | "dates"
        )
        || WORK_TERMS.contains(&lower.as_str())
        || DURATION.is_match(part.trim())
        || GRADE.is_match(part.trim())
        || experience::months_only(part)
}

/// A grade band a teacher taught ("Grades 3–5", "K-2", "Grade 4") or a pay grade ("GS-0343-09",
/// "E-6"): neither names an employer.
static GRADE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:grades?\s+(?:k|pre-?k|\d{1,2})(?:\s*(?:[-–—]|to|through)\s*\d{1,2})?|(?:pre-?k|k)\s*[-–—]\s*\d{1,2}|(?-i:(?:GS|WG|WS|GG|E|O|W))-?\d{1,4}(?:-\d{1,4}){0,2})$")
        .expect("the grade pattern is valid")
});

/// Splits "Data Engineer at Brightline Freight" into the role and the employer.
fn split_at_word(part: &str) -> Vec<String> {
    for separator in [" at ", " @ ", " At "] {
        if let Some((role, rest)) = part.split_once(separator)
            && names_role(role)
        {
            return vec![role.to_string(), rest.to_string()];
        }
    }
    vec![part.to_string()]
}

/// A seat on a board rather than a job: "Trustee", "Board Member", "Chair of the Board of
/// Trustees", "School Governor".
static BOARD_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:vice[\s-])?chair(?:person|man|woman)?\s*(?:,|of)\s*(?:the\s+)?board(?:\s+of\s+(?:trustees|directors|governors))?|(?:board\s+)?trustee|(?:school\s+|parent\s+)?governor|board\s+(?:member|director|treasurer|secretary|chair(?:person)?|president)|member\s*,?\s+(?:of\s+the\s+)?board(?:\s+of\s+(?:trustees|directors|governors))?)\s*(?:\([^)]*\))?\s*(?:$|[,|–—]|\s-\s)")
        .expect("the board role pattern is valid")
});

/// Checks whether a title, or a header line that opens with it, names unpaid work: a seat on a
/// board ("Trustee", "Chair of the Board, Hill Library"), which takes a few days a year, or a
/// volunteer role ("Volunteer, Red Cross", "Treasurer (volunteer)"). Such a role is listed
/// with the jobs but adds no years of work.
pub(crate) fn unpaid_role(title: &str) -> bool {
    let volunteer = title
        .split(|c: char| !c.is_alphabetic())
        .any(|word| word.eq_ignore_ascii_case("volunteer"));
    volunteer || BOARD_ROLE.is_match(title.trim())
}

/// A list number or a time label before an entry ("1. ", "2) ", "Previously: ", "Before
/// that: ", "Currently: ").
static LIST_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:\d{1,2}[.)]\s+|(?:previously|currently|before\s+that|prior\s+to\s+that|earlier|now)\s*:\s*)")
        .expect("the list number pattern is valid")
});

/// Trims spaces, bullets and stray punctuation around a part and drops empty brackets left
/// where dates stood ("Acme Corp ()"), keeping a bracket the part opens ("Data Analyst Intern
/// (part-time)").
fn clean_part(part: &str) -> String {
    let without_empty = part.replace("()", "").replace("[]", "");
    let without_empty = LIST_NUMBER.replace(&without_empty, "");
    let trimmed = without_empty
        .trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, ':' | ';' | '/' | '(' | '[' | '*' | '>' | '-' | '+')
        })
        .trim_start_matches([')', ']'])
        .trim_end_matches(')')
        .trim();
    let unclosed = (trimmed.matches('(').count()).saturating_sub(trimmed.matches(')').count());
    format!("{trimmed}{}", ")".repeat(unclosed))
}

/// Drops the parts that name a place: a work arrangement ("Remote"), a state or province code
/// and the town before it ("Austin", "TX"), a country or a large city ("London", "UK").
fn without_places(parts: Vec<Part>) -> Vec<Part> {
    let mut remaining: Vec<Part> = Vec::new();
    // Whether the part just before was a place already dropped ("Boston" in "Boston, MA"), so
    // the region after it has no town left to take.
    let mut after_place = false;
    for mut part in parts {
        part.words = without_place_note(&part.words);
        let lower = part.words.to_lowercase();
        if WORK_PLACES.contains(&lower.as_str()) || lower.starts_with("remote ") {
            after_place = true;
            continue;
        }
        let words: Vec<&str> = part.words.split_whitespace().collect();
        let code = words.first().copied().unwrap_or_default();
        // "TX", "ON" or "Texas": a region, after the town it holds. "AR Clerk" is a role.
        let region = REGION_CODES.contains(&code) && words.len() <= 2 && !names_role(&part.words)
            || super::places::names_us_state(&part.words);
        let town_and_region = (2..=3).contains(&words.len())
            && words.last().is_some_and(|last| REGION_CODES.contains(last))
            && !names_role(&part.words)
            && !swedish_company(&words)
            && !distribution_center(&words);
        if region || names_country(&part.words) {
            if !after_place {
                drop_town_before(&mut remaining, part.group);
            }
            after_place = true;
            continue;
        }
        if town_and_region || names_place(&part.words) {
            after_place = true;
            continue;
        }
        after_place = false;
        remaining.push(part);
    }
    remaining
}

/// Checks whether words ending in "DC" name a distribution centre ("Coastline Grocers DC")
/// rather than Washington, DC.
fn distribution_center(words: &[&str]) -> bool {
    match words.split_last() {
        Some((&"DC", name)) => !name.contains(&"Washington"),
        _ => false,
    }
}

/// Checks whether words ending in "AB" name a Swedish company ("Nordlys AB") rather than a town
/// in Alberta: the words before the code are no known city.
fn swedish_company(words: &[&str]) -> bool {
    match words.split_last() {
        Some((&"AB", name)) => !names_place(&name.join(" ")),
        _ => false,
    }
}

/// Drops the last kept part when it is a town before a region or country in the same group
/// ("Izmir" before "Turkey"): at most three words that name no role and no organisation.
fn drop_town_before(remaining: &mut Vec<Part>, group: usize) {
    let Some(previous) = remaining.last_mut() else {
        return;
    };
    if previous.group != group {
        return;
    }
    if let Some(name) =
        without_trailing_city(&previous.words).or_else(|| without_trailing_town(&previous.words))
    {
        previous.words = name;
        return;
    }
    let town = previous.words.split_whitespace().count() <= 3
        && !names_role(&previous.words)
        && !names_organisation(&previous.words);
    if town {
        remaining.pop();
    }
}

/// Cuts a known city written right after a name ("Stripe San Francisco" before "CA"). Returns
/// `None` when the part does not end with one or is nothing else.
fn without_trailing_city(part: &str) -> Option<String> {
    let words: Vec<&str> = part.split_whitespace().collect();
    (1..=3.min(words.len().saturating_sub(1)))
        .rev()
        .find(|&count| names_place(&words[words.len() - count..].join(" ")))
        .map(|count| words[..words.len() - count].join(" "))
}

/// Cuts a town written right after a role ("Research Intern Redmond" before "WA"): up to three
/// capitalised words after the last role word. Returns `None` when nothing follows the role.
fn without_trailing_town(part: &str) -> Option<String> {
    let words: Vec<&str> = part.split_whitespace().collect();
    let last_role = words.iter().rposition(|word| names_role(word))?;
    let town = &words[last_role + 1..];
    let capitalised = town.iter().all(|word| word.starts_with(char::is_uppercase));
    if town.is_empty() || town.len() > 3 || !capitalised {
        return None;
    }
    Some(words[..=last_role].join(" "))
}

/// Drops a bracketed work arrangement or place after a name ("Northgate Freight (Remote)",
/// "Engineer (Berlin)").
fn without_place_note(part: &str) -> String {
    if let Some((name, note)) = part.rsplit_once('(') {
        let note = note.trim_end_matches(')').trim().to_lowercase();
        if WORK_PLACES.contains(&note.as_str()) || note.starts_with("remote") || names_place(&note)
        {
            return name.trim_end().to_string();
        }
    }
    part.to_string()
}

/// Lower-case words of a part.
fn words_of(part: &str) -> Vec<String> {
    part.split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Checks whether the last word of a name is a role word ("charge nurse", "store manager").
pub(super) fn ends_in_role(name: &str) -> bool {
    names_role(name.rsplit(' ').next().unwrap_or_default())
}

/// Checks whether a part names a role: one of its words is a role word.
pub(super) fn names_role(part: &str) -> bool {
    words_of(part)
        .iter()
        .any(|w| ROLE_WORDS.contains(&w.as_str()) || w.strip_suffix('s').is_some_and(is_role))
}

fn is_role(word: &str) -> bool {
    ROLE_WORDS.contains(&word)
}

/// Checks whether a part ends like an organisation's name ("… Hospital", "… Inc.", a plural
/// of a role as in "Prairie Line Contractors" or "Keystone Consultants") or starts like one
/// ("University of …", "City of …").
fn names_organisation(part: &str) -> bool {
    let words = words_of(without_note(part));
    let Some(last) = words.last() else {
        return false;
    };
    let firm_of_roles =
        words.len() >= 2 && !is_role(last) && last.strip_suffix('s').is_some_and(is_role);
    if firm_of_roles {
        return true;
    }
    let ends = [
        ORGANISATION_SUFFIXES,
        ORGANISATION_SUFFIXES_AFTER,
        EMPLOYER_WORDS,
    ]
    .iter()
    .any(|list| list.contains(&last.as_str()));
    let starts = words.len() > 2 && words[1] == "of" && EMPLOYER_WORDS.contains(&words[0].as_str())
        || part.starts_with("City of ");
    // "U.S. Army National Guard", "Coast Guard": the last word is a role elsewhere.
    let guard = words.len() >= 2
        && last == "guard"
        && matches!(words[words.len() - 2].as_str(), "national" | "coast");
    ends || starts || guard
}

/// Returns the index of the entry whose text contains `offset`.
pub(crate) fn entry_at(entries: &[ExperienceEntry], offset: usize) -> Option<usize> {
    entries
        .iter()
        .position(|entry| entry.span.contains(&offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<ExperienceEntry> {
        let as_of = NaiveDate::from_ymd_opt(2024, 6, 15).expect("valid date");
        let found = super::super::sections::split_sections(text);
        entries(text, &found, as_of).0
    }

    /// Returns each entry's title and employer.
    fn roles(found: &[ExperienceEntry]) -> Vec<(Option<&str>, Option<&str>)> {
        found
            .iter()
            .map(|e| (e.title.as_deref(), e.employer.as_deref()))
            .collect()
    }

    fn fields(entry: &ExperienceEntry) -> (Option<&str>, Option<&str>, &str, &str) {
        (
            entry.title.as_deref(),
            entry.employer.as_deref(),
            entry.start.as_str(),
            entry.end.as_str(),
        )
    }

    #[test]
    fn table_header_row_is_no_employer() {
        let text = "EXPERIENCE\nEmployer\tRole\tDates\n\
                    Kestrel Robotics\tControls Engineer\tApr 2020 - Present\n\
                    Halden Marine\tEmbedded Developer\tJul 2016 - Mar 2020\n";
        let found = read(text);
        assert_eq!(
            roles(&found),
            [
                (Some("Controls Engineer"), Some("Kestrel Robotics")),
                (Some("Embedded Developer"), Some("Halden Marine"))
            ]
        );
    }

    #[test]
    fn club_is_volunteer_role_employer() {
        let text = "EXPERIENCE\nHarlow Chess Club, Treasurer\nMar 2019 - Present\n\
                    - Kept the accounts\nLindell Parish Church, Youth Mentor\n2016 - 2018\n";
        assert_eq!(
            roles(&read(text)),
            [
                (Some("Treasurer"), Some("Harlow Chess Club")),
                (Some("Youth Mentor"), Some("Lindell Parish Church"))
            ]
        );
    }

    #[test]
    fn freelance_role_has_no_employer() {
        let text = "EXPERIENCE\nBrantwell Studio\nSenior Designer  Jan 2020 - Present\n\
                    - Led the rebrand\nFreelance Designer  2016 - 2019\n- Logos for local firms\n";
        assert_eq!(
            roles(&read(text)),
            [
                (Some("Senior Designer"), Some("Brantwell Studio")),
                (Some("Freelance Designer"), None)
            ]
        );
    }

    #[test]
    fn notes_around_dates_are_no_employer() {
        let text = "EXPERIENCE\nDevOps Engineer, Kestrel Cloud | Feb 2020 – Present (4 yrs 11 mos)\n\
                    - Ran the clusters\nEngineering Manager, Hewlett-Ridge, Inc. | Jan 2014 to Dec 2017\n\
                    - Led two teams\nAnalyst, Epsilon Corp | from 2012 until 2013\n";
        assert_eq!(
            roles(&read(text)),
            [
                (Some("DevOps Engineer"), Some("Kestrel Cloud")),
                (Some("Engineering Manager"), Some("Hewlett-Ridge, Inc.")),
                (Some("Analyst"), Some("Epsilon Corp"))
            ]
        );
    }

    #[test]
    fn time_label_leaves_the_title() {
        let text = "EXPERIENCE\nCashier, Bayside Grocers (2023 – Present)\n\
                    Previously: Barista, Harbor Coffee (2021 – 2023)\n";
        assert_eq!(
            roles(&read(text)),
            [
                (Some("Cashier"), Some("Bayside Grocers")),
                (Some("Barista"), Some("Harbor Coffee"))
            ]
        );
    }

    #[test]
    fn board_seats_are_told_apart_from_jobs() {
        for title in [
            "Trustee",
            "Board Member",
            "Chair of the Board of Trustees",
            "School Governor",
            "Board Treasurer",
            "Member, Board of Trustees",
            "Volunteer",
            "Treasurer (volunteer)",
        ] {
            assert!(unpaid_role(title), "{title}");
        }
        for title in [
            "Board Certified Behavior Analyst",
            "Governor's Office Analyst",
            "Chair",
        ] {
            assert!(!unpaid_role(title), "{title}");
        }
    }

    #[test]
    fn first_line_is_no_employer() {
        let text = "Sam Lee\nCashier, Bayside Grocers, 2021 – Present\nStocked shelves.\n";
        assert_eq!(
            roles(&read(text)),
            [(Some("Cashier"), Some("Bayside Grocers"))]
        );
    }

    #[test]
    fn dates_stacked_on_two_lines_are_a_range() {
        let text = "EXPERIENCE\nDental Hygienist\nSawtooth Family Dentistry — Meridian, ID\n\
                    08/2021\nPresent\nProvide prophylaxis\n\nDental Assistant\n\
                    Ridgeview Orthodontics — Nampa, ID\nMay 2016\nDec 2019\n\
                    Bonded brackets\n\nOffice Aide\nStart: 03/2015\nEnd: 04/2016\n";
        let found = read(text);
        assert_eq!(
            found.iter().map(|e| fields(e)).collect::<Vec<_>>(),
            [
                (
                    Some("Dental Hygienist"),
                    Some("Sawtooth Family Dentistry"),
                    "2021-08",
                    "2024-06"
                ),
                (
                    Some("Dental Assistant"),
                    Some("Ridgeview Orthodontics"),
                    "2016-05",
                    "2019-12"
                ),
                (Some("Office Aide"), None, "2015-03", "2016-04"),
            ]
        );
        // Two bare years on two lines stay apart.
        let years = read("EXPERIENCE\nClerk, Orrin Foods\n2016\n2019\n");
        assert!(years.iter().all(|e| e.end != "2019-01"));
    }

    #[test]
    fn organisation_below_a_dated_title_is_the_employer() {
        let text = "WORK EXPERIENCE\n\
            Senior Claims Executive, Motor & Property           Jan 2022 - Present\n\
            Straits Harbour General Insurance Pte Ltd\n- Handle 120 open claims\n\n\
            Data Analyst, Acme              2019 - 2021\nBuilt dashboards for Initech Corp\n";
        let found = read(text);
        assert_eq!(
            found[0].employer.as_deref(),
            Some("Straits Harbour General Insurance Pte Ltd")
        );
        assert_eq!(found[1].employer.as_deref(), Some("Acme"));
    }

    #[test]
    fn volunteer_is_the_title() {
        let text = "EXPERIENCE\nVolunteer, Red Cross, 2011 – 2013\n- Drove donors\n";
        assert_eq!(roles(&read(text)), [(Some("Volunteer"), Some("Red Cross"))]);
    }

    #[test]
    fn national_guard_is_the_employer() {
        let text = "EXPERIENCE\nMilitary Police (31B) | U.S. Army National Guard | Georgia | \
                    2011 - 2017\n- Led patrols\n";
        assert_eq!(
            roles(&read(text)),
            [(
                Some("Military Police (31B)"),
                Some("U.S. Army National Guard")
            )]
        );
    }

    #[test]
    fn stock_ticker_leaves_the_employer() {
        let text = "EXPERIENCE\nVice President, Corporate Finance\n\
                    Northstar Orthopedics, Inc. (NASDAQ: NSOR) | Jan 2018 – Present\n\
                    - Led planning\n";
        assert_eq!(
            roles(&read(text)),
            [(
                Some("Vice President, Corporate Finance"),
                Some("Northstar Orthopedics, Inc.")
            )]
        );
    }

    #[test]
    fn months_beside_a_season_are_no_employer() {
        let text = "EXPERIENCE\nCamp Counselor, Lakeview Camp\nSummer 2021 (Jun–Aug)\n\
                    - Led groups of ten children\nLifeguard\nSummer 2020 (June to August)\n";
        assert_eq!(
            roles(&read(text)),
            [
                (Some("Camp Counselor"), Some("Lakeview Camp")),
                (Some("Lifeguard"), None)
            ]
        );
    }

    #[test]
    fn role_below_employer_dates_is_the_title() {
        let text = "EXPERIENCE\nHarborview Staffing Solutions | Baltimore, MD | 2018 – 2020\n\
                    Staff Accountant\n- Closed the books monthly\n\n\
                    Brightline Freight | Towson, MD | 2015 – 2018\nAccounts Payable Clerk\n\
                    - Paid vendors\n";
        assert_eq!(
            roles(&read(text)),
            [
                (
                    Some("Staff Accountant"),
                    Some("Harborview Staffing Solutions")
                ),
                (Some("Accounts Payable Clerk"), Some("Brightline Freight"))
            ]
        );
    }

    #[test]
    fn summers_over_years_are_three_seasons() {
        let text =
            "EXPERIENCE\nLifeguard, Lakeview Pool\nSummers 2017 – 2019\n- Watched swimmers\n";
        let found = read(text);
        assert_eq!(roles(&found), [(Some("Lifeguard"), Some("Lakeview Pool"))]);
        assert_eq!(found[0].years, 0.5);
    }

    #[test]
    fn notes_in_brackets_after_dates_are_no_employer() {
        let text = "EXPERIENCE\n\
            Sales Associate, HomeBay Superstores — Sept. 2010 – May 2012 (part-time while in school)\n\
            - Ran the register\n\
            Clerk, Alder Supply — 2013 – 2015 (seasonal, summers only)\n- Stocked shelves\n";
        assert_eq!(
            roles(&read(text)),
            [
                (Some("Sales Associate"), Some("HomeBay Superstores")),
                (Some("Clerk"), Some("Alder Supply"))
            ]
        );
    }

    #[test]
    fn dated_role_bullets_under_an_employer() {
        let text = "EXPERIENCE\nCascadia Federal Credit Union\n\
            - Branch Manager (2019 – Present): lead 12 staff across two branches.\n\
            - Assistant Branch Manager (2016 – 2019): ran teller operations.\n";
        assert_eq!(
            roles(&read(text)),
            [
                (
                    Some("Branch Manager"),
                    Some("Cascadia Federal Credit Union")
                ),
                (
                    Some("Assistant Branch Manager"),
                    Some("Cascadia Federal Credit Union")
                )
            ]
        );
    }

    #[test]
    fn agency_terms_are_no_employer() {
        let text = "EXPERIENCE\nRegistered Nurse — Agency\nHarborview Staffing Solutions\n\
                    Jan 2019 – Mar 2020\n- Covered ICU shifts\n";
        assert_eq!(
            roles(&read(text)),
            [(
                Some("Registered Nurse"),
                Some("Harborview Staffing Solutions")
            )]
        );
    }

    #[test]
    fn dash_without_end_date_starts_its_own_entry() {
        let text = "EXPERIENCE\nSales Associate, Harbor Outfitters\nMar 2021 -\n\
                    - Sold outdoor gear\nCashier, Pine Mart\nJan 2019 - Feb 2021\n\
                    - Handled cash\n";
        let found = read(text);
        assert_eq!(
            roles(&found),
            [
                (Some("Sales Associate"), Some("Harbor Outfitters")),
                (Some("Cashier"), Some("Pine Mart"))
            ]
        );
        assert_eq!(found[0].start, "2021-03");
        assert_eq!(found[1].end, "2021-02");
        assert!(found[0].current);
    }

    #[test]
    fn partnership_name_keeps_its_first_surname() {
        let text = "EXPERIENCE\nAttorney, Smith, Jones & Partners LLP, New York, NY | Sep 2012 – Aug 2018\n";
        assert_eq!(
            roles(&read(text)),
            [(Some("Attorney"), Some("Smith, Jones & Partners LLP"))]
        );
    }

    #[test]
    fn lone_years_date_jobs() {
        let text = "EXPERIENCE\nLab Manager at Aster Biolabs (2022 – Present)\n\
                    Research Assistant at Northfield University (2020)\n\
                    Teaching Assistant, Calder University, 2019\nCertified Nursing Assistant, 2015\n";
        let found = read(text);
        assert_eq!(
            roles(&found),
            [
                (Some("Lab Manager"), Some("Aster Biolabs")),
                (Some("Research Assistant"), Some("Northfield University")),
                (Some("Teaching Assistant"), Some("Calder University"))
            ]
        );
        assert_eq!(found[1].start, "2020-01");
        assert_eq!(found[1].end, "2020-12");

        let found = read("EXPERIENCE\nClerk, Delta Ltd, 2016 (6 months)\n- Filed records\n");
        assert_eq!(roles(&found), [(Some("Clerk"), Some("Delta Ltd"))]);
        assert_eq!(found[0].end, "2016-06");
    }

    #[test]
    fn table_row_with_date_cells_is_a_job() {
        let text = "EXPERIENCE\nTitle | Employer | Start | End\n\
                    Data Analyst | Orrin Foods | Jan 2019 | Mar 2023\n\
                    Junior Analyst | Pell Market | Jun 2016 | Dec 2018\n\
                    | Clerk | Dunmore Feed | 2013 | 2016 |\n";
        let found = read(text);
        assert_eq!(
            roles(&found),
            [
                (Some("Data Analyst"), Some("Orrin Foods")),
                (Some("Junior Analyst"), Some("Pell Market")),
                (Some("Clerk"), Some("Dunmore Feed"))
            ]
        );
        assert_eq!(found[2].start, "2013-01");
        assert_eq!(
            (found[0].start.as_str(), found[0].end.as_str()),
            ("2019-01", "2023-03")
        );
    }

    #[test]
    fn entries_read_full_dates_with_hyphens() {
        let text = "EXPERIENCE\nStaff Nurse, Caritas Hospital, 14-03-2019 to 30-09-2023\n\
                    - Cared for six patients a shift\n\
                    Staff Nurse, Lisie Hospital, 01.06.2016 - 28.02.2019\n- ICU rotation\n";
        let found = read(text);
        assert_eq!(
            roles(&found),
            [
                (Some("Staff Nurse"), Some("Caritas Hospital")),
                (Some("Staff Nurse"), Some("Lisie Hospital"))
            ]
        );
        assert_eq!(
            (found[1].start.as_str(), found[1].end.as_str()),
            ("2016-06", "2019-02")
        );
    }

    #[test]
    fn notes_codes_and_places_are_no_employers() {
        let text = "EXPERIENCE\n\
            Inventory Lead | Coastline Grocers DC | Pell Harbor | 2022 - Present\n\
            Shipping Clerk at Midwest Auto Parts (Sep 2020 – Jun 2021): bills of lading, carrier scheduling\n\
            Staff Sergeant (E-6), Supply Sergeant, 2nd Brigade Support Battalion, Jan 2012 - Dec 2019\n\
            Resource Teacher, Grades 3–5, Thistlewood Elementary, 2008 - 2011\n\
            Program Analyst, GS-0343-09, Office of Coastal Permits, 2005 - 2007\n\
            1. Line Cook, Harbor Grill, 2003 - 2004\n";
        let found = read(text);
        assert_eq!(
            roles(&found),
            [
                (Some("Inventory Lead"), Some("Coastline Grocers DC")),
                (Some("Shipping Clerk"), Some("Midwest Auto Parts")),
                (
                    Some("Staff Sergeant (E-6)"),
                    Some("2nd Brigade Support Battalion")
                ),
                (Some("Resource Teacher"), Some("Thistlewood Elementary")),
                (Some("Program Analyst"), Some("Office of Coastal Permits")),
                (Some("Line Cook"), Some("Harbor Grill")),
            ]
        );
    }

    #[test]
    fn exported_profile_keeps_employer_over_roles() {
        let text = "EXPERIENCE\nHarbor Bank\n4 years 2 months\nBranch Manager\n\
                    January 2022 - Present (2 years 6 months)\nBrooklyn, New York, United States\n\
                    Led a team of 9 bankers.\nAssistant Branch Manager\n\
                    October 2020 - December 2021 (1 year 3 months)\nSpringfield, Illinois\n\
                    Opened 300 new accounts.\n";
        let found = read(text);
        assert_eq!(
            roles(&found),
            [
                (Some("Branch Manager"), Some("Harbor Bank")),
                (Some("Assistant Branch Manager"), Some("Harbor Bank"))
            ]
        );
    }

    #[test]
    fn region_code_role_is_title() {
        let text =
            "EXPERIENCE\nAR Clerk, Holloway Fasteners, Mar 2022 - Present\n- Posted receipts\n";
        let found = read(text);
        assert_eq!(
            roles(&found),
            [(Some("AR Clerk"), Some("Holloway Fasteners"))]
        );
    }

    #[test]
    fn title_after_dates_and_colon_is_read() {
        let text = "EXPERIENCE\nJan 2020 - Dec 2023: Shift Lead, Tui Bakery\n- Baked bread\n\
                    2012–        Senior Lecturer, University of Ellesmere\n";
        let found = read(text);
        assert_eq!(
            roles(&found),
            [
                (Some("Shift Lead"), Some("Tui Bakery")),
                (Some("Senior Lecturer"), Some("University of Ellesmere"))
            ]
        );
        assert_eq!(found[1].end, "2024-06");
    }

    #[test]
    fn labelled_role_below_client_line_is_the_title() {
        let text = "EXPERIENCE\nClient: Graystone Insurance, Ashmoor   Jun 2017 – Feb 2021\n\
                    Role: Java Developer\n- Built claims services\n";
        let found = read(text);
        assert_eq!(
            roles(&found),
            [(Some("Java Developer"), Some("Graystone Insurance"))]
        );
    }

    #[test]
    fn lower_case_note_is_no_employer() {
        let text = "EXPERIENCE\nTeaching Assistant (SEN), cover for two classes   Jan 2022 – present\n\
                    Oakfield Primary School\n- Supported pupils\n";
        let found = read(text);
        assert_eq!(
            found[0].employer.as_deref(),
            Some("Oakfield Primary School")
        );
    }

    #[test]
    fn function_after_role_joins_the_title() {
        let text = "EXPERIENCE\nTeam Lead, Customer Success, Zenlytic\nJan 2020 – Mar 2023\n\
                    Account Executive, Sales EMEA, Bluefin Labs, 2017 – 2019\n\
                    Analyst, Marketing\n2015 – 2017\n\n\
                    Assistant Manager – Logistics\nBrightway Distribution | 2012 – 2015\n";
        let found = read(text);
        assert_eq!(
            roles(&found),
            [
                (Some("Team Lead, Customer Success"), Some("Zenlytic")),
                (Some("Account Executive, Sales EMEA"), Some("Bluefin Labs")),
                (Some("Analyst, Marketing"), None),
                (
                    Some("Assistant Manager, Logistics"),
                    Some("Brightway Distribution")
                )
            ]
        );
    }

    #[test]
    fn split_range_is_no_employer() {
        let text = "EXPERIENCE\nStaff Accountant, Beaumont & Pike LLP, Boston, MA\nMar 2016 –\n\
                    Jul 2019\nSenior Accountant, Ledgerline Partners, Boston, MA\nAug 2019 – Present\n";
        let found = read(text);
        assert_eq!(
            roles(&found),
            [
                (Some("Staff Accountant"), Some("Beaumont & Pike LLP")),
                (Some("Senior Accountant"), Some("Ledgerline Partners"))
            ]
        );
        assert_eq!(
            (found[0].start.as_str(), found[0].end.as_str()),
            ("2016-03", "2019-07")
        );
    }

    #[test]
    fn employer_range_keeps_gap_between_roles() {
        let text = "EXPERIENCE\nOrion Logistics, Chicago, IL        2016 – Present\n\
                    \x20 Operations Manager                2021 – Present\n\
                    \x20 Shift Supervisor                  2016 – 2020\n\
                    Harbor Freightways, Gary, IN        2012 – 2015\n\x20 Dispatcher\n";
        let found = read(text);
        assert_eq!(
            roles(&found),
            [
                (None, Some("Orion Logistics")),
                (Some("Operations Manager"), Some("Orion Logistics")),
                (Some("Shift Supervisor"), Some("Orion Logistics")),
                (Some("Dispatcher"), Some("Harbor Freightways"))
            ]
        );
        let months: Vec<MonthRange> = found.iter().flat_map(|e| e.months.clone()).collect();
        assert_eq!(experience::total_years(months), Some(11.4));
    }

    #[test]
    fn title_comma_employer_dash_dates() {
        let text = "EXPERIENCE\nSenior Product Marketing Manager, Stackwright Cloud — Feb 2022 – \
                    Present\n  - Led launches\n\nMarketing Specialist, Rainier Print Solutions — \
                    2014 – 2017\n  - Trade shows\n";
        let found = read(text);
        assert_eq!(found.len(), 2);
        assert_eq!(
            fields(&found[0]),
            (
                Some("Senior Product Marketing Manager"),
                Some("Stackwright Cloud"),
                "2022-02",
                "2024-06"
            )
        );
        assert!(found[0].current);
        assert_eq!(found[0].years, 2.3);
        assert_eq!(
            fields(&found[1]),
            (
                Some("Marketing Specialist"),
                Some("Rainier Print Solutions"),
                "2014-01",
                "2017-01"
            )
        );
        assert!(!found[1].current);
    }

    #[test]
    fn title_line_over_employer_and_place() {
        let text = "EXPERIENCE\nREGISTERED NURSE, CARDIAC STEP-DOWN UNIT\nLakeshore Heart \
                    Hospital, Cleveland, OH          12/2021 to present\n  * Telemetry \
                    patients\n\nNURSE AIDE, WHILE IN NURSING SCHOOL\nBrookpark Senior Living, \
                    Brook Park, OH          05/2016 to 02/2019\n  * Transfers\n";
        let found = read(text);
        assert_eq!(found.len(), 2);
        assert_eq!(
            fields(&found[0]),
            (
                Some("REGISTERED NURSE"),
                Some("Lakeshore Heart Hospital"),
                "2021-12",
                "2024-06"
            )
        );
        assert_eq!(
            fields(&found[1]),
            (
                Some("NURSE AIDE"),
                Some("Brookpark Senior Living"),
                "2016-05",
                "2019-02"
            )
        );
    }

    #[test]
    fn employer_first_with_middle_dot_and_wide_gap() {
        let text = "Professional Experience:\n  Harrowgate Municipal Systems · Software \
                    Developer    2019-03 – 2021-11\n    • Permit tracking\n  Nexus Robotics | \
                    Co-Founder & CTO    2016-01 – 2019-02\n";
        let found = read(text);
        assert_eq!(
            fields(&found[0]),
            (
                Some("Software Developer"),
                Some("Harrowgate Municipal Systems"),
                "2019-03",
                "2021-11"
            )
        );
        assert_eq!(found[1].title.as_deref(), Some("Co-Founder & CTO"));
        assert_eq!(found[1].employer.as_deref(), Some("Nexus Robotics"));
    }

    #[test]
    fn role_at_employer_dates_below() {
        let text = "WORK HISTORY\nWarehouse Lead at Northgate Freight (Remote)\n\
                    Jan 2019 - Mar 2020\n- Picking\n\nSummer 2018\nCashier | Corner Market\n";
        let found = read(text);
        assert_eq!(found.len(), 2);
        assert_eq!(
            fields(&found[0]),
            (
                Some("Warehouse Lead"),
                Some("Northgate Freight"),
                "2019-01",
                "2020-03"
            )
        );
        assert_eq!(
            fields(&found[1]),
            (Some("Cashier"), Some("Corner Market"), "2018-06", "2018-08")
        );
    }

    #[test]
    fn header_skips_wrapped_bullets_and_cities() {
        let text = "EXPERIENCE\nSenior Engineer Jan 2023 - Present\nStripewell San Francisco, CA\n\
                    • Mentored three engineers and set review standards across the\n\
                    payments team, ensuring clean code\nSoftware Engineer Jun 2021 - Dec 2022\n\
                    Figmore San Francisco, CA\n• Built the sync engine\n";
        let found = read(text);
        let employers: Vec<_> = found.iter().map(|e| e.employer.as_deref()).collect();
        assert_eq!(employers, [Some("Stripewell"), Some("Figmore")]);
        assert_eq!(found[1].title.as_deref(), Some("Software Engineer"));
    }

    #[test]
    fn shared_employer_with_dates_below_titles() {
        let text = "EXPERIENCE\nBrightwater Analytics\nSenior Data Engineer\nJan 2021 – Present\n\
                    - Pipelines\nData Engineer, Mar 2018 – Dec 2020\nHarbor & Pine Ltd\n\
                    Analyst, Jun 2016 – Feb 2018\n- Reports\n";
        let found = read(text);
        assert_eq!(
            roles(&found),
            [
                (Some("Senior Data Engineer"), Some("Brightwater Analytics")),
                (Some("Data Engineer"), Some("Brightwater Analytics")),
                (Some("Analyst"), Some("Harbor & Pine Ltd")),
            ]
        );
    }

    #[test]
    fn dated_employer_line_names_the_roles_under_it() {
        let text = "EXPERIENCE\nBrightwater Analytics    Jan 2016 – Present\n\
                    Senior Data Engineer    Jan 2021 – Present\n- Pipelines\n\
                    Data Engineer    Mar 2018 – Dec 2020\n- Reports\n\
                    Analyst, Corvell Bank    2014 – 2015\n";
        let found = read(text);
        assert_eq!(
            roles(&found),
            [
                (None, Some("Brightwater Analytics")),
                (Some("Senior Data Engineer"), Some("Brightwater Analytics")),
                (Some("Data Engineer"), Some("Brightwater Analytics")),
                (Some("Analyst"), Some("Corvell Bank")),
            ]
        );
    }

    #[test]
    fn dated_company_line_names_and_leaves_its_roles() {
        let text = "EXPERIENCE\nBrightwater Ltd    Mar 2018 – Present\n\
                    Senior Data Engineer    Jan 2021 – Present\n- Pipelines\n\
                    Data Engineer    Mar 2018 – Dec 2020\n- Reports\n";
        let found = read(text);
        assert_eq!(
            roles(&found),
            [
                (Some("Senior Data Engineer"), Some("Brightwater Ltd")),
                (Some("Data Engineer"), Some("Brightwater Ltd")),
            ]
        );
    }

    #[test]
    fn header_skips_page_markers_and_work_lines() {
        let text = "EXPERIENCE\nBrightwater Analytics\nIlse Marrow – 1/2\n\
                    Senior Data Engineer, Jan 2021 – Present\nLed a team of five engineers\n\
                    Data Engineer, Mar 2018 – Dec 2020\nHarbor & Pine Ltd\n\
                    Support Engineer – 24/7\nJan 2016 – Feb 2018\n";
        let found = read(text);
        assert_eq!(
            roles(&found),
            [
                (Some("Senior Data Engineer"), Some("Brightwater Analytics")),
                (Some("Data Engineer"), Some("Brightwater Analytics")),
                (Some("Support Engineer"), Some("Harbor & Pine Ltd")),
            ]
        );
    }

    #[test]
    fn next_role_below_dates_is_no_employer() {
        let text = "EXPERIENCE\nSenior Data Engineer, Brightwater Analytics\nJan 2021 – Present\n\
                    Data Engineer\nMar 2018 – Dec 2020\nAnalyst, Harbor & Pine Ltd\n\
                    Jun 2016 – Feb 2018\n";
        let found = read(text);
        assert_eq!(
            roles(&found),
            [
                (Some("Senior Data Engineer"), Some("Brightwater Analytics")),
                (Some("Data Engineer"), None),
                (Some("Analyst"), Some("Harbor & Pine Ltd")),
            ]
        );
    }

    #[test]
    fn later_roles_share_an_employer_line_above() {
        let text = "EXPERIENCE\nQuillfeather Logistics, Leeds\nOperations Manager    Mar 2021 - \
                    Present\n- Ran two sites\nShift Supervisor    Jan 2018 - Feb 2021\n- Rotas\n\
                    Stock Clerk    2016 - 2017\n- Counts\n\nDesigner, Plumcot Studio — 2014 - 2015\n\
                    Junior Designer    2012 - 2013\n";
        let found = read(text);
        let employers: Vec<_> = found.iter().map(|e| e.employer.as_deref()).collect();
        assert_eq!(
            employers,
            [
                Some("Quillfeather Logistics"),
                Some("Quillfeather Logistics"),
                Some("Quillfeather Logistics"),
                Some("Plumcot Studio"),
                None,
            ]
        );
        assert_eq!(found[1].title.as_deref(), Some("Shift Supervisor"));
    }

    #[test]
    fn entry_text_runs_to_the_next_header() {
        let text = "EXPERIENCE\nData Analyst, Acme Insurance — 2021 – 2023\n- SQL reports\n\n\
                    Clerk, Corner Market — 2019 – 2021\n- Cash handling\n";
        let found = read(text);
        let first = &text[found[0].span.clone()];
        assert!(first.contains("SQL reports"), "{first:?}");
        assert!(!first.contains("Clerk"), "{first:?}");
        assert!(text[found[1].span.clone()].contains("Cash handling"));
    }

    #[test]
    fn bullets_and_sentences_are_not_headers() {
        let text = "EXPERIENCE\n- Cut costs by a third.\nAnalyst, Acme Bank, 2020 – 2022\n";
        let found = read(text);
        assert_eq!(
            fields(&found[0]),
            (Some("Analyst"), Some("Acme Bank"), "2020-01", "2022-01")
        );
        assert!(found[0].span.start > text.find("Cut").expect("bullet"));
    }

    #[test]
    fn breaks_and_asides_give_no_entry() {
        let text = "EXPERIENCE\nCareer break (caregiving), 2020 – 2021\nTeacher, Oak School \
                    District, 2015 – 2020\n(2014 – 2015: travel)\nClerk | Oak Co.\n2012 – 2014\n";
        let found = read(text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].employer.as_deref(), Some("Oak School District"));
        assert_eq!(found[1].employer.as_deref(), Some("Oak Co."));
    }

    #[test]
    fn several_ranges_on_one_line_are_one_job() {
        let text = "EXPERIENCE\nMath Camp Instructor\nTriangle Camps\nSummer 2022, Summer 2023\n\
                    - Workshops\n";
        let found = read(text);
        assert_eq!(found.len(), 1);
        assert_eq!(
            fields(&found[0]),
            (
                Some("Math Camp Instructor"),
                Some("Triangle Camps"),
                "2022-06",
                "2023-08"
            )
        );
        // Two summers of three months each: 2022-06 to 2022-08 and 2023-06 to 2023-08.
        assert_eq!(found[0].years, 0.3);
    }

    #[test]
    fn break_named_above_its_dates_is_no_job() {
        let text = "EXPERIENCE\nPicker, Desert Freight, 2015 – 2019\n- Picking\n\nCareer break\n\
                    12/2019 to 04/2020 — relocated\n\nLead, Mesa Freight, 2020 – 2022\n";
        let found = read(text);
        let dates: Vec<_> = found.iter().map(|e| e.start.as_str()).collect();
        assert_eq!(dates, ["2015-01", "2020-01"]);
        let first = &text[found[0].span.clone()];
        assert!(!first.contains("relocated"), "{first:?}");
    }

    #[test]
    fn employer_on_the_line_below_dated_title() {
        let text = "Work Experience\nData Analyst II                    12/2021 to Present\n\
                    Marrowgate Outdoor Supply (online retailer), Portland, OR\n- Dashboards\n";
        let found = read(text);
        assert_eq!(
            fields(&found[0]),
            (
                Some("Data Analyst II"),
                Some("Marrowgate Outdoor Supply"),
                "2021-12",
                "2024-06"
            )
        );
    }

    #[test]
    fn unknown_words_read_title_then_employer() {
        let text = "EXPERIENCE\nHVAC Busybody — Brookhaven Air & Heat, Decatur, GA\n\
                    10/2013 – 05/2015\n";
        let found = read(text);
        assert_eq!(
            fields(&found[0]),
            (
                Some("HVAC Busybody"),
                Some("Brookhaven Air & Heat"),
                "2013-10",
                "2015-05"
            )
        );
    }

    #[test]
    fn cities_and_countries_are_not_employers() {
        let text = "EXPERIENCE\nSupport Engineer — London, UK — Jan 2019 – Mar 2021\n\
                    Orlen Vale Ltd\n- Ran the help desk\n\n\
                    Data Analyst | Istanbul | 2016 – 2018\n";
        let found = read(text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].title.as_deref(), Some("Support Engineer"));
        assert_eq!(found[0].employer.as_deref(), Some("Orlen Vale Ltd"));
        assert_eq!(found[1].title.as_deref(), Some("Data Analyst"));
        assert_eq!(found[1].employer, None);
    }

    #[test]
    fn known_city_before_a_state_keeps_the_employer() {
        let text = "EXPERIENCE\nFund Accountant — Minuteman Custody Trust, Boston, MA\n\
                    03/2019 to 11/2021\n";
        let found = read(text);
        assert_eq!(
            found[0].employer.as_deref(),
            Some("Minuteman Custody Trust")
        );
    }

    #[test]
    fn labelled_header_fields_are_read() {
        let text = "EXPERIENCE\nCompany: Brightline Logistics\nTitle: Operations Manager\n\
                    Dates: Jan 2019 - Present\n- Ran the night shift\n\
                    Employer: Redfern Supply | Position: Dispatcher | 2016 - 2018\n";
        assert_eq!(
            roles(&read(text)),
            [
                (Some("Operations Manager"), Some("Brightline Logistics")),
                (Some("Dispatcher"), Some("Redfern Supply"))
            ]
        );
    }

    #[test]
    fn bracketed_dates_before_the_title_are_cut() {
        let text = "EXPERIENCE\n[2014 - 2016] Operations Coordinator, Redfern Supply\n";
        assert_eq!(
            roles(&read(text)),
            [(Some("Operations Coordinator"), Some("Redfern Supply"))]
        );
    }

    #[test]
    fn other_section_heading_is_no_title() {
        let text = "Tomas Lindqvist\ntomas@example.com\n\nVolunteer Experience\n\
                    Harbor Food Bank\nJan 2020 - Present\n- Organised 30 volunteers\n";
        assert_eq!(roles(&read(text)), [(None, Some("Harbor Food Bank"))]);
    }

    #[test]
    fn hospital_unit_is_no_employer() {
        let text = "EXPERIENCE\nMERCY VALLEY HOSPITAL, Denver, CO\nStep-Down Unit\n\
                    Registered Nurse\nJun 2018 - Present\n- Cared for 5 patients per shift\n";
        assert_eq!(
            roles(&read(text)),
            [(Some("Registered Nurse"), Some("MERCY VALLEY HOSPITAL"))]
        );
    }

    #[test]
    fn contact_line_is_no_employer() {
        let text = "Maria Olsen\nmaria.olsen@example.com | (555) 010-7788\n\
                    Registered Nurse, Mercy Valley Hospital\nJun 2018 - Present\n";
        assert_eq!(
            roles(&read(text)),
            [(Some("Registered Nurse"), Some("Mercy Valley Hospital"))]
        );
        let text = "Maria Olsen\nmaria.olsen@example.com\nRegistered Nurse\nJun 2018 - Present\n";
        assert_eq!(roles(&read(text)), [(Some("Registered Nurse"), None)]);
        let text = "Maria Olsen\nwww.olsen.example.com\nRegistered Nurse\nJun 2018 - Present\n";
        assert_eq!(roles(&read(text)), [(Some("Registered Nurse"), None)]);
    }

    #[test]
    fn work_terms_after_the_dates_are_no_employer() {
        let text = "EXPERIENCE\nBarista, Bean There Cafe, 2022 – 2023 (part-time)\n\
                    Picker, Dunmore Depot, 2020 – 2021 (seasonal)\n";
        assert_eq!(
            roles(&read(text)),
            [
                (Some("Barista"), Some("Bean There Cafe")),
                (Some("Picker"), Some("Dunmore Depot"))
            ]
        );
    }

    #[test]
    fn certifications_without_experience_are_no_jobs() {
        let text = "Lena Ortiz\nlena@example.com\n\nCERTIFICATIONS\n\
                    PMP - Project Management Institute, 2019\nLEED Green Associate (2020)\n\
                    Pharmacy Technician (PTCB), 2021\n\nEDUCATION\nBS Biology, 2018\n";
        assert!(read(text).is_empty());
    }

    #[test]
    fn firm_named_for_its_trade_is_the_employer() {
        let text = "EXPERIENCE\nPRAIRIE LINE CONTRACTORS — Broken Arrow, OK\n\
                    Apprentice Electrician   08/2013 - 03/2017\n";
        assert_eq!(
            roles(&read(text)),
            [(
                Some("Apprentice Electrician"),
                Some("PRAIRIE LINE CONTRACTORS")
            )]
        );
    }

    #[test]
    fn swedish_company_form_is_no_province() {
        let text = "EXPERIENCE\nLogistics Planner, Nordlys AB\nJan 2019 - Mar 2023\n\
                    Dispatcher, Prairie Haulage, Calgary AB\n2016 - 2018\n";
        assert_eq!(
            roles(&read(text)),
            [
                (Some("Logistics Planner"), Some("Nordlys AB")),
                (Some("Dispatcher"), Some("Prairie Haulage"))
            ]
        );
    }

    #[test]
    fn town_before_a_country_is_no_employer() {
        for place in ["Izmir, Turkey", "Porto, Portugal", "München, Deutschland"] {
            let text = format!("EXPERIENCE\nEngineer, {place}, 2019 – 2021\nPeak Works\n");
            let found = read(&text);
            assert_eq!(found[0].title.as_deref(), Some("Engineer"), "{place}");
            assert_eq!(found[0].employer.as_deref(), Some("Peak Works"), "{place}");
        }
    }

    #[test]
    fn italian_heading_is_no_title() {
        let text = "Esperienza\nSviluppatrice backend, Aurora Sistemi, Milano, 2018 – 2024\n";
        let found = read(text);
        assert_eq!(found[0].title.as_deref(), Some("Sviluppatrice backend"));
        assert_eq!(found[0].employer.as_deref(), Some("Aurora Sistemi"));
    }

    #[test]
    fn place_lines_do_not_use_up_the_header() {
        let text = "EXPERIENCE\nBackend Engineer\nQuillmark\nDublin, Ireland\n2016 – 2019\n";
        let found = read(text);
        assert_eq!(found[0].title.as_deref(), Some("Backend Engineer"));
        assert_eq!(found[0].employer.as_deref(), Some("Quillmark"));

        let found = read("EXPERIENCE\nEngineer (Berlin), Quillmark, 2019 – 2021\n");
        assert_eq!(found[0].title.as_deref(), Some("Engineer"));
        let found = read("EXPERIENCE\nAnalyst (New York), Quillmark, 2019 – 2021\n");
        assert_eq!(found[0].title.as_deref(), Some("Analyst"));
    }

    #[test]
    fn text_under_a_break_is_no_jobs_text() {
        let text = "EXPERIENCE\nAnalyst, Birch Bank, Jan 2015 – Dec 2015\n- SQL reports\n\n\
                    Career break — Jan 2016 – Dec 2020\n- Volunteered teaching Java\n";
        let found = read(text);
        assert_eq!(found.len(), 1);
        let job = &text[found[0].span.clone()];
        assert!(job.contains("SQL reports"), "{job:?}");
        assert!(!job.contains("Java"), "{job:?}");
    }

    #[test]
    fn other_dashes_and_present_words_separate_dates() {
        for dash in ["‐", "‑", "‒", "―", "−", "~"] {
            let text = format!("EXPERIENCE\nEngineer, Halden Works, Jan 2019 {dash} Mar 2021\n");
            let found = read(&text);
            assert_eq!(found.len(), 1, "{dash:?}");
            assert_eq!(found[0].end, "2021-03", "{dash:?}");
        }
        let found = read("EXPERIENCE\nEngineer, Halden Works, 01/2018 – currently\n");
        assert!(found[0].current);
        let found = read("BERUFSERFAHRUNG\nIngenieur, Halden Werke, 01/2018 bis heute\n");
        assert!(found[0].current);
    }

    #[test]
    fn running_text_is_no_title() {
        let text = format!(
            "EXPERIENCE\n{}, Acme Bank, 2019 – 2021\n",
            "word ".repeat(100)
        );
        let found = read(&text);
        assert_eq!(found[0].title, None);
        assert_eq!(found[0].employer.as_deref(), Some("Acme Bank"));
    }
}
