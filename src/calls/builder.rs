//! `SimulatorBuilder`: the clusters to simulate, the options, and the faults and triggers
//! planned from the start; `build` checks it all and makes the [`Simulator`].

use slotmap::SlotMap;

use crate::model::world::{ClusterSpec, GroupSpec, ResourceSpec, Topology, World};
use crate::session::diagnostics::Diagnostics;
use crate::session::handle_table::{HandleTable, MAX_HANDLES};
use crate::session::simulator::{Simulator, State};
use crate::types::error::{Error, Result};
use crate::types::identity::SimId;

impl Default for Simulator {
    /// A ready cluster shaped like a fresh real one: `"SIMCLUSTER"` with nodes `NODE1` and
    /// `NODE2`, networks `"Cluster Network 1"` and `"Cluster Network 2"` (so four network
    /// interfaces, `"NODE1 - Cluster Network 1"` and so on), the core group
    /// `"Cluster Group"` owned by `NODE1` with `"Cluster Name"` (type `"Network Name"`) and
    /// `"Cluster IP Address"` (type `"IP Address"`), and the empty group
    /// `"Available Storage"`.
    ///
    /// # Panics
    ///
    /// Only if 4095 simulators are alive at once (see [`SimulatorBuilder::build`], which
    /// reports that as an error instead).
    fn default() -> Self {
        match Self::default_builder().build() {
            Ok(sim) => sim,
            Err(e) => panic!("cannot create the default simulator: {e}"),
        }
    }
}

impl Simulator {
    /// Starts describing a topology. See [`SimulatorBuilder`].
    pub fn builder() -> SimulatorBuilder {
        SimulatorBuilder::default()
    }

    /// The builder behind [`Simulator::default`], to extend or to set options on.
    ///
    /// ```
    /// let sim = clusapi_sim::Simulator::default_builder().strict().build()?;
    /// assert!(sim.is_strict());
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn default_builder() -> SimulatorBuilder {
        Self::builder()
            .cluster("SIMCLUSTER")
            .node("NODE1")
            .node("NODE2")
            .network("Cluster Network 1")
            .network("Cluster Network 2")
            .group("Cluster Group", "NODE1")
            .resource("Cluster Group", "Cluster Name", "Network Name")
            .resource("Cluster Group", "Cluster IP Address", "IP Address")
            .group("Available Storage", "NODE1")
    }
}

/// Describes the clusters to simulate, then builds the [`Simulator`].
///
/// Each object call applies to the cluster most recently started with
/// [`cluster`](Self::cluster); the first cluster is the *local* cluster, which
/// `open_cluster(None)` reaches. Mistakes are remembered and reported by
/// [`build`](Self::build), so calls chain without `?`.
///
/// # Examples
///
/// ```
/// use clusapi_sim::Simulator;
///
/// let sim = Simulator::builder()
///     .cluster("SQLCLUSTER")
///     .node("SQL1")
///     .node("SQL2")
///     .network("Public")
///     .group("SQL Group", "SQL1")
///     .resource("SQL Group", "SQL Server", "Generic Service")
///     .build()?;
/// let h = sim.open_cluster(Some("sql2"))?; // a node's name reaches its cluster
/// assert_eq!(sim.get_cluster_net_interface(h, "SQL2", "Public")?, "SQL2 - Public");
/// sim.close_cluster(h)?;
/// # Ok::<(), clusapi_sim::Error>(())
/// ```
///
/// A bad topology is an error that names the culprit:
///
/// ```
/// use clusapi_sim::{codes, Simulator};
///
/// let err = Simulator::builder().cluster("C").node("N1").group("G", "N9").build().unwrap_err();
/// assert_eq!(err.code(), codes::ERROR_CLUSTER_NODE_NOT_FOUND);
/// assert!(err.to_string().contains("N9"));
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct SimulatorBuilder {
    topology: Topology,
    error: Option<Error>,
    strict: bool,
    handle_limit: usize,
    max_diagnostics: usize,
    transition_polls: Option<u32>,
    transition_time: Option<std::time::Duration>,
    manual_clock: bool,
    faults: Vec<crate::Fault>,
    enum_seed: Option<u64>,
    history_limit: usize,
    /// Each trigger, with its line when a topology file gave it.
    triggers: Vec<(crate::Trigger, Option<usize>)>,
}

