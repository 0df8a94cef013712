//! Inspection: what a test reads of the world to assert on, without changing it. Unlike the
//! ClusAPI calls, an inspection counts no state poll (so pending transitions do not
//! advance), meets no fault, leaves no history entry and records no diagnostic; it needs no
//! handle. Objects are found by name (any case), in the first cluster that has one of that
//! name, in topology order.

use crate::PropertyList;
use crate::model::control::Target;
use crate::model::world::{ClusterKey, World};
use crate::session::simulator::{Simulator, State};
use crate::types::state::{
    ClusterGroupState, ClusterNetInterfaceState, ClusterNetworkState, ClusterNodeState, ClusterResourceState,
};

/// A node, as [`Simulator::inspect_node`] sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct NodeView {
    /// The node's name.
    pub name: String,
    /// Its cluster's name.
    pub cluster: String,
    /// Its state.
    pub state: ClusterNodeState,
    /// The groups it owns, in creation order.
    pub groups: Vec<String>,
}

/// A group, as [`Simulator::inspect_group`] sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct GroupView {
    /// The group's name.
    pub name: String,
    /// Its cluster's name.
    pub cluster: String,
    /// Its state, derived from its resources' (as `GetClusterGroupState` gives it).
    pub state: ClusterGroupState,
    /// The node that owns it.
    pub owner_node: String,
    /// Its resources (the members), in creation order.
    pub resources: Vec<String>,
    /// Its preferred owners, in order (`SetClusterGroupNodeList`).
    pub preferred_owners: Vec<String>,
    /// Its common properties (read-write, then read-only) with their current values.
    pub properties: PropertyList,
}

/// A resource, as [`Simulator::inspect_resource`] sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ResourceView {
    /// The resource's name.
    pub name: String,
    /// Its cluster's name.
    pub cluster: String,
    /// Its group.
    pub group: String,
    /// Its type (`"Physical Disk"`).
    pub resource_type: String,
    /// Its state.
    pub state: ClusterResourceState,
    /// The node that owns its group.
    pub owner_node: String,
    /// Whether a transition is pending (it completes on later state polls or `step`).
    pub pending: bool,
    /// The resources it depends on.
    pub depends_on: Vec<String>,
    /// The nodes that can host it (`AddClusterResourceNode`).
    pub possible_owners: Vec<String>,
    /// Its common properties (read-write, then read-only).
    pub properties: PropertyList,
    /// Its private properties (read-write, read-only, then any set outside the catalog).
    pub private_properties: PropertyList,
}

/// A network, as [`Simulator::inspect_network`] sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct NetworkView {
    /// The network's name.
    pub name: String,
    /// Its cluster's name.
    pub cluster: String,
    /// Its state.
    pub state: ClusterNetworkState,
    /// Its interfaces.
    pub net_interfaces: Vec<String>,
}

/// A network interface, as [`Simulator::inspect_net_interface`] sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct NetInterfaceView {
    /// The interface's name.
    pub name: String,
    /// Its cluster's name.
    pub cluster: String,
    /// Its node.
    pub node: String,
    /// Its network.
    pub network: String,
    /// Its state.
    pub state: ClusterNetInterfaceState,
}

/// The names of the objects `keys` name, skipping any that are gone.
fn names<K: Copy>(keys: &[K], name: impl Fn(K) -> Option<String>) -> Vec<String> {
    keys.iter().filter_map(|&k| name(k)).collect()
}

/// The first cluster (in topology order) for which `find` finds something.
fn in_clusters<T>(
    w: &World,
    find: impl Fn(ClusterKey, &crate::model::world::Cluster) -> Option<T>,
) -> Option<T> {
    w.cluster_order.iter().find_map(|&k| w.clusters.get(k).and_then(|c| find(k, c)))
}

impl Simulator {
    /// Runs a read of the state under the lock: no state poll, no fault, no history, no
    /// diagnostic, no events published.
    fn look<T>(&self, f: impl FnOnce(&State) -> T) -> T {
        let st = self.lock_quiet();
        f(&st)
    }

    /// A node by name: its state and the groups it owns. `None` if no cluster has it.
    ///
    /// ```
    /// use clusapi_sim::{ClusterNodeState, Simulator};
    ///
    /// let sim = Simulator::default();
    /// sim.crash_node("NODE1")?;
    /// let node = sim.inspect_node("node1").expect("a node");
    /// assert_eq!(node.state, ClusterNodeState::Down);
    /// assert!(node.groups.is_empty(), "its groups failed over");
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[must_use]
    pub fn inspect_node(&self, name: &str) -> Option<NodeView> {
        self.look(|st| {
            let w = &st.world;
            in_clusters(w, |_, c| {
                let key = c.node_names.get(name)?;
                let n = w.nodes.get(key)?;
                let groups = c
                    .groups
                    .iter()
                    .filter_map(|&g| w.groups.get(g))
                    .filter(|g| g.owner == key)
                    .map(|g| g.name.clone())
                    .collect();
                Some(NodeView { name: n.name.clone(), cluster: c.name.clone(), state: n.state, groups })
            })
        })
    }

