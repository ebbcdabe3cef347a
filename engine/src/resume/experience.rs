//! Experience intervals: date ranges such as "Jan 2019 – Present", "2019-03 – 2021-11",
//! "03/2019 to 11/2021", "3/19 – 11/21", "2018 – 2020" or "enero 2020 – actualidad", and the
//! length of their union.
//!
//! Months are the unit and a range lasts its end month minus its start month, so
//! "Jan 2019 – Mar 2019" is two months and "2018 – 2020" (a bare year means January) is two
//! years, while "2019 – 2019" runs from January to December. "Present" and ends after `as_of`
//! become `as_of`'s month. Ranges on lines that
//! describe a career break, sabbatical or leave are not experience.

use std::ops::Range;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::{Captures, Regex};

/// English, Spanish, French and German month names and their usual abbreviations.
const MONTH: &str = r"m[äa]rz|okt(?:ober)?|jan(?:uary|vier|eiro)?|janv|feb(?:ruary|rero)?|f[ée]vr?(?:ier|ereiro)?|mar(?:ch|zo|s|ço)?|apr(?:il)?|abr(?:il)?|avr(?:il)?|may(?:o)?|mai(?:o)?|june?|junio|junho|juin|july?|julio|julho|juil(?:let)?|aug(?:ust)?|ago(?:sto)?|ao[uû]t|sept?(?:ember|iembre|embre)?|setembro|set|oct(?:ober|ubre|obre)?|out(?:ubro)?|nov(?:ember|iembre|embre|embro)?|dec(?:ember)?|d[ée]c(?:embre)?|dic(?:iembre)?|dez(?:embro)?|ene(?:ro)?";

/// Dashes, hyphens, minus signs and tildes written between the two dates of a range.
const DASH: &str = "-|‐|‑|‒|–|—|―|−|－|﹘|﹣|⸺|⸻|~|〜";

/// English season names.
const SEASON: &str = r"spring|summer|fall|autumn|winter";

/// Builds the pattern for one date with named groups prefixed by `p`. The forms are:
/// - season and year, or a quarter and year ("Q2 2019");
/// - month name and year ("Mar 2019", "Mar-2019", "March of 2019"), with any day ignored
///   ("March 3, 2019", "15 March 2019", "14-Mar-2019");
/// - a full numeric date ("03/15/2019", or "15/03/2019" when the first number is over 12),
///   also with dots or hyphens ("14.03.2019", "14-03-2019");
/// - a year and a month name ("2019 Mar");
/// - month name and a two-digit year after an apostrophe ("Mar '19");
/// - `YYYY-MM` with any day ignored ("2019-03-14"), `MM/YYYY`, `MM/YY` or a bare year;
/// - a two-digit year after an apostrophe ("'18").
///
/// Each form but the last starts at a word boundary.
fn date_pattern(p: &str) -> String {
    format!(
        r"(?:\b(?:(?P<{p}sn>{SEASON})\s+'?(?P<{p}sy>\d{{4}})|Q(?P<{p}qn>[1-4])\s*(?P<{p}qy>\d{{4}})|(?:\d{{1,2}}(?:st|nd|rd|th)?(?:\s+|-))?(?P<{p}mn>{MONTH})\.?(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?,?(?:\s+of)?(?:\s*|-)'?(?P<{p}my>\d{{4}})|(?P<{p}da>\d{{1,2}})(?P<{p}ds>[/.-])(?P<{p}db>\d{{1,2}})[/.-](?P<{p}dy>\d{{4}})|(?P<{p}yy>\d{{4}})\s+(?P<{p}ymn>{MONTH})\b|(?P<{p}an>{MONTH})\.?\s*['’‘](?P<{p}ay>\d{{2}})|(?P<{p}iy>\d{{4}})[-/.](?P<{p}im>\d{{1,2}})(?:[-/.](?:0?[1-9]|[12]\d|3[01])\b)?|(?P<{p}nm>\d{{1,2}})[-/.](?P<{p}ny>\d{{4}})|(?P<{p}tm>\d{{1,2}})/(?P<{p}ty>\d{{2}})\b|(?P<{p}y>\d{{4}}))|['’‘](?P<{p}ry>\d{{2}})\b)"
    )
}

/// A season with its year on its own, such as "Summer 2020": a job that lasted that season.
static SEASON_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?P<season>{SEASON})\s+'?(?P<year>\d{{4}})\b"
    ))
    .expect("the season pattern is built from fixed, valid parts")
});

/// A season over a run of years ("Summers 2017 – 2019") or a list of years ("Summers 2018,
/// 2019 and 2021"): that season in each of the years.
static SEASONS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?P<season>{SEASON})s\s+'?(?P<first>\d{{4}})(?:\s*(?:{DASH}|to|through|thru)\s*'?(?P<last>\d{{4}})|(?P<list>(?:\s*(?:,|and|&|,\s*and)\s*'?\d{{4}})+))\b"
    ))
    .expect("the seasons pattern is built from fixed, valid parts")
});

/// First and last month (1 to 12) of a season. Winter is the January to March term, as in
/// "Winter 2021" for a school term or internship.
fn season_months(name: &str) -> Option<(i32, i32)> {
    match name.to_lowercase().as_str() {
        "spring" => Some((3, 5)),
        "summer" => Some((6, 8)),
        "fall" | "autumn" => Some((9, 11)),
        "winter" => Some((1, 3)),
        _ => None,
    }
}

/// Two months of one year with the year written once: "Jan–May 2023", "June to August 2019".
static SAME_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?P<first>{MONTH})\.?\s*(?:{DASH}|to|through|thru)\s*(?P<last>{MONTH})\.?,?\s*(?P<year>\d{{4}})\b"
    ))
    .expect("the same-year pattern is built from fixed, valid parts")
});

/// A range of two dates, or a start date and a word for now ("– Present", "onwards"). Besides
/// the full date forms, the end may be a year's last two digits ("2018-21") or a month and
/// those two digits ("Jan 2018 – Mar 21"). In a table row the two dates may sit in cells of
/// their own ("Jan 2019 | Mar 2023"), which counts only when the start has a month.
static RANGE: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?i){}(?:\s*(?:(?:{DASH}){{1,2}}(?:\s*(?:till|to|until))?|to|until|through|thru|till|bis|(?P<cell>\||\t))\s*(?:{}|(?P<eshort>\d{{2}})|(?P<emn2>{MONTH})\.?\s*(?P<emy2>\d{{2}})|(?:the\s+|\(\s*)?(?P<now>presently|present|presente|pres|current|currently|now|today|ongoing|date|actualidad|actualmente|actual|atualmente|atual|hoy|aujourd['’]hui|pr[ée]sent|heute)\)?)|\s*(?:(?:{DASH})\s*)?(?P<onward>onwards?))\b",
        date_pattern("s"),
        date_pattern("e"),
    );
    Regex::new(&pattern).expect("the date range pattern is built from fixed, valid parts")
});

/// A range whose two dates stand alone on two lines with no dash ("08/2021" over "Present",
/// "Aug 2021" over "Dec 2023"), perhaps labelled ("Start: 08/2021" over "End: Present").
static STACKED: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?im)^[ \t]*(?:(?:start(?:ed)?|began|from)[ \t]*:?[ \t]*)?{}[ \t]*\r?\n[ \t]*(?:(?:end(?:ed)?|to|until)[ \t]*:?[ \t]*)?(?:{}|(?P<now>present|current|currently|now|today|ongoing))[ \t]*$",
        date_pattern("s"),
        date_pattern("e"),
    );
    Regex::new(&pattern).expect("the stacked range pattern is built from fixed, valid parts")
});

