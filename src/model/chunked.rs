//! Structurally shared storage for the dataset's big parts: a sequence cut into [`Arc`]-shared
//! chunks of [`CHUNK`] slots, and a map cut into [`Arc`]-shared shards chosen by key. Cloning
//! either clones the `Arc`s (microseconds for a million records); a write copies only the chunk or
//! shard it touches, and only when a clone still shares it. So an edit made while a save
//! serialises a clone of the dataset copies a few thousand records, not all of them.
//!
//! A removed element leaves a hole in its chunk: the slots of the others do not move (the id maps
//! hold slots), so a removal costs one chunk instead of shifting everything after it. Holes are
//! skipped by iteration and by the positions ([`Chunked::get`], [`Chunked::position`]), which
//! count live elements only: to a reader the sequence is exactly the `Vec` it replaces (pushes go
//! last, a removal closes up). Holes last until the dataset is rebuilt (the next load); the
//! dataset never writes into one ([`Chunked::replace`] can), so a record put back goes last, as
//! before.

use std::fmt;
use std::sync::Arc;

/// Slots per chunk: a write while shared copies this many elements (a few hundred KB of
/// interactions), and a million elements make 489 chunks.
pub const CHUNK: usize = 2048;
const _: () = assert!(CHUNK <= u16::MAX as usize, "ranks within a chunk are u16");

/// A sequence of `T` in [`Arc`]-shared chunks, copied on write one chunk at a time.
pub struct Chunked<T> {
    /// Every chunk but the last holds exactly [`CHUNK`] slots; `None` is a hole.
    chunks: Vec<Arc<Vec<Option<T>>>>,
    /// Live elements in each chunk.
    live: Vec<usize>,
    /// Live elements in the chunks before each chunk.
    before: Vec<usize>,
    /// For a chunk with holes: the live slots before each of its slots, so that positions are
    /// found without walking the chunk. `None` for a chunk without holes.
    ranks: Vec<Option<Arc<Vec<u16>>>>,
    len: usize,
    holes: usize,
}

impl<T> Default for Chunked<T> {
    fn default() -> Self {
        Self {
            chunks: Vec::new(),
            live: Vec::new(),
            before: Vec::new(),
            ranks: Vec::new(),
            len: 0,
            holes: 0,
        }
    }
}

impl<T> Clone for Chunked<T> {
    fn clone(&self) -> Self {
        Self {
            chunks: self.chunks.clone(),
            live: self.live.clone(),
            before: self.before.clone(),
            ranks: self.ranks.clone(),
            len: self.len,
            holes: self.holes,
        }
    }
}

impl<T: fmt::Debug> fmt::Debug for Chunked<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<T: PartialEq> PartialEq for Chunked<T> {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.iter().eq(other.iter())
    }
}

impl<T> From<Vec<T>> for Chunked<T> {
    fn from(items: Vec<T>) -> Self {
        let mut out = Self::default();
        let mut items = items.into_iter().peekable();
        while items.peek().is_some() {
            let chunk: Vec<Option<T>> = items.by_ref().take(CHUNK).map(Some).collect();
            out.before.push(out.len);
            out.live.push(chunk.len());
            out.ranks.push(None);
            out.len += chunk.len();
            out.chunks.push(Arc::new(chunk));
        }
        out
    }
}

impl<T> FromIterator<T> for Chunked<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Self::from(iter.into_iter().collect::<Vec<T>>())
    }
}

impl<T: Clone> Chunked<T> {
    /// The elements in order, taken out of the chunks this value alone holds and cloned from
    /// the shared ones.
    #[must_use]
    pub fn into_vec(self) -> Vec<T> {
        let mut out = Vec::with_capacity(self.len);
        for chunk in self.chunks {
            out.extend(Arc::unwrap_or_clone(chunk).into_iter().flatten());
        }
        out
    }

    /// The elements in order, cloned.
    #[must_use]
    pub fn to_vec(&self) -> Vec<T> {
        self.iter().cloned().collect()
    }

    /// A copy that shares no chunk with `self`.
    #[must_use]
    pub fn detached(&self) -> Self {
        Self {
            chunks: self
                .chunks
                .iter()
                .map(|c| Arc::new(Vec::clone(c)))
                .collect(),
            ranks: self
                .ranks
                .iter()
                .map(|r| r.as_ref().map(|r| Arc::new(Vec::clone(r))))
                .collect(),
            ..self.clone()
        }
    }

    /// Appends `value` and returns its slot. Copies the last chunk only if it is shared.
    pub fn push(&mut self, value: T) -> usize {
        if self.chunks.last().is_none_or(|c| c.len() == CHUNK) {
            self.chunks.push(Arc::new(Vec::with_capacity(CHUNK)));
            self.live.push(0);
            self.before.push(self.len);
            self.ranks.push(None);
        }
        let c = self.chunks.len() - 1;
        let chunk = Arc::make_mut(&mut self.chunks[c]);
        chunk.push(Some(value));
        if let Some(ranks) = &mut self.ranks[c] {
            Arc::make_mut(ranks).push(rank(self.live[c]));
        }
        self.live[c] += 1;
        self.len += 1;
        c * CHUNK + chunk.len() - 1
    }

