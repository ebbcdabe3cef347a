//! Contact details: candidate name, e-mail address, phone number and profile links.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::entries::names_role;
use super::sections::is_heading;
use crate::skills::line_range;

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\p{L}\p{N}][\p{L}\p{N}._%+'’-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
        .expect("the e-mail pattern is a fixed, valid regular expression")
});

/// An e-mail address written with the `@` and dots spelled out in brackets, so that programs
/// that collect addresses miss it: "aoife (at) example.com", "lee [at] mail [dot] example
/// [dot] org".
static SPELLED_EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?P<user>[A-Za-z0-9._%+-]+)\s*[(\[{<]\s*at\s*[)\]}>]\s*(?P<domain>[A-Za-z0-9-]+(?:\s*(?:\.|[(\[{<]\s*dot\s*[)\]}>])\s*[A-Za-z0-9-]+)*(?:\.|\s*[(\[{<]\s*dot\s*[)\]}>]\s*)[A-Za-z]{2,})\b",
    )
    .expect("the spelled e-mail pattern is a fixed, valid regular expression")
});

/// The spelled-out dot between the parts of a domain.
static SPELLED_DOT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s*(?:\.|[(\[{<]\s*dot\s*[)\]}>])\s*")
        .expect("the spelled dot pattern is a fixed, valid regular expression")
});

/// Optional country code, then groups of digits separated by spaces, dots or dashes, with
/// an optional area code in brackets. After a country code the first group may be one digit
/// ("+33 6 12 34 56 78").
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\+\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d{1,5}|(?:\(\d{1,4}\)[\s.-]?)?\d{2,4})(?:[\s.-]?\d{2,6}){1,4}")
        .expect("the phone pattern is a fixed, valid regular expression")
});

/// A local number of seven digits without an area code ("555-0117"), read only in the
/// contact block.
static LOCAL_PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s(:|,;·•])(?P<number>\d{3}[-.]\d{4})(?:$|[\s),;|·•])")
        .expect("the local phone pattern is a fixed, valid regular expression")
});

/// A LinkedIn profile address, with or without scheme and `www.`.
static LINKEDIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:https?://)?(?:[a-z]{2,3}\.)?linkedin\.com/(?:in|pub)/[\p{L}\p{N}_%-]+/?")
        .expect("the LinkedIn pattern is a fixed, valid regular expression")
});

/// A GitHub profile or repository address.
static GITHUB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:https?://)?(?:www\.)?github\.com/[A-Za-z0-9-]+(?:/[A-Za-z0-9_.-]+)?/?")
        .expect("the GitHub pattern is a fixed, valid regular expression")
});

/// A site's label and the value after it ("GitHub: sardal", "LinkedIn | in/sana-ardal",
/// "Github - mkovach"), and the text after the value up to the next separator or wide gap.
static HANDLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?P<site>github|linkedin)[ \t]*(?:[:|]|[ \t][-–—][ \t])[ \t]*@?(?:/?in/)?(?P<handle>[A-Za-z0-9][A-Za-z0-9_.-]*)(?P<rest>(?:[^\n|·•,;\t ]| [^\n|·•,;\t ])*)",
    )
    .expect("the handle pattern is a fixed, valid regular expression")
});

/// A site's name used as a label in the contact block ("GitHub:", "LinkedIn |", "GitHub —"),
/// whatever follows it.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?P<site>github|linkedin)[ \t]*(?:[:|]|[ \t][-–—][ \t])")
        .expect("the label pattern is a fixed, valid regular expression")
});

/// Values after a site's label that describe the profile instead of naming it.
const NOT_HANDLES: &[&str] = &[
    "yes",
    "no",
    "none",
    "na",
    "private",
    "available",
    "upon",
    "github",
    "linkedin",
    "portfolio",
    "website",
    "site",
    "blog",
    "email",
    "phone",
    "twitter",
];

/// A web address: with a scheme, with `www.`, or a bare domain with a usual personal-site
/// ending ("dana-reyes.dev", "dana.io/work").
static SITE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:\bhttps?://[^\s|,;()<>]+|\bwww\.[^\s|,;()<>]+|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|dev|io|me|net|org|site|page|app|blog|tech|design|co|info|xyz)(?:/[^\s|,;()<>]*)?)",
    )
    .expect("the site pattern is a fixed, valid regular expression")
});

/// Bytes at the top of a resume read for a personal site. Sites named further down are likely
/// to be employers' or projects'.
const HEADER_BYTES: usize = 600;

/// Profile links found in a resume.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Links {
    pub(crate) linkedin: Option<String>,
    pub(crate) github: Option<String>,
    pub(crate) website: Option<String>,
    /// Byte ranges of the site names used as labels in the contact block ("GitHub" in
    /// "GitHub: sardal"), which name no skill.
    pub(crate) labels: Vec<Range<usize>>,
}

