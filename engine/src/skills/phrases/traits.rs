//! Personal-trait adjectives (`patient`, `reliable`, `organized`, `motivated`, `honest`),
//! which count only where they describe the person: "Patient, and communicates well" names
//! `patience`, while "patient care" and "reliable systems" name nothing.

use std::sync::LazyLock;

use regex::Regex;

use super::Phrase;
use super::rules::PEOPLE;
use crate::skills::context::line_range;

/// Personal-trait adjectives and the skill each names when it describes the person.
pub(super) const TRAITS: &[(&str, &str)] = &[
    ("patient", "patience"),
    ("reliable", "reliability"),
    ("dependable", "reliability"),
    ("organized", "organizational-skills"),
    ("organised", "organizational-skills"),
    ("motivated", "self-motivated"),
    ("honest", "integrity"),
    ("flexible", "adaptability"),
    ("calm", "resilience"),
    ("resilient", "resilience"),
    ("accurate", "attention-to-detail"),
    ("warm", "friendliness"),
];

/// Traits that name a skill only in a setting ("Calm in a code", "calm on the phone"). Calm
/// alone describes a manner ("Calm, empathetic de-escalation"), not composure under pressure.
const SETTING_TRAITS: &[&str] = &["calm"];

/// Adjectives that describe a person, so a trait next to one ("calm and patient") describes
/// the person too.
const PERSON_ADJECTIVES: &[&str] = &[
    "calm",
    "kind",
    "caring",
    "friendly",
    "punctual",
    "honest",
    "dependable",
    "flexible",
    "positive",
    "professional",
    "courteous",
    "empathetic",
    "organized",
    "organised",
    "motivated",
    "reliable",
    "patient",
    "hardworking",
    "hard-working",
    "approachable",
    "energetic",
    "enthusiastic",
    "adaptable",
    "resourceful",
    "curious",
    "humble",
    "respectful",
    "trustworthy",
    "supportive",
    "warm",
    "fair",
    "firm",
    "consistent",
    "self-motivated",
    "detail-oriented",
    "compassionate",
    "diplomatic",
    "tactful",
    "creative",
    "analytical",
    "proactive",
    "meticulous",
    "thorough",
    "confident",
    "outgoing",
    "personable",
    "cheerful",
    "upbeat",
    "collaborative",
    "accurate",
    "precise",
    "discreet",
    "persistent",
    "tenacious",
    "determined",
    "resilient",
    "steady",
    "dedicated",
    "diligent",
    "conscientious",
    "driven",
    "deadline-driven",
    "results-driven",
    "detail-focused",
    "versatile",
    "happy",
    "self-directed",
    "self-starting",
    "independent",
    "coachable",
    "able",
    "willing",
];

/// Verbs that start a second trait of the same person, in the third person ("Reliable, works
/// well on a crew", "Patient, and communicates well") or after "be" ("You should be
/// dependable, stay calm").
const PERSON_VERBS: &[&str] = &[
    "communicate",
    "stay",
    "remain",
    "keep",
    "follow",
    "take",
    "show",
    "learn",
    "communicates",
    "works",
    "listens",
    "stays",
    "keeps",
    "remains",
    "thrives",
    "follows",
    "takes",
    "shows",
    "builds",
    "adapts",
    "enjoys",
    "cares",
    "learns",
    "explains",
    "handles",
];

/// Words before a trait that make it describe the person ("be patient", "highly motivated",
/// "someone dependable").
const TRAIT_LEADS: &[&str] = &[
    "someone",
    "somebody",
    "you're",
    "you’re",
    "remain",
    "remains",
    "stay",
    "stays",
    "very",
    "extremely",
    "highly",
    "consistently",
    "always",
];

/// Words that may come before "be" in a clause that describes the candidate ("Must be
/// patient", "You will be reliable", "Ability to be patient"). Any other word, such as a
/// subject noun ("Our systems must be reliable"), makes the trait describe something else.
const BE_SUBJECTS: &[&str] = &[
    "you",
    "you'll",
    "you’ll",
    "must",
    "should",
    "will",
    "to",
    "ability",
    "able",
    "need",
    "needs",
    "willing",
    "always",
    "candidate",
    "candidates",
    "applicants",
    "and",
    "also",
];

static TRAIT_WORD: LazyLock<Regex> = LazyLock::new(|| {
    let words: Vec<&str> = TRAITS.iter().map(|(word, _)| *word).collect();
    Regex::new(&format!(r"(?i)\b(?:{})\b", words.join("|")))
        .expect("the trait pattern is a fixed, valid regular expression")
});

/// Finds trait adjectives that describe the person. Such a word comes first in a list item, or
/// after a lead such as "be" or "highly", or after another personal adjective. It is followed
/// by the end of the clause, another personal adjective or verb, or "with" and people.
pub(super) fn trait_adjectives(text: &str, traits: &[(String, usize)]) -> Vec<Phrase> {
    let mut found = Vec::new();
    for word in TRAIT_WORD.find_iter(text) {
        let lower = word.as_str().to_lowercase();
        let Some((_, skill)) = traits.iter().find(|(trait_word, _)| *trait_word == lower) else {
            continue;
        };
        let line = line_range(text, word.start());
        let before = &text[line.start..word.start()];
        let after = &text[word.end()..line.end.max(word.end())];
        let with_people = (WITH_PEOPLE.is_match(after.trim_start())
            || WITH_WORK.is_match(after.trim_start()))
            && !follows_determiner(before);
        let in_setting = PERSON_SETTING.is_match(after.trim_start());
        if SETTING_TRAITS.contains(&lower.as_str()) {
            if in_setting && describes_person_before(before) {
                found.push(Phrase {
                    range: word.range(),
                    skill: *skill,
                    task: false,
                });
            }
            continue;
        }
        if with_people || (describes_person_before(before) && describes_person_after(after)) {
            found.push(Phrase {
                range: word.range(),
                skill: *skill,
                task: false,
            });
        }
    }
    found
}

