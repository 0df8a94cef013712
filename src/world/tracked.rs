//! A slot map that counts the calls that could change it.
//!
//! The notification layer compares the world after a call with the world before it; with
//! a large topology that comparison costs far more than the call itself. Every mutable
//! access to the world's objects goes through a [`Tracked`] map, which bumps a counter, so
//! a call that took no mutable access provably changed nothing and skips the comparison.
//! Reads go through `Deref` to the inner `SlotMap`; there is deliberately no `DerefMut`.

use std::ops::Deref;

use slotmap::{Key, SlotMap};

/// A `SlotMap` whose mutable accesses are counted (see the module docs).
#[derive(Debug)]
pub(crate) struct Tracked<K: Key, V> {
    map: SlotMap<K, V>,
    /// Bumped by every mutable access (wrapping: only equality is ever compared).
    changes: u64,
}

impl<K: Key, V> Tracked<K, V> {
    pub(crate) fn new() -> Self {
        Self { map: SlotMap::with_key(), changes: 0 }
    }

    /// The mutation counter: equal before and after a call means the call changed nothing.
    pub(crate) fn changes(&self) -> u64 {
        self.changes
    }

    fn touch(&mut self) -> &mut SlotMap<K, V> {
        self.changes = self.changes.wrapping_add(1);
        &mut self.map
    }

    pub(crate) fn get_mut(&mut self, key: K) -> Option<&mut V> {
        self.touch().get_mut(key)
    }

    pub(crate) fn insert(&mut self, value: V) -> K {
        self.touch().insert(value)
    }

    pub(crate) fn remove(&mut self, key: K) -> Option<V> {
        self.touch().remove(key)
    }

    pub(crate) fn values_mut(&mut self) -> slotmap::basic::ValuesMut<'_, K, V> {
        self.touch().values_mut()
    }
}

impl<K: Key, V> Deref for Tracked<K, V> {
    type Target = SlotMap<K, V>;
    fn deref(&self) -> &SlotMap<K, V> {
        &self.map
    }
}
