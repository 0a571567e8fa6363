//! Quick add: one typed line, such as "Coffee with Ada at Lune, 45 min, deep", read into the
//! parts of an interaction with a few simple rules, so that a person can predict the result.
//! Nothing is guessed silently: every part read is listed in [`QuickAdd::understood`], and what
//! could not be settled (a name that matches nobody or several people) in
//! [`QuickAdd::problems`]. The app shows both, then fills the Log form for review.
//!
//! The rules:
//! - Everything after `note:` is the note.
//! - The rest is cut at commas and semicolons. A part that is only a **date** (`today`,
//!   `yesterday`, a weekday, `last friday`, `3 days ago`, `2026-11-28`, each optionally after
//!   `on`), only a **length** (`45 min`, `1h`, `1h30`, `1.5 hours`, `90 minutes`) or only a
//!   **depth** (a name of the depth scale, `shallow`, `light`, `deep`, `very deep`, `depth 3`)
//!   is read as that. Every other part is the summary.
//! - In the summary: the **channel** is a channel name written out (`Phone call`, or one you
//!   added), else the first word of the keyword table ([`KEYWORDS`]: coffee, lunch, call, zoom,
//!   email, text...).
//! - The **people** are the names after `with` (or after a leading channel word, as in
//!   `Call Ada`), up to ` at `, ` about `, ` on `, ` for ` or ` re `, separated by `and`, `&`
//!   or `+`. A name is a person when exactly one contact is called that (case does not matter),
//!   or else exactly one contact's name starts with it, or has it as a whole word.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::{ChannelId, ContactId, Dataset, Depth};

/// Words that name a channel, and the default channel each one means.
pub const KEYWORDS: &[(&str, &[&str])] = &[
    (
        "In person",
        &[
            "coffee",
            "lunch",
            "dinner",
            "breakfast",
            "brunch",
            "drinks",
            "beer",
            "walk",
            "met",
            "meeting",
            "visit",
            "visited",
        ],
    ),
    (
        "Event or meetup",
        &["event", "meetup", "conference", "party", "wedding"],
    ),
    ("Phone call", &["call", "called", "phone", "phoned", "rang"]),
    ("Video call", &["video", "zoom", "facetime", "teams"]),
    ("Email", &["email", "emailed", "mail", "mailed"]),
    (
        "Text or chat",
        &[
            "text", "texted", "chat", "chatted", "sms", "message", "messaged", "whatsapp",
            "signal", "telegram",
        ],
    ),
    (
        "Social media",
        &["linkedin", "twitter", "instagram", "facebook", "mastodon"],
    ),
    ("Letter or card", &["letter", "card", "postcard"]),
];

/// Words that end the list of names after `with`.
const NAME_ENDS: [&str; 5] = [" at ", " about ", " on ", " for ", " re "];

/// The longest length accepted, in minutes (a day).
const MAX_MINUTES: u32 = 24 * 60;

/// What one line was read as.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuickAdd {
    pub people: Vec<ContactId>,
    pub channel: Option<ChannelId>,
    /// The date said, else `None` (the form's today).
    pub date: Option<NaiveDate>,
    pub minutes: Option<u32>,
    pub depth: Option<Depth>,
    pub summary: String,
    pub note: String,
    /// Each part read, as "Label: value" for people to check.
    pub understood: Vec<String>,
    /// What could not be settled, one sentence each.
    pub problems: Vec<String>,
}

