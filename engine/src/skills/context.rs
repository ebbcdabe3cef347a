//! Context rules for skill names that are also common words (`go`, `r`, `excel`, `spring`).
//!
//! An ambiguous candidate is kept when one of these holds:
//! - it is an item of a skill list: list punctuation or `and`/`or` on both sides (or the
//!   line edge on one side) and an unambiguous skill on the same line;
//! - it is capitalised, has list punctuation on one side and an unambiguous skill on the
//!   same line ("in Go and Python");
//! - it is written with a capital letter away from the start of a sentence and follows a
//!   cue such as `in`, `with` or `using` ("in Go", "using Excel");
//! - it is capitalised and followed by a technical noun ("Go developer", "Excel macros");
//! - it is capitalised and followed by a level or a length of use ("Excel at an advanced
//!   level", "Go for 18 months");
//! - it is capitalised and fills a bulleted line ("• Excel"), or starts one and is followed by
//!   a symbol or `for` ("- Rust (2+ years)", "- Go for performance-critical services");
//! - it lies in a caller-declared skill list range, such as a resume's Skills section.
//!
//! Names marked `case` in the taxonomy only need a capital letter, or a list context when
//! written in lower case.
//!
//! Separately, [`inside_organisation_name`] drops any skill that is part of a capitalised
//! organisation name such as "Brightwell Logistics Software" or "Carraway Freight".

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::Ambiguity;
use crate::resume::places::names_country_or_state;

/// A boundary-checked match before the ambiguity filter.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Candidate {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) skill: usize,
    pub(crate) ambiguity: Ambiguity,
}

/// Words that, written before a capitalised name, mark it as a tool or language.
const CUE_BEFORE: &[&str] = &[
    "in",
    "with",
    "using",
    "via",
    "of",
    "and",
    "or",
    "on",
    "including",
    "like",
    "knowledge",
    "proficient",
    "experienced",
    "skilled",
    "expert",
    "advanced",
    "intermediate",
    "basic",
    "strong",
    "solid",
    "know",
    "knows",
    "especially",
    "particularly",
    "particular",
    "used",
    "use",
    "uses",
    "specifically",
    "notably",
    "mainly",
    "primarily",
    // The same joining words in Spanish, Portuguese, French and German ("Manejo de Windows y
    // Linux", "Erfahrung mit Excel").
    "de",
    "en",
    "con",
    "y",
    "com",
    "e",
    "avec",
    "et",
    "mit",
    "und",
];

/// Words that, written after a name, mark it as a tool or language.
const CUE_AFTER: &[&str] = &[
    "experience",
    "programming",
    "programmer",
    "language",
    "languages",
    "developer",
    "developers",
    "development",
    "engineer",
    "engineers",
    "code",
    "coding",
    "codebase",
    "scripts",
    "scripting",
    "framework",
    "library",
    "libraries",
    "macros",
    "formulas",
    "skills",
    "expertise",
    "proficiency",
    "certification",
    "modelling",
    "modeling",
    "models",
    "reports",
    "spreadsheets",
    "workbooks",
    "modules",
    "packages",
    "sdk",
    "runtime",
    "compiler",
    "toolchain",
    "api",
    "apis",
    "integration",
    "integrations",
    "payments",
    "webhooks",
    "microservices",
    "services",
    "backend",
    "databases",
    "database",
    "spreadsheet",
    "workbook",
    "queries",
    "templates",
    "documents",
    "mvc",
    "security",
    "cloud",
    "data",
    "cookbooks",
    "manifests",
    "charts",
    "server",
    "servers",
    "apps",
    "applications",
    "app",
    "preferred",
    "required",
    "questions",
    "files",
    "dashboards",
    "tables",
    "tips",
];

/// Importance labels that may stand before a colon and a skill in a job, like a bullet ("Bonus:
/// Rust", "Nice to have: Go").
const IMPORTANCE_LABELS: &[&str] = &[
    "bonus",
    "plus",
    "a plus",
    "nice to have",
    "nice-to-have",
    "required",
    "preferred",
    "must have",
    "must-have",
    "desired",
    "optional",
];

/// Characters that separate the items of a skill list.
const LIST_PUNCTUATION: &[char] = &[',', '/', '|', ';', '(', ')', '[', ']', ':', '•', '·', '–'];

/// Exact spellings that stand for something other than the ambiguous skill with the same
/// letters: "ADA" in a posting is the Americans with Disabilities Act, not the Ada language,
/// and "GCs" are general contractors, not Google Cloud Storage.
const OTHER_ACRONYMS: &[&str] = &["ADA", "GCs"];

/// Decides whether an ambiguous candidate is meant as a skill. `selected` contains the candidates
/// kept so far, sorted by start and without overlaps.
pub(crate) fn accepts_ambiguous(
    text: &str,
    candidate: &Candidate,
    selected: &[Candidate],
    list_ranges: &[Range<usize>],
) -> bool {
    let surface = &text[candidate.start..candidate.end];
    if OTHER_ACRONYMS.contains(&surface)
        || single_letter_among_letters(text, candidate, selected)
        || letter_names_a_grade(text, candidate)
        || names_hours(text, candidate)
    {
        return false;
    }
    if glued_to_word(text, candidate) {
        return false;
    }
    let in_list_range = list_ranges
        .iter()
        .any(|r| r.start <= candidate.start && candidate.end <= r.end);
    let (separator_before, separator_after) = list_separators(text, candidate);
    let listed = separator_before || separator_after;
    // "Excel 2019", "Go 1.21" or "Word — Intermediate" as an item of a skill list.
    if in_list_range && versioned_list_item(text, candidate) {
        return true;
    }
    if followed_by_year(text, candidate) || paired_with_season(text, candidate) {
        return false;
    }
    if in_list_range && listed {
        return true;
    }

    // A multi-word match may wrap onto the next line, so the line runs to the end of the match.
    let line = line_range(text, candidate.start).start..line_range(text, candidate.end).end;
    let edge_before = starts_sentence(text, candidate.start);
    let edge_after = text[candidate.end..line.end]
        .trim()
        .trim_end_matches('.')
        .is_empty()
        && !sentence_wraps(&text[line.end..]);
    // A skill list written one name a line ("Excel", "Go", "R").
    if in_list_range && fills_line(text, line.clone(), candidate) {
        return true;
    }
    let enclosed = listed && (separator_before || edge_before) && (separator_after || edge_after);
    let first_on_line = selected.partition_point(|o| o.start < line.start);
    let past_line = selected.partition_point(|o| o.start < line.end);
    let others = selected[first_on_line..past_line.max(first_on_line)]
        .iter()
        .filter(|o| o.start != candidate.start);
    let has_other = others.clone().next().is_some();
    let has_plain_other = others.clone().any(|o| o.ambiguity == Ambiguity::None);
    let capitalised = surface.chars().any(char::is_uppercase);

    if enclosed && has_plain_other {
        return true;
    }
    let rest_of_line = &text[candidate.end..line.end];
    if capitalised && (states_proficiency(rest_of_line) || states_length(rest_of_line)) {
        return true;
    }
    // Only a name that opens its sentence or clause ("Python — Go is a plus"): in "an
    // interest in Acute Admissions is essential" the cue weighs the whole phrase.
    let opens_clause = edge_before || starts_clause(text, candidate.start);
    if capitalised && opens_clause && states_importance(rest_of_line) {
        return true;
    }
    let bulleted_start = capitalised && bulleted(text, line.start, candidate.start);
    let symbol_after = text[candidate.end..line.end]
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| !c.is_alphanumeric());
    // "- Go for performance-critical services", but not "- Go for a walk".
    let for_purpose = next_word_is(text, candidate.end, "for")
        && !FOR_ARTICLE.is_match(&text[candidate.end..line.end]);
    if bulleted_start && (edge_after || symbol_after || for_purpose) {
        return true;
    }
    if capitalised && listed && (has_plain_other || (enclosed && has_other)) {
        return true;
    }
    if candidate.ambiguity == Ambiguity::Case {
        // A capital that only opens a sentence ("Workday mornings were…") is no signal, unlike
        // one that opens a list item ("- Tableau deseable").
        let sentence_capital = edge_before
            && !bulleted(text, line.start, candidate.start)
            && !capitalised_next(text, candidate.end);
        return (capitalised && !sentence_capital) || in_list_range;
    }
    if !capitalised {
        return false;
    }
    let (word_before, word_after) = neighbour_words(text, candidate);
    if word_after
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit())
    {
        return false;
    }
    let cue_after = CUE_AFTER.contains(&word_after.to_lowercase().as_str());
    let cue_before = CUE_BEFORE.contains(&word_before.to_lowercase().as_str());
    let before = &text[line.start..candidate.start];
    cue_after
        || (cue_before && !starts_sentence(text, candidate.start))
        || joined_to_named_skill(text, candidate, selected)
        || moved_to(before)
        || EXPOSURE_TO.is_match(before)
}

/// Checks whether "and" or "or" joins the candidate to a capitalised skill name right after
/// it ("Maintained Access and Excel reports"). A name after the joining word already counts
/// through [`CUE_BEFORE`], and this check gives the name before it the same reading.
fn joined_to_named_skill(text: &str, candidate: &Candidate, selected: &[Candidate]) -> bool {
    static JOINED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s+(?:and|or|&)\s+$").expect("the joining pattern is valid")
    });
    let next = selected.partition_point(|o| o.start < candidate.end);
    selected.get(next).is_some_and(|other| {
        JOINED.is_match(&text[candidate.end..other.start])
            && text[other.start..other.end]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    })
}

/// "Exposure to" or "familiarity with" right before a capitalised name, which makes the name
/// a tool or language ("Exposure to Rust").
static EXPOSURE_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:exposure\s+to|familiarity\s+with)\s+$")
        .expect("the exposure pattern is valid")
});