/// Group names of [`date_pattern`] that hold a month, so the date is more than a bare year.
const MONTH_GROUPS: [&str; 9] = ["mn", "an", "iy", "nm", "tm", "qn", "sn", "da", "yy"];

/// A range of month names with two-digit years and no apostrophe ("Jan 19 - Mar 22", "Sep 21 –
/// Present"). Without the apostrophe the digits could be days, so both ends must take this
/// form, or the end must be a word for now. A range that a full year follows is a span of days
/// ("Jan 19 – Mar 22, 2021"), which [`short_ranges`] leaves out.
static SHORT_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    // ASCII word boundaries keep the search on the fast engine for text with other letters.
    Regex::new(&(format!(
        r"(?i)\b(?P<smn>{MONTH})\.?\s+(?P<sy>\d{{2}})\s*(?:{DASH}|to|until|through|thru|till)\s*(?:(?P<emn>{MONTH})\.?\s+(?P<ey>\d{{2}})|(?P<now>presently|present|current|currently|now|today|ongoing|date))\b"
    )
    .replace(r"\b", r"(?-u:\b)")))
    .expect("the short range pattern is built from fixed, valid parts")
});

/// A full year right after a short range, which makes its numbers days.
static YEAR_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^,?\s*\d{4}(?-u:\b)").expect("the year-after pattern is valid"));

/// Checks whether a short range matched in `caps` dates a job: no full year follows it.
fn dates_months(text: &str, caps: &Captures<'_>) -> bool {
    caps.get(0)
        .is_some_and(|whole| !YEAR_AFTER.is_match(&text[whole.end()..]))
}

/// Finds the ranges of [`SHORT_RANGE`] that no full year follows.
fn short_ranges(text: &str) -> impl Iterator<Item = Captures<'_>> {
    SHORT_RANGE
        .captures_iter(text)
        .filter(|caps| dates_months(text, caps))
}

/// An open range written with its start alone: "Since March 2022", "since 2019", "From Jan
/// 2018".
static SINCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?P<word>since|from)\s+{}\b",
        date_pattern("s")
    ))
    .expect("the since pattern is built from fixed, valid parts")
});

/// Most words a line may hold for a "since" date on it to date a job: a heading line such as
/// "Acme Corp | Since March 2022", not a sentence ("Since 2019 I have led…").
const SINCE_LINE_WORDS: usize = 12;

/// Checks whether the "since" or "from" date at `at` is set apart on a short line, between
/// separators or line ends ("Acme Corp | Since March 2022", "From Jan 2018"), or ends a line of
/// capitalised names ("Analyst at Oakridge Co since 2020"), so it dates a job rather than a
/// sentence ("Grew revenue 40% since 2021").
fn dates_heading(text: &str, at: Range<usize>) -> bool {
    let line = crate::skills::line_range(text, at.start);
    let before = text[line.start..at.start].trim_end();
    let after = text[at.end..line.end].trim_start();
    let opens = before.is_empty()
        || before.ends_with(['|', ',', '(', '–', '—', '-', '·', '•'])
        || (after.is_empty() && names_only(before));
    let closes = after.is_empty() || after.starts_with(['|', ',', ')', '–', '—', '-', '·', '•']);
    opens && closes && text[line].split_whitespace().count() <= SINCE_LINE_WORDS
}

/// Words that may join the capitalised words of a title and an employer ("Analyst at Oakridge
/// Co", "Head of Sales for Brightline").
const NAME_JOINERS: &[&str] = &["at", "of", "for", "and", "&", "the", "in"];

/// Checks whether text contains only capitalised words and the joiners between them, as a
/// title and an employer do.
fn names_only(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let first_capital = words
        .first()
        .is_some_and(|word| word.starts_with(char::is_uppercase));
    first_capital
        && words.iter().all(|word| {
            word.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                || NAME_JOINERS.contains(word)
        })
}

/// Two month names and a dash with no year ("Jun–Aug", "June to August"), as written beside a
/// season ("Summer 2025 (Jun–Aug)").
static MONTHS_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?:{MONTH})\.?\s*(?:{DASH}|to|through|thru)\s*(?:{MONTH})\.?$"
    ))
    .expect("the months-only pattern is built from fixed, valid parts")
});

/// Checks whether a part of a job header is two month names and a dash, which name no employer.
pub(crate) fn months_only(part: &str) -> bool {
    MONTHS_ONLY.is_match(part.trim())
}

/// A start date and a dash that ends its line with no end date ("Mar 2021 –", "(Mar 2021 –
/// )"), or that a wide gap parts from the title in a column layout ("2019–        Senior
/// Lecturer"), which resumes write for a job that goes on.
static OPEN_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?im){}[^\S\n]*(?:{DASH}){{1,2}}(?:[^\S\n]*[)\]]?[^\S\n]*$|(?:[^\S\n]{{3,}}|\t)[^\S\n]*)",
        date_pattern("s")
    ))
    .expect("the open end pattern is built from fixed, valid parts")
});

/// The start of a date range right after a date: a dash or "to" and another date or a word
/// for now.
static RANGE_GOES_ON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^[^\S\n]*(?:(?:{DASH})|to\b|until\b|through\b)[^\S\n]*(?:\d|['’‘]|present|current|now\b|{MONTH})"
    ))
    .expect("the range-goes-on pattern is built from fixed, valid parts")
});

/// Checks whether two bare years in cells of their own ("| 2016 | 2019 |") date the table row
/// they are in: the row has two cells with names in them, no other number of four digits, and
/// the years run forward.
fn year_cells_date_a_row(text: &str, caps: &Captures<'_>) -> bool {
    let (Some(whole), Some(first), Some(last)) = (caps.get(0), caps.name("sy"), caps.name("ey"))
    else {
        return false;
    };
    let line = crate::skills::line_range(text, whole.start());
    let after = &text[whole.end()..line.end.max(whole.end())];
    let rest = format!("{}{after}", &text[line.start..whole.start()]);
    let named = rest.split(['|', '\t']).filter(|cell| {
        cell.split_whitespace()
            .any(|word| word.chars().filter(|c| c.is_alphabetic()).count() >= 2)
    });
    // A title and an employer, unlike "Awards | 2019 | 2021".
    let named = named.count() >= 2;
    let other_number = rest
        .split(|c: char| !c.is_ascii_digit())
        .any(|digits| digits.len() >= 4);
    named && !other_number && first.as_str() <= last.as_str()
}