/// Reads `line` against the people and channels of `data`; `today` places relative dates.
#[must_use]
pub fn parse(line: &str, data: &Dataset, today: NaiveDate) -> QuickAdd {
    let mut out = QuickAdd::default();
    let (body, note) = split_note(line);
    note.trim().clone_into(&mut out.note);
    let mut summary_parts = Vec::new();
    for part in body
        .split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let lower = part.to_lowercase();
        if let Some(date) = read_date(&lower, today) {
            if out.date.is_some() {
                out.problems.push(format!(
                    "\"{part}\" is a second date; the first one is kept."
                ));
            } else {
                out.date = Some(date);
            }
        } else if let Some(minutes) = read_minutes(&lower) {
            if minutes == 0 || minutes > MAX_MINUTES {
                out.problems.push(format!(
                    "\"{part}\" is not a length between 1 minute and 24 hours."
                ));
            } else if out.minutes.is_none() {
                out.minutes = Some(minutes);
            }
        } else if let Some(depth) = read_depth(&lower) {
            if out.depth.is_none() {
                out.depth = Some(depth);
            }
        } else {
            summary_parts.push(part);
        }
    }
    out.summary = summary_parts.join(", ");
    read_summary(&mut out, data);

    if !out.people.is_empty() {
        let names: Vec<&str> = out
            .people
            .iter()
            .filter_map(|id| data.contact(*id))
            .map(|c| c.display_name.as_str())
            .collect();
        out.understood.push(format!("With: {}", names.join(", ")));
    }
    if let Some(c) = out.channel.and_then(|id| data.channel(id)) {
        out.understood.push(format!("Channel: {}", c.name));
    }
    if let Some(d) = out.date {
        out.understood.push(format!(
            "Date: {} ({})",
            d.format("%A %-d %B %Y"),
            relative(d, today)
        ));
    }
    if let Some(m) = out.minutes {
        out.understood.push(format!("Length: {m} minutes"));
    }
    if let Some(d) = out.depth {
        out.understood
            .push(format!("Depth: {} ({} of 5)", d.name(), d.get()));
    }
    if !out.summary.is_empty() {
        out.understood.push(format!("Summary: {}", out.summary));
    }
    if !out.note.is_empty() {
        out.understood.push(format!("Note: {}", out.note));
    }
    out
}

/// The line before `note:` (any case) and the text after it.
fn split_note(line: &str) -> (&str, &str) {
    let lower = line.to_ascii_lowercase();
    match lower.find("note:") {
        Some(i) => (&line[..i], &line[i + "note:".len()..]),
        None => (line, ""),
    }
}

/// The channel and the people, from the summary.
fn read_summary(out: &mut QuickAdd, data: &Dataset) {
    let lower = out.summary.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    // A channel's own name, longest first (so "Video call" before "Call" if both exist).
    let mut channels: Vec<_> = data.channels().iter().collect();
    channels.sort_by_key(|c| std::cmp::Reverse(c.name.len()));
    out.channel = channels
        .iter()
        .find(|c| contains_words(&lower, &c.name.to_lowercase()))
        .map(|c| c.id);
    let mut leading_keyword = false;
    if out.channel.is_none() {
        let keyword = words.iter().enumerate().find_map(|(i, w)| {
            KEYWORDS
                .iter()
                .find(|(_, ks)| ks.contains(w))
                .map(|(name, _)| (i, *name))
        });
        if let Some((i, name)) = keyword {
            match data.channels().iter().find(|c| c.name == name) {
                Some(c) => {
                    out.channel = Some(c.id);
                    leading_keyword = i == 0;
                }
                None => out.problems.push(format!(
                    "\"{}\" means {name}, but this file has no such channel; choose one in the \
                     form.",
                    words[i]
                )),
            }
        }
    }
    let names = names_text(&out.summary, leading_keyword);
    for name in names {
        match find_person(name, data) {
            Found::One(id) => {
                if !out.people.contains(&id) {
                    out.people.push(id);
                }
            }
            Found::None => out.problems.push(format!(
                "No contact is called \"{name}\"; add them in the form."
            )),
            Found::Several(list) => out.problems.push(format!(
                "\"{name}\" could be {}; choose in the form.",
                list.join(" or ")
            )),
        }
    }
}

