//! Interactions: one record per conversation, meeting or message exchange.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{ChannelId, ContactId, InteractionId};

/// How deep an interaction went, 1 (small talk) to 5 (trusted personal help).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Depth(u8);

impl Depth {
    pub const MIN: u8 = 1;
    pub const MAX: u8 = 5;

    /// `None` when `value` is outside 1-5.
    #[must_use]
    pub fn new(value: u8) -> Option<Self> {
        (Self::MIN..=Self::MAX)
            .contains(&value)
            .then_some(Self(value))
    }

    #[must_use]
    pub fn get(self) -> u8 {
        self.0
    }

    /// Every level, shallow to deep.
    pub fn all() -> impl Iterator<Item = Depth> {
        (Self::MIN..=Self::MAX).map(Depth)
    }

    /// A short name for the level.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self.0 {
            1 => "Small talk",
            2 => "Catching up",
            3 => "Substantive",
            4 => "Personal",
            _ => "Trusted help",
        }
    }

    /// What the level means, in one line.
    #[must_use]
    pub fn meaning(self) -> &'static str {
        match self.0 {
            1 => "Greetings and pleasantries; nothing personal shared",
            2 => "News and light personal updates exchanged",
            3 => "Real work or ideas discussed in depth",
            4 => "Feelings, plans or advice shared openly",
            _ => "Confidences kept or real help given or received",
        }
    }
}

impl Default for Depth {
    fn default() -> Self {
        Self(2)
    }
}

impl TryFrom<u8> for Depth {
    type Error = String;
    fn try_from(value: u8) -> Result<Self, Self::Error> {
        Self::new(value).ok_or_else(|| format!("depth {value} is outside 1-5"))
    }
}

impl From<Depth> for u8 {
    fn from(d: Depth) -> u8 {
        d.0
    }
}

/// Who reached out first. `Unknown` (the default) when nobody said: it is left out of
/// reciprocity rather than counted as balanced, and not written to the file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Initiator {
    Me,
    Them,
    Mutual,
    #[default]
    Unknown,
}

impl Initiator {
    /// The known initiators (what a generator picks from).
    pub const ALL: [Initiator; 3] = [Initiator::Me, Initiator::Them, Initiator::Mutual];
    /// Every choice a form offers, "not recorded" first.
    pub const CHOICES: [Initiator; 4] = [
        Initiator::Unknown,
        Initiator::Me,
        Initiator::Them,
        Initiator::Mutual,
    ];

    /// The word used in files: `me`, `them`, `mutual`, or empty when unknown.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Initiator::Me => "me",
            Initiator::Them => "them",
            Initiator::Mutual => "mutual",
            Initiator::Unknown => "",
        }
    }

    /// Whether nobody recorded who reached out.
    #[must_use]
    pub fn is_unknown(&self) -> bool {
        *self == Initiator::Unknown
    }
}

impl std::str::FromStr for Initiator {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "me" => Ok(Initiator::Me),
            "them" => Ok(Initiator::Them),
            "mutual" => Ok(Initiator::Mutual),
            "" | "unknown" => Ok(Initiator::Unknown),
            other => Err(format!(
                "unknown initiator \"{other}\" (expected me, them, mutual or nothing)"
            )),
        }
    }
}

/// One interaction. A group event is one record with several participants; it counts once for
/// each of them.
///
/// `Deserialize` is written by hand (below) rather than derived: a derived `#[serde(flatten)]`
/// buffers every field of every record before reading it, which made loading a million
/// interactions markedly slower. The hand-written reader gives the same result.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Interaction {
    pub id: InteractionId,
    pub date: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<NaiveTime>,
    pub participants: Vec<ContactId>,
    pub channel: ChannelId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
    pub depth: Depth,
    #[serde(default, skip_serializing_if = "Initiator::is_unknown")]
    pub initiated_by: Initiator,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<NaiveDate>,
    /// Where a captured interaction came from: a stable key such as
    /// `ics:UID#20260105T090000Z` or `mail:<root-id>#2026-01-05` (see docs/CAPTURE.md). A
    /// capture import adds nothing whose key is already in the file, so importing the same
    /// export again changes nothing. `None` for interactions typed by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Interaction {
    /// A new interaction with a random id.
    #[must_use]
    pub fn new(date: NaiveDate, participants: Vec<ContactId>, channel: ChannelId) -> Self {
        Self {
            id: InteractionId::random(),
            date,
            time: None,
            participants,
            channel,
            minutes: None,
            depth: Depth::default(),
            initiated_by: Initiator::default(),
            summary: String::new(),
            notes: String::new(),
            follow_up: None,
            source: None,
            extra: Map::new(),
        }
    }

    #[must_use]
    pub fn involves(&self, contact: ContactId) -> bool {
        self.participants.contains(&contact)
    }
}

/// The fields an interaction object may hold; anything else is kept in `extra`.
enum Field {
    Id,
    Date,
    Time,
    Participants,
    Channel,
    Minutes,
    Depth,
    InitiatedBy,
    Summary,
    Notes,
    FollowUp,
    Source,
    Other(String),
}

