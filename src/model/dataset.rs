//! The dataset: contacts, channels and interactions, and the integrity rules that hold between
//! them. Every change goes through [`Dataset::apply`], which checks the rules and returns the
//! edit that undoes it.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use thiserror::Error;

use super::chunked::{Chunked, Sharded};
use super::stamps::{RecordKey, Stamper, SyncMeta, Touch, changed_fields};
use super::{
    Channel, ChannelId, Contact, ContactId, Interaction, InteractionId, Settings, default_channels,
};

/// A broken integrity rule.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum IntegrityError {
    #[error("contact id {0} is used twice")]
    DuplicateContact(ContactId),
    #[error("channel id {0} is used twice")]
    DuplicateChannel(ChannelId),
    #[error("interaction id {0} is used twice")]
    DuplicateInteraction(InteractionId),
    #[error("contact {0} has an empty display name")]
    EmptyName(ContactId),
    #[error("channel {0} has an empty name")]
    EmptyChannelName(ChannelId),
    #[error("contact {contact} has an impossible birthday")]
    BadBirthday { contact: ContactId },
    #[error("interaction {interaction} names contact {contact}, which does not exist")]
    MissingContact {
        interaction: InteractionId,
        contact: ContactId,
    },
    #[error("interaction {interaction} uses channel {channel}, which does not exist")]
    MissingChannel {
        interaction: InteractionId,
        channel: ChannelId,
    },
    #[error("interaction {0} has no participants")]
    NoParticipants(InteractionId),
    #[error("interaction {interaction} lists contact {contact} twice")]
    RepeatedParticipant {
        interaction: InteractionId,
        contact: ContactId,
    },
    #[error("there is no contact {0}")]
    NoSuchContact(ContactId),
    #[error("there is no interaction {0}")]
    NoSuchInteraction(InteractionId),
    #[error("there is no channel {0}")]
    NoSuchChannel(ChannelId),
    #[error("channel \"{name}\" is used by {count} interactions and cannot be removed")]
    ChannelInUse { name: String, count: usize },
}

/// One change to the dataset. `Put*` inserts or replaces by id. Serialisable for the edit
/// journal (`store::journal`).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[must_use]
pub enum Edit {
    PutContact(Contact),
    /// Removes the contact. Interactions where it was the only participant are removed with it;
    /// group interactions keep their other participants.
    RemoveContact(ContactId),
    PutInteraction(Interaction),
    RemoveInteraction(InteractionId),
    PutChannel(Channel),
    /// Refused while any interaction uses the channel.
    RemoveChannel(ChannelId),
    SetSettings(Settings),
    /// Several edits applied all or nothing.
    Batch(Vec<Edit>),
}

impl Edit {
    /// One all-or-nothing step putting `contacts`, then `channels`, then `interactions` (an
    /// import or a capture: its interactions may name the contacts and channels it adds).
    pub fn put_all(
        contacts: &[Contact],
        channels: &[Channel],
        interactions: &[Interaction],
    ) -> Edit {
        let contacts = contacts.iter().cloned().map(Edit::PutContact);
        let channels = channels.iter().cloned().map(Edit::PutChannel);
        let interactions = interactions.iter().cloned().map(Edit::PutInteraction);
        Edit::Batch(contacts.chain(channels).chain(interactions).collect())
    }
}

/// What [`Dataset::apply`] did.
#[derive(Clone, Debug)]
pub struct Applied {
    /// Applying this edit restores the dataset as it was.
    pub inverse: Edit,
    /// Contacts whose data or interactions changed.
    pub touched: BTreeSet<ContactId>,
    /// Channels or settings changed: anything derived from the whole dataset is stale.
    pub global: bool,
}

/// What deleting a contact would do to its interactions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DeletionImpact {
    /// Interactions with only this contact: deleted with it.
    pub removed: usize,
    /// Group interactions: kept for their other participants.
    pub kept: usize,
}

