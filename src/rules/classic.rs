//! The rules of the classic ClusAPI calls added after the first control operations:
//! possible owners, moving a resource to another group, the quorum resource, renames, the
//! internal-network priority order. As in `control.rs`: check first, change after, so a
//! refusal leaves the world as it was.

use crate::model::world::{ClusterKey, GroupKey, NetworkKey, NodeKey, Quorum, ResourceKey, World};
use crate::types::error::{Error, Result};
use crate::types::proplist::sz_to_bytes;
use crate::types::state::ClusterResourceState as R;

/// `MAX_CLUSTERNAME_LENGTH`: the longest cluster name (as the builder checks it).
const MAX_CLUSTER_NAME: usize = 63;

/// Refuses an empty name, or one with a NUL character (a C caller could never name the
/// object again: its strings end at the NUL).
fn check_name(what: &str, name: &str) -> Result<()> {
    if name.is_empty() {
        return Err(Error::InvalidParameter(format!("a {what} name cannot be empty")));
    }
    check_nul(what, name)
}

/// The renames of a group, a resource and a network: an empty name is
/// `ERROR_INVALID_NAME` (MS-CMRP 3.1.4.1.14, 3.1.4.1.47, 3.1.4.1.84: the name "MUST
/// contain at least one character"); one with a NUL character as [`check_name`].
fn check_new_name(what: &str, name: &str) -> Result<()> {
    if name.is_empty() {
        return Err(Error::InvalidName(format!("a {what} name must contain at least one character")));
    }
    check_nul(what, name)
}

fn check_nul(what: &str, name: &str) -> Result<()> {
    if name.contains('\0') {
        return Err(Error::InvalidParameter(format!("{what} name {name:?} contains a NUL character")));
    }
    Ok(())
}

/// What `GetClusterQuorumResource` reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QuorumView {
    pub resource: String,
    pub device: String,
    pub max_log_size: u32,
}

impl World {
    /// Whether `node` is a possible owner of `resource`.
    pub(crate) fn is_possible_owner(&self, resource: ResourceKey, node: NodeKey) -> bool {
        self.resources.get(resource).is_some_and(|r| r.possible_owners.contains(&node))
    }

    /// Whether `node` is a possible owner of every resource of `group`.
    pub(crate) fn can_host_group(&self, group: GroupKey, node: NodeKey) -> bool {
        self.groups.get(group).is_some_and(|g| g.resources.iter().all(|&r| self.is_possible_owner(r, node)))
    }

    /// Refuses a node that is not a possible owner of some resource of the group, with
    /// `ERROR_HOST_NODE_NOT_RESOURCE_OWNER`.
    pub(crate) fn check_possible_owner(&self, group: GroupKey, node: NodeKey) -> Result<()> {
        let g = self.group(group)?;
        let culprit = g.resources.iter().copied().find(|&r| !self.is_possible_owner(r, node));
        match culprit.and_then(|r| self.resources.get(r)) {
            Some(r) => Err(Error::HostNodeNotResourceOwner(format!(
                "node \"{}\" is not a possible owner of resource \"{}\" (group \"{}\")",
                self.node_name(node),
                r.name,
                g.name
            ))),
            None => Ok(()),
        }
    }

    /// `AddClusterResourceNode`: `node` becomes a possible owner of `resource`.
    pub(crate) fn add_resource_node(&mut self, resource: ResourceKey, node: NodeKey) -> Result<()> {
        let r = self.resource(resource)?;
        if r.possible_owners.contains(&node) {
            return Err(Error::ObjectAlreadyExists(format!(
                "node \"{}\" is already a possible owner of resource \"{}\"",
                self.node_name(node),
                r.name
            )));
        }
        if let Some(mut r) = self.resources.get_mut(resource) {
            r.possible_owners.push(node);
        }
        self.possible_owners_changed(resource);
        Ok(())
    }

