//! Mentions that describe something other than the person's own skills. An employer's
//! description states what it sells or advertises ("Cobaltline sells Python-based telematics
//! software"), and a sales bullet names what the person sold ("sold payroll and timekeeping
//! software"). A credential may be one the person is still working towards or the kind of
//! employer ("CPA candidate", "a 14-person CPA firm"). A discipline may be part of a job
//! title ("Backend engineer") or a kind of role filled ("maintenance roles"). An industry may
//! be the market of an employer or its clients ("an e-commerce company"). A spoken language may
//! be one that others speak, and a name after "cost per" is the unit of a measure.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::skills::{SkillMatch, line_range};

/// Verbs that, after an organisation's name, start a description of its business.
const ORGANISATION_VERBS: &[&str] = &[
    "advertises",
    "builds",
    "designs",
    "develops",
    "distributes",
    "licenses",
    "makes",
    "manufactures",
    "markets",
    "offers",
    "operates",
    "produces",
    "provides",
    "sells",
    "ships",
];

/// Pronouns and determiners that start a sentence about the person or a thing, not about an
/// organisation.
const PRONOUNS: &[&str] = &["I", "We", "He", "She", "They", "It", "You", "This", "That"];

/// Checks whether a match lies after the verb of a sentence that describes an organisation:
/// one to four capitalised words, or a possessive name and up to three more words, then one of
/// [`ORGANISATION_VERBS`] ("Cobaltline sells …", "Brightwater's public site advertises …").
/// A subject that the first lines of the resume also name is the person, written in the third
/// person ("Dana builds data pipelines"), and keeps the match.
pub(super) fn describes_organisation(text: &str, found: &SkillMatch) -> bool {
    let sentence_start = sentence_start(text, found.start);
    let before = &text[sentence_start..found.start];
    let words: Vec<&str> = before
        .split_whitespace()
        .filter(|w| w.contains(char::is_alphanumeric))
        .collect();
    let Some(verb) = words
        .iter()
        .take(5)
        .position(|w| ORGANISATION_VERBS.contains(w))
    else {
        return false;
    };
    if verb == 0 {
        return false;
    }
    let subject = &words[..verb];
    let first = subject[0];
    let capitalised = |w: &str| w.starts_with(|c: char| c.is_uppercase());
    if first.is_empty() || !capitalised(first) || PRONOUNS.contains(&first) {
        return false;
    }
    let possessive = subject
        .iter()
        .position(|w| w.ends_with("'s") || w.ends_with("’s"));
    let named = subject.iter().all(|w| capitalised(w)) || possessive.is_some();
    let header = &text[..text.floor_char_boundary(200.min(sentence_start))];
    let name = first.trim_end_matches("'s").trim_end_matches("’s");
    named && !header.contains(name)
}

/// Verbs of selling. The object that follows one names a product the person sold, not a
/// skill they claim.
const SELLING_VERBS: &[&str] = &["sold", "sell", "sells", "selling", "resold"];

/// Nouns that end the object of a selling verb ("payroll and timekeeping software").
const PRODUCT_NOUNS: &[&str] = &[
    "software",
    "platform",
    "platforms",
    "solutions",
    "products",
    "systems",
    "services",
    "subscriptions",
    "licenses",
];

/// Checks whether a match is part of the object of a selling verb: the verb is among the five
/// words before it and a product noun among the four after it ("Sold payroll and timekeeping
/// software to …").
pub(super) fn names_product_sold(text: &str, found: &SkillMatch) -> bool {
    let sold_before = words_before(text, found.start, 5)
        .iter()
        .any(|w| SELLING_VERBS.contains(&w.as_str()));
    let product_after = words_after(text, found.end, 4)
        .iter()
        .any(|w| PRODUCT_NOUNS.contains(&w.as_str()));
    sold_before && product_after
}

/// Words that, right after a skill's name, say the person does not hold it yet or that it
/// names an employer ("CPA candidate", "a 14-person CPA firm").
const NOT_HELD_NOUNS: &[&str] = &["candidate", "eligible", "eligibility", "firm", "firms"];

/// Words that, among the two after a credential's name, make it a goal still being met
/// ("CPA exam", "CPA education requirement").
const PENDING_NOUNS: &[&str] = &["exam", "exams", "requirement", "requirements"];

/// Words right before a credential that mark it as still being worked towards ("Pursuing
/// CMA", "working toward my PMP", "studying for the CPA", "planning to sit for the NCLEX").
static PURSUING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:pursuing|(?:currently\s+)?completing|working\s+towards?|studying\s+for|preparing\s+for|enrolled\s+in|candidate\s+for|(?:planning|plan|scheduled)\s+to\s+(?:sit\s+for|take))\s+(?:the\s+|an?\s+|my\s+)?$")
        .expect("the pursuing pattern is valid")
});

/// Words before a skill, in its clause, that state the person lacks it or only wants to learn
/// it ("no hands-on experience with Docker", "eager to learn Kubernetes and AWS", "have not
/// used Terraform", "currently learning Python", "hoping to gain experience with Tableau"), or
/// names it as a goal ("Aspiring registered nurse", "Goal: become a certified welder").
static LACKED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:(?:no|little|limited)\s+(?:prior\s+|hands-on\s+|professional\s+|direct\s+|real\s+)*(?:experience|exposure|knowledge|familiarity)\s+(?:with|in|of|using)|(?:eager|keen|want|wanting|hope|hoping|plan|planning|looking|excited|would\s+like|aiming|seeking)\s+to\s+(?:learn|gain\s+(?:experience|exposure|skills)\s+(?:with|in)|develop\s+(?:skills|experience)\s+(?:with|in)|move\s+into|grow\s+into)|interested\s+in\s+(?:learning|moving\s+into)|(?:currently|now)\s+learning|not\s+yet\s+(?:certified|licensed|trained|registered)\s+(?:in|as|for)|(?:have|has)\s+not\s+(?:yet\s+)?used|never\s+(?:used|worked\s+with|touched)|did\s+not\s+use|(?:un|not\s+)familiar\s+with|(?:hoping|hope|want|wanting|plan|planning|aiming|looking)\s+to\s+(?:gain|get|study|learn|pick\s+up|try)|aspiring|(?:goal|aim|ambition|dream|plan|hope|working)\s*(?:is\s+)?(?::|to)\s*(?:to\s+)?(?:become|earn|get|obtain)(?:\s+(?:a|an|my|the))?)\b[^.;:!?(),]{0,40}$")
        .expect("the lacked pattern is valid")
});