/// The big parts (contacts, interactions, their id maps and the merge metadata) are held in
/// structurally shared chunks and shards (`chunked.rs`), so a clone costs microseconds (a save
/// serialises a clone on another thread while editing goes on) and an edit while a clone is
/// alive copies only the chunk and shards it writes. Use [`Dataset::detached`] for a copy that
/// will be kept for long.
#[derive(Clone, Debug, Default)]
pub struct Dataset {
    contacts: Chunked<Contact>,
    channels: Vec<Channel>,
    interactions: Chunked<Interaction>,
    settings: Settings,
    /// Id -> slot in `contacts` (slots do not move when others are removed).
    contact_ix: Sharded<ContactId, usize>,
    channel_ix: HashMap<ChannelId, usize>,
    /// Id -> slot in `interactions`.
    interaction_ix: Sharded<InteractionId, usize>,
    revision: u64,
    /// Per-record change times and tombstones, for merging copies (see `stamps.rs`).
    meta: Arc<SyncMeta>,
    stamper: Stamper,
}

impl PartialEq for Dataset {
    fn eq(&self, other: &Self) -> bool {
        self.contacts == other.contacts
            && self.channels == other.channels
            && self.interactions == other.interactions
            && self.settings == other.settings
    }
}

impl Dataset {
    /// An empty dataset with the default channels.
    #[must_use]
    pub fn new() -> Self {
        Self::from_parts(
            Vec::new(),
            default_channels(),
            Vec::new(),
            Settings::default(),
        )
        .expect("the default channels are valid")
    }

    /// Builds a dataset and checks every integrity rule; all broken rules are returned.
    pub fn from_parts(
        contacts: Vec<Contact>,
        channels: Vec<Channel>,
        interactions: Vec<Interaction>,
        settings: Settings,
    ) -> Result<Self, Vec<IntegrityError>> {
        let mut errors = Vec::new();
        let mut ds = Self {
            contacts: Chunked::from(contacts),
            channels,
            interactions: Chunked::from(interactions),
            settings,
            ..Self::default()
        };
        // Freshly built, the slots are the positions.
        let mut contact_ix = Sharded::with_capacity(ds.contacts.len());
        for (i, c) in ds.contacts.iter().enumerate() {
            if contact_ix.insert(c.id, i).is_some() {
                errors.push(IntegrityError::DuplicateContact(c.id));
            }
            if let Err(e) = check_contact(c) {
                errors.push(e);
            }
        }
        ds.contact_ix = contact_ix;
        for (i, ch) in ds.channels.iter().enumerate() {
            if ds.channel_ix.insert(ch.id, i).is_some() {
                errors.push(IntegrityError::DuplicateChannel(ch.id));
            }
            if ch.name.trim().is_empty() {
                errors.push(IntegrityError::EmptyChannelName(ch.id));
            }
        }
        let mut interaction_ix = Sharded::with_capacity(ds.interactions.len());
        for (i, it) in ds.interactions.iter().enumerate() {
            if interaction_ix.insert(it.id, i).is_some() {
                errors.push(IntegrityError::DuplicateInteraction(it.id));
            }
            if let Err(e) = ds.check_interaction(it) {
                errors.push(e);
            }
        }
        ds.interaction_ix = interaction_ix;
        if errors.is_empty() {
            Ok(ds)
        } else {
            Err(errors)
        }
    }

    /// Takes the dataset apart (the inverse of [`Dataset::from_parts`]).
    #[must_use]
    pub fn into_parts(self) -> (Vec<Contact>, Vec<Channel>, Vec<Interaction>, Settings) {
        (
            self.contacts.into_vec(),
            self.channels,
            self.interactions.into_vec(),
            self.settings,
        )
    }

    /// A copy that shares nothing with `self`, for keeping (a clone shares its chunks until
    /// either side writes one).
    #[must_use]
    pub fn detached(&self) -> Self {
        Self {
            contacts: self.contacts.detached(),
            interactions: self.interactions.detached(),
            contact_ix: self.contact_ix.detached(),
            interaction_ix: self.interaction_ix.detached(),
            meta: Arc::new(self.meta.detached()),
            ..self.clone()
        }
    }

