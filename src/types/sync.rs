//! The locks the simulator uses, in one place.
//!
//! Everything goes through these names so that the `loom` model checker can swap them for
//! its instrumented versions: built with `RUSTFLAGS="--cfg loom"`, the state lock, its
//! condition variable and the `Arc` that clones of a `Simulator` share are loom's, and
//! `tests/loom.rs` explores every interleaving of concurrent opens, closes and duplicates
//! on them. The identity pool ([`StaticMutex`]) and the simulator directory stay plain locks:
//! they are `static`s, which loom cannot model, and they are not on the refcount path.

/// The lock of the process-wide identity pool (a `static`, so never loom's).
pub(crate) use parking_lot::Mutex as StaticMutex;
/// The locks of the process-wide simulator directory (statics too, so never loom's).
#[cfg(not(loom))]
pub(crate) use parking_lot::RwLock as StaticRwLock;
#[cfg(not(loom))]
pub(crate) use parking_lot::{Condvar, Mutex, MutexGuard};
#[cfg(not(loom))]
pub(crate) use std::sync::Arc;

/// Takes the state lock; while another thread holds it, backs off (yields, then spins
/// briefly) and tries again a few hundred times before parking.
///
/// A call holds the lock for tens of nanoseconds. When two threads call into one simulator
/// without pause, a waiter that parks makes the holder's every unlock a system call (an
/// unpark, microseconds on a virtual machine) until it wakes; a waiter that yields and
/// tries again costs the holder nothing. A waiter that still finds the lock taken after
/// that (the holder runs a long call, or was preempted) parks as before.
#[cfg(not(loom))]
#[inline]
pub(crate) fn lock_backing_off<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    if let Some(g) = m.try_lock() {
        return g;
    }
    contended(m)
}

#[cfg(not(loom))]
#[cold]
fn contended<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    for _ in 0..ROUNDS {
        // Back off before trying again: the holder then runs several calls in a row with
        // the state in its own cache, and so does this thread when its turn comes. Trying
        // at once instead makes the threads alternate call by call, and every call then
        // pulls the state across from the other core.
        std::thread::yield_now();
        for _ in 0..BACKOFF_SPINS {
            std::hint::spin_loop();
        }
        if let Some(g) = m.try_lock() {
            return g;
        }
    }
    m.lock()
}

/// How many back-off rounds a waiter tries before it parks.
#[cfg(not(loom))]
const ROUNDS: u32 = 256;
/// How long one round backs off, in spin-loop hints (a microsecond or two).
#[cfg(not(loom))]
const BACKOFF_SPINS: u32 = 64;

#[cfg(loom)]
pub(crate) fn lock_backing_off<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock()
}

#[cfg(loom)]
pub(crate) use self::model::{Arc, Condvar, Mutex, MutexGuard};

/// parking_lot's API over loom's primitives: `lock()` without poisoning, and a condition
/// variable that waits on `&mut guard`.
#[cfg(loom)]
mod model {
    pub(crate) use loom::sync::Arc;
    use std::fmt;
    use std::ops::{Deref, DerefMut};
    use std::sync::PoisonError;

    pub(crate) struct Mutex<T>(loom::sync::Mutex<T>);

    impl<T> Mutex<T> {
        pub(crate) fn new(value: T) -> Self {
            Self(loom::sync::Mutex::new(value))
        }

        pub(crate) fn lock(&self) -> MutexGuard<'_, T> {
            // The simulator never panics while holding the lock, so poisoning is moot.
            MutexGuard(Some(self.0.lock().unwrap_or_else(PoisonError::into_inner)))
        }
    }

    impl<T> fmt::Debug for Mutex<T> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("Mutex { .. }")
        }
    }

    /// `None` only inside [`Condvar::wait`], which takes the guard and puts it back.
    pub(crate) struct MutexGuard<'a, T>(Option<loom::sync::MutexGuard<'a, T>>);

    #[allow(clippy::expect_used, reason = "the guard is taken only inside Condvar::wait, which restores it")]
    impl<T> Deref for MutexGuard<'_, T> {
        type Target = T;
        fn deref(&self) -> &T {
            self.0.as_deref().expect("guard present")
        }
    }

    #[allow(clippy::expect_used, reason = "the guard is taken only inside Condvar::wait, which restores it")]
    impl<T> DerefMut for MutexGuard<'_, T> {
        fn deref_mut(&mut self) -> &mut T {
            self.0.as_deref_mut().expect("guard present")
        }
    }

    pub(crate) struct Condvar(loom::sync::Condvar);

    /// Whether a timed wait ended by time-out (loom has no clock: never).
    pub(crate) struct WaitTimeoutResult(bool);

    impl WaitTimeoutResult {
        pub(crate) fn timed_out(&self) -> bool {
            self.0
        }
    }

    impl Condvar {
        pub(crate) fn new() -> Self {
            Self(loom::sync::Condvar::new())
        }

        pub(crate) fn wait<T>(&self, guard: &mut MutexGuard<'_, T>) {
            if let Some(g) = guard.0.take() {
                guard.0 = Some(self.0.wait(g).unwrap_or_else(PoisonError::into_inner));
            }
        }

        /// Loom does not model time: a timed wait is a wait that may wake spuriously.
        pub(crate) fn wait_for<T>(
            &self,
            guard: &mut MutexGuard<'_, T>,
            _timeout: std::time::Duration,
        ) -> WaitTimeoutResult {
            self.wait(guard);
            WaitTimeoutResult(false)
        }

        pub(crate) fn notify_all(&self) {
            self.0.notify_all();
        }
    }

    impl fmt::Debug for Condvar {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("Condvar { .. }")
        }
    }
}
