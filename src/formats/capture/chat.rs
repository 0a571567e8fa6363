//! Chat exports: `WhatsApp` "Export chat" .txt, Telegram Desktop's result.json, `LinkedIn`'s
//! messages.csv. One interaction per chat and day; message texts are never kept.
//!
//! Over 600 lines with its tests: three small readers that share the per-day grouping and the
//! sender matching, kept together so the three agree.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use serde_json::Value;

use super::{Capture, Captured, Clock, DayGroups, Identity, Kind, Person};
use crate::formats::Format;
use crate::formats::source::ImportError;
use crate::model::Initiator;

/// One message: who wrote it and when (the user's local time).
struct Message {
    line: usize,
    at: NaiveDateTime,
    sender: String,
}

// ---------------------------------------------------------------------------------------------
// WhatsApp

/// A message line split into its parts, before the date order is known.
struct RawLine<'a> {
    /// The two leading date numbers and the year, as written.
    a: u32,
    b: u32,
    year: i32,
    time: NaiveTime,
    /// The rest: "Name: text" for a message, anything else for a system line.
    rest: &'a str,
}

/// Whether a text starts like a `WhatsApp` export.
pub(super) fn is_whatsapp(t: &str) -> bool {
    t.lines()
        .filter(|l| !l.trim().is_empty())
        .take(5)
        .any(|l| split_line(l).is_some())
}

fn clean(line: &str) -> &str {
    line.trim_start_matches(['\u{200e}', '\u{200f}', '\u{feff}', '\u{202a}'])
}

/// Whether a line begins with something like a date (so a line that fails to parse is broken
/// rather than the continuation of a message).
fn starts_like_date(line: &str) -> bool {
    let l = clean(line);
    let l = l.strip_prefix('[').unwrap_or(l);
    let digits = l.chars().take_while(char::is_ascii_digit).count();
    (1..=4).contains(&digits)
        && l[digits..].starts_with(['/', '.', '-'])
        && l.chars()
            .nth(digits + 1)
            .is_some_and(|c| c.is_ascii_digit())
}

/// Parses `[d/m/y, h:m:s] rest` (iOS) or `d/m/y, h:m - rest` (Android), either date order,
/// 12- or 24-hour time.
fn split_line(line: &str) -> Option<RawLine<'_>> {
    let l = clean(line);
    let (stamp, rest) = if let Some(inner) = l.strip_prefix('[') {
        let close = inner.find(']')?;
        (&inner[..close], inner[close + 1..].trim_start())
    } else {
        let dash = l.find(" - ")?;
        if dash > 30 {
            return None;
        }
        (&l[..dash], &l[dash + 3..])
    };
    let (date, time) = stamp.split_once(',').or_else(|| stamp.split_once(' '))?;
    let nums: Vec<&str> = date.trim().split(['/', '.', '-']).collect();
    if nums.len() != 3 {
        return None;
    }
    let a: u32 = nums[0].trim().parse().ok()?;
    let b: u32 = nums[1].trim().parse().ok()?;
    let y: i32 = nums[2].trim().parse().ok()?;
    let year = if y < 100 { 2000 + y } else { y };
    let time = parse_time(time)?;
    Some(RawLine {
        a,
        b,
        year,
        time,
        rest,
    })
}

fn parse_time(t: &str) -> Option<NaiveTime> {
    let t: String = t
        .trim()
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    // "p.m.", "p. m." (Spanish exports) and "PM" are one marker.
    let lower = t.to_ascii_lowercase().replace('.', "");
    let lower = lower
        .trim_end()
        .strip_suffix("a m")
        .map(|c| format!("{c}am"))
        .or_else(|| {
            lower
                .trim_end()
                .strip_suffix("p m")
                .map(|c| format!("{c}pm"))
        })
        .unwrap_or_else(|| lower.clone());
    let (clock, pm) = if let Some(c) = lower.strip_suffix("pm") {
        (c.trim().to_owned(), Some(true))
    } else if let Some(c) = lower.strip_suffix("am") {
        (c.trim().to_owned(), Some(false))
    } else {
        (lower.trim().to_owned(), None)
    };
    let parts: Vec<u32> = clock
        .split(':')
        .map(|p| p.trim().parse().ok())
        .collect::<Option<_>>()?;
    let (h, m, s) = match parts.as_slice() {
        [h, m] => (*h, *m, 0),
        [h, m, s] => (*h, *m, *s),
        _ => return None,
    };
    let h = match pm {
        Some(_) if h > 12 => return None,
        Some(true) => h % 12 + 12,
        Some(false) => h % 12,
        None => h,
    };
    NaiveTime::from_hms_opt(h, m, s)
}

