//! Facts of a job description besides skills: the minimum years of experience and the
//! minimum education level it requires.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::context::{ascii_boundaries, line_range};
use super::requirements::{
    CueHit, Heading, PREFERRED_MAX, cue_importance, heading_at, sentence_importance, waived,
};

/// Counts written as words that a years phrase may use, as a regex alternation: "five",
/// "fifteen", "twenty-five", "thirty two".
pub(crate) const NUMBER_WORDS: &str = "(?:twenty|thirty|forty|fifty)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|one|two|three|four|five|six|seven|eight|nine|zero";

/// Values of the number words in `NUMBER_WORDS`.
const NUMBER_VALUES: &[(&str, u32)] = &[
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
];

/// A count in a length of experience, as a regex alternation: digits with an optional decimal
/// or fraction ("2.5", "1,5", "2½") or number words.
pub(crate) static COUNT: LazyLock<String> =
    LazyLock::new(|| format!(r"\d{{1,3}}(?:[.,]\d|[½¼¾])?|{NUMBER_WORDS}"));

/// The upper end of a range after a count, as a regex fragment: "-5", "–5", " to 5", " to
/// four (4)", " and 5" (after "between"), " and up to 5", " a 5", " bis 5".
static RANGE_END: LazyLock<String> = LazyLock::new(|| {
    format!(
        r"(?:[^\S\n]*(?:[-‐‑‒–—―−~]|to|and(?:[^\S\n]+up[^\S\n]+to)?|a|à|bis|y|e|und|et)[^\S\n]*(?:\d{{1,3}}(?:[.,]\d)?|{NUMBER_WORDS})(?:[^\S\n]*\(\d{{1,3}}\))?)?"
    )
});

/// Words for years and months in English, Spanish, Portuguese, French, German and Dutch, as a
/// regex alternation.
const UNITS: &str =
    r"years?|yrs?|months?|años?|anos?|ans?|jahre?n?|meses|mes|monate?n?|mois|jaar|jaren|maanden";

/// "3+ years", "at least 3 years", "3-5 years", "between 3 and 5 years", "five or more
/// years", "one (1) year", "2.5 years", "18 months", "1 year and 6 months", "a decade of", "a
/// year of" (which needs a word for experience nearby, unlike "$50,000 a year"), and the same
/// in Spanish, Portuguese, French and German ("3 años", "5 Jahre", "6 meses").
static YEARS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&ascii_boundaries(&format!(
        r"(?i)\b(?:(?P<n>{count})(?:[^\S\n]*\(\d{{1,3}}\))?(?:(?:[^\S\n]|-)*(?:\+|plus))?{range}[^\S\n]*\+?[^\S\n]*(?:or more[^\S\n]+)?(?:(?:additional|more|further|extra)[^\S\n]+)?(?P<unit>{UNITS})\b(?:[^\S\n]*(?:and|,)[^\S\n]*(?P<months>\d{{1,2}})[^\S\n]*months?\b)?(?P<tail>(?:[^\S\n]|-)*old)?|(?P<decades>half a|a|one|two|three)[^\S\n]+decades?[^\S\n]+of\b|(?P<a_year>\ba[^\S\n]+(?:full[^\S\n]+)?year[^\S\n]+(?:or[^\S\n]+more[^\S\n]+)?of)\b|(?P<half_year>\bhalf[^\S\n]+a[^\S\n]+year)\b)",
        count = *COUNT,
        range = *RANGE_END,
    )))
    .expect("the years pattern is a fixed, valid regular expression")
});

/// Largest length of experience read, in years. A larger figure is a company's age or a typo.
const MAX_YEARS: f64 = 60.0;

/// Words for experience that must stand next to a count of months or of years in another
/// language before it is read as experience: "6 months" alone may be a probation period.
static EXPERIENCE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:experience|experiencia|experiência|expérience|erfahrung|berufserfahrung|ervaring|werkervaring)\b",
    )
    .expect("the experience word pattern is a fixed, valid regular expression")
});

/// How far after a count of months, or of years in another language, the word for experience
/// may stand, in bytes.
const EXPERIENCE_WORD_WINDOW: usize = 48;

/// How far before such a count the word for experience may stand, in bytes ("experiencia
/// mínima de 2 años").
const EXPERIENCE_WORD_BEFORE: usize = 32;

/// Education levels from the lowest up, with the patterns that name them in a job text.
const LEVELS: &[(&str, &str)] = &[
    (
        "high school",
        r"(?i:high[- ]school|bachillerato|ensino médio|abitur\b)|GED\b|\bHS (?i:diploma|graduate)|\bGCSEs?\b|\bA[- ]levels?\b",
    ),
    (
        "certificate",
        // "Technical program" alone is a kind of manager ("Technical Program Manager").
        r"(?i:(?:technical|vocational|trade)(?: school)? (?:certificate|diploma)|(?:vocational|trade)(?: school)? program|\bmbo\b|certificate(?: program)?,? or (?:an? )?(?:associate|bachelor)|city (?:&|and) guilds)|\bNVQ\b|\bSVQ\b|\bBTEC\b|\bHNC\b|\bCertificate (?:IV|III|II|I|[1-4])\b",
    ),
    (
        "associate",
        r"(?i:associate(?:'s|’s)?(?: degree| of| or|,|/| in (?:applied )?(?:science|arts)\b)|associates(?:'|’)? degree|(?:two|2)-year (?:college |technical )?degree)|\bADN\b|\bA\.A\.S?\.|\bHND\b",
    ),
    (
        "bachelor",
        r"(?i:bachelor(?:'s|’s)?|baccalaureate|(?:four|4)-year (?:college |university )?degree|undergraduate degree|college degree|university degree|licenciatura|grado (?:universitario|en)|t[ií]tulo universitario|titulación universitaria|bacharelado|graduação|ensino superior|licence (?:en|professionnelle)|bac ?\+ ?3|hochschulabschluss|abgeschlossenes studium|\bhbo\b|wo-bachelor)|\b[Dd]egree in [A-Z]|\b[Dd]egree[- ]qualified|\b2[:.][12] degree|(?i:(?:upper|lower) second[- ]class(?: honours)? degree|first[- ]class(?: honours)? degree|honours degree|tertiary (?:qualifications?|degree|education) in)|\bBSN\b|\bB\.?Sc\b|\bB\.[AS]\.|\bB\.Com\b|\bB\.?Ed\b|\bBS(?:/BA)?\b|\bBA\b|\bBSME\b|\bBSEE\b|\bB\.?Eng\b|\bB\.?Tech\b|\bLLB\b|\bBCom\b|\bBFA\b|\bBBA\b",
    ),
    (
        "master",
        r"(?i:masters?(?:'s|’s)?(?: degree| of| in| or|/|,)|\bgraduate degree|post-?graduate (?:degree|qualification|diploma)|máster|maestría|mestrado|master en|master-abschluss|masterabschluss|diplôme d'ingénieur|bac ?\+ ?5|wo-master)|\bMBA\b|\bMSN\b|\bM\.S\.|\bMS\b|\bM\.?Sc\b|\bMSME\b|\bMSEE\b|\bM\.?Eng\b|\bMPhil\b|\bMSW\b|\bMPH\b|\bM\.?Ed\b",
    ),
    (
        "doctorate",
        r"(?i:doctorate|doctoral degree|doctorado|doctorat\b|doutorado|abgeschlossene promotion|juris doctor(?:ate)?|doctor of (?:jurisprudence|pharmacy|nursing practice|physical therapy|psychology|education))|\bPh\.?D\b|\bDPhil\b|\bEd\.?D\b|\bJ\.D\.|\bJD (?i:degree)|\bPharm\.?D\b|\bDDS\b|\bDMD\b|\bDNP\b|\bDPT\b|\bPsy\.?D\b",
    ),
];

static LEVEL_REGEXES: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    LEVELS
        .iter()
        .map(|(level, pattern)| {
            let regex = Regex::new(&ascii_boundaries(pattern))
                .expect("education patterns are fixed, valid regexes");
            (*level, regex)
        })
        .collect()
});

/// Words that follow "MS" in Microsoft product names ("MS Office", "MS Excel"), where "MS" is
/// not a Master of Science.
const MS_PRODUCT_WORDS: &[&str] = &[
    "365",
    "access",
    "dynamics",
    "excel",
    "exchange",
    "office",
    "outlook",
    "powerpoint",
    "project",
    "sharepoint",
    "sql",
    "teams",
    "visio",
    "windows",
    "word",
];

/// Checks whether a level match is the "MS" of a Microsoft product name rather than a degree.
fn is_product_prefix(text: &str, found: &regex::Match<'_>) -> bool {
    if found.as_str() != "MS" {
        return false;
    }
    let next_word = text[found.end()..]
        .trim_start()
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default();
    MS_PRODUCT_WORDS.contains(&next_word.to_lowercase().as_str())
}

/// Checks whether a level match is the "BS" of a British Standard's number ("BS 7671", "BS EN
/// 60204") rather than a degree.
fn is_standard_number(text: &str, found: &regex::Match<'_>) -> bool {
    if found.as_str() != "BS" {
        return false;
    }
    let next_word = text[found.end()..].trim_start_matches([' ', '\u{a0}']);
    next_word.starts_with(|c: char| c.is_ascii_digit()) || next_word.starts_with("EN ")
}