impl Default for SimulatorBuilder {
    fn default() -> Self {
        Self {
            topology: Topology::default(),
            error: None,
            strict: false,
            handle_limit: MAX_HANDLES,
            max_diagnostics: crate::session::diagnostics::DEFAULT_MAX_DIAGNOSTICS,
            transition_polls: None,
            transition_time: None,
            manual_clock: false,
            faults: Vec::new(),
            enum_seed: None,
            history_limit: 0,
            triggers: Vec::new(),
        }
    }
}

impl SimulatorBuilder {
    fn with_cluster(mut self, call: &str, f: impl FnOnce(&mut ClusterSpec)) -> Self {
        match self.topology.clusters.last_mut() {
            Some(c) => f(c),
            None => {
                if self.error.is_none() {
                    self.error =
                        Some(Error::InvalidParameter(format!("{call} comes before any .cluster(name)")));
                }
            }
        }
        self
    }

    /// Starts a cluster; the calls that follow add to it. The first cluster is the local
    /// one. Its name is at most 63 characters (`MAX_CLUSTERNAME_LENGTH`).
    pub fn cluster(mut self, name: impl Into<String>) -> Self {
        self.topology.clusters.push(ClusterSpec { name: name.into(), ..ClusterSpec::default() });
        self
    }

    /// Adds a node. Every network of the cluster gets an interface on it, named
    /// `"<node> - <network>"`, whether the network was added before or after the node.
    pub fn node(self, name: impl Into<String>) -> Self {
        let name = name.into();
        self.with_cluster(&format!(".node({name:?})"), |c| c.nodes.push(name))
    }

    /// Adds a network, with one interface per node of the cluster.
    pub fn network(self, name: impl Into<String>) -> Self {
        let name = name.into();
        self.with_cluster(&format!(".network({name:?})"), |c| c.networks.push(name))
    }

    /// Adds a group owned by `owner_node` (a node of this cluster, added before or after).
    /// It starts offline, unless it is the core group `"Cluster Group"`.
    pub fn group(self, name: impl Into<String>, owner_node: impl Into<String>) -> Self {
        let (name, owner) = (name.into(), owner_node.into());
        self.with_cluster(&format!(".group({name:?})"), |c| {
            c.groups.push(GroupSpec { name, owner, online: false, group_type: None })
        })
    }

    /// Adds a group that starts online: its resources online on `owner_node`. (Other groups
    /// start offline, except the core group `"Cluster Group"`, which always starts online.)
    pub fn online_group(self, name: impl Into<String>, owner_node: impl Into<String>) -> Self {
        let (name, owner) = (name.into(), owner_node.into());
        self.with_cluster(&format!(".online_group({name:?})"), |c| {
            c.groups.push(GroupSpec { name, owner, online: true, group_type: None });
        })
    }

    /// Sets the `GroupType` of `group` (a group of this cluster added before): any
    /// `CLUSGROUP_TYPE` value ([`clusgroup_type`](crate::clusgroup_type) names the known
    /// ones), as `CreateClusterGroupEx` would give it. Without it a group's type is
    /// `ClusGroupTypeCoreCluster` (1) for the core group `"Cluster Group"`,
    /// `ClusGroupTypeAvailableStorage` (2) for `"Available Storage"` and
    /// `ClusGroupTypeUnknown` (9999) for any other, as on a real cluster. The type is a
    /// read-only common property (`CLUSCTL_GROUP_GET_RO_COMMON_PROPERTIES`).
    ///
    /// ```
    /// use clusapi_sim::clusgroup_type::{ClusGroupTypeUnknown, ClusGroupTypeVirtualMachine};
    /// use clusapi_sim::{PropertyList, PropertyValue, Simulator, clusctl};
    ///
    /// let sim = Simulator::default_builder()
    ///     .group("VM1", "NODE2")
    ///     .group_type("VM1", ClusGroupTypeVirtualMachine)
    ///     .group("App", "NODE1")
    ///     .build()?;
    /// let c = sim.open_cluster(None)?;
    /// for (name, expected) in [("VM1", ClusGroupTypeVirtualMachine), ("App", ClusGroupTypeUnknown), ("Cluster Group", 1)] {
    ///     let g = sim.open_cluster_group(c, name)?;
    ///     let out = sim.cluster_group_control(g, None, clusctl::CLUSCTL_GROUP_GET_RO_COMMON_PROPERTIES, &[])?;
    ///     assert_eq!(PropertyList::parse(&out)?.get("GroupType"), Some(&PropertyValue::Dword(expected)));
    ///     sim.close_cluster_group(g)?;
    /// }
    /// # sim.close_cluster(c)?;
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn group_type(mut self, group: impl Into<String>, group_type: u32) -> Self {
        let group = group.into();
        let mut found = false;
        self = self.with_cluster(&format!(".group_type({group:?}, {group_type})"), |c| {
            if let Some(g) =
                c.groups.iter_mut().rev().find(|g| crate::types::names::names_equal(&g.name, &group))
            {
                g.group_type = Some(group_type);
                found = true;
            }
        });
        if !found && self.error.is_none() {
            self.error = Some(Error::GroupNotFound(format!(
                ".group_type: no group \"{group}\" in this cluster (add it with .group first)"
            )));
        }
        self
    }