/// Returns the first LinkedIn and GitHub addresses anywhere in `text`, and the first other web
/// address in its first lines that is not part of an e-mail address. A bare domain counts
/// only in lower case. A handle after a site's label ("GitHub: sardal") counts only in the
/// contact block, the first `header_end` bytes.
pub(crate) fn links(text: &str, header_end: usize) -> Links {
    let first = |pattern: &Regex| {
        pattern
            .find(text)
            .map(|m| m.as_str().trim_end_matches(['.', '/']).to_string())
    };
    let header = &text[..text.floor_char_boundary(HEADER_BYTES.min(text.len()))];
    let emails: Vec<_> = EMAIL
        .find_iter(header)
        .chain(SPELLED_EMAIL.find_iter(header))
        .map(|e| e.range())
        .collect();
    let website = SITE
        .find_iter(header)
        .filter(|m| {
            let in_email = header[..m.start()].ends_with(['@', '.'])
                || header[m.end()..].starts_with('@')
                || emails.iter().any(|e| e.contains(&m.start()));
            let lower = m.as_str().to_lowercase();
            let bare = !lower.starts_with("http") && !lower.starts_with("www.");
            // A bare name in capitals is a product ("ASP.NET"), not an address.
            let written_as_address = !bare || lower == m.as_str();
            !in_email
                && written_as_address
                && !lower.contains("linkedin.com")
                && !lower.contains("github.com")
        })
        .map(|m| m.as_str().trim_end_matches(['.', '/']).to_string())
        .next();
    let contact_block = &header[..header.floor_char_boundary(header_end.min(header.len()))];
    let handles = handles(contact_block);
    let handle_of = |site: &str| {
        handles
            .iter()
            .find(|found| found.site == site)
            .map(|found| found.address.clone())
    };
    Links {
        linkedin: first(&LINKEDIN).or_else(|| handle_of("linkedin")),
        github: first(&GITHUB).or_else(|| handle_of("github")),
        website,
        labels: LABEL
            .captures_iter(contact_block)
            .filter_map(|caps| caps.name("site").map(|site| site.range()))
            .collect(),
    }
}

/// A handle written after a site's label.
struct Handle {
    /// `github` or `linkedin`.
    site: &'static str,
    /// The profile address the handle stands for (`github.com/sardal`).
    address: String,
}

/// Finds handles written after a site's label in `block`. The value must stand alone up to
/// the end of the line or the next separator (`|`, `·`, `•`, `,`, `;`, a tab or a wide gap),
/// so "GitHub: available on request" names no handle. It must also have the shape of a name on
/// that site, so "github: sardal.dev" is not a handle.
fn handles(block: &str) -> Vec<Handle> {
    let mut found = Vec::new();
    for caps in HANDLE.captures_iter(block) {
        let site = if caps["site"].eq_ignore_ascii_case("github") {
            "github"
        } else {
            "linkedin"
        };
        let handle = &caps["handle"];
        let rest = &caps["rest"];
        if !rest.trim().is_empty() || !valid_handle(site, handle) {
            continue;
        }
        let address = match site {
            "linkedin" => format!("linkedin.com/in/{handle}"),
            _ => format!("github.com/{handle}"),
        };
        found.push(Handle { site, address });
    }
    found
}

/// Checks a handle's shape. A GitHub handle is taken with up to 39 letters, digits and single
/// inner hyphens, a LinkedIn one with 3 to 100 letters, digits and hyphens. Either needs a
/// letter and must not be a word such as "yes" or "private".
fn valid_handle(site: &str, handle: &str) -> bool {
    let allowed = handle
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-');
    let has_letter = handle.chars().any(|c| c.is_ascii_alphabetic());
    let word = NOT_HANDLES.contains(&handle.to_lowercase().as_str());
    let shape = match site {
        "github" => {
            handle.len() <= 39
                && !handle.starts_with('-')
                && !handle.ends_with('-')
                && !handle.contains("--")
        }
        _ => (3..=100).contains(&handle.len()),
    };
    allowed && has_letter && !word && shape
}

/// Words on a line that give another person's contact details: a supervisor's or a
/// referee's.
const OTHER_PERSON_WORDS: &[&str] = &[
    "supervisor",
    "manager:",
    "reference",
    "referee",
    "reports to",
    "reported to",
    "may contact",
    "ok to contact",
    "okay to contact",
];

/// Headings of a section that lists other people's contact details.
const REFERENCE_HEADINGS: &[&str] = &["references", "referees", "professional references"];

/// Headings of a section with the candidate's own contact details.
const CONTACT_HEADINGS: &[&str] = &["contact", "contact details", "contact information"];

/// Maximum length, in bytes, of a line read as a heading that opens or ends a References
/// section.
const MAX_HEADING_BYTES: usize = 60;

/// Other people's contact details in a resume: the byte ranges under a References heading, up
/// to the next heading.
struct OtherPeople {
    references: Vec<Range<usize>>,
}