/// A note in brackets or after a dash right after a skill that marks it as not held yet:
/// "Docker (learning)", "PMP (expected 2027)", "CPB — in progress".
static NOT_YET_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:[(\[]|[-–—:]\s)\s*(?:currently\s+)?(?:(?:certification|certificate|licen[cs]e|exam|application)\s+)?(?:learning|expected|anticipated|in[\s-]+progress|pending|scheduled|studying|exam\s+scheduled|in\s+training|not\s+yet\s+(?:certified|licensed|complete|completed|awarded))\b")
        .expect("the not-yet pattern is valid")
});

/// A note after a credential, before the next comma or sentence end, that says it is no
/// longer held: "BLS (AHA) — expired 03/2022", "CNA, lapsed", "CPA — inactive status since
/// 2015", "CPA — license retired", or never was: "LLLT — program completed, license not
/// pursued".
static EXPIRED_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[^.;,\n]{0,30}?\b(?:expired|lapsed|inactive|retired|revoked|suspended)\b|^\s*,\s*(?:expired|lapsed|inactive|retired)\b|^[^.;\n]{0,50}?\b(?:not|never)\s+(?:pursued|obtained|issued|awarded)\b|^[^.;,\n]{0,30}?\bno\s+longer\s+(?:active|held|valid|current|maintained)\b")
        .expect("the expired pattern is valid")
});

/// Bytes before a skill that [`PURSUING`] and [`LACKED`] read: their longest cue words and
/// the 40 bytes of the clause they allow before the skill.
const LACKED_WINDOW: usize = 160;

/// Checks whether a match is followed by one of [`NOT_HELD_NOUNS`], by one of
/// [`PENDING_NOUNS`] within two words or by a [`NOT_YET_AFTER`] note, or preceded by
/// [`PURSUING`] or [`LACKED`].
pub(super) fn not_held(text: &str, found: &SkillMatch) -> bool {
    // Both patterns end at the skill and span a few words, so the text just before it is
    // enough. A long line is then not read again for every skill on it.
    let line_start = line_range(text, found.start).start;
    let mut window = found.start.saturating_sub(LACKED_WINDOW).max(line_start);
    while !text.is_char_boundary(window) {
        window += 1;
    }
    let before = &text[window..found.start];
    if PURSUING.is_match(before) || LACKED.is_match(before) {
        return true;
    }
    if NOT_YET_AFTER.is_match(&text[found.end..]) || EXPIRED_AFTER.is_match(&text[found.end..]) {
        return true;
    }
    let next = words_after(text, found.end, 2);
    let held_not = next
        .first()
        .is_some_and(|w| NOT_HELD_NOUNS.contains(&w.as_str()));
    let in_progress = next.len() >= 2 && next[0] == "in" && next[1] == "progress";
    held_not
        || in_progress
        || next
            .iter()
            .take(2)
            .any(|w| PENDING_NOUNS.contains(&w.as_str()))
}

/// Bytes after a credential that may contain its expiry note ("CPR/BLS for Healthcare Providers
/// (American Heart Association) — expires 03/2026").
const EXPIRY_WINDOW: usize = 96;

/// Checks whether a note after a credential, in the same item, states that it ran out before
/// `as_of` ("ACLS — Active through 07/31/2023", "BLS (exp. 06/2022)"). Only the first
/// expiry note after it counts.
pub(super) fn expired_before(text: &str, found: &SkillMatch, as_of: NaiveDate) -> bool {
    let line_end = line_range(text, found.start).end.max(found.end);
    let mut end = (found.end + EXPIRY_WINDOW).min(line_end);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let after = &text[found.end..end];
    let item = after.split([';', '|', '•', '·']).next().unwrap_or_default();
    if super::education::expires_in(item) {
        return super::education::expired_by(item, as_of, true);
    }
    // "Hazmat endorsement" over "Expires: August 2022", or a profile export's name, issuer and
    // "Issued Jan 2018 · Expired Jan 2021".
    let mut below = text[line_end..]
        .lines()
        .filter(|line| !line.trim().is_empty());
    let next_line = below.next().unwrap_or_default();
    if super::education::opens_with_expiry(next_line) {
        return super::education::expired_by(next_line, as_of, true);
    }
    let issued = [Some(next_line), below.next()]
        .into_iter()
        .flatten()
        .find(|line| super::education::ISSUED_LINE.is_match(line));
    issued.is_some_and(|line| super::education::expired_by(line, as_of, true))
}

/// A clause whose subject is another person: "she wrote the reports in Python", "they ran
/// the Kafka cluster".
static OTHER_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:and\s+|but\s+|while\s+)?(?:she|he|they)\s+[a-z]+")
        .expect("the other subject pattern is valid")
});

/// Checks whether a skill lies in a clause whose subject is someone else ("Assisted Dr. Okafor;
/// she wrote the reports in Python"). A resume speaks of its owner without a pronoun.
pub(super) fn done_by_others(text: &str, found: &SkillMatch) -> bool {
    let line = line_range(text, found.start);
    let before = &text[line.start..found.start];
    let clause = before
        .rfind([';', '.', '!', '?'])
        .map_or(before, |at| &before[at + 1..]);
    OTHER_SUBJECT.is_match(clause)
}

/// Credentials that name the person who has them ("a CPA", "the master electrician"), so
/// they may name someone else the candidate worked with.
const PERSON_CREDENTIALS: &[&str] = &[
    "cpa",
    "registered-nurse",
    "licensed-practical-nurse",
    "master-electrician",
    "professional-engineer-license",
];

