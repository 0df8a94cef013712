//! Control operations on the world: the rules of what may change and what each change
//! does. The API layer has already checked handles and access; everything here checks
//! first and changes after, so a refusal leaves the world as it was.
//!
//! Every operation completes at once (a simulator without pending transitions).

use crate::model::journal::{About, Change, Object};
use std::time::Duration;

use crate::model::world::{
    Cluster, ClusterKey, Group, GroupKey, NodeKey, Resource, ResourceKey, Transition, World,
};
use crate::types::error::{Error, Result};
use crate::types::names::names_equal;
use crate::types::state::{ClusterNodeState, ClusterResourceState as R};

/// Whether a resource is in a pending state.
/// The types of the core group's resources that are the cluster's own (its name and
/// addresses): core resources.
const CORE_RESOURCE_TYPES: &[&str] =
    &["Network Name", "Distributed Network Name", "IP Address", "IPv6 Address", "IPv6 Tunnel Address"];

fn pending(state: R) -> bool {
    matches!(state, R::Pending | R::OnlinePending | R::OfflinePending)
}

impl World {
    pub(crate) fn cluster(&self, key: ClusterKey) -> Result<&Cluster> {
        self.clusters.get(key).ok_or_else(|| Error::RpcServerUnavailable("the cluster is gone".into()))
    }

    pub(crate) fn group(&self, key: GroupKey) -> Result<&Group> {
        self.groups.get(key).ok_or_else(|| Error::GroupNotAvailable("the group was deleted".into()))
    }

    pub(crate) fn resource(&self, key: ResourceKey) -> Result<&Resource> {
        self.resources.get(key).ok_or_else(|| Error::ResourceNotAvailable("the resource was deleted".into()))
    }

    pub(crate) fn node_name(&self, key: NodeKey) -> &str {
        self.nodes.get(key).map_or("?", |n| n.name.as_str())
    }

    /// Whether `group` is the core group, which holds the core resources.
    pub(crate) fn is_core_group(&self, group: GroupKey) -> bool {
        self.groups.get(group).is_some_and(|g| names_equal(&g.name, crate::model::world::CORE_GROUP))
    }

    /// Whether `resource` is one of the cluster's core resources, which cannot be deleted:
    /// the cluster's name and addresses in the core group (`Network Name`, `IP Address`,
    /// `IPv6 Address`, ... resources there) and the quorum resource. Any other resource,
    /// even one placed in the core group, is ordinary (observed on real servers: it is
    /// deleted once offline).
    pub(crate) fn is_core_resource(&self, resource: ResourceKey) -> bool {
        let Some(r) = self.resources.get(resource) else { return false };
        let quorum = self
            .cluster_order
            .iter()
            .filter_map(|&c| self.clusters.get(c))
            .any(|c| c.quorum.as_ref().is_some_and(|q| q.resource == resource));
        let core_type = CORE_RESOURCE_TYPES.iter().any(|t| names_equal(t, &r.resource_type));
        quorum || (core_type && self.is_core_group(r.group))
    }

    /// Checks that `node` can host a group: up (not paused, not down).
    pub(crate) fn check_host(&self, node: NodeKey) -> Result<()> {
        let n =
            self.nodes.get(node).ok_or_else(|| Error::ClusterNodeNotFound("the node was evicted".into()))?;
        match n.state {
            ClusterNodeState::Up => Ok(()),
            ClusterNodeState::Paused => Err(Error::SharingPaused(format!("node \"{}\" is paused", n.name))),
            _ => Err(Error::HostNodeNotAvailable(format!("node \"{}\" is not up", n.name))),
        }
    }

    /// Refuses an operation on a group with a resource in a pending state.
    pub(crate) fn check_not_pending(&self, group: GroupKey) -> Result<()> {
        let g = self.group(group)?;
        let busy = g.resources.iter().filter_map(|&r| self.resources.get(r)).any(|r| pending(r.state));
        if busy {
            return Err(Error::InvalidState(format!("group \"{}\" has an operation pending", g.name)));
        }
        Ok(())
    }

    /// A transition towards `target` starting now, if transitions are pending ones (by
    /// polls, by time, or both); `None`: changes complete at once. Notes its deadline.
    fn start_transition(&mut self, target: R) -> Option<Transition> {
        let polls_left = self.transition_polls;
        let timing = &mut self.timing;
        if polls_left.is_none() && timing.duration.is_none() {
            return None;
        }
        // A deadline past what a Duration holds is none: only polls, step and settle end it.
        let due = timing.duration.and_then(|d| timing.now.checked_add(d));
        if let Some(due) = due {
            timing.next_due = Some(timing.next_due.map_or(due, |next| next.min(due)));
        }
        Some(Transition { target, polls_left, due })
    }