    /// Adds a resource of type `resource_type` (for example `"Physical Disk"`,
    /// `"IP Address"`, `"Generic Service"`) to `group`, a group of this cluster.
    pub fn resource(
        self,
        group: impl Into<String>,
        name: impl Into<String>,
        resource_type: impl Into<String>,
    ) -> Self {
        let (group, name, resource_type) = (group.into(), name.into(), resource_type.into());
        self.with_cluster(&format!(".resource({name:?})"), |c| {
            c.resources.push(ResourceSpec {
                group,
                name,
                resource_type,
                private: Default::default(),
                disk: None,
            });
        })
    }

    /// Adds a `Physical Disk` resource named `name` with this disk behind it, in the group
    /// `"Available Storage"` (where a real cluster puts a disk it takes), offline. Its
    /// private properties `DiskIdType` and `DiskSignature` or `DiskIdGuid` say which disk it
    /// is; the storage control codes (`CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO`, ...) describe
    /// its partitions and volumes. [`group_disk`](Self::group_disk) puts one in another
    /// group.
    ///
    /// `build()` checks the disk: `ERROR_INVALID_PARAMETER` for a GPT id or volume GUID that
    /// is not a GUID, partitions larger than the disk, free space larger than its partition,
    /// a path that is not `X:\...`; `ERROR_OBJECT_ALREADY_EXISTS` for a disk id, volume GUID,
    /// drive letter or mount point another disk of the cluster has.
    ///
    /// ```
    /// use clusapi_sim::{clusctl, Disk, Partition, PropertyList, PropertyValue, Simulator};
    ///
    /// let sim = Simulator::default_builder()
    ///     .disk("Cluster Disk 1", Disk::mbr(0x1a2b_3c4d, 10 << 30).partition(Partition::new(10 << 30).drive_letter('E')))
    ///     .build()?;
    /// let c = sim.open_cluster(None)?;
    /// let disk = sim.open_cluster_resource(c, "Cluster Disk 1")?;
    /// assert_eq!(sim.get_cluster_resource_state(disk)?.group, "Available Storage");
    /// let out = sim.cluster_resource_control(disk, None, clusctl::CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES, &[])?;
    /// assert_eq!(PropertyList::parse(&out)?.get("DiskSignature"), Some(&PropertyValue::Dword(0x1a2b_3c4d)));
    /// # sim.close_cluster_resource(disk)?; sim.close_cluster(c)?;
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn disk(self, name: impl Into<String>, disk: crate::Disk) -> Self {
        self.group_disk(crate::types::group_type::AVAILABLE_STORAGE, name, disk)
    }

    /// Adds a `Physical Disk` resource with this disk behind it to `group` (a group of this
    /// cluster), as [`disk`](Self::disk) does to `"Available Storage"`.
    pub fn group_disk(self, group: impl Into<String>, name: impl Into<String>, disk: crate::Disk) -> Self {
        let (group, name) = (group.into(), name.into());
        let resource_type = crate::model::world::storage::PHYSICAL_DISK.to_owned();
        self.with_cluster(&format!(".disk({name:?})"), |c| {
            c.resources.push(ResourceSpec {
                group,
                name,
                resource_type,
                private: Default::default(),
                disk: Some(disk),
            });
        })
    }