/// Words before such a credential that make it another person: "for the outside CPA",
/// "under the supervision of a master electrician", "reported to the RN".
static ANOTHER_HOLDER_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:supervision\s+of|supervised\s+by|directed\s+by|reported\s+to|reporting\s+to|assisted|assisting|alongside|for|to|with|under|by)\s+(?:the|a|an|our|their|two|three|several|licensed)\s+(?:(?:outside|external|firm['’]s|company['’]s|client['’]s|supervising|licensed|staff|senior|charge|attending)\s+)?$")
        .expect("the another-holder pattern is valid")
});

/// Checks whether a credential that names its holder names someone the candidate worked for or
/// with ("workpapers for the outside CPA"), not the candidate.
pub(super) fn held_by_another(text: &str, found: &SkillMatch) -> bool {
    // A skill written as a role ("the store manager", "our project manager") names a person too.
    let written_as_role = super::entries::ends_in_role(&text[found.start..found.end]);
    if !PERSON_CREDENTIALS.contains(&found.skill_id.as_str()) && !written_as_role {
        return false;
    }
    let line_start = line_range(text, found.start).start;
    let mut window = found.start.saturating_sub(80).max(line_start);
    while !text.is_char_boundary(window) {
        window += 1;
    }
    ANOTHER_HOLDER_BEFORE.is_match(&text[window..found.start])
        || DESCRIBED_NAME_BEFORE.is_match(&text[window..found.start])
}

/// A capitalised name and ", a" before a role that describes it ("assignments at Northline,
/// a freight broker"): the organisation is the broker, not the candidate.
static DESCRIBED_NAME_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\p{Lu}[\w&.'’-]*,\s+(?:a|an)\s+(?:(?:local|regional|national|small|large|leading|family-owned|mid-size)\s+)?$")
        .expect("the described-name pattern is valid")
});

/// Words after a trade that make it other people's work: "coordinated with HVAC and
/// electrical trades", "scheduled the plumbing subcontractors".
static OTHER_TRADES_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\s*(?:and|,|&|/)\s*[\w-]+){0,3}\s+(?:trades|subcontractors|subs|contractors|crews|vendors)\b")
        .expect("the other-trades pattern is valid")
});

/// Checks whether a trade names the work of other trades the candidate worked with ("HVAC and
/// electrical trades").
pub(super) fn names_other_trades(text: &str, found: &SkillMatch) -> bool {
    found.category == "trades" && OTHER_TRADES_AFTER.is_match(&text[found.end..])
}

/// Disciplines whose names also form job titles ("Backend engineer", "HR Generalist").
const ROLE_DISCIPLINES: &[&str] = &[
    "backend-development",
    "frontend-development",
    "full-stack-development",
    "human-resources",
    "inside-sales",
    "outside-sales",
];

/// Nouns that, after a discipline's name, make it a job title or a department.
const ROLE_NOUNS: &[&str] = &[
    "analyst",
    "assistant",
    "business",
    "contractor",
    "coordinator",
    "developer",
    "director",
    "engineer",
    "generalist",
    "group",
    "manager",
    "note-taker",
    "rep",
    "representative",
    "representatives",
    "reps",
    "role",
    "side",
    "specialist",
    "window",
];

/// Checks whether a discipline is named as part of a job title or a department: followed by
/// one of [`ROLE_NOUNS`] ("Backend contractor", "HR Generalist", "the HR side"), or, for human
/// resources, after "with" ("write-ups with HR").
pub(super) fn names_role(text: &str, found: &SkillMatch) -> bool {
    if !ROLE_DISCIPLINES.contains(&found.skill_id.as_str()) {
        return false;
    }
    let next = words_after(text, found.end, 1);
    let previous = words_before(text, found.start, 1);
    let department =
        found.skill_id == "human-resources" && previous.last().is_some_and(|w| w == "with");
    next.first()
        .is_some_and(|w| ROLE_NOUNS.contains(&w.as_str()))
        || department
}

/// Kinds of job opening that, after a list of disciplines, make them the roles someone hired
/// for ("production, maintenance and office roles", "sales hires").
static ROLE_KINDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:\s*(?:,|/|&|\band\b|\bor\b)\s*[\w-]+(?:[ \t][\w-]+)?)*[ \t]+(?:roles|positions|openings|vacancies|requisitions|reqs|hires)\b",
    )
    .expect("the role kinds pattern is valid")
});

/// Checks whether a match names a kind of role that was filled rather than a skill. Such a
/// name is followed, after any further items of its list, by [`ROLE_KINDS`] ("recruiting for
/// production, maintenance and office roles"), or by [`ROLES_HIRED`] on a line with a
/// recruiting verb ("interviews for Python developers").
pub(super) fn names_role_kind(text: &str, found: &SkillMatch) -> bool {
    let line = line_range(text, found.start);
    let rest = &text[found.end..line_range(text, found.end).end];
    let hired = ROLES_HIRED.is_match(rest) && RECRUITING.is_match(&text[line.start..found.start]);
    ROLE_KINDS.is_match(rest) || hired
}

/// People of a trade or profession, after a skill's name ("Python developers").
static ROLES_HIRED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\s*(?:,|/|&|\band\b|\bor\b)\s*[\w-]+)*\s+(?:developers|engineers|nurses|technicians|analysts|specialists|accountants|electricians|welders|drivers|operators|teachers|designers|managers|reps|representatives|associates|agents)\b")
        .expect("the hired roles pattern is valid")
});

/// Recruiting verbs earlier on the line ("Scheduled interviews for Python developers").
static RECRUITING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:recruit\w*|hir(?:e|ed|es|ing)|interview\w*|sourc(?:e|ed|ing)|screen(?:ed|ing)?|staff(?:ed|ing)|plac(?:e|ed|ing))\b")
        .expect("the recruiting pattern is valid")
});

/// Spoken languages attributed to other people ("learners who speak Spanish, Portuguese and
/// Khmer"), searched for in the sentence before a language's name, across a wrapped line.
static SPOKEN_BY_OTHERS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bwho\s+(?:mostly\s+|mainly\s+|only\s+)?speaks?\b[^.;:!?]*$")
        .expect("the spoken-by-others pattern is valid")
});

/// How far before a language's name [`SPOKEN_BY_OTHERS`] is looked for, in bytes.
const SPOKEN_WINDOW: usize = 120;