/// Finds the matches of [`RANGE`] in text order. A match whose dash ends a line and whose end
/// date starts a range of its own ("Mar 2021 –" over "Jan 2019 – Feb 2021") is two entries,
/// not one range. Such a match is left out, and the search goes on at the next line, where the
/// second range is read whole. [`OPEN_END`] reads the first.
fn range_captures(text: &str) -> Vec<Captures<'_>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(caps) = RANGE.captures_at(text, from) {
        let Some(whole) = caps.get(0) else {
            break;
        };
        let wrapped = whole.as_str().find('\n');
        if let Some(newline) = wrapped
            && RANGE_GOES_ON.is_match(&text[whole.end()..])
        {
            from = whole.start() + newline + 1;
            continue;
        }
        from = whole.end().max(whole.start() + 1);
        found.push(caps);
    }
    found
}

/// Reads the end of a range written as a bare year and the last two digits of another
/// ("2018-21"), as a year. The two digits must come after the start's own, and when spaces
/// surround the dash nothing but a separator may follow, so "2019 - 25 people" is no range.
fn short_end_year(text: &str, caps: &Captures<'_>, short: &str) -> Option<i32> {
    let start: i32 = caps.name("sy")?.as_str().parse().ok()?;
    let end = start - start.rem_euclid(100) + short.parse::<i32>().ok()?;
    let whole = caps.get(0)?;
    let spaced = whole.as_str().contains(char::is_whitespace);
    let line = crate::skills::line_range(text, whole.start());
    let after = text[whole.end()..line.end.max(whole.end())].trim_start();
    let apart = after.is_empty() || after.starts_with(['|', ',', ')', '–', '—', '·', '•']);
    (end > start && (!spaced || apart)).then_some(end)
}

/// A range of months from its start month up to its end month, counted as
/// `year * 12 + month0`.
pub(crate) type MonthRange = (i32, i32);

/// Words that mark a dated line as study rather than a job: its dates are not experience, but
/// the skills on it still count.
const STUDY_WORDS: &[&str] = &[
    "student teaching",
    "student teacher",
    "practicum",
    "clinical rotation",
    "clinicals",
    "full-time student",
    "student,",
    "student |",
    "student –",
    "student —",
    "student -",
];

/// Words that mark a line as a break from work rather than a job.
const BREAK_WORDS: &[&str] = &[
    "career break",
    "sabbatical",
    "parental leave",
    "maternity leave",
    "paternity leave",
    "family leave",
    "leave of absence",
    "career gap",
    "gap year",
    "caregiving",
    "full-time caregiver",
    "family caregiver",
    "stay-at-home parent",
    "stay-at-home mom",
    "stay-at-home dad",
    "stay at home parent",
    "stay at home mom",
    "stay at home dad",
    "homemaker",
    "full-time parent",
    "gap:",
    "unemployed",
    "job seeking",
    "job search",
    "laid off",
    "made redundant",
    "redundancy",
    "personal leave",
    "medical leave",
    "sick leave",
    "raising children",
    "raising my children",
    "raising a family",
    "time off to",
    "break in employment",
    "employment break",
    "employment gap",
    "career pause",
];

/// A date range of work written in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DatedRange {
    /// Bytes of the date text.
    pub(crate) at: Range<usize>,
    /// First and last month, the last clamped to the as-of month.
    pub(crate) months: MonthRange,
    /// Whether the range runs to the present.
    pub(crate) current: bool,
    /// Whether the range is work, not a career break or study.
    pub(crate) work: bool,
}

/// Finds the date ranges in `text`, clamped to `as_of`, leaving out career breaks.
pub(crate) fn month_ranges(text: &str, as_of: NaiveDate) -> Vec<MonthRange> {
    dated_ranges(text, as_of)
        .into_iter()
        .filter(|range| range.work)
        .map(|range| range.months)
        .collect()
}

/// Finds the date ranges in `text` with their places, in text order. Ranges on lines that
/// describe a career break or study are marked as not work.
pub(crate) fn dated_ranges(text: &str, as_of: NaiveDate) -> Vec<DatedRange> {
    let mut ranges = written_ranges(text, as_of);
    ranges.retain(|r| r.months.0 <= r.months.1);
    ranges
}