    /// The contacts, in the order they were added (the file's order).
    #[must_use]
    pub fn contacts(&self) -> &Chunked<Contact> {
        &self.contacts
    }
    #[must_use]
    pub fn channels(&self) -> &[Channel] {
        &self.channels
    }
    /// The interactions, in the order they were added (the file's order).
    #[must_use]
    pub fn interactions(&self) -> &Chunked<Interaction> {
        &self.interactions
    }
    #[must_use]
    pub fn settings(&self) -> &Settings {
        &self.settings
    }
    #[must_use]
    pub fn contact(&self, id: ContactId) -> Option<&Contact> {
        self.contact_ix
            .get(&id)
            .and_then(|&s| self.contacts.slot(s))
    }
    #[must_use]
    pub fn channel(&self, id: ChannelId) -> Option<&Channel> {
        self.channel_ix.get(&id).map(|&i| &self.channels[i])
    }
    #[must_use]
    pub fn interaction(&self, id: InteractionId) -> Option<&Interaction> {
        self.interaction_ix
            .get(&id)
            .and_then(|&s| self.interactions.slot(s))
    }
    /// Position of a contact in [`Dataset::contacts`] (removing a contact moves the later ones
    /// up by one, as in a `Vec`).
    #[must_use]
    pub fn contact_index(&self, id: ContactId) -> Option<usize> {
        self.contact_ix
            .get(&id)
            .and_then(|&s| self.contacts.position(s))
    }
    /// Position of a channel in [`Dataset::channels`].
    #[must_use]
    pub fn channel_index(&self, id: ChannelId) -> Option<usize> {
        self.channel_ix.get(&id).copied()
    }

    /// Increases by one with every successful [`Dataset::apply`]; caches compare it.
    #[must_use]
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Interactions involving a contact, in file order (a linear scan).
    pub fn interactions_of(&self, id: ContactId) -> impl Iterator<Item = &Interaction> {
        self.interactions.iter().filter(move |it| it.involves(id))
    }

    /// A channel by name, case-insensitively.
    #[must_use]
    pub fn channel_by_name(&self, name: &str) -> Option<&Channel> {
        let name = name.trim();
        self.channels
            .iter()
            .find(|c| c.name.eq_ignore_ascii_case(name))
    }

    /// What removing a contact would do to its interactions.
    #[must_use]
    pub fn deletion_impact(&self, id: ContactId) -> DeletionImpact {
        let mut impact = DeletionImpact::default();
        for it in self.interactions_of(id) {
            if it.participants.len() == 1 {
                impact.removed += 1;
            } else {
                impact.kept += 1;
            }
        }
        impact
    }

    /// The merge metadata: per-record change times and devices, and tombstones.
    #[must_use]
    pub fn sync_meta(&self) -> &SyncMeta {
        &self.meta
    }

    /// Replaces the merge metadata (the store when loading, a merge when building its result).
    pub fn set_sync_meta(&mut self, meta: SyncMeta) {
        self.meta = Arc::new(meta);
    }

    /// Who stamps this dataset's edits: the device id, and a fixed clock in tests.
    #[must_use]
    pub fn stamper(&self) -> &Stamper {
        &self.stamper
    }

    /// Sets the device id (and, for tests, a fixed time) written with every later edit.
    pub fn set_stamper(&mut self, stamper: Stamper) {
        self.stamper = stamper;
    }

    /// Applies an edit after checking the integrity rules. On error nothing changes. Every record
    /// the edit writes or removes is stamped with this device and the time.
    pub fn apply(&mut self, edit: Edit) -> Result<Applied, IntegrityError> {
        let mut touched = BTreeSet::new();
        let mut global = false;
        let mut stamp_due = Vec::new();
        let inverse = self.apply_inner(edit, &mut touched, &mut global, &mut stamp_due)?;
        let stamp = self.stamper.now();
        Arc::make_mut(&mut self.meta).stamp(stamp_due, &stamp);
        self.revision += 1;
        Ok(Applied {
            inverse,
            touched,
            global,
        })
    }