/// Words before "degree in" that name a level, which its own match reads ("Master's degree in
/// Finance", "pursuing a bachelor's degree in History").
const OTHER_LEVEL_WORDS: &[&str] = &[
    "bachelor's",
    "bachelor’s",
    "bachelors",
    "bachelor",
    "master's",
    "master’s",
    "masters",
    "master",
    "graduate",
    "postgraduate",
    "post-graduate",
    "doctoral",
    "doctorate",
    "phd",
    "associate's",
    "associate’s",
    "associates",
    "associate",
    "advanced",
];

/// Checks whether a bare "degree in" match follows a word that names another level.
fn names_other_level(text: &str, found: &regex::Match<'_>) -> bool {
    if !found.as_str().to_lowercase().starts_with("degree") {
        return false;
    }
    let before = text[..found.start()].trim_end();
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '/')
        .next()
        .unwrap_or_default()
        .to_lowercase();
    OTHER_LEVEL_WORDS.contains(&word.as_str())
}

/// Finds the degree mentions of one level in `text`, leaving out Microsoft product names,
/// British Standards and the "degree in" of a named level.
fn level_mentions<'t>(regex: &Regex, text: &'t str) -> impl Iterator<Item = regex::Match<'t>> {
    regex.find_iter(text).filter(move |found| {
        !is_product_prefix(text, found)
            && !is_standard_number(text, found)
            && !names_other_level(text, found)
            && !names_school_audience(text, found)
            && !is_school_name(text, found)
    })
}

/// Returns the importance cue of the sentence around a degree mention at `start..end`,
/// leaving out parentheses after the mention. A parenthesis qualifies the field or another
/// item ("Bachelor's degree (life sciences preferred)"), not whether the degree is required.
fn degree_importance(text: &str, start: usize, end: usize, cues: &[CueHit]) -> Option<f64> {
    let line = line_range(text, start);
    let after = &text[end..line.end.max(end)];
    if !after.contains('(') {
        return cue_importance(text, start, end, cues);
    }
    let mut without_parentheses = text[line.start..end].to_string();
    let mut depth = 0usize;
    for c in after.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => without_parentheses.push(c),
            _ => {}
        }
    }
    sentence_importance(&without_parentheses, start - line.start, end - line.start)
}

/// Checks whether a "High School" mention is part of a school's name ("Cottonwood Ridge High
/// School serves 1,400 students") rather than an education level: it follows a capitalised
/// word that is not a determiner and is not followed by "diploma", "degree" or "equivalent".
fn is_school_name(text: &str, found: &regex::Match<'_>) -> bool {
    if !found.as_str().starts_with('H') {
        return false;
    }
    let previous = text[..found.start()]
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default();
    let capitalised = previous.len() > 1 && previous.starts_with(char::is_uppercase);
    let determiner = matches!(
        previous,
        "A" | "An" | "The" | "Or" | "And" | "Any" | "Minimum" | "Required" | "Completed" | "Valid"
    );
    let next_word = word_after(text, found.end());
    let level_word = matches!(
        next_word.as_str(),
        "diploma" | "degree" | "education" | "equivalent" | "equivalency" | "graduate" | "or"
    );
    capitalised && !determiner && !level_word
}

/// Words after "high school" that make it the students or the subject a teacher serves ("teach
/// high school juniors", "high school chemistry").
const SCHOOL_AUDIENCE_WORDS: &[&str] = &[
    "students",
    "student",
    "juniors",
    "seniors",
    "sophomores",
    "freshmen",
    "classes",
    "class",
    "classroom",
    "classrooms",
    "courses",
    "curriculum",
    "teachers",
    "teacher",
    "teaching",
    "math",
    "mathematics",
    "science",
    "english",
    "chemistry",
    "biology",
    "physics",
    "history",
    "level",
    "campus",
    "athletes",
    "athletics",
];

/// Checks whether a "high school" match names students, classes or a subject rather than a
/// diploma.
fn names_school_audience(text: &str, found: &regex::Match<'_>) -> bool {
    if !found.as_str().to_lowercase().starts_with("high") {
        return false;
    }
    SCHOOL_AUDIENCE_WORDS.contains(&word_after(text, found.end()).as_str())
}

/// Returns the first word after `offset`, lower-cased, or an empty string.
fn word_after(text: &str, offset: usize) -> String {
    text[offset..]
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or_default()
        .to_lowercase()
}

/// A sentence that offers the candidate schooling as a benefit ("Tuition reimbursement toward
/// an MBA", "a BSN completion program is available").
static SCHOOLING_BENEFIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:tuition|reimburse(?:s|d|ment)?|completion\s+program|(?:education|educational|degree)\s+assistance|scholarships?|sponsor(?:s|ed|ship)?|we\s+(?:will\s+)?(?:pay|fund|support)|(?:is|are)\s+available|offered\s+to\s+(?:staff|employees))\b")
        .expect("the schooling benefit pattern is valid")
});

/// Checks whether the sentence around `start..end` offers the degree as a benefit.
fn offers_schooling(text: &str, start: usize, end: usize) -> bool {
    let line = line_range(text, start);
    let sentence_start = text[line.start..start]
        .rfind(['.', '!', '?', ';'])
        .map_or(line.start, |i| line.start + i + 1);
    let line_end = line.end.max(end);
    let sentence_end = text[end..line_end]
        .find(['.', '!', '?', ';'])
        .map_or(line_end, |i| end + i);
    SCHOOLING_BENEFIT.is_match(&text[sentence_start..sentence_end])
}

/// Checks whether the skills and facts under a heading belong to the job's requirements.
fn counts(heading: Heading) -> bool {
    !matches!(heading, Heading::Ignored)
}

/// Returns the minimum years of experience the job requires: the first years phrase under a
/// requirements heading or next to a required cue, else the first one outside ignored sections
/// (benefits and company blurbs). Preferred figures, deadlines and points in time do not
/// count. In "8+ years, including at least 2 years managing people" the first number (the
/// total) is taken, and a range such as "0–2 years" gives its lower end.
pub(crate) fn required_years(
    text: &str,
    headings: &[(usize, Heading)],
    cues: &[CueHit],
) -> Option<f64> {
    let mut found: Vec<(f64, bool, Range<usize>)> = YEARS
        .captures_iter(text)
        .filter(|caps| caps.name("tail").is_none())
        .filter_map(|caps| {
            let whole = caps.get(0).expect("a match has a whole group");
            let (start, end) = (whole.start(), whole.end());
            // "4 years minimum" is required whatever cue the sentence had before it.
            let cue = if MINIMUM_AFTER.is_match(&text[end..]) {
                Some(1.0)
            } else {
                cue_importance(text, start, end, cues).filter(|importance| {
                    *importance > PREFERRED_MAX || !cue_for_other_figure(text, end)
                })
            };
            let heading = heading_at(headings, start);
            // A figure under "Nice to have" is preferred unless its own cue requires it.
            let preferred_heading = matches!(heading, Heading::Cue(i) if i <= PREFERRED_MAX)
                && cue.is_none_or(|importance| importance <= PREFERRED_MAX);
            let preferred =
                preferred_heading || cue.is_some_and(|importance| importance <= PREFERRED_MAX);
            // Decades and months need a word for experience nearby, as other languages do.
            let english = caps
                .name("unit")
                .is_some_and(|unit| unit.as_str().starts_with(['y', 'Y']));
            let experience = english || experience_near(text, start, end);
            let (before, after) = (&text[..start], &text[end..]);
            let not_required = names_deadline(before)
                || instead_of_degree(text, start)
                || degree_instead_after(text, start, end)
                || marks_point_in_time(before, after)
                || names_limit_or_term(text, start, after)
                || in_company_voice(before, after);
            if !counts(heading) || preferred || not_required || !experience {
                return None;
            }
            let years = years_in(&caps)?;
            let required_heading = matches!(heading, Heading::Cue(i) if i > PREFERRED_MAX);
            Some((years, required_heading || cue.is_some(), start..end))
        })
        .collect();
    // "Ideally 5 years of analytics, minimum 2": a bare figure after a minimum word, on a line
    // that states years, is a required length too.
    for caps in BARE_MINIMUM.captures_iter(text) {
        let whole = caps.get(0).expect("a match has a whole group");
        let line = line_range(text, whole.start());
        let states_years = YEARS
            .find_iter(&text[line.start..whole.start()])
            .next()
            .is_some();
        let years = count_value(&caps["n"]);
        if states_years
            && counts(heading_at(headings, whole.start()))
            && let Some(years) = years.filter(|years| (1.0..=MAX_YEARS).contains(years))
        {
            found.push((years, true, whole.range()));
        }
    }
    found.sort_by_key(|(_, _, range)| range.start);
    // "We have 12 years of experience in retail" may come before the requirements. Of the
    // required figures the largest binds: "2+ years with AWS" and "7+ years of software
    // experience" ask for seven years in all.
    // A figure right after "or" is an alternative to the one before, and the smaller is
    // enough: "3+ years of sales management, or 5+ years of retail sales" requires three.
    let required: Vec<&(f64, bool, Range<usize>)> = found.iter().filter(|f| f.1).collect();
    let mut binding: Option<f64> = None;
    let mut index = 0;
    while index < required.len() {
        let mut least = required[index].0;
        while let Some(next) = required.get(index + 1) {
            let between = &text[required[index].2.end..next.2.start];
            let alternative = !between.contains('\n')
                && between
                    .split_whitespace()
                    .next_back()
                    .is_some_and(|w| w.eq_ignore_ascii_case("or"));
            if !alternative {
                break;
            }
            least = least.min(next.0);
            index += 1;
        }
        binding = Some(binding.map_or(least, |b: f64| b.max(least)));
        index += 1;
    }
    binding.or(found.first().map(|f| f.0))
}