    /// The live element at `slot`, for writing; copies its chunk if shared.
    pub fn slot_mut(&mut self, slot: usize) -> Option<&mut T> {
        let chunk = self.chunks.get_mut(slot / CHUNK)?;
        if chunk.get(slot % CHUNK)?.is_none() {
            return None;
        }
        Arc::make_mut(chunk)[slot % CHUNK].as_mut()
    }

    /// Puts `value` at `slot` (a live element or a hole) and returns what was there. Slots past
    /// the end are refused (`Err(value)`).
    pub fn replace(&mut self, slot: usize, value: T) -> Result<Option<T>, T> {
        let (c, k) = (slot / CHUNK, slot % CHUNK);
        let Some(chunk) = self.chunks.get_mut(c) else {
            return Err(value);
        };
        if k >= chunk.len() {
            return Err(value);
        }
        let old = Arc::make_mut(chunk)[k].replace(value);
        if old.is_none() {
            self.count(c, true);
        }
        Ok(old)
    }

    /// Takes the element at `slot` out, leaving a hole. Copies only its chunk if shared.
    pub fn take(&mut self, slot: usize) -> Option<T> {
        let c = slot / CHUNK;
        let chunk = self.chunks.get_mut(c)?;
        chunk.get(slot % CHUNK)?.as_ref()?;
        let old = Arc::make_mut(chunk)[slot % CHUNK].take();
        self.count(c, false);
        old
    }

    /// Calls `change` on every live element `touches` selects, with its slot. Only the chunks
    /// holding a selected element are copied (when shared).
    pub fn update_where(
        &mut self,
        touches: impl Fn(&T) -> bool,
        mut change: impl FnMut(usize, &mut T),
    ) {
        for (c, chunk) in self.chunks.iter_mut().enumerate() {
            if !chunk.iter().flatten().any(&touches) {
                continue;
            }
            for (k, slot) in Arc::make_mut(chunk).iter_mut().enumerate() {
                if let Some(v) = slot.as_mut().filter(|v| touches(v)) {
                    change(c * CHUNK + k, v);
                }
            }
        }
    }
}

impl<T> Chunked<T> {
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Live elements.
    #[must_use]
    pub fn len(&self) -> usize {
        self.len
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// One hole more (`filled` false) or fewer in chunk `c`, which has been written.
    fn count(&mut self, c: usize, filled: bool) {
        let chunk = &self.chunks[c];
        self.ranks[c] = chunk.iter().any(Option::is_none).then(|| {
            let mut live = 0;
            let ranks = chunk.iter().map(|slot| {
                let r = rank(live);
                live += usize::from(slot.is_some());
                r
            });
            Arc::new(ranks.collect())
        });
        if filled {
            self.live[c] += 1;
            self.len += 1;
            self.holes -= 1;
            self.before[c + 1..].iter_mut().for_each(|b| *b += 1);
        } else {
            self.live[c] -= 1;
            self.len -= 1;
            self.holes += 1;
            self.before[c + 1..].iter_mut().for_each(|b| *b -= 1);
        }
    }

    /// The live element at `slot` (slots are what [`Chunked::push`] returns).
    #[must_use]
    pub fn slot(&self, slot: usize) -> Option<&T> {
        self.chunks.get(slot / CHUNK)?.get(slot % CHUNK)?.as_ref()
    }

    /// The element at position `i` (counting live elements only, as [`Chunked::iter`] does).
    #[must_use]
    pub fn get(&self, i: usize) -> Option<&T> {
        if i >= self.len {
            return None;
        }
        if self.holes == 0 {
            return self.slot(i);
        }
        // The last chunk with no more than `i` live elements before it holds position `i`.
        let c = self.before.partition_point(|&b| b <= i) - 1;
        let (chunk, k) = (&self.chunks[c], i - self.before[c]);
        match &self.ranks[c] {
            None => chunk[k].as_ref(),
            // The live slot of rank `k` is the last slot with `k` live slots before it.
            Some(ranks) => chunk[ranks.partition_point(|&r| usize::from(r) <= k) - 1].as_ref(),
        }
    }

    /// The position (as [`Chunked::get`] counts) of the live element at `slot`.
    #[must_use]
    pub fn position(&self, slot: usize) -> Option<usize> {
        let (c, k) = (slot / CHUNK, slot % CHUNK);
        let chunk = self.chunks.get(c)?;
        chunk.get(k)?.as_ref()?;
        Some(if self.holes == 0 {
            slot
        } else {
            self.before[c] + self.ranks[c].as_ref().map_or(k, |r| usize::from(r[k]))
        })
    }

    #[must_use]
    pub fn first(&self) -> Option<&T> {
        self.iter().next()
    }

    #[must_use]
    pub fn last(&self) -> Option<&T> {
        self.iter().next_back()
    }

    /// The elements in order.
    #[must_use]
    pub fn iter(&self) -> Iter<'_, T> {
        Iter::new(&self.chunks, self.len)
    }