    /// Moves a resource towards `target`: at once, or (with pending transitions) through
    /// its pending state. Returns whether a transition was left pending.
    fn transition(&mut self, key: ResourceKey, target: R) -> bool {
        if self.resources.get(key).is_none_or(|r| r.state == target) {
            return false;
        }
        let pending = self.start_transition(target);
        let Some(mut r) = self.resources.get_mut(key) else { return false };
        match pending {
            None => {
                r.state = target;
                r.pending = None;
                drop(r);
                if target == R::Online {
                    self.came_online(key);
                }
                false
            }
            Some(t) => {
                r.state = if target == R::Online { R::OnlinePending } else { R::OfflinePending };
                r.pending = Some(t);
                true
            }
        }
    }

    /// Moves every resource of `keys` towards `target`; whether any was left pending.
    fn transition_all(&mut self, keys: Vec<ResourceKey>, target: R) -> bool {
        keys.into_iter().fold(false, |pending, k| self.transition(k, target) | pending)
    }

    fn set_resource_states(&mut self, group: GroupKey, state: R) -> bool {
        let keys = self.groups.get(group).map(|g| g.resources.clone()).unwrap_or_default();
        self.transition_all(keys, state)
    }

    /// One state poll of a resource: a pending transition comes one poll closer to its end
    /// (one that polls do not end, timed only, stays as it is).
    pub(crate) fn poll_resource(&mut self, key: ResourceKey) {
        let Some(mut r) = self.resources.get_mut(key) else { return };
        if let Some(t) = r.pending {
            match t.polls_left {
                Some(left) if left <= 1 => {
                    r.state = t.target;
                    r.pending = None;
                    drop(r);
                    if t.target == R::Online {
                        self.came_online(key);
                    }
                }
                Some(left) => r.pending = Some(Transition { polls_left: Some(left.saturating_sub(1)), ..t }),
                None => {}
            }
        }
    }

    /// One state poll of a group: of each of its resources.
    pub(crate) fn poll_group(&mut self, group: GroupKey) {
        for r in self.groups.get(group).map(|g| g.resources.clone()).unwrap_or_default() {
            self.poll_resource(r);
        }
    }

    /// One step of the clock: every pending transition comes one poll closer to its end.
    pub(crate) fn step(&mut self) {
        let keys: Vec<ResourceKey> = self.resources.keys().collect();
        for k in keys {
            self.poll_resource(k);
        }
    }

    /// Completes every pending transition.
    pub(crate) fn settle(&mut self) {
        let online: Vec<ResourceKey> = self
            .resources
            .iter()
            .filter(|(_, r)| r.pending.is_some_and(|t| t.target == R::Online))
            .map(|(k, _)| k)
            .collect();
        self.resources.for_each_mut(|r| {
            if let Some(t) = r.pending.take() {
                r.state = t.target;
            }
        });
        self.timing.next_due = None;
        for k in online {
            self.came_online(k);
        }
    }

    /// A resource has just come online: when it is a cluster's core network name, the
    /// network now answers to the cluster's current name (Microsoft's SetClusterName page:
    /// a rename "is not effective until the Network Name resource is brought back online").
    pub(crate) fn came_online(&mut self, key: ResourceKey) {
        let Some(r) = self.resources.get(key) else { return };
        if !names_equal(&r.resource_type, "Network Name") || !self.is_core_group(r.group) {
            return;
        }
        let cluster = r.cluster;
        if let Some(mut c) = self.clusters.get_mut(cluster) {
            if c.published_name != c.name {
                c.published_name = c.name.clone();
            }
        }
    }

    /// Simulated time is `now`: completes every transition due by then, in resource order,
    /// and finds the next deadline. Whether any completed. Costs one comparison while none
    /// is due.
    pub(crate) fn complete_due(&mut self, now: Duration) -> bool {
        self.timing.now = now;
        if self.timing.next_due.is_none_or(|next| next > now) {
            return false;
        }
        let (mut completed, mut next_due) = (false, None::<Duration>);
        let due_now: Vec<ResourceKey> = self
            .resources
            .iter()
            .filter_map(|(k, r)| {
                let due = r.pending.and_then(|t| t.due)?;
                if due <= now {
                    Some(k)
                } else {
                    next_due = Some(next_due.map_or(due, |n| n.min(due)));
                    None
                }
            })
            .collect();
        for k in due_now {
            let mut online = false;
            if let Some(mut r) = self.resources.get_mut(k) {
                if let Some(t) = r.pending.take() {
                    r.state = t.target;
                    completed = true;
                    online = t.target == R::Online;
                }
            }
            if online {
                self.came_online(k);
            }
        }
        self.timing.next_due = next_due;
        completed
    }

