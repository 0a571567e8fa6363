//! The contact search's index: every word of each contact's name, organisation, emails and tags
//! (lowercased), for exact and prefix matches, and the words' trigrams, which pick the few
//! contacts worth a fuzzy match. Updated per edited contact, so typing in the search never walks
//! all contacts.
//!
//! A query is split at spaces into terms. A contact matches *exactly* when every term is one of
//! its words, by *prefix* when every term starts one of its words, and *fuzzily* when nucleo's
//! fuzzy pattern matches its text; fuzzy matching only looks at the contacts that share the most
//! trigrams with the query (at most [`FUZZY_CANDIDATES`]), and only for queries of three letters
//! or more.

use std::collections::{BTreeMap, HashMap};

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Matcher, Utf32String};

use crate::analytics::idmap::{IdMap, IdSet};
use crate::model::{Contact, ContactId, Dataset};

/// At most this many contacts are scored fuzzily per query.
pub const FUZZY_CANDIDATES: usize = 400;

/// How well a contact matches a query: smaller is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Relevance {
    /// Every term is one of the contact's words.
    Exact,
    /// Every term starts one of the contact's words.
    Prefix,
    /// Nucleo's fuzzy match; a higher score is better, so it is kept negated.
    Fuzzy(std::cmp::Reverse<u32>),
}

type Trigram = [char; 3];

/// See the module documentation.
#[derive(Default)]
pub struct SearchIndex {
    /// Each word and the contacts that have it.
    words: BTreeMap<String, IdSet<ContactId>>,
    /// Each trigram of a word and the contacts that have it.
    trigrams: HashMap<Trigram, IdSet<ContactId>>,
    /// What was indexed for each contact (to take it out again) and its text for fuzzy matching.
    entries: IdMap<ContactId, Entry>,
}

struct Entry {
    words: Vec<String>,
    trigrams: Vec<Trigram>,
    text: Utf32String,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("contacts", &self.entries.len())
            .field("words", &self.words.len())
            .finish_non_exhaustive()
    }
}

/// The words search knows a contact by: name, organisation, emails and tags, split at anything
/// that is not a letter or digit, lowercased, each once.
#[must_use]
pub fn words_of(c: &Contact) -> Vec<String> {
    let mut words: Vec<String> = std::iter::once(&c.display_name)
        .chain(std::iter::once(&c.organization))
        .chain(c.emails.iter().map(|e| &e.value))
        .chain(c.tags.iter())
        .flat_map(|s| split_words(s))
        .collect();
    words.sort();
    words.dedup();
    words
}

