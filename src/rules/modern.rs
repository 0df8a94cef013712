//! The rules of the modern calls: node drain (`PauseClusterNodeEx`), failback
//! (`ResumeClusterNodeEx`) and `CancelClusterGroupOperation`. As everywhere in the world,
//! each checks everything first and changes after.

use crate::model::world::{ClusterKey, Drain, GroupKey, NodeKey, World};
use crate::types::error::{Error, Result};
use crate::types::state::{ClusterNodeState, ClusterResourceState as R};

/// `NodeDrainStatus` values (`CLUSTER_NODE_DRAIN_STATUS`).
pub(crate) const DRAIN_NOT_INITIATED: u32 = 0;
/// The drain's moves are still pending.
pub(crate) const DRAIN_IN_PROGRESS: u32 = 1;
/// Every group the drain moved has settled on its new owner.
pub(crate) const DRAIN_COMPLETED: u32 = 2;

/// `CLUSTER_NODE_RESUME_FAILBACK_TYPE`: `DoNotFailbackGroups`.
pub(crate) const DO_NOT_FAILBACK: u32 = 0;
/// `FailbackGroupsImmediately`.
pub(crate) const FAILBACK_IMMEDIATELY: u32 = 1;
/// `FailbackGroupsPerPolicy`.
pub(crate) const FAILBACK_PER_POLICY: u32 = 2;

/// `ClusterGroupAllowFailback`, the `AutoFailbackType` value that lets a group fail back.
const ALLOW_FAILBACK: u32 = 1;

fn pending(state: R) -> bool {
    matches!(state, R::Pending | R::OnlinePending | R::OfflinePending)
}

impl World {
    /// Whether a resource of `group` has a transition pending.
    pub(crate) fn group_pending(&self, group: GroupKey) -> bool {
        self.groups.get(group).is_some_and(|g| {
            g.resources.iter().filter_map(|&r| self.resources.get(r)).any(|r| pending(r.state))
        })
    }

    /// The node's `NodeDrainStatus`: 0 no drain, 1 moves still pending, 2 completed.
    pub(crate) fn drain_status(&self, node: NodeKey) -> u32 {
        match self.nodes.get(node) {
            Some(n) if n.drain.started => {
                if n.drain.groups.iter().any(|&g| self.group_pending(g)) {
                    DRAIN_IN_PROGRESS
                } else {
                    DRAIN_COMPLETED
                }
            }
            _ => DRAIN_NOT_INITIATED,
        }
    }

    /// Refuses a pause or resume while the node's drain is in progress.
    pub(crate) fn check_not_draining(&self, node: NodeKey) -> Result<()> {
        if self.drain_status(node) == DRAIN_IN_PROGRESS {
            return Err(Error::ClusterNodeEvacuationInProgress(format!(
                "node \"{}\" is being drained: its groups are still moving off",
                self.node_name(node)
            )));
        }
        Ok(())
    }

    /// `PauseClusterNodeEx`: pauses the node and, with `drain`, moves every group it owns to
    /// `target` or to each group's best other node. Every move is checked before the node is
    /// paused or any group moves. `Ok(true)`: a move is pending.
    pub(crate) fn pause_node_ex(
        &mut self,
        cluster: ClusterKey,
        node: NodeKey,
        drain: bool,
        target: Option<NodeKey>,
    ) -> Result<bool> {
        self.check_not_draining(node)?;
        let n =
            self.nodes.get(node).ok_or_else(|| Error::ClusterNodeNotFound("the node was evicted".into()))?;
        if !matches!(n.state, ClusterNodeState::Up | ClusterNodeState::Paused) {
            return Err(Error::ClusterNodeDown(format!("node \"{}\" is down", n.name)));
        }
        if !drain {
            self.pause_node(node)?;
            return Ok(false);
        }
        // MS-CMRP 3.1.4.2.126 (ApiPauseNodeWithDrainTarget): the node as its own target is
        // ERROR_INVALID_TARGET_HANDLE; a target that is not up, ERROR_HOST_NODE_NOT_AVAILABLE.
        if target == Some(node) {
            return Err(Error::InvalidTargetHandle(format!(
                "node \"{}\" cannot be the target of its own drain",
                self.node_name(node)
            )));
        }
        if let Some(t) = target {
            let tn = self
                .nodes
                .get(t)
                .ok_or_else(|| Error::ClusterNodeNotFound("the target node was evicted".into()))?;
            if tn.state != ClusterNodeState::Up {
                return Err(Error::HostNodeNotAvailable(format!("drain target \"{}\" is not up", tn.name)));
            }
        }
        // MS-CMRP 3.1.4.2.125 (ApiPauseNodeEx): no node up but this one is
        // ERROR_CLUSTER_NODE_DOWN.
        let other_up = self
            .cluster(cluster)?
            .nodes
            .iter()
            .any(|&n| n != node && self.nodes.get(n).is_some_and(|n| n.state == ClusterNodeState::Up));
        if !other_up {
            return Err(Error::ClusterNodeDown(format!(
                "no node other than \"{}\" is up to take its groups",
                self.node_name(node)
            )));
        }
        let owned: Vec<GroupKey> = self
            .cluster(cluster)?
            .groups
            .iter()
            .copied()
            .filter(|&g| self.groups.get(g).is_some_and(|g| g.owner == node))
            .collect();
        let mut moves = Vec::with_capacity(owned.len());
        for &g in &owned {
            self.check_not_pending(g)?;
            let to = match target {
                Some(t) => t,
                None => self.best_other_node(cluster, g)?,
            };
            self.check_possible_owner(g, to)?;
            moves.push((g, to));
        }
        self.pause_node(node)?;
        let mut any_pending = false;
        for (g, to) in moves {
            any_pending |= self.move_group(cluster, g, Some(to))?;
        }
        if let Some(mut n) = self.nodes.get_mut(node) {
            n.drain = Drain { started: true, groups: owned };
        }
        Ok(any_pending)
    }