    fn apply_inner(
        &mut self,
        edit: Edit,
        touched: &mut BTreeSet<ContactId>,
        global: &mut bool,
        stamp_due: &mut Vec<Touch>,
    ) -> Result<Edit, IntegrityError> {
        match edit {
            Edit::PutContact(mut c) => {
                check_contact(&c)?;
                // The file keeps timestamps in whole seconds; so does memory, so that what is
                // saved and read back equals what was there.
                c.created = whole_second(c.created);
                c.updated = whole_second(c.updated);
                touched.insert(c.id);
                let key = RecordKey::Contact(c.id);
                Ok(match self.contact_ix.get(&c.id).copied() {
                    Some(s) => {
                        let old = self
                            .contacts
                            .slot_mut(s)
                            .expect("the index names live slots");
                        stamp_due.push(Touch::Put(key, Some(changed_fields(&*old, &c))));
                        Edit::PutContact(std::mem::replace(old, c))
                    }
                    None => {
                        stamp_due.push(Touch::Put(key, None));
                        let id = c.id;
                        let s = self.contacts.push(c);
                        self.contact_ix.insert(id, s);
                        Edit::RemoveContact(id)
                    }
                })
            }
            Edit::RemoveContact(id) => {
                let s = *self
                    .contact_ix
                    .get(&id)
                    .ok_or(IntegrityError::NoSuchContact(id))?;
                touched.insert(id);
                let mut restore = Vec::new();
                let mut emptied = Vec::new();
                // Only the chunks holding one of its interactions are written (and copied).
                self.interactions.update_where(
                    |it| it.involves(id),
                    |slot, it| {
                        restore.push(Edit::PutInteraction(it.clone()));
                        touched.extend(it.participants.iter().copied());
                        it.participants.retain(|&p| p != id);
                        let key = RecordKey::Interaction(it.id);
                        stamp_due.push(if it.participants.is_empty() {
                            emptied.push((slot, it.id));
                            Touch::Removed(key)
                        } else {
                            Touch::Put(key, Some(vec!["participants".to_owned()]))
                        });
                    },
                );
                stamp_due.push(Touch::Removed(RecordKey::Contact(id)));
                for (slot, it) in emptied {
                    self.interactions.take(slot);
                    self.interaction_ix.remove(&it);
                }
                let contact = self.contacts.take(s).expect("the index names live slots");
                self.contact_ix.remove(&id);
                let mut undo = vec![Edit::PutContact(contact)];
                undo.extend(restore);
                Ok(Edit::Batch(undo))
            }
            Edit::PutInteraction(it) => {
                self.check_interaction(&it)?;
                touched.extend(it.participants.iter().copied());
                let key = RecordKey::Interaction(it.id);
                Ok(match self.interaction_ix.get(&it.id).copied() {
                    Some(s) => {
                        let slot = self
                            .interactions
                            .slot_mut(s)
                            .expect("the index names live slots");
                        stamp_due.push(Touch::Put(key, Some(changed_fields(&*slot, &it))));
                        let old = std::mem::replace(slot, it);
                        touched.extend(old.participants.iter().copied());
                        Edit::PutInteraction(old)
                    }
                    None => {
                        stamp_due.push(Touch::Put(key, None));
                        let id = it.id;
                        let s = self.interactions.push(it);
                        self.interaction_ix.insert(id, s);
                        Edit::RemoveInteraction(id)
                    }
                })
            }
            Edit::RemoveInteraction(id) => {
                let s = self
                    .interaction_ix
                    .remove(&id)
                    .ok_or(IntegrityError::NoSuchInteraction(id))?;
                // A hole: the others keep their slots and their order.
                let old = self
                    .interactions
                    .take(s)
                    .expect("the index names live slots");
                touched.extend(old.participants.iter().copied());
                stamp_due.push(Touch::Removed(RecordKey::Interaction(id)));
                Ok(Edit::PutInteraction(old))
            }
            Edit::PutChannel(ch) => {
                if ch.name.trim().is_empty() {
                    return Err(IntegrityError::EmptyChannelName(ch.id));
                }
                *global = true;
                let key = RecordKey::Channel(ch.id);
                Ok(match self.channel_ix.get(&ch.id) {
                    Some(&i) => {
                        stamp_due.push(Touch::Put(
                            key,
                            Some(changed_fields(&self.channels[i], &ch)),
                        ));
                        Edit::PutChannel(std::mem::replace(&mut self.channels[i], ch))
                    }
                    None => {
                        stamp_due.push(Touch::Put(key, None));
                        let id = ch.id;
                        self.channel_ix.insert(id, self.channels.len());
                        self.channels.push(ch);
                        Edit::RemoveChannel(id)
                    }
                })
            }
            Edit::RemoveChannel(id) => {
                let i = *self
                    .channel_ix
                    .get(&id)
                    .ok_or(IntegrityError::NoSuchChannel(id))?;
                let count = self
                    .interactions
                    .iter()
                    .filter(|it| it.channel == id)
                    .count();
                if count > 0 {
                    return Err(IntegrityError::ChannelInUse {
                        name: self.channels[i].name.clone(),
                        count,
                    });
                }
                *global = true;
                let old = self.channels.remove(i);
                self.channel_ix = index_of(&self.channels, |c| c.id);
                stamp_due.push(Touch::Removed(RecordKey::Channel(id)));
                Ok(Edit::PutChannel(old))
            }
            Edit::SetSettings(s) => {
                *global = true;
                stamp_due.push(Touch::Put(
                    RecordKey::Settings,
                    Some(changed_fields(&self.settings, &s)),
                ));
                Ok(Edit::SetSettings(std::mem::replace(&mut self.settings, s)))
            }
            Edit::Batch(edits) => {
                let mut undo = Vec::with_capacity(edits.len());
                let stamp_due_before = stamp_due.len();
                for e in edits {
                    match self.apply_inner(e, touched, global, stamp_due) {
                        Ok(inv) => undo.push(inv),
                        Err(err) => {
                            // Roll back what this batch already did; inverses always apply.
                            let (mut t, mut g, mut th) = (BTreeSet::new(), false, Vec::new());
                            for inv in undo.into_iter().rev() {
                                let _ = self.apply_inner(inv, &mut t, &mut g, &mut th);
                            }
                            stamp_due.truncate(stamp_due_before);
                            return Err(err);
                        }
                    }
                }
                undo.reverse();
                Ok(Edit::Batch(undo))
            }
        }
    }