impl Field {
    fn named(v: &str) -> Field {
        match v {
            "id" => Field::Id,
            "date" => Field::Date,
            "time" => Field::Time,
            "participants" => Field::Participants,
            "channel" => Field::Channel,
            "minutes" => Field::Minutes,
            "depth" => Field::Depth,
            "initiated_by" => Field::InitiatedBy,
            "summary" => Field::Summary,
            "notes" => Field::Notes,
            "follow_up" => Field::FollowUp,
            "source" => Field::Source,
            other => Field::Other(other.to_owned()),
        }
    }
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct FieldVisitor;
        impl serde::de::Visitor<'_> for FieldVisitor {
            type Value = Field;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Field, E> {
                Ok(Field::named(v))
            }
        }
        d.deserialize_identifier(FieldVisitor)
    }
}

/// A field name and, when the parser lends it straight from its input (text parsed from one
/// `&str`, the name without escapes), the address of its first byte.
struct LocatedField;

impl<'de> serde::de::DeserializeSeed<'de> for LocatedField {
    type Value = (Field, Option<usize>);
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        struct LocatedVisitor;
        impl<'de> serde::de::Visitor<'de> for LocatedVisitor {
            type Value = (Field, Option<usize>);
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a field name")
            }
            fn visit_borrowed_str<E: serde::de::Error>(
                self,
                v: &'de str,
            ) -> Result<Self::Value, E> {
                Ok((Field::named(v), Some(v.as_ptr().addr())))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok((Field::named(v), None))
            }
        }
        d.deserialize_identifier(LocatedVisitor)
    }
}

/// Reads one [`Interaction`] and where it is in the input: the address of its first field's
/// name when the parser lends that name from its input (see [`LocatedField`]), else `None`.
/// A reader of a long list can turn that address into a byte offset (by subtracting the
/// input's start) to say how far it has come, at no cost to the records read without it.
#[derive(Clone, Copy, Debug, Default)]
pub struct LocatedInteraction;

impl<'de> serde::de::DeserializeSeed<'de> for LocatedInteraction {
    type Value = (Interaction, Option<usize>);
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(InteractionVisitor::<true>)
    }
}

/// Reads the next value into `slot`, refusing a field that appears twice.
fn once<'de, A, T>(map: &mut A, slot: &mut Option<T>, name: &'static str) -> Result<(), A::Error>
where
    A: serde::de::MapAccess<'de>,
    T: Deserialize<'de>,
{
    if slot.is_some() {
        return Err(serde::de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

impl<'de> Deserialize<'de> for Interaction {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(InteractionVisitor::<false>)
            .map(|(interaction, _)| interaction)
    }
}

/// Reads an interaction object; with `LOCATE`, also where its first field's name is.
struct InteractionVisitor<const LOCATE: bool>;

impl<'de, const LOCATE: bool> serde::de::Visitor<'de> for InteractionVisitor<LOCATE> {
    type Value = (Interaction, Option<usize>);
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an interaction object")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        use serde::de::Error;
        let mut id = None;
        let mut date = None;
        let mut time: Option<Option<NaiveTime>> = None;
        let mut participants = None;
        let mut channel = None;
        let mut minutes: Option<Option<u32>> = None;
        let mut depth = None;
        let mut initiated_by = None;
        let mut summary = None;
        let mut notes = None;
        let mut follow_up: Option<Option<NaiveDate>> = None;
        let mut source: Option<Option<String>> = None;
        let mut extra = Map::new();
        let mut at = None;
        let mut next = if LOCATE {
            map.next_key_seed(LocatedField)?.map(|(field, found)| {
                at = found;
                field
            })
        } else {
            map.next_key::<Field>()?
        };
        while let Some(field) = next {
            match field {
                Field::Id => once(&mut map, &mut id, "id")?,
                Field::Date => once(&mut map, &mut date, "date")?,
                Field::Time => once(&mut map, &mut time, "time")?,
                Field::Participants => {
                    once(&mut map, &mut participants, "participants")?;
                }
                Field::Channel => once(&mut map, &mut channel, "channel")?,
                Field::Minutes => once(&mut map, &mut minutes, "minutes")?,
                Field::Depth => once(&mut map, &mut depth, "depth")?,
                Field::InitiatedBy => {
                    once(&mut map, &mut initiated_by, "initiated_by")?;
                }
                Field::Summary => once(&mut map, &mut summary, "summary")?,
                Field::Notes => once(&mut map, &mut notes, "notes")?,
                Field::FollowUp => once(&mut map, &mut follow_up, "follow_up")?,
                Field::Source => once(&mut map, &mut source, "source")?,
                Field::Other(key) => {
                    let value: Value = map.next_value()?;
                    if extra.insert(key.clone(), value).is_some() {
                        return Err(A::Error::custom(format_args!("duplicate field `{key}`")));
                    }
                }
            }
            next = map.next_key::<Field>()?;
        }
        let interaction = Interaction {
            id: id.ok_or_else(|| A::Error::missing_field("id"))?,
            date: date.ok_or_else(|| A::Error::missing_field("date"))?,
            time: time.flatten(),
            participants: participants.ok_or_else(|| A::Error::missing_field("participants"))?,
            channel: channel.ok_or_else(|| A::Error::missing_field("channel"))?,
            minutes: minutes.flatten(),
            depth: depth.ok_or_else(|| A::Error::missing_field("depth"))?,
            initiated_by: initiated_by.unwrap_or_default(),
            summary: summary.unwrap_or_default(),
            notes: notes.unwrap_or_default(),
            follow_up: follow_up.flatten(),
            source: source.flatten(),
            extra,
        };
        Ok((interaction, at))
    }
}
