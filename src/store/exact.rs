//! Numbers in unknown fields, kept exactly as the file wrote them.
//!
//! `serde_json`'s `arbitrary_precision` keeps every digit (a 23-digit integer stays one), but its
//! parser writes exponents one way: `1e2` and `1E2` become `1e+2`. So when an unknown field
//! holds a number with an exponent, that field is read a second time from the file's text as
//! raw JSON and its numbers are taken verbatim. Files without such numbers (nearly all) never
//! pay for the second reading.

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Number, Value};

use crate::model::{Channel, Contact, Interaction, Labeled, Settings};

/// Whether `v` holds a number whose text `serde_json` may have rewritten (one with an exponent).
fn rewritten(v: &Value) -> bool {
    match v {
        Value::Number(n) => n.as_str().contains('e'),
        Value::Array(a) => a.iter().any(rewritten),
        Value::Object(o) => o.values().any(rewritten),
        _ => false,
    }
}

fn any_rewritten(extra: &Map<String, Value>) -> bool {
    extra.values().any(rewritten)
}

/// An object's members as raw text, in order.
struct Members<'a>(Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for Members<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Members<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members<'de>, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry::<String, &'de RawValue>()? {
                    out.push(entry);
                }
                Ok(Members(out))
            }
        }
        d.deserialize_map(V)
    }
}

fn members(raw: &RawValue) -> Option<Members<'_>> {
    serde_json::from_str(raw.get()).ok()
}

fn elements(raw: &RawValue) -> Option<Vec<&RawValue>> {
    serde_json::from_str(raw.get()).ok()
}

/// The value of `raw` with every number exactly as written.
fn verbatim(raw: &RawValue) -> Option<Value> {
    let text = raw.get().trim();
    Some(match text.as_bytes().first()? {
        b'{' => Value::Object(
            members(raw)?
                .0
                .into_iter()
                .map(|(k, v)| Some((k, verbatim(v)?)))
                .collect::<Option<Map<_, _>>>()?,
        ),
        b'[' => Value::Array(
            elements(raw)?
                .into_iter()
                .map(verbatim)
                .collect::<Option<Vec<_>>>()?,
        ),
        // Text the parser has already accepted as a JSON number. `from_string_unchecked` is
        // the one way serde_json offers to keep a number's text (hidden from its docs, present
        // throughout 1.x); the round-trip test in tests/store.rs guards it.
        b'-' | b'0'..=b'9' => Value::Number(Number::from_string_unchecked(text.to_owned())),
        _ => serde_json::from_str(text).ok()?,
    })
}

/// Replaces, in `extra`, each member of the object `raw` whose number text was rewritten.
/// Returns the object's members for the caller to look deeper.
fn restore_in<'a>(raw: &'a RawValue, extra: &mut Map<String, Value>) -> Option<Members<'a>> {
    let found = members(raw)?;
    if any_rewritten(extra) {
        for (key, value) in &found.0 {
            if let Some(slot) = extra.get_mut(key)
                && rewritten(slot)
                && let Some(exact) = verbatim(value)
            {
                *slot = exact;
            }
        }
    }
    Some(found)
}

fn member<'a>(found: &Members<'a>, key: &str) -> Option<&'a RawValue> {
    found.0.iter().find(|(k, _)| k == key).map(|(_, v)| *v)
}

fn labeled_need(list: &[Labeled]) -> bool {
    list.iter().any(|l| any_rewritten(&l.extra))
}

fn contact_needs(c: &Contact) -> bool {
    any_rewritten(&c.extra)
        || labeled_need(&c.emails)
        || labeled_need(&c.phones)
        || labeled_need(&c.links)
}

fn settings_need(s: &Settings) -> bool {
    any_rewritten(&s.extra) || any_rewritten(&s.strength.extra) || any_rewritten(&s.cadence.extra)
}

/// The parts of a file that keep unknown fields, as parsed.
pub(super) struct Parts<'p> {
    pub extra: &'p mut Map<String, Value>,
    pub settings: &'p mut Settings,
    pub channels: Option<&'p mut Vec<Channel>>,
    pub contacts: &'p mut Vec<Contact>,
    pub interactions: &'p mut Vec<Interaction>,
}

/// Puts back the exact text of numbers in unknown fields, reading `text` (the whole file, which
/// has already been parsed into `parts`) again only where such a number is.
pub(super) fn restore(text: &str, parts: Parts<'_>) {
    let channels_need = parts
        .channels
        .as_ref()
        .is_some_and(|c| c.iter().any(|ch| any_rewritten(&ch.extra)));
    let needed = any_rewritten(parts.extra)
        || settings_need(parts.settings)
        || channels_need
        || parts.contacts.iter().any(contact_needs)
        || parts.interactions.iter().any(|i| any_rewritten(&i.extra));
    if !needed {
        return;
    }
    let Ok(top) = serde_json::from_str::<&RawValue>(text) else {
        return;
    };
    let Some(found) = restore_in(top, parts.extra) else {
        return;
    };
    if settings_need(parts.settings)
        && let Some(raw) = member(&found, "settings")
        && let Some(inner) = restore_in(raw, &mut parts.settings.extra)
    {
        if let Some(raw) = member(&inner, "strength") {
            restore_in(raw, &mut parts.settings.strength.extra);
        }
        if let Some(raw) = member(&inner, "cadence") {
            restore_in(raw, &mut parts.settings.cadence.extra);
        }
    }
    if channels_need
        && let (Some(channels), Some(raw)) = (parts.channels, member(&found, "channels"))
    {
        for (ch, raw) in channels.iter_mut().zip(elements(raw).unwrap_or_default()) {
            restore_in(raw, &mut ch.extra);
        }
    }
    if let Some(raw) = member(&found, "contacts")
        && parts.contacts.iter().any(contact_needs)
    {
        for (c, raw) in parts
            .contacts
            .iter_mut()
            .zip(elements(raw).unwrap_or_default())
        {
            if !contact_needs(c) {
                continue;
            }
            let Some(inner) = restore_in(raw, &mut c.extra) else {
                continue;
            };
            for (key, list) in [
                ("emails", &mut c.emails),
                ("phones", &mut c.phones),
                ("links", &mut c.links),
            ] {
                if let Some(raw) = member(&inner, key) {
                    for (l, raw) in list.iter_mut().zip(elements(raw).unwrap_or_default()) {
                        restore_in(raw, &mut l.extra);
                    }
                }
            }
        }
    }
    if let Some(raw) = member(&found, "interactions")
        && parts.interactions.iter().any(|i| any_rewritten(&i.extra))
    {
        for (i, raw) in parts
            .interactions
            .iter_mut()
            .zip(elements(raw).unwrap_or_default())
        {
            if any_rewritten(&i.extra) {
                restore_in(raw, &mut i.extra);
            }
        }
    }
}