/// A minimum written with a bare figure and no unit, at the end of a clause: "minimum 2", "at
/// least three".
static BARE_MINIMUM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:minimum|min\.|at\s+least)\s+(?:of\s+)?(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\s*(?:[;)]|\.(?:\s|$)|$)")
        .expect("the bare minimum pattern is valid")
});

/// Reads a count written in digits or as a word from one to ten.
fn count_value(count: &str) -> Option<f64> {
    const WORDS: [&str; 10] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    count.parse::<f64>().ok().or_else(|| {
        WORDS
            .iter()
            .position(|word| count.eq_ignore_ascii_case(word))
            .map(|index| index as f64 + 1.0)
    })
}

/// "minimum", "at minimum" or "required" right after a years figure ("4 years minimum"),
/// before any other word.
static MINIMUM_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[ \t]*(?:\(?(?:at\s+)?minimum\b|min\.|required\b)")
        .expect("the minimum-after pattern is valid")
});

/// Checks whether the sentence that ends in `before` speaks for the company or its history
/// ("For over 30 years, Holloway Bank has served farmers", "Our team has shipped for 8
/// years"): its figures describe the employer, not what a candidate needs.
fn in_company_voice(before: &str, after: &str) -> bool {
    let sentence_start = before
        .rfind(['.', '!', '?', '\n', ';'])
        .map_or(0, |i| i + 1);
    let sentence_end = after
        .find(['.', '!', '?', '\n', ';'])
        .unwrap_or(after.len());
    let lead = before[sentence_start..].trim_start();
    let sentence = format!("{lead}{}", &after[..sentence_end]);
    super::requirements::opens_in_company_voice(&sentence)
        || !super::requirements::asks_for_someone(&sentence)
            && (EMPLOYER_HISTORY.is_match(&sentence) || NAME_HAS.is_match(lead))
}

/// Words of a sentence about the employer's or its staff's history ("has been in business for
/// 20 years", "team members average 12 years of tenure").
static EMPLOYER_HISTORY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:in\s+business|been\s+around|tenure|on\s+average|averages?|serv(?:ed|ing)\s+(?:customers|clients|families|communities|the))\b")
        .expect("the employer history pattern is valid")
});

/// A capitalised name and "has" right before a figure ("Acme has 20 years of experience in
/// logistics"): the years belong to that name, not to a candidate.
static NAME_HAS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[A-Z][\w&'’.-]*\s+){1,4}(?:has|have)\s+(?:over\s+|more\s+than\s+|nearly\s+|almost\s+)?$")
        .expect("the name-has pattern is valid")
});

/// Checks whether a preferred cue after a years phrase belongs to another figure between them
/// ("3+ years of experience (5+ preferred)", "3 years minimum, 5 years preferred").
fn cue_for_other_figure(text: &str, end: usize) -> bool {
    static PREFERRED_WORD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:preferred|preferably|ideally|desired|a plus|nice to have|bonus)\b")
            .expect("the preferred word pattern is a fixed, valid regular expression")
    });
    let line = line_range(text, end);
    let rest = &text[end..line.end.max(end)];
    PREFERRED_WORD
        .find(rest)
        .is_some_and(|cue| rest[..cue.start()].contains(|c: char| c.is_ascii_digit()))
}

/// "Age" right before a figure ("Age 21+", "age: 18 or over").
static AGE_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bage\s*:?\s*$").expect("the age pattern is valid"));

/// Checks whether the words around a years phrase make it a limit, the term of the job, a
/// minimum age or schooling rather than a minimum of experience: "less than 2 years", "up to 1
/// year", "contract for 2 years", "2 year contract", "25 years of experience combined", "21
/// years of age", "2 years of college coursework", "commit to a minimum of 2 years", "lived in
/// the county for 2 years", "mentor staff with 10+ years", "journeymen with 10+ years mentor
/// every apprentice", "$52-56 with 3+ years" (a pay tier).
fn names_limit_or_term(text: &str, start: usize, after: &str) -> bool {
    static BEFORE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:\b(?:less|fewer) than|\bunder|\bup to|\bbelow|\bat most|\bmaximum(?: of)?)\s*$|\b(?:contract|contrato|contrat|vertrag|fixed-term|duration|assignment|length)\b[^.;\n]{0,30}$|\b(?:commit|commits|committing|commitment|lived|live|resided|reside|residing|resident|stipend|appointment|funded|funding|fellowship)\b[^.;\n]{0,30}$|\b(?:mentor|mentoring|coach|coaching|supervise|supervising|train|training)\s+(?:\w+\s+){0,3}?with\s*$|\b(?:considered|accepted|acceptable)\s+with\s*$|[$£€]\s?\d[^.;\n]{0,30}$|\b\d{1,2}\s*months?\s*(?:to|-|–|—)\s*$|\b(?:journeymen|journeywomen|journeypersons|journey\s+workers|colleagues|co-?workers|teammates|peers|mentors)\s+with\s*$")
            .expect("the limit pattern is a fixed, valid regular expression")
    });
    let line_start = line_range(text, start).start;
    let mut window = start.saturating_sub(40).max(line_start);
    while !text.is_char_boundary(window) {
        window += 1;
    }
    let clause_end = after
        .find(['.', ';', ',', '\n'])
        .unwrap_or(after.len())
        .min(after.floor_char_boundary(40));
    let clause = after[..clause_end].to_lowercase();
    let next = clause.split_whitespace().next().unwrap_or_default();
    // "a 2 year fixed-term contract", "grown 3 years in a row".
    let after_word = matches!(next, "contract" | "fixed-term" | "term" | "appointment")
        || clause.contains("combined")
        || clause.contains("collectively")
        || clause.contains("in a row");
    // "Must be 21 years of age or older", "18 years old", "Age 21+": a minimum age.
    let age = clause
        .split_whitespace()
        .collect::<Vec<_>>()
        .windows(2)
        .any(|pair| {
            pair[0] == "of" && pair[1].trim_end_matches(|c: char| !c.is_alphanumeric()) == "age"
        })
        || next == "old"
        || clause.contains("or older")
        || AGE_BEFORE.is_match(&text[window..start]);
    // "2 years of college coursework", "4 years of high school": schooling, not experience.
    let schooling = ["of ", "in "].iter().any(|joiner| {
        clause
            .trim_start()
            .strip_prefix(joiner)
            .is_some_and(|rest| {
                [
                    "college",
                    "university",
                    "high school",
                    "school",
                    "coursework",
                    "post-secondary",
                ]
                .iter()
                .any(|word| rest.starts_with(word))
            })
    });
    // "No less than 4 years" and "not fewer than 4 years" state a minimum.
    let before = text[window..start].trim_end().to_lowercase();
    let minimum = [
        "no less than",
        "not less than",
        "no fewer than",
        "not fewer than",
    ]
    .iter()
    .any(|words| before.ends_with(words));
    (BEFORE.is_match(&text[window..start]) && !minimum) || after_word || age || schooling
}

/// Checks whether a word for experience is on the same line within
/// `EXPERIENCE_WORD_BEFORE` bytes before `start` or `EXPERIENCE_WORD_WINDOW` bytes after `end`
/// ("6 months of warehouse experience", "experiencia mínima de 2 años").
fn experience_near(text: &str, start: usize, end: usize) -> bool {
    let line = line_range(text, start);
    let mut window_start = start.saturating_sub(EXPERIENCE_WORD_BEFORE).max(line.start);
    while !text.is_char_boundary(window_start) {
        window_start += 1;
    }
    let mut window_end = (end + EXPERIENCE_WORD_WINDOW).min(line.end.max(end));
    while !text.is_char_boundary(window_end) {
        window_end -= 1;
    }
    EXPERIENCE_WORD.is_match(&text[window_start..start])
        || EXPERIENCE_WORD.is_match(&text[end..window_end])
}

/// Checks whether the words around a length make it a point in time or a period of the job
/// rather than experience: "ten years ago", "two years later", "hace 20 años", "vor 5
/// Jahren", "a 6 month probation period", "3 months notice".
pub(crate) fn marks_point_in_time(before: &str, after: &str) -> bool {
    let previous = before
        .split(|c: char| !c.is_alphanumeric())
        .rfind(|w| !w.is_empty())
        .unwrap_or_default()
        .to_lowercase();
    let next = after
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or_default()
        .to_lowercase();
    // "Graduates from the last 2 years", "in the past 5 years": a window of time.
    let ago_before = matches!(previous.as_str(), "hace" | "vor" | "há" | "last" | "past")
        || before.ends_with("il y a ");
    let after_word = after.starts_with(char::is_whitespace)
        && matches!(
            next.as_str(),
            "ago"
                | "later"
                | "earlier"
                | "back"
                | "before"
                | "after"
                | "probation"
                | "probationary"
                | "notice"
                | "trial"
                | "warranty"
                | "guarantee"
        );
    ago_before || after_word
}

