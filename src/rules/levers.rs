//! The simulation's own levers, outside ClusAPI: what happens to the world when a node
//! crashes or comes back.

use std::time::Duration;

use crate::model::world::{ClusterKey, GroupKey, NodeKey, ResourceKey, World};
use crate::types::error::{Error, Result};
use crate::types::state::{
    ClusterNetInterfaceState, ClusterNetworkState, ClusterNodeState, ClusterResourceState as R,
};

/// `FailoverPeriod`'s default (Microsoft's MSCS FailoverPeriod page: 6 hours).
const DEFAULT_FAILOVER_PERIOD_HOURS: u32 = 6;
/// `AutoFailbackType` `ClusterGroupAllowFailback`.
const ALLOW_FAILBACK: u32 = 1;
/// `FailbackWindowStart` / `FailbackWindowEnd` -1: no failback window.
const NO_WINDOW: u32 = 0xFFFF_FFFF;

impl World {
    /// The node of any cluster with this name, and its cluster.
    pub(crate) fn find_node(&self, name: &str) -> Result<(ClusterKey, NodeKey)> {
        self.cluster_order
            .iter()
            .find_map(|&c| self.clusters.get(c).and_then(|cl| cl.node_names.get(name)).map(|n| (c, n)))
            .ok_or_else(|| {
                Error::ClusterNodeNotFound(format!("no simulated cluster has a node named \"{name}\""))
            })
    }

    /// A node crashes: it goes down, its interfaces become unavailable, and each group it
    /// owned fails over to the first up node in the group's preferred-owner order, else in
    /// node order, that is a possible owner of all its resources, where the resources that
    /// were online come back online (through
    /// `OnlinePending` with pending transitions). A group no node can take stays, its online
    /// resources failed. Crashing a node that is down does nothing.
    pub(crate) fn crash_node(&mut self, cluster: ClusterKey, node: NodeKey) -> Result<()> {
        let Some(mut n) = self.nodes.get_mut(node) else {
            return Err(Error::ClusterNodeNotFound("the node was evicted".into()));
        };
        if n.state == ClusterNodeState::Down {
            return Ok(());
        }
        n.state = ClusterNodeState::Down;
        let nics = n.net_interfaces.clone();
        drop(n);
        for i in nics {
            if let Some(mut i) = self.net_interfaces.get_mut(i) {
                i.state = ClusterNetInterfaceState::Unavailable;
            }
        }
        let owned: Vec<GroupKey> = self
            .clusters
            .get(cluster)
            .map(|c| {
                c.groups
                    .iter()
                    .copied()
                    .filter(|&g| self.groups.get(g).is_some_and(|g| g.owner == node))
                    .collect()
            })
            .unwrap_or_default();
        for g in owned {
            self.fail_over(cluster, g);
        }
        Ok(())
    }

    /// Moves a group off its (crashed) owner, as the cluster service does. Its failovers
    /// count within the last `FailoverPeriod` hours of simulated time (`Timing::now`, which
    /// the crash lever reads).
    fn fail_over(&mut self, cluster: ClusterKey, group: GroupKey) {
        let Some(g) = self.groups.get(group) else { return };
        let was_online: Vec<ResourceKey> = g
            .resources
            .iter()
            .copied()
            .filter(|&r| {
                self.resources.get(r).is_some_and(|r| matches!(r.state, R::Online | R::OnlinePending))
            })
            .collect();
        // `FailoverThreshold`: how many failovers the group may make within any
        // `FailoverPeriod` hours (Microsoft's MSCS FailoverPeriod page) before the cluster
        // leaves it failed (0: never fails over). The count resets when an operator acts.
        let threshold = crate::rules::control::dword_of(
            self,
            crate::model::control::Target::Group(group),
            "FailoverThreshold",
        );
        let period = crate::rules::control::dword_of(
            self,
            crate::model::control::Target::Group(group),
            "FailoverPeriod",
        )
        .unwrap_or(DEFAULT_FAILOVER_PERIOD_HOURS);
        let window = Duration::from_secs(u64::from(period).saturating_mul(3600));
        let now = self.timing.now;
        let within = |t: &Duration| now.saturating_sub(*t) < window;
        let recent = g.failovers.iter().filter(|t| within(t)).count();
        let allowed = threshold.is_none_or(|t| recent < usize::try_from(t).unwrap_or(usize::MAX));
        let order =
            g.preferred.iter().chain(self.clusters.get(cluster).map(|c| c.nodes.as_slice()).unwrap_or(&[]));
        let target = order
            .copied()
            .find(|&n| {
                self.nodes.get(n).is_some_and(|n| n.state == ClusterNodeState::Up)
                    && self.can_host_group(group, n)
            })
            .filter(|_| allowed);
        // Each resource goes straight to where the failover leaves it (so each changes at
        // most once): those that were online restart on the new owner (`RestartAction` 0,
        // ClusterResourceDontRestart: they stay failed), or fail when no node takes the
        // group; every other pending transition ends with the node, offline.
        let members = g.resources.clone();
        let (restart, failed): (Vec<ResourceKey>, Vec<ResourceKey>) = match target {
            Some(_) => was_online.iter().partition(|&&r| {
                crate::rules::control::dword_of(
                    self,
                    crate::model::control::Target::Resource(r),
                    "RestartAction",
                ) != Some(0)
            }),
            None => (Vec::new(), was_online.clone()),
        };
        for r in members.into_iter().filter(|r| !was_online.contains(r)) {
            if let Some(mut r) = self.resources.get_mut(r) {
                r.pending = None;
                if matches!(r.state, R::OnlinePending | R::OfflinePending | R::Pending) {
                    r.state = R::Offline;
                }
            }
        }
        if let Some(node) = target {
            if let Some(mut g) = self.groups.get_mut(group) {
                g.owner = node;
                g.move_source = None;
                g.failovers.retain(|t| now.saturating_sub(*t) < window);
                g.failovers.push(now);
            }
        }
        for r in failed {
            if let Some(mut r) = self.resources.get_mut(r) {
                r.pending = None;
                r.state = R::Failed;
            }
        }
        self.restart(restart);
    }