    fn check_interaction(&self, it: &Interaction) -> Result<(), IntegrityError> {
        if it.participants.is_empty() {
            return Err(IntegrityError::NoParticipants(it.id));
        }
        // Most interactions have one to a dozen participants: a linear scan finds repeats
        // without allocating; large groups use a set.
        let mut seen = HashSet::new();
        for (i, &p) in it.participants.iter().enumerate() {
            if !self.contact_ix.contains_key(&p) {
                return Err(IntegrityError::MissingContact {
                    interaction: it.id,
                    contact: p,
                });
            }
            let repeated = if it.participants.len() <= 16 {
                it.participants[..i].contains(&p)
            } else {
                !seen.insert(p)
            };
            if repeated {
                return Err(IntegrityError::RepeatedParticipant {
                    interaction: it.id,
                    contact: p,
                });
            }
        }
        if !self.channel_ix.contains_key(&it.channel) {
            return Err(IntegrityError::MissingChannel {
                interaction: it.id,
                channel: it.channel,
            });
        }
        Ok(())
    }
}

fn check_contact(c: &Contact) -> Result<(), IntegrityError> {
    if c.display_name.trim().is_empty() {
        return Err(IntegrityError::EmptyName(c.id));
    }
    if c.birthday.is_some_and(|b| !b.is_valid()) {
        return Err(IntegrityError::BadBirthday { contact: c.id });
    }
    Ok(())
}

fn index_of<T, K: std::hash::Hash + Eq>(items: &[T], key: impl Fn(&T) -> K) -> HashMap<K, usize> {
    items.iter().enumerate().map(|(i, t)| (key(t), i)).collect()
}

fn whole_second(t: chrono::DateTime<chrono::Utc>) -> chrono::DateTime<chrono::Utc> {
    chrono::Timelike::with_nanosecond(&t, 0).unwrap_or(t)
}

#[cfg(test)]
mod tests;
