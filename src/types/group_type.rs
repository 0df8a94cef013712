//! `CLUSGROUP_TYPE`: the values of a group's `GroupType` property, named as `clusapi.h`
//! names them (Microsoft's "CLUSGROUP_TYPE enumeration" page; the values up to
//! `ClusGroupTypeCoreSddc` are also those of `windows-sys`, the later ones follow in the
//! enumeration without explicit values).
//!
//! A group's type is a number the cluster stores and reports, and nothing else: MS-CMRP
//! 3.1.4.2.128 has the server store any value `CreateClusterGroupEx` gives and "treat all
//! values identically", so any `u32` is a type, these are the names of the known ones.
//!
//! ```
//! use clusapi_sim::clusgroup_type::{ClusGroupTypeCoreCluster, ClusGroupTypeUnknown, ClusGroupTypeVirtualMachine};
//! assert_eq!((ClusGroupTypeCoreCluster, ClusGroupTypeVirtualMachine, ClusGroupTypeUnknown), (1, 111, 9999));
//! ```

// The names are `clusapi.h`'s, so that code written against the SDK reads the same.
#![allow(non_upper_case_globals)]

/// The core group (`"Cluster Group"`), which holds the cluster's name and addresses.
pub const ClusGroupTypeCoreCluster: u32 = 1;
/// The `"Available Storage"` group.
pub const ClusGroupTypeAvailableStorage: u32 = 2;
/// A temporary group.
pub const ClusGroupTypeTemporary: u32 = 3;
/// A Cluster Shared Volume group.
pub const ClusGroupTypeSharedVolume: u32 = 4;
/// A storage pool group.
pub const ClusGroupTypeStoragePool: u32 = 5;
/// A file server role.
pub const ClusGroupTypeFileServer: u32 = 100;
/// A print server role.
pub const ClusGroupTypePrintServer: u32 = 101;
/// A DHCP server role.
pub const ClusGroupTypeDhcpServer: u32 = 102;
/// A Distributed Transaction Coordinator role.
pub const ClusGroupTypeDtc: u32 = 103;
/// A Message Queuing role.
pub const ClusGroupTypeMsmq: u32 = 104;
/// A WINS role.
pub const ClusGroupTypeWins: u32 = 105;
/// A stand-alone DFS role.
pub const ClusGroupTypeStandAloneDfs: u32 = 106;
/// A generic application role.
pub const ClusGroupTypeGenericApplication: u32 = 107;
/// A generic service role.
pub const ClusGroupTypeGenericService: u32 = 108;
/// A generic script role.
pub const ClusGroupTypeGenericScript: u32 = 109;
/// An iSNS server role.
pub const ClusGroupTypeIScsiNameService: u32 = 110;
/// A Hyper-V virtual machine role.
pub const ClusGroupTypeVirtualMachine: u32 = 111;
/// A Remote Desktop Connection Broker role.
pub const ClusGroupTypeTsSessionBroker: u32 = 112;
/// An iSCSI target server role.
pub const ClusGroupTypeIScsiTarget: u32 = 113;
/// A Scale-Out File Server role.
pub const ClusGroupTypeScaleoutFileServer: u32 = 114;
/// A Hyper-V Replica Broker role.
pub const ClusGroupTypeVMReplicaBroker: u32 = 115;
/// A task scheduler group.
pub const ClusGroupTypeTaskScheduler: u32 = 116;
/// The Cluster-Aware Updating role.
pub const ClusGroupTypeClusterUpdateAgent: u32 = 117;
/// A scale-out cluster group.
pub const ClusGroupTypeScaleoutCluster: u32 = 118;
/// A Storage Replica group.
pub const ClusGroupTypeStorageReplica: u32 = 119;
/// A Hyper-V Replica coordinator group.
pub const ClusGroupTypeVMReplicaCoordinator: u32 = 120;
/// A cross-cluster orchestrator group.
pub const ClusGroupTypeCrossClusterOrchestrator: u32 = 121;
/// An infrastructure file server role.
pub const ClusGroupTypeInfrastructureFileServer: u32 = 122;
/// The core Storage Spaces Direct group.
pub const ClusGroupTypeCoreSddc: u32 = 123;
/// A user manager group.
pub const ClusGroupTypeUserManager: u32 = 124;
/// A key-value store manager group.
pub const ClusGroupTypeKeyValueStoreManager: u32 = 125;
/// An HCS virtual machine group.
pub const ClusGroupTypeHcsVirtualMachine: u32 = 126;
/// A meta virtual machine group.
pub const ClusGroupTypeMetaVirtualMachine: u32 = 127;
/// A group of no known type: what `CreateClusterGroup` gives (MS-CMRP 3.1.4.2.43) and the
/// default of the `GroupType` property (Microsoft's "GroupType" page).
pub const ClusGroupTypeUnknown: u32 = 9999;

/// `CLUSTER_CREATE_GROUP_INFO_VERSION_1`: the only version of `CLUSTER_CREATE_GROUP_INFO`
/// (Microsoft's `CLUSTER_CREATE_GROUP_INFO` page).
pub const CLUSTER_CREATE_GROUP_INFO_VERSION_1: u32 = 1;
/// `CLUSTER_CREATE_GROUP_INFO_VERSION`: the current version, `_VERSION_1`.
pub const CLUSTER_CREATE_GROUP_INFO_VERSION: u32 = CLUSTER_CREATE_GROUP_INFO_VERSION_1;

/// The type a group of a topology has when the topology gives none: the core group
/// `ClusGroupTypeCoreCluster`, `"Available Storage"` `ClusGroupTypeAvailableStorage` (as on
/// a real cluster), any other `ClusGroupTypeUnknown`.
pub(crate) fn default_for(name: &str, core_group: &str) -> u32 {
    if crate::types::names::names_equal(name, core_group) {
        ClusGroupTypeCoreCluster
    } else if crate::types::names::names_equal(name, AVAILABLE_STORAGE) {
        ClusGroupTypeAvailableStorage
    } else {
        ClusGroupTypeUnknown
    }
}

/// The name of the group that holds the storage no role uses yet.
pub(crate) const AVAILABLE_STORAGE: &str = "Available Storage";