/// Checks whether a spoken language is one that other people speak: "who speak" is
/// before it in the same sentence.
pub(super) fn spoken_by_others(text: &str, found: &SkillMatch) -> bool {
    if found.category != "language_spoken" {
        return false;
    }
    let start = text.floor_char_boundary(found.start.saturating_sub(SPOKEN_WINDOW));
    let end = line_range(text, found.end).end;
    SPOKEN_BY_OTHERS.is_match(&text[start..found.start])
        || SPEAKERS_AFTER.is_match(&text[found.end..end])
        || (INTERPRETER_AFTER.is_match(&text[found.end..end])
            && ARTICLE_BEFORE.is_match(&text[line_range(text, found.start).start..found.start]))
        || (CLASSES_AFTER.is_match(&text[found.end..end])
            && !TEACHING_BEFORE.is_match(&text[line_range(text, found.start).start..found.start]))
        || COURSEWORK_LINE.is_match(&text[line_range(text, found.start).start..found.start])
}

/// A line that lists courses taken ("Coursework: Spanish, German, Statistics"): a language on
/// it is a subject studied, not one the person speaks.
static COURSEWORK_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\W*(?:relevant\s+|selected\s+|related\s+)?(?:coursework|courses|classes|modules)\b",
    )
    .expect("the coursework pattern is valid")
});

/// Checks whether a match is the first word of the candidate's `name` written again with
/// the next word of that name after it ("Ada Fenwick's manager" when the resume is Ada
/// Fenwick's).
pub(super) fn repeats_name(text: &str, found: &SkillMatch, name: &str) -> bool {
    let surface = &text[found.start..found.end];
    let mut words = name.split_whitespace();
    let first_matches = words.next().is_some_and(|first| first == surface);
    let Some(next) = words.next() else {
        return false;
    };
    first_matches
        && text[found.end..]
            .strip_prefix(' ')
            .is_some_and(|rest| rest.starts_with(next))
}

/// Checks whether a capitalised match is part of a person's name: a first name written after
/// a title or a role that people hold ("my manager Ruby Tran", "Dr. Ada Lee") or one that is
/// also a common given name ("Julia Chen"), followed by a capitalised surname; or a surname
/// after a common given name ("Tom Jenkins").
pub(super) fn names_person(text: &str, found: &SkillMatch) -> bool {
    let surface = &text[found.start..found.end];
    let mut letters = surface.chars();
    let titlecase =
        letters.next().is_some_and(char::is_uppercase) && letters.all(char::is_lowercase);
    if !titlecase {
        return false;
    }
    let before = &text[line_range(text, found.start).start..found.start];
    let after = &text[found.end..];
    let given_name = SKILLS_AS_GIVEN_NAMES.contains(&surface.to_lowercase().as_str())
        && !SURNAME_AFTER.find(after).is_some_and(|word| {
            AFTER_LANGUAGE.contains(&word.as_str().trim().to_lowercase().as_str())
        });
    let first_name =
        SURNAME_AFTER.is_match(after) && (PERSON_BEFORE.is_match(before) || given_name);
    first_name || FIRST_NAME_BEFORE.is_match(before) || after_given_name(before)
}

/// Common given names, lower case. A capitalised skill name right after one of them is a
/// surname ("Tom Jenkins", "Sarah Chef").
const GIVEN_NAMES: &[&str] = &[
    "aaron",
    "adam",
    "ahmed",
    "aisha",
    "alan",
    "alex",
    "alice",
    "amanda",
    "amy",
    "ana",
    "andrea",
    "andrew",
    "angela",
    "anna",
    "anne",
    "anthony",
    "ben",
    "beth",
    "bill",
    "bob",
    "brian",
    "carlos",
    "carol",
    "catherine",
    "charles",
    "chris",
    "christine",
    "claire",
    "daniel",
    "dave",
    "david",
    "deborah",
    "diana",
    "emily",
    "emma",
    "eric",
    "fatima",
    "frank",
    "gary",
    "george",
    "grace",
    "hannah",
    "helen",
    "ian",
    "jack",
    "james",
    "jane",
    "jason",
    "jennifer",
    "jessica",
    "jim",
    "joe",
    "john",
    "jon",
    "jose",
    "joseph",
    "juan",
    "karen",
    "kate",
    "kevin",
    "laura",
    "linda",
    "lisa",
    "luis",
    "maria",
    "mark",
    "mary",
    "matt",
    "michael",
    "michelle",
    "mike",
    "mohammed",
    "nancy",
    "nick",
    "olivia",
    "pat",
    "patricia",
    "paul",
    "peter",
    "priya",
    "rachel",
    "raj",
    "richard",
    "rob",
    "robert",
    "ryan",
    "sam",
    "sara",
    "sarah",
    "scott",
    "sean",
    "steve",
    "steven",
    "susan",
    "thomas",
    "tim",
    "tom",
    "tony",
    "wei",
    "william",
];

/// Skill names that are also given names, lower case: before a capitalised surname ("Julia
/// Chen", "Ada Okafor") they name a person.
const SKILLS_AS_GIVEN_NAMES: &[&str] = &["ada", "julia", "jasmine", "pascal", "ruby"];

/// Capitalised words that may follow a language's name without making it a person's name:
/// "Ruby Developer", "Julia Programming", "Pascal Compiler".
const AFTER_LANGUAGE: &[&str] = &[
    "api",
    "apis",
    "application",
    "applications",
    "code",
    "codebase",
    "compiler",
    "developer",
    "developers",
    "development",
    "engineer",
    "engineers",
    "experience",
    "framework",
    "gems",
    "language",
    "libraries",
    "library",
    "on",
    "package",
    "packages",
    "programmer",
    "programming",
    "scripting",
    "scripts",
    "services",
    "skills",
];

/// Checks whether `before` ends in a capitalised common given name and one space.
fn after_given_name(before: &str) -> bool {
    let Some(rest) = before.strip_suffix(' ') else {
        return false;
    };
    let word = rest
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or_default();
    word.starts_with(char::is_uppercase) && GIVEN_NAMES.contains(&word.to_lowercase().as_str())
}