    /// Before a resource's own operation starts a transition: the move its group last made
    /// is over if nothing of the group is pending, so `CancelClusterGroupOperation` must not
    /// take the new transition for that move.
    fn forget_finished_move(&mut self, resource: ResourceKey) {
        let Some(group) = self.resources.get(resource).map(|r| r.group) else { return };
        let moving = self.groups.get(group).is_some_and(|g| g.move_source.is_some());
        if moving && !self.group_pending(group) {
            if let Some(mut g) = self.groups.get_mut(group) {
                g.move_source = None;
            }
        }
    }

    /// `OnlineClusterGroup`: every resource online, on `node` (the owner when `None`).
    /// `Ok(true)`: the transition is pending.
    pub(crate) fn online_group(&mut self, group: GroupKey, node: Option<NodeKey>) -> Result<bool> {
        let target = node.unwrap_or(self.group(group)?.owner);
        self.check_not_pending(group)?;
        self.check_host(target)?;
        self.check_possible_owner(group, target)?;
        if let Some(mut g) = self.groups.get_mut(group) {
            g.owner = target;
            // An operator's action starts the failover count afresh.
            g.failovers.clear();
            g.move_source = None;
        }
        Ok(self.set_resource_states(group, R::Online))
    }

    /// `OfflineClusterGroup`: every resource offline. `Ok(true)`: pending.
    pub(crate) fn offline_group(&mut self, group: GroupKey) -> Result<bool> {
        self.check_not_pending(group)?;
        if let Some(mut g) = self.groups.get_mut(group) {
            g.failovers.clear();
            g.move_source = None;
        }
        Ok(self.set_resource_states(group, R::Offline))
    }

    /// The node `MoveClusterGroup(group, NULL)` picks: the first up node other than the owner,
    /// in the group's preferred-owner order, then in the cluster's node order.
    pub(crate) fn best_other_node(&self, cluster: ClusterKey, group: GroupKey) -> Result<NodeKey> {
        let g = self.group(group)?;
        let c = self.cluster(cluster)?;
        g.preferred
            .iter()
            .chain(c.nodes.iter())
            .copied()
            .find(|&n| {
                n != g.owner
                    && self.nodes.get(n).is_some_and(|n| n.state == ClusterNodeState::Up)
                    && self.can_host_group(group, n)
            })
            .ok_or_else(|| {
                Error::HostNodeNotAvailable(format!(
                    "no other node that is up and a possible owner of every resource can take group \"{}\"",
                    g.name
                ))
            })
    }

    /// `MoveClusterGroup`: ownership moves to `node` (or the best other node); resources
    /// that were online come back online there.
    pub(crate) fn move_group(
        &mut self,
        cluster: ClusterKey,
        group: GroupKey,
        node: Option<NodeKey>,
    ) -> Result<bool> {
        self.check_not_pending(group)?;
        let target = match node {
            Some(n) => n,
            None => self.best_other_node(cluster, group)?,
        };
        if self.group(group)?.owner == target {
            return Ok(false);
        }
        self.check_host(target)?;
        self.check_possible_owner(group, target)?;
        let Some(mut g) = self.groups.get_mut(group) else { return Ok(false) };
        let source = g.owner;
        g.owner = target;
        g.failovers.clear();
        g.move_source = None;
        let members = g.resources.clone();
        drop(g);
        // With pending transitions, the resources that were online come back online on the
        // new owner through OnlinePending; otherwise the move is complete at once.
        let online: Vec<ResourceKey> = members
            .into_iter()
            .filter(|&r| self.resources.get(r).is_some_and(|r| r.state == R::Online))
            .collect();
        let pending = self.restart(online);
        if pending {
            if let Some(mut g) = self.groups.get_mut(group) {
                g.move_source = Some(source);
            }
        }
        Ok(pending)
    }

    /// Resources that were online, on a group's new owner: with pending transitions they
    /// come back through `OnlinePending` (whether any is pending); otherwise they are online
    /// at once, so their state does not change.
    pub(crate) fn restart(&mut self, keys: Vec<ResourceKey>) -> bool {
        let Some(pending) = self.start_transition(R::Online) else {
            for k in keys {
                self.transition(k, R::Online);
            }
            return false;
        };
        let mut any = false;
        for k in keys {
            if let Some(mut r) = self.resources.get_mut(k) {
                r.state = R::OnlinePending;
                r.pending = Some(pending);
                any = true;
            }
        }
        any
    }

