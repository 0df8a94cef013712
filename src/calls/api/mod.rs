//! The ClusAPI-shaped operations, one file per object family.
//!
//! Every public operation is a thin `#[track_caller]` method on [`Simulator`] over one of
//! the generic operations here, so the rules (handle checks, scope rules, access, the
//! handle table) live in one place.

mod classic;
mod cluster;
mod control;
mod enumerate;
mod group;
mod modern;
mod net_interface;
mod network;
mod node;
mod notify;
mod notify_v2;
mod registry;
mod resource;
mod restype;

use std::panic::Location;

use slotmap::KeyData;

use crate::model::world::ClusterKey;
use crate::session::diagnostics::DiagnosticKind;
use crate::session::handle_table::Access;
use crate::session::simulator::State;
use crate::types::access;
use crate::types::error::{Error, Result};
use crate::types::handle::{HCluster, Handle};

pub use classic::ClassicCalls;
pub use classic::QuorumInfo;
pub use cluster::ClusterCalls;
pub use cluster::{ClusterInformation, ClusterVersionInfo};
pub use control::ControlCalls;
pub use enumerate::EnumCalls;
pub use enumerate::{
    CLUSTER_ENUM_ALL, CLUSTER_ENUM_GROUP, CLUSTER_ENUM_INTERNAL_NETWORK, CLUSTER_ENUM_NETINTERFACE,
    CLUSTER_ENUM_NETWORK, CLUSTER_ENUM_NODE, CLUSTER_ENUM_RESOURCE, CLUSTER_ENUM_RESTYPE,
    CLUSTER_ENUM_SHARED_VOLUME_GROUP, CLUSTER_ENUM_SHARED_VOLUME_RESOURCE, CLUSTER_GROUP_ENUM_ALL,
    CLUSTER_GROUP_ENUM_CONTAINS, CLUSTER_GROUP_ENUM_NODES, CLUSTER_NETWORK_ENUM_ALL,
    CLUSTER_NETWORK_ENUM_NETINTERFACES, CLUSTER_NODE_ENUM_ALL, CLUSTER_NODE_ENUM_GROUPS,
    CLUSTER_NODE_ENUM_NETINTERFACES, CLUSTER_NODE_ENUM_PREFERRED_GROUPS, CLUSTER_RESOURCE_ENUM_ALL,
    CLUSTER_RESOURCE_ENUM_DEPENDS, CLUSTER_RESOURCE_ENUM_NODES, CLUSTER_RESOURCE_ENUM_PROVIDES,
};
pub use group::GroupCalls;
pub use group::{ClusterCreateGroupInfo, GroupStateInfo};
pub use modern::ModernCalls;
pub use modern::{
    CLUSAPI_GROUP_MOVE_FAILBACK, CLUSAPI_GROUP_MOVE_HIGH_PRIORITY_START,
    CLUSAPI_GROUP_MOVE_IGNORE_RESOURCE_STATUS, CLUSAPI_GROUP_MOVE_QUEUE_ENABLED,
    CLUSAPI_GROUP_MOVE_RETURN_TO_SOURCE_NODE_ON_ERROR, CLUSAPI_GROUP_ONLINE_BEST_POSSIBLE_NODE,
    CLUSAPI_GROUP_ONLINE_IGNORE_RESOURCE_STATUS, CLUSAPI_GROUP_ONLINE_SYNCHRONOUS,
    CLUSAPI_NODE_AVOID_PLACEMENT, CLUSAPI_NODE_PAUSE_REMAIN_ON_PAUSED_NODE_ON_MOVE_ERROR,
    CLUSAPI_NODE_PAUSE_RETRY_DRAIN_ON_FAILURE, ClusterEnumItem, DO_NOT_FAILBACK_GROUPS,
    FAILBACK_GROUPS_IMMEDIATELY, FAILBACK_GROUPS_PER_POLICY,
};
pub use net_interface::NetInterfaceCalls;
pub use network::NetworkCalls;
pub use node::NodeCalls;
pub use notify::NotifyCalls;
pub use notify_v2::NotifyV2Calls;
pub use registry::RegistryCalls;
pub use resource::ResourceCalls;
pub use resource::{CLUSTER_RESOURCE_DEFAULT_MONITOR, CLUSTER_RESOURCE_SEPARATE_MONITOR, ResourceStateInfo};
pub use restype::ResourceTypeCalls;
pub use restype::{
    CLUSTER_RESOURCE_TYPE_ENUM_ALL, CLUSTER_RESOURCE_TYPE_ENUM_NODES, CLUSTER_RESOURCE_TYPE_ENUM_RESOURCES,
};