    /// A crashed node comes back: up, with its interfaces up. Its groups stay where they
    /// failed over to (no failback). Restoring a node that is not down does nothing.
    pub(crate) fn restore_node(&mut self, node: NodeKey) -> Result<()> {
        let Some(mut n) = self.nodes.get_mut(node) else {
            return Err(Error::ClusterNodeNotFound("the node was evicted".into()));
        };
        if n.state != ClusterNodeState::Down {
            return Ok(());
        }
        n.state = ClusterNodeState::Up;
        let nics = n.net_interfaces.clone();
        let cluster = n.cluster;
        drop(n);
        for i in nics {
            if let Some(mut i) = self.net_interfaces.get_mut(i) {
                i.state = ClusterNetInterfaceState::Up;
            }
        }
        self.fail_back(cluster, node);
        Ok(())
    }

    /// A node came back after a crash: the groups that allow failback
    /// (`AutoFailbackType` 1) and whose preferred owner it is (the first of their preferred
    /// owners) move back to it (Microsoft's Group Common Properties page and MSCS Failback). Failback happens
    /// at once only without a failback window (`FailbackWindowStart` or
    /// `FailbackWindowEnd` at its default, no window); a group with a window stays where it
    /// is (ours: the simulator keeps no local cluster time of day). A group that cannot
    /// come back (pending, or the node cannot host it) stays where it is.
    fn fail_back(&mut self, cluster: ClusterKey, node: NodeKey) {
        use crate::model::control::Target;
        let dword =
            |w: &World, g: GroupKey, name: &str| crate::rules::control::dword_of(w, Target::Group(g), name);
        let groups: Vec<GroupKey> = self
            .clusters
            .get(cluster)
            .map(|c| c.groups.clone())
            .unwrap_or_default()
            .into_iter()
            .filter(|&g| {
                self.groups.get(g).is_some_and(|gr| gr.owner != node && gr.preferred.first() == Some(&node))
                    && dword(self, g, "AutoFailbackType") == Some(ALLOW_FAILBACK)
                    && (dword(self, g, "FailbackWindowStart") == Some(NO_WINDOW)
                        || dword(self, g, "FailbackWindowEnd") == Some(NO_WINDOW))
                    && !self.group_pending(g)
                    && self.can_host_group(g, node)
            })
            .collect();
        for g in groups {
            // A failback is no operator's move: the failover count stays.
            let failovers = self.groups.get(g).map(|gr| gr.failovers.clone()).unwrap_or_default();
            // Each was checked; a refusal leaves the group where it is.
            let _ = self.move_group(cluster, g, Some(node));
            if let Some(mut gr) = self.groups.get_mut(g) {
                gr.failovers = failovers;
            }
        }
    }
}

impl World {
    /// The network of any cluster with this name.
    pub(crate) fn find_network(&self, name: &str) -> Result<crate::model::world::NetworkKey> {
        self.cluster_order
            .iter()
            .find_map(|&c| self.clusters.get(c).and_then(|cl| cl.network_names.get(name)))
            .ok_or_else(|| {
                Error::ClusterNetworkNotFound(format!("no simulated cluster has a network named \"{name}\""))
            })
    }

    /// Sets a network's state and the matching state of its interfaces (those of up nodes;
    /// a down node's interfaces stay unavailable).
    pub(crate) fn set_network_state(
        &mut self,
        network: crate::model::world::NetworkKey,
        state: ClusterNetworkState,
    ) -> Result<()> {
        let nic_state = match state {
            ClusterNetworkState::Down => ClusterNetInterfaceState::Failed,
            ClusterNetworkState::Partitioned => ClusterNetInterfaceState::Unreachable,
            _ => ClusterNetInterfaceState::Up,
        };
        let mut net = self
            .networks
            .get_mut(network)
            .ok_or_else(|| Error::ClusterNetworkNotFound("the network was deleted".into()))?;
        net.state = state;
        let nics = net.net_interfaces.clone();
        drop(net);
        for i in nics {
            let Some(mut nic) = self.net_interfaces.get_mut(i) else { continue };
            let node_up = self.nodes.get(nic.node).is_some_and(|n| n.state != ClusterNodeState::Down);
            if node_up {
                nic.state = nic_state;
            }
        }
        Ok(())
    }
}
