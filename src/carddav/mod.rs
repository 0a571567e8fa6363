//! Two-way contact sync with a CardDAV address book (Nextcloud, Radicale, Fastmail, iCloud):
//! `rapport sync FILE --carddav URL [--user NAME]` and Settings > Accounts. Uses model, store,
//! formats (vCard through its public functions) and nothing above them. See docs/SYNC.md.
//!
//! A sync is all or nothing for the data file: everything is read and decided first, the
//! server's cards are written (each write conditional, safe to redo), and only then does the
//! caller apply the one resulting edit and save the file with the new sync state. A failure at
//! any point leaves the file as it was; the next sync finds the server's half-done writes by
//! their UID and ETag and finishes.

pub mod card;
pub mod dav;
pub mod http;
pub mod secret;
pub mod state;
pub mod xml;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::path::Path;

use chrono::{DateTime, Utc};

use crate::formats::{merge_into, normalize_name};
use crate::model::stamps::RecordKey;
use crate::model::{Contact, ContactId, Dataset, Edit};
use crate::store;

pub use state::{Account, CardLink};

/// What to sync with. Its `Debug` leaves the password out.
#[derive(Clone, Default)]
pub struct Request {
    /// A server's address, a principal's, or the address book's own.
    pub url: String,
    pub user: String,
    pub password: String,
    /// Plain HTTP to a server other than this machine.
    pub allow_http: bool,
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("url", &self.url)
            .field("user", &self.user)
            .field(
                "password",
                &if self.password.is_empty() {
                    ""
                } else {
                    "(hidden)"
                },
            )
            .field("allow_http", &self.allow_http)
            .finish()
    }
}

/// What one sync did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub added_here: usize,
    pub updated_here: usize,
    pub deleted_here: usize,
    pub added_there: usize,
    pub updated_there: usize,
    pub deleted_there: usize,
    /// Lines worth showing: conflicts, edits kept over deletions, cards left alone.
    pub notes: Vec<String>,
    /// Whether the server offered incremental sync (sync-collection) and it was used.
    pub incremental: bool,
}

impl Report {
    /// "from the server: 2 added, 1 updated, 0 deleted; to the server: ...".
    #[must_use]
    pub fn summary(&self) -> String {
        format!(
            "from the server: {} added, {} updated, {} deleted; to the server: {} added, {} \
             updated, {} deleted",
            self.added_here,
            self.updated_here,
            self.deleted_here,
            self.added_there,
            self.updated_there,
            self.deleted_there
        )
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for n in &self.notes {
            writeln!(f, "  {n}")?;
        }
        Ok(())
    }
}

/// The result of a sync, to be committed by the caller: the edit to apply to the dataset (one
/// undoable step) and the account state to store in the file with it.
#[derive(Clone, Debug)]
pub struct Outcome {
    pub edit: Option<Edit>,
    pub account: Account,
    pub report: Report,
}

enum Write {
    /// PUT the contact's card; `etag` None creates it.
    Put {
        href: String,
        contact: ContactId,
        etag: Option<String>,
    },
    Delete {
        href: String,
        contact: ContactId,
        etag: String,
    },
}

struct Work<'a> {
    data: &'a Dataset,
    now: DateTime<Utc>,
    book: String,
    links: BTreeMap<String, CardLink>,
    puts: BTreeMap<ContactId, Contact>,
    removes: BTreeSet<ContactId>,
    local_only: BTreeSet<ContactId>,
    writes: Vec<Write>,
    report: Report,
}

impl Work<'_> {
    /// Links `contact` with the card at `href`, as both sides now agree on it.
    fn link(
        &mut self,
        href: &str,
        contact: ContactId,
        etag: String,
        uid: String,
        base: BTreeMap<String, String>,
    ) {
        let link = CardLink {
            contact,
            href: href.to_owned(),
            etag,
            uid,
            base,
        };
        self.links.insert(link.href.clone(), link);
    }

    fn current(&self, id: ContactId) -> Option<Contact> {
        if self.removes.contains(&id) {
            return None;
        }
        self.puts
            .get(&id)
            .cloned()
            .or_else(|| self.data.contact(id).cloned())
    }

    fn set(&mut self, mut c: Contact) {
        if self.data.contact(c.id) == Some(&c) {
            self.puts.remove(&c.id);
            return;
        }
        c.updated = self.now;
        self.puts.insert(c.id, c);
    }

    fn url(&self, href: &str) -> Result<String, String> {
        http::resolve(&self.book, href)
    }
}