    /// Adds a disk every node of this cluster sees that is not a resource yet: what
    /// `CLUSCTL_RESOURCE_TYPE_STORAGE_GET_AVAILABLE_DISKS` lists for the `Physical Disk`
    /// type (MS-CMRP 3.1.4.3.2.21: the disks that can be placed under cluster control).
    pub fn available_disk(self, disk: crate::Disk) -> Self {
        self.with_cluster(".available_disk(..)", |c| c.available_disks.push(disk))
    }

    /// Sets a private property of `resource` (a resource of this cluster added before),
    /// as `CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES` would: for the built-in types the
    /// property must be one of the type's read-write private properties, in its format
    /// (`build()` names the culprit otherwise); for other types any name is taken.
    ///
    /// ```
    /// use clusapi_sim::{clusctl, PropertyList, PropertyValue, Simulator};
    ///
    /// let sim = Simulator::default_builder()
    ///     .private_property("Cluster IP Address", "Address", PropertyValue::Sz("10.0.0.20".into()))
    ///     .build()?;
    /// let c = sim.open_cluster(None)?;
    /// let ip = sim.open_cluster_resource(c, "Cluster IP Address")?;
    /// let out = sim.cluster_resource_control(ip, None, clusctl::CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES, &[])?;
    /// let props = PropertyList::parse(&out)?;
    /// assert_eq!(props.get("Address"), Some(&PropertyValue::Sz("10.0.0.20".into())));
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn private_property(
        mut self,
        resource: impl Into<String>,
        name: impl Into<String>,
        value: crate::PropertyValue,
    ) -> Self {
        let (resource, name) = (resource.into(), name.into());
        let mut failure = None;
        self = self.with_cluster(&format!(".private_property({resource:?}, {name:?})"), |c| {
            match c.resources.iter_mut().rev().find(|r| crate::types::names::names_equal(&r.name, &resource)) {
                Some(r) => {
                    if let Err(e) = crate::model::control::set_private(&mut r.private, &r.resource_type, &name, value) {
                        failure = Some(Error::with_message(e.code(), format!("resource \"{resource}\": {}", e.message())));
                    }
                }
                None => {
                    failure = Some(Error::InvalidParameter(format!(
                        ".private_property: no resource \"{resource}\" in this cluster (add it with .resource first)"
                    )));
                }
            }
        });
        if self.error.is_none() {
            self.error = failure;
        }
        self
    }

    /// Names the node the client runs on (`get_cluster_node_id(None)`); by default the
    /// first node of the cluster.
    pub fn local_node(self, name: impl Into<String>) -> Self {
        let name = name.into();
        self.with_cluster(&format!(".local_node({name:?})"), |c| c.local_node = Some(name))
    }

    /// Sets the DNS domain of this cluster and its nodes (default `"sim.test"`, under the
    /// `.test` domain RFC 6761 reserves for testing): `open_cluster` and
    /// `get_node_cluster_state` then take `"<name>.<domain>"` for the cluster and for each
    /// node, as they take the plain names. A domain is dot-separated labels, none empty, at
    /// most 253 characters (`build()` answers `ERROR_INVALID_PARAMETER` otherwise).
    ///
    /// ```
    /// use clusapi_sim::{codes, Simulator};
    ///
    /// let sim = Simulator::builder().cluster("SQLCLUSTER").domain("contoso.com").node("SQL1").build()?;
    /// let by_fqdn = sim.open_cluster(Some("sql1.CONTOSO.com"))?;
    /// let cluster = sim.open_cluster(Some("SQLCluster.contoso.com"))?;
    /// assert_eq!(sim.open_cluster(Some("SQL1.sim.test")).unwrap_err().code(), codes::RPC_S_SERVER_UNAVAILABLE);
    /// # sim.close_cluster(by_fqdn)?; sim.close_cluster(cluster)?;
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn domain(self, domain: impl Into<String>) -> Self {
        let domain = domain.into();
        self.with_cluster(&format!(".domain({domain:?})"), |c| c.domain = Some(domain))
    }

    /// Follows the documented contract of `CloseCluster`: a handle used after the cluster
    /// handle it was opened through was closed fails with `ERROR_INVALID_HANDLE`. (By
    /// default such a use works, as it does on real servers, and is only recorded in
    /// [`Simulator::diagnostics`].) Closing such a handle succeeds in both modes.
    pub fn strict(mut self) -> Self {
        self.strict = true;
        self
    }