/// Checks whether the text before a capitalised name ends in "to" after a verb of moving code
/// or a "from" ("migrated the parser from C to Rust", "Moved services to Go"): the name is
/// where the work went, a language or platform.
fn moved_to(before: &str) -> bool {
    static MOVE_WORD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:from|migrat(?:e|ed|es|ing)|mov(?:e|ed|es|ing)|port(?:ed|s|ing)?|switch(?:ed|es|ing)?|convert(?:ed|s|ing)?|rewr(?:ote|ite|ites|iting)|transition(?:ed|s|ing)?|upgrad(?:e|ed|es|ing))\b")
            .expect("the move pattern is valid")
    });
    let Some(head) = before
        .trim_end()
        .strip_suffix("to")
        .filter(|h| h.ends_with(' '))
    else {
        return false;
    };
    let Some(last) = MOVE_WORD.find_iter(head).last() else {
        return false;
    };
    // The "to" must be the first after the verb: "Moved to Austin and went to Spring …" is no
    // move of code.
    let gap = &head[last.end()..];
    gap.len() <= 60
        && !gap.contains(['.', ';', ':', '!', '?'])
        && !gap.split_whitespace().any(|w| w.eq_ignore_ascii_case("to"))
}

/// Returns `pattern` with each `\b` made an ASCII word boundary. A regex with Unicode word
/// boundaries falls back to slower engines on text with non-ASCII characters, so patterns whose
/// boundaries sit next to ASCII letters or digits use ASCII ones.
pub(crate) fn ascii_boundaries(pattern: &str) -> String {
    pattern.replace(r"\b", r"(?-u:\b)")
}

/// Checks whether the words after a name state a level of skill in it ("Excel at an advanced
/// level", "Excel beyond the basics", "Excel expert", "Excel power user", "Excel skills"),
/// which only a tool or language takes.
fn states_proficiency(after: &str) -> bool {
    static LEVEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^\s+(?:at\s+an?\s+(?:advanced|expert|intermediate|high|professional|proficient)\s+level|beyond\s+the\s+basics|expert|power\s+user|guru|proficiency|skills|know-how)\b",
        )
        .expect("the proficiency pattern is valid")
    });
    LEVEL.is_match(after)
}

/// Checks whether the words after a name state how long it was used ("Go for 18 months",
/// "Rust for two years"), which only a skill takes.
fn states_length(after: &str) -> bool {
    static LENGTH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i)^\s+for\s+(?:about\s+|over\s+|nearly\s+|almost\s+)?(?:{})\s*\+?\s*(?:years?|yrs?|months?)\b",
            *super::COUNT
        ))
        .expect("the length pattern is valid")
    });
    LENGTH.is_match(after)
}

/// Checks whether the words after a name say how much a job wants it ("Rust is a big plus",
/// "Excel is required", "Tableau preferred."), which only a skill takes.
fn states_importance(after: &str) -> bool {
    static IMPORTANCE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^\s+(?:(?:is|are|would be)\s+(?:(?:an?\s+)?(?:big\s+|huge\s+|strong\s+|real\s+)?(?:plus|bonus|must|advantage)|required|preferred|desired|essential|mandatory)\b|(?:required|preferred|desired|essential|mandatory|a\s+plus)\s*(?:[.,;:!)]|$))",
        )
        .expect("the importance pattern is valid")
    });
    IMPORTANCE.is_match(after)
}

/// Checks for `-`, `'`, `&` or `.` directly touching the candidate ("go-to-market",
/// "R&D", "Excel's"), which makes it part of a compound word.
fn glued_to_word(text: &str, candidate: &Candidate) -> bool {
    let glue = |c: char| matches!(c, '-' | '\'' | '’' | '&');
    let before = text[..candidate.start].chars().next_back();
    let after = text[candidate.end..].chars().next();
    before.is_some_and(glue) || after.is_some_and(glue)
}

/// Checks whether a one-letter candidate sits among single letters that are not skills, or
/// closes an acronym: "Schedules A, C and D", "HVAC/R". Neither names the C or R language,
/// while "C, R and Go" still does.
fn single_letter_among_letters(text: &str, candidate: &Candidate, selected: &[Candidate]) -> bool {
    if candidate.end - candidate.start != 1 {
        return false;
    }
    let line = line_range(text, candidate.start);
    let before = words_in(text, line.start..candidate.start);
    let after = words_in(text, candidate.end..line.end);

    let is_capital_letter =
        |word: &str| word.len() == 1 && word.bytes().all(|b| b.is_ascii_uppercase());
    let stray_letter = |word: Option<(usize, &str)>| {
        word.is_some_and(|(start, word)| {
            is_capital_letter(word)
                && selected
                    .binary_search_by_key(&start, |other| other.start)
                    .is_err()
        })
    };
    let reversed: Vec<(usize, &str)> = before.iter().rev().copied().collect();
    let previous = first_after_conjunction(&reversed);
    let next = first_after_conjunction(&after);

    let acronym_slash = text[..candidate.start].ends_with('/')
        && before.last().is_some_and(|(_, word)| {
            word.len() >= 2 && word.bytes().all(|b| b.is_ascii_uppercase())
        });
    stray_letter(previous) || stray_letter(next) || acronym_slash
}

/// Words before a single letter that make it a label, a class or a grade: "Class C", "CPR Level
/// C", "Hepatitis C", "Schedule C".
const LETTER_LABELS: &[&str] = &[
    "class",
    "level",
    "grade",
    "type",
    "tier",
    "section",
    "part",
    "group",
    "vitamin",
    "hepatitis",
    "hep",
    "category",
    "size",
    "zone",
    "unit",
    "wing",
    "shift",
    "team",
    "division",
    "schedule",
    "plan",
    "form",
    "lane",
    "dock",
    "door",
    "bay",
    "aisle",
    "building",
    "suite",
    "hall",
    "room",
    "block",
];

/// Spoken languages whose level may follow in brackets ("French (C)").
const SPOKEN_LANGUAGES: &[&str] = &[
    "english",
    "french",
    "spanish",
    "german",
    "italian",
    "portuguese",
    "mandarin",
    "cantonese",
    "chinese",
    "arabic",
    "japanese",
    "russian",
    "dutch",
    "korean",
    "hindi",
    "polish",
    "welsh",
    "irish",
];

/// Checks whether a one-letter candidate is a label or a grade rather than a language: after a
/// word of [`LETTER_LABELS`], before "class" or "licence" ("C Class"), glued to a name by a
/// dot ("C•CURE"), after a number and a slash ("grade 4/C"), or alone in brackets after a
/// spoken language ("French (C)").
fn letter_names_a_grade(text: &str, candidate: &Candidate) -> bool {
    if candidate.end - candidate.start != 1 {
        return false;
    }
    let before = &text[..candidate.start];
    let previous_word = |text: &str| {
        text.trim_end()
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or_default()
            .to_lowercase()
    };
    if LETTER_LABELS.contains(&previous_word(before).as_str()) {
        return true;
    }
    // "(c) Kafka" and "c) Kafka" open list items.
    let line_start = line_range(text, candidate.start).start;
    let opens_line = text[line_start..candidate.start]
        .trim_start()
        .trim_start_matches(['-', '*', '•'])
        .trim()
        .trim_end_matches('(')
        .is_empty();
    if opens_line && text[candidate.end..].starts_with(')') {
        return true;
    }
    // "C Class (open)", a driving licence, and "C•CURE", a product name.
    let after = &text[candidate.end..];
    let next_word = after
        .trim_start()
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default()
        .to_lowercase();
    if matches!(next_word.as_str(), "class" | "licence" | "license") || after.starts_with('•') {
        return true;
    }
    if let Some(number) = before.strip_suffix('/') {
        return number.ends_with(|c: char| c.is_ascii_digit());
    }
    before.trim_end().strip_suffix('(').is_some_and(|outside| {
        text[candidate.end..].trim_start().starts_with(')')
            && SPOKEN_LANGUAGES.contains(&previous_word(outside).as_str())
    })
}

/// Checks whether "hr" or "hrs" is the hours of a figure or a rate ("12 hr shifts", "$19/hr",
/// "per hr") rather than human resources.
fn names_hours(text: &str, candidate: &Candidate) -> bool {
    let surface = text[candidate.start..candidate.end].to_lowercase();
    if surface != "hr" && surface != "hrs" {
        return false;
    }
    let before = text[..candidate.start].trim_end_matches([' ', '\t', '-']);
    before.ends_with(|c: char| c.is_ascii_digit() || c == '/')
        || before.to_lowercase().ends_with(" per")
}

/// Returns the alphanumeric words of `text[range]` with their byte offsets in `text`.
fn words_in(text: &str, range: Range<usize>) -> Vec<(usize, &str)> {
    let mut words = Vec::new();
    let mut start = None;
    for (offset, c) in text[range.clone()].char_indices() {
        let at = range.start + offset;
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                words.push((from, &text[from..at]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        words.push((from, &text[from..range.end]));
    }
    words
}

/// Returns the first word of `words`, or the one after it when it is "and" or "or".
fn first_after_conjunction<'a>(words: &[(usize, &'a str)]) -> Option<(usize, &'a str)> {
    match words {
        [(_, "and" | "or"), rest @ ..] => rest.first().copied(),
        _ => words.first().copied(),
    }
}

/// Checks for a year right after the candidate ("Spring 2018", "Summer 2020"), which makes
/// it a season or a name rather than a skill.
/// A version ("2019", "1.21", "v5") or a level ("— Intermediate", ": Advanced") after a name
/// in a skill list.
static VERSION_OR_LEVEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:v?\d+(?:\.\d+)*\+?|[-–—:]?\s*\(?(?:beginner|basic|intermediate|advanced|expert|proficient|fluent|native)\)?)$")
        .expect("the version pattern is valid")
});

/// Checks whether a candidate is a whole item of a list, as the first thing on its line or
/// after a list separator, followed by a version or a level up to the next separator.
fn versioned_list_item(text: &str, candidate: &Candidate) -> bool {
    let line = line_range(text, candidate.start);
    let before = text[line.start..candidate.start]
        .trim_start()
        .trim_start_matches(['-', '*', '•', '·', '–', '—', '▪', '◦'])
        .trim();
    let starts_item = before.is_empty() || before.ends_with([',', ';', '|', '/', ':']);
    let rest = &text[candidate.end..line.end.max(candidate.end)];
    let item_end = rest.find([',', ';', '|']).unwrap_or(rest.len());
    let tail = rest[..item_end].trim().trim_end_matches('.');
    starts_item && !tail.is_empty() && VERSION_OR_LEVEL.is_match(tail)
}