    /// `RemoveClusterResourceNode`: `node` is no longer a possible owner of `resource`.
    /// Refused for a node that is not one, for the last one, and for the owner of an online
    /// or pending resource (MS-CMRP 3.1.4.2.25).
    pub(crate) fn remove_resource_node(&mut self, resource: ResourceKey, node: NodeKey) -> Result<()> {
        let r = self.resource(resource)?;
        if !r.possible_owners.contains(&node) {
            return Err(Error::ClusterNodeNotFound(format!(
                "node \"{}\" is not a possible owner of resource \"{}\"",
                self.node_name(node),
                r.name
            )));
        }
        if r.possible_owners.len() <= 1 {
            return Err(Error::InvalidState(format!(
                "node \"{}\" is the last possible owner of resource \"{}\"",
                self.node_name(node),
                r.name
            )));
        }
        let owner = self.group(r.group)?.owner;
        // MS-CMRP 3.1.4.2.25 names Online, OnlinePending and OfflinePending (Pending is the
        // simulator's generic transition): a failed or offline resource may lose its owner.
        if owner == node && matches!(r.state, R::Online | R::OnlinePending | R::OfflinePending | R::Pending) {
            return Err(Error::InvalidState(format!(
                "resource \"{}\" is {:?} on node \"{}\": take it offline or move its group first",
                r.name,
                r.state,
                self.node_name(node)
            )));
        }
        if let Some(mut r) = self.resources.get_mut(resource) {
            r.possible_owners.retain(|&n| n != node);
        }
        self.possible_owners_changed(resource);
        Ok(())
    }

    /// `CanResourceBeDependent`: `Ok(())` if `resource` can depend on `provider`, else the
    /// failure MS-CMRP 3.1.4.2.22 names: `ERROR_INVALID_PARAMETER` for the same resource or
    /// another group, `ERROR_DEPENDENCY_ALREADY_EXISTS` for an existing dependency,
    /// `ERROR_CIRCULAR_DEPENDENCY` when `provider` depends on `resource` (directly or not),
    /// `ERROR_RESOURCE_ONLINE` when `resource` is online pending, or online with `provider`
    /// online. The outer `Result` is for a deleted resource.
    pub(crate) fn can_be_dependent(
        &self,
        resource: ResourceKey,
        provider: ResourceKey,
    ) -> Result<std::result::Result<(), Error>> {
        let (r, p) = (self.resource(resource)?, self.resource(provider)?);
        let no = if resource == provider {
            Error::InvalidParameter(format!("\"{}\" is the same resource", r.name))
        } else if r.group != p.group {
            Error::InvalidParameter(format!("\"{}\" and \"{}\" are not in the same group", r.name, p.name))
        } else if r.depends_on.contains(&provider) {
            Error::DependencyAlreadyExists(format!("\"{}\" already depends on \"{}\"", r.name, p.name))
        } else if self.providers(provider).contains(&resource) {
            Error::CircularDependency(format!("\"{}\" depends on \"{}\": a cycle", p.name, r.name))
        } else if r.state == R::OnlinePending || (r.state == R::Online && p.state == R::Online) {
            Error::ResourceOnline(format!(
                "\"{}\" is {:?} and \"{}\" is {:?}",
                r.name, r.state, p.name, p.state
            ))
        } else {
            return Ok(Ok(()));
        };
        Ok(Err(no))
    }