    /// The elements from position `i` on, without walking the chunks before.
    #[must_use]
    pub fn iter_from(&self, i: usize) -> Iter<'_, T> {
        if i >= self.len {
            return Iter::new(&[], 0);
        }
        let c = if self.holes == 0 {
            i / CHUNK
        } else {
            self.before.partition_point(|&b| b <= i) - 1
        };
        let mut it = Iter::new(&self.chunks[c..], self.len - self.before[c]);
        for _ in self.before[c]..i {
            it.next();
        }
        it
    }

    /// The chunks' slots in order, `None` for a hole: for loops that want plain slices.
    #[must_use]
    pub fn chunks(&self) -> impl DoubleEndedIterator<Item = &[Option<T>]> + Clone {
        self.chunks.iter().map(|c| c.as_slice())
    }

    /// Whether chunk `c` of `self` and of `other` are one and the same allocation (tests).
    #[cfg(test)]
    pub(crate) fn shares_chunk(&self, other: &Self, c: usize) -> bool {
        Arc::ptr_eq(&self.chunks[c], &other.chunks[c])
    }
}

/// A count of slots within one chunk.
fn rank(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// The elements of a [`Chunked`] in order: a slice iterator over the current chunk's slots at
/// the front (and one at the back), skipping holes.
pub struct Iter<'a, T> {
    front: std::slice::Iter<'a, Option<T>>,
    chunks: std::slice::Iter<'a, Arc<Vec<Option<T>>>>,
    back: std::slice::Iter<'a, Option<T>>,
    remaining: usize,
}

impl<'a, T> Iter<'a, T> {
    fn new(chunks: &'a [Arc<Vec<Option<T>>>], remaining: usize) -> Self {
        Self {
            front: [].iter(),
            chunks: chunks.iter(),
            back: [].iter(),
            remaining,
        }
    }
}

impl<T> Clone for Iter<'_, T> {
    fn clone(&self) -> Self {
        Self {
            front: self.front.clone(),
            chunks: self.chunks.clone(),
            back: self.back.clone(),
            remaining: self.remaining,
        }
    }
}

impl<'a, T> Iterator for Iter<'a, T> {
    type Item = &'a T;

    #[inline]
    fn next(&mut self) -> Option<&'a T> {
        if self.remaining == 0 {
            return None;
        }
        loop {
            if let Some(slot) = self.front.next() {
                if let Some(v) = slot {
                    self.remaining -= 1;
                    return Some(v);
                }
            } else if let Some(chunk) = self.chunks.next() {
                self.front = chunk.iter();
            } else if self.back.len() > 0 {
                // What is left is in the back chunk.
                self.front = std::mem::replace(&mut self.back, [].iter());
            } else {
                return None;
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }

    fn fold<B, F: FnMut(B, &'a T) -> B>(self, init: B, mut f: F) -> B {
        let mut acc = init;
        for slot in self.front.flatten() {
            acc = f(acc, slot);
        }
        for chunk in self.chunks {
            for slot in chunk.iter().flatten() {
                acc = f(acc, slot);
            }
        }
        for slot in self.back.flatten() {
            acc = f(acc, slot);
        }
        acc
    }
}

impl<T> DoubleEndedIterator for Iter<'_, T> {
    fn next_back(&mut self) -> Option<Self::Item> {
        if self.remaining == 0 {
            return None;
        }
        loop {
            if let Some(slot) = self.back.next_back() {
                if let Some(v) = slot {
                    self.remaining -= 1;
                    return Some(v);
                }
            } else if let Some(chunk) = self.chunks.next_back() {
                self.back = chunk.iter();
            } else if self.front.len() > 0 {
                self.back = std::mem::replace(&mut self.front, [].iter());
            } else {
                return None;
            }
        }
    }
}

impl<T> ExactSizeIterator for Iter<'_, T> {}
impl<T> std::iter::FusedIterator for Iter<'_, T> {}

impl<'a, T> IntoIterator for &'a Chunked<T> {
    type Item = &'a T;
    type IntoIter = Iter<'a, T>;

    fn into_iter(self) -> Iter<'a, T> {
        self.iter()
    }
}

impl<T> std::ops::Index<usize> for Chunked<T> {
    type Output = T;

    fn index(&self, i: usize) -> &T {
        match self.get(i) {
            Some(v) => v,
            None => panic!("index {i} out of range for {} elements", self.len),
        }
    }
}

mod sharded;
#[cfg(test)]
use sharded::SHARDS;
pub use sharded::Sharded;

#[cfg(test)]
mod tests;