/// `ClusterApi` and its blanket implementation, from one list of the family traits.
macro_rules! cluster_api {
    ($($family:ident),* $(,)?) => {
        /// Every ClusAPI call of the Rust API, as one trait: the seam production code is written
        /// against, so a test can pass it a [`Simulator`](crate::Simulator) and production a client
        /// of the real `clusapi.dll` (`clusapi_win::WinClusterApi`, the workspace crate `win/`).
        ///
        /// It is the sum of one trait per family of calls (`NetworkCalls`, ...), each generated from
        /// the declarations of its calls; anything that implements them all is a `ClusterApi`. The
        /// test harness's side (levers, fault plans, history, diagnostics, inspection) is not in it.
        ///
        /// ```
        /// use clusapi_sim::{ClusterApi, HCluster, Simulator};
        ///
        /// // Production code: generic over the API, it never names the simulator.
        /// fn network_id(api: &impl ClusterApi, cluster: HCluster, name: &str) -> clusapi_sim::Result<String> {
        ///     let network = api.open_cluster_network(cluster, name)?;
        ///     let id = api.get_cluster_network_id(network);
        ///     api.close_cluster_network(network)?;
        ///     id
        /// }
        ///
        /// let sim = Simulator::default();
        /// let cluster = sim.open_cluster(None)?;
        /// assert_eq!(network_id(&sim, cluster, "Cluster Network 1")?.len(), 36);
        /// # sim.close_cluster(cluster)?;
        /// # Ok::<(), clusapi_sim::Error>(())
        /// ```
        pub trait ClusterApi: $($family +)* {}

        impl<T: $($family +)*> ClusterApi for T {}
    };
}

cluster_api! {
    ClusterCalls,
    NodeCalls,
    GroupCalls,
    ResourceCalls,
    NetworkCalls,
    NetInterfaceCalls,
    EnumCalls,
    ModernCalls,
    ClassicCalls,
    ResourceTypeCalls,
    RegistryCalls,
    ControlCalls,
    NotifyCalls,
    NotifyV2Calls,
}

/// The declared calls of every family, ClusAPI functions and levers.
const FAMILIES: &[&[crate::types::call_info::CallInfo]] = &[
    cluster::CALLS,
    node::CALLS,
    group::CALLS,
    resource::CALLS,
    network::CALLS,
    net_interface::CALLS,
    enumerate::CALLS,
    modern::CALLS,
    classic::CALLS,
    restype::CALLS,
    notify::CALLS,
    notify_v2::CALLS,
    registry::CALLS,
    control::CALLS,
    crate::calls::levers::CALLS,
];

/// Every call declared with `calls!`, in declaration order.
pub(crate) fn declared() -> impl Iterator<Item = &'static crate::types::call_info::CallInfo> {
    FAMILIES.iter().flat_map(|f| f.iter())
}

pub(crate) use crate::model::world::ObjectKind;

/// The result of a control operation that may have left transitions pending:
/// `ERROR_IO_PENDING` when it did, as the real API reports it.
pub(crate) fn completion(call: &str, pending: bool) -> Result<()> {
    if pending {
        return Err(Error::IoPending(format!(
            "{call}: accepted; it completes after more state polls, or on step() / settle()"
        )));
    }
    Ok(())
}

/// Wraps a raw value the table just handed out.
#[inline]
fn typed<H: Handle>(raw: usize) -> Result<H> {
    H::from_raw(raw).ok_or_else(null_handle)
}

/// The error of [`Cx::cluster_from`](crate::calls::call::Cx::cluster_from) for a handle
/// without a scope (never expected).
#[cold]
#[inline(never)]
fn no_scope<H: Handle>(handle: H) -> Error {
    Error::InternalError(format!("{handle:?} has no scope"))
}

/// The error of [`typed`] for a NULL value (never expected).
#[cold]
#[inline(never)]
fn null_handle() -> Error {
    Error::InternalError("the handle table returned NULL".into())
}

impl State {
    /// The object behind a handle that may change it: the handle checks, then write access
    /// (`ERROR_ACCESS_DENIED` for a `GENERIC_READ` handle), then the object; with the
    /// cluster the handle's connection reaches.
    pub(crate) fn writable<H: ObjectKind>(
        &mut self,
        handle: H,
        call: &'static str,
        at: &'static Location<'static>,
    ) -> Result<(KeyData, ClusterKey)> {
        let (_, e) = self.resolve(handle, call, at)?;
        if e.access != Access::All {
            return Err(Error::AccessDenied(format!("{call}: {handle:?} was opened with GENERIC_READ")));
        }
        let object = self.object(handle, e.object)?;
        Ok((object, self.cluster_of_entry(&e)?))
    }

    /// The cluster a handle's connection reaches.
    pub(crate) fn cluster_of_entry(&self, e: &crate::session::handle_table::Entry) -> Result<ClusterKey> {
        self.handles
            .scope(e.scope)
            .and_then(|s| self.handles.connections.get(s.connection))
            .map(|c| c.cluster)
            .ok_or_else(|| Error::InternalError("a handle without a connection".into()))
    }