    /// The dependency tree of `resource` (Microsoft's `ChangeClusterResourceGroup` page):
    /// the resource and every resource of its group linked to it by dependencies, in either
    /// direction and transitively (providers, dependents, the providers of its dependents,
    /// ...), in the group's order.
    pub(crate) fn dependency_tree(&self, resource: ResourceKey) -> Vec<ResourceKey> {
        let Some(group) = self.resources.get(resource).map(|r| r.group) else { return Vec::new() };
        let members = self.groups.get(group).map(|g| g.resources.clone()).unwrap_or_default();
        let linked = |a: ResourceKey, b: ResourceKey| {
            let on = |x: ResourceKey, y: ResourceKey| {
                self.resources.get(x).is_some_and(|r| r.depends_on.contains(&y))
            };
            on(a, b) || on(b, a)
        };
        let mut found = vec![resource];
        let mut i = 0;
        while let Some(&current) = found.get(i) {
            for &m in &members {
                if !found.contains(&m) && linked(current, m) {
                    found.push(m);
                }
            }
            i = i.saturating_add(1);
        }
        members.into_iter().filter(|m| found.contains(m)).collect()
    }

    /// `ChangeClusterResourceGroup`: moves a resource and its dependency tree
    /// ([`World::dependency_tree`]) to another group of its cluster, as Microsoft's page
    /// and MS-CMRP 3.1.4.2.166 say. Both groups must be owned by the same node (the page:
    /// "regardless of the resource's state"), so the resources keep their states.
    pub(crate) fn change_resource_group(
        &mut self,
        cluster: ClusterKey,
        resource: ResourceKey,
        group: GroupKey,
    ) -> Result<()> {
        let r = self.resource(resource)?;
        let target = self.group(group)?;
        let in_cluster = self.cluster(cluster)?.groups.contains(&group);
        if !in_cluster {
            return Err(Error::GroupNotFound(format!("group \"{}\" is not in this cluster", target.name)));
        }
        if r.group == group {
            return Err(Error::AlreadyExists(format!(
                "resource \"{}\" is already in group \"{}\"",
                r.name, target.name
            )));
        }
        if self.is_core_group(r.group) {
            return Err(Error::CoreResource(format!("\"{}\" is a core resource of the cluster", r.name)));
        }
        let source = r.group;
        let source_group = self.group(source)?;
        if source_group.owner != target.owner {
            return Err(Error::HostNodeNotGroupOwner(format!(
                "group \"{}\" is owned by node \"{}\" and group \"{}\" by node \"{}\": both must have one owner",
                source_group.name,
                self.node_name(source_group.owner),
                target.name,
                self.node_name(target.owner)
            )));
        }
        let tree = self.dependency_tree(resource);
        let pending = tree
            .iter()
            .filter_map(|&k| self.resources.get(k))
            .find(|m| matches!(m.state, R::Pending | R::OnlinePending | R::OfflinePending));
        if let Some(m) = pending {
            return Err(Error::InvalidState(format!(
                "resource \"{}\" (the dependency tree of \"{}\") has an operation pending",
                m.name, r.name
            )));
        }
        if let Some(mut g) = self.groups.get_mut(source) {
            g.resources.retain(|k| !tree.contains(k));
        }
        if let Some(mut g) = self.groups.get_mut(group) {
            g.resources.extend(tree.iter().copied());
        }
        for &k in &tree {
            if let Some(mut m) = self.resources.get_mut(k) {
                m.group = group;
            }
        }
        Ok(())
    }

    /// `GetClusterQuorumResource`: empty names and size 0 while no quorum resource is set.
    pub(crate) fn quorum(&self, cluster: ClusterKey) -> Result<QuorumView> {
        let c = self.cluster(cluster)?;
        let view = c.quorum.as_ref().and_then(|q| {
            self.resources.get(q.resource).map(|r| QuorumView {
                resource: r.name.clone(),
                device: q.device.clone(),
                max_log_size: q.max_log_size,
            })
        });
        Ok(view.unwrap_or(QuorumView { resource: String::new(), device: String::new(), max_log_size: 0 }))
    }

