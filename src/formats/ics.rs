//! The iCalendar writer (RFC 5545): each [`CalendarEntry`] is an all-day VTODO due on its date.

use chrono::{DateTime, Utc};

use super::calendar::CalendarEntry;

/// Escapes a TEXT value: backslash, semicolon, comma and line breaks.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes one content line, folded so no line exceeds 75 octets (continuations start with a
/// space), never inside a UTF-8 character, ended by CRLF.
fn line(out: &mut String, content: &str) {
    let mut limit = 75;
    let mut rest = content;
    while rest.len() > limit {
        let mut split = limit;
        while !rest.is_char_boundary(split) {
            split -= 1;
        }
        out.push_str(&rest[..split]);
        out.push_str("\r\n ");
        rest = &rest[split..];
        limit = 74;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

/// A calendar with one VTODO per entry: UID, DTSTAMP (`stamp`), DUE;VALUE=DATE, SUMMARY and
/// DESCRIPTION, escaped and folded, CRLF line ends.
#[must_use]
pub fn to_ics(entries: &[CalendarEntry], stamp: DateTime<Utc>) -> String {
    let mut out = String::new();
    for l in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Rapport//Rapport//EN",
        "CALSCALE:GREGORIAN",
    ] {
        line(&mut out, l);
    }
    let stamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    for e in entries {
        line(&mut out, "BEGIN:VTODO");
        line(&mut out, &format!("UID:{}", escape(&e.uid)));
        line(&mut out, &format!("DTSTAMP:{stamp}"));
        line(
            &mut out,
            &format!("DUE;VALUE=DATE:{}", e.date.format("%Y%m%d")),
        );
        line(&mut out, &format!("SUMMARY:{}", escape(&e.summary)));
        if !e.description.is_empty() {
            line(&mut out, &format!("DESCRIPTION:{}", escape(&e.description)));
        }
        line(&mut out, "STATUS:NEEDS-ACTION");
        line(&mut out, "END:VTODO");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone};

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let entry = CalendarEntry {
            uid: "u1@rapport".to_owned(),
            date: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            summary: "Follow up; with Zoë, about \"x\"\nnext".to_owned() + &"é".repeat(60),
            description: String::new(),
        };
        let ics = to_ics(
            &[entry],
            Utc.with_ymd_and_hms(2026, 11, 27, 13, 0, 0).unwrap(),
        );
        assert!(ics.contains("DUE;VALUE=DATE:20261201\r\n"));
        assert!(ics.contains("DTSTAMP:20261127T130000Z\r\n"));
        assert!(ics.contains("SUMMARY:Follow up\\; with Zoë\\, about \"x\"\\nnext"));
        for l in ics.split("\r\n") {
            assert!(l.len() <= 75, "{l:?} is {} octets", l.len());
        }
        assert!(!ics.replace("\r\n", "").contains('\n'));
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains(&"é".repeat(60)));
    }
}