/// The chat's name from the export's file name (`WhatsApp Chat with Ada.txt`, `WhatsApp Chat -
/// Ada.txt`), else the file name.
fn chat_name(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    for prefix in [
        "WhatsApp Chat with ",
        "WhatsApp Chat - ",
        "WhatsApp-Chat mit ",
    ] {
        if let Some(rest) = stem.strip_prefix(prefix) {
            return rest.trim().to_owned();
        }
    }
    stem
}

pub(super) fn parse_whatsapp(
    text: &str,
    path: &Path,
    me: &Identity,
    clock: &Clock,
    cap: &mut Capture,
) -> Result<(), ImportError> {
    let mut raw = Vec::new();
    let mut system = 0;
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        match split_line(line) {
            Some(r) => match r.rest.split_once(": ") {
                Some((name, _)) if !name.trim().is_empty() && name.len() <= 100 => {
                    raw.push((line_no, r, name.trim().to_owned()));
                }
                _ => system += 1,
            },
            None if starts_like_date(line) => {
                cap.problem(line_no, "a message line whose date or time cannot be read");
            }
            None => {}
        }
    }
    cap.skip_n("a system line (not a message)", system);
    if raw.is_empty() {
        let line = text.lines().position(|l| !l.trim().is_empty()).unwrap_or(0) + 1;
        return Err(ImportError::NotThisFormat {
            format: Format::Whatsapp,
            why: format!(
                "line {line}: no message lines (expected \"[d/m/y, h:m:s] Name: text\" or \
                 \"d/m/y, h:m - Name: text\")"
            ),
        });
    }
    let day_first = day_first(&raw.iter().map(|(_, r, _)| r).collect::<Vec<_>>());
    let mut messages = Vec::with_capacity(raw.len());
    for (line, r, sender) in raw {
        let (d, m) = if day_first { (r.a, r.b) } else { (r.b, r.a) };
        match NaiveDate::from_ymd_opt(r.year, m, d) {
            Some(date) => messages.push(Message {
                line,
                at: clock.local(clock.instant(date.and_time(r.time))),
                sender,
            }),
            None => cap.problem(line, "a date that does not exist"),
        }
    }
    let chat = chat_name(path);
    group_chat(
        &messages,
        me,
        clock,
        cap,
        &format!("whatsapp:{chat}"),
        &format!("WhatsApp: {chat}"),
        Kind::Chat,
    )
}

