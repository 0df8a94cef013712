//! An in-memory simulator of the Windows Server Failover Clustering API (ClusAPI).
//!
//! Code that manages failover clusters (backup agents, monitoring exporters, failover
//! tooling) can only be tested against a real Windows cluster. `clusapi-sim` gives it a
//! simulated one instead, in plain `cargo test`, with the same handles, the same Win32
//! error codes and the same lifecycle rules as `clusapi.dll`.
//!
//! Our priorities, in order:
//! 1. **Fidelity to ClusAPI**: the real functions, names, codes and rules; where the real
//!    API leaves a choice, the choice is written down (see the README's semantics table).
//! 2. **Diagnostics that find the user's bug**: every misuse is an error with the Win32
//!    code and a message that names the handle and object; the leak report says where
//!    each open handle was opened; undefined-but-tolerated uses are recorded.
//! 3. **Determinism**: the same calls in the same order give the same results.
//! 4. **Speed**: a handle operation costs a small multiple of a slot-map insert.
//!
//! # Example
//!
//! ```
//! use clusapi_sim::{codes, Simulator};
//!
//! let sim = Simulator::default(); // "SIMCLUSTER": NODE1, NODE2, two networks
//! let cluster = sim.open_cluster(None)?;
//! let network = sim.open_cluster_network(cluster, "Cluster Network 1")?;
//! let from_network = sim.get_cluster_from_network(network)?;
//!
//! sim.close_cluster(cluster)?; // closing one handle never invalidates another
//! assert_eq!(sim.get_cluster_information(from_network)?.name, "SIMCLUSTER");
//! assert_eq!(sim.close_cluster(cluster).unwrap_err().code(), codes::ERROR_INVALID_HANDLE);
//!
//! sim.close_cluster_network(network)?;
//! sim.close_cluster(from_network)?;
//! sim.assert_no_open_handles();
//! # Ok::<(), clusapi_sim::Error>(())
//! ```
//!
//! # Handles are typed
//!
//! A node handle cannot be passed where a group handle is expected:
//!
//! ```compile_fail
//! let sim = clusapi_sim::Simulator::default();
//! let c = sim.open_cluster(None).unwrap();
//! let node = sim.open_cluster_node(c, "NODE1").unwrap();
//! sim.close_cluster_group(node); // expected `HGroup`, found `HNode`
//! ```
//!
//! At run time (as through the C ABI, where all handles look alike) a value of the wrong
//! kind is refused with `ERROR_INVALID_HANDLE`:
//!
//! ```
//! use clusapi_sim::{codes, HGroup, Simulator};
//!
//! let sim = Simulator::default();
//! let c = sim.open_cluster(None)?;
//! let node = sim.open_cluster_node(c, "NODE1")?;
//! let forged = HGroup::from_raw(node.as_raw()).unwrap();
//! assert_eq!(sim.close_cluster_group(forged).unwrap_err().code(), codes::ERROR_INVALID_HANDLE);
//! # sim.close_cluster_node(node)?; sim.close_cluster(c)?;
//! # Ok::<(), clusapi_sim::Error>(())
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]
// No path through the library may panic on input: these lints make every unwrap, index and
// overflowing operation a compile error outside the unit tests. Each allowed exception in
// the code says why it cannot fire.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]
#![warn(missing_debug_implementations)]

mod calls;
mod model;
mod rules;
mod session;
mod types;

#[cfg(feature = "proptest")]
pub mod strategies;

