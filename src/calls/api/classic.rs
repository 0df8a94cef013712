//! Classic ClusAPI calls: possible owners (`AddClusterResourceNode`,
//! `RemoveClusterResourceNode`), `CanResourceBeDependent`, `ChangeClusterResourceGroup`,
//! the quorum resource, `GetClusterResourceNetworkName`, the renames, the internal-network
//! priority order, `EvictClusterNodeEx`, and the calls modern servers no longer implement.

use crate::model::world::{GroupKey, NetworkKey, ResourceKey};
use crate::session::handle_table::Access;
use crate::types::error::Error;
use crate::types::handle::{HCluster, HGroup, HNetwork, HNode, HResource};

/// What `GetClusterQuorumResource` reports.
#[derive(Debug, Clone, PartialEq, Eq)]
// Exhaustive on purpose: the fields are what the Win32 call returns, so production
// implementations of `ClusterApi` (such as clusapi-win) build it with a struct expression.
pub struct QuorumInfo {
    /// The name of the quorum resource; empty while none is set (node majority, no witness).
    pub resource_name: String,
    /// The device name given to `SetClusterQuorumResource` (empty at first).
    pub device_name: String,
    /// The maximum quorum log size given to `SetClusterQuorumResource` (0 at first).
    pub max_quorum_log_size: u32,
}

/// `S_OK`: the cleanup status `EvictClusterNodeEx` reports.
const S_OK: i32 = 0;