/// Checks the text of the line before a trait word: nothing but a list bullet, the end of a
/// sentence, a lead word, or another personal adjective joined by a comma or `and`.
fn describes_person_before(line: &str) -> bool {
    let bullets: &[char] = &['-', '*', '•', '·', '–', '—', '✓', ' ', '\t', '.', ')'];
    let unbulleted = line.trim_start_matches(|c: char| bullets.contains(&c) || c.is_ascii_digit());
    if unbulleted.trim().is_empty() || line.trim_end().ends_with([':', ';', '.', '!', '?']) {
        return true;
    }
    let sentence = line
        .rsplit_once(['.', ';', '!', '?'])
        .map_or(line, |(_, rest)| rest);
    let mut words = sentence
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '\'' | '’')))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .rev();
    let Some(previous) = words.next().map(str::to_lowercase) else {
        return false;
    };
    if TRAIT_LEADS.contains(&previous.as_str()) {
        return true;
    }
    if previous == "are" {
        return words.next().is_some_and(|w| w.eq_ignore_ascii_case("you"));
    }
    if previous == "be" {
        return words.all(|w| BE_SUBJECTS.contains(&w.to_lowercase().as_str()));
    }
    let joined = line.trim_end().ends_with(',') || previous == "and";
    let adjective = if previous == "and" {
        words.next().map(str::to_lowercase)
    } else {
        Some(previous)
    };
    joined && adjective.is_some_and(|a| PERSON_ADJECTIVES.contains(&a.as_str()))
}

/// Checks the text of the line after a trait word: the clause ends, or a personal adjective
/// or verb follows after a comma or `and`, or "with" and people follow.
fn describes_person_after(line: &str) -> bool {
    let trimmed = line.trim_start();
    if trimmed.is_empty() || trimmed.starts_with([';', '.', '!', ')', ':']) {
        return true;
    }
    if line.starts_with('-') {
        return false;
    }
    let rest = trimmed.trim_start_matches(',').trim_start();
    let rest = rest.strip_prefix("and ").unwrap_or(rest).trim_start();
    let next: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '-')
        .collect::<String>()
        .to_lowercase();
    let joined = trimmed.starts_with(',') || trimmed.to_lowercase().starts_with("and ");
    if joined
        && (PERSON_ADJECTIVES.contains(&next.as_str())
            || PERSON_VERBS.contains(&next.as_str())
            || names_mindset(&next)
            || PERSON_PHRASE.is_match(rest))
    {
        return true;
    }
    WITH_PEOPLE.is_match(trimmed) || PERSON_SETTING.is_match(trimmed)
}

/// Checks whether a word names a mindset of the person ("safety-minded", "detail-focused",
/// "customer-oriented").
fn names_mindset(word: &str) -> bool {
    ["-minded", "-oriented", "-focused", "-conscious"]
        .iter()
        .any(|ending| word.len() > ending.len() && word.ends_with(ending))
}

/// "with" and people after a trait ("patient with new hires"), which makes the trait describe
/// the person wherever it appears.
static WITH_PEOPLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^with\s+(?:[\w-]+\s+)?{PEOPLE}\b"))
        .expect("the people pattern is a fixed, valid regular expression")
});

/// "with" and the paperwork a person keeps in order ("organised with paperwork", "reliable
/// with deadlines"), which makes the trait describe the person.
static WITH_WORK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^with\s+(?:[\w-]+\s+)?(?:paperwork|records|files|details|deadlines|documentation|numbers|schedules)\b")
        .expect("the work pattern is a fixed, valid regular expression")
});

/// Phrases about the person that may follow a trait and a comma ("Patient, a good listener",
/// "Patient, organised, and in touch with families").
static PERSON_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:an?\s+(?:good|great|strong|quick|natural|careful|calm|clear|active|patient)\s+(?:listener|communicator|learner|writer|teammate|team\s+player|problem[\s-]solver)|in\s+touch\s+with|quick\s+(?:on|to|with)|good\s+(?:with|at))\b")
        .expect("the person phrase pattern is a fixed, valid regular expression")
});

/// Settings after a trait that describe how the person works ("Patient on the phone",
/// "calm under pressure", "Calm in a code", "Calm on a busy unit").
static PERSON_SETTING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:on the (?:phone|floor|line)|on calls|under pressure|in a crisis|in (?:a|every) code|during (?:a|every) code|in emergencies|in an emergency|at the bedside|on (?:a|the) (?:busy\s+)?unit)\b")
        .expect("the setting pattern is a fixed, valid regular expression")
});

/// Checks whether the line before a trait word ends with a determiner ("a patient with",
/// "each patient with"), which makes the word a noun.
fn follows_determiner(before: &str) -> bool {
    let previous = before
        .split(|c: char| !c.is_alphanumeric())
        .rfind(|w| !w.is_empty())
        .unwrap_or_default()
        .to_lowercase();
    matches!(
        previous.as_str(),
        "a" | "an" | "the" | "each" | "every" | "one" | "any" | "this" | "that" | "per" | "our"
    )
}
