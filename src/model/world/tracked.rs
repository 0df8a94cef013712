//! A slot map whose changes are written down where they happen (see `crate::model::journal`).
//!
//! Every mutable access to the world's objects goes through a [`Tracked`] map. While the
//! journal records (a notification port is open), [`Tracked::get_mut`] notes the object's
//! observable fields ([`Observed::look`]) and hands out a guard, [`Mut`], which on drop
//! records what differs ([`Observed::journal`]): the change is recorded when the rule is
//! done with the object, in the order the rules made their changes. Inserts record
//! `Added`, removes `Deleted`, with the object's name and id. While the journal does not
//! record, the guard is a plain `&mut` and a flag read. Reads go through `Deref` to the inner
//! `SlotMap`; there is deliberately no `DerefMut`.
//!
//! A rule that keeps a guard records its change when the guard goes: so rules drop a guard
//! before they go on to change other objects (else the change would be recorded after
//! theirs).

use std::ops::{Deref, DerefMut};

use slotmap::{Key, SlotMap};

use crate::model::journal::{About, Journal, Object};

/// What the journal observes of one kind of object.
pub(crate) trait Observed: Sized {
    type Key: Key;
    /// The fields a change of which the journal records.
    type Look;
    /// The fields now.
    fn look(&self) -> Self::Look;
    /// Records in `journal` what differs between `before` and the object now.
    fn journal(key: Self::Key, before: &Self::Look, now: &Self, journal: &Journal);
    /// The object of this key.
    fn object(key: Self::Key) -> Object;
    /// What `Added` and `Deleted` record of it.
    fn about(&self, key: Self::Key) -> About;
}

/// A `SlotMap` whose changes are journaled (see the module docs).
#[derive(Debug)]
pub(crate) struct Tracked<K: Key, V> {
    map: SlotMap<K, V>,
    journal: Journal,
}

/// A mutable access to one object: the object's changes are recorded when it drops.
pub(crate) struct Mut<'a, V: Observed> {
    key: V::Key,
    value: &'a mut V,
    /// The fields when the access was taken; `None` while the journal does not record.
    before: Option<V::Look>,
    journal: &'a Journal,
}

impl<V: Observed> Deref for Mut<'_, V> {
    type Target = V;
    fn deref(&self) -> &V {
        self.value
    }
}

impl<V: Observed> DerefMut for Mut<'_, V> {
    fn deref_mut(&mut self) -> &mut V {
        self.value
    }
}

impl<V: Observed> Drop for Mut<'_, V> {
    #[inline]
    fn drop(&mut self) {
        if let Some(before) = self.before.take() {
            V::journal(self.key, &before, self.value, self.journal);
        }
    }
}

impl<K: Key, V: Observed<Key = K>> Tracked<K, V> {
    /// An empty map recording into `journal`.
    pub(crate) fn new(journal: &Journal) -> Self {
        Self { map: SlotMap::with_key(), journal: journal.clone() }
    }

    #[inline]
    pub(crate) fn get_mut(&mut self, key: K) -> Option<Mut<'_, V>> {
        let value = self.map.get_mut(key)?;
        let before = if self.journal.recording() { Some(value.look()) } else { None };
        Some(Mut { key, value, before, journal: &self.journal })
    }

    pub(crate) fn insert(&mut self, value: V) -> K {
        let key = self.map.insert(value);
        if self.journal.recording() {
            if let Some(v) = self.map.get(key) {
                self.journal.record(crate::model::journal::Change::Added {
                    object: V::object(key),
                    about: v.about(key),
                });
            }
        }
        key
    }

    pub(crate) fn remove(&mut self, key: K) -> Option<V> {
        let value = self.map.remove(key)?;
        if self.journal.recording() {
            self.journal.record(crate::model::journal::Change::Deleted {
                object: V::object(key),
                about: value.about(key),
            });
        }
        Some(value)
    }

    /// Runs `f` on every object, each as one mutable access.
    pub(crate) fn for_each_mut(&mut self, mut f: impl FnMut(&mut V)) {
        let recording = self.journal.recording();
        for (key, value) in &mut self.map {
            let before = if recording { Some(value.look()) } else { None };
            f(value);
            if let Some(before) = before {
                V::journal(key, &before, value, &self.journal);
            }
        }
    }
}

impl<K: Key, V> Deref for Tracked<K, V> {
    type Target = SlotMap<K, V>;
    fn deref(&self) -> &SlotMap<K, V> {
        &self.map
    }
}