/// Finds every date range written in `text`, in text order, whichever way round it runs.
pub(crate) fn written_ranges(text: &str, as_of: NaiveDate) -> Vec<DatedRange> {
    let now = as_of.year() * 12 + as_of.month0() as i32;
    let counts = |at: usize| !describes_break(text, at) && !describes_study(text, at);
    // A range from `start` to `end`, clamped to the as-of month.
    let dated = |at: Range<usize>, start: i32, end: i32, current: bool| DatedRange {
        work: counts(at.start),
        at,
        months: (start, end.min(now)),
        current: current || end > now,
    };
    // "Summers 2017 – 2019": one season in each year, not the years between.
    let mut ranges = Vec::new();
    let mut matched = Vec::new();
    for caps in SEASONS.captures_iter(text) {
        let (Some(whole), Some((first_month, last_month))) =
            (caps.get(0), season_months(&caps["season"]))
        else {
            continue;
        };
        let Ok(first) = caps["first"].parse::<i32>() else {
            continue;
        };
        let years: Vec<i32> = match (caps.name("last"), caps.name("list")) {
            (Some(last), _) => {
                let last = last.as_str().parse::<i32>().unwrap_or(first);
                (first..=last.min(first + 10)).collect()
            }
            (None, Some(list)) => std::iter::once(first)
                .chain(
                    list.as_str()
                        .split(|c: char| !c.is_ascii_digit())
                        .filter_map(|year| year.parse().ok()),
                )
                .collect(),
            (None, None) => continue,
        };
        matched.push(whole.range());
        for year in years {
            let end = year * 12 + last_month - 1;
            ranges.push(DatedRange {
                at: whole.range(),
                months: (year * 12 + first_month - 1, end.min(now)),
                current: end > now,
                work: counts(whole.start()),
            });
        }
    }
    let seasons = matched.clone();
    let written = range_captures(text).into_iter().filter_map(|caps| {
        let whole = caps.get(0)?;
        if seasons
            .iter()
            .any(|r| r.start < whole.end() && whole.start() < r.end)
        {
            return None;
        }
        matched.push(whole.range());
        let start = month_of(&caps, "s", as_of.year())?;
        let month_written = MONTH_GROUPS
            .iter()
            .any(|name| caps.name(&format!("s{name}")).is_some());
        if caps.name("cell").is_some() && !month_written && !year_cells_date_a_row(text, &caps) {
            return None;
        }
        let current = caps.name("now").is_some() || caps.name("onward").is_some();
        let mut end = if current {
            now
        } else if let Some(short) = caps.name("eshort") {
            short_end_year(text, &caps, short.as_str())? * 12
        } else if let Some(name) = caps.name("emn2") {
            let year = full_year(caps["emy2"].parse().ok()?, as_of.year());
            year * 12 + month_from_name(name.as_str())? - 1
        } else {
            month_of(&caps, "e", as_of.year())?
        };
        // "2019 – 2019" is a job within that year, so it runs to December.
        let bare_years = caps.name("sy").zip(caps.name("ey"));
        if bare_years.is_some_and(|(first, last)| first.as_str() == last.as_str()) {
            end = start + 11;
        }
        Some(dated(whole.range(), start, end, current))
    });
    ranges.extend(written.collect::<Vec<_>>());
    // Two bare years on two lines ("2016" over "2019") may be anything, so the start needs a
    // month unless the end is a word for now.
    for caps in STACKED.captures_iter(text) {
        let Some(whole) = caps.get(0) else {
            continue;
        };
        let month_written = MONTH_GROUPS
            .iter()
            .any(|name| caps.name(&format!("s{name}")).is_some());
        let current = caps.name("now").is_some();
        if matched
            .iter()
            .any(|r| r.start < whole.end() && whole.start() < r.end)
            || !(month_written || current)
        {
            continue;
        }
        let (Some(start), Some(end)) = (
            month_of(&caps, "s", as_of.year()),
            if current {
                Some(now)
            } else {
                month_of(&caps, "e", as_of.year())
            },
        ) else {
            continue;
        };
        matched.push(whole.range());
        ranges.push(dated(whole.range(), start, end, current));
    }
    // Months `first` to `last` (1 to 12) of one year.
    let within_year = |at: Range<usize>, year: i32, first: i32, last: i32| {
        let end = year * 12 + last - 1;
        DatedRange {
            work: counts(at.start),
            at,
            months: (year * 12 + first - 1, end.min(now)),
            current: end > now,
        }
    };
    for caps in SAME_YEAR.captures_iter(text) {
        let Some(whole) = caps.get(0) else {
            continue;
        };
        let months = month_from_name(&caps["first"]).zip(month_from_name(&caps["last"]));
        let (Some((first, last)), Ok(year)) = (months, caps["year"].parse::<i32>()) else {
            continue;
        };
        let inside_range = matched.iter().any(|r| r.contains(&whole.start()));
        matched.push(whole.range());
        if !inside_range {
            ranges.push(within_year(whole.range(), year, first, last));
        }
    }
    for caps in short_ranges(text) {
        let Some(whole) = caps.get(0) else {
            continue;
        };
        let year = |name: &str| Some(full_year(caps[name].parse().ok()?, as_of.year()));
        let month = |name: &str, year_name: &str| {
            Some(year(year_name)? * 12 + month_from_name(&caps[name])? - 1)
        };
        let Some(start) = month("smn", "sy") else {
            continue;
        };
        let current = caps.name("now").is_some();
        let end = if current {
            Some(now)
        } else {
            month("emn", "ey")
        };
        let Some(end) = end else {
            continue;
        };
        if matched
            .iter()
            .any(|r| r.start < whole.end() && whole.start() < r.end)
        {
            continue;
        }
        matched.push(whole.range());
        ranges.push(dated(whole.range(), start, end, current));
    }
    for caps in SINCE.captures_iter(text) {
        let Some(whole) = caps.get(0) else {
            continue;
        };
        let in_range = matched
            .iter()
            .any(|r| r.start < whole.end() && whole.start() < r.end);
        let Some(start) = month_of(&caps, "s", as_of.year()) else {
            continue;
        };
        matched.push(whole.range());
        if !in_range && dates_heading(text, whole.range()) && start <= now {
            ranges.push(DatedRange {
                at: whole.range(),
                months: (start, now),
                current: true,
                work: counts(whole.start()),
            });
        }
    }
    for caps in OPEN_END.captures_iter(text) {
        let Some(whole) = caps.get(0) else {
            continue;
        };
        let overlaps = matched
            .iter()
            .any(|r| r.start < whole.end() && whole.start() < r.end);
        let Some(start) = month_of(&caps, "s", as_of.year()) else {
            continue;
        };
        matched.push(whole.range());
        if !overlaps && start <= now {
            ranges.push(DatedRange {
                at: whole.range(),
                months: (start, now),
                current: true,
                work: counts(whole.start()),
            });
        }
    }
    for caps in SEASON_ALONE.captures_iter(text) {
        let Some(whole) = caps.get(0) else {
            continue;
        };
        let inside_range = matched.iter().any(|r| r.contains(&whole.start()));
        let Some((first, last)) = season_months(&caps["season"]) else {
            continue;
        };
        let Ok(year) = caps["year"].parse::<i32>() else {
            continue;
        };
        if !inside_range {
            ranges.push(within_year(whole.range(), year, first, last));
        }
    }
    ranges.retain(|r| r.months.0 >= 1950 * 12 && !inside_bullet_sentence(text, &r.at));
    ranges.sort_by_key(|r| r.at.start);
    ranges
}

/// A year alone at the end of a line, after a separator or in brackets ("Research Assistant,
/// Northfield University, 2020", "… (2020)"), or a line that contains only a year.
static LONE_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)(?:^|[,|(–—-]\s*|\t|\s{2,})\(?(?P<year>(?:19[5-9]|20\d)\d)\)?(?:[ \t]*\((?P<months>\d{1,2})[ \t]*(?:months?|mos?)\))?[ \t]*$")
        .expect("the lone year pattern is valid")
});

/// Maximum words on a line whose final year dates a job.
const LONE_YEAR_LINE_WORDS: usize = 12;

/// Finds the years that stand alone at the end of a short line without other dates, in text
/// order. Each is a candidate job that lasted that year (January to December, clamped to
/// `as_of`). Callers decide whether the line names a job.
pub(crate) fn lone_years(text: &str, as_of: NaiveDate) -> Vec<DatedRange> {
    let now = as_of.year() * 12 + as_of.month0() as i32;
    LONE_YEAR
        .captures_iter(text)
        .filter_map(|caps| {
            let year = caps.name("year")?;
            let line = &text[crate::skills::line_range(text, year.start())];
            let content = line.trim_start();
            let short = line.split_whitespace().count() <= LONE_YEAR_LINE_WORDS;
            let bullet = content.starts_with(['-', '*', '•', '·', '‣', '◦', '▪']);
            if !short || bullet || line.contains(". ") || has_dates(line) || SINCE.is_match(line) {
                return None;
            }
            let start = year.as_str().parse::<i32>().ok()? * 12;
            // "2016 (6 months)": the job lasted that many months of the year.
            let months = caps
                .name("months")
                .and_then(|m| m.as_str().parse::<i32>().ok())
                .filter(|months| (1..=12).contains(months));
            let end = start + months.map_or(11, |months| months - 1);
            (start <= now).then(|| DatedRange {
                at: year.range(),
                months: (start, end.min(now)),
                current: end > now,
                work: !describes_break(text, year.start()) && !describes_study(text, year.start()),
            })
        })
        .collect()
}

/// Checks whether `text` contains a date range or a season with its year, of work or not.
pub(crate) fn has_dates(text: &str) -> bool {
    // Only the start's year matters here, so any late year reads two-digit years; a start
    // before 1950 is a code ("GS-0343-09"), not a date.
    const ANY_YEAR: i32 = 2099;
    RANGE
        .captures_iter(text)
        .any(|caps| month_of(&caps, "s", ANY_YEAR).is_some_and(|month| month >= 1950 * 12))
        || SAME_YEAR.is_match(text)
        || short_ranges(text).next().is_some()
        || SEASON_ALONE.is_match(text)
        || SEASONS.is_match(text)
        || SINCE
            .captures_iter(text)
            .any(|caps| open_start(text, &caps))
}

