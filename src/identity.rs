//! Simulator identities: a small number, unique among the simulators alive at one time,
//! that every handle value carries so that one simulator refuses another's handles.

use crate::error::{Error, Result};
use crate::handle::MAX_SIM_ID;
use crate::sync::StaticMutex as Mutex;

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
