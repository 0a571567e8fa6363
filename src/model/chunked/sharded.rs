//! [`Sharded`]: a hash map in [`Arc`]-shared shards, the id maps' and merge stamps' storage (see
//! the parent module).

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasher, BuildHasherDefault, Hash, Hasher};
use std::sync::Arc;

/// Shards of a [`Sharded`] map.
pub(super) const SHARDS: usize = 256;

/// A hash map in [`SHARDS`] [`Arc`]-shared shards chosen by the key's hash: a write copies one
/// shard (1/256 of the map) when a clone shares it.
pub struct Sharded<K, V> {
    /// Empty until the first insert, then exactly [`SHARDS`].
    pub(super) shards: Vec<Arc<HashMap<K, V>>>,
    len: usize,
}

/// Picks a key's shard: a multiply-and-rotate hash (as rustc's `FxHasher`), enough to spread
/// random and sequential ids alike over the shards, and cheap beside the shard's own hash.
#[derive(Default)]
struct ShardHasher(u64);

impl Hasher for ShardHasher {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_u32(&mut self, x: u32) {
        self.write_u64(u64::from(x));
    }
    fn write_usize(&mut self, x: usize) {
        self.write(&x.to_ne_bytes());
    }
    fn write_isize(&mut self, x: isize) {
        self.write(&x.to_ne_bytes());
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

impl<K, V> Default for Sharded<K, V> {
    fn default() -> Self {
        Self {
            shards: Vec::new(),
            len: 0,
        }
    }
}

impl<K, V> Clone for Sharded<K, V> {
    fn clone(&self) -> Self {
        Self {
            shards: self.shards.clone(),
            len: self.len,
        }
    }
}

impl<K: Hash + Eq + fmt::Debug, V: fmt::Debug> fmt::Debug for Sharded<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<K: Hash + Eq, V: PartialEq> PartialEq for Sharded<K, V> {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.iter().all(|(k, v)| other.get(k) == Some(v))
    }
}

impl<K: Hash + Eq, V: Eq> Eq for Sharded<K, V> {}

impl<K: Hash + Eq + Clone, V: Clone> FromIterator<(K, V)> for Sharded<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut out = Self::default();
        out.extend(iter);
        out
    }
}

impl<K: Hash + Eq + Clone, V: Clone> Extend<(K, V)> for Sharded<K, V> {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, iter: I) {
        for (k, v) in iter {
            self.insert(k, v);
        }
    }
}

impl<K: Hash + Eq, V> Sharded<K, V> {
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty map with room for about `n` entries.
    #[must_use]
    pub fn with_capacity(n: usize) -> Self {
        if n == 0 {
            return Self::default();
        }
        let each = n / SHARDS + n / SHARDS / 8 + 1;
        Self {
            shards: (0..SHARDS)
                .map(|_| Arc::new(HashMap::with_capacity(each)))
                .collect(),
            len: 0,
        }
    }

    fn shard_of(key: &K) -> usize {
        // The top bits, which the multiplication mixes best.
        let h = BuildHasherDefault::<ShardHasher>::default().hash_one(key);
        usize::try_from(h >> 56).unwrap_or(0) % SHARDS
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.len
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    #[must_use]
    pub fn get(&self, key: &K) -> Option<&V> {
        self.shards.get(Self::shard_of(key))?.get(key)
    }

    #[must_use]
    pub fn contains_key(&self, key: &K) -> bool {
        self.get(key).is_some()
    }

    /// Every entry, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> + Clone {
        self.shards.iter().flat_map(|s| s.iter())
    }

    pub fn keys(&self) -> impl Iterator<Item = &K> + Clone {
        self.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &V> + Clone {
        self.iter().map(|(_, v)| v)
    }

    /// Whether shard `s` of `self` and of `other` are one and the same allocation (tests).
    #[cfg(test)]
    pub(crate) fn shares_shard(&self, other: &Self, s: usize) -> bool {
        Arc::ptr_eq(&self.shards[s], &other.shards[s])
    }

    /// How many shards `self` and `other` do not share (tests).
    #[cfg(test)]
    pub(crate) fn shards_copied(&self, other: &Self) -> usize {
        (0..self.shards.len().min(other.shards.len()))
            .filter(|&s| !self.shares_shard(other, s))
            .count()
    }
}

impl<K: Hash + Eq, V> std::ops::Index<&K> for Sharded<K, V> {
    type Output = V;

    /// As `HashMap`'s: panics when `key` is missing.
    fn index(&self, key: &K) -> &V {
        match self.get(key) {
            Some(v) => v,
            None => panic!("no such key in the map"),
        }
    }
}

impl<K: Hash + Eq + Clone, V: Clone> Sharded<K, V> {
    fn shard_mut(&mut self, key: &K) -> &mut HashMap<K, V> {
        if self.shards.is_empty() {
            self.shards = (0..SHARDS).map(|_| Arc::default()).collect();
        }
        let s = Self::shard_of(key);
        Arc::make_mut(&mut self.shards[s])
    }

    /// The value for `key`, for writing; copies its shard if shared.
    pub fn get_mut(&mut self, key: &K) -> Option<&mut V> {
        if !self.contains_key(key) {
            return None;
        }
        self.shard_mut(key).get_mut(key)
    }

    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        let old = self.shard_mut(&key).insert(key, value);
        if old.is_none() {
            self.len += 1;
        }
        old
    }

    pub fn remove(&mut self, key: &K) -> Option<V> {
        if !self.contains_key(key) {
            return None;
        }
        let old = self.shard_mut(key).remove(key);
        self.len -= usize::from(old.is_some());
        old
    }

    /// Keeps the entries `keep` accepts; copies only the shards that lose one.
    pub fn retain(&mut self, mut keep: impl FnMut(&K, &V) -> bool) {
        for shard in &mut self.shards {
            if shard.iter().all(|(k, v)| keep(k, v)) {
                continue;
            }
            let map = Arc::make_mut(shard);
            let before = map.len();
            map.retain(|k, v| keep(k, v));
            self.len -= before - map.len();
        }
    }

    /// A copy that shares no shard with `self`.
    #[must_use]
    pub fn detached(&self) -> Self {
        Self {
            shards: self
                .shards
                .iter()
                .map(|s| Arc::new(HashMap::clone(s)))
                .collect(),
            ..self.clone()
        }
    }
}