/// Reads a length written as a count and a unit ("5 years", "eighteen months", "3 años",
/// "6 meses") in years, rounded to two decimals. Returns `None` above `MAX_YEARS`.
pub(crate) fn length_in_years(count: &str, unit: &str) -> Option<f64> {
    let count = year_count(count)?;
    let unit = unit.to_lowercase();
    let months = unit.starts_with("mo") || unit.starts_with("me");
    let years = if months { count / 12.0 } else { count };
    (years <= MAX_YEARS).then(|| (years * 100.0).round() / 100.0)
}

/// Reads a count of decades ("a", "half a", "two") in years.
pub(crate) fn decades_in_years(count: &str) -> f64 {
    let decades = match count.to_lowercase().as_str() {
        "half a" => 0.5,
        "two" => 2.0,
        "three" => 3.0,
        _ => 1.0,
    };
    10.0 * decades
}

/// Checks whether the text before a years phrase makes it a deadline rather than experience
/// ("Within 2 years, lead our migration").
fn names_deadline(before: &str) -> bool {
    let previous = before
        .split(|c: char| !c.is_alphanumeric())
        .rfind(|word| !word.is_empty())
        .unwrap_or_default()
        .to_lowercase();
    matches!(
        previous.as_str(),
        "within" | "in" | "after" | "next" | "first"
    )
}

/// Reads a count of years written in digits ("5", "2.5") or in words ("five", "twenty-five").
fn year_count(written: &str) -> Option<f64> {
    let fraction = [('½', 0.5), ('¼', 0.25), ('¾', 0.75)]
        .into_iter()
        .find(|(sign, _)| written.ends_with(*sign));
    if let Some((sign, part)) = fraction {
        let whole = written.trim_end_matches(sign).parse::<f64>().ok()?;
        return Some(whole + part);
    }
    if let Ok(number) = written.replace(',', ".").parse::<f64>() {
        return Some(number);
    }
    let mut total = None;
    for word in written.split(['-', ' ']).filter(|w| !w.is_empty()) {
        let (_, value) = NUMBER_VALUES
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(word))?;
        total = Some(total.unwrap_or(0) + value);
    }
    total.map(f64::from)
}

/// Returns the minimum education level the job requires: the lowest level named outside
/// preferred statements ("master's preferred", "MSN a plus") and ignored sections. A level
/// named only as preferred or waived ("A college degree is not required") does not count.
pub(crate) fn education_level(
    text: &str,
    headings: &[(usize, Heading)],
    cues: &[CueHit],
) -> Option<String> {
    for (level, regex) in LEVEL_REGEXES.iter() {
        let required = level_mentions(regex, text).any(|m| {
            let heading = heading_at(headings, m.start());
            let preferred_heading = matches!(heading, Heading::Cue(i) if i <= PREFERRED_MAX);
            // "A degree in English is welcome but not required" is a preference.
            let preferred_cue = degree_importance(text, m.start(), m.end(), cues)
                .is_some_and(|importance| importance <= PREFERRED_MAX)
                || super::requirements::merely_helpful(text, m.start());
            counts(heading)
                && !preferred_heading
                && !preferred_cue
                && !in_title(text, m.start())
                && !still_studying(text, m.start(), m.end())
                && !substitutes_degree(text, m.start(), m.end())
                && !offers_schooling(text, m.start(), m.end())
                && !waived(text, m.range())
        });
        if required {
            return Some((*level).to_string());
        }
    }
    None
}

/// Words before a degree that accept a candidate still studying for it ("currently pursuing a
/// bachelor's degree", "enrolled in an MBA program").
static STUDYING_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:pursuing|working\s+towards?|enrolled\s+in|studying\s+for)\s+(?:an?\s+|the\s+|your\s+)?(?:level\s+\d\s+)?$")
        .expect("the studying pattern is valid")
});

/// Words after a degree that accept a candidate still studying for it ("Bachelor's degree in
/// progress", "BEng or MEng, achieved or expected in 2027").
static STUDYING_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[^.;,\n]{0,40}?\b(?:in\s+progress|underway|(?:currently\s+)?(?:being\s+)?pursued)\b|^[^.;\n]{0,80}?\b(?:achieved\s+or\s+expected|expected\s+(?:in|by)\s+(?:\w+\s+)?\d{4}|expected\s+graduation)\b",
    )
    .expect("the studying pattern is valid")
});

/// Checks whether the degree mention at `start..end` accepts a candidate who is still studying
/// for it, which sets no education level.
fn still_studying(text: &str, start: usize, end: usize) -> bool {
    let line = line_range(text, start);
    STUDYING_BEFORE.is_match(&text[line.start..start])
        || STUDYING_AFTER.is_match(&text[end..line.end.max(end)])
}

/// Checks whether `line` names any level of education, from a high school diploma up.
pub(crate) fn names_education(line: &str) -> bool {
    LEVEL_REGEXES
        .iter()
        .any(|(_, regex)| level_mentions(regex, line).next().is_some())
}

/// "or equivalent experience", "or an equivalent combination of education, training and
/// experience", "or equivalent military experience", "or 4 years of relevant experience".
static EQUIVALENT_EXPERIENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bor\s+(?:an?\s+)?(?:equivalent\s+combination\s+of\s+(?:education|training|experience|schooling)\b|(?:equivalent\s+|(?:\d{1,2}|two|three|four|five|six|seven|eight|ten)\+?\s+(?:or\s+more\s+)?years?\s+(?:of\s+)?)(?:practical\s+|professional\s+|work\s+|relevant\s+|related\s+|industry\s+|military\s+|equivalent\s+)?(?:work\s+)?experience\b)|\bequivalent\s+(?:work\s+|practical\s+|professional\s+)?experience\s+(?:is\s+|will\s+be\s+)?(?:accepted|acceptable|considered)\b")
        .expect("the equivalent experience pattern is valid")
});

/// A degree, then "or" right before a figure: "Bachelor's degree or 4 years of relevant
/// experience" offers the years in place of the degree.
static DEGREE_OR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bor\s+(?:an?\s+)?$").expect("the degree-or pattern is valid")
});

/// A lower degree offered in place of another together with experience, up to the word that
/// adds the experience: "or high school diploma plus ", "or an associate degree and ".
static DEGREE_OR_WITH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bor\s+(?:an?\s+)?(?P<degree>[^.;]{2,60}?)\s*(?:\b(?:plus|and|with)\b|\+)\s*(?:at\s+least\s+|a\s+minimum\s+of\s+)?$")
        .expect("the degree-or-with pattern is valid")
});

/// Experience that follows a lower degree offered as a substitute: "plus 4 years of
/// experience", "and two years of related experience", "with relevant experience".
static WITH_EXPERIENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[^.;]{0,30}?(?:\b(?:plus|and|with)\b|\+)\s*(?:at\s+least\s+|a\s+minimum\s+of\s+)?(?:(?:\d{1,2}|one|two|three|four|five|six|seven|eight|ten)\+?\s*(?:\(\d{1,2}\)\s*)?(?:years?|yrs)\b|(?:\w+\s+){0,2}experience\b)")
        .expect("the with-experience pattern is valid")
});

/// Checks whether the years figure at `start` is offered in place of a degree named before it
/// on its line, alone ("Bachelor's degree or 4 years of relevant experience") or with a lower
/// degree ("Bachelor's degree, or high school diploma plus 4 years of experience"), so it
/// requires nothing of a candidate who has the degree.
fn instead_of_degree(text: &str, start: usize) -> bool {
    let line = line_range(text, start);
    let before = &text[line.start..start];
    if DEGREE_OR.is_match(before) && names_education(before) {
        return true;
    }
    // "In lieu of degree, 4 additional years" and "5 years' experience in lieu of a degree".
    let clause_before = before.rsplit(';').next().unwrap_or_default();
    let clause_after = text[start..line.end.max(start)]
        .split(';')
        .next()
        .unwrap_or_default();
    if SUBSTITUTES_FOR_SCHOOLING.is_match(clause_before)
        || SUBSTITUTES_FOR_SCHOOLING.is_match(clause_after)
    {
        return true;
    }
    // The last "or" leads to the offered degree: in "MSc or PhD, or a bachelor's degree
    // plus 3 years" the bachelor's is offered in place of the MSc or PhD.
    let last_or = before
        .char_indices()
        .filter(|(at, _)| {
            before
                .get(*at..at + 3)
                .is_some_and(|word| word.eq_ignore_ascii_case("or "))
                && before[..*at].ends_with(|c: char| !c.is_alphanumeric())
        })
        .map(|(at, _)| at)
        .next_back();
    last_or.is_some_and(|or| {
        DEGREE_OR_WITH
            .captures(&before[or..])
            .is_some_and(|caps| lower_level(&caps["degree"], &before[..or]))
    })
}

/// "or" leading from a length of experience to another way to qualify.
static OR_INSTEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:,\s*|\s)or\s+(?:an?\s+|the\s+)?").expect("the or-instead pattern is valid")
});

