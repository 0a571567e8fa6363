//! One way to keep derived figures between frames: a [`Memo`] holds a value with the key it was
//! computed for (a data revision, analytics params, a contact...) and computes it again only
//! when the key changes. Nothing is cached in egui's memory.

/// A value and the key it was computed for.
#[derive(Debug)]
pub struct Memo<K, V> {
    slot: Option<(K, V)>,
}

impl<K, V> Default for Memo<K, V> {
    fn default() -> Self {
        Self { slot: None }
    }
}

impl<K: PartialEq, V> Memo<K, V> {
    /// The value for `key`: the kept one when the key is the same, else `compute()`'s, kept.
    pub fn get_or_compute(&mut self, key: K, compute: impl FnOnce() -> V) -> &V {
        if !self.slot.as_ref().is_some_and(|(k, _)| *k == key) {
            self.slot = None;
        }
        &self.slot.get_or_insert_with(|| (key, compute())).1
    }

    /// The kept value, if it was computed for `key`.
    #[must_use]
    pub fn get(&self, key: &K) -> Option<&V> {
        self.slot.as_ref().filter(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The value last computed, whatever its key (read after `get_or_compute` in the same frame).
    #[must_use]
    pub fn value(&self) -> Option<&V> {
        self.slot.as_ref().map(|(_, v)| v)
    }

    /// The value last computed, to fill in parts of it computed on demand (the charts page keeps
    /// each chart's figures in one value per key, made when a chart is first shown).
    pub fn value_mut(&mut self) -> Option<&mut V> {
        self.slot.as_mut().map(|(_, v)| v)
    }

    /// Keeps `value` for `key` (a result that arrived from a background job).
    pub fn set(&mut self, key: K, value: V) {
        self.slot = Some((key, value));
    }

    /// Forgets the value (another document was opened).
    pub fn clear(&mut self) {
        self.slot = None;
    }

    /// Like [`Memo::get_or_compute`], but a value kept for another key is first offered to
    /// `update` (with that key), which brings it up to date in place and returns `true`, or
    /// returns `false` to have it computed again.
    pub fn get_or_update(
        &mut self,
        key: K,
        update: impl FnOnce(&K, &mut V) -> bool,
        compute: impl FnOnce() -> V,
    ) -> &V {
        let updated = match &mut self.slot {
            Some((k, _)) if *k == key => true,
            Some((k, v)) => update(k, v),
            None => false,
        };
        match (&mut self.slot, updated) {
            (Some(slot), true) => slot.0 = key,
            _ => self.slot = Some((key, compute())),
        }
        &self
            .slot
            .as_ref()
            .expect("the slot was filled just above")
            .1
    }
}

#[cfg(test)]
mod tests {
    use super::Memo;

    #[test]
    fn computes_once_per_key() {
        let mut memo: Memo<u64, String> = Memo::default();
        let mut runs = 0;
        for key in [1, 1, 2, 2, 1] {
            memo.get_or_compute(key, || {
                runs += 1;
                format!("v{key}")
            });
        }
        assert_eq!(runs, 3);
        assert_eq!(memo.get(&1).map(String::as_str), Some("v1"));
        assert_eq!(memo.get(&2), None);
        if let Some(v) = memo.value_mut() {
            v.push('!');
        }
        assert_eq!(memo.get(&1).map(String::as_str), Some("v1!"));
        memo.clear();
        assert_eq!(memo.get(&1), None);
        assert_eq!(memo.value_mut(), None);
        memo.set(7, "seven".into());
        assert_eq!(memo.get(&7).map(String::as_str), Some("seven"));
        assert_eq!(memo.get(&1), None);
    }
}
