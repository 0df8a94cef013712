//! Simulator identities: a small number, unique among the simulators alive at one time,
//! that every handle value carries so that one simulator refuses another's handles; and
//! the directory that finds the live simulator of an identity, so that a raw handle value
//! (as the C ABI receives it) leads to the simulator that minted it.

use crate::types::error::{Error, Result};
use crate::types::handle::MAX_SIM_ID;
use crate::types::sync::StaticMutex as Mutex;
#[cfg(not(loom))]
use crate::types::sync::StaticRwLock as RwLock;
#[cfg(not(loom))]
use std::sync::{Arc, Weak};

/// Which identities are taken, and where the next search starts.
struct Pool {
    taken: [u64; (MAX_SIM_ID as usize + 1) / 64],
    next: u16,
}

// Identities are handed out round-robin, so a simulator created after another was dropped
// gets a different identity where one is free: handles kept from the dropped simulator then
// fail the identity check rather than only the table check.
static POOL: Mutex<Pool> = Mutex::new(Pool { taken: [0; (MAX_SIM_ID as usize + 1) / 64], next: 1 });

/// A live simulator's identity; released when dropped.
#[derive(Debug)]
pub(crate) struct SimId(u16);

impl SimId {
    /// Takes a free identity (1..=4095).
    pub(crate) fn allocate() -> Result<Self> {
        let mut pool = POOL.lock();
        for step in 0..MAX_SIM_ID {
            // `next` is in 1..=MAX_SIM_ID and `step` below MAX_SIM_ID: no overflow in u16.
            let id = (pool.next.wrapping_sub(1).wrapping_add(step) % MAX_SIM_ID).wrapping_add(1);
            let (word, bit) = (usize::from(id / 64), id % 64);
            let Some(w) = pool.taken.get_mut(word) else { continue };
            if *w & (1 << bit) == 0 {
                *w |= 1 << bit;
                pool.next = (id % MAX_SIM_ID).wrapping_add(1);
                return Ok(Self(id));
            }
        }
        Err(Error::NotEnoughMemory(format!(
            "{MAX_SIM_ID} simulators are alive at once; drop some before building another"
        )))
    }

    pub(crate) fn get(&self) -> u16 {
        self.0
    }
}

impl Drop for SimId {
    fn drop(&mut self) {
        let mut pool = POOL.lock();
        let (word, bit) = (usize::from(self.0 / 64), self.0 % 64);
        if let Some(w) = pool.taken.get_mut(word) {
            *w &= !(1 << bit);
        }
    }
}

/// One slot per identity. Each slot has its own lock on its own cache line, so threads
/// that call into different simulators never touch the same memory here, and threads that
/// share a simulator only take a read lock (they meet on that simulator's state lock
/// anyway).
#[cfg(not(loom))]
#[repr(align(64))]
struct Slot<T>(RwLock<Option<Weak<T>>>);

/// The live simulators of the process, by identity. It holds weak references only: a
/// simulator ends when its last clone is dropped, whatever the directory says, and its
/// identity then leads nowhere (a handle of it is `ERROR_INVALID_HANDLE`).
pub(crate) struct Directory<T> {
    #[cfg(not(loom))]
    slots: [Slot<T>; MAX_SIM_ID as usize + 1],
    #[cfg(loom)]
    _never: std::marker::PhantomData<T>,
}

#[cfg(not(loom))]
impl<T> Directory<T> {
    /// An empty directory (a `static`: every slot starts as `None`, so it costs no pages
    /// until a simulator registers).
    pub(crate) const fn new() -> Self {
        Self { slots: [const { Slot(RwLock::new(None)) }; MAX_SIM_ID as usize + 1] }
    }

    /// Records the simulator that holds `id`.
    pub(crate) fn insert(&self, id: &SimId, simulator: Weak<T>) {
        if let Some(slot) = self.slots.get(usize::from(id.get())) {
            *slot.0.write() = Some(simulator);
        }
    }

    /// Forgets the simulator of `id` (called when it is retired, while it still holds the
    /// identity, so no newer simulator can have registered under it).
    pub(crate) fn remove(&self, id: &SimId) {
        if let Some(slot) = self.slots.get(usize::from(id.get())) {
            *slot.0.write() = None;
        }
    }

    /// The live simulator of identity `id`, if there is one.
    #[inline]
    pub(crate) fn get(&self, id: u16) -> Option<Arc<T>> {
        self.slots.get(usize::from(id))?.0.read().as_ref()?.upgrade()
    }
}

/// Under loom the shared `Arc` is loom's, which has no weak references: the directory is
/// empty (the loom models use `Simulator` values, never raw-value lookups).
#[cfg(loom)]
impl<T> Directory<T> {
    pub(crate) const fn new() -> Self {
        Self { _never: std::marker::PhantomData }
    }
    pub(crate) fn remove(&self, _id: &SimId) {}
    pub(crate) fn get<A>(&self, _id: u16) -> Option<A> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::SimId;

    #[test]
    fn live_identities_are_distinct_and_reused_only_after_release() {
        let ids: Vec<SimId> = (0..100).map(|_| SimId::allocate().expect("free ids")).collect();
        let mut raw: Vec<u16> = ids.iter().map(SimId::get).collect();
        raw.sort_unstable();
        raw.dedup();
        assert_eq!(raw.len(), 100);
        assert!(raw.iter().all(|r| (1..=super::MAX_SIM_ID).contains(r)));
    }
}