pub use calls::api::{
    CLUSAPI_GROUP_MOVE_FAILBACK, CLUSAPI_GROUP_MOVE_HIGH_PRIORITY_START,
    CLUSAPI_GROUP_MOVE_IGNORE_RESOURCE_STATUS, CLUSAPI_GROUP_MOVE_QUEUE_ENABLED,
    CLUSAPI_GROUP_MOVE_RETURN_TO_SOURCE_NODE_ON_ERROR, CLUSAPI_GROUP_ONLINE_BEST_POSSIBLE_NODE,
    CLUSAPI_GROUP_ONLINE_IGNORE_RESOURCE_STATUS, CLUSAPI_GROUP_ONLINE_SYNCHRONOUS,
    CLUSAPI_NODE_AVOID_PLACEMENT, CLUSAPI_NODE_PAUSE_REMAIN_ON_PAUSED_NODE_ON_MOVE_ERROR,
    CLUSAPI_NODE_PAUSE_RETRY_DRAIN_ON_FAILURE, ClusterEnumItem, DO_NOT_FAILBACK_GROUPS,
    FAILBACK_GROUPS_IMMEDIATELY, FAILBACK_GROUPS_PER_POLICY,
};
pub use calls::api::{
    CLUSTER_ENUM_ALL, CLUSTER_ENUM_GROUP, CLUSTER_ENUM_INTERNAL_NETWORK, CLUSTER_ENUM_NETINTERFACE,
    CLUSTER_ENUM_NETWORK, CLUSTER_ENUM_NODE, CLUSTER_ENUM_RESOURCE, CLUSTER_ENUM_RESTYPE,
    CLUSTER_ENUM_SHARED_VOLUME_GROUP, CLUSTER_ENUM_SHARED_VOLUME_RESOURCE, CLUSTER_GROUP_ENUM_ALL,
    CLUSTER_GROUP_ENUM_CONTAINS, CLUSTER_GROUP_ENUM_NODES, CLUSTER_NETWORK_ENUM_ALL,
    CLUSTER_NETWORK_ENUM_NETINTERFACES, CLUSTER_NODE_ENUM_ALL, CLUSTER_NODE_ENUM_GROUPS,
    CLUSTER_NODE_ENUM_NETINTERFACES, CLUSTER_NODE_ENUM_PREFERRED_GROUPS, CLUSTER_RESOURCE_DEFAULT_MONITOR,
    CLUSTER_RESOURCE_ENUM_ALL, CLUSTER_RESOURCE_ENUM_DEPENDS, CLUSTER_RESOURCE_ENUM_NODES,
    CLUSTER_RESOURCE_ENUM_PROVIDES, CLUSTER_RESOURCE_SEPARATE_MONITOR, CLUSTER_RESOURCE_TYPE_ENUM_ALL,
    CLUSTER_RESOURCE_TYPE_ENUM_NODES, CLUSTER_RESOURCE_TYPE_ENUM_RESOURCES, ClusterCreateGroupInfo,
    ClusterInformation, ClusterVersionInfo, GroupStateInfo, QuorumInfo, ResourceStateInfo,
};
pub use calls::api::{
    ClassicCalls, ClusterApi, ClusterCalls, ControlCalls, EnumCalls, GroupCalls, ModernCalls,
    NetInterfaceCalls, NetworkCalls, NodeCalls, NotifyCalls, NotifyV2Calls, RegistryCalls, ResourceCalls,
    ResourceTypeCalls,
};
pub use calls::builder::SimulatorBuilder;
pub use calls::call::calls;
pub use calls::inspect::{GroupView, NetInterfaceView, NetworkView, NodeView, ResourceView};
pub use calls::summary::WorldSummary;
/// `CLUSCTL_*` control codes and how they are composed.
pub use model::control::codes as clusctl;
pub use model::registry::{
    KEY_ALL_ACCESS, KEY_CREATE_SUB_KEY, KEY_ENUMERATE_SUB_KEYS, KEY_NOTIFY, KEY_QUERY_VALUE, KEY_READ,
    KEY_SET_VALUE, KEY_WRITE, REG_BINARY, REG_CREATED_NEW_KEY, REG_DWORD, REG_EXPAND_SZ, REG_MULTI_SZ,
    REG_OPENED_EXISTING_KEY, REG_OPTION_VOLATILE, REG_QWORD, REG_SZ, RegKeyInfo, RegValue,
};
pub use session::caller::foreign;
pub use session::diagnostics::{Diagnostic, DiagnosticKind};
pub use session::fault::{Fault, FaultWhen};
pub use session::history::CallRecord;
pub use session::leak::OpenHandle;
pub use session::notify::{Notification, NotifyObject, change};
pub use session::notify_v2::{NotificationV2, NotifyFilter, change_v2, object_type};
pub use session::simulator::{Simulator, WeakSimulator};
pub use types::access::{GENERIC_ALL, GENERIC_READ, MAXIMUM_ALLOWED};
pub use types::call_info::CallInfo;
pub use types::disk::{Disk, DiskId, Partition};
pub use types::enum_ex::{
    CLUSTER_GROUP_ENUM_ITEM_VERSION_1, CLUSTER_RESOURCE_ENUM_ITEM_VERSION_1, ClusterGroupEnumItem,
    ClusterResourceEnumItem,
};
#[doc(inline)]
pub use types::error::codes;
pub use types::error::{Error, Result};
/// `CLUSGROUP_TYPE` values (a group's `GroupType`), named as `clusapi.h` names them.
pub use types::group_type as clusgroup_type;
pub use types::group_type::{CLUSTER_CREATE_GROUP_INFO_VERSION, CLUSTER_CREATE_GROUP_INFO_VERSION_1};
pub use types::handle::{
    HChange, HClusEnum, HClusEnumEx, HCluster, HGroup, HGroupEnum, HGroupEnumEx, HKey, HNetInterface,
    HNetwork, HNetworkEnum, HNode, HNodeEnum, HResEnum, HResEnumEx, HResTypeEnum, HResource, Handle,
    HandleKind,
};
pub use types::lever::{Lever, Trigger, TriggerOn, TriggerTiming};
pub use types::proplist::{
    CLUSPROP_SYNTAX_ENDMARK, CLUSPROP_SYNTAX_NAME, CLUSPROP_TYPE_LIST_VALUE, PropertyFormat, PropertyList,
    PropertyValue, multi_sz_to_bytes, sz_to_bytes,
};
pub use types::state::{
    ClusterGroupState, ClusterNetInterfaceState, ClusterNetworkState, ClusterNodeState, ClusterResourceState,
    NodeClusterState,
};

/// The README's examples, compiled and run as doctests so the front door never rots.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

/// `docs/cookbook.md`'s Rust recipes, run as doctests so the cookbook never rots (the
/// property-test recipe runs with the `proptest` feature).
#[doc = include_str!("../docs/cookbook.md")]
#[cfg(doctest)]
pub struct CookbookDoctests;