/// Whether `needle` appears in `hay` as whole words.
fn contains_words(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(i, _)| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The names written after `with` (or after a leading channel word), each trimmed.
fn names_text(summary: &str, leading_keyword: bool) -> Vec<&str> {
    // ASCII lower case keeps every byte where it was, so indices work in both strings.
    let lower = summary.to_ascii_lowercase();
    let start = if let Some(i) = find_word(&lower, "with") {
        i + "with".len()
    } else if leading_keyword {
        summary
            .char_indices()
            .find(|(_, c)| c.is_whitespace())
            .map_or(summary.len(), |(i, _)| i)
    } else {
        return Vec::new();
    };
    let rest = &summary[start..];
    let rest_lower = &lower[start..];
    let end = NAME_ENDS
        .iter()
        .filter_map(|e| rest_lower.find(e))
        .min()
        .unwrap_or(rest.len());
    split_names(&rest[..end])
}

/// Splits "Ada and Grace & Bob + Eve" into names.
fn split_names(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    for chunk in text.split(['&', '+']) {
        let lower = chunk.to_ascii_lowercase();
        let mut from = 0;
        for (i, _) in lower.match_indices(" and ") {
            names.push(&chunk[from..i]);
            from = i + " and ".len();
        }
        names.push(&chunk[from..]);
    }
    names
        .into_iter()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .collect()
}

/// Where `word` starts as a whole word in `text` (already lower case).
fn find_word(text: &str, word: &str) -> Option<usize> {
    text.match_indices(word).map(|(i, _)| i).find(|&i| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

enum Found {
    One(ContactId),
    None,
    /// The names of the people it could be (with what tells them apart).
    Several(Vec<String>),
}

/// The one contact `name` means: called exactly that, else the only one whose name starts with
/// it or has it as a whole word. Archived contacts only when nobody else fits.
fn find_person(name: &str, data: &Dataset) -> Found {
    let wanted = name.to_lowercase();
    let live = data.contacts().iter().filter(|c| !c.archived);
    let exact: Vec<_> = live
        .clone()
        .filter(|c| c.display_name.to_lowercase() == wanted)
        .collect();
    let candidates = if exact.is_empty() {
        live.filter(|c| {
            let full = c.display_name.to_lowercase();
            full.starts_with(&wanted) || contains_words(&full, &wanted)
        })
        .collect()
    } else {
        exact
    };
    match candidates.as_slice() {
        [] => Found::None,
        [one] => Found::One(one.id),
        many => Found::Several(
            many.iter()
                .take(4)
                .map(|c| {
                    if c.organization.is_empty() {
                        c.display_name.clone()
                    } else {
                        format!("{} ({})", c.display_name, c.organization)
                    }
                })
                .collect(),
        ),
    }
}

/// A part that is only a date.
fn read_date(part: &str, today: NaiveDate) -> Option<NaiveDate> {
    let p = part.strip_prefix("on ").unwrap_or(part).trim();
    match p {
        "today" => return Some(today),
        "yesterday" => return today.checked_sub_days(Days::new(1)),
        _ => {}
    }
    if let Ok(d) = NaiveDate::parse_from_str(p, "%Y-%m-%d") {
        return Some(d);
    }
    if let Some(n) = p
        .strip_suffix(" days ago")
        .or_else(|| p.strip_suffix(" day ago"))
        .and_then(|n| n.trim().parse::<u64>().ok())
    {
        return today.checked_sub_days(Days::new(n));
    }
    let (last, day) = match p.strip_prefix("last ") {
        Some(d) => (true, d),
        None => (false, p),
    };
    let weekday: Weekday = day.parse().ok()?;
    // The latest such day on or before today ("last" moves it to before today).
    let mut back =
        (7 + today.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
    if last && back == 0 {
        back = 7;
    }
    today.checked_sub_days(Days::new(u64::from(back)))
}

/// A part that is only a length: "45 min", "1h", "1 h 30", "1h30m", "1.5 hours".
fn read_minutes(part: &str) -> Option<u32> {
    let compact: String = part.chars().filter(|c| !c.is_whitespace()).collect();
    let (hours, rest) = match split_number(&compact) {
        Some((n, rest)) => {
            let unit_end = rest
                .find(|c: char| !c.is_alphabetic())
                .unwrap_or(rest.len());
            let (unit, after) = rest.split_at(unit_end);
            match unit {
                "h" | "hr" | "hrs" | "hour" | "hours" => (n, after),
                "m" | "min" | "mins" | "minute" | "minutes" if after.is_empty() => {
                    return whole_minutes(n);
                }
                _ => return None,
            }
        }
        None => return None,
    };
    let mut minutes = hours * 60.0;
    if !rest.is_empty() {
        let (n, unit) = split_number(rest)?;
        if !matches!(unit, "" | "m" | "min" | "mins" | "minute" | "minutes") || n.fract() != 0.0 {
            return None;
        }
        minutes += n;
    }
    whole_minutes(minutes)
}

/// A leading decimal number and what follows it.
fn split_number(s: &str) -> Option<(f64, &str)> {
    let end = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    if end == 0 || end > 8 {
        return None;
    }
    let n: f64 = s[..end].parse().ok()?;
    Some((n, &s[end..]))
}

fn whole_minutes(m: f64) -> Option<u32> {
    let r = m.round();
    if !(0.0..=f64::from(u32::MAX)).contains(&r) || (m - r).abs() > 1e-9 {
        return None;
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "checked above: a whole number within u32"
    )]
    Some(r as u32)
}

/// A part that is only a depth.
fn read_depth(part: &str) -> Option<Depth> {
    let level = match part {
        "small talk" | "shallow" | "brief" => 1,
        "catching up" | "catch up" | "light" => 2,
        "substantive" => 3,
        "personal" | "deep" => 4,
        "trusted help" | "very deep" => 5,
        _ => {
            let n = part
                .strip_prefix("depth")
                .map(str::trim)?
                .parse::<u8>()
                .ok()?;
            return Depth::new(n);
        }
    };
    Depth::new(level)
}

/// "today", "yesterday", "3 days ago", "in 2 days".
fn relative(d: NaiveDate, today: NaiveDate) -> String {
    match (today - d).num_days() {
        0 => "today".into(),
        1 => "yesterday".into(),
        n if n > 1 => format!("{n} days ago"),
        -1 => "tomorrow".into(),
        n => format!("in {} days", -n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Contact, Edit};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Monday 30 November 2026.
    fn today() -> NaiveDate {
        day(2026, 11, 30)
    }

    fn people() -> (Dataset, ContactId, ContactId) {
        let mut data = Dataset::new();
        let ada = Contact::new("Ada Lovelace");
        let grace = Contact::new("Grace Hopper");
        let mut g1 = Contact::new("Ada Garcia");
        g1.organization = "Acme".into();
        let mut g2 = Contact::new("Ada Garcia");
        g2.organization = "Lune".into();
        let (a, g) = (ada.id, grace.id);
        for c in [ada, grace, g1, g2] {
            data.apply(Edit::PutContact(c)).unwrap();
        }
        (data, a, g)
    }

    #[test]
    fn the_example_of_the_issue_is_read_in_full() {
        let (data, ada, _) = people();
        let q = parse(
            "Coffee with Ada Lovelace at Lune, 45 min, deep",
            &data,
            today(),
        );
        assert_eq!(q.people, [ada]);
        assert_eq!(q.channel, Some(ChannelId(1)), "coffee is in person");
        assert_eq!(q.minutes, Some(45));
        assert_eq!(q.depth, Depth::new(4));
        assert_eq!(q.date, None, "no date said: the form's today");
        assert_eq!(q.summary, "Coffee with Ada Lovelace at Lune");
        assert!(q.problems.is_empty(), "{:?}", q.problems);
        assert_eq!(
            q.understood,
            [
                "With: Ada Lovelace",
                "Channel: In person",
                "Length: 45 minutes",
                "Depth: Personal (4 of 5)",
                "Summary: Coffee with Ada Lovelace at Lune",
            ]
        );
    }

    #[test]
    fn a_name_that_fits_several_people_or_nobody_is_not_guessed() {
        let (data, _, grace) = people();
        let q = parse("Lunch with Ada and Grace", &data, today());
        assert_eq!(q.people, [grace], "only the sure one");
        assert_eq!(
            q.problems,
            [
                "\"Ada\" could be Ada Lovelace or Ada Garcia (Acme) or Ada Garcia (Lune); \
                 choose in the form."
            ]
        );
        let q = parse("Call Zed", &data, today());
        assert!(q.people.is_empty());
        assert_eq!(q.channel, Some(ChannelId(3)));
        assert_eq!(
            q.problems,
            ["No contact is called \"Zed\"; add them in the form."]
        );
        // A whole word of the name, and case does not matter.
        let q = parse("zoom with hopper", &data, today());
        assert_eq!(q.people, [grace]);
        assert_eq!(q.channel, Some(ChannelId(4)));
    }

    #[test]
    fn dates_lengths_and_depths_follow_the_documented_rules() {
        let (data, _, _) = people();
        let t = today();
        let date_of = |s: &str| parse(s, &data, t).date;
        assert_eq!(date_of("x, yesterday"), Some(day(2026, 11, 29)));
        assert_eq!(date_of("x, on Friday"), Some(day(2026, 11, 27)));
        assert_eq!(date_of("x, monday"), Some(t), "the latest Monday is today");
        assert_eq!(date_of("x, last monday"), Some(day(2026, 11, 23)));
        assert_eq!(date_of("x, 3 days ago"), Some(day(2026, 11, 27)));
        assert_eq!(date_of("x, 2026-01-05"), Some(day(2026, 1, 5)));
        let minutes = |s: &str| read_minutes(s);
        assert_eq!(minutes("45 min"), Some(45));
        assert_eq!(minutes("1h"), Some(60));
        assert_eq!(minutes("1 h 30"), Some(90));
        assert_eq!(minutes("1h30m"), Some(90));
        assert_eq!(minutes("1.5 hours"), Some(90));
        assert_eq!(minutes("90 minutes"), Some(90));
        assert_eq!(minutes("lune"), None);
        assert_eq!(minutes("1.5 min"), None, "whole minutes only");
        assert_eq!(read_depth("depth 3"), Depth::new(3));
        assert_eq!(read_depth("depth 9"), None);
        assert_eq!(read_depth("small talk"), Depth::new(1));
        // A part that is not one of these stays in the summary.
        let q = parse(
            "Walk with Grace, by the river, note: she moves in May",
            &data,
            t,
        );
        assert_eq!(q.summary, "Walk with Grace, by the river");
        assert_eq!(q.note, "she moves in May");
    }

    #[test]
    fn a_channel_written_out_wins_over_keywords() {
        let (data, _, grace) = people();
        let q = parse(
            "Phone call with Grace about the coffee grant",
            &data,
            today(),
        );
        assert_eq!(q.channel, Some(ChannelId(3)));
        assert_eq!(q.people, [grace], "the names end at 'about'");
    }

    #[test]
    fn too_long_a_length_is_explained() {
        let (data, _, _) = people();
        let q = parse("Conference, 30 hours", &data, today());
        assert_eq!(q.minutes, None);
        assert_eq!(q.problems.len(), 1);
    }

    proptest::proptest! {
        #[test]
        fn any_line_is_read_without_panicking(line in "\\PC{0,80}") {
            let (data, _, _) = people();
            let q = parse(&line, &data, today());
            proptest::prop_assert!(q.minutes.is_none_or(|m| (1..=MAX_MINUTES).contains(&m)));
        }

        #[test]
        fn lines_of_the_words_it_knows_are_read_without_panicking(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "with", "and", "at", "on", "note:", ",", "Ada", "Grace", "1h", "30", "min",
                    "deep", "last", "monday", "days ago", "&", "+", "call", "Phone call", "é",
                    "depth", "9", ".5", "yesterday",
                ]),
                0..16,
            )
        ) {
            let (data, _, _) = people();
            let line = words.join(" ");
            let _ = parse(&line, &data, today());
        }
    }
}
