//! Building the result types of `clusapi-sim` from what the Win32 calls wrote (they are
//! plain records of the Win32 outputs, built with struct expressions), and the state codes.

use clusapi_sim::{
    ClusterEnumItem, ClusterGroupEnumItem, ClusterGroupState, ClusterInformation, ClusterResourceEnumItem,
    ClusterResourceState, ClusterVersionInfo, GroupStateInfo, Notification, NotificationV2, NotifyFilter,
    QuorumInfo, RegValue, ResourceStateInfo, Result,
};

/// A `ClusterInformation`.
pub(crate) fn information(name: String, version: ClusterVersionInfo) -> Result<ClusterInformation> {
    Ok(ClusterInformation { name, version })
}

/// A `GroupStateInfo`.
pub(crate) fn group_state(state: ClusterGroupState, owner_node: String) -> Result<GroupStateInfo> {
    Ok(GroupStateInfo { state, owner_node })
}

/// A `ResourceStateInfo`.
pub(crate) fn resource_state(
    state: ClusterResourceState,
    owner_node: String,
    group: String,
) -> Result<ResourceStateInfo> {
    Ok(ResourceStateInfo { state, owner_node, group })
}

/// A `ClusterEnumItem`.
pub(crate) fn enum_item(object_type: u32, id: String, name: String) -> Result<ClusterEnumItem> {
    Ok(ClusterEnumItem { object_type, id, name })
}

/// A `ClusterGroupEnumItem`.
pub(crate) fn group_enum_item(
    (id, name, owner_node): (String, String, String),
    state: ClusterGroupState,
    flags: u32,
    (properties, ro_properties): (clusapi_sim::PropertyList, clusapi_sim::PropertyList),
) -> Result<ClusterGroupEnumItem> {
    Ok(ClusterGroupEnumItem { id, name, state, owner_node, flags, properties, ro_properties })
}

/// A `ClusterResourceEnumItem`.
pub(crate) fn resource_enum_item(
    (id, name, owner_group_name, owner_group_id): (String, String, String, String),
    (properties, ro_properties): (clusapi_sim::PropertyList, clusapi_sim::PropertyList),
) -> Result<ClusterResourceEnumItem> {
    Ok(ClusterResourceEnumItem { id, name, owner_group_name, owner_group_id, properties, ro_properties })
}

/// A `QuorumInfo`.
pub(crate) fn quorum(
    resource_name: String,
    device_name: String,
    max_quorum_log_size: u32,
) -> Result<QuorumInfo> {
    Ok(QuorumInfo { resource_name, device_name, max_quorum_log_size })
}

/// A `RegValue`.
pub(crate) fn reg_value(name: String, value_type: u32, data: Vec<u8>) -> Result<RegValue> {
    Ok(RegValue { name, value_type, data })
}

/// A `Notification`.
pub(crate) fn notification(key: usize, filter_type: u32, name: String) -> Result<Notification> {
    Ok(Notification { key, filter_type, name })
}

/// The parts of a `NotificationV2`, as `GetClusterNotifyV2` writes them.
pub(crate) struct V2Parts {
    pub key: usize,
    pub filter: NotifyFilter,
    pub payload: Vec<u8>,
    pub object_id: String,
    pub parent_id: String,
    pub name: String,
    pub object_type_name: String,
}

/// A `NotificationV2`.
pub(crate) fn notification_v2(p: V2Parts) -> Result<NotificationV2> {
    Ok(NotificationV2 {
        key: p.key,
        filter: p.filter,
        payload: p.payload,
        object_id: p.object_id,
        parent_id: p.parent_id,
        name: p.name,
        object_type_name: p.object_type_name,
    })
}

/// A `CLUSTER_*_STATE` value as the simulator's enum; a value `clusapi.h` does not list
/// is `Unknown`.
macro_rules! state_from_code {
    ($(#[$doc:meta])* $fn:ident -> $ty:ident { $($variant:ident),* $(,)? }) => {
        $(#[$doc])*
        pub(crate) fn $fn(code: i32) -> clusapi_sim::$ty {
            use clusapi_sim::$ty as S;
            [$(S::$variant),*].into_iter().find(|s| s.code() == code).unwrap_or(S::Unknown)
        }
    };
}

state_from_code! {
    /// A `CLUSTER_NODE_STATE`.
    node_state -> ClusterNodeState { Up, Down, Paused, Joining }
}
state_from_code! {
    /// A `CLUSTER_GROUP_STATE`.
    group_state_of -> ClusterGroupState { Online, Offline, Failed, PartialOnline, Pending }
}
state_from_code! {
    /// A `CLUSTER_RESOURCE_STATE`.
    resource_state_of -> ClusterResourceState {
        Inherited, Initializing, Online, Offline, Failed, Pending, OnlinePending, OfflinePending,
    }
}
state_from_code! {
    /// A `CLUSTER_NETWORK_STATE`.
    network_state -> ClusterNetworkState { Unavailable, Down, Partitioned, Up }
}
state_from_code! {
    /// A `CLUSTER_NETINTERFACE_STATE`.
    net_interface_state -> ClusterNetInterfaceState { Unavailable, Failed, Unreachable, Up }
}

/// A `NODE_CLUSTER_STATE`; a value `clusapi.h` does not list is `NotInstalled`, the
/// simulator's answer when the call cannot tell.
pub(crate) fn node_cluster_state(code: u32) -> clusapi_sim::NodeClusterState {
    use clusapi_sim::NodeClusterState as S;
    [S::NotConfigured, S::NotRunning, S::Running]
        .into_iter()
        .find(|s| s.code() == code)
        .unwrap_or(S::NotInstalled)
}

#[cfg(test)]
mod tests {
    #[test]
    fn states_map_by_their_clusapi_h_values() {
        use clusapi_sim::{ClusterResourceState as R, NodeClusterState as N};
        assert_eq!(super::resource_state_of(130), R::OfflinePending);
        assert_eq!(super::resource_state_of(-1), R::Unknown);
        assert_eq!(super::resource_state_of(77), R::Unknown);
        assert_eq!(super::node_cluster_state(0x13), N::Running);
        assert_eq!(super::node_cluster_state(0), N::NotInstalled);
    }
}
