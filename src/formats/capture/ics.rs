//! Calendar .ics (Google Calendar, Outlook, Apple Calendar exports), read with calcard: one
//! interaction per event occurrence that has already happened. Recurring events are expanded by
//! calcard (RRULE, RDATE, EXDATE, RECURRENCE-ID), each series only up to today and all of them
//! together to at most [`MAX_OCCURRENCES`].

use std::str::FromStr;

use calcard::common::PartialDateTime;
use calcard::common::timezone::Tz;
use calcard::icalendar::dates::TimeOrDelta;
use calcard::icalendar::{
    ICalendar, ICalendarComponent, ICalendarComponentType, ICalendarEntry, ICalendarParameterName,
    ICalendarParameterValue, ICalendarParticipationStatus, ICalendarProperty, ICalendarStatus,
    ICalendarUserTypes, ICalendarValue,
};
use calcard::{Entry, Parser};
use chrono::{Datelike, Duration, Timelike, Utc};

use super::{Capture, Captured, Clock, Identity, Kind, Person, Place};
use crate::formats::source::ImportError;
use crate::model::Initiator;

/// At most this many occurrences are read from one calendar, all series together (a daily
/// meeting for 20 years is about 7,300).
pub const MAX_OCCURRENCES: usize = 200_000;

pub(super) fn parse(
    text: &str,
    me: &Identity,
    clock: &Clock,
    cap: &mut Capture,
) -> Result<(), ImportError> {
    let lines = text.lines().count();
    check_nesting(text)?;
    let mut parser = Parser::new(text);
    let mut calendars = Vec::new();
    loop {
        match parser.entry() {
            Entry::ICalendar(cal) => calendars.push(cal),
            Entry::Eof => break,
            Entry::VCard(_) => {
                return Err(bad("it holds a vCard, not a calendar".to_owned()));
            }
            Entry::InvalidLine(l) => cap.problem(line_of(text, &l), "not an iCalendar line"),
            Entry::UnexpectedComponentEnd { expected, found } => {
                return Err(bad(format!(
                    "line {lines}: END:{} where END:{} was expected",
                    found.as_str(),
                    expected.as_str()
                )));
            }
            Entry::UnterminatedComponent(c) => {
                return Err(bad(format!(
                    "line {lines}: the file ends inside {c} (no END:{c}); it looks cut off"
                )));
            }
            Entry::TooManyComponents => {
                return Err(bad("it has more components than can be read".to_owned()));
            }
            _ => return Err(bad("it holds something other than a calendar".to_owned())),
        }
    }
    if calendars.is_empty() {
        return Err(bad("line 1: no BEGIN:VCALENDAR".to_owned()));
    }
    let default_tz = clock
        .zone_name()
        .and_then(|n| Tz::from_str(n).ok())
        .unwrap_or(Tz::UTC);
    let mut budget = MAX_OCCURRENCES;
    for mut cal in calendars {
        let me = with_calendar_owner(me, &cal);
        let has_attendees = cal.components.iter().any(|c| {
            c.component_type == ICalendarComponentType::VEvent
                && c.property(&ICalendarProperty::Attendee).is_some()
        });
        if has_attendees && !me.has_email() {
            return Err(ImportError::Capture(
                "Rapport cannot tell which attendee is you; give your email address with \
                 --me you@example.org, then import again"
                    .to_owned(),
            ));
        }
        cap_series(&mut cal, clock);
        let expanded = cal.expand_dates(default_tz, budget);
        budget = budget.saturating_sub(expanded.events.len());
        if budget == 0 {
            cap.skip(&format!(
                "beyond the first {MAX_OCCURRENCES} occurrences (not read)"
            ));
        }
        cap.skip_n(
            "an event with dates that cannot be read",
            expanded.errors.len(),
        );
        for ev in expanded.events {
            let Some(comp) = cal.components.get(ev.comp_id as usize) else {
                continue;
            };
            if comp.component_type != ICalendarComponentType::VEvent {
                continue;
            }
            let start = ev.start.with_timezone(&Utc);
            let end = match ev.end {
                TimeOrDelta::Time(t) => t.with_timezone(&Utc),
                TimeOrDelta::Delta(d) => start + d,
            };
            occurrence(comp, start, end, &me, clock, cap);
        }
    }
    Ok(())
}

