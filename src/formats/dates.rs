//! Dates as contact exports write them: ISO, compact, with month names, US and European styles,
//! and birthdays without a year.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime};

use crate::model::Birthday;

/// A full date in any style an export or a spreadsheet writes: `2024-01-31`, `20240131`,
/// `31 Jan 2024`, `31-Jan-24`, `Jan 31, 2024`, `31.01.2024`, `2024/01/31`, `1/31/2024`
/// (month first unless the first number is above 12), optionally followed by a time.
#[must_use]
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.date_naive());
    }
    // A time after the date ("2024-01-31 10:00", "1/31/2024 10:00:00 AM", "20190210T000033").
    let date_part = s
        .split_once(['T', ' '])
        .filter(|(d, _)| d.len() >= 8 && d.bytes().all(|b| b.is_ascii_digit() || b == b'-'))
        .map_or(s, |(d, _)| d);
    for fmt in [
        "%Y-%m-%d",
        "%Y%m%d",
        "%Y/%m/%d",
        "%d.%m.%Y",
        "%d %b %y",
        "%d %b %Y",
        "%d %B %Y",
        "%d-%b-%y",
        "%d-%b-%Y",
        "%b %d, %Y",
        "%B %d, %Y",
        "%b %d %Y",
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(date_part, fmt) {
            return Some(d);
        }
    }
    // Month-first slash dates, as US spreadsheets write them; day-first when the first number
    // cannot be a month. A trailing time is ignored.
    let first = s.split_whitespace().next()?;
    let parts: Vec<&str> = first.split(['/', '-']).collect();
    if parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        let first: u32 = parts[0].parse().ok()?;
        let second: u32 = parts[1].parse().ok()?;
        let mut year: i32 = parts[2].parse().ok()?;
        if parts[2].len() == 2 {
            year += if year < 70 { 2000 } else { 1900 };
        }
        let (month, day) = if first > 12 {
            (second, first)
        } else {
            (first, second)
        };
        return NaiveDate::from_ymd_opt(year, month, day);
    }
    None
}

/// A date and an optional time: RFC 3339 (the time as written, its offset ignored), or a date
/// in any style [`parse_date`] reads.
#[must_use]
pub fn parse_date_time(s: &str) -> Option<(NaiveDate, Option<NaiveTime>)> {
    let s = s.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        let naive = dt.naive_local();
        return Some((naive.date(), Some(naive.time())));
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some((dt.date(), Some(dt.time())));
        }
    }
    parse_date(s).map(|d| (d, None))
}

/// A birthday with or without a year: any full date [`parse_date`] reads, or `--MMDD`,
/// `--MM-DD`, `MM-DD` without a year. Outlook's "no birthday" (`0/0/00`, `1/1/1601`) is `None`.
#[must_use]
pub fn parse_birthday(s: &str) -> Option<Birthday> {
    let s = s.trim();
    if let Some(rest) = s.strip_prefix("--") {
        let digits: String = rest
            .chars()
            .take_while(|c| *c != 'T')
            .filter(char::is_ascii_digit)
            .collect();
        if digits.len() == 4 {
            let month = digits[..2].parse().ok()?;
            let day = digits[2..].parse().ok()?;
            let b = Birthday {
                year: None,
                month,
                day,
            };
            return b.is_valid().then_some(b);
        }
        return None;
    }
    let d = parse_date(s)?;
    match d.year() {
        // Outlook writes 1/1/1601 for "no birthday".
        ..=1601 => None,
        // Apple writes 1604 for "year unknown".
        1604 => Some(Birthday {
            year: None,
            month: d.month(),
            day: d.day(),
        }),
        year => Some(Birthday {
            year: Some(year),
            month: d.month(),
            day: d.day(),
        }),
    }
}

/// A birthday as an ISO date, or `--MM-DD` without a year.
#[must_use]
pub fn birthday_iso(b: &Birthday) -> String {
    match b.year {
        Some(y) => format!("{y:04}-{:02}-{:02}", b.month, b.day),
        None => format!("--{:02}-{:02}", b.month, b.day),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn dates_in_every_style() {
        assert_eq!(parse_date("2024-01-31"), d(2024, 1, 31));
        assert_eq!(parse_date("20240131"), d(2024, 1, 31));
        assert_eq!(parse_date("31 Jan 2024"), d(2024, 1, 31));
        assert_eq!(parse_date("01 Jan 2024"), d(2024, 1, 1));
        assert_eq!(parse_date("31-Jan-24"), d(2024, 1, 31));
        assert_eq!(parse_date("Jan 31, 2024"), d(2024, 1, 31));
        assert_eq!(parse_date("31.01.2024"), d(2024, 1, 31));
        assert_eq!(parse_date("1/31/2024"), d(2024, 1, 31));
        assert_eq!(parse_date("31/1/2024"), d(2024, 1, 31));
        assert_eq!(parse_date("6/23/1912"), d(1912, 6, 23));
        assert_eq!(parse_date("1/2/24 10:00"), d(2024, 1, 2));
        assert_eq!(parse_date("20190210T000033"), d(2019, 2, 10));
        assert_eq!(parse_date("2024-02-30"), None);
        assert_eq!(parse_date("soon"), None);
        assert_eq!(parse_date("0/0/00"), None);
    }

    #[test]
    fn birthdays_with_and_without_year() {
        let b = |year, month, day| Some(Birthday { year, month, day });
        assert_eq!(parse_birthday("--0203"), b(None, 2, 3));
        assert_eq!(parse_birthday("--12-09"), b(None, 12, 9));
        assert_eq!(parse_birthday("1990-05-01"), b(Some(1990), 5, 1));
        assert_eq!(parse_birthday("19900501"), b(Some(1990), 5, 1));
        assert_eq!(parse_birthday("1604-03-04"), b(None, 3, 4));
        assert_eq!(parse_birthday("--0230"), None);
        assert_eq!(parse_birthday("1/1/1601"), None);
        assert_eq!(parse_birthday("0/0/00"), None);
        assert_eq!(parse_birthday("circa 1800"), None);
        assert_eq!(
            birthday_iso(&Birthday {
                year: None,
                month: 12,
                day: 9
            }),
            "--12-09"
        );
    }
}
