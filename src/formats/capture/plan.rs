//! The preview of a capture import: captured records matched with the open data's contacts.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use super::{Capture, Captured, Kind, Person, national_number, same_number};
use crate::formats::{Format, normalize_name};
use crate::model::{
    Channel, ChannelId, Contact, ContactId, Dataset, Depth, Edit, Interaction, Labeled,
};

/// What the user can change before a capture import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaptureOptions {
    /// The depth given to every interaction from this source (3 for meetings, 2 otherwise).
    pub depth: Depth,
    /// The channel for meetings with no place and no link; `None` skips them.
    pub unknown_place: Option<ChannelId>,
    /// People who are not contacts, by [`Person::key`], to add as contacts.
    pub add: HashSet<String>,
}

impl CaptureOptions {
    /// The defaults for a source: depth 3 for a calendar, 2 for mail, chats, calls and texts.
    #[must_use]
    pub fn for_format(format: Format) -> Self {
        let depth = if format == Format::Ics { 3 } else { 2 };
        Self {
            depth: Depth::new(depth).unwrap_or_default(),
            unknown_place: None,
            add: HashSet::new(),
        }
    }
}

/// Someone in the source who is not a contact, with the number of captured interactions they
/// are in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stranger {
    pub key: String,
    pub person: Person,
    pub count: usize,
}

/// What a capture import will do. Nothing changes until [`CapturePlan::to_edit`] is applied.
#[derive(Clone, Debug, PartialEq)]
pub struct CapturePlan {
    pub format: Format,
    /// `Dataset::revision` the plan was computed against.
    pub based_on: u64,
    pub interactions: Vec<Interaction>,
    /// Contacts created for the people the user chose to add.
    pub new_contacts: Vec<Contact>,
    /// Channels created because the data file has no channel of that name.
    pub new_channels: Vec<Channel>,
    /// Reasons with counts: the source's own and the plan's ("no contact", "already imported").
    pub skipped: Vec<(String, usize)>,
    /// Lines that could not be read.
    pub problems: Vec<String>,
    pub problem_count: usize,
    /// People who are not contacts, most frequent first.
    pub strangers: Vec<Stranger>,
}

pub(crate) const NO_CONTACT: &str = "no one in it is a contact";
pub(crate) const NOBODY: &str = "nobody else is in it";
pub(crate) const ALREADY: &str = "already imported";
pub(crate) const NO_PLACE: &str = "no place or link: online or offline is unknown";

/// Contacts by email, by phone (last 7 digits of the national number) and by name.
struct Index {
    email: HashMap<String, ContactId>,
    phone: HashMap<String, Vec<(String, ContactId)>>,
    name: HashMap<String, ContactId>,
}

impl Index {
    fn new(data: &Dataset) -> Self {
        let mut ix = Self {
            email: HashMap::new(),
            phone: HashMap::new(),
            name: HashMap::new(),
        };
        for c in data.contacts() {
            ix.add(c);
        }
        ix
    }

    fn add(&mut self, c: &Contact) {
        for e in &c.emails {
            self.email
                .entry(e.value.trim().to_lowercase())
                .or_insert(c.id);
        }
        for p in &c.phones {
            let n = national_number(&p.value);
            if n.len() >= 7 {
                self.phone
                    .entry(n[n.len() - 7..].to_owned())
                    .or_default()
                    .push((n, c.id));
            }
        }
        let name = normalize_name(&c.display_name);
        if !name.is_empty() {
            self.name.entry(name).or_insert(c.id);
        }
    }

    fn find(&self, p: &Person) -> Option<ContactId> {
        if let Some(e) = &p.email {
            return self.email.get(e).copied();
        }
        if let Some(phone) = &p.phone {
            let n = national_number(phone);
            if n.len() < 7 {
                return None;
            }
            return self.phone.get(&n[n.len() - 7..]).and_then(|list| {
                list.iter()
                    .find(|(theirs, _)| same_number(theirs, &n))
                    .map(|&(_, id)| id)
            });
        }
        self.name.get(&normalize_name(&p.name)).copied()
    }
}