/// Checks that every BEGIN has its END (calcard reads a cut-off file without complaint, and
/// a calendar cut off in the middle must not be imported as if it were whole).
fn check_nesting(text: &str) -> Result<(), ImportError> {
    let mut open: Vec<String> = Vec::new();
    let mut last = 0;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r').trim_start_matches('\u{feff}');
        if line.is_empty() {
            continue;
        }
        last = i + 1;
        let starts = |p: &str| {
            line.get(..p.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(p))
        };
        if starts("BEGIN:") {
            open.push(line[6..].trim().to_ascii_uppercase());
        } else if starts("END:") {
            let name = line[4..].trim().to_ascii_uppercase();
            match open.pop() {
                Some(o) if o == name => {}
                Some(o) => {
                    return Err(bad(format!(
                        "line {}: END:{name} where END:{o} was expected",
                        i + 1
                    )));
                }
                None => {
                    return Err(bad(format!("line {}: END:{name} without a BEGIN", i + 1)));
                }
            }
        }
    }
    match open.last() {
        Some(o) => Err(bad(format!(
            "line {last}: the file ends inside {o} (no END:{o}); it looks cut off"
        ))),
        None => Ok(()),
    }
}

fn bad(why: String) -> ImportError {
    ImportError::NotThisFormat {
        format: crate::formats::Format::Ics,
        why,
    }
}

fn line_of(text: &str, line: &str) -> usize {
    text.lines()
        .position(|l| l.trim_end() == line.trim_end())
        .map_or(0, |i| i + 1)
}

/// Google's export names the calendar after its owner's address (`X-WR-CALNAME:me@gmail.com`):
/// that is the user too.
fn with_calendar_owner(me: &Identity, cal: &ICalendar) -> Identity {
    let mut me = me.clone();
    let owner = cal.components.first().and_then(|root| {
        root.entries.iter().find_map(|e| match &e.name {
            ICalendarProperty::Other(n) if n.eq_ignore_ascii_case("X-WR-CALNAME") => {
                text_of(e).filter(|t| t.contains('@') && !t.contains(' '))
            }
            _ => None,
        })
    });
    if let Some(owner) = owner {
        me.add_email(&owner);
    }
    me
}

/// Ends every recurring series tomorrow at the latest, so that a weekly meeting "forever" is
/// expanded only up to today.
fn cap_series(cal: &mut ICalendar, clock: &Clock) {
    let limit = clock.now + Duration::days(1);
    for comp in &mut cal.components {
        let all_day = comp
            .property(&ICalendarProperty::Dtstart)
            .and_then(|e| e.values.first())
            .and_then(ICalendarValue::as_partial_date_time)
            .is_some_and(|d| d.hour.is_none());
        for e in &mut comp.entries {
            if e.name != ICalendarProperty::Rrule {
                continue;
            }
            for v in &mut e.values {
                if let ICalendarValue::RecurrenceRule(rule) = v {
                    let until = PartialDateTime {
                        year: u16::try_from(limit.year()).ok(),
                        month: u8::try_from(limit.month()).ok(),
                        day: u8::try_from(limit.day()).ok(),
                        hour: (!all_day).then(|| u8::try_from(limit.hour()).unwrap_or(0)),
                        minute: (!all_day).then_some(0),
                        second: (!all_day).then_some(0),
                        tz_hour: (!all_day).then_some(0),
                        tz_minute: (!all_day).then_some(0),
                        tz_minus: false,
                    };
                    let keep = rule.until.as_ref().is_some_and(|u| {
                        (u.year, u.month, u.day) <= (until.year, until.month, until.day)
                    });
                    if !keep {
                        rule.until = Some(until);
                    }
                }
            }
        }
    }
}

fn text_of(e: &ICalendarEntry) -> Option<String> {
    let parts: Vec<&str> = e
        .values
        .iter()
        .filter_map(ICalendarValue::as_text)
        .collect();
    let joined = parts.join(", ");
    (!joined.trim().is_empty()).then(|| joined.trim().to_owned())
}

