//! What a test asks the simulated cluster to do ([`Lever`]) and when ([`Trigger`]): plain
//! descriptions. The session pulls levers (`State::apply_lever`) and keeps the trigger plan.

use std::fmt;

#[cfg(feature = "topology-file")]
use crate::types::error::{Error, Result};

/// What a [`Trigger`] (or a test directly) makes the simulated cluster do.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Lever {
    /// [`Simulator::crash_node`](crate::Simulator::crash_node).
    CrashNode(String),
    /// [`Simulator::restore_node`](crate::Simulator::restore_node).
    RestoreNode(String),
    /// [`Simulator::take_network_down`](crate::Simulator::take_network_down).
    TakeNetworkDown(String),
    /// [`Simulator::partition_network`](crate::Simulator::partition_network).
    PartitionNetwork(String),
    /// [`Simulator::restore_network`](crate::Simulator::restore_network).
    RestoreNetwork(String),
    /// [`Simulator::stop_cluster_service`](crate::Simulator::stop_cluster_service) (`None`:
    /// the local cluster).
    StopClusterService(Option<String>),
    /// [`Simulator::start_cluster_service`](crate::Simulator::start_cluster_service).
    StartClusterService(Option<String>),
    /// [`Simulator::step`](crate::Simulator::step): every pending transition advances by one
    /// state poll.
    Step,
    /// [`Simulator::settle`](crate::Simulator::settle): every pending transition completes.
    Settle,
    /// [`Simulator::advance_clock`](crate::Simulator::advance_clock): simulated time moves
    /// forward, and the timed transitions due by then complete.
    AdvanceClock(std::time::Duration),
    /// [`Simulator::redirect_shared_volume`](crate::Simulator::redirect_shared_volume): every
    /// node reaches the Cluster Shared Volume (the disk resource named) through its owner.
    RedirectSharedVolume(String),
    /// [`Simulator::restore_shared_volume_access`](crate::Simulator::restore_shared_volume_access):
    /// direct access to the Cluster Shared Volume again.
    RestoreSharedVolumeAccess(String),
}

impl Lever {
    /// Force redirected access to a Cluster Shared Volume (its disk resource's name).
    pub fn redirect_shared_volume(resource: impl Into<String>) -> Self {
        Self::RedirectSharedVolume(resource.into())
    }
    /// Give a Cluster Shared Volume direct access again.
    pub fn restore_shared_volume_access(resource: impl Into<String>) -> Self {
        Self::RestoreSharedVolumeAccess(resource.into())
    }
    /// Crash a node (its groups fail over).
    pub fn crash_node(node: impl Into<String>) -> Self {
        Self::CrashNode(node.into())
    }
    /// Bring a crashed node back.
    pub fn restore_node(node: impl Into<String>) -> Self {
        Self::RestoreNode(node.into())
    }
    /// Take a network down.
    pub fn take_network_down(network: impl Into<String>) -> Self {
        Self::TakeNetworkDown(network.into())
    }
    /// Partition a network.
    pub fn partition_network(network: impl Into<String>) -> Self {
        Self::PartitionNetwork(network.into())
    }
    /// Restore a network.
    pub fn restore_network(network: impl Into<String>) -> Self {
        Self::RestoreNetwork(network.into())
    }
    /// Stop a cluster's service (`None`: the local cluster).
    pub fn stop_cluster_service(cluster: Option<&str>) -> Self {
        Self::StopClusterService(cluster.map(str::to_owned))
    }
    /// Start a cluster's service again.
    pub fn start_cluster_service(cluster: Option<&str>) -> Self {
        Self::StartClusterService(cluster.map(str::to_owned))
    }
    /// Move simulated time forward (timed transitions due by then complete).
    pub fn advance_clock(by: std::time::Duration) -> Self {
        Self::AdvanceClock(by)
    }

    /// The lever's name as the history records it (`"crash_node"`).
    #[must_use]
    pub fn name(&self) -> &'static str {
        match self {
            Self::CrashNode(_) => "crash_node",
            Self::RestoreNode(_) => "restore_node",
            Self::TakeNetworkDown(_) => "take_network_down",
            Self::PartitionNetwork(_) => "partition_network",
            Self::RestoreNetwork(_) => "restore_network",
            Self::StopClusterService(_) => "stop_cluster_service",
            Self::StartClusterService(_) => "start_cluster_service",
            Self::Step => "step",
            Self::Settle => "settle",
            Self::AdvanceClock(_) => "advance_clock",
            Self::RedirectSharedVolume(_) => "redirect_shared_volume",
            Self::RestoreSharedVolumeAccess(_) => "restore_shared_volume_access",
        }
    }

    /// Its arguments, as the history prints them.
    pub(crate) fn args(&self) -> String {
        match self {
            Self::CrashNode(n)
            | Self::RestoreNode(n)
            | Self::TakeNetworkDown(n)
            | Self::PartitionNetwork(n)
            | Self::RestoreNetwork(n)
            | Self::RedirectSharedVolume(n)
            | Self::RestoreSharedVolumeAccess(n) => format!("{n:?}"),
            Self::StopClusterService(c) | Self::StartClusterService(c) => format!("{:?}", c.as_deref()),
            Self::Step | Self::Settle => String::new(),
            Self::AdvanceClock(by) => format!("{by:?}"),
        }
    }

    /// A lever from its name and argument, as topology files spell it (`"crash_node"`,
    /// `"SQL2"`); the service levers take the cluster's name or none, `step` and `settle`
    /// none, `advance_clock` a number of milliseconds (`"500"`).
    #[cfg(feature = "topology-file")]
    pub(crate) fn parse(name: &str, target: Option<&str>) -> Result<Self> {
        let needs = |what: &str| {
            target.map(str::to_owned).ok_or_else(|| {
                Error::InvalidParameter(format!("the lever \"{name}\" needs a target: the {what}'s name"))
            })
        };
        Ok(match name {
            "crash_node" => Self::CrashNode(needs("node")?),
            "restore_node" => Self::RestoreNode(needs("node")?),
            "take_network_down" => Self::TakeNetworkDown(needs("network")?),
            "partition_network" => Self::PartitionNetwork(needs("network")?),
            "restore_network" => Self::RestoreNetwork(needs("network")?),
            "stop_cluster_service" => Self::StopClusterService(target.map(str::to_owned)),
            "start_cluster_service" => Self::StartClusterService(target.map(str::to_owned)),
            "redirect_shared_volume" => Self::RedirectSharedVolume(needs("disk resource")?),
            "restore_shared_volume_access" => Self::RestoreSharedVolumeAccess(needs("disk resource")?),
            "step" => Self::Step,
            "settle" => Self::Settle,
            "advance_clock" => {
                let ms = target.and_then(|t| t.trim().parse::<u64>().ok()).ok_or_else(|| {
                    Error::InvalidParameter(
                        "the lever \"advance_clock\" needs a target: a number of milliseconds, as \"500\""
                            .into(),
                    )
                })?;
                Self::AdvanceClock(std::time::Duration::from_millis(ms))
            }
            other => {
                return Err(Error::InvalidParameter(format!(
                    "\"{other}\" is not a lever (crash_node, restore_node, take_network_down, partition_network, restore_network, stop_cluster_service, start_cluster_service, step, settle, advance_clock, redirect_shared_volume, restore_shared_volume_access)"
                )));
            }
        })
    }
}