/// Checks whether a length of experience at `start..end` that opens its line's demands is
/// followed, in its sentence, by "or" and a degree that qualifies in its place ("One year of
/// specialized experience, OR a Ph.D."). The years are then offered in place of the degree,
/// not asked of everyone.
fn degree_instead_after(text: &str, start: usize, end: usize) -> bool {
    let line = line_range(text, start);
    if names_education(&text[line.start..start]) {
        return false;
    }
    let line_end = line.end.max(end);
    let after = &text[end..line_end];
    // A full stop after a lower-case letter or a digit ends the sentence; the dots of "Ph.D."
    // and "B.S." do not.
    let bytes = after.as_bytes();
    let sentence_end = (0..bytes.len())
        .find(|&i| {
            bytes[i] == b';'
                || bytes[i] == b'.'
                    && i > 0
                    && (bytes[i - 1].is_ascii_lowercase() || bytes[i - 1].is_ascii_digit())
                    && bytes
                        .get(i + 1)
                        .is_none_or(|next| next.is_ascii_whitespace())
        })
        .unwrap_or(after.len());
    let sentence = &after[..sentence_end];
    OR_INSTEAD.find_iter(sentence).any(|or| {
        LEVEL_REGEXES.iter().any(|(_, regex)| {
            level_mentions(regex, &sentence[or.end()..])
                .next()
                .is_some_and(|m| m.start() <= 12)
        })
    })
}

/// Returns the rank (index in [`LEVELS`]) of the highest education level `text` names.
fn level_rank(text: &str) -> Option<usize> {
    LEVEL_REGEXES
        .iter()
        .rposition(|(_, regex)| level_mentions(regex, text).next().is_some())
}

/// Checks whether `offered` names a lower education level than `required`, so it and
/// experience replace the level required ("Bachelor's degree, or high school diploma plus
/// 4 years"). A level as high ("High school diploma or GED and three years", "Bachelor's or
/// master's degree and 3 years") is another way to meet the same level, and the years are
/// required as well.
fn lower_level(offered: &str, required: &str) -> bool {
    level_rank(offered)
        .zip(level_rank(required))
        .is_some_and(|(offered, required)| offered < required)
}

/// Reads a match of [`YEARS`] as years, rounded to two decimals: a count of years or months
/// with any months after it, a count of decades, or "a year of".
fn years_in(caps: &regex::Captures<'_>) -> Option<f64> {
    let months = caps
        .name("months")
        .and_then(|m| m.as_str().parse::<f64>().ok())
        .unwrap_or(0.0);
    if caps.name("half_year").is_some() {
        return Some(0.5);
    }
    let years = match (caps.name("decades"), caps.name("a_year")) {
        (Some(decades), _) => decades_in_years(decades.as_str()),
        (None, Some(_)) => 1.0,
        (None, None) => length_in_years(&caps["n"], &caps["unit"])? + months / 12.0,
    };
    Some((years * 100.0).round() / 100.0)
}

/// Returns the fewest years of experience the job accepts in place of a degree ("Bachelor's
/// degree or 4 years of relevant experience" gives 4), if it states any.
pub(crate) fn offered_years(text: &str) -> Option<f64> {
    YEARS
        .captures_iter(text)
        .filter_map(|caps| {
            let whole = caps.get(0)?;
            if !instead_of_degree(text, whole.start())
                && !degree_instead_after(text, whole.start(), whole.end())
            {
                return None;
            }
            years_in(&caps)
        })
        .filter(|years| *years > 0.0 && *years <= MAX_YEARS)
        .reduce(f64::min)
}

/// Checks whether the degree mention at `start..end` is a lower degree offered with experience
/// in place of a degree named before it on its line ("Bachelor's degree, or high school diploma
/// plus 4 years of experience"). It sets no education level: the degree before it does.
fn substitutes_degree(text: &str, start: usize, end: usize) -> bool {
    let line = line_range(text, start);
    let before = &text[line.start..start];
    let after = &text[end..line.end.max(end)];
    let or = [" or ", " Or ", " OR "]
        .iter()
        .filter_map(|word| before.rfind(word))
        .max();
    or.is_some_and(|or| {
        let between = &before[or..];
        lower_level(&text[start..end], &before[..or])
            && !between.contains([',', ';'])
            && WITH_EXPERIENCE.is_match(after)
    })
}

/// Experience offered in place of schooling without naming a degree: "in lieu of a degree",
/// "experience may substitute for education".
static SUBSTITUTES_FOR_SCHOOLING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bin\s+lieu\s+of\s+(?:an?\s+|the\s+)?(?:degree|diploma|education|formal\s+education)\b|\b(?:may|can|will)\s+(?:be\s+)?substitute[ds]?\s+for\s+(?:the\s+|an?\s+)?(?:degree|education|educational)\b|\bsubstitut(?:e|es|ed|ion)\s+for\s+(?:the\s+|an?\s+)?(?:degree|education)\b")
        .expect("the substitution pattern is valid")
});

/// Checks whether a line that names a degree also accepts equivalent experience in its place,
/// or a lower degree with experience ("PhD, or MS with 5+ years of industry experience"), or
/// whether any line offers experience in place of schooling ("in lieu of a degree").
pub(crate) fn accepts_equivalent_experience(text: &str) -> bool {
    let mut offset = 0;
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    for (index, line) in lines.iter().enumerate() {
        let lower_degree_instead = LEVEL_REGEXES
            .iter()
            .flat_map(|(_, regex)| level_mentions(regex, line))
            .any(|m| substitutes_degree(text, offset + m.start(), offset + m.end()));
        // "or an equivalent combination of" may wrap onto the next line, which then goes on in
        // lower case.
        let wrapped = match lines.get(index + 1) {
            Some(next)
                if !line.trim_end().ends_with(['.', ';', ':'])
                    && next.trim_start().starts_with(char::is_lowercase) =>
            {
                format!("{} {}", line.trim_end(), next.trim_start())
            }
            _ => line.to_string(),
        };
        let years_instead = YEARS
            .find_iter(line)
            .any(|years| degree_instead_after(text, offset + years.start(), offset + years.end()));
        if (EQUIVALENT_EXPERIENCE.is_match(&wrapped) && names_education(line))
            || SUBSTITUTES_FOR_SCHOOLING.is_match(line)
            || lower_degree_instead
            || years_instead
        {
            return true;
        }
        offset += line.len();
    }
    false
}

/// End of the field of study after a degree: a sentence or clause end, "or equivalent", a word
/// that starts another demand ("with", "plus", "using"), or "and" before a figure, a verb or a
/// new item ("and 5+ years", "and know QuickBooks", "and a valid license").
static FIELD_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[.;!?]|\bor\s+(?:an?\s+)?equivalent\b|\b(?:with|plus|using|including|who|that|where|while)\b|\band\s+(?:\d|know|knows|have|has|be|are|is|can|experience|proficien|familiar|strong|solid|hands-on|working|use|using|an?\s|active|valid|current)")
        .expect("the field end pattern is valid")
});

/// "degree in" with no level before it ("A degree in Nursing"), which names a field of study
/// all the same. "Degree of" is left alone: "a high degree of Excel proficiency".
static DEGREE_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:degrees?|diploma)\s+in\b").expect("the degree-in pattern is valid")
});

/// School-leaving grades and the word that leads to their subjects: "GCSEs (grade 4/C or
/// above) including", "A-levels in", "Leaving Certificate incl.".
static SCHOOL_SUBJECTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:i?gcses?|(?:a|as|o)[\s-]levels?|leaving\s+cert(?:ificate)?|highers|standard\s+grades?)\b[^.;\n]{0,60}?\b(?:including|incl\.?|in)\s")
        .expect("the school subjects pattern is valid")
});

/// Checks whether `offset` in `line` lies on a degree of associate level or higher or on the
/// field of study after it ("Bachelor's degree in Accounting and Finance"), or on the subjects
/// of school grades ("GCSEs including Maths and English"). A field is not a skill
/// requirement. A skill after the field ("… and know QuickBooks") or before the degree still
/// is.
pub(crate) fn in_degree_field(line: &str, offset: usize) -> bool {
    LEVEL_REGEXES
        .iter()
        .filter(|(level, _)| !matches!(*level, "high school" | "certificate"))
        .flat_map(|(_, regex)| level_mentions(regex, line))
        .chain(DEGREE_IN.find_iter(line))
        .chain(SCHOOL_SUBJECTS.find_iter(line))
        .any(|degree| {
            let end = FIELD_END
                .find(&line[degree.end()..])
                .map_or(line.len(), |found| degree.end() + found.start());
            (degree.start()..end).contains(&offset)
        })
}

/// Checks whether `offset` lies on the first line when that line reads like a title (short,
/// not a list item or a sentence) and more lines follow, because such a line is the job title
/// ("High School Teacher").
pub(crate) fn in_title(text: &str, offset: usize) -> bool {
    let start = text.trim_start();
    let skipped = text.len() - start.len();
    let first_line = start.lines().next().unwrap_or_default();
    let more_lines = start.trim_end().contains('\n');
    offset >= skipped
        && offset < skipped + first_line.len()
        && more_lines
        && reads_like_title(first_line.trim())
}

/// Checks for a short line that is neither a list item nor a sentence.
fn reads_like_title(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let bullet = line.starts_with(['-', '*', '•', '·', '–']);
    let sentence = line.ends_with(['.', ',', ';', ':']);
    (1..=12).contains(&words) && !bullet && !sentence
}

#[cfg(test)]
mod tests {
    use super::super::requirements::{find_cues, headings};
    use super::*;

    fn years(text: &str) -> Option<f64> {
        required_years(text, &headings(text), &find_cues(text))
    }

    fn level(text: &str) -> Option<String> {
        education_level(text, &headings(text), &find_cues(text))
    }

