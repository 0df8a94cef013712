//! The call history: every ClusAPI call (and lever) with its arguments and result, when the
//! builder asks for it. A simulator that does not record pays one comparison per call and
//! holds no memory for it.

use std::fmt;
use std::panic::Location;

use crate::session::simulator::Simulator;
use crate::types::error::Result;

/// One recorded call.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CallRecord {
    /// The method called, such as `"move_cluster_group"`.
    pub call: &'static str,
    /// Its arguments, as `Debug` prints them (handles as `HGroup(0x…)`, names quoted).
    pub args: String,
    /// What it returned: `Ok` with the value as `Debug` prints it, or the Win32 code.
    pub result: std::result::Result<String, u32>,
    /// Where it was called from (for a lever a trigger pulled: the call it is tied to).
    pub location: &'static Location<'static>,
    /// For a lever a [`Trigger`](crate::Trigger) pulled: the trigger and the count of the
    /// call that fired it (`"trigger: crash_node(\"SQL2\") before MoveClusterGroup #2 (call 2)"`).
    pub trigger: Option<String>,
    /// For a call a [`Fault`](crate::Fault) made fail: the rule and the count of the call
    /// (`"OpenCluster (Nth(1)) fails with 1722 (call 1)"`).
    pub fault: Option<String>,
    /// Whether that fault's code is one the call cannot answer on a real cluster (not in
    /// its [`CallInfo::fault_codes`](crate::CallInfo::fault_codes)): a failure only an
    /// explicit [`Fault::code`](crate::Fault::code) gives, which `Display` marks
    /// `unlisted code`.
    pub unlisted_code: bool,
}

impl fmt::Display for CallRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.result {
            Ok(v) => write!(f, "{}({}) -> Ok({v}) at {}", self.call, self.args, self.location),
            Err(code) => write!(f, "{}({}) -> Err({code}) at {}", self.call, self.args, self.location),
        }?;
        if let Some(rule) = &self.fault {
            let mark = if self.unlisted_code { "; unlisted code: no real cluster answers it" } else { "" };
            write!(f, " [injected fault: {rule}{mark}]")?;
        }
        match &self.trigger {
            Some(t) => write!(f, " [{t}]"),
            None => Ok(()),
        }
    }
}

/// The recorded calls, bounded.
#[derive(Debug, Default)]
pub(crate) struct History {
    pub calls: std::collections::VecDeque<CallRecord>,
    pub dropped: u64,
}

impl crate::session::simulator::State {
    /// Records a call in the history (under the call's own lock, so the history's order is
    /// the order in which calls ran), if the builder asked for one.
    pub(crate) fn record_call<T: fmt::Debug>(
        &mut self,
        call: &'static str,
        args: impl FnOnce() -> String,
        result: &Result<T>,
        location: &'static Location<'static>,
        fault: Option<crate::session::fault::FaultHit>,
    ) {
        let limit = self.history_limit;
        if limit == 0 {
            return;
        }
        let record = CallRecord {
            call,
            args: args(),
            result: match result {
                Ok(v) => Ok(format!("{v:?}")),
                Err(e) => Err(e.code()),
            },
            location,
            trigger: None,
            unlisted_code: fault.as_ref().is_some_and(|f| !f.listed),
            fault: fault.map(|f| f.rule),
        };
        self.push_record(record);
    }

    /// Records a lever that a trigger pulled.
    pub(crate) fn record_triggered(
        &mut self,
        lever: &crate::Lever,
        why: String,
        result: &Result<()>,
        location: &'static Location<'static>,
    ) {
        if self.history_limit == 0 {
            return;
        }
        self.push_record(CallRecord {
            call: lever.name(),
            args: lever.args(),
            result: match result {
                Ok(()) => Ok("()".to_owned()),
                Err(e) => Err(e.code()),
            },
            location,
            trigger: Some(why),
            fault: None,
            unlisted_code: false,
        });
    }

    fn push_record(&mut self, record: CallRecord) {
        let limit = self.history_limit;
        let h = self.history.get_or_insert_with(History::default);
        if h.calls.len() >= limit {
            h.calls.pop_front();
            h.dropped = h.dropped.saturating_add(1);
        }
        h.calls.push_back(record);
    }
}

impl Simulator {
    /// Every call recorded so far, oldest first (with
    /// [`SimulatorBuilder::record_history`](crate::SimulatorBuilder::record_history); empty
    /// otherwise): what the code under test did, to assert on.
    ///
    /// ```
    /// use clusapi_sim::Simulator;
    ///
    /// let sim = Simulator::default_builder().record_history(1000).build()?;
    /// let c = sim.open_cluster(None)?;
    /// let g = sim.open_cluster_group(c, "Cluster Group")?;
    /// let n = sim.open_cluster_node(c, "NODE2")?;
    /// sim.move_cluster_group(g, Some(n))?;
    /// let moves: Vec<_> = sim.history().into_iter().filter(|r| r.call == "move_cluster_group").collect();
    /// assert_eq!(moves.len(), 1);
    /// assert_eq!(moves[0].result, Ok("()".to_owned()));
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[must_use]
    pub fn history(&self) -> Vec<CallRecord> {
        self.lock_quiet().history.as_ref().map(|h| h.calls.iter().cloned().collect()).unwrap_or_default()
    }

    /// How many calls were recorded but then dropped, past the history's bound.
    #[must_use]
    pub fn dropped_history(&self) -> u64 {
        self.lock_quiet().history.as_ref().map_or(0, |h| h.dropped)
    }

    /// Forgets the recorded calls.
    pub fn clear_history(&self) {
        self.lock_quiet().history = None;
    }
}