/// Checks whether a "since" or "from" match dates a job: "since" anywhere, "from" only where
/// it is set apart on a short line ("From Jan 2018"), not in "moved from 2019 tooling".
fn open_start(text: &str, caps: &Captures<'_>) -> bool {
    let Some(whole) = caps.get(0) else {
        return false;
    };
    caps["word"].eq_ignore_ascii_case("since") || dates_heading(text, whole.range())
}

/// Returns `line` with each date range and season replaced by `separator`.
pub(crate) fn without_dates(line: &str, separator: &str) -> String {
    if DATE_ALONE.is_match(line) {
        return String::new();
    }
    let seasons = SEASONS.replace_all(line, separator);
    let ranges = RANGE.replace_all(&seasons, separator);
    let short = SHORT_RANGE.replace_all(&ranges, |caps: &Captures<'_>| {
        if dates_months(&ranges, caps) {
            separator.to_string()
        } else {
            caps[0].to_string()
        }
    });
    let same_year = SAME_YEAR.replace_all(&short, separator);
    let season = SEASON_ALONE.replace_all(&same_year, separator);
    SINCE
        .replace_all(&season, |caps: &Captures<'_>| {
            if open_start(&season, caps) {
                separator.to_string()
            } else {
                caps[0].to_string()
            }
        })
        .into_owned()
}

/// A line that contains one date and perhaps a dash or a label: half of a range written over
/// two lines ("Mar 2016 –" above "Jul 2019", "Start: 03/2015" above "End: 04/2016").
static DATE_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^\s*(?:(?:start(?:ed)?|began|from|end(?:ed)?|to|until)\s*:?\s*)?(?:{DASH})?\s*{}\s*(?:{DASH})?\s*$",
        date_pattern("a")
    ))
    .expect("the date-alone pattern is built from fixed, valid parts")
});

/// One date at the start of a text, read with the end-of-range groups so a season is its
/// last month.
static DATE_AT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^{}", date_pattern("e")))
        .expect("the date-at pattern is built from fixed, valid parts")
});

/// Reads the date that opens `text` ("07/31/2023", "June 2027", "2026") as a month index,
/// year × 12 + month − 1. A bare year is its last month, since a credential "valid through
/// 2026" is held until that year ends.
pub(crate) fn last_month_at(text: &str, now_year: i32) -> Option<i32> {
    let caps = DATE_AT.captures(text)?;
    let month = month_of(&caps, "e", now_year)?;
    if caps.name("ey").is_some() {
        return Some(month + 11);
    }
    Some(month)
}

/// Checks whether a date range sits inside the sentence of a list item, between lower-case
/// words ("- Led the 2010 – 2012 archive clean-up project") or after one at the end of the
/// sentence ("- Digitised records covering 1998 - 2015."): it dates a project or a system the
/// item describes, not a job.
fn inside_bullet_sentence(text: &str, at: &Range<usize>) -> bool {
    let line = crate::skills::line_range(text, at.start);
    let before = &text[line.start..at.start];
    let after = &text[at.end..line.end.max(at.end)];
    let bulleted = before
        .trim_start()
        .starts_with(['-', '*', '•', '·', '‣', '◦', '▪', '–']);
    let lower_word_before = before
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .is_some_and(|word| word.chars().all(char::is_lowercase) && !word.is_empty());
    let lower_word_after = after
        .trim_start()
        .split(char::is_whitespace)
        .next()
        .is_some_and(|word| word.starts_with(char::is_lowercase));
    let sentence_end = after.trim_start().starts_with(['.', ';', '!']);
    bulleted && (lower_word_before || opens_with_deed(before)) && (lower_word_after || sentence_end)
        || bulleted && opens_with_deed(before) && clause_goes_on(before, after)
}

/// Irregular past-tense verbs that open a list item about a piece of work.
const IRREGULAR_DEEDS: &[&str] = &[
    "led", "ran", "built", "grew", "drove", "wrote", "won", "took", "made", "held", "taught",
    "oversaw", "spent", "brought", "sold", "set",
];

/// Checks whether a list item opens with a past-tense verb followed by a lower-case word ("-
/// Led peak-season project", "• Deployed to Kandahar"), so it describes a deed rather than
/// naming a job ("- Certified Nursing Assistant").
fn opens_with_deed(before: &str) -> bool {
    let mut words = before
        .trim_start()
        .trim_start_matches(['-', '*', '•', '·', '‣', '◦', '▪', '–'])
        .split_whitespace();
    let first = words.next().unwrap_or_default();
    let second = words.next().unwrap_or_default();
    let lower = first.to_lowercase();
    let verb =
        (lower.len() >= 5 && lower.ends_with("ed")) || IRREGULAR_DEEDS.contains(&lower.as_str());
    verb && first.chars().skip(1).all(char::is_lowercase) && second.starts_with(char::is_lowercase)
}

/// Checks whether a date range sits inside a sentence: a clause in lower case goes on after it
/// (", hiring 40 temps"), or a comma joins it to the words before it. Dates printed at the right
/// of a job's first item, after wide spacing, do neither.
fn clause_goes_on(before: &str, after: &str) -> bool {
    let rest = after.trim_start_matches([',', ')', ' ', '\t', ';', ':', '–', '—', '-']);
    rest.starts_with(char::is_lowercase) || before.trim_end().ends_with(',')
}

/// Writes a month counted as `year * 12 + month0` as `YYYY-MM`.
pub(crate) fn month_label(month: i32) -> String {
    format!(
        "{:04}-{:02}",
        month.div_euclid(12),
        month.rem_euclid(12) + 1
    )
}

/// Checks whether the line around `offset` describes study, such as student teaching or a
/// practicum, rather than a job.
fn describes_study(text: &str, offset: usize) -> bool {
    let line = text[crate::skills::line_range(text, offset)].to_lowercase();
    STUDY_WORDS.iter().any(|word| line.contains(word))
}

/// Checks whether a line describes a career break, leave or study rather than a job.
pub(crate) fn names_break_or_study(line: &str) -> bool {
    let lower = line.to_lowercase();
    BREAK_WORDS
        .iter()
        .chain(STUDY_WORDS)
        .any(|word| lower.contains(word))
}

/// Returns the byte ranges of the lines of `text` that describe a career break or leave, in
/// text order, reading each line once.
pub(crate) fn break_lines(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if names_break(content) {
            found.push(start..start + content.len());
        }
        start += line.len();
    }
    found
}

/// Checks whether the line around `offset` describes a career break or leave.
pub(super) fn describes_break(text: &str, offset: usize) -> bool {
    names_break(&text[crate::skills::line_range(text, offset)])
}

/// Checks whether a line contains one of [`BREAK_WORDS`], in any case.
fn names_break(line: &str) -> bool {
    let lower = line.to_lowercase();
    BREAK_WORDS.iter().any(|word| lower.contains(word))
}

