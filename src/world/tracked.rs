//! A slot map that counts the calls that could change it.
//!
//! The notification layer compares the world after a call with the world before it; with
//! a large topology that comparison costs far more than the call itself. Every mutable
//! access to the world's objects goes through a [`Tracked`] map, which bumps a counter, so
//! a call that took no mutable access provably changed nothing and skips the comparison.
//! Reads go through `Deref` to the inner `SlotMap`; there is deliberately no `DerefMut`.
//!
//! While recording (a notification port is open), a map also keeps the keys it handed out
//! mutably, so a call that changed a few objects is compared on those objects alone.

use std::ops::Deref;

use slotmap::{Key, SlotMap};

/// A `SlotMap` whose mutable accesses are counted (see the module docs).
#[derive(Debug)]
pub(crate) struct Tracked<K: Key, V> {
    map: SlotMap<K, V>,
    /// Bumped by every mutable access (wrapping: only equality is ever compared).
    changes: u64,
    /// Whether the keys of mutable accesses are kept.
    recording: bool,
    /// The keys accessed mutably since the last `take_touched`, while recording.
    touched: Vec<K>,
    /// Set instead of keeping keys when too many were touched or the whole map was.
    all: bool,
}

/// Past this many keys, a full comparison is as cheap as one on the keys.
const MAX_TOUCHED: usize = 1024;

impl<K: Key, V> Tracked<K, V> {
    pub(crate) fn new() -> Self {
        Self { map: SlotMap::with_key(), changes: 0, recording: false, touched: Vec::new(), all: false }
    }

    /// The mutation counter: equal before and after a call means the call changed nothing.
    pub(crate) fn changes(&self) -> u64 {
        self.changes
    }

    fn touch(&mut self, key: Option<K>) -> &mut SlotMap<K, V> {
        self.changes = self.changes.wrapping_add(1);
        if self.recording && !self.all {
            match key {
                Some(k) if self.touched.len() < MAX_TOUCHED => self.touched.push(k),
                _ => {
                    self.all = true;
                    self.touched.clear();
                }
            }
        }
        &mut self.map
    }

    /// Starts (or stops) keeping touched keys, forgetting those kept so far.
    pub(crate) fn set_recording(&mut self, on: bool) {
        self.recording = on;
        self.touched.clear();
        self.all = false;
    }

    /// The keys touched since the last call, or `None` if the whole map may have changed
    /// (or recording is off).
    pub(crate) fn take_touched(&mut self) -> Option<Vec<K>> {
        let all = std::mem::take(&mut self.all);
        let touched = std::mem::take(&mut self.touched);
        (self.recording && !all).then_some(touched)
    }

    pub(crate) fn get_mut(&mut self, key: K) -> Option<&mut V> {
        self.touch(Some(key)).get_mut(key)
    }

    pub(crate) fn insert(&mut self, value: V) -> K {
        let key = self.map.insert(value);
        self.touch(Some(key));
        key
    }

    pub(crate) fn remove(&mut self, key: K) -> Option<V> {
        self.touch(Some(key)).remove(key)
    }

    pub(crate) fn values_mut(&mut self) -> slotmap::basic::ValuesMut<'_, K, V> {
        self.touch(None).values_mut()
    }
}

impl<K: Key, V> Deref for Tracked<K, V> {
    type Target = SlotMap<K, V>;
    fn deref(&self) -> &SlotMap<K, V> {
        &self.map
    }
}