impl CapturePlan {
    /// Matches a capture with the open data. Pure: `data` is not changed.
    #[must_use]
    pub fn new(data: &Dataset, capture: &Capture, options: &CaptureOptions) -> Self {
        let mut index = Index::new(data);
        let mut plan = CapturePlan {
            format: capture.format,
            based_on: data.revision(),
            interactions: Vec::new(),
            new_contacts: Vec::new(),
            new_channels: Vec::new(),
            skipped: capture.skipped.clone(),
            problems: capture.problems.clone(),
            problem_count: capture.problem_count,
            strangers: Vec::new(),
        };
        let mut known: HashSet<&str> = data
            .interactions()
            .iter()
            .filter_map(|i| i.source.as_deref())
            .collect();
        // People who are not contacts, in order of first appearance.
        let mut strangers: Vec<Stranger> = Vec::new();
        let mut stranger_at: HashMap<String, usize> = HashMap::new();
        let mut added: HashMap<String, ContactId> = HashMap::new();
        let mut channels: HashMap<Kind, ChannelId> = HashMap::new();
        let mut counts: Vec<(String, usize)> = Vec::new();
        let mut count = |reason: &str| match counts.iter_mut().find(|(r, _)| r == reason) {
            Some((_, n)) => *n += 1,
            None => counts.push((reason.to_owned(), 1)),
        };
        for item in &capture.items {
            if known.contains(item.key.as_str()) {
                count(ALREADY);
                continue;
            }
            let mut people: Vec<ContactId> = Vec::new();
            let mut unknown: Vec<&Person> = Vec::new();
            for p in &item.people {
                match index.find(p) {
                    Some(id) if !people.contains(&id) => people.push(id),
                    Some(_) => {}
                    None => unknown.push(p),
                }
            }
            for p in &unknown {
                let key = p.key();
                match stranger_at.get(&key) {
                    Some(&i) => strangers[i].count += 1,
                    None => {
                        stranger_at.insert(key.clone(), strangers.len());
                        strangers.push(Stranger {
                            key: key.clone(),
                            person: (*p).clone(),
                            count: 1,
                        });
                    }
                }
                if options.add.contains(&key) {
                    let id = *added.entry(key).or_insert_with(|| {
                        let c = new_contact(p);
                        let id = c.id;
                        index.add(&c);
                        plan.new_contacts.push(c);
                        id
                    });
                    if !people.contains(&id) {
                        people.push(id);
                    }
                }
            }
            if people.is_empty() {
                count(if item.people.is_empty() {
                    NOBODY
                } else {
                    NO_CONTACT
                });
                continue;
            }
            let channel = match item.kind.channel() {
                Some(_) => *channels
                    .entry(item.kind)
                    .or_insert_with(|| channel_for(data, item.kind, &mut plan.new_channels)),
                None => match options.unknown_place {
                    Some(id) if data.channel(id).is_some() => id,
                    _ => {
                        count(NO_PLACE);
                        continue;
                    }
                },
            };
            known.insert(item.key.as_str());
            let mut it = interaction(item, people, channel, options.depth);
            if let Some(by) = &item.by {
                let contact = index.find(by).is_some();
                if !contact {
                    it.initiated_by = crate::model::Initiator::Mutual;
                }
            }
            plan.interactions.push(it);
        }
        for (reason, n) in counts {
            match plan.skipped.iter_mut().find(|(r, _)| *r == reason) {
                Some((_, c)) => *c += n,
                None => plan.skipped.push((reason, n)),
            }
        }
        plan.interactions.sort_by_key(|i| (i.date, i.time));
        strangers.sort_by_key(|s| std::cmp::Reverse(s.count));
        plan.strangers = strangers;
        plan
    }

    /// The import as one edit: applying it through `Dataset::apply` is one undo step.
    pub fn to_edit(&self) -> Edit {
        Edit::put_all(&self.new_contacts, &self.new_channels, &self.interactions)
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.interactions.is_empty() && self.new_contacts.is_empty()
    }

    /// Whether the data changed since the plan was computed.
    #[must_use]
    pub fn is_stale(&self, data: &Dataset) -> bool {
        data.revision() != self.based_on
    }

    /// The number of skipped records.
    #[must_use]
    pub fn skipped_count(&self) -> usize {
        self.skipped.iter().map(|(_, n)| n).sum()
    }

    /// The keys of the people with at least `min` captured interactions (what `--add-people`
    /// adds, with `min` 2).
    #[must_use]
    pub fn frequent_strangers(&self, min: usize) -> HashSet<String> {
        self.strangers
            .iter()
            .filter(|s| s.count >= min)
            .map(|s| s.key.clone())
            .collect()
    }