impl OtherPeople {
    /// Finds the References sections of `text` in one pass over its lines.
    fn new(text: &str) -> Self {
        let mut references = Vec::new();
        let mut open: Option<usize> = None;
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            // Headings are short, and only a heading after a References one matters.
            let short = line.len() <= MAX_HEADING_BYTES;
            let label = if short {
                line.trim().trim_end_matches(':').to_lowercase()
            } else {
                String::new()
            };
            let reference = REFERENCE_HEADINGS.contains(&label.as_str());
            let heading = reference
                || (open.is_some()
                    && short
                    && (CONTACT_HEADINGS.contains(&label.as_str()) || is_heading(&label)));
            if heading {
                if let Some(start) = open.take() {
                    references.push(start..offset);
                }
                if reference {
                    open = Some(offset + line.len());
                }
            }
            offset += line.len();
        }
        if let Some(start) = open {
            references.push(start..text.len());
        }
        Self { references }
    }

    /// Checks whether the contact detail at `offset` belongs to someone else: its line names a
    /// supervisor or a referee, or it sits under a References heading.
    fn belongs_to_other(&self, text: &str, offset: usize) -> bool {
        let line = text[line_range(text, offset)].to_lowercase();
        OTHER_PERSON_WORDS.iter().any(|word| line.contains(word))
            || self.references.iter().any(|range| range.contains(&offset))
    }
}

/// Returns the first e-mail address in `text` that is not someone else's (see
/// [`OtherPeople`]). Without one, an address with its `@` and dots spelled out ("aoife (at)
/// example.com") is returned in its usual form.
pub(crate) fn email(text: &str) -> Option<String> {
    let others = OtherPeople::new(text);
    if let Some(found) = EMAIL
        .find_iter(text)
        .find(|found| !others.belongs_to_other(text, found.start()))
    {
        return Some(found.as_str().to_string());
    }
    let caps = SPELLED_EMAIL.captures_iter(text).find(|caps| {
        caps.get(0)
            .is_some_and(|m| !others.belongs_to_other(text, m.start()))
    })?;
    let domain = SPELLED_DOT.replace_all(&caps["domain"], ".");
    Some(format!("{}@{domain}", &caps["user"]))
}

/// Returns the first phone number in `text` with 10 to 15 digits that is not someone else's.
/// Shorter digit runs (years, date ranges) are skipped. Without such a number, a seven-digit
/// local number in the first lines ("555-0117") is returned.
pub(crate) fn phone(text: &str) -> Option<String> {
    let others = OtherPeople::new(text);
    let full = PHONE.find_iter(text).find(|found| {
        let candidate = found.as_str().trim();
        let digits = candidate.chars().filter(char::is_ascii_digit).count();
        let dated = candidate.contains(" - ") || candidate.contains(" – ");
        (10..=15).contains(&digits) && !dated && !others.belongs_to_other(text, found.start())
    });
    if let Some(full) = full {
        return Some(full.as_str().trim().to_string());
    }
    let header = &text[..text.floor_char_boundary(HEADER_BYTES.min(text.len()))];
    LOCAL_PHONE
        .captures(header)
        .map(|caps| caps["number"].to_string())
}

/// Quotation marks around a nickname inside a name.
const NICKNAME_QUOTES: &[char] = &['"', '“', '”'];

/// A bracket after a name that gives pronouns or a post-nominal note ("Jane Doe (she/her)").
static TRAILING_BRACKET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*\([^()]{1,20}\)\s*$").expect("the trailing bracket pattern is valid")
});

/// Returns the line when the whole of it is a family name, a comma and one or two given names
/// ("Doe, Jane", "de la Cruz, Ana Maria"). A place such as "Austin, TX" has no lower-case
/// given name, and the letters after a name ("Maria Lopez, CPhT") are no given name.
fn family_name_first(line: &str) -> Option<&str> {
    let (family, given) = line.split_once(", ")?;
    // A given name has no capital inside it, unlike the letters after a name ("CPhT",
    // "PharmD").
    let title_case = given.split([' ', '-']).all(|word| {
        let mut letters = word.chars().filter(|c| c.is_alphabetic());
        letters.next().is_some_and(char::is_uppercase) && letters.all(char::is_lowercase)
    });
    // "TAN WEI LING, JOANNE": a line in capitals, whose given name is too long for letters
    // after a name ("CPA", "RN").
    let capitals = line
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
        && given
            .split_whitespace()
            .all(|word| word.chars().count() >= 4);
    let parts_are_names = looks_like_name(&format!("{given} {family}"))
        && (title_case && given.chars().any(char::is_lowercase) || capitals)
        && !given.contains(',')
        && given.split_whitespace().count() <= 2
        && family.split_whitespace().count() <= 3;
    parts_are_names.then_some(line)
}