/// A title or a role, then a capitalised first name, right before a surname ("Chef Amy
/// Jenkins").
static FIRST_NAME_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"{}[A-Z][a-z]+ $", PERSON_WORDS)).expect("the first name pattern is valid")
});

/// A capitalised word of letters after a space, as a surname is written ("Tran", "O'Neill").
static SURNAME_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^ [A-Z][a-z]+(?:['’-][A-Za-z]+)?\b").expect("the surname pattern is valid")
});

/// Titles and roles that people hold, as a regex fragment that ends before the name.
const PERSON_WORDS: &str = r"(?i:\b(?:mr|mrs|ms|mx|dr|prof|manager|supervisor|director|mentor|mentee|colleague|coworker|co-worker|teacher|principal|professor|nurse|physician|reference|references|contact|client|customer|coach|chef|officer|agent|reported\s+to|reporting\s+to|supervised\s+by|managed\s+by|mentored\s+by|trained\s+by|hired\s+by|worked\s+under)\.?:?,?\s+)";

/// A title or a role that people hold, right before a name.
static PERSON_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("{PERSON_WORDS}$")).expect("the person pattern is valid"));

/// Classes or courses right after a language ("coordinated Spanish classes"): the language is
/// their subject, which the person speaks only when they teach them.
static CLASSES_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s+(?:classes|class|lessons|courses|course|curriculum|program|programs|department)\b")
        .expect("the classes pattern is valid")
});

/// A verb of teaching before a language on its line ("Taught Spanish classes").
static TEACHING_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:taught|teach|teaches|teaching|tutored|tutor|tutoring|instructed|delivered|led|lead)\b[^.;]*$")
        .expect("the teaching pattern is valid")
});

/// "-speaking" and a group of people after a language ("Spanish-speaking families").
static SPEAKERS_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s-]*speaking\s+(?:families|patients|customers|clients|students|parents|learners|residents|communities|community|population|populations|callers|members)\b")
        .expect("the speakers pattern is valid")
});

/// "interpreter" or "translator" right after a language ("a Spanish interpreter").
static INTERPRETER_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s+(?:interpreters?|translators?)\b")
        .expect("the interpreter pattern is valid")
});

/// An article right before a name ("a Spanish interpreter"), which makes the interpreter
/// someone else; a title without one ("Certified Spanish Interpreter") is the person's.
static ARTICLE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:a|an|the|our)\s+$").expect("the article pattern is valid")
});

/// "Cost per" before a name makes it the unit of a measure ("cost per SQL", for sales
/// qualified leads), not a skill.
static COST_PER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bcost[\s-]+per[\s-]+$").expect("the cost-per pattern is valid")
});

/// Checks whether a match is the unit of a cost measure ("cut cost per SQL by 31%"), or names
/// a stage of sales leads ("SQL-qualified leads", "MQLs and SQLs").
pub(super) fn unit_of_cost(text: &str, found: &SkillMatch) -> bool {
    let start = text.floor_char_boundary(found.start.saturating_sub(16));
    let end = line_range(text, found.end).end;
    let lead_stage = found.skill_id == "sql"
        && (LEAD_STAGE_AFTER.is_match(&text[found.end..end])
            || LEAD_STAGE_BEFORE.is_match(&text[start..found.start]));
    COST_PER.is_match(&text[start..found.start]) || lead_stage
}

/// Words after "SQL" that make it a sales-qualified lead ("SQL-qualified", "SQLs").
static LEAD_STAGE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:s\b|-?\s*qualified\b|\s+(?:leads?|pipeline|conversion)\b)")
        .expect("the lead stage pattern is valid")
});

/// "MQL" before "SQL" ("MQL to SQL", "MQLs and SQLs").
static LEAD_STAGE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bMQLs?\W+(?:(?:to|and|or|into)\W+)?$")
        .expect("the lead stage pattern is valid")
});

/// Industries a company works in. Named as a market ("an e-commerce company", "audited
/// manufacturing and retail clients") they describe an employer or its customers, not a skill.
const INDUSTRIES: &[&str] = &[
    "banking",
    "distribution",
    "e-commerce",
    "fintech",
    "hospitality",
    "insurance",
    "logistics",
    "manufacturing",
    "medical-devices",
    "oil-and-gas",
    "real-estate",
    "saas",
    "wholesale",
];

/// Nouns that, shortly after an industry, make it the market of a business or its customers.
const MARKET_NOUNS: &[&str] = &[
    "audience",
    "audiences",
    "brand",
    "brands",
    "business",
    "businesses",
    "client",
    "clients",
    "companies",
    "company",
    "customer",
    "customers",
    "employer",
    "employers",
    "finance",
    "firm",
    "firms",
    "industry",
    "market",
    "marketer",
    "markets",
    "organisation",
    "organisations",
    "organization",
    "organizations",
    "retailer",
    "retailers",
    "sector",
    "space",
    "startup",
    "startups",
];

/// Words that may stand between an industry and its market noun: other industries and
/// joining words ("manufacturing, distribution and nonprofit clients").
const MARKET_JOINERS: &[&str] = &["and", "or", "&", "b2b", "b2c", "subscription", "nonprofit"];

/// Checks whether an industry is named as the market of a business or of its customers. Either
/// a market noun is among the next five words, with only other industries or joining words
/// before it ("B2B SaaS marketer", "manufacturing and retail clients"), or the industry is a
/// department the person works with ("work closely with manufacturing").
pub(super) fn names_market(text: &str, found: &SkillMatch) -> bool {
    if !INDUSTRIES.contains(&found.skill_id.as_str()) {
        return false;
    }
    let line_end = line_range(text, found.end).end;
    let clause_end = text[found.end..line_end]
        .find(['.', ';', ':', '(', ')'])
        .map_or(line_end, |i| found.end + i);
    let next: Vec<String> = words(&text[found.end..clause_end]).take(5).collect();
    let market = next
        .iter()
        .take(5)
        .position(|w| MARKET_NOUNS.contains(&w.as_str()))
        .is_some_and(|at| {
            next[..at].iter().all(|w| {
                MARKET_JOINERS.contains(&w.as_str()) || INDUSTRY_WORDS.contains(&w.as_str())
            })
        });
    let previous = words_before(text, found.start, 2);
    let department = match previous.as_slice() {
        [.., verb, with] => with == "with" && COLLEAGUE_VERBS.contains(&verb.as_str()),
        _ => false,
    };
    market || department
}