fn split_words(s: &str) -> Vec<String> {
    s.split(|ch: char| !ch.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn trigrams_of(words: &[String]) -> Vec<Trigram> {
    let mut out: Vec<Trigram> = words
        .iter()
        .flat_map(|w| {
            let chars: Vec<char> = w.chars().collect();
            chars
                .windows(3)
                .map(|t| [t[0], t[1], t[2]])
                .collect::<Vec<_>>()
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// What fuzzy matching looks through: name, organisation, emails and tags, one after the other.
#[must_use]
pub fn haystack(c: &Contact) -> Utf32String {
    let mut text = c.display_name.clone();
    for part in std::iter::once(&c.organization)
        .chain(c.emails.iter().map(|e| &e.value))
        .chain(c.tags.iter())
    {
        if !part.is_empty() {
            text.push_str("  ");
            text.push_str(part);
        }
    }
    Utf32String::from(text.as_str())
}

impl SearchIndex {
    /// Indexes every contact.
    #[must_use]
    pub fn build(data: &Dataset) -> Self {
        let mut index = Self::default();
        for c in data.contacts() {
            index.insert(c);
        }
        index
    }

    /// Brings one contact up to date with `data` (added, changed or removed).
    pub fn update(&mut self, id: ContactId, data: &Dataset) {
        self.remove(id);
        if let Some(c) = data.contact(id) {
            self.insert(c);
        }
    }

    fn insert(&mut self, c: &Contact) {
        let words = words_of(c);
        let trigrams = trigrams_of(&words);
        for w in &words {
            self.words.entry(w.clone()).or_default().insert(c.id);
        }
        for t in &trigrams {
            self.trigrams.entry(*t).or_default().insert(c.id);
        }
        self.entries.insert(
            c.id,
            Entry {
                words,
                trigrams,
                text: haystack(c),
            },
        );
    }

    fn remove(&mut self, id: ContactId) {
        let Some(entry) = self.entries.remove(&id) else {
            return;
        };
        for w in entry.words {
            if let Some(set) = self.words.get_mut(&w) {
                set.remove(&id);
                if set.is_empty() {
                    self.words.remove(&w);
                }
            }
        }
        for t in entry.trigrams {
            if let Some(set) = self.trigrams.get_mut(&t) {
                set.remove(&id);
                if set.is_empty() {
                    self.trigrams.remove(&t);
                }
            }
        }
    }

    /// The words starting with `prefix`, each with its contacts.
    fn with_prefix<'a>(
        &'a self,
        prefix: &'a str,
    ) -> impl Iterator<Item = (&'a String, &'a IdSet<ContactId>)> + 'a {
        self.words
            .range::<str, _>((
                std::ops::Bound::Included(prefix),
                std::ops::Bound::Unbounded,
            ))
            .take_while(move |(w, _)| w.starts_with(prefix))
    }

    /// Every contact matching `query`, with how well it matches (in no particular order). An
    /// empty query matches nobody here; the list shows everyone then.
    pub fn search(&self, query: &str, matcher: &mut Matcher) -> Vec<(ContactId, Relevance)> {
        let terms = split_words(query);
        if terms.is_empty() {
            return Vec::new();
        }
        let mut found: IdMap<ContactId, Relevance> = IdMap::default();
        if let [term] = terms.as_slice() {
            // One word: each matching word's contacts, exact where the word is the term.
            for (w, ids) in self.with_prefix(term) {
                let r = if w == term {
                    Relevance::Exact
                } else {
                    Relevance::Prefix
                };
                for id in ids {
                    let best = found.entry(*id).or_insert(r);
                    *best = (*best).min(r);
                }
            }
        } else {
            // Several: intersect the terms' contacts, smallest first.
            let mut sets: Vec<IdSet<ContactId>> = terms
                .iter()
                .map(|t| {
                    let mut out = IdSet::default();
                    for (_, ids) in self.with_prefix(t) {
                        out.extend(ids.iter().copied());
                    }
                    out
                })
                .collect();
            sets.sort_by_key(IdSet::len);
            if let Some((first, rest)) = sets.split_first() {
                for id in first {
                    if rest.iter().all(|s| s.contains(id)) {
                        let exact = self.entries.get(id).is_some_and(|e| {
                            terms.iter().all(|t| e.words.binary_search(t).is_ok())
                        });
                        let r = if exact {
                            Relevance::Exact
                        } else {
                            Relevance::Prefix
                        };
                        found.insert(*id, r);
                    }
                }
            }
        }
        // Fuzzy matches among the contacts sharing the most trigrams with the query.
        let letters: usize = terms.iter().map(|t| t.chars().count()).sum();
        if letters >= 3 {
            let query_trigrams = trigrams_of(&terms);
            let mut shared: IdMap<ContactId, u32> = IdMap::default();
            for t in &query_trigrams {
                if let Some(ids) = self.trigrams.get(t) {
                    for id in ids {
                        *shared.entry(*id).or_default() += 1;
                    }
                }
            }
            let mut candidates: Vec<(u32, ContactId)> = shared
                .into_iter()
                .filter(|(id, _)| !found.contains_key(id))
                .map(|(id, n)| (n, id))
                .collect();
            if candidates.len() > FUZZY_CANDIDATES {
                // Most shared trigrams first; the id makes the choice the same every time.
                candidates.select_nth_unstable_by(FUZZY_CANDIDATES, |a, b| {
                    b.0.cmp(&a.0).then(a.1.cmp(&b.1))
                });
                candidates.truncate(FUZZY_CANDIDATES);
            }
            let pattern = Pattern::parse(query.trim(), CaseMatching::Ignore, Normalization::Smart);
            for (_, id) in candidates {
                if let Some(e) = self.entries.get(&id)
                    && let Some(score) = pattern.score(e.text.slice(..), matcher)
                {
                    found.insert(id, Relevance::Fuzzy(std::cmp::Reverse(score)));
                }
            }
        }
        found.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edit, Labeled};
    use nucleo_matcher::Config;
    use proptest::prelude::*;

    fn data() -> Dataset {
        let mut data = Dataset::new();
        let mut amara = Contact::new("Amara Okafor");
        amara.organization = "Northwind Traders".into();
        let mut ben = Contact::new("Ben Ito");
        ben.emails.push(Labeled::new("ben.ito@example.org", ""));
        ben.tags.push("climbing".into());
        let mara = Contact::new("Mara Lind");
        let martin = Contact::new("Martin Amar");
        for c in [amara, ben, mara, martin] {
            data.apply(Edit::PutContact(c)).unwrap();
        }
        data
    }

    fn names(data: &Dataset, index: &SearchIndex, q: &str) -> Vec<(String, Relevance)> {
        let mut out: Vec<(String, Relevance)> = index
            .search(q, &mut Matcher::new(Config::DEFAULT))
            .into_iter()
            .map(|(id, r)| (data.contact(id).unwrap().display_name.clone(), r))
            .collect();
        out.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
        out
    }

    #[test]
    fn exact_then_prefix_then_fuzzy() {
        let data = data();
        let index = SearchIndex::build(&data);
        let found = names(&data, &index, "mara");
        assert_eq!(found[0], ("Mara Lind".into(), Relevance::Exact));
        assert!(
            found
                .iter()
                .any(|(n, r)| n == "Amara Okafor" && matches!(r, Relevance::Fuzzy(_)))
        );
        let found = names(&data, &index, "mar");
        assert_eq!(
            found
                .iter()
                .filter(|(_, r)| *r == Relevance::Prefix)
                .map(|(n, _)| n.as_str())
                .collect::<Vec<_>>(),
            ["Mara Lind", "Martin Amar"]
        );
        assert_eq!(names(&data, &index, "example")[0].0, "Ben Ito");
        assert_eq!(names(&data, &index, "CLIMB")[0].0, "Ben Ito");
        assert_eq!(names(&data, &index, "north trad")[0].0, "Amara Okafor");
        assert!(names(&data, &index, "zz").is_empty());
        assert!(names(&data, &index, "").is_empty());
    }

    /// What a full scan finds: the reference the index must agree with on exact and prefix
    /// matches (fuzzy ones are a bounded best effort).
    fn scan(data: &Dataset, q: &str) -> Vec<(ContactId, Relevance)> {
        let terms = split_words(q);
        if terms.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        for c in data.contacts() {
            let words = words_of(c);
            if terms
                .iter()
                .all(|t| words.iter().any(|w| w.starts_with(t.as_str())))
            {
                let exact = terms.iter().all(|t| words.contains(t));
                out.push((
                    c.id,
                    if exact {
                        Relevance::Exact
                    } else {
                        Relevance::Prefix
                    },
                ));
            }
        }
        out.sort();
        out
    }

    fn not_fuzzy(mut v: Vec<(ContactId, Relevance)>) -> Vec<(ContactId, Relevance)> {
        v.retain(|(_, r)| !matches!(r, Relevance::Fuzzy(_)));
        v.sort();
        v
    }

    const NAMES: [&str; 6] = [
        "Ann Lee",
        "Anna Berg",
        "Bo Ann",
        "Lee Anders",
        "Berg Bo",
        "Al",
    ];

    proptest! {
        #[test]
        fn updated_per_contact_equals_rebuilt(
            ops in proptest::collection::vec((0usize..6, 0usize..6, any::<bool>()), 1..30),
            q in "(an|ann|lee|b|bo|berg|al|anders|ee)( (an|lee|b))?",
        ) {
            let mut data = Dataset::new();
            let mut index = SearchIndex::build(&data);
            let mut ids: Vec<ContactId> = Vec::new();
            for (slot, name, remove) in ops {
                let edit = match ids.get(slot) {
                    Some(&id) if remove => Edit::RemoveContact(id),
                    Some(&id) => {
                        let mut c = data.contact(id).unwrap().clone();
                        c.display_name = NAMES[name].into();
                        c.tags = vec![NAMES[(name + 1) % 6].to_lowercase()];
                        Edit::PutContact(c)
                    }
                    None => {
                        let c = Contact::new(NAMES[name]);
                        ids.push(c.id);
                        Edit::PutContact(c)
                    }
                };
                let applied = data.apply(edit).unwrap();
                for id in &applied.touched {
                    index.update(*id, &data);
                }
                // And undo half of the time: the inverse goes through the same path.
                if name % 2 == 0 {
                    let undone = data.apply(applied.inverse).unwrap();
                    for id in &undone.touched {
                        index.update(*id, &data);
                    }
                }
                ids.retain(|id| data.contact(*id).is_some());
            }
            let rebuilt = SearchIndex::build(&data);
            let m = &mut Matcher::new(Config::DEFAULT);
            prop_assert_eq!(not_fuzzy(index.search(&q, m)), scan(&data, &q));
            prop_assert_eq!(not_fuzzy(rebuilt.search(&q, m)), scan(&data, &q));
            let mut a = index.search(&q, m);
            let mut b = rebuilt.search(&q, m);
            a.sort();
            b.sort();
            prop_assert_eq!(a, b);
        }
    }
}