    /// Caps the number of live handles (default and maximum 2^24, the Windows per-process
    /// limit). Past it, opening fails with `ERROR_NOT_ENOUGH_MEMORY` and nothing changes.
    pub fn handle_limit(mut self, limit: usize) -> Self {
        if (limit == 0 || limit > MAX_HANDLES) && self.error.is_none() {
            self.error = Some(Error::InvalidParameter(format!(
                ".handle_limit({limit}): the limit must be between 1 and {MAX_HANDLES}"
            )));
        }
        self.handle_limit = limit;
        self
    }

    /// Adds the clusters a TOML topology describes (and applies its `strict` and
    /// `handle_limit` settings). The format is the builder's, written down:
    ///
    /// ```toml
    /// strict = false            # optional
    /// handle_limit = 100000     # optional
    /// pending_transitions = 3   # optional
    /// pending_duration_ms = 500 # optional: .pending_duration(500 ms)
    /// manual_clock = false      # optional: .manual_clock()
    ///
    /// [[cluster]]
    /// name = "SIMCLUSTER"
    /// nodes = ["NODE1", "NODE2"]
    /// networks = ["Cluster Network 1", "Cluster Network 2"]
    /// local_node = "NODE1"      # optional: the first node by default
    /// domain = "contoso.com"    # optional: .domain(..), "sim.test" by default
    ///
    /// [[cluster.group]]
    /// name = "Cluster Group"
    /// owner = "NODE1"
    /// group_type = 1            # optional: its GroupType, as .group_type(name, 1)
    /// resources = [
    ///     { name = "Cluster Name", type = "Network Name" },
    ///     { name = "Cluster IP Address", type = "IP Address" },
    /// ]
    /// ```
    ///
    /// Errors surface from [`build`](Self::build): `ERROR_INVALID_DATA` (13) for text that
    /// does not parse or has unknown keys, and the builder's own errors otherwise, each
    /// with the line of its culprit.
    ///
    /// ```
    /// let sim = clusapi_sim::Simulator::builder()
    ///     .topology_toml("[[cluster]]\nname = \"C\"\nnodes = [\"N1\"]\nnetworks = [\"LAN\"]\n")
    ///     .build()?;
    /// let c = sim.open_cluster(Some("N1"))?;
    /// assert_eq!(sim.get_cluster_net_interface(c, "N1", "LAN")?, "N1 - LAN");
    /// # sim.close_cluster(c)?;
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[cfg(feature = "topology-file")]
    pub fn topology_toml(mut self, text: &str) -> Self {
        if self.error.is_some() {
            return self;
        }
        match crate::model::world::topology_file::parse(text, &mut self.topology) {
            Ok(options) => {
                if options.strict == Some(true) {
                    self = self.strict();
                }
                if let Some(limit) = options.handle_limit {
                    self = self.handle_limit(limit);
                }
                if let Some(polls) = options.pending_transitions {
                    self = self.pending_transitions(polls);
                }
                if let Some(ms) = options.pending_duration_ms {
                    self = self.pending_duration(std::time::Duration::from_millis(ms));
                }
                if options.manual_clock == Some(true) {
                    self = self.manual_clock();
                }
                if let Some(limit) = options.record_history {
                    self = self.record_history(limit);
                }
                self.triggers.extend(options.triggers.into_iter().map(|(t, line)| (t, Some(line))));
            }
            Err(e) => self.error = Some(e),
        }
        self
    }

    /// Reads a TOML topology file; see [`topology_toml`](Self::topology_toml).
    ///
    /// Errors surface from [`build`](Self::build): `ERROR_FILE_NOT_FOUND` (2) for a file
    /// that cannot be read, with its path, and those of `topology_toml`.
    #[cfg(feature = "topology-file")]
    pub fn topology_file(mut self, path: impl AsRef<std::path::Path>) -> Self {
        let path = path.as_ref();
        match std::fs::read_to_string(path) {
            Ok(text) => self.topology_toml(&text),
            Err(e) => {
                if self.error.is_none() {
                    self.error = Some(Error::FileNotFound(format!("topology file {}: {e}", path.display())));
                }
                self
            }
        }
    }