/// Reads the date with group prefix `p`. A bare year means January. A season is its first
/// month as a start (`p` is `s`) and its last month as an end.
fn month_of(caps: &Captures<'_>, p: &str, now_year: i32) -> Option<i32> {
    let group = |name: &str| caps.name(&format!("{p}{name}")).map(|m| m.as_str());
    let number = |name: &str| group(name).and_then(|v| v.parse::<i32>().ok());
    let (year, month) = if let Some(name) = group("sn") {
        let (first, last) = season_months(name)?;
        let month = if p == "e" { last } else { first };
        (number("sy")?, month)
    } else if let Some(quarter) = number("qn") {
        // A quarter starts in its first month and, as an end, runs to its last.
        let month = if p == "e" {
            quarter * 3
        } else {
            quarter * 3 - 2
        };
        (number("qy")?, month)
    } else if let Some(name) = group("mn") {
        (number("my")?, month_from_name(name)?)
    } else if let Some(first) = number("da") {
        // Month first as in the United States, unless the first number is a day after the 12th
        // in either date of the range, or dots separate the numbers as in Europe.
        let other = if p == "e" { "s" } else { "e" };
        let day_first = first > 12
            || caps
                .name(&format!("{other}da"))
                .and_then(|m| m.as_str().parse::<i32>().ok())
                .is_some_and(|day| day > 12)
            || group("ds") == Some(".");
        let month = if day_first { number("db")? } else { first };
        (number("dy")?, month)
    } else if let Some(year) = number("yy") {
        (year, month_from_name(group("ymn")?)?)
    } else if let Some(name) = group("an") {
        (full_year(number("ay")?, now_year), month_from_name(name)?)
    } else if let Some(year) = number("iy") {
        (year, number("im")?)
    } else if let Some(year) = number("ny") {
        (year, number("nm")?)
    } else if let Some(short) = number("ty") {
        (full_year(short, now_year), number("tm")?)
    } else if let Some(short) = number("ry") {
        (full_year(short, now_year), 1)
    } else {
        (number("y")?, 1)
    };
    (1..=12).contains(&month).then_some(year * 12 + month - 1)
}

/// Reads a two-digit year as the latest year with those digits that is not after next year.
fn full_year(short: i32, now_year: i32) -> i32 {
    let year = now_year - now_year.rem_euclid(100) + short;
    if year > now_year + 1 {
        year - 100
    } else {
        year
    }
}

