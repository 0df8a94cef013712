//! The test's side of a simulator, beside the calls: fault plans, triggers, the leak report,
//! diagnostics and the pending-transition levers. None of it is in the `ClusterApi` trait.

use crate::session::diagnostics::Diagnostic;
use crate::session::leak::OpenHandle;
use crate::session::simulator::Simulator;
use crate::types::error::Result;

impl Simulator {
    /// Adds a rule to the fault plan: matching calls fail with its code and change nothing.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_PARAMETER` when the rule's operation names no ClusAPI call.
    pub fn add_fault(&self, fault: crate::Fault) -> Result<()> {
        self.lock_quiet().faults.add(fault, crate::calls())
    }

    /// Removes every rule of the fault plan.
    pub fn clear_faults(&self) {
        self.lock().faults.clear();
    }

    /// Adds a trigger: a lever pulled before or after the matching call, under that call's
    /// lock (see [`crate::Trigger`]).
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_PARAMETER` when the trigger's call names no ClusAPI call; the lever's
    /// not-found code (`ERROR_CLUSTER_NODE_NOT_FOUND`, ...) when its target does not exist.
    pub fn add_trigger(&self, trigger: crate::Trigger) -> Result<()> {
        self.lock_quiet().add_trigger(trigger, crate::calls())
    }

    /// Removes every trigger.
    pub fn clear_triggers(&self) {
        self.lock_quiet().triggers.clear();
    }

    /// Every live handle: kind, raw value, object name and the place that opened it, in
    /// handle-table order.
    #[must_use]
    pub fn open_handles(&self) -> Vec<OpenHandle> {
        let st = self.lock();
        st.handles
            .iter_with_callers()
            .filter_map(|(raw, e, caller)| {
                let kind = e.kind?;
                let mut h =
                    OpenHandle::new(kind, raw, st.object_name(kind, e.object), st.handles.site(e.site));
                h.caller = caller.map(|c| c.describe(&is_export));
                Some(h)
            })
            .collect()
    }

    /// The number of live handles.
    #[must_use]
    pub fn open_handle_count(&self) -> usize {
        self.lock().handles.len()
    }

    /// The number of live cluster connections (each `open_cluster` starts one; it ends
    /// with its last handle).
    #[must_use]
    pub fn open_connection_count(&self) -> usize {
        self.lock().handles.connections.len()
    }

    /// Panics, listing every live handle one a line, if any handle is still open: what a
    /// test of your own code calls at its end.
    ///
    /// # Panics
    ///
    /// If a handle is open; the message lists each with the place that opened it.
    #[track_caller]
    pub fn assert_no_open_handles(&self) {
        let open = self.open_handles();
        if !open.is_empty() {
            let list: Vec<String> = open.iter().map(ToString::to_string).collect();
            panic!("{} handle(s) left open:\n{}", open.len(), list.join("\n"));
        }
    }

    /// Everything the simulator noticed that the real API leaves undefined but that ran
    /// anyway (or, in strict mode, was refused): for now, handles used or closed after
    /// the cluster handle they were opened through was closed.
    #[must_use]
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.lock().diagnostics.to_vec()
    }

    /// How many diagnostics were counted but not kept, past
    /// [`SimulatorBuilder::max_diagnostics`](crate::SimulatorBuilder::max_diagnostics).
    #[must_use]
    pub fn dropped_diagnostics(&self) -> u64 {
        self.lock().diagnostics.dropped()
    }

    /// Advances every pending transition by one state poll (see
    /// [`SimulatorBuilder::pending_transitions`](crate::SimulatorBuilder::pending_transitions));
    /// a transition that only time ends (a duration without polls) stays as it is.
    pub fn step(&self) {
        self.lock().world.step();
    }

    /// Completes every pending transition at once.
    pub fn settle(&self) {
        self.lock().world.settle();
    }

    /// Moves simulated time forward by `by`: the timed transitions due by then complete
    /// (see [`SimulatorBuilder::pending_duration`](crate::SimulatorBuilder::pending_duration)),
    /// with their events. It works with either clock: a manual one moves only this way; one
    /// that follows the wall clock is then ahead of it by `by`. Without timed transitions it
    /// only moves the time [`elapsed`](Self::elapsed) reports.
    ///
    /// ```
    /// use std::time::Duration;
    /// use clusapi_sim::{ClusterResourceState, Simulator, codes};
    ///
    /// let sim = Simulator::default_builder().pending_duration(Duration::from_secs(3600)).build()?;
    /// let c = sim.open_cluster(None)?;
    /// let r = sim.open_cluster_resource(c, "Cluster Name")?;
    /// assert_eq!(sim.offline_cluster_resource(r).unwrap_err().code(), codes::ERROR_IO_PENDING);
    /// assert_eq!(sim.get_cluster_resource_state(r)?.state, ClusterResourceState::OfflinePending);
    /// sim.advance_clock(Duration::from_secs(3600)); // an hour later, without waiting one
    /// assert_eq!(sim.get_cluster_resource_state(r)?.state, ClusterResourceState::Offline);
    /// # sim.close_cluster_resource(r)?; sim.close_cluster(c)?;
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn advance_clock(&self, by: std::time::Duration) {
        // Its one implementation is the lever's, which triggers pull too; it cannot fail.
        let _ = self.lock().apply_lever(&crate::types::lever::Lever::AdvanceClock(by));
    }

    /// The simulated time since the simulator was built: the wall clock's plus every
    /// [`advance_clock`](Self::advance_clock), or with
    /// [`SimulatorBuilder::manual_clock`](crate::SimulatorBuilder::manual_clock) only the
    /// latter.
    #[must_use]
    pub fn elapsed(&self) -> std::time::Duration {
        self.lock().clock.now()
    }

    /// Sets, or with `None` ends, timed transitions at run time (see
    /// [`SimulatorBuilder::pending_duration`](crate::SimulatorBuilder::pending_duration);
    /// C: `ClusSimSetPendingDuration`). It applies to the transitions that start from now
    /// on; those pending keep their deadlines. A zero duration is `None`.
    pub fn set_pending_duration(&self, duration: Option<std::time::Duration>) {
        let mut st = self.lock();
        st.world.timing.duration = duration.filter(|d| !d.is_zero());
        let now = st.clock.now();
        st.world.timing.now = now;
    }

    /// Forgets the recorded diagnostics.
    pub fn clear_diagnostics(&self) {
        self.lock().diagnostics.clear();
    }
}

/// Whether a symbol of a C caller's stack is one of the binding's exports: a declared Win32
/// name or a `ClusSim*` lever (the C caller is the frame after it).
fn is_export(symbol: &str) -> bool {
    symbol.starts_with("ClusSim") || crate::calls().any(|c| !c.lever && c.win32 == symbol)
}