/// A business's size written before the trade it works in: revenue ("a $9M", "a $120k") or a
/// count of people or places ("a 40-person", "a 12-location"), then at most one more word.
static BUSINESS_SIZE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:a|an)\s+(?:\$\s?\d[\d.,]*\s?(?:k|m|mm|b|bn|million|billion)?|\d[\d,]*[-\s](?:person|people|employee|staff|seat|bed|location|store|site|truck|van))\s+(?:[a-z][\w-]*\s+)?$")
        .expect("the business size pattern is valid")
});

/// Nouns for a business that, after a trade and its size, name a business rather than a
/// skill ("a $9M HVAC contractor").
const BUSINESS_NOUNS: &[&str] = &[
    "agency",
    "business",
    "company",
    "contractor",
    "dealer",
    "dealership",
    "distributor",
    "firm",
    "manufacturer",
    "practice",
    "retailer",
    "shop",
    "startup",
    "supplier",
];

/// Checks whether a match is the trade of a business described by its size: "from a food
/// truck to a $9M HVAC contractor" names a client, not the person's HVAC skill.
pub(super) fn names_sized_business(text: &str, found: &SkillMatch) -> bool {
    let line_start = line_range(text, found.start).start;
    words_after(text, found.end, 2)
        .iter()
        .any(|w| BUSINESS_NOUNS.contains(&w.as_str()))
        && BUSINESS_SIZE_BEFORE.is_match(&text[line_start..found.start])
}

/// Words before "with" that make the next name a department the person works alongside
/// ("work closely with manufacturing").
const COLLEAGUE_VERBS: &[&str] = &[
    "closely",
    "liaise",
    "liaised",
    "partner",
    "partnered",
    "work",
    "worked",
    "working",
];

/// Single words that name an industry, as they stand in running text.
const INDUSTRY_WORDS: &[&str] = &[
    "banking",
    "distribution",
    "e-commerce",
    "ecommerce",
    "fintech",
    "healthcare",
    "hospitality",
    "insurance",
    "logistics",
    "manufacturing",
    "retail",
    "saas",
    "software",
    "wholesale",
];

/// Lower-case words of `text`, without surrounding punctuation.
fn words(text: &str) -> impl DoubleEndedIterator<Item = String> + '_ {
    text.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
}

/// Returns at most `limit` words right after `offset` on its line, read as [`words`] does.
fn words_after(text: &str, offset: usize, limit: usize) -> Vec<String> {
    words(&text[offset..line_range(text, offset).end])
        .take(limit)
        .collect()
}

/// Returns at most `limit` words right before `offset` on its line, in text order.
fn words_before(text: &str, offset: usize, limit: usize) -> Vec<String> {
    let mut before: Vec<String> = words(&text[line_range(text, offset).start..offset])
        .rev()
        .take(limit)
        .collect();
    before.reverse();
    before
}