fn followed_by_year(text: &str, candidate: &Candidate) -> bool {
    let after = text[candidate.end..].trim_start_matches([' ', '\t', '\'']);
    let digits = after.bytes().take_while(u8::is_ascii_digit).count();
    digits == 4 && (after.starts_with("19") || after.starts_with("20"))
}

/// Checks whether the candidate is paired with a season ("Spring and Fall cohorts", "summer
/// or spring terms"), which makes it a season too.
fn paired_with_season(text: &str, candidate: &Candidate) -> bool {
    static AFTER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:and|or|&|/|-|–)\s*(?:spring|summer|fall|autumn|winter)\b")
            .expect("the season pair pattern is valid")
    });
    static BEFORE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:spring|summer|fall|autumn|winter)\s*(?:and|or|&|/|-|–)\s*$")
            .expect("the season pair pattern is valid")
    });
    AFTER.is_match(&text[candidate.end..]) || BEFORE.is_match(&text[..candidate.start])
}

/// Returns whether list punctuation, `&`, `and` or `or` is right before and right after
/// the candidate.
fn list_separators(text: &str, candidate: &Candidate) -> (bool, bool) {
    let before = text[..candidate.start].trim_end_matches([' ', '\t']);
    let after = text[candidate.end..].trim_start_matches([' ', '\t']);
    let separator_before = before.ends_with(LIST_PUNCTUATION)
        || before.ends_with('&')
        || ends_with_word(before, "and")
        || ends_with_word(before, "or");
    let separator_after = after.starts_with(LIST_PUNCTUATION)
        || after.starts_with('&')
        || starts_with_word(after, "and")
        || starts_with_word(after, "or");
    (separator_before, separator_after)
}

/// "for a" or "for an" after a name, which starts an ordinary phrase ("Go for a walk").
static FOR_ARTICLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*for\s+an?\b").expect("the article pattern is valid"));

/// Checks whether a candidate is the only text on its line, apart from a bullet and a
/// trailing full stop, comma or semicolon.
fn fills_line(text: &str, line: Range<usize>, candidate: &Candidate) -> bool {
    let before = text[line.start..candidate.start]
        .trim()
        .trim_start_matches(['-', '*', '•', '·', '–', '—', '▪', '◦']);
    let after = text[candidate.end..line.end].trim();
    before.trim().is_empty() && after.trim_end_matches(['.', ',', ';']).is_empty()
}

/// Checks whether the word after `offset` on its line starts with a capital letter ("Workday
/// HCM"), or whether the line ends there.
fn capitalised_next(text: &str, offset: usize) -> bool {
    let rest = &text[offset..line_range(text, offset).end];
    match rest.split_whitespace().next() {
        Some(word) => word.chars().next().is_some_and(char::is_uppercase),
        None => true,
    }
}

/// Checks whether the text after a line break goes on with the sentence of the line before: its
/// first word is in lower case and is not "and" or "or" ("I like boring, observable\nsystems").
fn sentence_wraps(after_line: &str) -> bool {
    let next = after_line
        .strip_prefix('\n')
        .unwrap_or(after_line)
        .trim_start_matches([' ', '\t']);
    let starts_lower = next.chars().next().is_some_and(char::is_lowercase);
    // "o Swift" and "a. Rust" open list items of their own.
    let marker = next
        .split_once(' ')
        .is_some_and(|(first, _)| first == "o" || list_marker(first));
    starts_lower && !marker && !starts_with_word(next, "and") && !starts_with_word(next, "or")
}

/// Checks whether `text` ends with `word` (ASCII, any case) after a non-word character. Only
/// the end of `text` is read, because callers pass everything before a candidate.
fn ends_with_word(text: &str, word: &str) -> bool {
    let Some(start) = text.len().checked_sub(word.len()) else {
        return false;
    };
    text.get(start..)
        .is_some_and(|tail| tail.eq_ignore_ascii_case(word))
        && text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
}

/// Checks whether `text` starts with `word` (ASCII, any case) before a non-word character. Only
/// the start of `text` is read, because callers pass everything after a candidate.
fn starts_with_word(text: &str, word: &str) -> bool {
    text.get(..word.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(word))
        && text[word.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
}

/// Skill ids whose name has another meaning in some trades, and words on the same line that
/// show that meaning: "EMT, rigid and PVC conduit" is a kind of conduit, "claims with our JPA"
/// a joint powers authority, "Unity/CMock" a C unit-test framework, "static and fatigue
/// analysis" a structural analysis, "triage crashes" sorting software faults, "Zendesk macros
/// and triggers" help-desk rules, "GPO and IDN" a group purchasing organisation, "retry
/// budgets" a software limit, "fieldwork on audits" an audit stage and "red pandas" animals.
const OTHER_SENSES: &[(&str, &[&str])] = &[
    ("emt", &["conduit"]),
    // "DDS or DMD from an ADA-accredited dental school": the American Dental Association.
    (
        "ada-accommodations",
        &["dental", "dentist", "ada-accredited"],
    ),
    // "Float to PACU and L&D": labour and delivery, a hospital unit.
    (
        "learning-and-development",
        &[
            "pacu",
            "icu",
            "nicu",
            "labor",
            "labour",
            "postpartum",
            "float",
            "med-surg",
            "unit",
        ],
    ),
    // "lead the grade-level PLC": a professional learning community of teachers.
    (
        "plcs",
        &[
            "grade-level",
            "grade level",
            "teachers",
            "professional learning",
            "lesson",
        ],
    ),
    // "Spark conversations with new prospects".
    ("spark", &["conversation", "interest", "curiosity", "ideas"]),
    (
        "triage",
        &[
            "crash", "bug", "ticket", "alert", "incident", "error", "jira", "queue", "issues",
        ],
    ),
    (
        "triggers",
        &[
            "zendesk",
            "freshdesk",
            "macros",
            "routing rules",
            "automations",
        ],
    ),
    (
        "group-policy",
        &["idn", "pricing", "purchasing", "contract"],
    ),
    (
        "budgeting",
        &["retry budget", "error budget", "latency budget"],
    ),
    ("field-research", &["audit"]),
    ("pandas", &["red panda", "giant panda"]),
    // "BSL-2 lab": a biosafety level.
    (
        "british-sign-language",
        &["bsl-2", "bsl-3", "bsl-1", "bsl-4", "biosafety"],
    ),
    // "Ability to take creative direction": following it, not giving it.
    (
        "creative-direction",
        &[
            "take creative direction",
            "takes creative direction",
            "taking creative direction",
            "follow creative direction",
        ],
    ),
    // "3k TPS": transactions per second.
    (
        "toyota-production-system",
        &[
            "k tps",
            "tps)",
            "transactions per second",
            "requests per second",
            "latency",
        ],
    ),
    // "AWS EMR": Amazon's managed Hadoop and Spark.
    (
        "electronic-medical-records",
        &[
            "aws emr",
            "amazon emr",
            "elastic mapreduce",
            "spark",
            "hadoop",
        ],
    ),
    // "Espresso calibration each morning": dialling in a grinder.
    (
        "instrument-calibration",
        &["espresso", "grinder", "barista", "coffee"],
    ),
    // "Steamed milk texturing for latte art".
    (
        "texture-painting",
        &["milk", "latte", "espresso", "foam", "barista"],
    ),
    // "Dementia care (CDP)": the Certified Dementia Practitioner.
    (
        "segment-cdp",
        &[
            "dementia",
            "alzheimer",
            "memory care",
            "resident",
            "caregiver",
        ],
    ),
    // "ASA/ACAS exams": actuarial credentials.
    (
        "average-speed-of-answer",
        &["actuar", "acas", "fsa", "fcas", "soa", "exams"],
    ),
    // "Salary per negotiated agreement": a union contract, not a skill.
    ("negotiation", &["per negotiated", "as negotiated"]),
    ("contract-negotiation", &["per negotiated", "as negotiated"]),
    // "Handled a reticulated python at the reptile house", "Monty Python sketches".
    (
        "python",
        &[
            "reticulated",
            "ball python",
            "burmese python",
            "reptile",
            "herpetolog",
            "monty python",
        ],
    ),
    // "Brewed Java for the morning rush", "ran our Java bar": coffee.
    (
        "java",
        &[
            "espresso",
            "brewed",
            "barista",
            "latte",
            "java bar",
            "java chip",
            "cup of java",
        ],
    ),
    // "Stocked Swift energy drinks", "Driver, Swift Transportation".
    (
        "swift",
        &[
            "drink",
            "beverage",
            "soda",
            "swift transportation",
            "trucking",
            "taylor swift",
        ],
    ),
    // "Taught units on Kafka and Orwell": the novelist.
    (
        "kafka",
        &[
            "orwell",
            "novels",
            "novelist",
            "literature",
            "metamorphosis",
            "the trial",
            "camus",
        ],
    ),
    ("jpa", &["claims", "compensation", "risk pool"]),
    // "Clio or another practice management system": a law firm's matter system.
    (
        "clinic-management",
        &[
            "clio",
            "law firm",
            "legal",
            "attorney",
            "matter",
            "paralegal",
        ],
    ),
    ("unity", &["cmock", "ceedling"]),
    (
        "static-code-analysis",
        &[
            "fatigue",
            "structural",
            "nastran",
            "abaqus",
            "finite element",
            "buckling",
            "stress analysis",
        ],
    ),
];

/// Abbreviations with another meaning, and words on the same line that show it. "AP/AR" is
/// accounts payable and receivable, not augmented reality. "CPP" next to payroll is a payroll
/// certification or a pension plan, not C++. "CAD" next to a heart condition is coronary artery
/// disease, and next to pay, Canadian dollars. "CDC" next to OSHA is a health agency, "S3" next
/// to medicines a poison schedule, "GCE" before a level a school certificate, "RMA" next to
/// consents a law, and "SEM" next to EDS a microscope. A skill listed in [`ABBREVIATION_MEANINGS`] is
/// that other meaning, so the words do not drop it.
const ABBREVIATION_SENSES: &[(&str, &[&str])] = &[
    (
        "ar",
        &[
            "ap/",
            "/ap",
            "ap and",
            "ap &",
            "payable",
            "receivable",
            "accounts",
            "invoic",
            "billing",
            "collections",
            "aging",
        ],
    ),
    ("cpp", &["payroll", "pension"]),
    // "OSHA and CDC guidelines": the Centers for Disease Control.
    (
        "cdc",
        &[
            "guideline",
            "osha",
            "infection",
            "vaccin",
            "immuniz",
            "immunis",
            "public health",
            "sterili",
        ],
    ),
    // "S2/S3 medicines", "Schedule 3": the Australian poison schedules.
    (
        "s3",
        &[
            "s2/", "s4", "s8", "schedule", "medicine", "pharmac", "poison", "dispens", "counsel",
        ],
    ),
    // "GCE 'A' Level": the General Certificate of Education.
    (
        "gce",
        &[
            "'a' level",
            "'o' level",
            "a level",
            "o level",
            "a-level",
            "o-level",
            "certificate of education",
        ],
    ),
    // "Consents under the RMA": New Zealand's Resource Management Act.
    (
        "rma",
        &["consent", "resource management", "council", "under the rma"],
    ),
    // "SEM/EDS", "SEM or XRD": the scanning electron microscope.
    (
        "sem",
        &[
            "/eds",
            "eds/",
            "edx",
            "xrd",
            "microscop",
            "ftir",
            "metallograph",
            "fractograph",
            "electron",
        ],
    ),
    (
        "cad",
        &[
            "coronary", "artery", "cardiac", "heart", "salary", "per hour", "per year", "usd",
        ],
    ),
];

/// Skills that an abbreviation of [`ABBREVIATION_SENSES`] names in its other meaning ("AR" in
/// "AP/AR" is accounts receivable).
const ABBREVIATION_MEANINGS: &[&str] = &["accounts-payable", "accounts-receivable"];

/// Checks whether the match of `skill_id` at `range` is meant in the other sense that
/// [`OTHER_SENSES`] lists for it, or that [`ABBREVIATION_SENSES`] lists for its surface.
pub(crate) fn names_other_sense(text: &str, range: Range<usize>, skill_id: &str) -> bool {
    let surface = &text[range.clone()];
    // "Mr. Jenkins", "Dr. Julia Chen": a title before a capitalised name makes it a person's.
    if surface.starts_with(char::is_uppercase) {
        // The maximum length of a title with its dot and two spaces is eight bytes.
        let mut from = range.start.saturating_sub(8);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        if HONORIFIC_BEFORE.is_match(&text[from..range.start]) {
            return true;
        }
    }
    if skill_id == "react" && REACT_AS_VERB.is_match(&text[range.end..]) {
        return true;
    }
    if skill_id == "leadership" && surface.eq_ignore_ascii_case("leadership") {
        let line = line_range(text, range.start);
        return AUDIENCE_BEFORE.is_match(&text[line.start..range.start]);
    }
    let mut senses = OTHER_SENSES
        .iter()
        .filter(|(id, _)| *id == skill_id)
        .chain(
            ABBREVIATION_SENSES
                .iter()
                .filter(|(abbreviation, _)| surface.eq_ignore_ascii_case(abbreviation))
                .filter(|_| !ABBREVIATION_MEANINGS.contains(&skill_id)),
        )
        .peekable();
    // Most matches have no other sense, so their line is not lower-cased.
    if senses.peek().is_none() {
        return false;
    }
    // A list item wrapped onto this line ("in AP and" over "AR at a distributor") reads on from
    // the line above.
    let mut line = line_range(text, range.start);
    if text[line.start..range.start].trim().is_empty() && wraps_from_line_above(text, line.start) {
        line.start = line_range(text, line.start.saturating_sub(1)).start;
    }
    let line = text[line].to_lowercase();
    senses.any(|(_, words)| words.iter().any(|word| line.contains(word)))
}

/// Words after "react" that make it the verb: "react quickly to swimmers", "React to alarms".
static REACT_AS_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s+(?:to|quickly|calmly|promptly|swiftly|fast|well|positively|appropriately|accordingly|immediately|professionally)\b")
        .expect("the react verb pattern is valid")
});