    /// Makes online, offline and move operations take time, as on a real cluster: they
    /// return `ERROR_IO_PENDING` (997), the resources sit in `OnlinePending` /
    /// `OfflinePending` (and their group in `Pending`), and each transition completes on the
    /// `polls`-th state query of its resource or group, or on [`Simulator::step`] /
    /// [`Simulator::settle`]. Meanwhile further online, offline and move operations on the
    /// group answer `ERROR_INVALID_STATE` (5023). By default everything completes at once.
    ///
    /// ```
    /// use clusapi_sim::{ClusterGroupState, Simulator, codes};
    ///
    /// let sim = Simulator::default_builder().pending_transitions(2).build()?;
    /// let c = sim.open_cluster(None)?;
    /// let g = sim.open_cluster_group(c, "Cluster Group")?;
    /// assert_eq!(sim.move_cluster_group(g, None).unwrap_err().code(), codes::ERROR_IO_PENDING);
    /// assert_eq!(sim.get_cluster_group_state(g)?.state, ClusterGroupState::Pending); // poll 1
    /// assert_eq!(sim.get_cluster_group_state(g)?.state, ClusterGroupState::Online); // poll 2
    /// # sim.close_cluster_group(g)?; sim.close_cluster(c)?;
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn pending_transitions(mut self, polls: u32) -> Self {
        if polls == 0 && self.error.is_none() {
            self.error = Some(Error::InvalidParameter(
                ".pending_transitions(0): a transition takes at least one state poll".into(),
            ));
        }
        self.transition_polls = Some(polls);
        self
    }

    /// Makes pending transitions also complete after `duration` of simulated time, for code
    /// that waits (sleeps, or waits on a notification port) rather than polls. A transition
    /// started at simulated time `t` completes on the first call into the simulator at or
    /// after `t + duration`, before that call does anything else; a
    /// [`get_cluster_notify`](Simulator::get_cluster_notify) waiting meanwhile wakes at the
    /// deadline and receives its events.
    ///
    /// It implies pending transitions: operations answer `ERROR_IO_PENDING` (997) as with
    /// [`pending_transitions`](Self::pending_transitions). With both, a transition ends on
    /// whichever comes first, its `polls`-th state poll or its deadline; with a duration
    /// alone, state polls (and [`Simulator::step`]) do not end it, only time and
    /// [`Simulator::settle`] do.
    ///
    /// Simulated time follows the wall clock from [`build`](Self::build), and
    /// [`Simulator::advance_clock`] moves it ahead; with [`manual_clock`](Self::manual_clock)
    /// only `advance_clock` moves it, for tests that must not depend on timing. Without this
    /// option no call reads the clock. Errors surface from [`build`](Self::build):
    /// `ERROR_INVALID_PARAMETER` (87) for a zero duration.
    ///
    /// ```
    /// use std::time::Duration;
    /// use clusapi_sim::{ClusterGroupState, Simulator, codes};
    ///
    /// let sim = Simulator::default_builder()
    ///     .pending_duration(Duration::from_millis(500))
    ///     .manual_clock()
    ///     .build()?;
    /// let c = sim.open_cluster(None)?;
    /// let g = sim.open_cluster_group(c, "Cluster Group")?;
    /// assert_eq!(sim.move_cluster_group(g, None).unwrap_err().code(), codes::ERROR_IO_PENDING);
    /// assert_eq!(sim.get_cluster_group_state(g)?.state, ClusterGroupState::Pending);
    /// // Code that waits and calls again meets ERROR_INVALID_STATE until the deadline...
    /// sim.advance_clock(Duration::from_millis(499));
    /// assert_eq!(sim.online_cluster_group(g, None).unwrap_err().code(), codes::ERROR_INVALID_STATE);
    /// // ... and the completed move after it.
    /// sim.advance_clock(Duration::from_millis(1));
    /// assert_eq!(sim.get_cluster_group_state(g)?.state, ClusterGroupState::Online);
    /// # sim.close_cluster_group(g)?; sim.close_cluster(c)?;
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn pending_duration(mut self, duration: std::time::Duration) -> Self {
        if duration.is_zero() && self.error.is_none() {
            self.error = Some(Error::InvalidParameter(
                ".pending_duration(0): a timed transition takes some time (leave the option out for none)"
                    .into(),
            ));
        }
        self.transition_time = Some(duration);
        self
    }

    /// Simulated time stands still but for [`Simulator::advance_clock`] (and the
    /// `advance_clock` lever of triggers), instead of following the wall clock: timed
    /// transitions ([`pending_duration`](Self::pending_duration)) then complete exactly when
    /// the test says, whatever the machine's speed.
    pub fn manual_clock(mut self) -> Self {
        self.manual_clock = true;
        self
    }