/// Maps an English, Spanish, French or Portuguese month name to its number, 1 to 12.
fn month_from_name(name: &str) -> Option<i32> {
    const PREFIXES: [(&str, i32); 31] = [
        ("jan", 1),
        ("ene", 1),
        ("feb", 2),
        ("fév", 2),
        ("fev", 2),
        ("mar", 3),
        ("apr", 4),
        ("abr", 4),
        ("avr", 4),
        ("may", 5),
        ("mai", 5),
        ("jun", 6),
        ("juin", 6),
        ("jul", 7),
        ("juil", 7),
        ("aug", 8),
        ("ago", 8),
        ("ao", 8),
        ("sep", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
        ("déc", 12),
        ("dic", 12),
        ("dez", 12),
        ("set", 9),
        ("out", 10),
        ("dé", 12),
        ("mär", 3),
        ("maerz", 3),
        ("okt", 10),
    ];
    let lower = name.to_lowercase();
    PREFIXES
        .iter()
        .filter(|(prefix, _)| lower.starts_with(prefix))
        .max_by_key(|(prefix, _)| prefix.len())
        .map(|(_, month)| *month)
}

/// Returns the length of the union of `ranges` in years, rounded to one decimal, or `None`
/// when there are no ranges. A job that ends in July followed by one that starts in August
/// leaves a one-month gap.
pub(crate) fn total_years(mut ranges: Vec<MonthRange>) -> Option<f64> {
    if ranges.is_empty() {
        return None;
    }
    ranges.sort_unstable();
    let mut months = 0;
    let mut current = ranges[0];
    for &(start, end) in &ranges[1..] {
        if start <= current.1 {
            current.1 = current.1.max(end);
        } else {
            months += current.1 - current.0;
            current = (start, end);
        }
    }
    months += current.1 - current.0;
    Some((f64::from(months) / 12.0 * 10.0).round() / 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn as_of() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 6, 15).expect("valid date")
    }

    fn years(text: &str) -> Option<f64> {
        total_years(month_ranges(text, as_of()))
    }

    #[test]
    fn month_name_to_present_runs_to_as_of() {
        // January 2019 to June 2024 is 65 months.
        assert_eq!(years("Jan 2019 – Present"), Some(5.4));
    }

    #[test]
    fn numeric_date_forms_are_read() {
        // March 2019 to November 2021 is 32 months.
        assert_eq!(years("2019-03 – 2021-11"), Some(2.7));
        assert_eq!(years("03/2019 to 11/2021"), Some(2.7));
        assert_eq!(years("3/19 - 11/21"), Some(2.7));
        assert_eq!(years("Served 24/7 - 365 days"), None);
    }

    #[test]
    fn open_ends_written_as_words_are_read() {
        // June 2018 to the as-of month, June 2024, is 72 months.
        assert_eq!(years("Jun 2018 – Till Date"), Some(6.0));
        assert_eq!(years("Jun 2018 - to date"), Some(6.0));
        assert_eq!(years("Jun 2018 – Presently"), Some(6.0));
        assert_eq!(years("Jun 2018 to the present"), Some(6.0));
        assert_eq!(years("Jun 2018 – (present)"), Some(6.0));
        assert_eq!(years("Jun 2018 – Pres."), Some(6.0));
        assert_eq!(years("Jun 2018 – Press releases"), None);
        // March 2019 to October 2021 is 31 months.
        assert_eq!(years("März 2019 – Okt. 2021"), Some(2.6));
        assert_eq!(years("Mai 2019 – Okt 2021"), Some(2.4));
    }

    #[test]
    fn months_sharing_one_year_are_read() {
        // January to May 2023 is four months, June to August 2019 two.
        assert_eq!(years("Marketing Intern, Jan–May 2023"), Some(0.3));
        assert_eq!(years("June to August 2019"), Some(0.2));
        assert_eq!(without_dates("Intern | Jan–May 2023", ""), "Intern | ");
    }

    #[test]
    fn seasons_are_their_months() {
        // June to August 2020 is two months.
        assert_eq!(years("Data Intern — Summer 2020"), Some(0.2));
        // June 2020 to June 2024 is 48 months.
        assert_eq!(years("Analyst — Summer 2020 - Present"), Some(4.0));
        // March 2019 to November 2021 is 32 months.
        assert_eq!(years("Spring 2019 – Fall 2021"), Some(2.7));
        // Two summers, two months each.
        assert_eq!(years("Summer Helper — Summer 2015, Summer 2016"), Some(0.3));
    }

    #[test]
    fn study_lines_are_not_experience() {
        assert_eq!(
            years("Student teaching: Spring 2018, Riverside Magnet School"),
            None
        );
        assert_eq!(
            years("Senior practicum, Saguaro Medical Center, Jan 2017 - May 2017"),
            None
        );
    }

    #[test]
    fn quarters_are_their_months() {
        // April 2019 to December 2020 is 20 months.
        assert_eq!(years("Q2 2019 – Q4 2020"), Some(1.7));
    }

    #[test]
    fn two_digit_years_after_an_apostrophe_are_read() {
        // March 2019 to June 2021 is 27 months.
        assert_eq!(years("Mar '19 – Jun '21"), Some(2.3));
        // September 1998 to January 2000 is 16 months.
        assert_eq!(years("Sept ’98 - Jan ’00"), Some(1.3));
    }

    #[test]
    fn short_end_years_are_read() {
        // 2018 to 2021 is three years.
        assert_eq!(years("Analyst, Orrin Foods, 2018-21"), Some(3.0));
        assert_eq!(years("Analyst | 2018 – 21"), Some(3.0));
        assert_eq!(years("'18 – '21"), Some(3.0));
        // January 2018 to March 2021 is 38 months.
        assert_eq!(years("Jan 2018 - Mar 21"), Some(3.2));
        // A count after a spaced dash, an end before the start or a month is no range.
        assert_eq!(years("Hired 2019 - 25 people in the first quarter"), None);
        assert_eq!(years("Contract signed 1998-02"), None);
    }

    #[test]
    fn job_seeking_is_no_experience() {
        assert_eq!(years("Unemployed / job seeking, 2009 - 2010"), None);
        assert_eq!(years("Job search and retraining | 2009 - 2010"), None);
    }

    #[test]
    fn month_names_with_bare_short_years_are_read() {
        // January 2019 to March 2022 is 38 months.
        assert_eq!(years("Analyst | Jan 19 - Mar 22"), Some(3.2));
        // September 2021 to June 2024 is 33 months.
        assert_eq!(years("Sep 21 – Present"), Some(2.8));
        assert_eq!(
            without_dates("Analyst | Jan 19 - Mar 22", "|").trim(),
            "Analyst | |"
        );
        // With a full year after them the numbers are days.
        assert_eq!(years("Conference, Jan 19 – Mar 22, 2021"), None);
        assert!(!has_dates("Conference, Jan 19 – Mar 22, 2021"));
        assert_eq!(years("Training on Mar 22"), None);
    }

    #[test]
    fn open_ends_written_after_the_start_are_read() {
        // January 2018 to June 2024 is 77 months.
        assert_eq!(years("2018 onwards"), Some(6.4));
        assert_eq!(years("Jan 2018 – onwards"), Some(6.4));
        assert_eq!(years("Acme Corp | From Jan 2018"), Some(6.4));
        assert_eq!(years("From January 2018"), Some(6.4));
        assert_eq!(dated_ranges("From Jan 2018 – Present", as_of()).len(), 1);
        assert_eq!(years("Moved the team from 2019 tooling to Rust"), None);
        // January 2020 to June 2024 is 53 months.
        assert_eq!(years("Analyst at Oakridge Co since 2020"), Some(4.4));
        assert_eq!(years("Grew revenue 40% since 2020"), None);
        assert_eq!(
            years("Volunteer at Harbor Food Bank since 2020, weekends"),
            None
        );
        assert!(!has_dates("Moved the team from 2019 tooling to Rust"));
        assert!(has_dates("Orrin Foods, from March 2020"));
    }

    #[test]
    fn dates_in_table_cells_are_a_range() {
        // January 2019 to March 2023 is 50 months.
        assert_eq!(
            years("Analyst | Orrin Foods | Jan 2019 | Mar 2023"),
            Some(4.2)
        );
        assert_eq!(years("Analyst\tOrrin Foods\t01/2019\tPresent"), Some(5.4));
        // Bare years in cells are a list of years, not a range, unless the row names a job.
        assert_eq!(years("Awards | 2019 | 2021"), None);
        assert_eq!(years("| Clerk | Dunmore Feed | 2013 | 2016 |"), Some(3.0));
        assert_eq!(years("| Clerk | Dunmore Feed | 2013 | 2016 | 2017 |"), None);
        // A range whose cell gap runs onto the next line is read without a panic.
        assert_eq!(years("Clerk\tDunmore Feed\t2019\t\n2020"), Some(1.0));
    }

    #[test]
    fn day_first_and_full_numeric_dates_are_read() {
        // March 2019 to June 2021 is 27 months.
        assert_eq!(years("15 March 2019 – 30 June 2021"), Some(2.3));
        assert_eq!(years("03/15/2019 - 06/30/2021"), Some(2.3));
        assert_eq!(years("15/03/2019 - 30/06/2021"), Some(2.3));
        assert_eq!(years("2019 Mar - 2021 Jun"), Some(2.3));
    }

    #[test]
    fn dotted_and_hyphenated_full_dates_are_read() {
        // March 2019 to June 2021 is 27 months.
        assert_eq!(years("14-03-2019 to 30-06-2021"), Some(2.3));
        assert_eq!(years("14.03.2019 - 30.06.2021"), Some(2.3));
        assert_eq!(years("14-Mar-2019 to 30-Jun-2021"), Some(2.3));
        assert_eq!(years("2019-03-14 – 2021-06-30"), Some(2.3));
        assert_eq!(years("2019-03-14 – Present"), Some(5.3));
    }

    #[test]
    fn day_first_date_sets_the_range_order() {
        // June 2016 to February 2019 is 32 months.
        assert_eq!(years("01-06-2016 - 28-02-2019"), Some(2.7));
        assert_eq!(years("01.06.2016 - 01.02.2019"), Some(2.7));
        // January 2016 to June 2018 is 29 months.
        assert_eq!(years("01/06/2016 - 06/01/2018"), Some(2.4));
    }

    #[test]
    fn month_of_year_is_read() {
        // March 2019 to June 2021 is 27 months.
        assert_eq!(years("March of 2019 – June of 2021"), Some(2.3));
    }

    #[test]
    fn dash_without_end_runs_to_as_of() {
        // March 2024 to June 2024 is three months; the next line is a range of its own.
        let text = "Sales Associate, Harbor Outfitters\nMar 2024 -\nJan 2019 - Feb 2021\n";
        let found = month_ranges(text, as_of());
        assert_eq!(
            found,
            [(2024 * 12 + 2, 2024 * 12 + 5), (2019 * 12, 2021 * 12 + 1)]
        );
        assert_eq!(years("Clerk, Dunmore Feed (Mar 2024 – )\n"), Some(0.3));
        // Three summers of two months each (June to August).
        assert_eq!(
            years("Lifeguard, Lakeview Pool, Summers 2017 – 2019\n"),
            Some(0.5)
        );
        // Two summers listed with a comma, and two apart.
        assert_eq!(
            years("Server, Tybee Shrimp Shack — Summers 2018, 2019\n"),
            Some(0.3)
        );
        let found = month_ranges("Summers 2018 and 2020", as_of());
        assert_eq!(
            found,
            [
                (2018 * 12 + 5, 2018 * 12 + 7),
                (2020 * 12 + 5, 2020 * 12 + 7)
            ]
        );
        // Time at home, a gap or school is not work.
        for line in [
            "Gap: 2016 – 2020 — full-time caregiver for a parent",
            "Stay-at-home parent, 2016 – 2020",
            "Student, Harbor College, 2016 – 2020",
            "Laid off, 2021 – 2022",
        ] {
            assert_eq!(years(line), None, "{line}");
        }
        // A range wrapped after its dash is still one range.
        assert_eq!(years("Mar 2016 –\nJul 2019\n"), Some(3.3));
    }

    #[test]
    fn months_without_year_are_recognised() {
        assert!(months_only("Jun–Aug"));
        assert!(months_only(" June to August "));
        assert!(!months_only("June Harbor"));
    }

    #[test]
    fn since_date_runs_to_as_of() {
        // March 2022 to June 2024 is 27 months.
        assert_eq!(years("Acme Corp | Since March 2022"), Some(2.3));
        assert_eq!(years("Office Manager (since 2020)"), Some(4.4));
        assert_eq!(
            without_dates("Acme Corp | Since March 2022", ""),
            "Acme Corp | "
        );
        // In a sentence, "since" is not a job's dates.
        assert_eq!(
            years("Since 2019 I have led the analytics guild and its weekly reviews"),
            None
        );
        assert_eq!(years("Grew revenue 40% since 2021"), None);
    }

    #[test]
    fn range_inside_bullet_sentence_is_no_job() {
        let text = "Gravelpit Energy | Jan 2021 – Dec 2023\n\
            - Led the 2010 – 2012 archive clean-up project for old records.\n\
            - Replaced a 2009–2011 era Perl system with Python.\n";
        // January 2021 to December 2023 is 35 months.
        assert_eq!(years(text), Some(2.9));
        let text = "Budget Analyst, Riverbend County, Mar 2021 - Present\n\
            - Digitised paper records covering 1998 - 2015.\n\
            - Cut costs 15% from 2021 to 2023.\n";
        // March 2021 to June 2024 is 39 months.
        assert_eq!(years(text), Some(3.3));
        let text = "Warehouse Supervisor, Acme Logistics, Mar 2016 – May 2020\n\
            • Led peak-season project, Oct 2018 – Dec 2018, hiring 40 temps\n\
            • Deployed to the Reno site, Jan 2019 – Mar 2019\n";
        // March 2016 to May 2020 is 50 months.
        assert_eq!(years(text), Some(4.2));
        // A list item that is a job keeps its dates.
        assert_eq!(years("- Analyst, Orrin Foods, 2019 – 2021"), Some(2.0));
        assert_eq!(
            years("- Certified Nursing Assistant, Pine Care, 2019 – 2021"),
            Some(2.0)
        );
        assert_eq!(years("• 2019 – 2021 Analyst at Orrin Foods"), Some(2.0));
    }

    #[test]
    fn hyphenated_and_dated_months_are_read() {
        assert_eq!(years("Mar-2011 – Nov-2011"), Some(0.7));
        assert_eq!(years("March 3, 2017 – November 20, 2017"), Some(0.7));
        assert_eq!(years("Mar 2016 -- Nov 2016"), Some(0.7));
    }

    #[test]
    fn same_bare_year_spans_that_year() {
        assert_eq!(years("2019 – 2019"), Some(0.9));
    }

    #[test]
    fn bare_years_span_whole_years() {
        assert_eq!(years("2018 – 2020"), Some(2.0));
    }

    #[test]
    fn abbreviated_months_with_hyphen() {
        // September 2016 to June 2018 is 21 months.
        assert_eq!(years("Sep 2016 - Jun 2018"), Some(1.8));
        assert_eq!(years("September 2016 to June 2018"), Some(1.8));
    }

    #[test]
    fn overlapping_ranges_count_once() {
        let text = "Jan 2020 - Dec 2021\nJun 2021 - Jun 2022\nJan 2023 - Dec 2023";
        // 2020-01..2022-06 is 29 months, plus 11 months in 2023.
        assert_eq!(years(text), Some(3.3));
    }

    #[test]
    fn consecutive_months_leave_a_gap() {
        // Five months, a gap in June, then five months.
        assert_eq!(years("Jan 2020 - Jun 2020, Jul 2020 - Dec 2020"), Some(0.8));
    }

    #[test]
    fn touching_ranges_merge() {
        assert_eq!(years("Jan 2020 - Jun 2020, Jun 2020 - Dec 2020"), Some(0.9));
    }

    #[test]
    fn spanish_and_french_months_are_read() {
        // Enero 2020 to June 2024 is 53 months.
        assert_eq!(years("enero 2020 – actualidad"), Some(4.4));
        assert_eq!(years("Jan 2019 – Dez 2023"), Some(4.9));
        assert_eq!(years("setembro 2022 – atual"), Some(1.8));
        assert_eq!(years("out 2021 – março 2022"), Some(0.4));
        assert_eq!(years("janvier 2020 – aujourd'hui"), Some(4.4));
        assert_eq!(years("sept. 2016 – déc. 2017"), Some(1.3));
    }

    #[test]
    fn career_break_lines_are_not_experience() {
        let text = "Analyst, Jan 2018 - Jan 2020
Career break: Jan 2020 - Jan 2022 (travel)
";
        assert_eq!(years(text), Some(2.0));
        assert_eq!(years("(03/2020 to 02/2021: sabbatical)"), None);
    }

    #[test]
    fn future_end_is_clamped_to_as_of() {
        assert_eq!(years("Jan 2024 - Dec 2030"), Some(0.4));
    }

    #[test]
    fn text_without_ranges_has_no_total() {
        assert_eq!(years("Graduated 2015"), None);
    }

    #[test]
    fn lone_years_end_short_lines() {
        let text = "Research Assistant at Northfield University (2020)\n\
                    Teaching Assistant, Northfield University, 2019\nTutor\n2018\n\
                    - Ran the 2017\nAnalyst, Tarn Co | 2014 – 2016\nClerk, 2030\n";
        let years: Vec<&str> = lone_years(text, as_of())
            .iter()
            .map(|r| &text[r.at.clone()])
            .collect();
        assert_eq!(years, ["2020", "2019", "2018"]);
        assert_eq!(
            lone_years("Tutor, 2019", as_of())[0].months,
            (2019 * 12, 2019 * 12 + 11)
        );
    }

    #[test]
    fn reversed_range_is_ignored() {
        assert_eq!(years("2021 - 2019"), None);
    }

    #[test]
    fn backward_ranges_are_found_apart() {
        let text = "Clerk, 2021 - 2019\nPorter, Mar 2018 - Jun 2019\nIntern, Jan 2027 - present";
        // Ranges that start after they end, or after the as-of date, count as no experience.
        let backward: Vec<&str> = written_ranges(text, as_of())
            .iter()
            .filter(|r| r.months.0 > r.months.1)
            .map(|r| &text[r.at.clone()])
            .collect();
        assert_eq!(backward, ["2021 - 2019", "Jan 2027 - present"]);
        assert_eq!(dated_ranges(text, as_of()).len(), 1);
    }
}