/// A person's title right before a name: "Mr. ", "Dr ", "Mrs. ".
static HONORIFIC_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\w.])(?:Mr|Mrs|Ms|Mx|Dr|Prof)\.?[ \t]{1,2}$")
        .expect("the honorific pattern is valid")
});

/// Words before "leadership" that make it the people a candidate worked for or reported to
/// ("presented findings to senior leadership", "briefed the executive leadership team"), not a
/// skill of theirs.
static AUDIENCE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\b(?:present(?:ed|ing|s)?|report(?:ed|ing|s)?|escalat(?:ed|ing|es?)|brief(?:ed|ing|s)?|pitch(?:ed|ing|es)?|recommendations?|updates?)\b(?:\s+[\w,%-]+){0,6}?\s+(?:to|for|with|before)\s+(?:the\s+|our\s+)?(?:(?:senior|executive|upper|top|company|school|district|site|store|hospital|department|clinic)\s+)?|\b(?:to|for|before|with|by|brief(?:ed|ing|s)?|advis(?:ed|ing|es?))\s+(?:the\s+|our\s+)?(?:senior|executive|upper|top)\s+)$")
        .expect("the audience pattern is valid")
});

/// Skill ids whose name, with one of the words on its line, means a narrower skill, and that
/// skill's id: "negotiated three-year supply agreements" is contract negotiation, and
/// "pipeline management and forecasting" is sales forecasting, and "CMA" next to a clinic is
/// a certified medical assistant. The first entry whose words the line has wins.
const NARROWER_SENSES: &[(&str, &str, &[&str])] = &[
    // "GCP training (CITI)": good clinical practice, not Google Cloud.
    (
        "gcp",
        "good-clinical-practice",
        &[
            "clinical",
            "citi",
            "irb",
            "trial",
            "ich",
            "study coordinator",
        ],
    ),
    (
        "negotiation",
        "contract-negotiation",
        &["contract", "agreement", "renewal"],
    ),
    ("negotiation", "offer-letters", &["offer"]),
    (
        "forecasting",
        "sales-forecasting",
        &["pipeline", "quota", "salesforce", "sfdc", "deal", "sales"],
    ),
    ("auditing", "audit-preparation", &["prepar"]),
    // "CMA, RMA or CCMA": the registered medical assistant.
    (
        "return-merchandise-authorization",
        "certified-medical-assistant",
        &["cma", "ccma", "medical", "clinic", "patient"],
    ),
    // "Experience with MLS" in a real estate posting: the multiple listing service.
    (
        "clinical-laboratory-science",
        "mls-listings",
        &[
            "real", "realtor", "listing", "broker", "buyer", "seller", "propert",
        ],
    ),
    // "CDL-A with Hazmat (H) and Tanker (N) endorsements".
    ("hazmat", "hazmat-endorsement", &["endorsement", "cdl"]),
    (
        "tenant-improvements",
        "commercial-wiring",
        &[
            "electric",
            "wir",
            "conduit",
            "panel",
            "receptacle",
            "circuit",
            "lighting",
        ],
    ),
    (
        "cma",
        "certified-medical-assistant",
        &[
            "medical",
            "clinic",
            "patient",
            "aama",
            "phlebotomy",
            "vital",
        ],
    ),
];

/// Warehouse performance measures. A document that names one ("hold UPH at 104%", "KPI
/// tracking for pick rate and accuracy") is about tracking it, so each reads as KPI tracking.
const TRACKED_MEASURES: &[&str] = &[
    "units-per-hour",
    "inventory-accuracy",
    "order-accuracy",
    "dock-to-stock",
    "otif",
    "on-time-delivery",
];

/// Bytes on each side of a CPP match searched for "payroll".
const PAYROLL_WINDOW: usize = 4000;

static PAYROLL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)payroll").expect("the payroll pattern is valid"));

/// Returns the id of the narrower skill that [`NARROWER_SENSES`] gives the match of
/// `skill_id` at `start`, when its line has one of the words for it, or `kpi-tracking` for one
/// of the [`TRACKED_MEASURES`].
pub(crate) fn narrower_sense(text: &str, start: usize, skill_id: &str) -> Option<&'static str> {
    if TRACKED_MEASURES.contains(&skill_id) {
        return Some("kpi-tracking");
    }
    // "CPP certification required" beside payroll is the Certified Payroll Professional; C++
    // is written "C++" or "cpp". In a payroll posting a bare "CPP required" is the same.
    if skill_id == "cpp" && text[start..].starts_with("CPP") {
        let line = text[line_range(text, start)].to_lowercase();
        // Only the text near the match is searched, so a long text with many matches is not
        // lower-cased once per match.
        let payroll_text = || {
            let near = text.floor_char_boundary(start.saturating_sub(PAYROLL_WINDOW))
                ..text.ceil_char_boundary(start.saturating_add(PAYROLL_WINDOW).min(text.len()));
            PAYROLL.find_iter(&text[near]).take(2).count() >= 2
        };
        if ["payroll", "certif", "fpc"]
            .iter()
            .any(|word| line.contains(word))
            || payroll_text()
        {
            return Some("certified-payroll-professional");
        }
    }
    // "ERP system (SAP or Oracle)": a bare "Oracle" among ERP systems is Oracle's ERP.
    if skill_id == "oracle-database" && text[start..].starts_with("Oracle") {
        let next_word = text[start + "Oracle".len()..]
            .split(|c: char| !c.is_alphanumeric())
            .find(|word| !word.is_empty())
            .unwrap_or_default()
            .to_lowercase();
        let bare = ![
            "db",
            "database",
            "databases",
            "rdbms",
            "dba",
            "sql",
            "pl",
            "19c",
            "12c",
        ]
        .contains(&next_word.as_str());
        let line = text[line_range(text, start)].to_lowercase();
        if bare && line.contains("erp") {
            return Some("oracle-financials");
        }
    }
    let mut senses = NARROWER_SENSES
        .iter()
        .filter(|(id, _, _)| *id == skill_id)
        .peekable();
    senses.peek()?;
    let line = text[line_range(text, start)].to_lowercase();
    let words: Vec<&str> = line
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    senses
        .find(|(_, _, cues)| {
            cues.iter()
                .any(|cue| words.iter().any(|word| starts_sense_word(word, cue)))
        })
        .map(|(_, narrower, _)| *narrower)
}