    /// A group by name: its state, owner, members, preferred owners and properties.
    /// Reading it counts no state poll, so a pending move stays pending (but for a timed one
    /// due by now, which completes on any call into the simulator).
    ///
    /// ```
    /// use clusapi_sim::{ClusterGroupState, Simulator, codes};
    ///
    /// let sim = Simulator::default_builder().pending_transitions(1).build()?;
    /// let c = sim.open_cluster(None)?;
    /// let g = sim.open_cluster_group(c, "Cluster Group")?;
    /// assert_eq!(sim.move_cluster_group(g, None).unwrap_err().code(), codes::ERROR_IO_PENDING);
    /// for _ in 0..3 {
    ///     // However often the test looks, the move stays pending...
    ///     assert_eq!(sim.inspect_group("Cluster Group").expect("a group").state, ClusterGroupState::Pending);
    /// }
    /// // ...until the code under test polls.
    /// assert_eq!(sim.get_cluster_group_state(g)?.state, ClusterGroupState::Online);
    /// let core = sim.inspect_group("Cluster Group").expect("a group");
    /// assert_eq!((core.owner_node.as_str(), core.resources.len()), ("NODE2", 2));
    /// # sim.close_cluster_group(g)?; sim.close_cluster(c)?;
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[must_use]
    pub fn inspect_group(&self, name: &str) -> Option<GroupView> {
        self.look(|st| {
            let w = &st.world;
            in_clusters(w, |_, c| {
                let key = c.group_names.get(name)?;
                let g = w.groups.get(key)?;
                let node_name = |n| w.nodes.get(n).map(|n| n.name.clone());
                Some(GroupView {
                    name: g.name.clone(),
                    cluster: c.name.clone(),
                    state: crate::types::state::group_state(
                        g.resources.iter().filter_map(|&r| w.resources.get(r)).map(|r| r.state),
                    ),
                    owner_node: node_name(g.owner).unwrap_or_default(),
                    resources: names(&g.resources, |r| w.resources.get(r).map(|r| r.name.clone())),
                    preferred_owners: names(&g.preferred, node_name),
                    properties: crate::rules::control::properties(w, Target::Group(key)).0,
                })
            })
        })
    }

    /// A resource by name: its state, group, owner, dependencies, possible owners and
    /// properties. Reading it counts no state poll.
    ///
    /// ```
    /// use clusapi_sim::{ClusterResourceState, PropertyValue, Simulator};
    ///
    /// let sim = Simulator::default();
    /// let ip = sim.inspect_resource("Cluster IP Address").expect("a resource");
    /// assert_eq!((ip.state, ip.group.as_str()), (ClusterResourceState::Online, "Cluster Group"));
    /// assert_eq!(ip.properties.get("Type"), Some(&PropertyValue::Sz("IP Address".into())));
    /// assert!(sim.history().is_empty() && sim.diagnostics().is_empty());
    /// ```
    #[must_use]
    pub fn inspect_resource(&self, name: &str) -> Option<ResourceView> {
        self.look(|st| {
            let w = &st.world;
            in_clusters(w, |_, c| {
                let key = c.resource_names.get(name)?;
                let r = w.resources.get(key)?;
                let g = w.groups.get(r.group);
                let (properties, private_properties) =
                    crate::rules::control::properties(w, Target::Resource(key));
                Some(ResourceView {
                    name: r.name.clone(),
                    cluster: c.name.clone(),
                    group: g.map(|g| g.name.clone()).unwrap_or_default(),
                    resource_type: r.resource_type.clone(),
                    state: r.state,
                    owner_node: g
                        .and_then(|g| w.nodes.get(g.owner))
                        .map(|n| n.name.clone())
                        .unwrap_or_default(),
                    pending: r.pending.is_some(),
                    depends_on: names(&r.depends_on, |d| w.resources.get(d).map(|d| d.name.clone())),
                    possible_owners: names(&r.possible_owners, |n| w.nodes.get(n).map(|n| n.name.clone())),
                    properties,
                    private_properties,
                })
            })
        })
    }

    /// A network by name: its state and interfaces.
    #[must_use]
    pub fn inspect_network(&self, name: &str) -> Option<NetworkView> {
        self.look(|st| {
            let w = &st.world;
            in_clusters(w, |_, c| {
                let n = w.networks.get(c.network_names.get(name)?)?;
                Some(NetworkView {
                    name: n.name.clone(),
                    cluster: c.name.clone(),
                    state: n.state,
                    net_interfaces: names(&n.net_interfaces, |i| {
                        w.net_interfaces.get(i).map(|i| i.name.clone())
                    }),
                })
            })
        })
    }

    /// A network interface by name (`"NODE1 - Cluster Network 1"`): its node, network and
    /// state.
    #[must_use]
    pub fn inspect_net_interface(&self, name: &str) -> Option<NetInterfaceView> {
        self.look(|st| {
            let w = &st.world;
            in_clusters(w, |_, c| {
                let i = w.net_interfaces.get(c.net_interface_names.get(name)?)?;
                Some(NetInterfaceView {
                    name: i.name.clone(),
                    cluster: c.name.clone(),
                    node: w.nodes.get(i.node).map(|n| n.name.clone()).unwrap_or_default(),
                    network: w.networks.get(i.network).map(|n| n.name.clone()).unwrap_or_default(),
                    state: i.state,
                })
            })
        })
    }
}
