//! Android phone logs written by the app "SMS Backup & Restore" (`SyncTech`): calls-*.xml and
//! sms-*.xml, read with quick-xml. Message texts are never kept.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{
    Capture, Captured, Clock, DayGroups, Identity, Kind, Person, national_number, same_number,
};
use crate::formats::Format;
use crate::formats::source::ImportError;
use crate::model::Initiator;

/// The attributes of one element, unescaped.
fn attributes(e: &BytesStart<'_>) -> HashMap<String, String> {
    e.attributes()
        .filter_map(Result::ok)
        .map(|a| {
            (
                String::from_utf8_lossy(a.key.as_ref()).into_owned(),
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map_or_else(
                        |_| String::from_utf8_lossy(&a.value).into_owned(),
                        std::borrow::Cow::into_owned,
                    ),
            )
        })
        .collect()
}

/// Counts lines up to a byte offset, moving forward only.
struct Lines<'a> {
    text: &'a [u8],
    pos: usize,
    line: usize,
}

impl Lines<'_> {
    fn at(&mut self, offset: u64) -> usize {
        let end = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        if end > self.pos {
            self.line += memchr::memchr_iter(b'\n', &self.text[self.pos..end]).count();
            self.pos = end;
        }
        self.line
    }
}

/// Walks the elements named `names`, giving each one's attributes and line.
fn each_element(
    text: &str,
    format: Format,
    root: &str,
    names: &[&[u8]],
    mut f: impl FnMut(&str, usize, &HashMap<String, String>),
) -> Result<(), ImportError> {
    let mut reader = Reader::from_str(text);
    let mut lines = Lines {
        text: text.as_bytes(),
        pos: 0,
        line: 1,
    };
    let mut saw_root = false;
    loop {
        let start = reader.buffer_position();
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Start(e) | Event::Empty(e)) => {
                let name = e.name();
                let name = name.as_ref();
                if name == root.as_bytes() {
                    saw_root = true;
                } else if names.contains(&name) {
                    let line = lines.at(start);
                    let tag = String::from_utf8_lossy(name).into_owned();
                    f(&tag, line, &attributes(&e));
                }
            }
            Ok(_) => {}
            Err(e) => {
                let line = lines.at(reader.error_position());
                return Err(ImportError::NotThisFormat {
                    format,
                    why: format!("line {line}: {e}"),
                });
            }
        }
    }
    if !saw_root {
        return Err(ImportError::NotThisFormat {
            format,
            why: format!("it has no <{root}> element (is it an SMS Backup & Restore file?)"),
        });
    }
    Ok(())
}

fn when(attrs: &HashMap<String, String>) -> Option<DateTime<Utc>> {
    attrs
        .get("date")
        .and_then(|d| d.trim().parse::<i64>().ok())
        .and_then(DateTime::<Utc>::from_timestamp_millis)
}

fn name_of(attrs: &HashMap<String, String>) -> String {
    attrs
        .get("contact_name")
        .map(|n| n.trim())
        .filter(|n| !n.is_empty() && *n != "(Unknown)" && *n != "null")
        .unwrap_or("")
        .to_owned()
}

