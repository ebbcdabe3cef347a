//! Calendar dates sent by clients.

use std::ops::RangeInclusive;

use chrono::NaiveDate;

/// Parses a date written in full as `YYYY-MM-DD` ("2024-07-01"). Shorter forms that chrono
/// would also accept ("2024-7-1") and any other text give `None`.
pub fn parse_full_date(text: &str) -> Option<NaiveDate> {
    let written_in_full = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !written_in_full {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// Returns the dates a client may send as a resume's as-of date: from 1950 up to the day after
/// `today`, because the client's today may be the server's tomorrow.
pub fn as_of_range(today: NaiveDate) -> RangeInclusive<NaiveDate> {
    let earliest = NaiveDate::from_ymd_opt(1950, 1, 1).expect("a valid calendar date");
    earliest..=today.succ_opt().unwrap_or(today)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_dates_parse() {
        assert_eq!(
            parse_full_date("2024-07-01"),
            NaiveDate::from_ymd_opt(2024, 7, 1)
        );
    }

    #[test]
    fn short_or_invalid_dates_fail() {
        assert_eq!(parse_full_date("2024-7-1"), None);
        assert_eq!(parse_full_date("2024-02-30"), None);
        assert_eq!(parse_full_date("01/07/2024"), None);
        assert_eq!(parse_full_date(""), None);
    }
}