impl fmt::Display for Lever {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}({})", self.name(), self.args())
    }
}

/// Whether a trigger's lever is pulled before or after its call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TriggerTiming {
    /// Before the call's rule runs (and before its fault, if one is planned): the call
    /// meets the changed cluster.
    Before,
    /// After the call's rule ran, whatever it returned: the next call meets the change.
    After,
}

/// A lever tied to a point of the call sequence: the n-th (or every) call to a ClusAPI
/// function, optionally on one object. Start one with [`Trigger::on`].
///
/// ```
/// use clusapi_sim::{Lever, Simulator, Trigger};
///
/// let sim = Simulator::default_builder().node("NODE3").record_history(100).build()?;
/// // "Crash NODE2 when the code makes its second move."
/// sim.add_trigger(Trigger::on("MoveClusterGroup").nth(2).before(Lever::crash_node("NODE2")))?;
/// let c = sim.open_cluster(None)?;
/// let g = sim.open_cluster_group(c, "Cluster Group")?;
/// let node2 = sim.open_cluster_node(c, "NODE2")?;
/// sim.move_cluster_group(g, Some(node2))?; // first move: to NODE2
/// // The second move: NODE2 crashes just before it, so the group has failed over already.
/// sim.move_cluster_group(g, None)?;
/// let calls: Vec<&str> = sim.history().iter().map(|r| r.call).collect();
/// assert!(calls.ends_with(&["move_cluster_group", "crash_node", "move_cluster_group"]));
/// # Ok::<(), clusapi_sim::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub struct Trigger {
    pub(crate) operation: String,
    pub(crate) object: Option<String>,
    pub(crate) nth: Option<u64>,
    pub(crate) timing: TriggerTiming,
    pub(crate) lever: Lever,
}

/// A [`Trigger`] being described: which calls it counts; [`before`](Self::before) or
/// [`after`](Self::after) gives it its lever.
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub struct TriggerOn {
    operation: String,
    object: Option<String>,
    nth: Option<u64>,
}

impl Trigger {
    /// A trigger on calls to `operation`, named as the Rust method or the Win32 function
    /// (case and underscores do not matter), any declared call but a lever. By default
    /// every matching call fires it.
    pub fn on(operation: impl Into<String>) -> TriggerOn {
        TriggerOn { operation: operation.into(), object: None, nth: None }
    }

    /// The lever it pulls.
    #[must_use]
    pub fn lever(&self) -> &Lever {
        &self.lever
    }
}

impl TriggerOn {
    /// Only the n-th matching call (from 1).
    pub fn nth(mut self, n: u64) -> Self {
        self.nth = Some(n);
        self
    }

    /// Every matching call (the default).
    pub fn every(mut self) -> Self {
        self.nth = None;
        self
    }

    /// Only calls on the object of this name (the object of the call's handle, or the name
    /// an open asks for), as [`Fault::object`](crate::Fault::object) matches.
    pub fn object(mut self, name: impl Into<String>) -> Self {
        self.object = Some(name.into());
        self
    }

    /// Pulls `lever` just before the matching call runs.
    pub fn before(self, lever: Lever) -> Trigger {
        self.with(TriggerTiming::Before, lever)
    }

    /// Pulls `lever` just after the matching call ran.
    pub fn after(self, lever: Lever) -> Trigger {
        self.with(TriggerTiming::After, lever)
    }

    fn with(self, timing: TriggerTiming, lever: Lever) -> Trigger {
        Trigger { operation: self.operation, object: self.object, nth: self.nth, timing, lever }
    }
}

impl fmt::Display for Trigger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let timing = match self.timing {
            TriggerTiming::Before => "before",
            TriggerTiming::After => "after",
        };
        write!(f, "{} {timing} {}", self.lever, self.operation)?;
        if let Some(n) = self.nth {
            write!(f, " #{n}")?;
        }
        if let Some(o) = &self.object {
            write!(f, " on \"{o}\"")?;
        }
        Ok(())
    }
}