    /// `CreateClusterGroup(Ex)`: a new, empty, offline group owned by the cluster's local
    /// node, of type `group_type` (`ClusGroupTypeUnknown` for `CreateClusterGroup`, MS-CMRP
    /// 3.1.4.2.43; any value `CreateClusterGroupEx` gives, 3.1.4.2.128).
    pub(crate) fn create_group(
        &mut self,
        cluster: ClusterKey,
        name: &str,
        group_type: u32,
    ) -> Result<GroupKey> {
        let c = self.cluster(cluster)?;
        if name.is_empty() {
            return Err(Error::InvalidParameter("a group name cannot be empty".into()));
        }
        // A C caller could never name it again (its strings end at the NUL).
        if name.contains('\0') {
            return Err(Error::InvalidParameter(format!("group name {name:?} contains a NUL character")));
        }
        if let Some(existing) = c.group_names.get(name) {
            let other = self.groups.get(existing).map_or(name, |g| g.name.as_str());
            return Err(Error::ObjectAlreadyExists(format!("a group named \"{other}\" exists")));
        }
        let (owner, cluster_name) = (c.local_node, c.name.clone());
        // The type is set as the group is made (one `Added` change, no property change).
        let mut props = crate::model::control::props::Props::default();
        if group_type != crate::types::group_type::ClusGroupTypeUnknown {
            props.set(
                crate::model::world::GROUP_TYPE,
                crate::types::proplist::PropertyValue::Dword(group_type),
            );
        }
        let key = self.groups.insert(Group {
            name: name.to_owned(),
            cluster,
            id: crate::model::world::stable_guid(&[&cluster_name, "group", name]),
            owner,
            resources: Vec::new(),
            preferred: Vec::new(),
            props,
            registry: crate::model::registry::RegKey::root(),
            failovers: Vec::new(),
            move_source: None,
        });
        if let Some(mut c) = self.clusters.get_mut(cluster) {
            let _ = c.group_names.insert(name, key);
            c.groups.push(key);
        }
        Ok(key)
    }

    /// `DeleteClusterGroup`: only an empty group.
    pub(crate) fn delete_group(&mut self, cluster: ClusterKey, group: GroupKey) -> Result<()> {
        let g = self.group(group)?;
        if !g.resources.is_empty() {
            return Err(Error::DirNotEmpty(format!(
                "group \"{}\" still contains {} resource(s)",
                g.name,
                g.resources.len()
            )));
        }
        let Some(g) = self.groups.remove(group) else { return Ok(()) };
        if let Some(mut c) = self.clusters.get_mut(cluster) {
            c.group_names.remove(&g.name, group);
            c.groups.retain(|&k| k != group);
        }
        Ok(())
    }

    /// `RestartClusterResource`: offline, then back to the persistent state (MS-CMRP
    /// `ApiRestartResource`): the resource and the dependents that were online come back
    /// online (through `OnlinePending` with pending transitions: then `Ok(true)`).
    pub(crate) fn restart_resource(&mut self, resource: ResourceKey) -> Result<bool> {
        self.check_can_go_offline(resource)?;
        self.forget_finished_move(resource);
        let online: Vec<ResourceKey> = std::iter::once(resource)
            .chain(self.dependents(resource))
            .filter(|&k| self.resources.get(k).is_some_and(|r| r.state == R::Online))
            .collect();
        if online.is_empty() {
            return Ok(false);
        }
        // Offline at once (the restart's first half is not a transition a client waits
        // for), then online again: within the call, or through OnlinePending with pending
        // transitions.
        for &k in &online {
            if let Some(mut r) = self.resources.get_mut(k) {
                r.state = R::Offline;
                r.pending = None;
            }
        }
        Ok(self.restart(online))
    }

    /// `DestroyClusterGroup`: the group's resources offline and deleted, then the group.
    /// Everything is checked before anything changes.
    pub(crate) fn destroy_group(&mut self, cluster: ClusterKey, group: GroupKey) -> Result<()> {
        let g = self.group(group)?;
        if self.is_core_group(group) {
            return Err(Error::SpecialGroup(format!("\"{}\" is the cluster's core group", g.name)));
        }
        self.check_not_pending(group)?;
        let members = g.resources.clone();
        if let Some(core) = members.iter().find(|&&r| self.is_core_resource(r)) {
            let name = self.resources.get(*core).map(|r| r.name.clone()).unwrap_or_default();
            return Err(Error::CoreResource(format!("\"{name}\" is a core resource of the cluster")));
        }
        for &r in &members {
            if let Some(mut r) = self.resources.get_mut(r) {
                r.state = R::Offline;
                r.pending = None;
                // Dependencies stay within a group: the whole group goes, so they go too.
                r.depends_on.clear();
                r.any_of.clear();
            }
        }
        for r in members {
            self.delete_resource(cluster, r)?;
        }
        self.delete_group(cluster, group)
    }