    /// `SetClusterQuorumResource`: any resource of the cluster, with a device name and a
    /// maximum log size.
    pub(crate) fn set_quorum(
        &mut self,
        cluster: ClusterKey,
        resource: ResourceKey,
        device: &str,
        max_log_size: u32,
    ) -> Result<()> {
        self.resource(resource)?;
        if device.contains('\0') {
            return Err(Error::InvalidParameter(format!("device name {device:?} contains a NUL character")));
        }
        let mut c = self
            .clusters
            .get_mut(cluster)
            .ok_or_else(|| Error::RpcServerUnavailable("the cluster is gone".into()))?;
        c.quorum = Some(Quorum { resource, device: device.to_owned(), max_log_size });
        Ok(())
    }

    /// `GetClusterResourceNetworkName`: the DNS name of the first "Network Name" resource
    /// found among the resource itself and the resources it depends on (breadth first).
    /// The core network name answers the cluster's name; others their resource name.
    pub(crate) fn resource_network_name(&self, cluster: ClusterKey, resource: ResourceKey) -> Result<String> {
        let r = self.resource(resource)?;
        let candidates = std::iter::once(resource).chain(self.providers(resource));
        let found = candidates.filter_map(|k| self.resources.get(k)).find(|p| {
            crate::types::names::names_equal(&p.resource_type, "Network Name")
                || crate::types::names::names_equal(&p.resource_type, "Distributed Network Name")
        });
        let Some(n) = found else {
            return Err(Error::DependencyNotFound(format!(
                "resource \"{}\" depends on no \"Network Name\" resource",
                r.name
            )));
        };
        if self.is_core_group(n.group) {
            return Ok(self.cluster(cluster)?.name.clone());
        }
        Ok(n.name.clone())
    }

    /// `SetClusterGroupName`.
    pub(crate) fn rename_group(&mut self, cluster: ClusterKey, group: GroupKey, name: &str) -> Result<()> {
        check_new_name("group", name)?;
        self.group(group)?;
        let c = self.cluster(cluster)?;
        if let Some(existing) = c.group_names.get(name).filter(|&k| k != group) {
            let other = self.groups.get(existing).map_or(name, |g| g.name.as_str());
            // MS-CMRP 3.1.4.2.47: ERROR_ALREADY_EXISTS.
            return Err(Error::AlreadyExists(format!("a group named \"{other}\" exists")));
        }
        let Some(mut g) = self.groups.get_mut(group) else { return Ok(()) };
        let old = std::mem::replace(&mut g.name, name.to_owned());
        drop(g);
        if let Some(mut c) = self.clusters.get_mut(cluster) {
            c.group_names.remove(&old, group);
            let _ = c.group_names.insert(name, group);
        }
        Ok(())
    }

    /// `SetClusterResourceName`.
    pub(crate) fn rename_resource(
        &mut self,
        cluster: ClusterKey,
        resource: ResourceKey,
        name: &str,
    ) -> Result<()> {
        check_new_name("resource", name)?;
        self.resource(resource)?;
        let c = self.cluster(cluster)?;
        if let Some(existing) = c.resource_names.get(name).filter(|&k| k != resource) {
            let other = self.resources.get(existing).map_or(name, |r| r.name.as_str());
            return Err(Error::AlreadyExists(format!("a resource named \"{other}\" exists")));
        }
        let Some(mut r) = self.resources.get_mut(resource) else { return Ok(()) };
        let old = std::mem::replace(&mut r.name, name.to_owned());
        drop(r);
        if let Some(mut c) = self.clusters.get_mut(cluster) {
            c.resource_names.remove(&old, resource);
            let _ = c.resource_names.insert(name, resource);
        }
        Ok(())
    }