/// Checks whether `word` is `cue` or a form of it. A person who does the thing
/// ("contractors", "dealers") is not the thing, so it does not count.
fn starts_sense_word(word: &str, cue: &str) -> bool {
    word.strip_prefix(cue)
        .is_some_and(|rest| !matches!(rest, "or" | "ors" | "er" | "ers"))
}

/// Skill ids whose name also describes how closely a person is overseen, and the words before
/// it that make it such a condition rather than a skill ("works with minimal supervision").
const CONDITION_LEADS: &[(&str, &[&str])] = &[(
    "supervision",
    &[
        "minimal", "minimum", "little", "limited", "light", "without", "no", "close", "direct",
        "under",
    ],
)];

/// Checks whether the match of `skill_id` at `start` describes a working condition rather than
/// a skill ("with minimal supervision", "under direct supervision", "under the plant
/// engineer's supervision"). "Under my supervision" is the person's own.
pub(crate) fn names_working_condition(text: &str, start: usize, skill_id: &str) -> bool {
    let Some((_, leads)) = CONDITION_LEADS.iter().find(|(id, _)| *id == skill_id) else {
        return false;
    };
    let window = text.floor_char_boundary(start.saturating_sub(60));
    let previous: Vec<String> = text[window..start]
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let Some(last) = previous.last() else {
        return false;
    };
    let own = matches!(last.as_str(), "my" | "our");
    let under_someone = previous.iter().rev().take(5).any(|w| w == "under");
    leads.contains(&last.as_str()) || (under_someone && !own)
}

/// Last words of organisation names ("Acme Logistics", "Pinecone Health Clinics").
pub(crate) const ORGANISATION_SUFFIXES: &[&str] = &[
    "agency",
    "bank",
    "brands",
    "clinic",
    "clinics",
    "co",
    "company",
    "components",
    "consulting",
    "corp",
    "corporation",
    "distributors",
    "foods",
    "freight",
    "group",
    "health",
    "healthcare",
    "holdings",
    "hospital",
    "inc",
    "industries",
    "insurance",
    "labs",
    "llc",
    "logistics",
    "ltd",
    "manufacturing",
    "motors",
    "outfitters",
    "partners",
    "payments",
    "realty",
    "retail",
    "software",
    "studios",
    "supply",
    "textiles",
];

/// US state and Canadian province codes.
pub(crate) const REGION_CODES: &[&str] = &[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM",
    "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA",
    "WV", "WI", "WY", "AB", "BC", "MB", "NB", "NL", "NS", "ON", "PE", "QC", "SK",
];

/// Checks whether the match `start..end`, written in title case, is a place. It is when a
/// compass word comes before it ("East Java") or a place noun after it ("Perl Island"), or when
/// a comma and a state or province code follow it ("Phoenix, AZ"). A one-word match is also a
/// place before a comma and a country or US state ("Spring, Texas").
pub(crate) fn names_place(text: &str, start: usize, end: usize) -> bool {
    let surface = &text[start..end];
    let title_case = surface.starts_with(|c: char| c.is_uppercase())
        && surface.chars().skip(1).any(char::is_lowercase);
    if !title_case {
        return false;
    }
    let before = &text[line_range(text, start).start..start];
    let compass_before = PLACE_WORDS_BEFORE.iter().any(|word| {
        before
            .strip_suffix(word)
            .is_some_and(|rest| !rest.trim_end().ends_with(char::is_alphanumeric))
    });
    let place_noun_after = PLACE_NOUNS_AFTER.iter().any(|noun| {
        text[end..]
            .strip_prefix(noun)
            .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
    });
    if compass_before || place_noun_after {
        return true;
    }
    let Some(rest) = text[end..].strip_prefix(", ") else {
        return false;
    };
    let code: String = rest.chars().take_while(char::is_ascii_alphabetic).collect();
    // A one-word name before a state or country is a town ("Spring, Texas"). Longer names
    // there are credentials with the state that issued them ("Registered Nurse, Texas").
    let one_word = !surface.contains(char::is_whitespace);
    let region = one_word
        && rest
            .split([',', '(', ')', '|', '\n', ';', '.'])
            .next()
            .is_some_and(names_country_or_state);
    (REGION_CODES.contains(&code.as_str()) && !starts_title_word(&rest[code.len()..])) || region
}

/// Compass words written before a region's name ("East Java", "North Spring"), with the space
/// after them.
const PLACE_WORDS_BEFORE: &[&str] = &["East ", "West ", "North ", "South ", "Central "];

/// Words written after a place's name ("Perl Island", "Spring Valley"), with the space before
/// them.
const PLACE_NOUNS_AFTER: &[&str] = &[
    " Island", " County", " Valley", " Lake", " River", " Beach", " Bay", " Street", " Avenue",
    " Road",
];

/// Checks whether `rest` opens with a space and a word in title case ("MS Excel" after
/// "Word, MS"), which makes the letters before it part of a name rather than a state code.
fn starts_title_word(rest: &str) -> bool {
    let Some(word) = rest.strip_prefix(' ') else {
        return false;
    };
    let mut letters = word.chars().take_while(|c| c.is_alphabetic());
    letters.next().is_some_and(char::is_uppercase) && letters.any(char::is_lowercase)
}

/// Nouns that, right after a skill's name, make the name a department or function of people
/// ("creative, merchandising and analytics partners", "the sales team") rather than a skill.
const DEPARTMENT_NOUNS: &[&str] = &[
    "partners",
    "team",
    "teams",
    "department",
    "departments",
    "stakeholders",
    "leaders",
    "colleagues",
    "counterparts",
];

/// Titles whose "of" names the department a person heads ("VP of Sales").
const HEAD_TITLES: &[&str] = &["vp of ", "vice president of ", "director of ", "head of "];

/// Checks whether the one-word match `start..end` names a group of people: it is followed,
/// in its column of the line, by one of [`DEPARTMENT_NOUNS`], directly or after one
/// coordinated name ("merchandising and analytics partners"), or it follows the title of
/// another person who heads the department ("to the VP of Merchandising"). A person's own
/// title ("VP of Sales, Orrin Supply") keeps the skill. Longer names stay skills ("inventory
/// management teams", "B2B sales teams").
pub(crate) fn names_department(text: &str, start: usize, end: usize) -> bool {
    let glued = text[end..].starts_with(|c: char| c.is_alphanumeric());
    if glued || text[start..end].contains(char::is_whitespace) {
        return false;
    }
    let before = &text.as_bytes()[line_range(text, start).start..start];
    let ends_with = |bytes: &[u8], suffix: &str| {
        bytes.len() >= suffix.len()
            && bytes[bytes.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
    };
    let someone_else = |title: &&str| {
        ends_with(before, title) && {
            let head = &before[..before.len() - title.len()];
            ends_with(head, "the ") || ends_with(head, "our ")
        }
    };
    if HEAD_TITLES.iter().any(someone_else) {
        return true;
    }
    let line_end = line_range(text, end).end;
    let rest = &text[end..line_end];
    let column = rest
        .find("  ")
        .into_iter()
        .chain(rest.find('\t'))
        .min()
        .map_or(rest, |gap| &rest[..gap]);
    let words: Vec<String> = column
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .take(3)
        .map(str::to_lowercase)
        .collect();
    let is_department = |i: usize| {
        words
            .get(i)
            .is_some_and(|w| DEPARTMENT_NOUNS.contains(&w.as_str()))
    };
    is_department(0) || (words.first().is_some_and(|w| w == "and" || w == "or") && is_department(2))
}

/// Checks whether the capitalised match `start..end` is part of an organisation name: a run
/// of capitalised words, joined by single spaces only, that contains at least one word besides
/// the match and ends in an organisation suffix ("Coralgate Hospitality Group").
pub(crate) fn inside_organisation_name(text: &str, start: usize, end: usize) -> bool {
    let surface = &text[start..end];
    if !surface.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    // A match may wrap over a line break, so the words before it come from the line of its
    // start and the words after it from the line of its end.
    let line_start = line_range(text, start).start;
    let line_end = line_range(text, end).end;
    let before = capitalised_run(text[line_start..start].split(' ').rev(), false);
    let after = capitalised_run(text[end..line_end].split(' '), true);
    if before.is_empty() && after.is_empty() {
        return false;
    }
    let last = after
        .last()
        .copied()
        .or_else(|| surface.split_whitespace().next_back())
        .unwrap_or_default()
        .trim_end_matches(['.', ','])
        .to_lowercase();
    let suffix_after = !after.is_empty() && ORGANISATION_SUFFIXES_AFTER.contains(&last.as_str());
    // Each word of the run after the match follows one space.
    let run_end = end + after.iter().map(|word| word.len() + 1).sum::<usize>();
    ORGANISATION_SUFFIXES.contains(&last.as_str())
        || suffix_after
        || followed_by_place(&text[run_end..])
}

/// Words that end organisation and school names but also skill names ("Building Automation
/// Systems"), so they count only when written after the match ("Triton College").
pub(crate) const ORGANISATION_SUFFIXES_AFTER: &[&str] = &[
    "academy",
    "arena",
    "bakery",
    "bistro",
    "cafe",
    "café",
    "college",
    "devices",
    "diner",
    "electric",
    "institute",
    "restaurant",
    "services",
    "solutions",
    "stadium",
    "systems",
    "technologies",
    "theater",
    "theatre",
    "university",
];

/// Checks whether `rest` starts with a comma, a capitalised town name of one to three words,
/// a comma and a state or province code: the place that follows an employer's name ("Tarrant
/// Medical Devices, Akron, OH").
fn followed_by_place(rest: &str) -> bool {
    let Some(rest) = rest.strip_prefix(", ") else {
        return false;
    };
    let Some((town, after_town)) = rest.split_once(", ") else {
        return false;
    };
    let words: Vec<&str> = town.split(' ').collect();
    let town_like = words.len() <= 3
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase())
                && w.chars().all(|c| c.is_alphabetic() || c == '.')
        });
    let code: String = after_town
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect();
    town_like && REGION_CODES.contains(&code.as_str())
}