    /// `SetClusterGroupNodeList`: the preferred owners, in order.
    pub(crate) fn set_group_node_list(&mut self, group: GroupKey, nodes: Vec<NodeKey>) -> Result<()> {
        for (i, n) in nodes.iter().enumerate() {
            if nodes.iter().take(i).any(|m| m == n) {
                return Err(Error::InvalidParameter(format!(
                    "node \"{}\" appears twice in the preferred-owner list",
                    self.node_name(*n)
                )));
            }
        }
        let mut g = self
            .groups
            .get_mut(group)
            .ok_or_else(|| Error::GroupNotAvailable("the group was deleted".into()))?;
        g.preferred = nodes;
        Ok(())
    }

    /// The resources of `group` that depend on `resource`, directly or not.
    pub(crate) fn dependents(&self, resource: ResourceKey) -> Vec<ResourceKey> {
        let Some(group) = self.resources.get(resource).map(|r| r.group) else { return Vec::new() };
        let members = self.groups.get(group).map(|g| g.resources.clone()).unwrap_or_default();
        let mut found = vec![resource];
        let mut i = 0;
        while let Some(&current) = found.get(i) {
            for &m in &members {
                let depends = self.resources.get(m).is_some_and(|r| r.depends_on.contains(&current));
                if depends && !found.contains(&m) {
                    found.push(m);
                }
            }
            i = i.saturating_add(1);
        }
        // The first element is `resource` itself.
        found.split_off(1)
    }

    /// The resources `resource` depends on, directly or not.
    pub(crate) fn providers(&self, resource: ResourceKey) -> Vec<ResourceKey> {
        let mut found = vec![resource];
        let mut i = 0;
        while let Some(&current) = found.get(i) {
            let next = self.resources.get(current).map(|r| r.depends_on.clone()).unwrap_or_default();
            for p in next {
                if !found.contains(&p) {
                    found.push(p);
                }
            }
            i = i.saturating_add(1);
        }
        // The first element is `resource` itself.
        found.split_off(1)
    }

    /// `OnlineClusterResource`: its providers first, then the resource. `Ok(true)`: pending.
    pub(crate) fn online_resource(&mut self, resource: ResourceKey) -> Result<bool> {
        let r = self.resource(resource)?;
        if pending(r.state) {
            return Err(Error::InvalidState(format!("resource \"{}\" has an operation pending", r.name)));
        }
        let owner = self.group(r.group)?.owner;
        self.check_host(owner)?;
        self.forget_finished_move(resource);
        if self.group_has_alternatives(resource) {
            let keys = self.online_plan(resource, owner)?;
            return Ok(self.transition_all(keys, R::Online));
        }
        let keys: Vec<ResourceKey> =
            self.providers(resource).into_iter().chain(std::iter::once(resource)).collect();
        if let Some(k) = keys.iter().copied().find(|&k| !self.is_possible_owner(k, owner)) {
            return Err(Error::HostNodeNotResourceOwner(format!(
                "node \"{}\" is not a possible owner of resource \"{}\"",
                self.node_name(owner),
                self.resources.get(k).map_or("?", |r| r.name.as_str())
            )));
        }
        Ok(self.transition_all(keys, R::Online))
    }

    /// `OfflineClusterResource`: its dependents first, then the resource. `Ok(true)`: pending.
    pub(crate) fn offline_resource(&mut self, resource: ResourceKey) -> Result<bool> {
        self.check_can_go_offline(resource)?;
        self.forget_finished_move(resource);
        let dependents = if self.group_has_alternatives(resource) {
            self.offline_dependents(resource)
        } else {
            self.dependents(resource)
        };
        let keys = dependents.into_iter().chain(std::iter::once(resource)).collect();
        Ok(self.transition_all(keys, R::Offline))
    }

    /// What taking a resource offline (or restarting it) refuses: a pending operation, a
    /// failed resource.
    fn check_can_go_offline(&self, resource: ResourceKey) -> Result<()> {
        let r = self.resource(resource)?;
        match r.state {
            s if pending(s) => {
                Err(Error::InvalidState(format!("resource \"{}\" has an operation pending", r.name)))
            }
            R::Failed => Err(Error::ResourceFailed(format!("resource \"{}\" has failed", r.name))),
            _ => Ok(()),
        }
    }

    /// `FailClusterResource`: only from online or pending.
    pub(crate) fn fail_resource(&mut self, resource: ResourceKey) -> Result<()> {
        let mut r = self
            .resources
            .get_mut(resource)
            .ok_or_else(|| Error::ResourceNotAvailable("the resource was deleted".into()))?;
        if r.state != R::Online && !pending(r.state) {
            return Err(Error::InvalidState(format!("resource \"{}\" is not online", r.name)));
        }
        r.state = R::Failed;
        r.pending = None;
        Ok(())
    }

