//! Building the result types of `clusapi-sim` from what the Win32 calls wrote.
//!
//! Those types (`GroupStateInfo`, `Notification`, ...) are `#[non_exhaustive]` and have no
//! constructor, so no other crate can build one with a struct expression. Their fields are
//! public, though, and may be assigned: each value here is a clone of a template whose
//! fields are then all overwritten. The templates come once per process from a private,
//! in-memory simulator (a few microseconds, no I/O, nothing shared with any other
//! simulator). When `clusapi-sim` gives these types constructors, this module shrinks to
//! calls of them.

use std::sync::OnceLock;

use clusapi_sim::codes::ERROR_INTERNAL_ERROR;
use clusapi_sim::{
    CLUSTER_ENUM_NODE, ClusterEnumItem, ClusterGroupState, ClusterInformation, ClusterResourceState,
    ClusterVersionInfo, Error, GroupStateInfo, KEY_ALL_ACCESS, Notification, NotificationV2, NotifyFilter,
    QuorumInfo, REG_DWORD, RegValue, ResourceStateInfo, Result, Simulator, change, change_v2, object_type,
};

/// One value of each type, to clone.
struct Templates {
    information: ClusterInformation,
    group_state: GroupStateInfo,
    resource_state: ResourceStateInfo,
    enum_item: ClusterEnumItem,
    quorum: QuorumInfo,
    reg_value: RegValue,
    notification: Notification,
    notification_v2: NotificationV2,
}

/// The templates, made on first use. A failure (which the default topology never gives)
/// is kept as its message.
static TEMPLATES: OnceLock<std::result::Result<Templates, String>> = OnceLock::new();

/// Asks a private simulator for one value of each type.
fn make() -> Result<Templates> {
    let sim = Simulator::default();
    let c = sim.open_cluster(None)?;
    let port = sim.create_cluster_notify_port(None, c, change::GROUP_ADDED, 0)?;
    let filter = NotifyFilter { object_type: object_type::CLUSTER, flags: change_v2::CLUSTER_GROUP_ADDED };
    let port_v2 = sim.create_cluster_notify_port_v2(None, c, &[filter], 0)?;
    let information = sim.get_cluster_information(c)?;
    let group = sim.open_cluster_group(c, "Cluster Group")?;
    let group_state = sim.get_cluster_group_state(group)?;
    let resource = sim.open_cluster_resource(c, "Cluster Name")?;
    let resource_state = sim.get_cluster_resource_state(resource)?;
    let items = sim.cluster_open_enum_ex(c, CLUSTER_ENUM_NODE)?;
    let enum_item = sim.cluster_enum_ex(items, 0)?;
    let quorum = sim.get_cluster_quorum_resource(c)?;
    let key = sim.get_cluster_key(c, KEY_ALL_ACCESS)?;
    sim.cluster_reg_set_value(key, "Template", REG_DWORD, &[0; 4])?;
    let reg_value = sim.cluster_reg_query_value(key, "Template")?;
    sim.create_cluster_group(c, "Template")?;
    let notification = sim.get_cluster_notify(port, 0)?;
    let notification_v2 = sim.get_cluster_notify_v2(port_v2, 0)?;
    // The simulator and every handle in it go here.
    Ok(Templates {
        information,
        group_state,
        resource_state,
        enum_item,
        quorum,
        reg_value,
        notification,
        notification_v2,
    })
}

fn templates() -> Result<&'static Templates> {
    TEMPLATES.get_or_init(|| make().map_err(|e| e.to_string())).as_ref().map_err(|why| {
        Error::with_message(ERROR_INTERNAL_ERROR, format!("cannot make the result templates: {why}"))
    })
}

/// A `ClusterInformation`.
pub(crate) fn information(name: String, version: ClusterVersionInfo) -> Result<ClusterInformation> {
    let mut v = templates()?.information.clone();
    v.name = name;
    v.version = version;
    Ok(v)
}

/// A `GroupStateInfo`.
pub(crate) fn group_state(state: ClusterGroupState, owner_node: String) -> Result<GroupStateInfo> {
    let mut v = templates()?.group_state.clone();
    v.state = state;
    v.owner_node = owner_node;
    Ok(v)
}

/// A `ResourceStateInfo`.
pub(crate) fn resource_state(
    state: ClusterResourceState,
    owner_node: String,
    group: String,
) -> Result<ResourceStateInfo> {
    let mut v = templates()?.resource_state.clone();
    v.state = state;
    v.owner_node = owner_node;
    v.group = group;
    Ok(v)
}

/// A `ClusterEnumItem`.
pub(crate) fn enum_item(object_type: u32, id: String, name: String) -> Result<ClusterEnumItem> {
    let mut v = templates()?.enum_item.clone();
    v.object_type = object_type;
    v.id = id;
    v.name = name;
    Ok(v)
}

/// A `QuorumInfo`.
pub(crate) fn quorum(
    resource_name: String,
    device_name: String,
    max_quorum_log_size: u32,
) -> Result<QuorumInfo> {
    let mut v = templates()?.quorum.clone();
    v.resource_name = resource_name;
    v.device_name = device_name;
    v.max_quorum_log_size = max_quorum_log_size;
    Ok(v)
}

/// A `RegValue`.
pub(crate) fn reg_value(name: String, value_type: u32, data: Vec<u8>) -> Result<RegValue> {
    let mut v = templates()?.reg_value.clone();
    v.name = name;
    v.value_type = value_type;
    v.data = data;
    Ok(v)
}

/// A `Notification`.
pub(crate) fn notification(key: usize, filter_type: u32, name: String) -> Result<Notification> {
    let mut v = templates()?.notification.clone();
    v.key = key;
    v.filter_type = filter_type;
    v.name = name;
    Ok(v)
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
    let mut v = templates()?.notification_v2.clone();
    v.key = p.key;
    v.filter = p.filter;
    v.payload = p.payload;
    v.object_id = p.object_id;
    v.parent_id = p.parent_id;
    v.name = p.name;
    v.object_type_name = p.object_type_name;
    Ok(v)
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
    fn every_template_is_made_and_every_field_is_overwritten() {
        use clusapi_sim::{ClusterGroupState, ClusterVersionInfo};
        let g = super::group_state(ClusterGroupState::Failed, "N9".into()).unwrap();
        assert_eq!((g.state, g.owner_node.as_str()), (ClusterGroupState::Failed, "N9"));
        let n = super::notification(7, 0x10, "x".into()).unwrap();
        assert_eq!((n.key, n.filter_type, n.name.as_str()), (7, 0x10, "x"));
        let i = super::information("C".into(), ClusterVersionInfo::default()).unwrap();
        assert_eq!(i.name, "C");
    }

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