fn prop_text(comp: &ICalendarComponent, prop: &ICalendarProperty) -> Option<String> {
    comp.property(prop).and_then(text_of)
}

fn address(e: &ICalendarEntry) -> Option<String> {
    e.calendar_address()
        .map(|a| a.trim().trim_start_matches("MAILTO:").trim().to_lowercase())
        .filter(|a| a.contains('@'))
}

fn param_text(e: &ICalendarEntry, name: &ICalendarParameterName) -> String {
    e.parameter(name)
        .and_then(ICalendarParameterValue::as_text)
        .unwrap_or_default()
        .trim()
        .to_owned()
}

fn occurrence(
    comp: &ICalendarComponent,
    start: chrono::DateTime<Utc>,
    end: chrono::DateTime<Utc>,
    me: &Identity,
    clock: &Clock,
    cap: &mut Capture,
) {
    let all_day = comp
        .property(&ICalendarProperty::Dtstart)
        .and_then(|e| e.values.first())
        .and_then(ICalendarValue::as_partial_date_time)
        .is_some_and(|d| d.hour.is_none());
    if all_day {
        cap.skip("an all-day event");
        return;
    }
    if end > clock.now {
        cap.skip("a future event (not yet happened)");
        return;
    }
    if comp.status() == Some(&ICalendarStatus::Cancelled) {
        cap.skip("a cancelled event");
        return;
    }
    let mut people = Vec::new();
    let mut declined = false;
    let organizer = comp
        .property(&ICalendarProperty::Organizer)
        .and_then(|e| address(e).map(|a| (a, param_text(e, &ICalendarParameterName::Cn))));
    for e in comp.properties(&ICalendarProperty::Attendee) {
        let Some(addr) = address(e) else { continue };
        let partstat = e.parameter(&ICalendarParameterName::Partstat);
        let said_no = matches!(
            partstat,
            Some(ICalendarParameterValue::Partstat(
                ICalendarParticipationStatus::Declined
            ))
        );
        if me.is_email(&addr) {
            declined |= said_no;
            continue;
        }
        let resource = matches!(
            e.parameter(&ICalendarParameterName::Cutype),
            Some(ICalendarParameterValue::Cutype(
                ICalendarUserTypes::Resource | ICalendarUserTypes::Room
            ))
        );
        if said_no || resource || addr.ends_with("resource.calendar.google.com") {
            continue;
        }
        let p = Person::email(&param_text(e, &ICalendarParameterName::Cn), &addr);
        if !people.iter().any(|q: &Person| q.email == p.email) {
            people.push(p);
        }
    }
    if declined {
        cap.skip("an event you declined");
        return;
    }
    let mut initiated_by = Initiator::Mutual;
    let mut by = None;
    if let Some((addr, name)) = &organizer {
        if me.is_email(addr) {
            initiated_by = Initiator::Me;
        } else {
            initiated_by = Initiator::Them;
            let p = Person::email(name, addr);
            if !people.iter().any(|q| q.email == p.email) {
                people.push(p.clone());
            }
            by = Some(p);
        }
    }
    let location = prop_text(comp, &ICalendarProperty::Location).unwrap_or_default();
    let description = prop_text(comp, &ICalendarProperty::Description).unwrap_or_default();
    let conference = comp.property(&ICalendarProperty::Conference).is_some()
        || comp.entries.iter().any(|e| {
            matches!(&e.name, ICalendarProperty::Other(n)
                if n.eq_ignore_ascii_case("X-GOOGLE-CONFERENCE")
                    || n.eq_ignore_ascii_case("X-MICROSOFT-SKYPETEAMSMEETINGURL")
                    || n.eq_ignore_ascii_case("X-MICROSOFT-ONLINEMEETINGCONFLINK"))
        });
    let place = if is_physical_place(&location) {
        Place::InPerson
    } else if conference || has_meeting_link(&location) || has_meeting_link(&description) {
        Place::Video
    } else {
        Place::Unknown
    };
    let uid = comp.uid().unwrap_or("").trim();
    let when = comp
        .property(&ICalendarProperty::RecurrenceId)
        .and_then(|e| e.values.first())
        .and_then(ICalendarValue::as_partial_date_time)
        .map_or_else(|| start.format("%Y%m%dT%H%M%SZ").to_string(), compact);
    let key = if uid.is_empty() {
        format!(
            "ics:{}#{}",
            prop_text(comp, &ICalendarProperty::Summary).unwrap_or_default(),
            when
        )
    } else {
        format!("ics:{uid}#{when}")
    };
    let local = clock.local(start);
    let minutes = (end - start).num_minutes();
    let mut item = Captured {
        key,
        date: local.date(),
        time: Some(local.time()),
        kind: Kind::Meeting(place),
        minutes: u32::try_from(minutes).ok().filter(|m| *m > 0),
        initiated_by,
        summary: prop_text(comp, &ICalendarProperty::Summary).unwrap_or_default(),
        people,
        by,
        line: 0,
    };
    item.summary = crate::formats::draft::one_line(&item.summary);
    cap.items.push(item);
}

