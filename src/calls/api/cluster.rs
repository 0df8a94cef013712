//! Clusters: `OpenCluster(Ex)`, `CloseCluster`, `GetClusterInformation`,
//! `GetClusterNetInterface`, `GetNodeClusterState`.

use std::panic::Location;

use crate::model::world::{ClusterKey, NetInterfaceKey};
use crate::session::handle_table::Access;
use crate::session::simulator::State;
use crate::types::access;
use crate::types::error::{Error, Result};
use crate::types::handle::HCluster;
use crate::types::state::NodeClusterState;

/// What `GetClusterInformation` returns.
#[derive(Debug, Clone, PartialEq, Eq)]
// Exhaustive on purpose: the fields are what the Win32 call returns, so production
// implementations of `ClusterApi` (such as clusapi-win) build it with a struct expression.
pub struct ClusterInformation {
    /// The cluster's name, as the topology spelled it.
    pub name: String,
    /// The version of the (simulated) cluster service.
    pub version: ClusterVersionInfo,
}

/// `CLUSTERVERSIONINFO`: the simulator reports a Windows Server 2022 cluster.
#[derive(Debug, Clone, PartialEq, Eq)]
// Exhaustive on purpose: the fields are what the Win32 call returns, so production
// implementations of `ClusterApi` (such as clusapi-win) build it with a struct expression.
pub struct ClusterVersionInfo {
    /// Operating system major version (10).
    pub major_version: u16,
    /// Operating system minor version (0).
    pub minor_version: u16,
    /// Operating system build (20348, Windows Server 2022).
    pub build_number: u16,
    /// `szVendorId`: `"Microsoft(R) Cluster Service"`.
    pub vendor_id: String,
    /// `szCSDVersion`: the service pack, empty.
    pub csd_version: String,
    /// `CLUSTER_MAKE_VERSION(11, 20348)`: cluster functional level 11 (Windows Server 2022).
    pub cluster_highest_version: u32,
    /// The same as the highest: every simulated node runs the same version.
    pub cluster_lowest_version: u32,
    /// `dwFlags`: 0.
    pub flags: u32,
}

impl Default for ClusterVersionInfo {
    fn default() -> Self {
        let version = (11 << 16) | 20348;
        Self {
            major_version: 10,
            minor_version: 0,
            build_number: 20348,
            vendor_id: "Microsoft(R) Cluster Service".into(),
            csd_version: String::new(),
            cluster_highest_version: version,
            cluster_lowest_version: version,
            flags: 0,
        }
    }
}

impl State {
    /// The cluster behind a cluster handle.
    pub(super) fn cluster_of(
        &mut self,
        h: HCluster,
        call: &'static str,
        at: &'static Location<'static>,
    ) -> Result<ClusterKey> {
        let (_, e) = self.resolve(h, call, at)?;
        let key = ClusterKey::from(e.object);
        if self.world.clusters.contains_key(key) {
            Ok(key)
        } else {
            Err(Error::RpcServerUnavailable(format!("the cluster behind {h:?} is gone")))
        }
    }
}

impl crate::calls::call::Cx<'_> {
    /// `OpenCluster(Ex)`: a new connection to the cluster `name` reaches, with `access`.
    fn connect(&mut self, name: Option<&str>, access: Access) -> Result<HCluster> {
        let at = self.at;
        let Some(cluster) = self.world.find_cluster(name) else {
            return Err(Error::RpcServerUnavailable(format!(
                "no simulated cluster or node is named \"{}\"",
                name.unwrap_or_default()
            )));
        };
        if self.stopped.contains(&cluster) {
            return Err(Error::RpcServerUnavailable(format!(
                "the cluster service of \"{}\" is stopped",
                name.unwrap_or("the local cluster")
            )));
        }
        let raw = self.handles.open_connection(cluster, access, at)?;
        HCluster::from_raw(raw).ok_or_else(|| Error::InternalError("the handle table returned NULL".into()))
    }
}