    /// A node handle passed as an argument (a destination, a preferred owner): a live node
    /// of `cluster`.
    pub(crate) fn node_of(
        &mut self,
        node: crate::HNode,
        cluster: ClusterKey,
        call: &'static str,
        at: &'static Location<'static>,
    ) -> Result<crate::model::world::NodeKey> {
        let (_, e) = self.resolve(node, call, at)?;
        let key = crate::model::world::NodeKey::from(self.object(node, e.object)?);
        let in_cluster = self.world.clusters.get(cluster).is_some_and(|c| c.nodes.contains(&key));
        if !in_cluster {
            return Err(Error::ClusterNodeNotFound(format!("{node:?} is not a node of this cluster")));
        }
        Ok(key)
    }

    /// The object behind a live handle, or the kind's error if it was deleted.
    pub(crate) fn object<H: ObjectKind>(&self, handle: H, key: KeyData) -> Result<KeyData> {
        if H::exists(&self.world, key) {
            Ok(key)
        } else {
            Err(H::deleted(format!("the {} behind {handle:?} was deleted", H::NOUN)))
        }
    }
}

impl crate::calls::call::Cx<'_> {
    /// `OpenCluster<Kind>` and `OpenCluster<Kind>Ex`: a new handle to the named object, in
    /// the scope of `hcluster`. Without `desired`, the handle gets the cluster handle's
    /// access.
    pub(crate) fn open_object<H: ObjectKind>(
        &mut self,
        hcluster: HCluster,
        name: &str,
        desired: Option<u32>,
    ) -> Result<(H, u32)> {
        let at = self.at;
        let (_, ce) = self.resolve(hcluster)?;
        let access = match desired {
            None => ce.access,
            Some(d) => access::requested(d, ce.access, || format!("{} \"{name}\"", H::NOUN))?,
        };
        let cluster = ClusterKey::from(ce.object);
        let Some(object) = H::find(&self.world, cluster, name) else {
            return Err(self.not_found::<H>(cluster, name));
        };
        let raw = self.handles.open_in_scope(ce.scope, H::KIND, object, access, at)?;
        Ok((typed(raw)?, access::granted(access)))
    }

    /// The error of [`open_object`](Self::open_object) for a name no object of the kind has.
    #[cold]
    #[inline(never)]
    fn not_found<H: ObjectKind>(&self, cluster: ClusterKey, name: &str) -> Error {
        let cluster_name = self.world.clusters.get(cluster).map_or("?", |c| c.name.as_str());
        H::not_found(format!("no {} named \"{name}\" in cluster \"{cluster_name}\"", H::NOUN))
    }

    /// `CloseCluster<Kind>` (and the enumeration closes): closes one handle. Succeeds for a
    /// handle whose object was deleted or whose cluster handle was closed (recording a
    /// diagnostic for the latter).
    pub(crate) fn close_handle<H: Handle>(&mut self, handle: H) -> Result<()> {
        let (call, at) = (self.call, self.at);
        let st = &mut **self;
        let raw = handle.as_raw();
        let (key, entry) = st.handles.get(raw, H::KIND).map_err(|r| r.into_error(raw, H::KIND))?;
        if H::KIND != crate::HandleKind::Cluster {
            st.check_scope(raw, H::KIND, entry, call, DiagnosticKind::ClosedAfterClusterClosed, at)?;
        }
        // A handle a port has registered: its closing is a change (`HANDLE_CLOSE`), named as
        // its object was.
        if st.world.journal.recording() && st.registered_anywhere(raw) {
            let name = st.object_name(H::KIND, entry.object);
            st.world.journal.record(crate::model::journal::Change::HandleClosed { handle: raw, name });
        }
        let entry = st.handles.remove(key);
        // What a handle owns goes with it: an enumeration its snapshot, a key handle what it
        // names, a port its queue (and its waiters wake).
        if let Some(e) = entry {
            match H::KIND {
                k if k.is_enumeration() => drop(st.snapshots.remove(e.object.into())),
                crate::HandleKind::Key => drop(st.reg_keys.remove(e.object.into())),
                crate::HandleKind::Change => {
                    st.ports.remove(e.object.into());
                    st.wake_waiters = true;
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// `GetClusterFrom<Kind>`: a new cluster handle on the connection of `handle`, in a
    /// scope of its own, with the handle's access.
    pub(crate) fn cluster_from<H: ObjectKind>(&mut self, handle: H) -> Result<HCluster> {
        let at = self.at;
        let (_, entry) = self.resolve(handle)?;
        let Some(scope) = self.handles.scope(entry.scope) else {
            return Err(no_scope(handle));
        };
        let connection = scope.connection;
        let raw = self.handles.open_cluster_on(connection, entry.access, at)?;
        typed(raw)
    }

    /// The object behind a handle that may change it (see [`State::writable`]).
    pub(crate) fn writable_object<H: ObjectKind>(&mut self, handle: H) -> Result<(KeyData, ClusterKey)> {
        let (call, at) = (self.call, self.at);
        self.writable(handle, call, at)
    }
}