    #[test]
    fn deadlines_and_preferred_years_are_skipped() {
        let text = "Data Engineer\nWhat you will do\n- Within 2 years, lead our migration\n\
            Requirements\n- SQL\n";
        assert_eq!(years(text), None);
        let text =
            "Data Engineer\nRequirements\n- 10 years of experience preferred, 3 years required\n";
        assert_eq!(years(text), Some(3.0));
    }

    #[test]
    fn years_forms_are_read() {
        assert_eq!(years("Requirements\n- 5+ years of Python\n"), Some(5.0));
        assert_eq!(years("At least 3 years in retail.\n"), Some(3.0));
        assert_eq!(years("Five or more years of sales.\n"), Some(5.0));
        assert_eq!(
            years("0–2 years of experience; new graduates welcome\n"),
            Some(0.0)
        );
        assert_eq!(
            years("Minimum 2 years of acute care experience\n"),
            Some(2.0)
        );
        assert_eq!(
            years("A junior role: zero to two years of\nprofessional experience.\n"),
            Some(0.0)
        );
        assert_eq!(
            years("Requirements\n- A decade of experience in plant maintenance\n"),
            Some(10.0)
        );
        assert_eq!(years("We have spent a decade of growth in Ohio.\n"), None);
        assert_eq!(
            years("Requirements\n- Five-plus years in plant maintenance\n"),
            Some(5.0)
        );
    }

    #[test]
    fn months_and_other_languages_need_an_experience_word() {
        assert_eq!(
            years("Requirements\n- 18 months of warehouse experience\n"),
            Some(1.5)
        );
        assert_eq!(years("Requirements\n- Six months experience\n"), Some(0.5));
        assert_eq!(years("A 6 months probation period applies.\n"), None);
        assert_eq!(
            years("Requisitos\n- Al menos 3 años de experiencia en ventas\n"),
            Some(3.0)
        );
        assert_eq!(
            years("Profil\n- Mindestens 5 Jahre Berufserfahrung\n"),
            Some(5.0)
        );
        assert_eq!(
            years("Profil\n- 2 ans d'expérience en comptabilité\n"),
            Some(2.0)
        );
        assert_eq!(
            years("Wat vragen wij\n- Minimaal 3 jaar ervaring als analist\n"),
            Some(3.0)
        );
        assert_eq!(years("Fundada hace 20 años en Madrid.\n"), None);
    }

    #[test]
    fn years_ago_are_no_requirement() {
        assert_eq!(
            years("- Our platform started on Java ten years ago.\n"),
            None
        );
        let kotlin = "We adopted Kotlin 6 years ago, experience with Kotlin required.\n";
        assert_eq!(years(kotlin), None);
        let spanish = "Usamos Java desde hace 20 años; buscamos experiencia con Java.\n";
        assert_eq!(years(spanish), None);
        let recent = "Requirements\n- Graduates from the last 2 years are encouraged to apply.\n";
        assert_eq!(years(recent), None);
        let window = "Requirements\n- 3+ years of experience in the past 5 years.\n";
        assert_eq!(years(window), Some(3.0));
    }

    #[test]
    fn required_section_years_win_over_company_years() {
        let text = "Engineer\nWe are a company with over 12 years of experience in retail.\n\
                    Requirements\n- 5 years of experience as an engineer.\n";
        assert_eq!(years(text), Some(5.0));
    }

    #[test]
    fn decimals_ranges_and_large_counts_are_read() {
        assert_eq!(years("- 2.5 years of experience\n"), Some(2.5));
        assert_eq!(years("- 1,5 años de experiencia\n"), Some(1.5));
        assert_eq!(years("- 120 months of experience\n"), Some(10.0));
        assert_eq!(years("- 59 months of experience\n"), Some(4.92));
        assert_eq!(years("- Between 3 and 5 years of experience\n"), Some(3.0));
        assert_eq!(years("- Entre 3 y 5 años de experiencia\n"), Some(3.0));
        assert_eq!(years("- 3‒5 years of experience\n"), Some(3.0));
        assert_eq!(years("- 3−5 years of experience\n"), Some(3.0));
        assert_eq!(years("- 99 years of experience\n"), None);
    }

    #[test]
    fn limits_terms_and_other_figures_are_no_minimum() {
        assert_eq!(
            years("- 3+ years of experience (5+ preferred).\n"),
            Some(3.0)
        );
        assert_eq!(years("- 3 years minimum, 5 years preferred.\n"), Some(3.0));
        assert_eq!(
            years("- 10+ years of experience preferred, 4 years minimum.\n"),
            Some(4.0)
        );
        assert_eq!(
            years("- Ideally 8 years, 5 years (minimum) of accounting work\n"),
            Some(5.0)
        );
        let mentor = "Responsibilities\n- Mentor engineers with less than 2 years of experience.\n";
        assert_eq!(years(mentor), None);
        let coach = "Requirements\n- You will coach graduates with under 1 year of experience.\n\
                     - 4 years of experience.\n";
        assert_eq!(years(coach), Some(4.0));
        assert_eq!(
            years("Our team has 25 years of experience combined.\n"),
            None
        );
        assert_eq!(years("Terms\n- Fixed-term contract for 2 years.\n"), None);
        assert_eq!(years("- Contrato de experiência de 3 meses.\n"), None);
        assert_eq!(years("This is a 2 year fixed-term contract.\n"), None);
        assert_eq!(
            years("Join a team that has grown 3 years in a row.\n"),
            None
        );
        assert_eq!(
            years("- 1 year of retail experience\n- At least 2 years of college coursework\n"),
            Some(1.0)
        );
        assert_eq!(years("- Completion of 4 years of high school\n"), None);
    }

    #[test]
    fn number_word_ranges_and_mixed_lengths() {
        assert_eq!(years("- Two to four years of experience\n"), Some(2.0));
        assert_eq!(
            years("- A minimum of one (1) year of experience.\n"),
            Some(1.0)
        );
        assert_eq!(years("- 1 year and 6 months of experience\n"), Some(1.5));
    }

    #[test]
    fn foreign_months_and_leading_experience_words_count() {
        assert_eq!(years("- 6 meses de experiencia\n"), Some(0.5));
        assert_eq!(years("- 18 Monate Berufserfahrung\n"), Some(1.5));
        assert_eq!(years("- Experiencia mínima de 2 años\n"), Some(2.0));
    }

    #[test]
    fn total_years_win_over_sub_role_years() {
        let text = "- 8+ years of accounting, including at least 2 years managing people\n";
        assert_eq!(years(text), Some(8.0));
    }

    #[test]
    fn company_facts_are_not_required_years() {
        let text = "About us\nA 100-year-old maker with 20 years in business.\n\
                    Requirements\n- 4 years of maintenance work\n";
        assert_eq!(years(text), Some(4.0));
        assert_eq!(years("We sell 70,000 units a year.\n"), None);
    }

    #[test]
    fn degree_words_set_levels() {
        assert_eq!(
            level("Requirements\n- Two-year degree in HVAC technology\n").as_deref(),
            Some("associate")
        );
        assert_eq!(
            level("Requirements\n- College degree\n").as_deref(),
            Some("bachelor")
        );
        assert_eq!(
            level("Requirements\n- 2-year college degree\n").as_deref(),
            Some("associate")
        );
        assert_eq!(
            level("Requirements\n- Bachelor's degree in progress\n"),
            None
        );
        assert_eq!(
            level("Requirements\n- Currently pursuing a bachelor's degree\n"),
            None
        );
    }

    #[test]
    fn lowest_required_level_is_taken() {
        assert_eq!(
            level("- Associate or Bachelor's degree in Nursing\n").as_deref(),
            Some("associate")
        );
        assert_eq!(
            level("- Bachelor's degree in Accounting; master's preferred\n").as_deref(),
            Some("bachelor")
        );
        assert_eq!(
            level("- High school diploma or GED\n").as_deref(),
            Some("high school")
        );
        assert_eq!(
            level("- Paralegal certificate or a bachelor's degree\n").as_deref(),
            Some("certificate")
        );
        assert_eq!(
            level("- Associates Degree in Business\n").as_deref(),
            Some("associate")
        );
        assert_eq!(
            level("- Associate in Applied Science or equivalent\n").as_deref(),
            Some("associate")
        );
        assert_eq!(level("- Train our associates, managers and leads\n"), None);
        assert_eq!(level("- MSW required\n").as_deref(), Some("master"));
        assert_eq!(
            level("- DDS or DMD from an ADA-accredited dental school\n").as_deref(),
            Some("doctorate")
        );
    }

    #[test]
    fn degrees_in_other_languages_are_read() {
        let spanish = "Requisitos\n- Licenciatura en Administración de Empresas\n";
        let german = "Profil\n- Abgeschlossenes Studium der Informatik\n";
        let portuguese = "Requisitos\n- Ensino médio completo\n";

        assert_eq!(level(spanish).as_deref(), Some("bachelor"));
        assert_eq!(level(german).as_deref(), Some("bachelor"));
        assert_eq!(level(portuguese).as_deref(), Some("high school"));
        assert_eq!(
            level("Requisitos\n- Máster en Finanzas\n").as_deref(),
            Some("master")
        );
        let cases = [
            ("Profil\n- Bac+5 en informatique\n", "master"),
            ("Profil\n- Master en informatique\n", "master"),
            ("Requisitos\n- Graduação em Computação\n", "bachelor"),
            ("Requisitos\n- Grado en Ingeniería\n", "bachelor"),
            (
                "Wat vragen wij\n- Een afgeronde hbo-opleiding\n",
                "bachelor",
            ),
            ("Functie-eisen\n- Diploma mbo niveau 4\n", "certificate"),
        ];
        for (text, expected) in cases {
            assert_eq!(level(text).as_deref(), Some(expected), "{text}");
        }
        assert_eq!(level("Requirements\n- Valid driver's licence\n"), None);
        let promotion = "Profil\n- Abgeschlossene Promotion in Informatik\n";
        assert_eq!(level(promotion).as_deref(), Some("doctorate"));
    }