/// Syncs `data` with the address book at `req.url`, given the account state the file kept
/// (`None`, or another server's: a first sync). Writes to the server; changes nothing locally:
/// the caller applies [`Outcome::edit`] and stores [`Outcome::account`] together.
pub fn sync(
    data: &Dataset,
    saved: Option<&Account>,
    req: &Request,
    now: DateTime<Utc>,
) -> Result<Outcome, String> {
    http::check_url(&req.url, req.allow_http)?;
    let client = http::Client::new(&req.user, &req.password, req.allow_http);
    let saved = saved.filter(|a| a.is_for(&req.url, &req.user) && !a.addressbook.is_empty());
    let book = match saved {
        Some(a) => a.addressbook.clone(),
        None => dav::discover(&client, &req.url)?,
    };
    let mut work = Work {
        data,
        now,
        book: book.clone(),
        links: saved
            .map(|a| {
                a.cards
                    .iter()
                    .filter(|l| !l.href.is_empty())
                    .map(|l| {
                        (
                            http::path_of(&http::resolve(&book, &l.href).unwrap_or_default()),
                            l.clone(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default(),
        puts: BTreeMap::new(),
        removes: BTreeSet::new(),
        local_only: saved.map(|a| a.local_only.clone()).unwrap_or_default(),
        writes: Vec::new(),
        report: Report::default(),
    };
    let first = saved.is_none();
    let book_path = http::path_of(&book);
    let norm = |href: &str| http::path_of(&http::resolve(&book, href).unwrap_or_default());

    // 1. What changed on the server.
    let token_before = dav::book_token(&client, &book)?;
    let incremental = match saved.and_then(|a| a.sync_token.as_deref()) {
        Some(t) if token_before.is_some() => dav::changes_since(&client, &book, t)?,
        _ => None,
    };
    let (changed, removed, token) = match incremental {
        Some(ch) => {
            work.report.incremental = true;
            let changed = changed_since_linked(ch.changed, &work.links, norm);
            let removed: Vec<String> = ch
                .removed
                .iter()
                .map(|h| norm(h))
                .filter(|h| work.links.contains_key(h))
                .collect();
            (changed, removed, ch.token)
        }
        None => {
            let listed = dav::list(&client, &book)?;
            let present: BTreeSet<String> = listed.iter().map(|m| norm(&m.href)).collect();
            let changed = changed_since_linked(listed, &work.links, norm);
            let removed = work
                .links
                .keys()
                .filter(|h| !present.contains(*h))
                .cloned()
                .collect();
            (changed, removed, token_before)
        }
    };

    // 2. Read the changed cards.
    let hrefs: Vec<String> = changed.iter().map(|m| m.href.clone()).collect();
    let mut fetched: Vec<(String, String, String)> = dav::fetch(&client, &book, &hrefs)?
        .into_iter()
        .map(|(h, e, t)| (norm(&h), e, t))
        .collect();
    fetched.sort_by(|a, b| a.0.cmp(&b.0));
    let got: BTreeSet<String> = fetched.iter().map(|f| f.0.clone()).collect();
    let mut removed = removed;
    // Listed but gone before it could be read: deleted in between.
    removed.extend(
        hrefs
            .into_iter()
            .filter(|h| !got.contains(h) && work.links.contains_key(h)),
    );
    let touched: BTreeSet<String> = got.iter().chain(removed.iter()).cloned().collect();

    // 3. Decide.
    for href in &removed {
        removed_on_server(&mut work, href);
    }
    let mut linked: BTreeSet<ContactId> = work.links.values().map(|l| l.contact).collect();
    let uid_index = uid_index(data);
    for (href, etag, text) in fetched {
        changed_on_server(
            &mut work,
            &href,
            &etag,
            &text,
            first,
            &mut linked,
            &uid_index,
        );
    }
    let untouched: Vec<CardLink> = work
        .links
        .iter()
        .filter(|(h, _)| !touched.contains(*h))
        .map(|(_, l)| l.clone())
        .collect();
    for link in untouched {
        match work.current(link.contact) {
            Some(local) => {
                if !card::changed_since(&local, &link.base).is_empty() {
                    work.writes.push(Write::Put {
                        href: link.href.clone(),
                        contact: link.contact,
                        etag: Some(link.etag.clone()),
                    });
                }
            }
            None => work.writes.push(Write::Delete {
                href: norm(&link.href),
                contact: link.contact,
                etag: link.etag.clone(),
            }),
        }
    }
    let linked_now: BTreeSet<ContactId> = work.links.values().map(|l| l.contact).collect();
    let pending: BTreeSet<ContactId> = work
        .writes
        .iter()
        .map(|w| match w {
            Write::Put { contact, .. } | Write::Delete { contact, .. } => *contact,
        })
        .collect();
    let new_ids: Vec<ContactId> = data
        .contacts()
        .iter()
        .map(|c| c.id)
        .chain(work.puts.keys().copied())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .filter(|id| {
            !linked_now.contains(id)
                && !pending.contains(id)
                && !work.local_only.contains(id)
                && !work.removes.contains(id)
        })
        .collect();
    for id in new_ids {
        work.writes.push(Write::Put {
            href: format!(
                "{book_path}{}{id}.vcf",
                if book_path.ends_with('/') { "" } else { "/" }
            ),
            contact: id,
            etag: None,
        });
    }

    // 4. Write to the server.
    let writes = std::mem::take(&mut work.writes);
    for w in writes {
        match w {
            Write::Put {
                href,
                contact,
                etag,
            } => put_card(&client, &mut work, &href, contact, etag)?,
            Write::Delete {
                href,
                contact,
                etag,
            } => delete_card(&client, &mut work, &href, contact, &etag)?,
        }
    }

    // 5. The result, for the caller to commit.
    let mut edits: Vec<Edit> = work.puts.values().cloned().map(Edit::PutContact).collect();
    edits.extend(work.removes.iter().map(|&id| Edit::RemoveContact(id)));
    let gone = work.removes.clone();
    let account = Account {
        url: req.url.clone(),
        user: req.user.clone(),
        addressbook: book,
        sync_token: token,
        last_sync: Some(now),
        allow_http: req.allow_http,
        cards: work
            .links
            .into_values()
            .filter(|l| !gone.contains(&l.contact))
            .collect(),
        local_only: work.local_only,
    };
    Ok(Outcome {
        edit: (!edits.is_empty()).then_some(Edit::Batch(edits)),
        account,
        report: work.report,
    })
}

/// UID -> contact, from the UIDs kept from imported cards and Rapport's own `urn:rapport:ID`.
fn uid_index(data: &Dataset) -> HashMap<String, ContactId> {
    let mut out = HashMap::new();
    for c in data.contacts() {
        out.insert(format!("urn:rapport:{}", c.id), c.id);
        if let Some(serde_json::Value::Array(lines)) = c.extra.get("vcard") {
            for line in lines.iter().filter_map(serde_json::Value::as_str) {
                let mut parts = line.splitn(2, ':');
                let name = parts.next().unwrap_or_default();
                if name
                    .split(';')
                    .next()
                    .is_some_and(|n| n.eq_ignore_ascii_case("UID"))
                    && let Some(uid) = parts.next()
                {
                    out.entry(uid.trim().to_owned()).or_insert(c.id);
                }
            }
        }
    }
    out
}

fn removed_on_server(work: &mut Work<'_>, href: &str) {
    let Some(link) = work.links.remove(href) else {
        return;
    };
    let Some(local) = work.current(link.contact) else {
        return;
    };
    if !card::changed_since(&local, &link.base).is_empty() {
        work.report.notes.push(format!(
            "kept \"{}\": edited here after it was deleted on the server; sent again",
            local.display_name
        ));
        return; // Unlinked: sent again as a new card below.
    }
    if work.data.interactions_of(local.id).next().is_some() {
        let mut c = local;
        work.report.notes.push(format!(
            "archived \"{}\": deleted on the server, kept here for its interactions",
            c.display_name
        ));
        c.archived = true;
        work.local_only.insert(c.id);
        work.set(c);
    } else {
        work.puts.remove(&local.id);
        work.removes.insert(local.id);
    }
    work.report.deleted_here += 1;
}

fn report_conflicts(work: &mut Work<'_>, name: &str, conflicts: &[card::FieldConflict]) {
    for c in conflicts {
        work.report.notes.push(format!(
            "conflict on \"{name}\", {}: changed on both sides; kept the later change ({}), \
             the other was {}",
            c.field.replace('_', " "),
            if c.winner == "here" {
                "this file's"
            } else {
                "the server's"
            },
            c.lost
        ));
    }
}

fn changed_on_server(
    work: &mut Work<'_>,
    href: &str,
    etag: &str,
    text: &str,
    first: bool,
    linked: &mut BTreeSet<ContactId>,
    uids: &HashMap<String, ContactId>,
) {
    let Some(card) = card::read(href, text) else {
        work.report.notes.push(format!(
            "left alone {href}: not a person's card Rapport can read"
        ));
        return;
    };
    let uid = card.uid.clone().unwrap_or_default();
    if let Some(link) = work.links.get(href).cloned() {
        match work.current(link.contact) {
            Some(local) => {
                let merged =
                    card::merge(&local, work.data.sync_meta(), &card, &link.base, work.now);
                report_conflicts(work, &local.display_name, &merged.conflicts);
                let same = card::carried(&card::normalized(&merged.contact))
                    == card::carried(&card.contact);
                let changed_here = merged.contact != local;
                if changed_here {
                    work.report.updated_here += 1;
                }
                let base = if same {
                    card::base_of(&merged.contact)
                } else {
                    link.base.clone()
                };
                work.set(merged.contact);
                work.links.insert(
                    href.to_owned(),
                    CardLink {
                        etag: etag.to_owned(),
                        uid,
                        base,
                        ..link.clone()
                    },
                );
                if !same {
                    work.writes.push(Write::Put {
                        href: href.to_owned(),
                        contact: link.contact,
                        etag: Some(etag.to_owned()),
                    });
                }
            }
            None => {
                // Deleted here, edited on the server since: the edit wins.
                let mut c = card.contact;
                c.id = link.contact;
                c.created = work.now;
                work.report.notes.push(format!(
                    "restored \"{}\": edited on the server after it was deleted here",
                    c.display_name
                ));
                work.report.added_here += 1;
                let base = card::base_of(&c);
                work.removes.remove(&c.id);
                work.set(c);
                work.links.insert(
                    href.to_owned(),
                    CardLink {
                        etag: etag.to_owned(),
                        uid,
                        base,
                        ..link
                    },
                );
            }
        }
        return;
    }
    // A card with no link: Rapport's own (by UID), a contact imported from it, or (on a first
    // sync) the same person by email or name; else a new contact.
    let by_uid = card
        .uid
        .as_deref()
        .and_then(|u| uids.get(u))
        .copied()
        .or_else(|| {
            work.data
                .contact(card.contact.id)
                .map(|c| c.id)
                .filter(|_| uid.starts_with("urn:rapport:"))
        });
    if let Some(id) = card
        .uid
        .as_deref()
        .and_then(|u| u.strip_prefix("urn:rapport:"))
        .and_then(|s| s.parse::<ContactId>().ok())
        && work.data.contact(id).is_none()
        && work
            .data
            .sync_meta()
            .tombstones
            .contains_key(&RecordKey::Contact(id))
    {
        // Deleted here before the server's copy was ever linked (a sync cut short).
        work.writes.push(Write::Delete {
            href: href.to_owned(),
            contact: id,
            etag: etag.to_owned(),
        });
        work.link(href, id, etag.to_owned(), uid, card::base_of(&card.contact));
        linked.insert(id);
        return;
    }
    let matched = by_uid
        .filter(|id| !linked.contains(id) && work.current(*id).is_some())
        .or_else(|| {
            if !first {
                return None;
            }
            let emails: BTreeSet<String> = card
                .contact
                .emails
                .iter()
                .map(|e| e.value.trim().to_lowercase())
                .collect();
            let name = normalize_name(&card.contact.display_name);
            work.data
                .contacts()
                .iter()
                .filter(|c| !linked.contains(&c.id))
                .find(|c| {
                    c.emails
                        .iter()
                        .any(|e| emails.contains(&e.value.trim().to_lowercase()))
                })
                .or_else(|| {
                    work.data
                        .contacts()
                        .iter()
                        .filter(|c| !linked.contains(&c.id))
                        .find(|c| !name.is_empty() && normalize_name(&c.display_name) == name)
                })
                .map(|c| c.id)
        });
    let base = card::base_of(&card.contact);
    match matched.and_then(|id| work.current(id)) {
        Some(local) => {
            let mut merged = local.clone();
            let _ = merge_into(&mut merged, &card.contact);
            if merged != local {
                work.report.updated_here += 1;
            }
            let id = local.id;
            let differs = card::carried(&card::normalized(&merged)) != card::carried(&card.contact);
            work.set(merged);
            work.link(href, id, etag.to_owned(), uid, base);
            linked.insert(id);
            if differs {
                work.writes.push(Write::Put {
                    href: href.to_owned(),
                    contact: id,
                    etag: Some(etag.to_owned()),
                });
            }
        }
        None => {
            let mut c = card.contact;
            if work.data.contact(c.id).is_some()
                || linked.contains(&c.id)
                || work.puts.contains_key(&c.id)
            {
                c.id = ContactId::random();
            }
            c.created = work.now;
            let id = c.id;
            work.report.added_here += 1;
            work.set(c);
            work.link(href, id, etag.to_owned(), uid, base);
            linked.insert(id);
        }
    }
}

/// The listed cards that are new or changed since they were last linked (their ETag differs),
/// each href made comparable with the links' by `norm`.
fn changed_since_linked(
    members: Vec<dav::Member>,
    links: &BTreeMap<String, CardLink>,
    norm: impl Fn(&str) -> String,
) -> Vec<dav::Member> {
    members
        .into_iter()
        .map(|m| dav::Member {
            href: norm(&m.href),
            etag: m.etag,
        })
        .filter(|m| links.get(&m.href).is_none_or(|l| l.etag != m.etag))
        .collect()
}

/// The time a contact last changed here (for the card's REV).
fn changed_at(work: &Work<'_>, id: ContactId) -> DateTime<Utc> {
    if work.puts.contains_key(&id) {
        return work.now;
    }
    work.data
        .sync_meta()
        .records
        .get(&RecordKey::Contact(id))
        .map_or(work.now, |m| m.stamp.at)
}

fn put_card(
    client: &http::Client,
    work: &mut Work<'_>,
    href: &str,
    id: ContactId,
    mut etag: Option<String>,
) -> Result<(), String> {
    let url = work.url(href)?;
    let is_new = etag.is_none() && !work.links.contains_key(href);
    for _ in 0..4 {
        let Some(contact) = work.current(id) else {
            return Ok(());
        };
        let text = card::write(&contact, changed_at(work, id));
        match dav::put(client, &url, &text, etag.as_deref())? {
            dav::Written::Done(new_etag) => {
                let uid = card::read(href, &text)
                    .and_then(|c| c.uid)
                    .unwrap_or_default();
                work.link(
                    href,
                    id,
                    new_etag.unwrap_or_default(),
                    uid,
                    card::base_of(&contact),
                );
                if is_new {
                    work.report.added_there += 1;
                } else {
                    work.report.updated_there += 1;
                }
                return Ok(());
            }
            dav::Written::Gone => etag = None,
            dav::Written::Changed => match dav::get(client, &url)? {
                // Changed on the server since it was read: merge with what is there now.
                Some((new_etag, text)) => {
                    let Some(card) = card::read(href, &text) else {
                        return Err(format!(
                            "{url}: the server holds a card Rapport cannot read"
                        ));
                    };
                    let merged = match work.links.get(href) {
                        Some(link) => {
                            let m = card::merge(
                                &contact,
                                work.data.sync_meta(),
                                &card,
                                &link.base,
                                work.now,
                            );
                            report_conflicts(work, &contact.display_name, &m.conflicts);
                            m.contact
                        }
                        None => {
                            let mut m = contact.clone();
                            let _ = merge_into(&mut m, &card.contact);
                            m
                        }
                    };
                    if merged != contact {
                        work.report.updated_here += 1;
                    }
                    work.set(merged);
                    etag = Some(new_etag);
                }
                None => etag = None,
            },
        }
    }
    Err(format!(
        "{url}: the card kept changing on the server while it was written; sync again"
    ))
}

fn delete_card(
    client: &http::Client,
    work: &mut Work<'_>,
    href: &str,
    id: ContactId,
    etag: &str,
) -> Result<(), String> {
    let url = work.url(href)?;
    match dav::delete(client, &url, etag)? {
        dav::Written::Done(_) => {
            work.links.remove(href);
            work.report.deleted_there += 1;
        }
        dav::Written::Gone => {
            work.links.remove(href);
        }
        dav::Written::Changed => {
            // Edited on the server after it was deleted here: the edit wins.
            if let Some((new_etag, text)) = dav::get(client, &url)? {
                changed_on_server_after_delete(work, href, id, &new_etag, &text);
            } else {
                work.links.remove(href);
            }
        }
    }
    Ok(())
}

fn changed_on_server_after_delete(
    work: &mut Work<'_>,
    href: &str,
    id: ContactId,
    etag: &str,
    text: &str,
) {
    let Some(card) = card::read(href, text) else {
        work.links.remove(href);
        return;
    };
    let mut c = card.contact;
    c.id = id;
    c.created = work.now;
    work.report.notes.push(format!(
        "restored \"{}\": edited on the server after it was deleted here",
        c.display_name
    ));
    work.report.added_here += 1;
    let base = card::base_of(&c);
    work.removes.remove(&id);
    work.set(c);
    work.link(
        href,
        id,
        etag.to_owned(),
        card.uid.unwrap_or_default(),
        base,
    );
}

/// `rapport sync`: loads FILE, syncs, applies the result as one edit and saves FILE atomically
/// with its backup and the new sync state, only when everything succeeded.
pub fn sync_file(path: &Path, req: &Request) -> Result<Report, String> {
    // Held from reading FILE to saving it: another writer (the app, an import) cannot slip in
    // between and lose this sync's changes or its own.
    let _lock = store::lock(path, "rapport sync", store::CLI_WAIT).map_err(|e| e.to_string())?;
    let mut doc = store::load(path).map_err(|e| e.to_string())?;
    if let Some(v) = doc.newer_version() {
        return Err(format!(
            "{}: it was written by a newer Rapport (format version {v}), so it is not changed",
            path.display()
        ));
    }
    let saved = Account::from_extra(&doc.extra);
    let outcome = sync(&doc.data, saved.as_ref(), req, Utc::now())?;
    if let Some(edit) = outcome.edit {
        doc.data.apply(edit).map_err(|e| {
            format!(
                "{}: the synced contacts break a rule ({e}); nothing was changed",
                path.display()
            )
        })?;
    }
    outcome.account.store(&mut doc.extra);
    store::save(&doc, path).map_err(|e| e.to_string())?;
    Ok(outcome.report)
}

/// The password for an account: `RAPPORT_CARDDAV_PASSWORD` when set, else the system keyring.
pub fn password_for(url: &str, user: &str) -> Result<String, String> {
    if let Ok(p) = std::env::var("RAPPORT_CARDDAV_PASSWORD")
        && !p.is_empty()
    {
        return Ok(p);
    }
    secret::get(url, user)
}

/// The Rapport contact linked to a card, for tests and the app.
#[must_use]
pub fn linked_contacts(account: &Account) -> BTreeSet<ContactId> {
    account.cards.iter().map(|l| l.contact).collect()
}