/// A RECURRENCE-ID as written (`20261020T090000`, with `Z` when it was UTC).
fn compact(d: &PartialDateTime) -> String {
    let n = |v: Option<u8>| v.unwrap_or(0);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}{}",
        d.year.unwrap_or(0),
        n(d.month),
        n(d.day),
        n(d.hour),
        n(d.minute),
        n(d.second),
        if d.tz_hour == Some(0) && d.tz_minute.unwrap_or(0) == 0 {
            "Z"
        } else {
            ""
        }
    )
}

/// Words that name an online meeting (or no place at all) rather than a place.
const ONLINE_WORDS: [&str; 30] = [
    "zoom",
    "teams",
    "microsoft",
    "google",
    "meet",
    "hangouts",
    "webex",
    "skype",
    "whereby",
    "jitsi",
    "facetime",
    "online",
    "virtual",
    "video",
    "call",
    "phone",
    "remote",
    "meeting",
    "conference",
    "link",
    "join",
    "tbd",
    "tba",
    "n/a",
    "via",
    "on",
    "by",
    "the",
    "a",
    "see",
];

/// Whether LOCATION names a physical place: a word of two or more letters is left once URLs and
/// online words (Zoom, Microsoft Teams Meeting, Online, ...) are taken out.
pub(crate) fn is_physical_place(location: &str) -> bool {
    location
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == '|')
        .filter(|w| !w.contains("://") && !w.starts_with("www."))
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !ONLINE_WORDS.contains(&w.as_str()))
        .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
}

/// Whether a text holds a meeting link of Zoom, Google Meet, Teams, Webex, Whereby or Jitsi.
pub(crate) fn has_meeting_link(text: &str) -> bool {
    const HOSTS: [&str; 7] = [
        "zoom.us/",
        "meet.google.com/",
        "teams.microsoft.com/",
        "teams.live.com/",
        "webex.com/",
        "whereby.com/",
        "meet.jit.si/",
    ];
    let lower = text.to_lowercase();
    HOSTS.iter().any(|h| lower.contains(h))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_is_more_than_a_link_or_an_online_word() {
        assert!(is_physical_place(
            "Café Einstein, Kurfürstenstraße 58, Berlin"
        ));
        assert!(is_physical_place("Room 4.12"));
        assert!(!is_physical_place("https://zoom.us/j/123456"));
        assert!(!is_physical_place("Zoom"));
        assert!(!is_physical_place("Microsoft Teams Meeting"));
        assert!(!is_physical_place("Online"));
        assert!(!is_physical_place(""));
        assert!(is_physical_place(
            "Office, https://meet.google.com/abc-defg-hij"
        ));
    }

    #[test]
    fn meeting_links_are_recognised() {
        assert!(has_meeting_link("Join: https://us02web.zoom.us/j/8"));
        assert!(has_meeting_link("https://meet.google.com/abc-defg-hij"));
        assert!(has_meeting_link(
            "https://teams.microsoft.com/l/meetup-join/1"
        ));
        assert!(!has_meeting_link("https://example.org/agenda"));
    }
}