crate::calls::call::calls! {
    /// Clusters: `OpenCluster(Ex)`, `CloseCluster`, `GetClusterInformation`,
    /// `GetClusterNetInterface`, `GetNodeClusterState`.
    pub trait ClusterCalls;

    /// `OpenCluster`: opens a new connection to a cluster, with full access.
    ///
    /// `None`, an empty name, `"localhost"` and `"."` reach the local cluster, the first of
    /// the topology. A name may be the cluster's name or one of its nodes' names, each also
    /// fully qualified (`"NODE2.sim.test"`, with the cluster's domain: `.domain(..)` in the
    /// builder, `"sim.test"` by default), compared case-insensitively. Every call opens a
    /// new connection, which ends when its last handle closes.
    ///
    /// # Errors
    ///
    /// `RPC_S_SERVER_UNAVAILABLE` (1722) for a name that is no simulated cluster or node;
    /// `ERROR_NOT_ENOUGH_MEMORY` when the handle table is full.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{codes, Simulator};
    ///
    /// let sim = Simulator::default();
    /// let local = sim.open_cluster(None)?;
    /// let by_node = sim.open_cluster(Some("node2"))?;
    /// let by_fqdn = sim.open_cluster(Some("SimCluster.SIM.test"))?;
    /// let here = sim.open_cluster(Some("localhost"))?;
    /// assert_eq!(sim.open_cluster(Some("ELSEWHERE")).unwrap_err().code(), codes::RPC_S_SERVER_UNAVAILABLE);
    /// for h in [local, by_node, by_fqdn, here] {
    ///     sim.close_cluster(h)?;
    /// }
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    "OpenCluster" [faults(CONNECT) object(name)]
    fn open_cluster(st, name: Option<&str>) -> HCluster {
        st.connect(name, Access::All)
    }

    /// `OpenClusterEx`: as [`open_cluster`](Self::open_cluster), with a desired access
    /// (`GENERIC_READ`, `GENERIC_ALL` or `MAXIMUM_ALLOWED`, which grants `GENERIC_ALL`);
    /// returns the handle and the granted access. A `GENERIC_READ` handle, and every handle
    /// opened through it, may query but not change anything.
    ///
    /// # Errors
    ///
    /// Those of `open_cluster`, and `ERROR_INVALID_PARAMETER` (87) for a desired access of
    /// 0 or with bits other than those three.
    ///
    /// ```
    /// use clusapi_sim::{Simulator, GENERIC_ALL, GENERIC_READ, MAXIMUM_ALLOWED};
    ///
    /// let sim = Simulator::default();
    /// let (h, granted) = sim.open_cluster_ex(None, MAXIMUM_ALLOWED)?;
    /// assert_eq!(granted, GENERIC_ALL);
    /// let (r, granted) = sim.open_cluster_ex(None, GENERIC_READ)?;
    /// assert_eq!(granted, GENERIC_READ);
    /// assert_eq!(sim.open_cluster_ex(None, 0).unwrap_err().code(), 87);
    /// # sim.close_cluster(h)?; sim.close_cluster(r)?;
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    "OpenClusterEx" [faults(CONNECT) object(name)]
    fn open_cluster_ex(st, name: Option<&str>, desired_access: u32) -> (HCluster, u32) {
        let what = || match name {
            Some(n) => format!("cluster \"{n}\""),
            None => "the local cluster".to_owned(),
        };
        let access = access::requested(desired_access, Access::All, what)?;
        let h = st.connect(name, access)?;
        Ok((h, access::granted(access)))
    }

    /// `CloseCluster`: closes one cluster handle. Handles opened through it stay usable
    /// (in strict mode they fail with `ERROR_INVALID_HANDLE`, but can still be closed); the
    /// connection ends with its last handle.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a value that is not a live cluster handle (a second close
    /// included). The real `CloseCluster` is documented to always return `TRUE`; the
    /// simulator reports the misuse instead.
    "CloseCluster" [nofault]
    fn close_cluster(st, hcluster: HCluster) -> () {
        st.close_handle(hcluster)
    }

    /// `GetClusterInformation`: the cluster's name and version.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle.
    "GetClusterInformation" [faults(TRANSPORT)]
    fn get_cluster_information(st, hcluster: HCluster) -> ClusterInformation {
        let (call, at) = (st.call, st.at);
        let key = st.cluster_of(hcluster, call, at)?;
        let name = st.world.clusters.get(key).map(|c| c.name.clone()).unwrap_or_default();
        Ok(ClusterInformation { name, version: ClusterVersionInfo::default() })
    }

    /// `GetClusterNetInterface`: the name of the interface that connects `node` to
    /// `network`.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_CLUSTER_NODE_NOT_FOUND` (5042) for an
    /// unknown node (checked first); `ERROR_CLUSTER_NETWORK_NOT_FOUND` (5045) for an
    /// unknown network; `ERROR_CLUSTER_NETINTERFACE_NOT_FOUND` if the pair has no interface.
    "GetClusterNetInterface" [faults(TRANSPORT + ERROR_CLUSTER_NODE_NOT_FOUND + ERROR_CLUSTER_NETWORK_NOT_FOUND + ERROR_CLUSTER_NETINTERFACE_NOT_FOUND)]
    fn get_cluster_net_interface(st, hcluster: HCluster, node: &str, network: &str) -> String {
        let (call, at) = (st.call, st.at);
        let key = st.cluster_of(hcluster, call, at)?;
        let w = &st.world;
        let Some(c) = w.clusters.get(key) else {
            return Err(Error::RpcServerUnavailable("the cluster is gone".into()));
        };
        let node_key = c.node_names.get(node).ok_or_else(|| {
            Error::ClusterNodeNotFound(format!("no node named \"{node}\" in cluster \"{}\"", c.name))
        })?;
        let network_key = c.network_names.get(network).ok_or_else(|| {
            Error::ClusterNetworkNotFound(format!("no network named \"{network}\" in cluster \"{}\"", c.name))
        })?;
        let found: Option<NetInterfaceKey> = w.nodes.get(node_key).and_then(|n| {
            n.net_interfaces
                .iter()
                .copied()
                .find(|&i| w.net_interfaces.get(i).is_some_and(|i| i.network == network_key))
        });
        found.and_then(|i| w.net_interfaces.get(i)).map(|i| i.name.clone()).ok_or_else(|| {
            Error::ClusterNetInterfaceNotFound(format!(
                "node \"{node}\" has no interface on network \"{network}\""
            ))
        })
    }

    /// `GetNodeClusterState`: whether a machine is a running cluster node. The names are
    /// those `open_cluster` takes: `None`, `""`, `"localhost"` and `"."` ask about the local
    /// node of the local cluster; a node's name (or its fully qualified name) about that
    /// node; a cluster's name (or its fully qualified name) about the node that holds the
    /// cluster's name, the owner of its core group. A simulated node gives `Running`, or
    /// `NotRunning` while it is down or its cluster service is stopped; any other name
    /// gives `NotInstalled`.
    ///
    /// ```
    /// use clusapi_sim::{NodeClusterState, Simulator};
    ///
    /// let sim = Simulator::default();
    /// for name in [None, Some("."), Some("localhost"), Some("node2.sim.test"), Some("simcluster")] {
    ///     assert_eq!(sim.get_node_cluster_state(name), NodeClusterState::Running, "{name:?}");
    /// }
    /// assert_eq!(sim.get_node_cluster_state(Some("FILESERVER")), NodeClusterState::NotInstalled);
    /// ```
    #[must_use]
    "GetNodeClusterState" [nofault infallible(NodeClusterState::NotInstalled)]
    fn get_node_cluster_state(st, node_name: Option<&str>) -> NodeClusterState {
        let w = &st.world;
        let Some(host) = w.find_host(node_name) else { return Ok(NodeClusterState::NotInstalled) };
        let cluster = host.cluster;
        let node = host.node.or_else(|| w.cluster_name_node(cluster));
        let up = node.and_then(|n| w.nodes.get(n)).is_some_and(|n| n.state != crate::ClusterNodeState::Down);
        if up && !st.stopped.contains(&cluster) {
            Ok(NodeClusterState::Running)
        } else {
            Ok(NodeClusterState::NotRunning)
        }
    }
}