    /// `SetClusterName`: at most 63 characters, not `"localhost"` or `"."`, not the name of
    /// one of its nodes (`ERROR_INVALID_NAME`, MS-CMRP 3.1.4.2.3), and neither the name nor
    /// the fully qualified name a name another simulated host (a cluster or its node)
    /// answers to. An accepted name (the current one too) is stored and answers
    /// `ERROR_RESOURCE_PROPERTIES_STORED` (5024), a success status.
    pub(crate) fn rename_cluster(&mut self, cluster: ClusterKey, name: &str) -> Result<()> {
        check_name("cluster", name)?;
        if crate::types::names::is_local_machine(name) {
            return Err(Error::InvalidParameter(format!(
                "\"{name}\" is reserved: OpenCluster takes it for the local machine"
            )));
        }
        if name.chars().count() > MAX_CLUSTER_NAME {
            return Err(Error::InvalidParameter(format!(
                "a cluster name has at most {MAX_CLUSTER_NAME} characters; {name:?} has {}",
                name.chars().count()
            )));
        }
        let fqdn = format!("{name}.{}", self.cluster(cluster)?.domain);
        // The same lookup as `open_cluster`: a name that reaches another host is taken.
        let taken = [name, fqdn.as_str()].into_iter().find_map(|n| {
            self.find_host(Some(n)).filter(|h| h.cluster != cluster || h.node.is_some()).map(|h| (n, h))
        });
        if let Some((n, host)) = taken {
            // MS-CMRP 3.1.4.2.3: a name already used by a node of the cluster is
            // ERROR_INVALID_NAME. Another simulated host has no real counterpart: 5010.
            if host.cluster == cluster {
                let node = host.node.and_then(|k| self.nodes.get(k)).map_or("", |node| node.name.as_str());
                return Err(Error::InvalidName(format!(
                    "\"{n}\" is the name of node \"{node}\" of the cluster"
                )));
            }
            let holder = match host.node.and_then(|k| self.nodes.get(k)) {
                Some(node) => format!("node \"{}\"", node.name),
                None => {
                    format!("cluster \"{}\"", self.clusters.get(host.cluster).map_or("", |c| c.name.as_str()))
                }
            };
            return Err(Error::ObjectAlreadyExists(format!("\"{n}\" already reaches simulated {holder}")));
        }
        // The network answers to the new name once the core network name comes online
        // again (`came_online`); a cluster without one has nothing to wait for.
        let has_name_resource = self.cluster(cluster)?.resources.iter().any(|&k| {
            self.resources.get(k).is_some_and(|r| {
                crate::types::names::names_equal(&r.resource_type, "Network Name")
                    && self.is_core_group(r.group)
            })
        });
        if let Some(mut c) = self.clusters.get_mut(cluster) {
            name.clone_into(&mut c.name);
            if !has_name_resource {
                name.clone_into(&mut c.published_name);
            }
            c.registry.set_value(
                crate::model::world::CLUSTER_NAME_VALUE,
                crate::model::registry::REG_SZ,
                &sz_to_bytes(name),
            );
        }
        // The rename is made; the answer says so, as Microsoft's SetClusterName page
        // documents: the name is stored, and takes effect when the core network name
        // resource comes back online.
        Err(Error::ResourcePropertiesStored(format!(
            "the cluster is renamed \"{name}\"; the core network name takes it when it next comes online"
        )))
    }

    /// `SetClusterNetworkPriorityOrder`: `order` must list every internal network of the
    /// cluster (every network: each carries cluster traffic) once.
    pub(crate) fn set_network_priority(&mut self, cluster: ClusterKey, order: Vec<NetworkKey>) -> Result<()> {
        let c = self.cluster(cluster)?;
        let mut sorted_given: Vec<NetworkKey> = order.clone();
        sorted_given.sort_unstable();
        sorted_given.dedup();
        let mut expected: Vec<NetworkKey> = c.networks.clone();
        expected.sort_unstable();
        if sorted_given.len() != order.len() || sorted_given != expected {
            return Err(Error::InvalidParameter(format!(
                "the list ({} network(s)) is not an order of the cluster's {} internal network(s): each once",
                order.len(),
                c.networks.len()
            )));
        }
        if let Some(mut c) = self.clusters.get_mut(cluster) {
            c.network_priority = order;
        }
        Ok(())
    }
}