    #[test]
    fn required_years_take_largest_figure() {
        let text =
            "Requirements\n- 2+ years with AWS\n- 7+ years of professional software experience\n";
        assert_eq!(years(text), Some(7.0));
        let text =
            "Requirements\n- 3+ years of retail sales management, or 5+ years of retail sales\n";
        assert_eq!(years(text), Some(3.0));
    }

    #[test]
    fn required_years_read_a_year_of() {
        let text = "Requirements\n- A year of kitchen experience\n";
        assert_eq!(years(text), Some(1.0));
        let text = "You have at least a year of experience with SQL.\n";
        assert_eq!(years(text), Some(1.0));
        let text = "Pay: $48,000 a year of base salary plus tips.\n";
        assert_eq!(years(text), None);
    }

    #[test]
    fn company_history_sets_no_required_years() {
        let text = "Loan Officer\nFor over 30 years, Holloway Bank has served farmers.\n\
            Requirements\n- Lending experience\n";
        assert_eq!(years(text), None);
        let text = "Requirements\n- Python\n\nOur team of 12 engineers has shipped for 8 years straight.\n";
        assert_eq!(years(text), None);
        let text = "Requirements\n- You have used Python for 3+ years\n";
        assert_eq!(years(text), Some(3.0));
        let text = "We're looking for someone with 4+ years of experience in sales.\n";
        assert_eq!(years(text), Some(4.0));
        let text = "Our ideal candidate has 6 years of accounting experience.\n";
        assert_eq!(years(text), Some(6.0));
        let text = "Acme has been in business for 20 years. You have 3+ years of Python.\n";
        assert_eq!(years(text), Some(3.0));
        let text =
            "Acme has 20 years of experience in logistics.\nYou have 2 years of dispatch work.\n";
        assert_eq!(years(text), Some(2.0));
        let text = "Team members average 12 years of tenure.\nRequirements\n- 1 year of retail\n";
        assert_eq!(years(text), Some(1.0));
        let text = "Requirements\n- Has 5+ years of payroll experience\n";
        assert_eq!(years(text), Some(5.0));
    }

    #[test]
    fn degree_alternative_years_not_required() {
        let text = "Requirements\n- Bachelor's degree or 4 years of relevant experience\n";
        assert_eq!(years(text), None);
        let text = "Requirements\n- Bachelor's degree\n- 4 years of relevant experience\n";
        assert_eq!(years(text), Some(4.0));
    }

    #[test]
    fn lower_degree_with_experience_substitutes() {
        let text = "Requirements\n- Bachelor's degree in Business, or high school diploma plus 4 \
            years of relevant experience\n";
        assert_eq!(years(text), None);
        assert_eq!(level(text).as_deref(), Some("bachelor"));
        let text = "Requirements\n- Bachelor's degree or an associate degree and two years of IT \
            support experience\n";
        assert_eq!(years(text), None);
        assert_eq!(level(text).as_deref(), Some("bachelor"));
        // Without a degree before "or", the figure and the lower degree are the requirement.
        let text = "Requirements\n- High school diploma plus 4 years of warehouse experience\n";
        assert_eq!(years(text), Some(4.0));
        assert_eq!(level(text).as_deref(), Some("high school"));
        assert_eq!(
            level("- Associate or Bachelor's degree in Nursing\n").as_deref(),
            Some("associate")
        );
        // A degree of the same or a higher level is another way to meet it, so the years count.
        let text = "Requirements\n- High school diploma or GED and three years of payroll \
            experience\n";
        assert_eq!(years(text), Some(3.0));
        let text = "Requirements\n- Bachelor's or master's degree and 3 years of experience\n";
        assert_eq!(years(text), Some(3.0));
    }

    #[test]
    fn years_offered_for_a_degree_are_kept() {
        let text = "Requirements\n- Bachelor's degree or 4 years of relevant experience\n";
        assert_eq!(offered_years(text), Some(4.0));
        let text = "Requirements\n- Bachelor's degree, or high school diploma plus 2 years of \
            experience\n";
        assert_eq!(offered_years(text), Some(2.0));
        assert_eq!(offered_years("Requirements\n- 3+ years of SQL\n"), None);
    }

    #[test]
    fn waived_degree_sets_no_level() {
        for text in [
            "Requirements\n- A college degree is not required.\n",
            "Requirements\n- A bachelor's degree is not required.\n",
            "Requirements\n- No college degree needed.\n",
        ] {
            assert_eq!(level(text), None, "{text}");
        }
        assert_eq!(
            level("Requirements\n- Masters degree in Education required.\n").as_deref(),
            Some("master")
        );
    }

    #[test]
    fn professional_doctorates_set_doctorate() {
        for text in [
            "Requirements\n- Juris Doctor from an accredited law school\n",
            "Requirements\n- J.D. and admission to the state bar\n",
            "Requirements\n- PharmD and an active pharmacist license\n",
            "Requirements\n- Doctor of Nursing Practice (DNP)\n",
        ] {
            assert_eq!(level(text).as_deref(), Some("doctorate"), "{text}");
        }
        assert_eq!(level("Requirements\n- Read the JD before applying\n"), None);
    }

    #[test]
    fn years_under_preferred_heading_are_not_required() {
        let text =
            "Frontend Engineer\nYou know React well.\n\nNice to have\n- 5+ years with Next.js\n";
        assert_eq!(years(text), None);
        let text = "Nice to have\n- Must have 2+ years with Next.js\n";
        assert_eq!(years(text), Some(2.0));
    }

    #[test]
    fn minimum_age_is_no_required_years() {
        for line in [
            "- Must be 21 years of age or older",
            "- Applicants must be at least 18 years of age",
            "- Must be 21 years or older",
            "- Age 21+",
        ] {
            let text = format!("Requirements\n{line}\n- 2 years of bartending experience\n");
            assert_eq!(years(&text), Some(2.0), "{line}");
        }
    }

    #[test]
    fn equivalent_experience_is_read() {
        for line in [
            "Bachelor's degree in Computer Science or equivalent experience",
            "BS in Accounting, or an equivalent combination of education and experience",
            "Degree in Computer Science (or equivalent practical experience); BA preferred",
            "Bachelor's degree or 4 years of relevant experience",
            "PhD in Chemistry, or MS with 5+ years of industry experience",
            "Bachelor's degree; military logistics experience may substitute for education",
            "Two years of related work in lieu of a degree",
            "Bachelor's degree or an equivalent combination of education, training and experience",
            "Bachelor's degree in logistics or equivalent military experience",
            "Bachelor's degree in accounting, or an equivalent combination of\n  education and experience",
        ] {
            assert!(accepts_equivalent_experience(line), "{line}");
        }
        assert!(!accepts_equivalent_experience(
            "- Bachelor's degree\n- 3 years of SQL or equivalent experience"
        ));
        assert!(!accepts_equivalent_experience("Bachelor's degree required"));
        assert!(!accepts_equivalent_experience(
            "3+ years of SQL or equivalent experience with Python"
        ));
    }

    #[test]
    fn undergraduate_and_abbreviated_degrees_have_levels() {
        for (line, expected) in [
            (
                "Requirements\n- Undergraduate degree in engineering\n",
                "bachelor",
            ),
            ("Requirements\n- 4-year college degree\n", "bachelor"),
            ("Requirements\n- BEng or equivalent\n", "bachelor"),
            ("Requirements\n- MEng in Mechanical Engineering\n", "master"),
            ("Requirements\n- Graduate degree in statistics\n", "master"),
        ] {
            assert_eq!(level(line).as_deref(), Some(expected), "{line}");
        }
    }

    #[test]
    fn commonwealth_degrees_have_levels() {
        for (line, expected) in [
            ("Requirements\n- B.Sc. in Chemistry\n", "bachelor"),
            ("Requirements\n- B.Com with Tally experience\n", "bachelor"),
            (
                "Requirements\n- M.Sc. Physics with B.Ed. (mandatory)\n",
                "bachelor",
            ),
            (
                "Requirements\n- Degree in Accounting or Finance\n",
                "bachelor",
            ),
            (
                "Requirements\n- Postgraduate degree in data science\n",
                "master",
            ),
            (
                "Requirements\n- HND in Electrical Engineering\n",
                "associate",
            ),
            (
                "Mandatory qualifications\n- Certificate IV in Hospital Pharmacy Support\n",
                "certificate",
            ),
            (
                "Requirements\n- Tertiary qualifications in Civil Engineering\n",
                "bachelor",
            ),
            (
                "Requirements\n- NVQ Level 3 in Electrical Installation\n",
                "certificate",
            ),
            ("Requirements\n- Master's degree in Finance\n", "master"),
        ] {
            assert_eq!(level(line).as_deref(), Some(expected), "{line}");
        }
    }

