//! Reading a data file's top-level object in one pass, with the byte offset reached reported
//! as it goes (the loading bar's parse stage).

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::model::{Channel, Contact, Interaction, LocatedInteraction, Settings};

pub(super) struct Body {
    pub(super) format: Option<Value>,
    pub(super) version: Option<Value>,
    pub(super) contacts: Vec<Contact>,
    pub(super) channels: Option<Vec<Channel>>,
    pub(super) interactions: Vec<Interaction>,
    pub(super) settings: Settings,
    pub(super) extra: Map<String, Value>,
}

/// After how many interactions the parse reports how far it has come (about a thousand reports
/// for a million interactions).
const REPORT_EVERY: usize = 1024;

/// Reads the whole document from `text`, calling `report(offset)` with the byte offset it has
/// reached: at each top-level field, and every [`REPORT_EVERY`] interactions (where that
/// record's first field name is, which the parser lends straight from `text`). Offsets only
/// grow. The records read between reports cost nothing extra.
pub(super) fn parse_body(
    text: &str,
    report: &mut dyn FnMut(u64),
) -> Result<Body, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let body = BodySeed {
        base: text.as_ptr().addr(),
        report,
    }
    .deserialize(&mut de)?;
    de.end()?;
    Ok(body)
}

/// Reads a [`Body`], reporting progress through the text that starts at address `base`.
struct BodySeed<'r> {
    base: usize,
    report: &'r mut dyn FnMut(u64),
}

impl BodySeed<'_> {
    /// Reports the offset of `at` (an address inside the text), if it is one.
    fn at(&mut self, at: Option<usize>) {
        if let Some(offset) = at.and_then(|a| a.checked_sub(self.base)) {
            (self.report)(offset as u64);
        }
    }
}

/// A top-level field name and, when the parser lends it from the text, its address.
struct LocatedKey;

impl<'de> DeserializeSeed<'de> for LocatedKey {
    type Value = (String, Option<usize>);
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = (String, Option<usize>);
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok((v.to_owned(), Some(v.as_ptr().addr())))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok((v.to_owned(), None))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

/// The interactions list, with a report every [`REPORT_EVERY`] records.
struct Interactions<'s, 'r>(&'s mut BodySeed<'r>);

impl<'de> DeserializeSeed<'de> for Interactions<'_, '_> {
    type Value = Vec<Interaction>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Interactions<'_, '_> {
    type Value = Vec<Interaction>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of interactions")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        loop {
            let next = if out.len() % REPORT_EVERY == REPORT_EVERY - 1 {
                seq.next_element_seed(LocatedInteraction)?
                    .map(|(interaction, at)| {
                        self.0.at(at);
                        interaction
                    })
            } else {
                seq.next_element()?
            };
            match next {
                Some(interaction) => out.push(interaction),
                None => return Ok(out),
            }
        }
    }
}

impl<'de> DeserializeSeed<'de> for BodySeed<'_> {
    type Value = Body;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for BodySeed<'_> {
    type Value = Body;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Rapport data object")
    }
    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Body, A::Error> {
        let mut body = Body {
            format: None,
            version: None,
            contacts: Vec::new(),
            channels: None,
            interactions: Vec::new(),
            settings: Settings::default(),
            extra: Map::new(),
        };
        let mut seen = std::collections::HashSet::new();
        while let Some((key, at)) = map.next_key_seed(LocatedKey)? {
            self.at(at);
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format_args!(
                    "the field \"{key}\" appears twice"
                )));
            }
            match key.as_str() {
                "format" => body.format = Some(map.next_value()?),
                "version" => body.version = Some(map.next_value()?),
                "contacts" => body.contacts = map.next_value()?,
                "channels" => body.channels = Some(map.next_value()?),
                "interactions" => {
                    body.interactions = map.next_value_seed(Interactions(&mut self))?;
                }
                "settings" => body.settings = map.next_value()?,
                _ => {
                    let v: Value = map.next_value()?;
                    body.extra.insert(key, v);
                }
            }
        }
        Ok(body)
    }
}