crate::calls::call::calls! {
    /// Classic calls: a resource's possible owners, `CanResourceBeDependent`,
    /// `ChangeClusterResourceGroup`, the quorum resource, a resource's network name, the
    /// renames of groups, resources and the cluster, the internal networks' priority order,
    /// `EvictClusterNodeEx`, and the calls modern servers no longer implement (database
    /// backup and restore, the service account's password).
    pub trait ClassicCalls;

    /// `AddClusterResourceNode`: `hnode` becomes a possible owner of the resource (at
    /// first every node of the cluster is one). Groups go only to nodes that are possible
    /// owners of all their resources.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad resource or node handle; `ERROR_ACCESS_DENIED`
    /// through a `GENERIC_READ` handle; `ERROR_RESOURCE_NOT_AVAILABLE` if the resource was
    /// deleted; `ERROR_CLUSTER_NODE_NOT_FOUND` for a node of another cluster or an evicted
    /// one; `ERROR_OBJECT_ALREADY_EXISTS` (5010) if it is already a possible owner.
    "AddClusterResourceNode" [faults(RESOURCE_CHANGE + ERROR_CLUSTER_NODE_NOT_FOUND + ERROR_OBJECT_ALREADY_EXISTS)]
    fn add_cluster_resource_node(st, hresource: HResource, hnode: HNode) -> () {
        let (call, at) = (st.call, st.at);
        let (r, cluster) = st.writable_object(hresource)?;
        let node = st.node_of(hnode, cluster, call, at)?;
        st.world.add_resource_node(r.into(), node)
    }

    /// `RemoveClusterResourceNode`: `hnode` is no longer a possible owner of the resource.
    ///
    /// # Errors
    ///
    /// Those of [`add_cluster_resource_node`](Self::add_cluster_resource_node) but 5010;
    /// `ERROR_CLUSTER_NODE_NOT_FOUND` (5042) for a node that is not a possible owner;
    /// `ERROR_INVALID_STATE` (5023) for the last possible owner, or for the owner node of a
    /// resource that is online or pending (MS-CMRP 3.1.4.2.25; a failed one's owner may go).
    "RemoveClusterResourceNode" [faults(RESOURCE_CHANGE + ERROR_CLUSTER_NODE_NOT_FOUND + ERROR_INVALID_STATE)]
    fn remove_cluster_resource_node(st, hresource: HResource, hnode: HNode) -> () {
        let (call, at) = (st.call, st.at);
        let (r, cluster) = st.writable_object(hresource)?;
        let node = st.node_of(hnode, cluster, call, at)?;
        st.world.remove_resource_node(r.into(), node)
    }

    /// `CanResourceBeDependent`: whether `hresource` can depend on `hresource_dependent`
    /// (the documented meaning: `hresource_dependent` is the resource `hresource` may
    /// depend on). `Ok(true)` if it can; if it cannot, `Err` with the reason, the failure
    /// MS-CMRP 3.1.4.2.22 gives (the C form answers `FALSE` with it as the last error):
    ///
    /// ```
    /// use clusapi_sim::{codes, Simulator};
    ///
    /// let sim = Simulator::default();
    /// let c = sim.open_cluster(None)?;
    /// let disk = sim.open_cluster_resource(c, "Cluster IP Address")?;
    /// let same = sim.can_resource_be_dependent(disk, disk).unwrap_err();
    /// assert_eq!(same.code(), codes::ERROR_INVALID_PARAMETER);
    /// # sim.close_cluster_resource(disk)?;
    /// # sim.close_cluster(c)?;
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The reasons for a "no": `ERROR_INVALID_PARAMETER` (87) for the same resource or
    /// resources of different groups; `ERROR_DEPENDENCY_ALREADY_EXISTS` (5003) if it
    /// already depends on it; `ERROR_CIRCULAR_DEPENDENCY` (1059) if `hresource_dependent`
    /// depends on `hresource`, directly or not; `ERROR_RESOURCE_ONLINE` (5019) if
    /// `hresource` is online pending, or online while `hresource_dependent` is online.
    /// And `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_RESOURCE_NOT_AVAILABLE` if
    /// either resource was deleted.
    "CanResourceBeDependent" [faults(RESOURCE + ERROR_DEPENDENCY_ALREADY_EXISTS + ERROR_CIRCULAR_DEPENDENCY + ERROR_RESOURCE_ONLINE)]
    fn can_resource_be_dependent(st, hresource: HResource, hresource_dependent: HResource) -> bool {
        let (_, e) = st.resolve(hresource)?;
        let r = st.object(hresource, e.object)?;
        let (_, oe) = st.resolve(hresource_dependent)?;
        let o = st.object(hresource_dependent, oe.object)?;
        st.world.can_be_dependent(r.into(), o.into())?.map(|()| true)
    }

    /// `ChangeClusterResourceGroup`: moves the resource, with its whole dependency tree
    /// (every resource of its group linked to it by dependencies, either way and
    /// transitively), to another group of its cluster, as Microsoft's page says. Both
    /// groups must be owned by the same node; the resources keep their states.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_ACCESS_DENIED`;
    /// `ERROR_RESOURCE_NOT_AVAILABLE` / `ERROR_GROUP_NOT_AVAILABLE` for deleted objects;
    /// `ERROR_GROUP_NOT_FOUND` (5013) for a group of another cluster;
    /// `ERROR_ALREADY_EXISTS` (183) if the resource is already in the group;
    /// `ERROR_CORE_RESOURCE` (5026) for a resource of the core group;
    /// `ERROR_HOST_NODE_NOT_GROUP_OWNER` (5016) when the two groups have different owner
    /// nodes; `ERROR_INVALID_STATE` (5023) while a resource of the tree has an operation
    /// pending.
    "ChangeClusterResourceGroup" [faults(RESOURCE_CHANGE + ERROR_GROUP_NOT_AVAILABLE + ERROR_ALREADY_EXISTS + ERROR_HOST_NODE_NOT_GROUP_OWNER + ERROR_INVALID_STATE)]
    fn change_cluster_resource_group(st, hresource: HResource, hgroup: HGroup) -> () {
        let (r, cluster) = st.writable_object(hresource)?;
        let (_, ge) = st.resolve(hgroup)?;
        let g = st.object(hgroup, ge.object)?;
        st.world.change_resource_group(cluster, ResourceKey::from(r), GroupKey::from(g))
    }

    /// `GetClusterQuorumResource`: the quorum resource's name, its device name and the
    /// maximum quorum log size. A cluster starts without one (node majority, no witness):
    /// empty names and 0.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle.
    "GetClusterQuorumResource" [faults(TRANSPORT)]
    fn get_cluster_quorum_resource(st, hcluster: HCluster) -> QuorumInfo {
        let (call, at) = (st.call, st.at);
        let cluster = st.cluster_of(hcluster, call, at)?;
        let q = st.world.quorum(cluster)?;
        Ok(QuorumInfo {
            resource_name: q.resource,
            device_name: q.device,
            max_quorum_log_size: q.max_log_size,
        })
    }

    /// `SetClusterQuorumResource`: the resource becomes the cluster's quorum resource, with
    /// a device name and a maximum quorum log size (both stored as given).
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED`; `ERROR_RESOURCE_NOT_AVAILABLE`;
    /// `ERROR_INVALID_PARAMETER` for a device name with a NUL character.
    "SetClusterQuorumResource" [faults(RESOURCE_CHANGE)]
    fn set_cluster_quorum_resource(
        st,
        hresource: HResource,
        device_name: &str,
        max_quorum_log_size: u32,
    ) -> () {
        let (r, cluster) = st.writable_object(hresource)?;
        st.world.set_quorum(cluster, r.into(), device_name, max_quorum_log_size)
    }

    /// `GetClusterResourceNetworkName`: the DNS name of the "Network Name" resource the
    /// resource is or depends on (directly or not; the nearest first). The core group's
    /// network name ("Cluster Name") answers the cluster's name, others their resource
    /// name.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_RESOURCE_NOT_AVAILABLE`;
    /// `ERROR_DEPENDENCY_NOT_FOUND` (5002) when it depends on no network name.
    "GetClusterResourceNetworkName" [faults(RESOURCE + ERROR_DEPENDENCY_NOT_FOUND)]
    fn get_cluster_resource_network_name(st, hresource: HResource) -> String {
        let (_, e) = st.resolve(hresource)?;
        let r = st.object(hresource, e.object)?;
        let cluster = st.cluster_of_entry(&e)?;
        st.world.resource_network_name(cluster, r.into())
    }

    /// `SetClusterGroupName`: renames the group (raises `GROUP_PROPERTY`); it is then
    /// opened by its new name only.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED`; `ERROR_GROUP_NOT_AVAILABLE`;
    /// `ERROR_ALREADY_EXISTS` (183) for another group's name (any case; MS-CMRP
    /// 3.1.4.2.47); `ERROR_INVALID_NAME` (123) for an empty name (MS-CMRP 3.1.4.1.47);
    /// `ERROR_INVALID_PARAMETER` for one with a NUL character.
    "SetClusterGroupName" [faults(GROUP_CHANGE + ERROR_ALREADY_EXISTS)]
    fn set_cluster_group_name(st, hgroup: HGroup, name: &str) -> () {
        let (g, cluster) = st.writable_object(hgroup)?;
        st.world.rename_group(cluster, g.into(), name)
    }

    /// `SetClusterResourceName`: renames the resource (raises `RESOURCE_PROPERTY`).
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED`; `ERROR_RESOURCE_NOT_AVAILABLE`;
    /// `ERROR_ALREADY_EXISTS` (183) for another resource's name (any case; MS-CMRP
    /// 3.1.4.1.14); `ERROR_INVALID_NAME` (123) for an empty name (MS-CMRP 3.1.4.1.14);
    /// `ERROR_INVALID_PARAMETER` for one with a NUL character.
    "SetClusterResourceName" [faults(RESOURCE_CHANGE + ERROR_ALREADY_EXISTS)]
    fn set_cluster_resource_name(st, hresource: HResource, name: &str) -> () {
        let (r, cluster) = st.writable_object(hresource)?;
        st.world.rename_resource(cluster, r.into(), name)
    }

    /// `SetClusterName`: renames the cluster. Its name changes at once; `open_cluster`
    /// reaches it by the new name (and no longer by the old one) once the core network name
    /// resource is next brought online, as Microsoft's page says the rename is "not
    /// effective until the Network Name resource is brought back online".
    ///
    /// A rename that is made answers `Err` with `ERROR_RESOURCE_PROPERTIES_STORED` (5024),
    /// as Microsoft's SetClusterName page documents for success (the core network name
    /// takes the name when it next comes online): the same for the current name. It is a
    /// success status; the other errors change nothing.
    ///
    /// ```
    /// use clusapi_sim::{codes, Simulator};
    ///
    /// let sim = Simulator::default();
    /// let c = sim.open_cluster(None)?;
    /// let stored = sim.set_cluster_name(c, "RENAMED").unwrap_err();
    /// assert_eq!(stored.code(), codes::ERROR_RESOURCE_PROPERTIES_STORED);
    /// assert_eq!(sim.get_cluster_information(c)?.name, "RENAMED");
    /// # sim.close_cluster(c)?;
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// `ERROR_RESOURCE_PROPERTIES_STORED` (5024) when the cluster is renamed;
    /// `ERROR_INVALID_HANDLE`; `ERROR_ACCESS_DENIED` through a `GENERIC_READ` handle;
    /// `ERROR_INVALID_PARAMETER` for an empty name, one with a NUL character, one of more
    /// than 63 characters (`MAX_CLUSTERNAME_LENGTH`), `"localhost"` or `"."`;
    /// `ERROR_INVALID_NAME` (123) for the name of one of its nodes (MS-CMRP 3.1.4.2.3);
    /// `ERROR_OBJECT_ALREADY_EXISTS` (5010) for a name that (plain or fully qualified)
    /// reaches another simulated cluster or its node through `open_cluster`.
    "SetClusterName" [faults(CLUSTER_CHANGE + ERROR_OBJECT_ALREADY_EXISTS)]
    fn set_cluster_name(st, hcluster: HCluster, name: &str) -> () {
        let (call, at) = (st.call, st.at);
        let cluster = st.cluster_of(hcluster, call, at)?;
        let (_, e) = st.resolve(hcluster)?;
        if e.access != Access::All {
            return Err(Error::AccessDenied(format!(
                "set_cluster_name: {hcluster:?} was opened with GENERIC_READ"
            )));
        }
        st.world.rename_cluster(cluster, name)
    }

    /// `SetClusterNetworkPriorityOrder`: the order in which the cluster uses its internal
    /// networks; `cluster_open_enum(CLUSTER_ENUM_INTERNAL_NETWORK)` then lists them so.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad cluster or network handle; `ERROR_ACCESS_DENIED`;
    /// `ERROR_CLUSTER_NETWORK_NOT_FOUND` for a deleted network; `ERROR_INVALID_PARAMETER`
    /// (87) for a list that is not an order of all the cluster's internal networks, each
    /// once.
    "SetClusterNetworkPriorityOrder" [faults(CLUSTER_CHANGE + ERROR_CLUSTER_NETWORK_NOT_FOUND)]
    fn set_cluster_network_priority_order(st, hcluster: HCluster, networks: &[HNetwork]) -> () {
        let (call, at) = (st.call, st.at);
        let cluster = st.cluster_of(hcluster, call, at)?;
        let (_, e) = st.resolve(hcluster)?;
        if e.access != Access::All {
            return Err(Error::AccessDenied(format!("{call}: {hcluster:?} was opened with GENERIC_READ")));
        }
        let mut keys = Vec::with_capacity(networks.len());
        for &n in networks {
            let (_, ne) = st.resolve(n)?;
            keys.push(NetworkKey::from(st.object(n, ne.object)?));
        }
        st.world.set_network_priority(cluster, keys)
    }

    /// `EvictClusterNodeEx`: as [`evict_cluster_node`](Self::evict_cluster_node); the
    /// timeout is not used (eviction is immediate). Returns the cleanup status, `S_OK` (0).
    ///
    /// # Errors
    ///
    /// Those of `evict_cluster_node`.
    "EvictClusterNodeEx" [faults(NODE_CHANGE + ERROR_CANT_EVICT_ACTIVE_NODE)]
    fn evict_cluster_node_ex(st, hnode: HNode, timeout_ms: u32) -> i32 {
        let (n, cluster) = st.writable_object(hnode)?;
        st.world.evict_node(cluster, n.into())?;
        Ok(S_OK)
    }

    /// `BackupClusterDatabase`: not implemented on modern servers, nor here.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a bad handle; otherwise always
    /// `ERROR_CALL_NOT_IMPLEMENTED` (120).
    "BackupClusterDatabase" [faults(CLUSTER_CHANGE + ERROR_CALL_NOT_IMPLEMENTED)]
    fn backup_cluster_database(st, hcluster: HCluster, path: &str) -> () {
        let (call, at) = (st.call, st.at);
        st.cluster_of(hcluster, call, at)?;
        Err(Error::CallNotImplemented("BackupClusterDatabase is not implemented on modern servers".into()))
    }

    /// `RestoreClusterDatabase`: not implemented on modern servers, nor here.
    ///
    /// # Errors
    ///
    /// Always `ERROR_CALL_NOT_IMPLEMENTED` (120).
    "RestoreClusterDatabase" [faults(LOCAL + ERROR_CALL_NOT_IMPLEMENTED) quiet]
    fn restore_cluster_database(st, path: &str, force: bool, quorum_drive_letter: Option<&str>) -> () {
        let _ = st;
        Err(Error::CallNotImplemented("RestoreClusterDatabase is not implemented on modern servers".into()))
    }

    /// `SetClusterServiceAccountPassword`: not implemented on modern servers, nor here. The
    /// history records the password as `"***"`.
    ///
    /// # Errors
    ///
    /// Always `ERROR_CALL_NOT_IMPLEMENTED` (120).
    // `args(...)`: what the history records as the arguments (the password as "***"),
    // instead of each argument's `Debug`.
    "SetClusterServiceAccountPassword" [faults(TRANSPORT + ERROR_ACCESS_DENIED + ERROR_CALL_NOT_IMPLEMENTED) quiet args(format!("{cluster_name:?}, \"***\", {flags:?}"))]
    fn set_cluster_service_account_password(st, cluster_name: &str, new_password: &str, flags: u32) -> () {
        let _ = st;
        Err(Error::CallNotImplemented(
            "SetClusterServiceAccountPassword is not implemented on modern servers".into(),
        ))
    }
}