/// Returns the candidate name: the first segment of one of the first lines that reads like
/// a person's name (two to four capitalised words, with particles such as "de la" between
/// them, no digits, no `@`). A "Name:" label comes off, and document titles ("Curriculum
/// Vitae") and headlines that name a role are passed over. Without such a line, a first line
/// of two or three lower-case words ("jane doe") is the name, kept as written.
pub(crate) fn name(text: &str, is_heading: impl Fn(&str) -> bool) -> Option<String> {
    if let Some(name) = labelled_name(text)
        .or_else(|| exported_profile_name(text))
        .or_else(|| letter_spaced_name(text))
    {
        return Some(name);
    }
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .take(5)
        .collect();
    let has_contact =
        |line: &str| line.contains('@') || line.chars().filter(char::is_ascii_digit).count() >= 7;
    let candidates: Vec<(&str, bool)> = lines
        .iter()
        .enumerate()
        .filter(|(_, line)| {
            !is_heading(line) && !DOCUMENT_TITLES.contains(&line.to_lowercase().as_str())
        })
        .filter_map(|(index, line)| {
            if index == 0
                && let Some(name) = family_name_first(line)
            {
                return Some((name, true));
            }
            // A wide gap parts the columns of a two-column header ("DANIEL KOWALCZYK      dan…").
            let segment = line.split(['|', '•', '·', ',', '\t']).next()?;
            let segment = segment.trim().split("   ").next()?;
            let segment = before_spaced_dash(without_name_label(segment));
            let segment = match TRAILING_BRACKET.find(segment) {
                Some(bracket) if bracket.start() > 0 => &segment[..bracket.start()],
                _ => segment,
            };
            let segment = without_post_nominals(segment);
            // A name is usually the first line of the document, so a family name that is also
            // a role word ("Tom Baker") is taken there too.
            let contact_near = index == 0
                || has_contact(line)
                || lines.get(index + 1).is_some_and(|next| has_contact(next));
            let lower_case_first = index == 0 && looks_like_lower_case_name(segment);
            (looks_like_name(segment) || lower_case_first).then_some((segment, contact_near))
        })
        .collect();

    // "Senior Software Engineer" above "Priya Raman" is a headline, not the name. A two-word
    // line whose role word is also a family name ("John Carpenter") is still taken when no
    // other line is a name and contact details are on it or right below it.
    let not_role = |segment: &&str| !names_role(segment);
    let capitalised = candidates
        .iter()
        .find(|(segment, _)| not_role(segment) && !is_lower_case(segment));
    let lower_case = candidates.iter().find(|(segment, _)| not_role(segment));
    let trade_surname = candidates
        .iter()
        .find(|(segment, contact_below)| *contact_below && ends_in_trade_surname(segment));
    capitalised
        .or(lower_case)
        .or(trade_surname)
        .map(|(name, _)| (*name).to_string())
}

/// Cuts letters after a name that is written in mixed case ("Adaeze Nwachukwu-Price OBE CEng
/// FICE"): honours, degrees and memberships in capitals.
fn without_post_nominals(segment: &str) -> &str {
    let words: Vec<&str> = segment.split_whitespace().collect();
    let post_nominal = |word: &str| {
        // "Martin Luther King III": a generational suffix is part of the name.
        if matches!(word, "II" | "III" | "IV") {
            return false;
        }
        let capitals = word.chars().filter(char::is_ascii_uppercase).count();
        let letters = word.chars().filter(char::is_ascii_alphabetic).count();
        (2..=5).contains(&letters)
            && capitals >= 2
            && word.chars().all(|c| c.is_ascii_alphabetic())
            && !word.chars().nth(1).is_some_and(char::is_lowercase)
            || [
                "CEng", "IEng", "PhD", "MSc", "BSc", "MEng", "BEng", "EdD", "DPhil", "MPhil",
            ]
            .contains(&word)
    };
    let mixed_case = words
        .iter()
        .any(|w| w.chars().skip(1).any(char::is_lowercase));
    let mut keep = words.len();
    while mixed_case && keep > 2 && post_nominal(words[keep - 1]) {
        keep -= 1;
    }
    if keep == words.len() {
        return segment;
    }
    let end = segment
        .match_indices(words[keep - 1])
        .last()
        .map_or(segment.len(), |(at, word)| at + word.len());
    &segment[..end]
}

/// Family names that are also role words ("John Carpenter", "Amy Baker").
const TRADE_SURNAMES: &[&str] = &[
    "baker",
    "barber",
    "butcher",
    "carpenter",
    "carter",
    "clerk",
    "cook",
    "cooper",
    "farmer",
    "fisher",
    "gardener",
    "hunter",
    "mason",
    "miller",
    "painter",
    "porter",
    "shepherd",
    "smith",
    "steward",
    "turner",
    "weaver",
];

/// Words that open a job title rather than a given name ("Line Cook", "Head Baker").
const TITLE_OPENERS: &[&str] = &[
    "apprentice",
    "assistant",
    "chief",
    "finish",
    "general",
    "head",
    "journeyman",
    "junior",
    "lead",
    "line",
    "master",
    "pastry",
    "prep",
    "principal",
    "senior",
    "sous",
    "staff",
    "trainee",
];

/// Checks whether a two-word segment reads as a given name and a family name that is also a
/// role word ("John Carpenter"), rather than a job title ("Data Analyst", "Line Cook").
fn ends_in_trade_surname(segment: &str) -> bool {
    let words: Vec<String> = segment.split_whitespace().map(str::to_lowercase).collect();
    match words.as_slice() {
        [first, last] => {
            TRADE_SURNAMES.contains(&last.as_str())
                && !TITLE_OPENERS.contains(&first.as_str())
                && !names_role(first)
        }
        _ => false,
    }
}

/// Returns the part of a segment before the first dash between spaces ("Deepak Choudhury — Tax
/// Accountant").
fn before_spaced_dash(segment: &str) -> &str {
    [" — ", " – ", " - "]
        .iter()
        .filter_map(|dash| segment.find(dash))
        .min()
        .map_or(segment, |at| &segment[..at])
}

/// Lines that title the document rather than name the person.
const DOCUMENT_TITLES: &[&str] = &["curriculum vitae", "resume", "résumé", "cv", "curriculum"];

