//! Triggers: a lever pulled at a chosen point of the code's call sequence ("crash SQL2 when
//! the code makes its second move"), deterministically, under the lock of the call it is tied
//! to. A trigger's lever shows in the history, named with the call that fired it.

use crate::model::world::{ClusterKey, World};
use crate::session::simulator::State;
use crate::types::call_info::CallInfo;
use crate::types::error::{Error, Result};
use crate::types::lever::{Lever, Trigger, TriggerTiming};
use crate::types::names::names_equal;
use crate::types::state::ClusterNetworkState;

/// The cluster a service lever names, as `open_cluster` finds it: the local one for
/// `None`, `""`, `"localhost"` or `"."`.
pub(crate) fn find_cluster(world: &World, name: Option<&str>) -> Result<ClusterKey> {
    world.find_cluster(name).ok_or_else(|| {
        Error::RpcServerUnavailable(format!(
            "no simulated cluster or node is named \"{}\"",
            name.unwrap_or_default()
        ))
    })
}

impl State {
    /// Pulls a lever: the one implementation behind the lever methods and triggers.
    pub(crate) fn apply_lever(&mut self, lever: &Lever) -> Result<()> {
        match lever {
            Lever::CrashNode(n) => {
                let (cluster, node) = self.world.find_node(n)?;
                // The failovers' `FailoverPeriod` counts in simulated time: the crash reads
                // the clock (also with timing off; a manual clock keeps it deterministic).
                self.world.timing.now = self.clock.now();
                self.world.crash_node(cluster, node)
            }
            Lever::RestoreNode(n) => {
                let (_, node) = self.world.find_node(n)?;
                self.world.restore_node(node)
            }
            Lever::TakeNetworkDown(n) => self.set_network(n, ClusterNetworkState::Down),
            Lever::PartitionNetwork(n) => self.set_network(n, ClusterNetworkState::Partitioned),
            Lever::RestoreNetwork(n) => self.set_network(n, ClusterNetworkState::Up),
            Lever::StopClusterService(c) => {
                let key = find_cluster(&self.world, c.as_deref())?;
                if !self.stopped.contains(&key) {
                    self.stopped.push(key);
                    self.cluster_state_changed(key, false);
                }
                Ok(())
            }
            Lever::StartClusterService(c) => {
                let key = find_cluster(&self.world, c.as_deref())?;
                if self.stopped.contains(&key) {
                    self.stopped.retain(|&k| k != key);
                    self.cluster_state_changed(key, true);
                }
                Ok(())
            }
            Lever::Step => {
                self.world.step();
                Ok(())
            }
            Lever::Settle => {
                self.world.settle();
                Ok(())
            }
            Lever::AdvanceClock(by) => {
                self.clock.advance(*by);
                let now = self.clock.now();
                self.world.complete_due(now);
                Ok(())
            }
            Lever::RedirectSharedVolume(r) => {
                let key = self.world.find_disk_resource(r)?;
                self.world.set_csv_redirected(key, true)
            }
            Lever::RestoreSharedVolumeAccess(r) => {
                let key = self.world.find_disk_resource(r)?;
                self.world.set_csv_redirected(key, false)
            }
        }
    }

    /// Records that a cluster's service stopped or started (`CLUSTER_STATE`): the cluster
    /// service is no field of the world, so the lever records it.
    fn cluster_state_changed(&mut self, cluster: ClusterKey, running: bool) {
        if self.world.journal.recording() {
            let name = self.world.clusters.get(cluster).map(|c| c.name.clone()).unwrap_or_default();
            self.world.journal.record(crate::model::journal::Change::ClusterState { cluster, name, running });
        }
    }

    fn set_network(&mut self, name: &str, state: ClusterNetworkState) -> Result<()> {
        let network = self.world.find_network(name)?;
        self.world.set_network_state(network, state)
    }

    /// Checks that a lever's target exists, so a trigger with a typo is refused when it is
    /// added rather than failing silently when it fires.
    fn check_lever(&self, lever: &Lever) -> Result<()> {
        match lever {
            Lever::CrashNode(n) | Lever::RestoreNode(n) => self.world.find_node(n).map(drop),
            Lever::TakeNetworkDown(n) | Lever::PartitionNetwork(n) | Lever::RestoreNetwork(n) => {
                self.world.find_network(n).map(drop)
            }
            Lever::StopClusterService(c) | Lever::StartClusterService(c) => {
                find_cluster(&self.world, c.as_deref()).map(drop)
            }
            Lever::Step | Lever::Settle | Lever::AdvanceClock(_) => Ok(()),
            Lever::RedirectSharedVolume(r) | Lever::RestoreSharedVolumeAccess(r) => {
                self.world.find_disk_resource(r).map(drop)
            }
        }
    }

    /// Adds a trigger to the plan, after checking its call and its lever.
    /// `calls` are the declared calls, which the trigger's call must be one of.
    pub(crate) fn add_trigger(
        &mut self,
        trigger: Trigger,
        calls: impl Iterator<Item = &'static CallInfo>,
    ) -> Result<()> {
        self.check_lever(&trigger.lever)?;
        self.triggers.add(trigger, calls)
    }
}

/// The triggers of one simulator, each with the count of calls it matched.
#[derive(Debug, Default)]
pub(crate) struct TriggerPlan {
    rules: Vec<(Trigger, &'static str, u64)>,
}

impl TriggerPlan {
    pub(crate) fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    fn add(&mut self, trigger: Trigger, mut calls: impl Iterator<Item = &'static CallInfo>) -> Result<()> {
        let Some(call) = calls.find(|c| !c.lever && crate::session::fault::same_call(c, &trigger.operation))
        else {
            return Err(Error::InvalidParameter(format!(
                "trigger: {:?} is not a ClusAPI call (name one as the Rust method or the C function)",
                trigger.operation
            )));
        };
        self.rules.push((trigger, call.name, 0));
        Ok(())
    }

    pub(crate) fn clear(&mut self) {
        self.rules.clear();
    }

    /// Counts a call for the triggers it matches, and returns the levers (and the triggers'
    /// descriptions) to pull at `timing`.
    pub(crate) fn fire(
        &mut self,
        call: &str,
        object: Option<&str>,
        timing: TriggerTiming,
    ) -> Vec<(Lever, String)> {
        let mut out = Vec::new();
        for (t, name, count) in &mut self.rules {
            if *name != call || t.timing != timing {
                continue;
            }
            if let Some(want) = &t.object {
                if !object.is_some_and(|o| names_equal(o, want)) {
                    continue;
                }
            }
            *count = count.saturating_add(1);
            if t.nth.is_none_or(|n| n == *count) {
                out.push((t.lever.clone(), format!("trigger: {t} (call {count})")));
            }
        }
        out
    }
}