    /// `CreateClusterResource`: a new offline resource in `group`.
    pub(crate) fn create_resource(
        &mut self,
        cluster: ClusterKey,
        group: GroupKey,
        name: &str,
        resource_type: &str,
    ) -> Result<ResourceKey> {
        self.group(group)?;
        let c = self.cluster(cluster)?;
        if name.is_empty() {
            return Err(Error::InvalidParameter("a resource name cannot be empty".into()));
        }
        // A C caller could never name it again (its strings end at the NUL).
        if name.contains('\0') {
            return Err(Error::InvalidParameter(format!("resource name {name:?} contains a NUL character")));
        }
        if let Some(existing) = c.resource_names.get(name) {
            let other = self.resources.get(existing).map_or(name, |r| r.name.as_str());
            return Err(Error::ObjectAlreadyExists(format!("a resource named \"{other}\" exists")));
        }
        let Some(type_index) = c.resource_type_names.get(resource_type) else {
            return Err(Error::ClusterResourceTypeNotFound(format!(
                "no resource type named \"{resource_type}\" in cluster \"{}\"",
                c.name
            )));
        };
        let resource_type =
            c.resource_types.get(type_index).cloned().unwrap_or_else(|| resource_type.to_owned());
        let cluster_name = c.name.clone();
        let possible_owners = c.nodes.clone();
        let key = self.resources.insert(Resource {
            name: name.to_owned(),
            cluster,
            id: crate::model::world::stable_guid(&[&cluster_name, "resource", name]),
            group,
            resource_type,
            state: R::Offline,
            depends_on: Vec::new(),
            any_of: Vec::new(),
            pending: None,
            props: crate::model::control::props::Props::default(),
            registry: crate::model::registry::RegKey::root(),
            possible_owners,
            disk: None,
        });
        if let Some(mut g) = self.groups.get_mut(group) {
            g.resources.push(key);
        }
        if let Some(mut c) = self.clusters.get_mut(cluster) {
            let _ = c.resource_names.insert(name, key);
            c.resources.push(key);
        }
        Ok(key)
    }

    /// `DeleteClusterResource`: only an offline or failed resource that nothing depends on
    /// and that is not a core resource.
    pub(crate) fn delete_resource(&mut self, cluster: ClusterKey, resource: ResourceKey) -> Result<()> {
        let r = self.resource(resource)?;
        if matches!(r.state, R::Online) || pending(r.state) {
            return Err(Error::ResourceOnline(format!(
                "resource \"{}\" is online; take it offline first",
                r.name
            )));
        }
        if self.is_core_resource(resource) {
            return Err(Error::CoreResource(format!("\"{}\" is a core resource of the cluster", r.name)));
        }
        if let Some(d) = self.dependents(resource).first().and_then(|&d| self.resources.get(d)) {
            return Err(Error::DependentResourceExists(format!(
                "resource \"{}\" depends on \"{}\"",
                d.name, r.name
            )));
        }
        let Some(r) = self.resources.remove(resource) else { return Ok(()) };
        if let Some(mut g) = self.groups.get_mut(r.group) {
            g.resources.retain(|&k| k != resource);
        }
        if let Some(mut c) = self.clusters.get_mut(cluster) {
            c.resource_names.remove(&r.name, resource);
            c.resources.retain(|&k| k != resource);
        }
        Ok(())
    }

    /// `AddClusterResourceDependency`: `resource` depends on `provider` (see
    /// [`World::check_can_depend`]).
    pub(crate) fn add_dependency(&mut self, resource: ResourceKey, provider: ResourceKey) -> Result<()> {
        let (r, p) = (self.resource(resource)?, self.resource(provider)?);
        if r.depends_on.contains(&provider) {
            return Err(Error::DependencyAlreadyExists(format!(
                "\"{}\" already depends on \"{}\"",
                r.name, p.name
            )));
        }
        self.check_can_depend(resource, provider)?;
        if let Some(mut r) = self.resources.get_mut(resource) {
            r.depends_on.push(provider);
        }
        Ok(())
    }

    /// `RemoveClusterResourceDependency`.
    pub(crate) fn remove_dependency(&mut self, resource: ResourceKey, provider: ResourceKey) -> Result<()> {
        let provider_name = self.resource(provider)?.name.clone();
        let mut r = self
            .resources
            .get_mut(resource)
            .ok_or_else(|| Error::ResourceNotAvailable("the resource was deleted".into()))?;
        let before = r.depends_on.len();
        r.depends_on.retain(|&p| p != provider);
        // Out of its "or" group too; a group left with one member makes it required.
        for g in &mut r.any_of {
            g.retain(|&p| p != provider);
        }
        r.any_of.retain(|g| g.len() > 1);
        if r.depends_on.len() == before {
            return Err(Error::DependencyNotFound(format!(
                "\"{}\" does not depend on \"{provider_name}\"",
                r.name
            )));
        }
        Ok(())
    }