/// Takes words from `words` (the first one empty when the text touches the match) while they
/// are capitalised and joined by single spaces, stopping at any punctuation. Reading
/// `forward`, a word with a comma or full stop after it is the run's last.
fn capitalised_run<'a>(mut words: impl Iterator<Item = &'a str>, forward: bool) -> Vec<&'a str> {
    if words.next().is_none_or(|first| !first.is_empty()) {
        return Vec::new();
    }
    let mut run = Vec::new();
    for word in words {
        // Reading forward, a comma or full stop after a word ends the run but keeps the word
        // ("Java Junction Café, Salem").
        let bare = if forward {
            word.trim_end_matches([',', '.'])
        } else {
            word
        };
        let capitalised = bare.chars().next().is_some_and(char::is_uppercase);
        let plain = bare.chars().all(|c| c.is_alphanumeric() || c == '-');
        if !capitalised || !plain {
            break;
        }
        run.push(bare);
        if bare.len() < word.len() {
            break;
        }
    }
    run
}

/// Largest distance, in bytes, scanned from an offset for the ends of its line. Context rules
/// read only nearby words, and the bound keeps text without line breaks (pasted from web forms)
/// linear to scan instead of quadratic in the line length.
const LINE_SCAN_BYTES: usize = 512;

/// Byte range of the line that contains `offset`, cut to at most [`LINE_SCAN_BYTES`] on
/// each side.
pub(crate) fn line_range(text: &str, offset: usize) -> Range<usize> {
    let lower = text.floor_char_boundary(offset.saturating_sub(LINE_SCAN_BYTES));
    let upper = text.ceil_char_boundary(offset.saturating_add(LINE_SCAN_BYTES).min(text.len()));
    let start = text[lower..offset]
        .rfind('\n')
        .map_or(lower, |i| lower + i + 1);
    let end = text[offset..upper].find('\n').map_or(upper, |i| offset + i);
    start..end
}

/// Checks whether the word after `offset` is `word` ("Go for performance-critical services").
fn next_word_is(text: &str, offset: usize, word: &str) -> bool {
    text[offset..]
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .is_some_and(|next| next.eq_ignore_ascii_case(word))
}

/// Checks whether the text from `line_start` to `offset` is a list bullet alone ("• ", "- ")
/// or an importance label ("Bonus: "), so a name that fills the rest of the line is a list
/// item ("• Excel").
fn bulleted(text: &str, line_start: usize, offset: usize) -> bool {
    let before = text[line_start..offset].trim();
    let bullets: &[char] = &['-', '*', '•', '·', '–', '—', '▪', '◦'];
    if matches!(before, "-" | "*" | "•" | "·" | "–" | "—" | "▪" | "◦" | "o")
        || before.trim_end_matches('\u{fe0f}').chars().count() == 1
            && symbol_bullet(&text[line_start..offset])
        || list_marker(before)
    {
        return true;
    }
    let label = before.trim_start_matches(bullets).trim_start();
    label.strip_suffix(':').is_some_and(|label| {
        let label = label.trim().to_lowercase();
        IMPORTANCE_LABELS.contains(&label.as_str())
    })
}

/// Checks whether `before` is the number or letter of a list item: "1.", "2)", "a.", "b)".
fn list_marker(before: &str) -> bool {
    let Some(mark) = before.strip_suffix(['.', ')']) else {
        return false;
    };
    let number = !mark.is_empty() && mark.len() <= 2 && mark.bytes().all(|b| b.is_ascii_digit());
    let letter = mark.len() == 1 && mark.bytes().all(|b| b.is_ascii_lowercase());
    number || letter
}

/// Checks whether a line opens with a symbol used as a bullet, such as an emoji or a star
/// ("👉 SQL", "⭐ Amplitude", "✅ Excel"): one character outside ASCII that is neither a letter
/// nor a digit, then a space.
pub(crate) fn symbol_bullet(line: &str) -> bool {
    let mut chars = line.trim_start().chars();
    let first = chars
        .next()
        .is_some_and(|c| !c.is_ascii() && !c.is_alphanumeric());
    // Emoji may carry a variation selector ("✔️").
    let rest = chars.as_str().trim_start_matches('\u{fe0f}');
    first && rest.starts_with([' ', '\t'])
}

/// Checks whether only bullets, spaces or nothing come before `offset` in its sentence.
fn starts_sentence(text: &str, offset: usize) -> bool {
    let line = line_range(text, offset);
    let before = text[line.start..offset].trim_end();
    let bullets: &[char] = &['-', '*', '•', '·', '–', '—', '>', ' ', '\t'];
    if before.is_empty() && wraps_from_line_above(text, line.start) {
        return false;
    }
    before.trim_start_matches(bullets).is_empty() || before.ends_with(['.', '!', '?'])
}

/// Checks whether the line above `line_start` breaks off a list item in the middle: it ends
/// with a comma or a joining word ("Python, Ruby, or" over "Go").
fn wraps_from_line_above(text: &str, line_start: usize) -> bool {
    let above = text[..line_start].trim_end_matches(['\n', '\r']);
    let last_line = above.rsplit('\n').next().unwrap_or_default().trim_end();
    let last_word = last_line
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or_default();
    !last_line.is_empty()
        && (last_line.ends_with(',')
            || matches!(
                last_word,
                "or" | "and" | "with" | "of" | "in" | "using" | "like"
            ))
}

/// Checks whether a spaced dash, a semicolon, a colon or "but" comes right before `offset`: it
/// opens a clause of its own ("5+ years of Python — Go is a plus", "Python preferred but Excel
/// is a must").
fn starts_clause(text: &str, offset: usize) -> bool {
    let line = line_range(text, offset);
    let before = &text[line.start..offset];
    let trimmed = before.trim_end();
    let spaced = before.len() > trimmed.len();
    let last_word = trimmed
        .rsplit(' ')
        .next()
        .unwrap_or_default()
        .to_lowercase();
    trimmed.ends_with([';', ':'])
        || matches!(last_word.as_str(), "but" | "while" | "whereas")
        || (spaced
            && (trimmed.ends_with(" —") || trimmed.ends_with(" –") || trimmed.ends_with(" -")))
}

