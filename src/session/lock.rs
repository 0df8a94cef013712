//! The lock on a simulator's state, and the publish path: when a call releases the lock,
//! the changes it recorded in the journal become events in the ports that listen, and
//! waiters are woken.

use crate::session::simulator::State;
use crate::types::sync::MutexGuard;

/// The lock on a simulator's state. While a notification port is open, it turns what the
/// call recorded in the journal into events when released, and queues them.
pub(crate) struct StateGuard<'a> {
    pub(super) guard: MutexGuard<'a, State>,
    /// Whether the call's changes are published when it ends (`lock`), or left for the next
    /// call that is (`lock_quiet`: calls that change nothing).
    pub(super) compare: bool,
    pub(super) changed: &'a crate::types::sync::Condvar,
}

impl std::ops::Deref for StateGuard<'_> {
    type Target = State;
    fn deref(&self) -> &State {
        &self.guard
    }
}

impl std::ops::DerefMut for StateGuard<'_> {
    fn deref_mut(&mut self) -> &mut State {
        &mut self.guard
    }
}

impl StateGuard<'_> {
    /// Waits for a change (a notification), releasing the lock meanwhile; `false` on time-out.
    ///
    /// While a timed transition is pending and simulated time follows the wall clock, the
    /// wait ends by its deadline at the latest, and the transitions then due complete (their
    /// events queued) before it returns: a waiter sees a completion with no other call made.
    /// (A manual clock moves only through `advance_clock`, which wakes waiters as any call
    /// that queues events does.)
    pub(crate) fn wait(&mut self, timeout: Option<std::time::Duration>) -> bool {
        let timeout = match self.until_due() {
            None => timeout,
            Some(due) => Some(timeout.map_or(due, |t| t.min(due))),
        };
        let woken = match timeout {
            None => {
                self.changed.wait(&mut self.guard);
                true
            }
            Some(t) => !self.changed.wait_for(&mut self.guard, t).timed_out(),
        };
        if self.guard.world.timing.on() {
            self.catch_up();
        }
        woken
    }

    /// How long until the next deadline of a timed transition, when simulated time follows
    /// the wall clock (zero when one is due already).
    fn until_due(&self) -> Option<std::time::Duration> {
        let st = &*self.guard;
        if !st.clock.follows_wall() {
            return None;
        }
        let next = st.world.timing.next_due?;
        Some(next.saturating_sub(st.clock.now()))
    }

    /// Reads the clock into the world and completes the timed transitions due by now;
    /// their events are queued at once, before the call goes on (the completions happened
    /// before it).
    #[cold]
    #[inline(never)]
    pub(crate) fn catch_up(&mut self) {
        let st = &mut *self.guard;
        let now = st.clock.now();
        if st.world.complete_due(now) {
            self.publish_changes(true);
        }
    }
}

impl Drop for StateGuard<'_> {
    #[inline]
    fn drop(&mut self) {
        let st = &*self.guard;
        let recording = st.world.journal.recording();
        // Nothing to do unless waiters are to be woken, the first port just opened or the
        // last one closed (recording starts or stops), or the call recorded changes.
        let needed = st.wake_waiters
            || recording == st.ports.is_empty()
            || (recording && self.compare && !st.world.journal.is_empty());
        if needed {
            self.publish_changes(self.compare);
        }
    }
}

impl StateGuard<'_> {
    /// Queues the events of the call's changes (unless `compare` is false: a quiet call's)
    /// and wakes waiters.
    #[cold]
    fn publish_changes(&mut self, compare: bool) {
        let st = &mut *self.guard;
        let recording = st.world.journal.recording();
        if st.ports.is_empty() {
            // No one listens: stop recording (and forget what was recorded for no one).
            if recording {
                st.world.journal.set_recording(false);
            }
        } else if !recording {
            // The call that opened the first port: from now on the rules record their changes.
            st.world.journal.set_recording(true);
        } else if compare {
            let changes = st.world.journal.take();
            if !changes.is_empty() {
                let changes = crate::model::journal::complete(changes, &st.world);
                if crate::session::notify::deliver(&mut st.ports, &mut st.world, &changes) {
                    st.wake_waiters = true;
                }
                #[cfg(test)]
                if let Some(tap) = st.tap.as_mut() {
                    tap.extend(changes);
                }
            }
        }
        if std::mem::take(&mut self.guard.wake_waiters) {
            self.changed.notify_all();
        }
    }
}