/// Lower-case words inside a name ("Tomás de la Vega", "Anouk van der Berg").
const NAME_PARTICLES: &[&str] = &[
    "de", "del", "della", "la", "le", "da", "di", "do", "dos", "du", "van", "von", "der", "den",
    "ten", "ter", "bin", "al", "y",
];

/// Reads the name of a profile exported to PDF from a professional network. Such an export
/// opens with a sidebar ("Contact", the profile link, "Top Skills", "Certifications") and puts
/// the name, the headline and the location above the first Summary or Experience heading.
fn exported_profile_name(text: &str) -> Option<String> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect();
    let sidebar = lines.first() == Some(&"Contact") && text.contains("(LinkedIn)");
    if !sidebar {
        return None;
    }
    let main = lines
        .iter()
        .position(|line| matches!(*line, "Summary" | "Experience" | "About"))?;
    lines[main.saturating_sub(3)..main]
        .iter()
        .find(|line| looks_like_name(line) && !names_role(line))
        .map(|line| line.to_string())
}

/// Reads a name printed with its letters spaced out on the first line ("J A N E   D O E"):
/// one space between letters and more between words.
fn letter_spaced_name(text: &str) -> Option<String> {
    let first = text.lines().map(str::trim).find(|line| !line.is_empty())?;
    let words: Vec<String> = first
        .split("  ")
        .map(str::trim)
        .filter(|word| !word.is_empty())
        .map(|word| {
            let letters: Vec<&str> = word.split(' ').collect();
            let spaced = letters.len() >= 2
                && letters.iter().all(|letter| {
                    letter.chars().count() == 1 && letter.chars().all(char::is_alphabetic)
                });
            spaced.then(|| letters.concat())
        })
        .collect::<Option<_>>()?;
    let name = words.join(" ");
    (words.len() >= 2 && looks_like_name(&name)).then_some(name)
}

/// A labelled name field of a form-like CV: "Full name:   Thandi Mokoena", "Surname: Mthembu",
/// "First names: Nokuthula Grace".
static NAME_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?im)^[ \t]*(?P<label>full\s+names?|name|surname|last\s+name|family\s+name|first\s+names?|given\s+names?|forenames?)[ \t]*:[ \t]*(?P<value>\S[^\n]*?)[ \t]*$")
        .expect("the name field pattern is valid")
});

/// Reads the name from labelled fields in the first lines: a full name, or the first names
/// and the surname joined.
fn labelled_name(text: &str) -> Option<String> {
    let head: String = text.lines().take(15).collect::<Vec<_>>().join("\n");
    let (mut full, mut first, mut last) = (None, None, None);
    for caps in NAME_FIELD.captures_iter(&head) {
        let value = caps["value"].trim();
        if !looks_like_name(value) && !value.chars().all(|c| c.is_alphabetic() || c == '-') {
            continue;
        }
        let label = caps["label"].to_lowercase();
        let slot = if label.starts_with("full") || label == "name" {
            &mut full
        } else if label.starts_with("first")
            || label.starts_with("given")
            || label.starts_with("fore")
        {
            &mut first
        } else {
            &mut last
        };
        slot.get_or_insert(value.to_string());
    }
    full.or_else(|| Some(format!("{} {}", first?, last?)))
}

/// Returns a segment without a leading "Name:" or "Name -" label or a "Resume of" title.
fn without_name_label(segment: &str) -> &str {
    let lower = segment.to_lowercase();
    let title = ["resume of ", "résumé of ", "cv of ", "curriculum vitae of "]
        .iter()
        .find(|title| lower.starts_with(*title));
    if let Some(title) = title
        && let Some(rest) = segment.get(title.len()..)
    {
        return rest.trim();
    }
    let dash = [" - ", " – ", " — "]
        .iter()
        .filter_map(|dash| segment.split_once(dash))
        .next();
    match segment.split_once(':').or(dash) {
        Some((label, rest))
            if matches!(
                label.trim().to_lowercase().as_str(),
                "name" | "full name" | "nombre" | "nom"
            ) =>
        {
            rest.trim()
        }
        _ => segment,
    }
}

/// Words of a lower-case line that is no name: function words and document words.
const NOT_NAME_WORDS: &[&str] = &[
    "a",
    "an",
    "and",
    "at",
    "by",
    "contact",
    "for",
    "in",
    "my",
    "of",
    "on",
    "or",
    "page",
    "portfolio",
    "profile",
    "the",
    "to",
    "vitae",
    "with",
];

/// Checks whether a segment has no upper-case letter.
fn is_lower_case(segment: &str) -> bool {
    !segment.chars().any(char::is_uppercase)
}

/// Checks whether a segment reads like a name written in lower case: two or three words of
/// letters, apostrophes and hyphens, none of them a function word or a document word.
fn looks_like_lower_case_name(segment: &str) -> bool {
    let words: Vec<&str> = segment.split_whitespace().collect();
    let letters = |w: &&str| {
        w.chars().next().is_some_and(char::is_alphabetic)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-'))
    };
    (2..=3).contains(&words.len())
        && is_lower_case(segment)
        && words.iter().all(letters)
        && !words.iter().any(|w| NOT_NAME_WORDS.contains(w))
        && !DOCUMENT_TITLES.iter().any(|title| words.contains(title))
}