pub(super) fn parse_calls(text: &str, clock: &Clock, cap: &mut Capture) -> Result<(), ImportError> {
    let mut items = Vec::new();
    let mut skips: Vec<&'static str> = Vec::new();
    let mut problems = Vec::new();
    each_element(
        text,
        Format::AndroidCalls,
        "calls",
        &[b"call"],
        |_, line, a| {
            let number = a.get("number").map_or("", |n| n.trim());
            let (Some(at), Some(kind)) = (when(a), a.get("type").map(|t| t.trim())) else {
                problems.push((line, "a call with no date or type"));
                return;
            };
            let initiated_by = match kind {
                "1" => Initiator::Them,
                "2" => Initiator::Me,
                "3" => return skips.push("a missed call"),
                "4" => return skips.push("a voicemail"),
                "5" => return skips.push("a rejected call"),
                "6" => return skips.push("a blocked call"),
                _ => return skips.push("a call of an unknown type"),
            };
            let seconds: u64 = a
                .get("duration")
                .and_then(|d| d.trim().parse().ok())
                .unwrap_or(0);
            if seconds == 0 {
                return skips.push("a call that was not answered (0 seconds)");
            }
            if national_number(number).len() < 3 {
                return skips.push("a call with a hidden number");
            }
            if at > clock.now {
                return skips.push("a call dated in the future");
            }
            let local = clock.local(at);
            items.push(Captured {
                key: format!("call:{}#{}", at.timestamp_millis(), national_number(number)),
                date: local.date(),
                time: Some(local.time()),
                kind: Kind::Call,
                minutes: u32::try_from(seconds.div_ceil(60)).ok(),
                initiated_by,
                summary: if initiated_by == Initiator::Me {
                    "Outgoing call".to_owned()
                } else {
                    "Incoming call".to_owned()
                },
                people: vec![Person::phone(&name_of(a), number)],
                by: None,
                line,
            });
        },
    )?;
    for s in skips {
        cap.skip(s);
    }
    for (line, p) in problems {
        cap.problem(line, p);
    }
    cap.items.extend(items);
    Ok(())
}

/// One spelling per number: the first one seen of the numbers that [`same_number`] matches.
#[derive(Default)]
struct Numbers {
    by_tail: HashMap<String, Vec<String>>,
}

impl Numbers {
    fn canonical(&mut self, nsn: String) -> String {
        if nsn.len() < 7 {
            return nsn;
        }
        let list = self
            .by_tail
            .entry(nsn[nsn.len() - 7..].to_owned())
            .or_default();
        if let Some(same) = list.iter().find(|n| same_number(n, &nsn)) {
            return same.clone();
        }
        list.push(nsn.clone());
        nsn
    }
}

pub(super) fn parse_sms(
    text: &str,
    me: &Identity,
    clock: &Clock,
    cap: &mut Capture,
) -> Result<(), ImportError> {
    let mut groups = DayGroups::new();
    let mut canon = Numbers::default();
    let mut skips: Vec<&'static str> = Vec::new();
    let mut problems = Vec::new();
    each_element(
        text,
        Format::AndroidSms,
        "smses",
        &[b"sms", b"mms"],
        |tag, line, a| {
            let Some(at) = when(a) else {
                problems.push((line, "a message with no date"));
                return;
            };
            let box_kind = if tag == "sms" {
                a.get("type")
            } else {
                a.get("msg_box")
            }
            .map_or("", |t| t.trim());
            let initiated_by = match box_kind {
                "1" => Initiator::Them,
                "2" => Initiator::Me,
                "3" => return skips.push("a draft"),
                _ => return skips.push("a message that was not sent or received (failed, queued)"),
            };
            if at > clock.now {
                return skips.push("a message dated in the future");
            }
            let local = clock.local(at);
            let name = name_of(a);
            // MMS to several people list them separated by "~".
            let numbers: Vec<&str> = a
                .get("address")
                .map_or("", String::as_str)
                .split('~')
                .map(str::trim)
                // A group MMS lists every number, the user's own among them.
                .filter(|n| national_number(n).len() >= 3 && !me.is_phone(n))
                .collect();
            if numbers.is_empty() {
                return skips.push("a message with no number");
            }
            for n in numbers {
                let nsn = canon.canonical(national_number(n));
                let label = if name.contains(',') {
                    ""
                } else {
                    name.as_str()
                };
                groups.add(Captured {
                    key: format!("sms:{nsn}#{}", local.date()),
                    date: local.date(),
                    time: Some(local.time()),
                    kind: Kind::Text,
                    minutes: None,
                    initiated_by,
                    summary: "Text messages".to_owned(),
                    people: vec![Person::phone(label, n)],
                    by: None,
                    line,
                });
            }
        },
    )?;
    for s in skips {
        cap.skip(s);
    }
    for (line, p) in problems {
        cap.problem(line, p);
    }
    cap.items.extend(groups.finish());
    Ok(())
}