/// Whether dates are day-first: yes when a first number is above 12, no when a second one is;
/// otherwise the order under which the messages run forward in time more often.
fn day_first(lines: &[&RawLine<'_>]) -> bool {
    if lines.iter().any(|r| r.a > 12) {
        return true;
    }
    if lines.iter().any(|r| r.b > 12) {
        return false;
    }
    let backwards = |dm: bool| {
        let dates: Vec<Option<NaiveDate>> = lines
            .iter()
            .map(|r| {
                let (d, m) = if dm { (r.a, r.b) } else { (r.b, r.a) };
                NaiveDate::from_ymd_opt(r.year, m, d)
            })
            .collect();
        dates
            .windows(2)
            .filter(|w| matches!((w[0], w[1]), (Some(x), Some(y)) if y < x))
            .count()
    };
    backwards(true) <= backwards(false)
}

/// Groups messages into one interaction per chat and day. In a chat with one other sender (a
/// one-to-one chat) that person is in every day; in a group, each day has that day's senders.
fn group_chat(
    messages: &[Message],
    me: &Identity,
    clock: &Clock,
    cap: &mut Capture,
    key_prefix: &str,
    summary: &str,
    kind: Kind,
) -> Result<(), ImportError> {
    let senders: BTreeSet<&str> = messages.iter().map(|m| m.sender.as_str()).collect();
    let mine: Vec<&str> = senders.iter().copied().filter(|s| me.is_name(s)).collect();
    if mine.is_empty() {
        let list: Vec<&str> = senders.iter().copied().take(6).collect();
        return Err(ImportError::Capture(format!(
            "Rapport cannot tell which sender is you (the senders are {}); give your name as \
             it appears in the chat with --me \"Your Name\", then \
             import again",
            list.join(", ")
        )));
    }
    let others: Vec<&str> = senders.iter().copied().filter(|s| !me.is_name(s)).collect();
    let one_to_one = others.len() == 1;
    let mut groups = DayGroups::new();
    let now = clock.local(clock.now);
    for m in messages {
        if m.at > now {
            cap.skip("a message dated in the future");
            continue;
        }
        let from_me = me.is_name(&m.sender);
        let mut people = Vec::new();
        if one_to_one {
            people.push(Person::named(others[0]));
        } else if !from_me {
            people.push(Person::named(&m.sender));
        }
        groups.add(Captured {
            key: format!("{key_prefix}#{}", m.at.date()),
            date: m.at.date(),
            time: Some(m.at.time()),
            kind,
            minutes: None,
            initiated_by: if from_me {
                Initiator::Me
            } else {
                Initiator::Them
            },
            summary: summary.to_owned(),
            people,
            by: None,
            line: m.line,
        });
    }
    cap.items.extend(groups.finish());
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Telegram

pub(super) fn parse_telegram(
    bytes: &[u8],
    me: &Identity,
    clock: &Clock,
    cap: &mut Capture,
) -> Result<(), ImportError> {
    let root: Value = serde_json::from_slice(bytes).map_err(|e| ImportError::NotThisFormat {
        format: Format::Telegram,
        why: format!("line {}, column {}: {e}", e.line(), e.column()),
    })?;
    let mut me = me.clone();
    if let Some(id) = root
        .pointer("/personal_information/user_id")
        .and_then(Value::as_i64)
    {
        me.add_name(&format!("user{id}"));
    }
    let chats: Vec<&Value> = match root.pointer("/chats/list").and_then(Value::as_array) {
        Some(list) => list.iter().collect(),
        None => vec![&root],
    };
    let mut found = false;
    for chat in chats {
        let Some(msgs) = chat.get("messages").and_then(Value::as_array) else {
            continue;
        };
        found = true;
        let name = chat
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or("Telegram chat");
        // A single-chat export may have no id: the chat's name stands in.
        let id = chat
            .get("id")
            .map_or_else(|| name.to_owned(), ToString::to_string);
        let kind = chat.get("type").and_then(Value::as_str).unwrap_or("");
        if matches!(
            kind,
            "public_channel" | "private_channel" | "saved_messages"
        ) {
            cap.skip_n("a message in a channel or in saved messages", msgs.len());
            continue;
        }
        let mut messages = Vec::new();
        let mut service = 0;
        for (i, m) in msgs.iter().enumerate() {
            if m.get("type").and_then(Value::as_str) != Some("message") {
                service += 1;
                continue;
            }
            let sender_id = m.get("from_id").and_then(Value::as_str).unwrap_or("");
            let sender = m.get("from").and_then(Value::as_str).unwrap_or(sender_id);
            let at = m
                .get("date_unixtime")
                .and_then(|v| {
                    v.as_str()
                        .and_then(|s| s.parse::<i64>().ok())
                        .or_else(|| v.as_i64())
                })
                .and_then(|s| DateTime::<Utc>::from_timestamp(s, 0))
                .map(|t| clock.local(t))
                .or_else(|| {
                    m.get("date")
                        .and_then(Value::as_str)
                        .and_then(|d| NaiveDateTime::parse_from_str(d, "%Y-%m-%dT%H:%M:%S").ok())
                });
            let Some(at) = at else {
                cap.problem(i + 1, "a message with no readable date");
                continue;
            };
            // A sender is the user when their id or their name is.
            let sender = if me.is_name(sender_id) {
                me.first_name().unwrap_or(sender).to_owned()
            } else {
                sender.to_owned()
            };
            messages.push(Message {
                line: i + 1,
                at,
                sender,
            });
        }
        cap.skip_n("a service message (not a message)", service);
        if messages.is_empty() {
            continue;
        }
        group_chat(
            &messages,
            &me,
            clock,
            cap,
            &format!("telegram:{id}"),
            &format!("Telegram: {name}"),
            Kind::Chat,
        )?;
    }
    if !found {
        return Err(ImportError::NotThisFormat {
            format: Format::Telegram,
            why: "it has no \"messages\" list (export a chat or all chats as JSON from Telegram \
                  Desktop)"
                .to_owned(),
        });
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// LinkedIn

/// Whether a header line is `LinkedIn`'s messages.csv.
pub(super) fn is_linkedin_messages(t: &str) -> bool {
    let first = t.lines().next().unwrap_or("").to_ascii_lowercase();
    first.contains("conversation id") && first.contains("from") && first.contains("date")
}

/// One row of messages.csv, as much as capture needs.
struct Row {
    line: usize,
    conv: String,
    at: NaiveDateTime,
    from: String,
    to: Vec<String>,
    title: String,
}

pub(super) fn parse_linkedin(
    text: &str,
    me: &Identity,
    clock: &Clock,
    cap: &mut Capture,
) -> Result<(), ImportError> {
    let bad = |why: String| ImportError::NotThisFormat {
        format: Format::LinkedinMessages,
        why,
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| bad(format!("line 1: {e}")))?
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase())
        .collect();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let (Some(conv), Some(from), Some(date)) = (col("conversation id"), col("from"), col("date"))
    else {
        return Err(bad(
            "line 1: the header needs CONVERSATION ID, FROM and DATE".to_owned(),
        ));
    };
    let (to, title, subject, folder) = (
        col("to"),
        col("conversation title"),
        col("subject"),
        col("folder"),
    );
    let mut rows = Vec::new();
    for rec in reader.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e
                    .position()
                    .map_or(0, |p| usize::try_from(p.line()).unwrap_or(0));
                cap.problem(line, "a row that cannot be read as CSV");
                continue;
            }
        };
        let line = rec
            .position()
            .map_or(0, |p| usize::try_from(p.line()).unwrap_or(0));
        let get = |i: Option<usize>| i.and_then(|i| rec.get(i)).unwrap_or("").trim();
        if get(folder).eq_ignore_ascii_case("spam") {
            cap.skip("a message in the spam folder");
            continue;
        }
        let raw_date = get(Some(date));
        let at = parse_linkedin_date(raw_date).map(|t| clock.local(t));
        let Some(at) = at else {
            cap.problem(line, "a date that cannot be read");
            continue;
        };
        let t = get(subject);
        rows.push(Row {
            line,
            conv: get(Some(conv)).to_owned(),
            at,
            from: get(Some(from)).to_owned(),
            to: get(to)
                .split(',')
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect(),
            title: if t.is_empty() {
                get(title).to_owned()
            } else {
                t.to_owned()
            },
        });
    }
    if rows.is_empty() {
        return Ok(());
    }
    if !rows.iter().any(|r| me.is_name(&r.from)) {
        let names: BTreeSet<&str> = rows.iter().map(|r| r.from.as_str()).take(50).collect();
        let list: Vec<&str> = names.into_iter().take(6).collect();
        return Err(ImportError::Capture(format!(
            "Rapport cannot tell which sender is you (senders include {}); give your name as \
             LinkedIn shows it with --me \"Your Name\", then \
             import again",
            list.join(", ")
        )));
    }
    let now = clock.local(clock.now);
    let mut groups = DayGroups::new();
    let mut titles: HashMap<String, String> = HashMap::new();
    for r in &rows {
        if !r.title.is_empty() {
            titles
                .entry(r.conv.clone())
                .or_insert_with(|| r.title.clone());
        }
    }
    for r in rows {
        if r.at > now {
            cap.skip("a message dated in the future");
            continue;
        }
        let from_me = me.is_name(&r.from);
        let mut people: Vec<Person> = Vec::new();
        for n in std::iter::once(&r.from).chain(r.to.iter()) {
            if !me.is_name(n) && !n.is_empty() {
                people.push(Person::named(n));
            }
        }
        let title = titles.get(&r.conv).map_or_else(
            || "LinkedIn message".to_owned(),
            |t| format!("LinkedIn: {t}"),
        );
        groups.add(Captured {
            key: format!("linkedin:{}#{}", r.conv, r.at.date()),
            date: r.at.date(),
            time: Some(r.at.time()),
            kind: Kind::Social,
            minutes: None,
            initiated_by: if from_me {
                Initiator::Me
            } else {
                Initiator::Them
            },
            summary: title,
            people,
            by: None,
            line: r.line,
        });
    }
    cap.items.extend(groups.finish());
    Ok(())
}