fn looks_like_name(segment: &str) -> bool {
    let words: Vec<&str> = segment.split_whitespace().collect();
    let allowed = |c: char| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-');
    // A nickname in quotes ("Jane \"JJ\" Doe") is a capitalised word of the name.
    let capitalised = |w: &&str| {
        w.trim_start_matches(NICKNAME_QUOTES)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    };
    let inner = words.len().saturating_sub(1);
    let particles = words.iter().filter(|w| NAME_PARTICLES.contains(w)).count();
    // Five names need a particle among them ("María José Fernández de la Vega Ruiz").
    let max_names = if particles > 0 { 5 } else { 4 };
    (2..=max_names).contains(&(words.len() - particles))
        && segment
            .chars()
            .all(|c| allowed(c) || c == ' ' || NICKNAME_QUOTES.contains(&c))
        && words.first().is_some_and(&capitalised)
        && words.last().is_some_and(&capitalised)
        && words[1..inner.max(1)]
            .iter()
            .all(|w| capitalised(w) || NAME_PARTICLES.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str =
        "Ottilie Brannagh-Voss\nDenver, CO | ottilie.bv@example.org | +1 (555) 014-2278\n";

    #[test]
    fn email_is_extracted() {
        assert_eq!(email(HEADER).as_deref(), Some("ottilie.bv@example.org"));
    }

    #[test]
    fn email_spelled_out_is_read() {
        let text = "Aoife Brennan\naoife (at) example.com | Cork\n";
        assert_eq!(email(text).as_deref(), Some("aoife@example.com"));
        assert_eq!(links(text, text.len()).website, None);
        assert_eq!(
            email("lee.hart [at] mail [dot] example [dot] org").as_deref(),
            Some("lee.hart@mail.example.org")
        );
        assert_eq!(email("Meet us at the office (at) noon"), None);
    }

    #[test]
    fn contact_details_of_others_are_skipped() {
        let text = "Nadia Petrov\nCashier, Pell Market, 2019 – 2021\n\
            Supervisor: Lena Ortiz, lena.ortiz@example.com, (555) 014-9900\n\
            References\nOmar Diaz, omar@example.net, (555) 014-7711\n\
            Contact\nnadia.petrov@example.org | (555) 014-3322\n";
        assert_eq!(email(text).as_deref(), Some("nadia.petrov@example.org"));
        assert_eq!(phone(text).as_deref(), Some("(555) 014-3322"));
        assert_eq!(email("Supervisor: lena.ortiz@example.com\n"), None);
    }

    #[test]
    fn phone_with_six_digit_group_is_whole() {
        assert_eq!(
            phone("Leeds · 07911 123456").as_deref(),
            Some("07911 123456")
        );
        assert_eq!(
            phone("Leeds · +44 7700 900123").as_deref(),
            Some("+44 7700 900123")
        );
    }

    #[test]
    fn phone_is_extracted() {
        assert_eq!(phone(HEADER).as_deref(), Some("+1 (555) 014-2278"));
        assert_eq!(phone("Tel. 555.010.4821").as_deref(), Some("555.010.4821"));
        assert_eq!(
            phone("Lyon · +33 6 12 34 56 78").as_deref(),
            Some("+33 6 12 34 56 78")
        );
    }

    #[test]
    fn contact_details_keep_every_character() {
        assert_eq!(
            email("Sam O'Neil\nsam.o'neil@example.com\n").as_deref(),
            Some("sam.o'neil@example.com")
        );
        assert_eq!(
            email("Józef Nowak\njózef@example.com\n").as_deref(),
            Some("józef@example.com")
        );
        assert_eq!(
            email("Contact: 'sam@example.com'").as_deref(),
            Some("sam@example.com")
        );
        assert_eq!(
            phone("Pune · +91 98765 43210").as_deref(),
            Some("+91 98765 43210")
        );
        assert_eq!(
            phone("São Paulo · +55 11 91234-5678").as_deref(),
            Some("+55 11 91234-5678")
        );
        let text = "Séverine Dupont\nlinkedin.com/in/séverine-dupont\n";
        assert_eq!(
            links(text, text.len()).linkedin.as_deref(),
            Some("linkedin.com/in/séverine-dupont")
        );
    }

    #[test]
    fn local_number_in_contact_block_is_a_phone() {
        assert_eq!(
            phone("Aoife Brennan\nCork · 555-0117 · aoife@example.com\n").as_deref(),
            Some("555-0117")
        );
        let far = format!(
            "Aoife Brennan\n{}Ticket 555-0117\n",
            "Summary line.\n".repeat(60)
        );
        assert_eq!(phone(&far), None);
        assert_eq!(phone("Aoife Brennan\nZIP 02134-5678\n"), None);
    }

    #[test]
    fn date_range_is_not_a_phone() {
        assert_eq!(phone("2016 - 2018 2019"), None);
        assert_eq!(phone("2019-03 – 2021-11"), None);
    }

    #[test]
    fn name_is_first_name_like_line() {
        assert_eq!(
            name(HEADER, |_| false).as_deref(),
            Some("Ottilie Brannagh-Voss")
        );
        assert_eq!(
            name("JANE Q. ROE | Engineer\n", |_| false).as_deref(),
            Some("JANE Q. ROE")
        );
    }

    #[test]
    fn exported_profile_gives_the_main_column_name() {
        let no_headings = |_: &str| false;
        let text = "Contact\nwww.example.com/in/mosei (LinkedIn)\nm.osei@example.com\n\n\
                    Top Skills\nDemand Planning\nSAP APO\n\nCertifications\nAPICS CPIM\n\n\
                    Marguerite Osei\nSenior Supply Chain Planner at Northgate Consumer Brands\n\
                    Columbus, Ohio, United States\n\nSummary\nPlanner.\n";
        assert_eq!(name(text, no_headings).as_deref(), Some("Marguerite Osei"));
    }

    #[test]
    fn capitalised_family_name_first_is_kept() {
        let no_headings = |_: &str| false;
        let text = "TAN WEI LING, JOANNE\njoanne@example.com\n";
        assert_eq!(
            name(text, no_headings).as_deref(),
            Some("TAN WEI LING, JOANNE")
        );
        let text = "JOHN SMITH, CPA\njohn@example.com\n";
        assert_eq!(name(text, no_headings).as_deref(), Some("JOHN SMITH"));
    }

    #[test]
    fn generational_suffix_stays_in_the_name() {
        let no_headings = |_: &str| false;
        let text = "Martin Luther King III\nmlk@example.com\n";
        assert_eq!(
            name(text, no_headings).as_deref(),
            Some("Martin Luther King III")
        );
    }

    #[test]
    fn letter_spaced_name_is_joined() {
        let no_headings = |_: &str| false;
        let text = "J A N E   D O E\njane@example.com\n";
        assert_eq!(name(text, no_headings).as_deref(), Some("JANE DOE"));
    }

    #[test]
    fn labelled_name_fields_give_the_name() {
        let no_headings = |_: &str| false;
        let text = "CURRICULUM VITAE\n\nPERSONAL DETAILS\nSurname:            Mthembu\n\
                    First names:        Nokuthula Grace\nID number: 900101 0000 080\n";
        assert_eq!(
            name(text, no_headings).as_deref(),
            Some("Nokuthula Grace Mthembu")
        );
        let text = "CURRICULUM VITAE\nFull name:      Thandi Mokoena\nCell: 082 555 0101\n";
        assert_eq!(name(text, no_headings).as_deref(), Some("Thandi Mokoena"));
    }

    #[test]
    fn name_below_title_lines_is_found() {
        let no_headings = |_: &str| false;
        let text = "Curriculum Vitae\nName: Tomás de la Vega\ntomas@example.com\n";
        assert_eq!(name(text, no_headings).as_deref(), Some("Tomás de la Vega"));
        let text = "Senior Software Engineer\nPriya Raman\npriya@example.com\n";
        assert_eq!(name(text, no_headings).as_deref(), Some("Priya Raman"));
        let text = "John Carpenter\njohn@example.com\n";
        assert_eq!(name(text, no_headings).as_deref(), Some("John Carpenter"));
        let text = "Deepak Choudhury — Tax Accountant\nSenior Tax Accountant\n";
        assert_eq!(name(text, no_headings).as_deref(), Some("Deepak Choudhury"));
        assert_eq!(name("Senior Tax Accountant\n", no_headings), None);
        let text = "Project Manager\nExperience\nPM, Moorfield, 2019 - 2023\n";
        assert_eq!(name(text, no_headings), None);
        let text = "Resume\nName - Aoife Kelly\naoife@example.com\n";
        assert_eq!(name(text, no_headings).as_deref(), Some("Aoife Kelly"));
        assert_eq!(name("the quick Fox\n", no_headings), None);
        let text = "Resume of Noah Feldman\nnoah@example.com\n";
        assert_eq!(name(text, no_headings).as_deref(), Some("Noah Feldman"));
        let text =
            "DANIEL KOWALCZYK          dan.k@example.com\nWarehouse Lead      (555) 010-4411\n";
        assert_eq!(name(text, no_headings).as_deref(), Some("DANIEL KOWALCZYK"));
    }

    #[test]
    fn name_forms_with_particles_and_notes() {
        let no_headings = |_: &str| false;
        for (text, expected) in [
            (
                "Ana Maria de la Cruz\nana@example.com\n",
                "Ana Maria de la Cruz",
            ),
            ("Doe, Jane\njane@example.com\n", "Doe, Jane"),
            ("Jane \"JJ\" Doe\njane@example.com\n", "Jane \"JJ\" Doe"),
            ("Jane Doe (she/her)\njane@example.com\n", "Jane Doe"),
            ("Maria Lopez, CPhT\nmaria@example.com\n", "Maria Lopez"),
            ("Omar Haddad, PharmD\nomar@example.com\n", "Omar Haddad"),
        ] {
            assert_eq!(name(text, no_headings).as_deref(), Some(expected), "{text}");
        }
        let text = "Austin, TX\nJane Doe\njane@example.com\n";
        assert_eq!(name(text, no_headings).as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn name_in_lower_case_is_kept() {
        let no_headings = |_: &str| false;
        let text = "jane doe\nData Analyst\njane.doe@example.com\n";
        assert_eq!(name(text, no_headings).as_deref(), Some("jane doe"));
        let text = "anouk van berg\nanouk@example.com\n";
        assert_eq!(name(text, no_headings).as_deref(), Some("anouk van berg"));
        assert_eq!(
            name("professional resume\nodd@example.org\n", no_headings),
            None
        );
        assert_eq!(name("summary of work\n", no_headings), None);
        let text = "Data Analyst\njane doe\njane.doe@example.com\n";
        assert_eq!(name(text, no_headings), None);
    }

    #[test]
    fn name_is_never_a_job_title() {
        let no_headings = |_: &str| false;
        for title in [
            "Data Analyst",
            "Line Cook",
            "Head Baker",
            "Staff Accountant",
        ] {
            let text = format!("{title}\nsam.orr@example.com | (555) 010-2231\n");
            assert_eq!(name(&text, no_headings), None, "{title}");
        }
        let text = "Amy Baker\namy.baker@example.com\n";
        assert_eq!(name(text, no_headings).as_deref(), Some("Amy Baker"));
    }

    #[test]
    fn name_with_trade_surname_or_letters_after_it() {
        let no_headings = |_: &str| false;
        let text = "Tom Baker\nWarehouse Lead\nPortland, OR\ntom.b@example.com\n";
        assert_eq!(name(text, no_headings).as_deref(), Some("Tom Baker"));
        let text = "Adaeze Nwachukwu-Price OBE CEng FICE\nadaeze@example.com\n";
        assert_eq!(
            name(text, no_headings).as_deref(),
            Some("Adaeze Nwachukwu-Price")
        );
        let text = "María José Fernández de la Vega Ruiz\nmaria@example.com\n";
        assert_eq!(
            name(text, no_headings).as_deref(),
            Some("María José Fernández de la Vega Ruiz")
        );
        let text = "Line Cook\nWarehouse Lead\n";
        assert_eq!(name(text, no_headings), None);
    }

    #[test]
    fn heading_and_email_lines_are_not_names() {
        let text = "Professional Summary\nodd@example.org\nSeasoned welder.\n";
        let headings = |line: &str| line == "Professional Summary";
        assert_eq!(name(text, headings), None);
    }

    #[test]
    fn profile_links_are_extracted() {
        let text = "Dana Reyes\ndana.reyes@example.com | linkedin.com/in/dana-reyes-42 | \
                    https://github.com/danareyes | dana-reyes.dev\n\nExperience\n\
                    Analyst at www.acme-insurance.com\n";
        let found = links_anywhere(text);
        assert_eq!(
            found.linkedin.as_deref(),
            Some("linkedin.com/in/dana-reyes-42")
        );
        assert_eq!(
            found.github.as_deref(),
            Some("https://github.com/danareyes")
        );
        assert_eq!(found.website.as_deref(), Some("dana-reyes.dev"));
    }

    fn links_anywhere(text: &str) -> Links {
        links(text, text.len())
    }

    #[test]
    fn labelled_handles_are_profile_links() {
        let text = "Sana Ardal\nGitHub: @sardal | LinkedIn: in/sana-ardal\n";
        let found = links_anywhere(text);
        assert_eq!(found.github.as_deref(), Some("github.com/sardal"));
        assert_eq!(
            found.linkedin.as_deref(),
            Some("linkedin.com/in/sana-ardal")
        );
        assert_eq!(&text[found.labels[0].clone()], "GitHub");

        let found = links_anywhere("Sana Ardal\nGithub — mkovach · LinkedIn: /in/mira-k\n");
        assert_eq!(found.github.as_deref(), Some("github.com/mkovach"));
        assert_eq!(found.linkedin.as_deref(), Some("linkedin.com/in/mira-k"));
    }

    #[test]
    fn labels_followed_by_other_text_give_no_handle() {
        for line in [
            "irene.volkova@example.com | LinkedIn | GitHub | Portfolio",
            "github: sardal.dev | linkedin: sana@ardal.io",
            "GitHub: available on request",
            "GitHub: 12 public repos",
            "LinkedIn: Mira Kovach",
            "LinkedIn: 500+ connections",
            "GitHub: Yes",
            "GitHub: mira_kovach",
            "GitHub: mira--k",
        ] {
            let found = links_anywhere(&format!("Sana Ardal\n{line}\n"));
            assert_eq!((found.github, found.linkedin), (None, None), "{line}");
        }
    }

    #[test]
    fn handles_below_the_contact_block_are_ignored() {
        let text = "Sana Ardal\nEXPERIENCE\nBuilt things.\nGitHub: quarryfreight\n";
        let block_end = text.find("EXPERIENCE").expect("the heading is in the text");
        assert_eq!(links(text, block_end).github, None);
    }

    #[test]
    fn email_domain_and_far_sites_are_no_website() {
        let text = format!(
            "Dana Reyes\ndana@reyes.io\nASP.NET developer\n{}\nBuilt www.acme.com\n",
            "Summary line.\n".repeat(60)
        );
        assert_eq!(links_anywhere(&text), Links::default());
    }
}