    /// Records every call (ClusAPI functions and levers) with its arguments, result and
    /// call site, keeping the last `limit` ([`Simulator::history`]). Without it, nothing is
    /// recorded and no memory is held.
    pub fn record_history(mut self, limit: usize) -> Self {
        self.history_limit = limit;
        self
    }

    /// Shuffles every enumeration (its items in any order, kinds mixed), reproducibly from
    /// `seed`, to flush out code that depends on the order real clusters happen to use.
    /// Each enumeration gets an order of its own; the same seed and calls give the same
    /// orders.
    pub fn perturb_enumeration_order(mut self, seed: u64) -> Self {
        self.enum_seed = Some(seed);
        self
    }

    /// Starts with a rule in the fault plan (see [`crate::Fault`]); more can be added and
    /// removed at run time with [`Simulator::add_fault`] / [`Simulator::clear_faults`].
    pub fn fault(mut self, fault: crate::Fault) -> Self {
        self.faults.push(fault);
        self
    }

    /// Starts with a trigger (see [`crate::Trigger`]); more can be added at run time with
    /// [`Simulator::add_trigger`]. [`build`](Self::build) refuses one whose call or lever
    /// target does not exist.
    pub fn trigger(mut self, trigger: crate::Trigger) -> Self {
        self.triggers.push((trigger, None));
        self
    }

    /// Caps how many diagnostics are kept (default 10,000); later ones are counted, not
    /// kept.
    pub fn max_diagnostics(mut self, max: usize) -> Self {
        self.max_diagnostics = max;
        self
    }

    /// Checks the topology and builds the simulator.
    ///
    /// # Errors
    ///
    /// The first problem found, naming its culprit:
    /// * `ERROR_OBJECT_ALREADY_EXISTS`: two clusters, nodes, networks, groups, resources or
    ///   network interfaces of one name (compared case-insensitively; cluster and node
    ///   names, and their fully qualified names, share one namespace, since `open_cluster`
    ///   accepts them all);
    /// * `ERROR_CLUSTER_NODE_NOT_FOUND`: a group owner or local node that is not a node of
    ///   its cluster;
    /// * `ERROR_GROUP_NOT_FOUND`: a resource in a group that is not in its cluster;
    /// * `ERROR_INVALID_PARAMETER`: no cluster, a cluster without nodes, an empty name or
    ///   one with a NUL, a cluster name over 63 characters, a cluster or node named
    ///   `"localhost"` or `"."` (the local machine's names), a domain that is not one, an
    ///   object before any cluster,
    ///   a handle limit out of range, a fault whose operation names no ClusAPI call;
    /// * `ERROR_NOT_ENOUGH_MEMORY`: 4095 simulators are alive already.
    pub fn build(self) -> Result<Simulator> {
        if let Some(e) = self.error {
            return Err(e);
        }
        self.topology.validate()?;
        let id = SimId::allocate()?;
        let mut world = World::from_topology(&self.topology);
        world.transition_polls = self.transition_polls;
        world.timing.duration = self.transition_time;
        let clock = if self.manual_clock {
            crate::session::clock::Clock::manual()
        } else {
            crate::session::clock::Clock::wall()
        };
        let state = State {
            world,
            handles: HandleTable::new(id.get(), self.handle_limit),
            snapshots: SlotMap::with_key(),
            reg_keys: SlotMap::with_key(),
            diagnostics: Diagnostics::new(self.max_diagnostics),
            strict: self.strict,
            stopped: Vec::new(),
            faults: crate::session::fault::FaultPlan::default(),
            enum_seed: self.enum_seed,
            enum_draws: 0,
            ports: SlotMap::with_key(),
            wake_waiters: false,
            #[cfg(test)]
            tap: None,
            history: None,
            history_limit: self.history_limit,
            triggers: crate::session::trigger::TriggerPlan::default(),
            clock,
        };
        let mut state = state;
        for f in self.faults {
            state.faults.add(f, crate::calls())?;
        }
        for (t, line) in self.triggers {
            state.add_trigger(t, crate::calls()).map_err(|e| match line {
                Some(line) => Error::InvalidData(format!("topology file, line {line}: {}", e.message())),
                None => e,
            })?;
        }
        Ok(Simulator::from_state(state, id))
    }
}