/// `LinkedIn` writes "2023-05-04 10:11:12 UTC".
fn parse_linkedin_date(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim().trim_end_matches("UTC").trim();
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M"))
        .ok()
        .map(|t| t.and_utc())
        .or_else(|| {
            DateTime::parse_from_rfc3339(s)
                .ok()
                .map(|t| t.with_timezone(&Utc))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_whatsapp_line_styles() {
        let ios = split_line("[25/12/2023, 14:03:22] Ada: Hi").unwrap();
        assert_eq!((ios.a, ios.b, ios.year), (25, 12, 2023));
        assert_eq!(ios.rest, "Ada: Hi");
        let android = split_line("12/25/23, 2:03\u{202f}PM - Ada: Hi").unwrap();
        assert_eq!((android.a, android.b, android.year), (12, 25, 2023));
        assert_eq!(android.time, NaiveTime::from_hms_opt(14, 3, 0).unwrap());
        let german = split_line("25.12.23, 14:03 - Ada: Hi").unwrap();
        assert_eq!(german.a, 25);
        assert!(split_line("just text").is_none());
        assert!(split_line("[12/25/23, 13:03:00 PM] Ada: x").is_none());
        let spanish = split_line("06/20/2020, 00:08 a. m. - Ada: x").unwrap();
        assert_eq!(spanish.time, NaiveTime::from_hms_opt(0, 8, 0).unwrap());
        let evening = split_line("01/30/2019, 08:49 p. m. - Ada: x").unwrap();
        assert_eq!(evening.time, NaiveTime::from_hms_opt(20, 49, 0).unwrap());
        assert!(starts_like_date("[32/13/2023, 25:61:00] X: y"));
        assert!(!starts_like_date("3 apples"));
    }

    #[test]
    fn date_order_from_the_file() {
        let first = split_line("03/04/2024, 10:00 - A: x").unwrap();
        let second = split_line("03/05/2024, 10:00 - A: x").unwrap();
        let third = split_line("04/05/2024, 10:00 - A: x").unwrap();
        // 3 Apr, 3 May, 4 May runs forward day-first; month-first it would go 4 Mar, 5 Mar,
        // 5 Apr: also forward. Ties go to day-first.
        assert!(day_first(&[&first, &second, &third]));
        let day13 = split_line("13/05/2024, 10:00 - A: x").unwrap();
        assert!(day_first(&[&first, &day13]));
        let month13 = split_line("05/13/2024, 10:00 - A: x").unwrap();
        assert!(!day_first(&[&first, &month13]));
    }
}