    /// `ResumeClusterNodeEx`: resumes the node, ends its drain and, as `failback` says,
    /// moves the groups the drain moved off back to it: all of them (1), or those whose
    /// `AutoFailbackType` is 1 (2). A group that cannot come back (deleted, pending, or the
    /// node is not a possible owner) stays where it is. `Ok(true)`: a move is pending.
    pub(crate) fn resume_node_ex(
        &mut self,
        cluster: ClusterKey,
        node: NodeKey,
        failback: u32,
    ) -> Result<bool> {
        if failback > FAILBACK_PER_POLICY {
            return Err(Error::InvalidParameter(format!(
                "eResumeFailbackType {failback}: expected 0 (DoNotFailbackGroups), 1 \
                 (FailbackGroupsImmediately) or 2 (FailbackGroupsPerPolicy)"
            )));
        }
        self.resume_node(node)?;
        let drained =
            self.nodes.get_mut(node).map(|mut n| std::mem::take(&mut n.drain).groups).unwrap_or_default();
        if failback == DO_NOT_FAILBACK {
            return Ok(false);
        }
        let mut any_pending = false;
        for g in drained {
            let Some(group) = self.groups.get(g) else { continue };
            if group.owner == node || self.group_pending(g) || !self.can_host_group(g, node) {
                continue;
            }
            if failback == FAILBACK_PER_POLICY {
                let allowed = matches!(
                    group.props.get("AutoFailbackType"),
                    Some(crate::PropertyValue::Dword(ALLOW_FAILBACK))
                );
                if !allowed {
                    continue;
                }
            }
            debug_assert!(failback == FAILBACK_IMMEDIATELY || failback == FAILBACK_PER_POLICY);
            if let Ok(p) = self.move_group(cluster, g, Some(node)) {
                any_pending |= p;
            }
        }
        Ok(any_pending)
    }

    /// `CancelClusterGroupOperation`: the pending move stops and the group returns to its
    /// persistent state (Microsoft's page): the resources that were online before it are
    /// online again, on the node the move left when that node can still host the group (up,
    /// a possible owner), else where they are. A group that is not moving (nothing pending,
    /// or a pending online or offline) is refused with `ERROR_INVALID_STATE` and nothing is
    /// cancelled (MS-CMRP 3.1.4.2.133: "The specified group is not moving").
    pub(crate) fn cancel_group_operation(&mut self, group: GroupKey) -> Result<()> {
        let g = self.group(group)?;
        if !self.group_pending(group) || g.move_source.is_none() {
            return Err(Error::InvalidState(format!("group \"{}\" is not moving", g.name)));
        }
        let members = g.resources.clone();
        let source = g.move_source;
        for k in members {
            let mut back_online = false;
            if let Some(mut r) = self.resources.get_mut(k) {
                // A move restarts only the resources that were online.
                back_online = pending(r.state);
                if back_online {
                    r.state = R::Online;
                }
                r.pending = None;
            }
            if back_online {
                self.came_online(k);
            }
        }
        if let Some(source) = source {
            let back = self.check_host(source).is_ok() && self.check_possible_owner(group, source).is_ok();
            if let Some(mut g) = self.groups.get_mut(group) {
                if back {
                    g.owner = source;
                }
                g.move_source = None;
            }
        }
        Ok(())
    }
}