/// Byte offset where the sentence holding `offset` starts: after the last sentence end
/// (`.`, `!`, `?` or `;` and a space) on its line, or at the line start.
fn sentence_start(text: &str, offset: usize) -> usize {
    let line = line_range(text, offset);
    let before = &text[line.start..offset];
    before
        .match_indices(['.', '!', '?', ';'])
        .filter(|(i, _)| before[i + 1..].starts_with(' '))
        .map(|(i, _)| line.start + i + 1)
        .next_back()
        .unwrap_or(line.start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::skills::Gazetteer;

    #[test]
    fn industries_named_as_markets_are_no_skills() {
        let market = |text: &str, skill: &str| !kept(text, skill, names_market);
        assert!(market(
            "Analyst at a subscription e-commerce company.",
            "e-commerce"
        ));
        assert!(market("B2B SaaS marketer focused on demand.", "saas"));
        assert!(market(
            "Audited manufacturing, distribution and nonprofit clients",
            "manufacturing"
        ));
        assert!(market(
            "I work closely with manufacturing and sourcing.",
            "manufacturing"
        ));
        assert!(market(
            "Sixteen years in manufacturing finance.",
            "manufacturing"
        ));
    }

    #[test]
    fn industries_as_work_are_kept() {
        let kept_skill = |text: &str, skill: &str| kept(text, skill, names_market);
        assert!(kept_skill(
            "Built the e-commerce checkout in React.",
            "e-commerce"
        ));
        assert!(kept_skill(
            "Skills: manufacturing processes, DFM",
            "manufacturing"
        ));
        assert!(kept_skill("Managed SaaS billing for the company.", "saas"));
        assert!(kept_skill(
            "Five years of experience with manufacturing.",
            "manufacturing"
        ));
    }

    fn kept(text: &str, skill: &str, rule: impl Fn(&str, &SkillMatch) -> bool) -> bool {
        let found = Gazetteer::builtin().find(text);
        let m = found
            .iter()
            .find(|m| m.name == skill)
            .unwrap_or_else(|| panic!("{skill} is not found in {text:?}"));
        !rule(text, m)
    }

    #[test]
    fn other_trades_and_described_firms_are_no_claims() {
        let text = "- Coordinated with HVAC and electrical trades on site";
        assert!(!kept(text, "hvac", names_other_trades));
        let text = "- Serviced HVAC units in 40 schools";
        assert!(kept(text, "hvac", names_other_trades));
        let text = "- Assignments at Northline, a freight broker, wiring their depot";
        assert!(!kept(text, "freight brokerage", held_by_another));
    }

    #[test]
    fn employer_description_is_not_a_claim() {
        let text = "Maya Ortiz\n\nCobaltline sells Python-based fleet software to carriers.\n";
        assert!(!kept(text, "python", describes_organisation));
        let text = "Maya Ortiz\n\n- Brightwater's public site advertises a WebAssembly toolkit.\n";
        assert!(!kept(text, "webassembly", describes_organisation));
    }

    #[test]
    fn sized_business_names_a_client() {
        let client = |text: &str, skill: &str| !kept(text, skill, names_sized_business);
        assert!(client(
            "- Closed the books for clients from a food truck to a $9M HVAC contractor",
            "hvac"
        ));
        assert!(client(
            "- Kept the ledgers of a 25-person plumbing contractor",
            "plumbing"
        ));
        assert!(!client("- Installed HVAC units for a contractor", "hvac"));
        assert!(!client("- Ran a $2M HVAC retrofit program", "hvac"));
    }

    #[test]
    fn describes_organisation_keeps_person_and_bullets() {
        let text = "Dana Whitfield\n\nDana builds data pipelines in Python.\n";
        assert!(kept(text, "python", describes_organisation));
        let text = "Maya Ortiz\n\n- Builds ETL jobs in Python and Airflow.\n";
        assert!(kept(text, "python", describes_organisation));
        let text = "Maya Ortiz\n\nI build services in Python. Acme sells software.\n";
        assert!(kept(text, "python", describes_organisation));
    }

    #[test]
    fn products_sold_are_not_claims() {
        let text = "- Sold payroll and timekeeping software to companies with 50 staff\n";
        assert!(!kept(text, "payroll", names_product_sold));
        let text = "- Ran payroll in ADP for 120 staff and sold the change to leadership\n";
        assert!(kept(text, "payroll", names_product_sold));
    }

    #[test]
    fn job_titles_are_not_disciplines() {
        assert!(!kept(
            "Backend engineer with ten years",
            "backend development",
            names_role
        ));
        assert!(!kept(
            "- Handled write-ups with HR",
            "human resources",
            names_role
        ));
        assert!(kept(
            "- Backend development in Go and Kafka",
            "backend development",
            names_role
        ));
        assert!(kept(
            "- Experience with backend development in Go",
            "backend development",
            names_role
        ));
        assert!(!kept(
            "- Lead 11 outside sales reps and 4 inside sales reps",
            "inside sales",
            names_role
        ));
        assert!(kept(
            "- Inside sales and account management for 300 dealers",
            "inside sales",
            names_role
        ));
    }

    #[test]
    fn credential_candidates_and_firms_are_not_claims() {
        assert!(!kept("CPA candidate: passed FAR and REG", "cpa", not_held));
        assert!(!kept(
            "Staff accountant at a 14-person CPA firm",
            "cpa",
            not_held
        ));
        assert!(kept("Licensed CPA (Ohio), 2019", "cpa", not_held));
        assert!(!kept("Pursuing the CPA, two parts passed", "cpa", not_held));
        assert!(!kept(
            "150 credit hours (Idaho CPA education requirement); CPA exam scheduled",
            "cpa",
            not_held
        ));
    }

    #[test]
    fn kinds_of_role_filled_are_not_claims() {
        let text = "- Scheduled interviews for Python developers and data engineers";
        assert!(!kept(text, "python", names_role_kind));
        let text = "- Led a team of five Python developers on the billing service";
        assert!(kept(text, "python", names_role_kind));
        let text = "- Full-cycle recruiting for production, welding and office roles";
        assert!(!kept(text, "welding", names_role_kind));
        assert!(!kept(
            "Hired for payroll and accounting positions",
            "payroll",
            names_role_kind
        ));
        assert!(kept(
            "- Welding and repair of conveyors",
            "welding",
            names_role_kind
        ));
    }

    #[test]
    fn languages_other_people_speak_are_not_claims() {
        let text =
            "- English instruction for 38 learners who speak\n  Spanish, Portuguese and Khmer";
        assert!(!kept(text, "spanish", spoken_by_others));
        assert!(!kept(text, "khmer", spoken_by_others));
        let text = "Bilingual: I speak Spanish. Tutored students who speak Arabic.";
        assert!(kept(text, "spanish", spoken_by_others));
        let text = "- Served Spanish-speaking families at intake";
        assert!(!kept(text, "spanish", spoken_by_others));
        let text = "- Worked with a Spanish interpreter to reach clients";
        assert!(!kept(text, "spanish", spoken_by_others));
        let text = "Certified Spanish Interpreter, 2021";
        assert!(kept(text, "spanish", spoken_by_others));
        let text = "- Coordinated Spanish classes for 40 adult learners";
        assert!(!kept(text, "spanish", spoken_by_others));
        let text = "- Taught Spanish classes to grades 6-8";
        assert!(kept(text, "spanish", spoken_by_others));
        let text = "Relevant coursework: Spanish, German, Statistics";
        assert!(!kept(text, "german", spoken_by_others));
    }

    #[test]
    fn credentials_of_others_are_not_claims() {
        for (text, skill) in [
            ("- Prepared workpapers for the outside CPA", "cpa"),
            (
                "- Pulled wire under the supervision of a master electrician",
                "master electrician",
            ),
            (
                "- Reported to the RN on duty each shift",
                "registered nurse",
            ),
            (
                "- Counted inventory with the store manager",
                "retail management",
            ),
        ] {
            assert!(!kept(text, skill, held_by_another), "{text}");
        }
        assert!(kept(
            "- Worked as a registered nurse on a cardiac unit",
            "registered nurse",
            held_by_another
        ));
        assert!(kept("Licensed CPA (Ohio)", "cpa", held_by_another));
    }

    #[test]
    fn lacked_or_wished_skills_are_not_claims() {
        let text = "Eager to learn Kubernetes and AWS; no hands-on experience with Docker yet.";
        for skill in ["kubernetes", "aws", "docker"] {
            assert!(!kept(text, skill, not_held), "{skill}");
        }
        let text = "- Have not yet used Terraform, but wrote the Ansible playbooks";
        assert!(!kept(text, "terraform", not_held));
        assert!(kept(text, "ansible", not_held));
        let text = "- Cut deploy time with no downtime using Kubernetes";
        assert!(kept(text, "kubernetes", not_held));
        for (text, skill) in [
            ("Not yet certified in ACLS.", "acls"),
            ("Working toward my PMP certification.", "pmp"),
            ("Would like to learn Tableau.", "tableau"),
            ("Currently learning Python.", "python"),
            ("Hoping to gain experience with Tableau.", "tableau"),
            ("Would like to develop skills in Python.", "python"),
            ("Interested in moving into AWS cloud roles.", "aws"),
            ("Planning to sit for the NCLEX in May.", "nclex"),
            ("PHR (in progress)", "phr"),
            (
                "Aspiring registered nurse with CNA experience",
                "registered nurse",
            ),
            ("Goal: become a certified welder", "aws d1.1"),
            ("Docker (learning)", "docker"),
            ("PMP (expected 2027)", "pmp"),
            ("CPB — in progress", "cpb"),
            ("PMP (in-progress)", "pmp"),
            ("PRINCE2 — certification pending", "prince2"),
            ("ITIL 4 Foundation — no longer active", "itil"),
            ("Never worked with Kubernetes.", "kubernetes"),
            ("Unfamiliar with Kafka.", "kafka"),
            ("Hoping to gain Docker experience", "docker"),
            ("I plan to study Terraform next year.", "terraform"),
            ("BLS (AHA) — expired 03/2022", "bls"),
            ("CPA — inactive status since 2015", "cpa"),
            (
                "Currently completing an LPN program",
                "licensed practical nurse",
            ),
        ] {
            assert!(!kept(text, skill, not_held), "{text}");
        }
        assert!(kept("ACLS, BLS (current)", "acls", not_held));
        assert!(kept("Docker (2 years), Kubernetes", "docker", not_held));
    }

    #[test]
    fn credentials_past_their_expiry_are_dropped() {
        let as_of = NaiveDate::from_ymd_opt(2026, 12, 1).expect("a valid date");
        let expired =
            |text: &str, skill: &str| !kept(text, skill, |t, m| expired_before(t, m, as_of));
        assert!(expired("ACLS — Active through 07/31/2023", "acls"));
        assert!(expired("BLS (AHA), exp. 06/2022", "bls"));
        assert!(!expired("BLS (AHA), exp. 06/2027", "bls"));
        assert!(!expired("ACLS, valid through 2026", "acls"));
        assert!(!expired("Java (exp. 2015 – 2020)", "java"));
        assert!(!expired("ACLS (exp. 06/2022), BLS (exp. 06/2027)", "bls"));
        assert!(expired(
            "CPR/BLS for Healthcare Providers (American Heart Association) — expires 03/2026",
            "cpr"
        ));
        assert!(expired(
            "Hazmat endorsement\nExpires: August 2022\n",
            "hazmat endorsement"
        ));
        assert!(!expired(
            "Hazmat endorsement\nExpires: August 2027\n",
            "hazmat endorsement"
        ));
        assert!(expired(
            "CISSP\nISC2\nIssued Jan 2018 · Expired Jan 2021\n",
            "cissp"
        ));
    }

    #[test]
    fn clauses_about_others_are_no_claims() {
        let text =
            "- Assisted Dr. Helen Okafor with field samples; she wrote the reports in Python";
        assert!(!kept(text, "python", done_by_others));
        assert!(kept(
            "- Wrote the reports in Python; she reviewed them",
            "python",
            done_by_others
        ));
    }

    #[test]
    fn names_of_people_are_not_languages() {
        let text = "- Built reports with my manager Ruby Tran and Professor Ada Lee";
        assert!(!kept(text, "ruby", names_person));
        assert!(!kept(text, "ada", names_person));
        let text = "- Reported to Cassandra Jenkins";
        assert!(!kept(text, "cassandra", names_person));
        assert!(!kept(text, "jenkins", names_person));
        let text = "- Rewrote the billing service in Ruby";
        assert!(kept(text, "ruby", names_person));
        let text = "- Mentor Julia Voss on onboarding";
        assert!(!kept(text, "julia", names_person));
        let text = "References: Chef Amy Jenkins, Java Junction Café";
        let found = Gazetteer::builtin().find(text);
        let jenkins = found
            .iter()
            .find(|m| m.name == "jenkins")
            .expect("jenkins is found");
        assert!(names_person(text, jenkins));
        let text = "Supervisor EEO Course Certification, 2015";
        assert!(kept(text, "eeo", names_person));
    }

    #[test]
    fn names_person_without_a_title() {
        let text = "- Trained new hires with Tom Jenkins, our line lead";
        assert!(!kept(text, "jenkins", names_person));
        let text = "- Wrote the audit plan with Julia Chen";
        assert!(!kept(text, "julia", names_person));
        let text = "Server, Ruby Tuesday, 2019 – 2021";
        assert!(!kept(text, "ruby", names_person));
        let text = "Ruby Developer, Acme, 2019 – 2021";
        assert!(kept(text, "ruby", names_person));
        let text = "- Built pipelines in Jenkins and Maven";
        assert!(kept(text, "jenkins", names_person));
        let text = "- Ported the models to Julia. Tuned them";
        assert!(kept(text, "julia", names_person));
    }

    #[test]
    fn candidate_name_repeated_is_no_skill() {
        let text = "References available from Ada Okafor's former manager";
        let found = Gazetteer::builtin().find(text);
        let ada = found
            .iter()
            .find(|m| m.name == "ada")
            .expect("ada is found");
        assert!(repeats_name(text, ada, "Ada Okafor"));
        assert!(!repeats_name(text, ada, "Tomas Okafor"));
    }

    #[test]
    fn units_of_cost_are_not_claims() {
        assert!(!kept(
            "- Cut cost per SQL by 31% in a year",
            "sql",
            unit_of_cost
        ));
        assert!(!kept(
            "- SQL-qualified leads went up 20%",
            "sql",
            unit_of_cost
        ));
        assert!(!kept(
            "- Raised MQL to SQL conversion by 9%",
            "sql",
            unit_of_cost
        ));
        assert!(kept(
            "- Wrote SQL queries for the leads table",
            "sql",
            unit_of_cost
        ));
        assert!(kept(
            "- Wrote SQL to cut cost per lead",
            "sql",
            unit_of_cost
        ));
    }
}