    #[test]
    fn bracketed_range_takes_lower_end() {
        let text = "Requirements\n- Two (2) to four (4) years of experience in payroll\n";
        assert_eq!(years(text), Some(2.0));
        let text = "Requirements\n- Minimum of two (2) and up to four (4) years of experience\n";
        assert_eq!(years(text), Some(2.0));
    }

    #[test]
    fn commitments_residence_and_colleagues_ask_no_years() {
        for line in [
            "- Commit to a minimum of 2 years of service",
            "- Must have lived in the county for 2 years",
            "- Mentor staff with 10+ years of experience",
            "- CPP (FPC considered with 7+ years)",
            "- Journeymen with 10+ years mentor every apprentice",
            "- Pay: Tier 1: $48-52; Tier 2: $52-56 with 3+ years",
        ] {
            let text = format!("Requirements\n- 1 year of experience\n{line}\n");
            assert_eq!(years(&text), Some(1.0), "{line}");
        }
    }

    #[test]
    fn years_or_degree_offers_the_years_instead() {
        let text = "Minimum Qualifications\nOne year of specialized experience at the GS-9 \
                    level, OR a Ph.D. or equivalent doctoral degree.\n";
        assert_eq!(years(text), None);
        assert_eq!(offered_years(text), Some(1.0));
        assert!(accepts_equivalent_experience(text));
        let text = "Requirements\n- 5 years of experience. Associate or bachelor's degree.\n";
        assert_eq!(years(text), Some(5.0));
    }

    #[test]
    fn lieu_and_minimum_wordings_are_read() {
        let text = "Requirements\n- Bachelor's degree in Accounting; in lieu of degree, 4 \
                    additional years of accounting experience\n- Excel\n";
        assert_eq!(years(text), None);
        assert_eq!(offered_years(text), Some(4.0));
        assert!(accepts_equivalent_experience(text));
        let text = "Requirements\n- Degree, or 5 years' experience in lieu of a degree\n";
        assert_eq!(years(text), None);
        assert_eq!(offered_years(text), Some(5.0));
        let text = "Requirements\n- BS in CS; equivalent experience accepted\n";
        assert!(accepts_equivalent_experience(text));
        let text = "Requirements\n- No less than 4 years of warehouse experience\n";
        assert_eq!(years(text), Some(4.0));
        let text = "Requirements\n- Ideally 5 years of analytics experience, minimum 2\n";
        assert_eq!(years(text), Some(2.0));
        let text = "Requirements\n- 3 years of analytics experience; minimum 2.5 GPA\n";
        assert_eq!(years(text), Some(3.0));
        let text = "Requirements\n- 6 months to 1 year of retail experience\n";
        assert_eq!(years(text), Some(0.5));
        let text = "Requirements\n- At least half a year of retail experience\n";
        assert_eq!(years(text), Some(0.5));
        let text = "Requirements\n- Master's or PhD in Statistics\n";
        assert_eq!(level(text).as_deref(), Some("master"));
    }

    #[test]
    fn last_or_leads_to_the_offered_degree() {
        let text = "Qualifications\n- MSc or PhD in chemistry, or a bachelor's degree plus 3 \
                    years of lab experience\n";
        assert_eq!(years(text), None);
        assert_eq!(offered_years(text), Some(3.0));
        assert_eq!(level(text).as_deref(), Some("master"));
    }

    #[test]
    fn students_and_benefits_set_no_level() {
        let text =
            "Requirements\n- Bachelor's degree required. You will teach high school juniors.\n";
        assert_eq!(level(text).as_deref(), Some("bachelor"));
        let text = "Requirements\n- Active RN license\n- A BSN completion program is available.\n";
        assert_eq!(level(text), None);
        let text = "Requirements\n- 2 years of accounting experience\n\
                    - Tuition reimbursement toward an MBA\n";
        assert_eq!(level(text), None);
        let text = "Requirements\n- High school diploma or GED\n";
        assert_eq!(level(text).as_deref(), Some("high school"));
    }

    #[test]
    fn students_and_british_classes_read_right() {
        let text = "Requirements\n- Currently pursuing a bachelor's degree in History\n";
        assert_eq!(level(text), None);
        let text =
            "Requirements\n- A BEng or MEng in civil engineering, achieved or expected in 2027\n";
        assert_eq!(level(text), None);
        let text = "Requirements\n- Working towards the Level 3 NVQ Diploma\n";
        assert_eq!(level(text), None);
        let text = "Requirements\n- A 2:1 degree in a science subject\n";
        assert_eq!(level(text).as_deref(), Some("bachelor"));
        let text = "Requirements\n- An upper second class honours degree\n";
        assert_eq!(level(text).as_deref(), Some("bachelor"));
        let text = "Requirements\n- A degree in English or marketing is welcome but not required\n";
        assert_eq!(level(text), None);
        let text = "Requirements\n- Five GCSEs including English and Maths\n";
        assert_eq!(level(text).as_deref(), Some("high school"));
    }

    #[test]
    fn words_starting_with_age_are_experience() {
        for line in [
            "- 3 years of agency experience",
            "- 2 years of agent experience",
            "- 2 years of aged-care experience",
        ] {
            let text = format!("Requirements\n{line}\n");
            assert!(years(&text).is_some(), "{line}");
        }
        for line in [
            "- The appointment is for two years",
            "- The post is grant funded for two years",
            "- A stipend for 3.5 years",
        ] {
            let text = format!("Requirements\n- 1 year of experience\n{line}\n");
            assert_eq!(years(&text), Some(1.0), "{line}");
        }
    }

    #[test]
    fn british_standard_number_is_no_degree() {
        let text = "Requirements\n- 18th Edition wiring regulations (BS 7671)\n";
        assert_eq!(level(text), None);
    }

    #[test]
    fn preferred_degree_alone_sets_no_level() {
        assert_eq!(level("Nice to have\n- MSN\n"), None);
        assert_eq!(level("- An MBA is a plus.\n"), None);
    }

    #[test]
    fn preferred_field_keeps_degree_required() {
        let text = "Requirements\n1. Bachelor's degree (life sciences preferred)\n";
        let preferred =
            "Requirements\n- High school diploma\n- Bachelor's degree preferred (any field)\n";

        assert_eq!(level(text), Some("bachelor".to_string()));
        assert_eq!(level(preferred), Some("high school".to_string()));
    }

    #[test]
    fn school_name_is_not_a_level() {
        let text = "Science Teacher\nCottonwood Ridge High School\n\n\
            Cottonwood Ridge High School serves 1,400 students.\n\
            Requirements\n- Bachelor's degree in biology\n";
        let diploma = "Requirements\n- A High School diploma or GED\n";

        assert_eq!(level(text), Some("bachelor".to_string()));
        assert_eq!(level(diploma), Some("high school".to_string()));
    }

    #[test]
    fn hs_diploma_is_high_school() {
        assert_eq!(
            level("Requirements\n- HS diploma or equivalent\n"),
            Some("high school".to_string())
        );
    }

    #[test]
    fn microsoft_product_is_not_a_degree() {
        let text = "Requirements\n- MS Office, especially Excel and Outlook\n- MS SQL reporting\n";

        assert_eq!(level(text), None);
        assert!(!in_degree_field(
            "MS Office, especially Excel and Outlook",
            20
        ));
    }

    #[test]
    fn ms_degree_is_a_master_level() {
        assert_eq!(
            level("Requirements\n- MS in Mechanical Engineering\n"),
            Some("master".to_string())
        );
        assert_eq!(
            level("Requirements\n- BS/MS in Computer Science\n"),
            Some("bachelor".to_string())
        );
        assert!(in_degree_field("MS in Mechanical Engineering", 10));
    }

    #[test]
    fn school_grade_subjects_are_no_skills() {
        let line = "GCSEs (grade 4/C or above) including Maths and English";
        assert!(in_degree_field(
            line,
            line.find("Maths").expect("a subject")
        ));
        let line = "Diploma in Chemical, Metallurgical or Materials Engineering Technology";
        assert!(in_degree_field(
            line,
            line.find("Materials").expect("a field")
        ));
        let line = "A-levels in Chemistry; Excel skills";
        assert!(!in_degree_field(line, line.find("Excel").expect("a skill")));
    }

    #[test]
    fn degree_row_under_an_importance_column_is_required() {
        let text = "Qualifications\nItem\tRequired / Preferred\tNotes\n\
            B.S. in Mechanical Engineering\tRequired\tABET-accredited program\n\
            M.S. in Mechanical Engineering\tPreferred\t\n";
        assert_eq!(level(text).as_deref(), Some("bachelor"));
    }

    #[test]
    fn technical_program_manager_is_no_certificate() {
        let text = "Lead Technical Program Manager\nMinimum qualifications:\n\
            Bachelor's degree in Computer Science.\nAbout the job\n\
            You will manage a group of Technical Program Managers across product groups.\n";
        assert_eq!(level(text).as_deref(), Some("bachelor"));
        assert_eq!(
            level("Requirements\n- Vocational program in welding\n").as_deref(),
            Some("certificate")
        );
    }

    #[test]
    fn job_title_is_not_an_education_level() {
        let text = "High School Science Teacher\nRequirements\n- Bachelor's degree\n";
        assert_eq!(level(text).as_deref(), Some("bachelor"));
    }
}