    /// `PauseClusterNode`.
    pub(crate) fn pause_node(&mut self, node: NodeKey) -> Result<()> {
        let mut n = self
            .nodes
            .get_mut(node)
            .ok_or_else(|| Error::ClusterNodeNotFound("the node was evicted".into()))?;
        match n.state {
            ClusterNodeState::Up | ClusterNodeState::Paused => {
                n.state = ClusterNodeState::Paused;
                Ok(())
            }
            _ => Err(Error::ClusterNodeDown(format!("node \"{}\" is down", n.name))),
        }
    }

    /// `ResumeClusterNode`.
    pub(crate) fn resume_node(&mut self, node: NodeKey) -> Result<()> {
        self.check_not_draining(node)?;
        let mut n = self
            .nodes
            .get_mut(node)
            .ok_or_else(|| Error::ClusterNodeNotFound("the node was evicted".into()))?;
        if n.state != ClusterNodeState::Paused {
            return Err(Error::ClusterNodeNotPaused(format!("node \"{}\" is not paused", n.name)));
        }
        n.state = ClusterNodeState::Up;
        Ok(())
    }

    /// Records that `resource`'s possible owners changed (V2's `RESOURCE_POSSIBLE_OWNERS`):
    /// the list is no field the journal looks at (see `world::observe`).
    pub(crate) fn possible_owners_changed(&self, resource: ResourceKey) {
        if let Some(r) = self.resources.get(resource) {
            self.journal.record(Change::PossibleOwnersChanged {
                resource,
                cluster: r.cluster,
                name: r.name.clone(),
            });
        }
    }

    /// `EvictClusterNode`: only a node that owns no group and is not the last one; its
    /// interfaces go with it.
    pub(crate) fn evict_node(&mut self, cluster: ClusterKey, node: NodeKey) -> Result<()> {
        let c = self.cluster(cluster)?;
        let name = self.node_name(node).to_owned();
        if c.nodes.len() <= 1 {
            return Err(Error::CantEvictActiveNode(format!(
                "node \"{name}\" is the last node of the cluster"
            )));
        }
        let owned: Vec<&str> = c
            .groups
            .iter()
            .filter_map(|&g| self.groups.get(g))
            .filter(|g| g.owner == node)
            .map(|g| g.name.as_str())
            .collect();
        if !owned.is_empty() {
            return Err(Error::CantEvictActiveNode(format!(
                "node \"{name}\" owns group(s) {owned:?}: move them first"
            )));
        }
        let Some(n) = self.nodes.remove(node) else { return Ok(()) };
        for i in &n.net_interfaces {
            if let Some(nic) = self.net_interfaces.remove(*i) {
                if let Some(mut net) = self.networks.get_mut(nic.network) {
                    net.net_interfaces.retain(|k| k != i);
                }
                if let Some(mut c) = self.clusters.get_mut(cluster) {
                    c.net_interface_names.remove(&nic.name, *i);
                    c.net_interfaces.retain(|k| k != i);
                }
            }
        }
        // Only the cluster's groups can prefer its node, and its resources be owned by it.
        let (groups, resources) =
            self.clusters.get(cluster).map(|c| (c.groups.clone(), c.resources.clone())).unwrap_or_default();
        for g in groups {
            if let Some(mut g) = self.groups.get_mut(g) {
                g.preferred.retain(|&p| p != node);
            }
        }
        for r in resources {
            let had = self.resources.get(r).is_some_and(|res| res.possible_owners.contains(&node));
            if let Some(mut res) = self.resources.get_mut(r) {
                res.possible_owners.retain(|&p| p != node);
            }
            if had {
                self.possible_owners_changed(r);
            }
        }
        if let Some(mut c) = self.clusters.get_mut(cluster) {
            c.node_names.remove(&n.name, node);
            c.nodes.retain(|&k| k != node);
            if c.local_node == node {
                c.local_node = c.nodes.first().copied().unwrap_or_default();
            }
        }
        Ok(())
    }

