//! Simulated time, for timed transitions (`SimulatorBuilder::pending_duration`): the one
//! place that reads the wall clock. By default simulated time follows it (`Instant`, from
//! when the simulator was built); a manual clock (`SimulatorBuilder::manual_clock`) stands
//! still. Either way `advance` moves it forward, so a test decides when a deadline passes.
//!
//! The clock is read only while timing is on (`World::timing`), and when a node crashes (the
//! failovers' `FailoverPeriod` window): without timed transitions no other call reads it,
//! and a manual clock keeps the failover windows deterministic too.

use std::time::{Duration, Instant};

/// A simulator's clock.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Clock {
    /// When simulated time started following the wall clock; `None`: a manual clock.
    origin: Option<Instant>,
    /// How far `advance` moved simulated time (the whole of it for a manual clock).
    offset: Duration,
}

impl Clock {
    /// A clock that follows the wall clock from now.
    pub(crate) fn wall() -> Self {
        Self { origin: Some(Instant::now()), offset: Duration::ZERO }
    }

    /// A clock that moves only when advanced.
    pub(crate) fn manual() -> Self {
        Self { origin: None, offset: Duration::ZERO }
    }

    /// Whether the clock follows the wall clock.
    pub(crate) fn follows_wall(&self) -> bool {
        self.origin.is_some()
    }

    /// The simulated time since the simulator was built (saturating at `Duration::MAX`).
    pub(crate) fn now(&self) -> Duration {
        match self.origin {
            None => self.offset,
            Some(origin) => self.offset.checked_add(origin.elapsed()).unwrap_or(Duration::MAX),
        }
    }

    /// Moves simulated time forward by `by` (saturating).
    pub(crate) fn advance(&mut self, by: Duration) {
        self.offset = self.offset.checked_add(by).unwrap_or(Duration::MAX);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manual_clock_moves_only_when_advanced() {
        let mut c = Clock::manual();
        assert_eq!(c.now(), Duration::ZERO);
        c.advance(Duration::from_millis(5));
        assert_eq!(c.now(), Duration::from_millis(5));
        c.advance(Duration::MAX);
        assert_eq!(c.now(), Duration::MAX, "saturates");
    }

    #[test]
    fn a_wall_clock_is_ahead_by_what_it_was_advanced() {
        let mut c = Clock::wall();
        c.advance(Duration::from_secs(3600));
        // Not a timed assertion: only that the offset counts, whatever the wall clock did.
        assert!(c.now() >= Duration::from_secs(3600));
        assert!(c.follows_wall() && !Clock::manual().follows_wall());
    }
}