fn neighbour_words<'a>(text: &'a str, candidate: &Candidate) -> (&'a str, &'a str) {
    let before = text[..candidate.start].trim_end();
    let word_before = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default();
    let after = text[candidate.end..].trim_start();
    let word_after = after
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default();
    (word_before, word_after)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn match_wrapped_over_lines_is_checked_without_panic() {
        let text = "Used Spring\nBoot daily";
        let start = text.find("Spring").unwrap();
        let end = text.find(" daily").unwrap();
        assert!(!inside_organisation_name(text, start, end));
    }

    fn names(text: &str) -> Vec<String> {
        let gazetteer = crate::skills::Gazetteer::builtin();
        gazetteer.find(text).into_iter().map(|m| m.name).collect()
    }

    #[test]
    fn wrapped_sentence_is_no_list_edge() {
        let text = "Most of my work is in Go and Java. I like boring, observable\nsystems and small pull requests.";
        assert!(!names(text).contains(&"observable".to_string()));
        let text = "Tools: Docker, Kubernetes, Observable\n\nExperience";
        assert!(names(text).contains(&"observable".to_string()));
    }

    #[test]
    fn skill_list_one_name_per_line() {
        let text = "Excel\nWord\nGo\nR\n";
        let whole_text = [std::ops::Range {
            start: 0,
            end: text.len(),
        }];
        let found = crate::skills::Gazetteer::builtin().find_with_lists(text, &whole_text);
        let names: Vec<_> = found.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["excel", "microsoft word", "go", "r"]);
    }

    #[test]
    fn sentence_capital_is_no_case_signal() {
        assert!(
            !names("Workday mornings were spent sorting mail.").contains(&"workday".to_string())
        );
        assert!(names("Administered Workday for 900 staff.").contains(&"workday".to_string()));
        assert!(names("- Workday for payroll changes").contains(&"workday".to_string()));
        assert!(
            !names("- Go for a walk with residents every afternoon.").contains(&"go".to_string())
        );
        assert!(names("- Go for performance-critical services").contains(&"go".to_string()));
    }

    #[test]
    fn school_place_and_product_names_are_no_tools() {
        let found = names(
            "Computer Programming in COBOL language, Triton College in River Grove, IL\n\
             Tools: Peachtree, GLACIER Tax Prep, Outlook Express\n\
             Served clients in Dallas, Phoenix and Tucson.\n\
             OSHA Forklift Certified · ATSSA Flagger Certified\n\
             Helped clients choose a frame for each print.\n\
             Line Cook, Java Junction Café, Salem OR",
        );
        for wrong in [
            "triton inference server",
            "amazon s3 glacier",
            "express.js",
            "phoenix",
            "flagger",
            "aframe",
            "java",
        ] {
            assert!(!found.contains(&wrong.to_string()), "{wrong} in {found:?}");
        }
        for right in ["cobol", "outlook", "flagging"] {
            assert!(
                found.contains(&right.to_string()),
                "{right} missing from {found:?}"
            );
        }
    }

    #[test]
    fn files_or_questions_noun_is_context() {
        let has_excel = |text: &str| names(text).contains(&"excel".to_string());
        assert!(has_excel("Answered Excel questions from the finance team."));
        assert!(has_excel("Cleaned up shared Excel files every month."));
        assert!(!has_excel(
            "Students excel at questions they can answer aloud."
        ));
    }

    #[test]
    fn migration_target_is_a_tool() {
        let found = names("- Led migration of payment services from Ruby to Go.");
        assert!(found.contains(&"go".to_string()), "{found:?}");
        let found = names("- Migrated the parser from C to Rust.");
        assert!(found.contains(&"rust".to_string()), "{found:?}");
        let found = names("- Moved the analysis from SPSS to R.");
        assert!(found.contains(&"r".to_string()), "{found:?}");
        let found = names("- Moved to Austin in 2019 and went to Spring training games.");
        assert!(!found.contains(&"spring".to_string()), "{found:?}");
    }

    #[test]
    fn stated_length_gives_a_capitalised_name_context() {
        let text = "Wrote Go for 18 months at a payments startup.";
        assert!(names(text).contains(&"go".to_string()));
        let text = "Go for a walk every day.";
        assert!(!names(text).contains(&"go".to_string()));
    }

    #[test]
    fn supervision_by_someone_else_is_a_condition() {
        let text = "Motor troubleshooting under the plant engineer's supervision";
        let start = text.find("supervision").unwrap();
        assert!(names_working_condition(text, start, "supervision"));
        let text = "Three apprentices under my supervision";
        let start = text.find("supervision").unwrap();
        assert!(!names_working_condition(text, start, "supervision"));
    }

    #[test]
    fn supervision_as_condition_is_not_a_skill() {
        assert!(
            names("- Works with minimal supervision")
                .iter()
                .all(|n| n != "supervision")
        );
        assert!(
            names("- Able to work under direct supervision")
                .iter()
                .all(|n| n != "supervision")
        );
        assert!(names("- Staff supervision and scheduling").contains(&"supervision".to_string()));
    }

    #[test]
    fn bulleted_ambiguous_name_counts() {
        assert_eq!(
            names("Nice to have\n- Go for performance-critical services."),
            ["go"]
        );
        assert_eq!(names("Requirements\n• Excel\n"), ["excel"]);
        assert!(names("Requirements\n- Excel in a fast-paced team").is_empty());
        assert_eq!(names("- Go (3+ years)"), ["go"]);
        assert_eq!(names("- Rust — systems work"), ["rust"]);
        assert_eq!(names("- Excel: advanced"), ["excel"]);
        assert_eq!(names("- Rust 🦀"), ["rust"]);
        let cohorts = names("Tutoring experience with Spring and Fall cohorts");
        assert!(!cohorts.contains(&"spring".to_string()), "{cohorts:?}");
        assert_eq!(
            names("Experience with Spring and Hibernate"),
            ["spring", "hibernate"]
        );
        assert_eq!(names("👉 Go\n⭐ Excel\n✔️ R\n"), ["go", "excel", "r"]);
        assert_eq!(
            names("1. Word\n2. Excel\no Swift\na. Rust\n"),
            ["microsoft word", "excel", "swift", "rust"]
        );
        assert_eq!(names("- Used Excel daily"), ["excel"]);
        assert_eq!(
            names("- Maintained an Access database"),
            ["microsoft access"]
        );
        assert!(names("- Go to the site daily").is_empty());
    }

    #[test]
    fn foreign_joining_words_give_context() {
        assert!(names("Manejo de Windows y Linux").contains(&"windows".to_string()));
        assert!(names("Erfahrung mit Salesforce und Excel").contains(&"excel".to_string()));
    }

    #[test]
    fn importance_word_after_a_capitalised_name_counts() {
        assert_eq!(
            names("Rust preferred, and PostgreSQL."),
            ["rust", "postgresql"]
        );
        assert_eq!(names("Excel required for the reports."), ["excel"]);
        assert_eq!(names("Rust is a big plus."), ["rust"]);
        assert_eq!(
            names("- 5+ years of Python — Go is a plus"),
            ["python", "go"]
        );
        assert!(names("- Hiking — Rust is a keen hiker").is_empty());
        assert_eq!(
            names("- Python preferred but Excel is a must"),
            ["python", "excel"]
        );
        assert_eq!(names("Bonus: Rust\n"), ["rust"]);
        assert_eq!(names("- Nice to have: Go\n"), ["go"]);
        assert!(names("Bonus: Go team lunches\n").is_empty());
        assert!(names("Rust is a keen hiker.").is_empty());
        assert!(
            !names("An interest in Acute Admissions is essential.").contains(&"admissions".into())
        );
        assert!(names("Never go required distances alone.").is_empty());
        assert_eq!(
            names("Tableau preferred. SQL is required."),
            ["tableau", "sql"]
        );
    }

    #[test]
    fn wrapped_ambiguous_match_is_checked() {
        let gazetteer = crate::skills::Gazetteer::new(&crate::skills::Taxonomy::builtin());
        let text =
            "Calm under pressure, a reliable charge\nnurse, and a preceptor for new graduates.";

        let found = gazetteer.find(text);

        assert!(found.iter().all(|f| f.end <= text.len()));
    }

    #[test]
    fn wrapped_match_before_organisation_suffix_is_organisation() {
        let text = "Engineer at Spring\nBoot Software since 2020";
        let start = text.find("Spring").unwrap();
        let end = text.find(" Software").unwrap();
        assert!(inside_organisation_name(text, start, end));
    }

    #[test]
    fn abbreviations_of_agencies_laws_and_instruments() {
        for (text, id) in [
            (
                "- Sterilized instruments per OSHA and CDC guidelines",
                "change-data-capture",
            ),
            ("- S2/S3 knowledge and S3 counselling", "s3"),
            ("GCE 'A' Level, 2012", "google-compute-engine"),
            (
                "- Prepared consents under the RMA",
                "return-merchandise-authorization",
            ),
            ("- SEM/EDS and XRD of fracture surfaces", "sem"),
            (
                "- Grounding in AP and\nAR at a distributor",
                "augmented-reality",
            ),
            (
                "- Clio or another practice management system",
                "clinic-management",
            ),
            (
                "- Site observation under the RMA",
                "return-merchandise-authorization",
            ),
        ] {
            assert!(!ids(text).contains(&id.to_string()), "{text}");
        }
        assert!(ids("- Kafka, CDC and Debezium pipelines").contains(&"change-data-capture".into()));
        assert!(ids("- Stored exports in S3 and Redshift").contains(&"s3".into()));
        assert!(ids("- SEM and SEO budgets in Google Ads").contains(&"sem".into()));
    }

    fn ids(text: &str) -> Vec<String> {
        crate::skills::Gazetteer::builtin()
            .find(text)
            .into_iter()
            .map(|m| m.skill_id)
            .collect()
    }

    #[test]
    fn organisation_name_before_town_and_state() {
        let text = "Tarrant Medical Devices, Akron, OH";
        assert!(!ids(text).contains(&"medical-devices".to_string()));
        let text = "Platform contractor, Harrowgate Freight Systems (via a staffing firm)";
        assert!(!ids(text).contains(&"freight".to_string()));
        let text = "- Ten years of product design for medical devices, Akron";
        assert!(ids(text).contains(&"medical-devices".to_string()));
        let text = "- Programmed Siemens Building Automation Systems for four hospitals";
        assert!(ids(text).contains(&"building-automation-systems".to_string()));
    }

    #[test]
    fn general_contractors_are_not_cloud_storage() {
        let text = "- Coordinated with GCs and inspectors on every job";
        assert!(!ids(text).contains(&"google-cloud-storage".to_string()));
        let text = "- Stored exports in GCS and BigQuery";
        assert!(ids(text).contains(&"google-cloud-storage".to_string()));
    }

    #[test]
    fn plc_is_a_skill() {
        assert!(ids("- Wired PLC cabinets for two packaging lines").contains(&"plcs".to_string()));
    }

    #[test]
    fn other_sense_words_drop_match() {
        assert!(!ids("- Bent EMT and rigid conduit up to 4 in.").contains(&"emt".to_string()));
        assert!(ids("EMT-Basic certification, 2019").contains(&"emt".to_string()));
        let text = "- Coordinate workers' compensation claims with our JPA";
        assert!(!ids(text).contains(&"jpa".to_string()));
        let text = "- Unit tests with Unity/CMock on every merge";
        assert!(!ids(text).contains(&"unity".to_string()));
        let text = "- Static and fatigue analysis of engine pylons in Nastran";
        assert!(!ids(text).contains(&"static-code-analysis".to_string()));
        let text = "- Static analysis with SonarQube on every merge request";
        assert!(ids(text).contains(&"static-code-analysis".to_string()));
    }

    #[test]
    fn other_sense_words_drop_language_names() {
        let text = "- Handled a reticulated python during reptile house feedings";
        assert!(!ids(text).contains(&"python".to_string()));
        let text = "- Brewed Java and espresso drinks for the morning rush";
        assert!(!ids(text).contains(&"java".to_string()));
        assert!(!ids("- Ran our Java bar on weekends").contains(&"java".to_string()));
        let text = "- Stocked Swift energy drinks and snacks in the cooler";
        assert!(!ids(text).contains(&"swift".to_string()));
        let text = "- Taught units on Kafka, Orwell and Camus to 11th graders";
        assert!(!ids(text).contains(&"kafka".to_string()));
    }

    #[test]
    fn letters_and_hours_in_other_senses_drop_match() {
        for text in [
            "- Valid Class C driver's license",
            "Licence: C Class (open), first aid",
            "- Access control: Lenel or C•CURE",
            "Preferred\n(a) Python\n(b) dbt\n(c) Kafka",
            "c) Kafka",
            "- CPR Level C certificate",
            "- Spanish (B2), French (C)",
            "- Maths at grade 4/C or above",
        ] {
            assert!(!ids(text).contains(&"c".to_string()), "{text}");
        }
        for text in [
            "- Work 12 hr shifts",
            "- Forklift Operator $19/hr",
            "- $21 per hr",
        ] {
            assert!(
                !ids(text).contains(&"human-resources".to_string()),
                "{text}"
            );
        }
        assert!(ids("Languages: C, R and Go").contains(&"c".to_string()));
        assert!(ids("Skills: HR, payroll and onboarding").contains(&"human-resources".to_string()));
    }

    #[test]
    fn lab_data_and_cafe_senses_drop_match() {
        let text = "- Cell culture in a BSL-2 lab";
        assert!(!ids(text).contains(&"british-sign-language".to_string()));
        let text = "- Ability to take creative direction from the art director";
        assert!(!ids(text).contains(&"creative-direction".to_string()));
        let text = "- Scaled the ingest API to 3k TPS";
        assert!(!ids(text).contains(&"toyota-production-system".to_string()));
        let text = "- Ran Spark jobs on AWS EMR";
        assert!(!ids(text).contains(&"electronic-medical-records".to_string()));
        let text = "- Espresso calibration each morning";
        assert!(!ids(text).contains(&"instrument-calibration".to_string()));
        assert!(
            ids("- Charted in the EMR for 30 patients")
                .contains(&"electronic-medical-records".to_string())
        );
    }

    #[test]
    fn service_and_care_senses_drop_match() {
        let text = "- Steamed milk texturing for latte art";
        assert!(!ids(text).contains(&"texture-painting".to_string()));
        let text = "- Dementia care certification (CDP) for memory care residents";
        assert!(!ids(text).contains(&"segment-cdp".to_string()));
        let text = "- Progress toward ASA/ACAS exams";
        assert!(!ids(text).contains(&"average-speed-of-answer".to_string()));
        let text = "- Salary per negotiated agreement";
        assert!(!ids(text).contains(&"contract-negotiation".to_string()));
        let found = ids("- ERP system (SAP or Oracle)");
        assert!(!found.contains(&"oracle-database".to_string()), "{found:?}");
        let found = ids("- ERP experience (SAP preferred; Oracle acceptable)");
        assert!(!found.contains(&"oracle-database".to_string()), "{found:?}");
        let found = ids("- Oracle DB tuning and ERP reporting");
        assert!(found.contains(&"oracle-database".to_string()), "{found:?}");
    }

    #[test]
    fn other_sense_words_keep_technical_lines() {
        let text = "- Wrote Python services that stream events through Kafka";
        assert!(ids(text).contains(&"python".to_string()));
        assert!(ids(text).contains(&"kafka".to_string()));
        let text = "- Built the coffee shop's ordering app in Swift and SwiftUI";
        assert!(ids(text).contains(&"swift".to_string()));
        let text = "- Maintained Java 17 and CoffeeScript services";
        assert!(ids(text).contains(&"java".to_string()));
    }

    #[test]
    fn line_words_narrow_the_sense() {
        let found = ids("- Negotiated three-year supply agreements with two bottlers");
        assert!(
            found.contains(&"contract-negotiation".to_string()),
            "{found:?}"
        );
        assert!(!found.contains(&"negotiation".to_string()), "{found:?}");
        let found = ids("- Negotiated rates with roofing contractors and dealers");
        assert!(found.contains(&"negotiation".to_string()), "{found:?}");
        let found = ids("Territory management, negotiation, relationship building");
        assert!(found.contains(&"negotiation".to_string()), "{found:?}");
        let found = ids("- Pipeline management and forecasting in Salesforce");
        assert!(
            found.contains(&"sales-forecasting".to_string()),
            "{found:?}"
        );
        assert!(!found.contains(&"forecasting".to_string()), "{found:?}");
        let found = ids("- Demand planning and forecasting for 3,000 SKUs");
        assert!(found.contains(&"forecasting".to_string()), "{found:?}");
        let found = ids("- Negotiate offers within the pay bands");
        assert!(found.contains(&"offer-letters".to_string()), "{found:?}");
        let found = ids("- Commercial tenant improvements: conduit bending, pulling wire");
        assert!(
            found.contains(&"commercial-wiring".to_string()),
            "{found:?}"
        );
        let found = ids("- Managed commercial tenant improvements for two landlords");
        assert!(
            found.contains(&"tenant-improvements".to_string()),
            "{found:?}"
        );
        let found = ids("- Prepare schedules for the annual external audit");
        assert!(
            found.contains(&"audit-preparation".to_string()),
            "{found:?}"
        );
    }

    #[test]
    fn software_and_sales_senses_drop_match() {
        let text = "- Used Crashlytics to triage crashes after each release";
        assert!(!ids(text).contains(&"triage".to_string()));
        assert!(ids("- Perform triage for 40 patients a shift").contains(&"triage".to_string()));
        let text = "- Built Zendesk macros, triggers and routing rules";
        assert!(!ids(text).contains(&"triggers".to_string()));
        let text = "- Negotiate pricing within GPO and IDN contracts";
        assert!(!ids(text).contains(&"group-policy".to_string()));
        let text = "Conference talk: \"Retry budgets in practice\"";
        assert!(!ids(text).contains(&"budgeting".to_string()));
        let text = "- Led fieldwork on financial statement audits";
        assert!(!ids(text).contains(&"field-research".to_string()));
    }

    #[test]
    fn warehouse_measures_are_kpi_tracking() {
        let found = ids("- Track pick rate, dock-to-stock time and order accuracy");
        assert_eq!(found, ["kpi-tracking"; 3]);
        let found = ids("- Hold UPH at 104% of standard");
        assert_eq!(found, ["kpi-tracking"]);
    }

    #[test]
    fn clinic_cma_is_a_medical_assistant() {
        let found = ids("CMA, Harlow Family Medicine clinic, 2021");
        assert!(found.contains(&"certified-medical-assistant".to_string()));
        let found = ids("CMA (Institute of Management Accountants), 2019");
        assert!(found.contains(&"cma".to_string()), "{found:?}");
    }

    #[test]
    fn ambiguous_name_joined_to_next_name() {
        assert_eq!(
            names("Maintained Access and Excel reports for the clinic."),
            ["microsoft access", "excel"]
        );
        assert_eq!(
            names("Built reports in Word or Excel."),
            ["microsoft word", "excel"]
        );
        assert!(names("Improved Access and retention for new families.").is_empty());
    }

    #[test]
    fn versioned_names_in_skill_lists() {
        let text = "TECHNICAL SKILLS\nPython 3.12\nExcel 2019\nGo 1.21\nSwift 5.9\nR 4.3\n\
                    Word — Intermediate\n";
        let start = text.find("Python").expect("list start");
        let list: Vec<Range<usize>> = std::iter::once(start..text.len()).collect();
        let found: Vec<String> = crate::skills::Gazetteer::builtin()
            .find_with_lists(text, &list)
            .into_iter()
            .map(|m| m.name)
            .collect();
        assert_eq!(
            found,
            ["python", "excel", "go", "swift", "r", "microsoft word"]
        );
        assert!(names("Spring 2018 semester abroad").is_empty());
    }

    #[test]
    fn excel_with_stated_level() {
        assert!(
            ids("- Excel at an advanced level: pivot tables, lookups")
                .contains(&"excel".to_string())
        );
        assert!(ids("- Excel beyond the basics").contains(&"excel".to_string()));
        assert!(ids("- Intermediate Excel for labor reporting").contains(&"excel".to_string()));
        assert!(!ids("You excel at an advanced level of service").contains(&"excel".to_string()));
        let text = "Excel expert who builds the monthly forecast. Excel skills: VBA.";
        assert_eq!(ids(text).iter().filter(|id| *id == "excel").count(), 2);
        assert!(!ids("Excel at keeping shelves stocked").contains(&"excel".to_string()));
    }

    #[test]
    fn react_as_a_verb_is_no_skill() {
        for text in [
            "- Must react quickly to swimmers in distress",
            "- React calmly to alarms on the line",
        ] {
            assert!(!ids(text).contains(&"react".to_string()), "{text}");
        }
        assert!(ids("- React to Vue? No: React with TypeScript").contains(&"react".to_string()));
        assert!(ids("- Built the admin UI in React").contains(&"react".to_string()));
    }

    #[test]
    fn welding_processes_are_told_apart() {
        let found = ids("- MIG and TIG welding on stainless; SMAW on structural steel");
        for id in ["mig-welding", "tig-welding", "stick-welding"] {
            assert!(found.contains(&id.to_string()), "{found:?}");
        }
        assert_eq!(ids("- Arc welding of frames"), ["welding"]);
    }

    #[test]
    fn abbreviations_take_the_sense_of_their_line() {
        assert_eq!(
            ids("- CPP certification required for payroll"),
            ["certified-payroll-professional", "payroll"]
        );
        assert!(ids("- Modern C++ (C++17), CMake").contains(&"cpp".to_string()));
        let found = ids("Payroll Specialist, CPP, since 2019 in ADP");
        assert!(!found.contains(&"cpp".to_string()), "{found:?}");
        let found = ids("- Current CMA, RMA or CCMA credential for our clinic");
        assert!(
            !found.contains(&"return-merchandise-authorization".to_string()),
            "{found:?}"
        );
        let found = ids("- Experience with MLS and buyer showings");
        assert!(found.contains(&"mls-listings".to_string()), "{found:?}");
        let found = ids("- DDS or DMD from an ADA-accredited dental school");
        assert!(
            !found.contains(&"ada-accommodations".to_string()),
            "{found:?}"
        );
        let found = ids("- Oracle TMS and Oracle Retail");
        assert!(!found.contains(&"oracle".to_string()), "{found:?}");
    }

    #[test]
    fn versions_and_registrations_name_their_skill() {
        assert_eq!(ids("- Windows 10/11, macOS"), ["windows", "macos"]);
        assert!(ids("- Toast or similar POS experience").contains(&"toast-pos".to_string()));
        assert_eq!(
            ids("- Registration as a Professional Civil Engineer"),
            ["professional-engineer-license"]
        );
        assert!(ids("- Made toast and eggs for the breakfast line").is_empty());
    }

    #[test]
    fn rails_needs_a_technical_reading() {
        assert!(ids("- Mounted breakers on DIN rails").is_empty());
        assert!(!ids("- Installed guard rails on the dock").contains(&"ruby-on-rails".to_string()));
        let found = ids("- Built the billing API in Rails and PostgreSQL");
        assert!(found.contains(&"ruby-on-rails".to_string()), "{found:?}");
    }

    #[test]
    fn names_after_a_title_are_people() {
        assert!(!ids("- Ask Mr. Jenkins about the schedule").contains(&"jenkins".to_string()));
        assert!(!ids("Reference: Dr. Julia Chen").contains(&"julia".to_string()));
        assert!(ids("- Built pipelines in Jenkins").contains(&"jenkins".to_string()));
    }

    #[test]
    fn leadership_as_audience_is_no_skill() {
        for text in [
            "- Presented quarterly findings to senior leadership",
            "- Briefed the executive leadership team on risks",
            "- Prepared board decks for senior leadership",
        ] {
            assert!(!ids(text).contains(&"leadership".to_string()), "{text}");
        }
        let text = "- Showed leadership during the plant move";
        assert!(ids(text).contains(&"leadership".to_string()));
    }

    #[test]
    fn hazmat_beside_a_licence_is_an_endorsement() {
        let found = ids("CDL Class A with Hazmat (H) and Tanker (N) endorsements");
        assert!(
            found.contains(&"hazmat-endorsement".to_string()),
            "{found:?}"
        );
        let found = ids("- Handled hazmat spills in the warehouse");
        assert!(found.contains(&"hazmat".to_string()), "{found:?}");
    }
}