    /// `SetClusterNetworkName`. Interfaces keep the names they were created with, as real
    /// interfaces keep their adapter-based names.
    pub(crate) fn rename_network(
        &mut self,
        cluster: ClusterKey,
        network: crate::model::world::NetworkKey,
        name: &str,
    ) -> Result<()> {
        // MS-CMRP 3.1.4.1.84: the name "MUST contain at least one character".
        if name.is_empty() {
            return Err(Error::InvalidName("a network name must contain at least one character".into()));
        }
        // A C caller could never name it again (its strings end at the NUL).
        if name.contains('\0') {
            return Err(Error::InvalidParameter(format!("network name {name:?} contains a NUL character")));
        }
        let c = self.cluster(cluster)?;
        if let Some(existing) = c.network_names.get(name) {
            if existing != network {
                // MS-CMRP 3.1.4.2.84: ERROR_ALREADY_EXISTS.
                return Err(Error::AlreadyExists(format!("a network named \"{name}\" exists")));
            }
        }
        let mut net = self
            .networks
            .get_mut(network)
            .ok_or_else(|| Error::ClusterNetworkNotFound("the network was deleted".into()))?;
        let old = std::mem::replace(&mut net.name, name.to_owned());
        drop(net);
        if let Some(mut c) = self.clusters.get_mut(cluster) {
            c.network_names.remove(&old, network);
            let _ = c.network_names.insert(name, network);
        }
        Ok(())
    }
}

impl World {
    /// `CreateClusterResourceType`: a new resource type of `cluster`.
    pub(crate) fn create_resource_type(
        &mut self,
        cluster: ClusterKey,
        name: &str,
        display_name: &str,
        dll: &str,
        looks_alive: u32,
        is_alive: u32,
    ) -> Result<()> {
        if name.is_empty() || name.contains('\0') {
            return Err(Error::InvalidParameter(format!("resource type name {name:?}: empty or with a NUL")));
        }
        let mut c =
            self.clusters.get_mut(cluster).ok_or_else(|| Error::InternalError("no cluster".into()))?;
        if let Some(existing) = c.resource_type_names.get(name).and_then(|i| c.resource_types.get(i)) {
            return Err(Error::AlreadyExists(format!("the cluster has a resource type \"{existing}\"")));
        }
        let index = c.resource_types.len();
        let _ = c.resource_type_names.insert(name, index);
        c.resource_types.push(name.to_owned());
        let mut props = crate::model::control::props::Props::default();
        use crate::PropertyValue as V;
        props.set("Name", V::Sz(if display_name.is_empty() { name } else { display_name }.to_owned()));
        props.set("DllName", V::Sz(dll.to_owned()));
        props.set("LooksAlivePollInterval", V::Dword(looks_alive));
        props.set("IsAlivePollInterval", V::Dword(is_alive));
        c.type_props.push(props);
        c.type_registry.push(crate::model::registry::RegKey::root());
        drop(c);
        // A resource type is no object of its own: the rule records it.
        self.journal.record(Change::Added {
            object: Object::ResourceType(cluster),
            about: type_about(cluster, name),
        });
        Ok(())
    }

    /// `DeleteClusterResourceType`: removes a type no resource of the cluster uses.
    pub(crate) fn delete_resource_type(&mut self, cluster: ClusterKey, name: &str) -> Result<()> {
        let c = self.clusters.get(cluster).ok_or_else(|| Error::InternalError("no cluster".into()))?;
        let index = c.resource_type_names.get(name).ok_or_else(|| {
            Error::ClusterResourceTypeNotFound(format!("the cluster has no resource type \"{name}\""))
        })?;
        let type_name = c.resource_types.get(index).cloned().unwrap_or_default();
        let users = c
            .resources
            .iter()
            .filter_map(|&r| self.resources.get(r))
            .filter(|r| crate::types::names::names_equal(&r.resource_type, &type_name))
            .count();
        if users > 0 {
            return Err(Error::DirNotEmpty(format!("{users} resource(s) of type \"{type_name}\" exist")));
        }
        let mut c =
            self.clusters.get_mut(cluster).ok_or_else(|| Error::InternalError("no cluster".into()))?;
        if index < c.resource_types.len() {
            c.resource_types.remove(index);
        }
        if index < c.type_props.len() {
            c.type_props.remove(index);
        }
        if index < c.type_registry.len() {
            c.type_registry.remove(index);
        }
        // The index maps names to positions: rebuild it (deleting a type is rare).
        let mut names = crate::types::names::NameIndex::default();
        for (i, t) in c.resource_types.iter().enumerate() {
            let _ = names.insert(t, i);
        }
        c.resource_type_names = names;
        drop(c);
        self.journal.record(Change::Deleted {
            object: Object::ResourceType(cluster),
            about: type_about(cluster, &type_name),
        });
        Ok(())
    }
}

/// What `Added` and `Deleted` record of a resource type: its name (it has no id).
fn type_about(cluster: ClusterKey, name: &str) -> About {
    About {
        cluster,
        name: name.to_owned(),
        id: String::new(),
        parent: None,
        type_name: String::new(),
        resource_state: None,
    }
}
