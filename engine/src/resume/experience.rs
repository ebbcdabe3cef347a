//! Experience intervals: date ranges such as "Jan 2019 – Present", "2019-03 – 2021-11",
//! "03/2019 to 11/2021" or "2018 – 2020", and the length of their union.
//!
//! Months are the unit. Both ends of a range are included, a bare start year means January
//! and a bare end year means December. "Present" and ends after `as_of` become `as_of`'s month.

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::{Captures, Regex};

const MONTH: &str = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

/// Builds the pattern for one date with named groups prefixed by `p`: month name and year,
/// `YYYY-MM`, `MM/YYYY` or a bare year.
fn date_pattern(p: &str) -> String {
    format!(
        r"(?:(?P<{p}mn>{MONTH})\.?,?\s*'?(?P<{p}my>\d{{4}})|(?P<{p}iy>\d{{4}})[-/.](?P<{p}im>\d{{1,2}})|(?P<{p}nm>\d{{1,2}})[-/.](?P<{p}ny>\d{{4}})|(?P<{p}y>\d{{4}}))"
    )
}

static RANGE: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?i)\b{}\s*(?:-|–|—|to|until|through|thru|till)\s*(?:{}|(?P<now>present|current|now|today|ongoing|date))\b",
        date_pattern("s"),
        date_pattern("e"),
    );
    Regex::new(&pattern).expect("the date range pattern is built from fixed, valid parts")
});

/// An inclusive range of months, counted as `year * 12 + month0`.
type MonthRange = (i32, i32);

/// Finds the date ranges in `text`, clamped to `as_of`.
pub(crate) fn month_ranges(text: &str, as_of: NaiveDate) -> Vec<MonthRange> {
    let now = as_of.year() * 12 + as_of.month0() as i32;
    RANGE
        .captures_iter(text)
        .filter_map(|caps| {
            let start = month_of(&caps, "s", false)?;
            let end = if caps.name("now").is_some() {
                now
            } else {
                month_of(&caps, "e", true)?
            };
            let end = end.min(now);
            let plausible = start <= end && start >= 1950 * 12;
            plausible.then_some((start, end))
        })
        .collect()
}

/// Reads the date with group prefix `p`. A bare year means January, or December when it
/// ends a range.
fn month_of(caps: &Captures<'_>, p: &str, is_end: bool) -> Option<i32> {
    let group = |name: &str| caps.name(&format!("{p}{name}")).map(|m| m.as_str());
    let number = |name: &str| group(name).and_then(|v| v.parse::<i32>().ok());
    let (year, month) = if let Some(name) = group("mn") {
        (number("my")?, month_from_name(name)?)
    } else if let Some(year) = number("iy") {
        (year, number("im")?)
    } else if let Some(year) = number("ny") {
        (year, number("nm")?)
    } else {
        (number("y")?, if is_end { 12 } else { 1 })
    };
    (1..=12).contains(&month).then_some(year * 12 + month - 1)
}

fn month_from_name(name: &str) -> Option<i32> {
    const PREFIXES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = name.to_ascii_lowercase();
    let index = PREFIXES.iter().position(|p| lower.starts_with(p))?;
    i32::try_from(index + 1).ok()
}

/// Returns the length of the union of `ranges` in years, rounded to one decimal, or `None`
/// when there are no ranges.
pub(crate) fn total_years(mut ranges: Vec<MonthRange>) -> Option<f64> {
    if ranges.is_empty() {
        return None;
    }
    ranges.sort_unstable();
    let mut months = 0;
    let mut current = ranges[0];
    for &(start, end) in &ranges[1..] {
        if start <= current.1 + 1 {
            current.1 = current.1.max(end);
        } else {
            months += current.1 - current.0 + 1;
            current = (start, end);
        }
    }
    months += current.1 - current.0 + 1;
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
        // January 2019 to June 2024 inclusive is 66 months.
        assert_eq!(years("Jan 2019 – Present"), Some(5.5));
    }

    #[test]
    fn numeric_date_forms_are_read() {
        // March 2019 to November 2021 inclusive is 33 months.
        assert_eq!(years("2019-03 – 2021-11"), Some(2.8));
        assert_eq!(years("03/2019 to 11/2021"), Some(2.8));
    }

    #[test]
    fn bare_years_span_whole_years() {
        assert_eq!(years("2018 – 2020"), Some(3.0));
    }

    #[test]
    fn abbreviated_months_with_hyphen() {
        // September 2016 to June 2018 inclusive is 22 months.
        assert_eq!(years("Sep 2016 - Jun 2018"), Some(1.8));
        assert_eq!(years("September 2016 to June 2018"), Some(1.8));
    }

    #[test]
    fn overlapping_ranges_count_once() {
        let text = "Jan 2020 - Dec 2021\nJun 2021 - Jun 2022\nJan 2023 - Dec 2023";
        // 2020-01..2022-06 is 30 months, plus 12 months in 2023.
        assert_eq!(years(text), Some(3.5));
    }

    #[test]
    fn adjacent_ranges_merge() {
        assert_eq!(years("Jan 2020 - Jun 2020, Jul 2020 - Dec 2020"), Some(1.0));
    }

    #[test]
    fn future_end_is_clamped_to_as_of() {
        assert_eq!(years("Jan 2024 - Dec 2030"), Some(0.5));
    }

    #[test]
    fn text_without_ranges_has_no_total() {
        assert_eq!(years("Graduated 2015"), None);
    }

    #[test]
    fn reversed_range_is_ignored() {
        assert_eq!(years("2021 - 2019"), None);
    }
}