    /// One line: "12 interactions added, 3 people added, 40 skipped".
    #[must_use]
    pub fn summary(&self) -> String {
        let (n, people) = (self.interactions.len(), self.new_contacts.len());
        let mut s = format!(
            "{n} interaction{} added, {people} {} added, {} skipped",
            if n == 1 { "" } else { "s" },
            if people == 1 { "person" } else { "people" },
            self.skipped_count()
        );
        if !self.strangers.is_empty() {
            let n = self.strangers.len();
            if n == 1 {
                s.push_str(", 1 person who is not a contact");
            } else {
                let _ = write!(s, ", {n} people who are not contacts");
            }
        }
        if self.problem_count > 0 {
            let _ = write!(s, ", {} unreadable lines", self.problem_count);
        }
        s
    }

    /// The plan as text: what the command line prints.
    #[must_use]
    pub fn report(&self, data: &Dataset) -> String {
        let mut out = String::new();
        let name = |id: &ContactId| {
            data.contact(*id)
                .or_else(|| self.new_contacts.iter().find(|c| c.id == *id))
                .map_or_else(|| "?".to_owned(), |c| c.display_name.clone())
        };
        let channel = |id: ChannelId| {
            data.channel(id)
                .or_else(|| self.new_channels.iter().find(|c| c.id == id))
                .map_or_else(|| "?".to_owned(), |c| c.name.clone())
        };
        for c in &self.new_contacts {
            let _ = writeln!(out, "  person   {} added", c.display_name);
        }
        for c in &self.new_channels {
            let _ = writeln!(out, "  channel  {} ({}) created", c.name, c.mode);
        }
        for it in &self.interactions {
            let who: Vec<String> = it.participants.iter().map(name).collect();
            let _ = write!(
                out,
                "  added    {} {}: {}",
                it.date,
                channel(it.channel),
                who.join(", ")
            );
            if let Some(m) = it.minutes {
                let _ = write!(out, ", {m} min");
            }
            if !it.summary.is_empty() {
                let _ = write!(out, " ({})", it.summary);
            }
            out.push('\n');
        }
        for (reason, n) in &self.skipped {
            let _ = writeln!(out, "  skipped  {n} × {reason}");
        }
        for p in &self.problems {
            let _ = writeln!(out, "  unread   {p}");
        }
        if self.problem_count > self.problems.len() {
            let _ = writeln!(
                out,
                "  unread   {} more lines",
                self.problem_count - self.problems.len()
            );
        }
        for s in &self.strangers {
            let _ = writeln!(
                out,
                "  not a contact  {} ({} interaction{})",
                describe(&s.person),
                s.count,
                if s.count == 1 { "" } else { "s" }
            );
        }
        out
    }
}

fn describe(p: &Person) -> String {
    match (&p.email, &p.phone) {
        (Some(e), _) if !p.name.is_empty() && p.name != *e => format!("{} <{e}>", p.name),
        (Some(e), _) => e.clone(),
        (None, Some(ph)) if !p.name.is_empty() => format!("{} ({ph})", p.name),
        (None, Some(ph)) => ph.clone(),
        (None, None) => p.name.clone(),
    }
}

fn new_contact(p: &Person) -> Contact {
    let mut c = Contact::new(p.label());
    if let Some(e) = &p.email {
        c.emails.push(Labeled::new(e, ""));
    }
    if let Some(ph) = &p.phone {
        c.phones.push(Labeled::new(ph, ""));
    }
    c
}

/// The default channel for a kind: the one with the fixed default id when the file still has it,
/// else one with the default name, else a new one.
fn channel_for(data: &Dataset, kind: Kind, created: &mut Vec<Channel>) -> ChannelId {
    let Some((id, name, mode)) = kind.channel() else {
        return ChannelId(0);
    };
    if data.channel(ChannelId(id)).is_some() {
        return ChannelId(id);
    }
    if let Some(c) = data.channel_by_name(name) {
        return c.id;
    }
    if let Some(c) = created.iter().find(|c| c.name == name) {
        return c.id;
    }
    let ch = Channel::new(ChannelId::random(), name, mode);
    let id = ch.id;
    created.push(ch);
    id
}

fn interaction(
    item: &Captured,
    people: Vec<ContactId>,
    channel: ChannelId,
    depth: Depth,
) -> Interaction {
    let mut it = Interaction::new(item.date, people, channel);
    it.time = item.time;
    it.minutes = item.minutes;
    it.depth = depth;
    it.initiated_by = item.initiated_by;
    it.summary.clone_from(&item.summary);
    it.source = Some(item.key.clone());
    it
}
