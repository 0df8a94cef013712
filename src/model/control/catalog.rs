//! The properties a real cluster shows for each object kind: names, formats, defaults,
//! read-only or not, in the order a real cluster lists them. Sources: cited per table below.
//!
//! Sources, per table (details in the comment above each one):
//! - captured property lists of a real Windows Server 2022 cluster
//!   (`/work/shared/fixtures/real-property-lists/*.hex`, from `prometheus-community/windows_exporter`,
//!   `internal/headers/clusapi/testdata/`): cluster common, resource common and read-only common,
//!   IP Address read-only private;
//! - captured property lists of a real Windows Server 2012 R2 cluster in Samba's NDR tests
//!   (`samba-team/samba`, `source4/torture/ndr/clusapi.c`): cluster read-only common, node
//!   read-only common;
//! - real `Get-ClusterParameter` output (which lists read-write then read-only private properties
//!   in the cluster's order): IP Address, Network Name, Physical Disk;
//! - the Failover Cluster reference, "Cluster Object Common Properties" and the per-property
//!   pages (learn.microsoft.com/previous-versions/windows/desktop/mscs/..., source text in
//!   `MicrosoftDocs/win32`, `desktop-src/MsCS/`): access (read-only or read/write), format and
//!   default of everything else.
//!
//! Where no capture gives the order, the order is a guess (noted above the table).
//!
//! `source` vocabulary (what a `Default::Dynamic` value reflects):
//! - "name", "id", "description", "resource type", "owner node", "group", "node", "network",
//!   "state", "node id", "drain status", "cluster name" (the common vocabulary);
//! - "network role": the network's role (`CLUSTER_NETWORK_ROLE`);
//! - "network address", "network address mask": the network's subnet address and mask
//!   (for `IPv4Addresses` / `IPv4PrefixLengths`: the same as a one-element list, the mask as a
//!   prefix length);
//! - "interface address": the network interface's IPv4 address (for `IPv4Addresses`: as a
//!   one-element list);
//! - "monitor process id": the process id of the resource monitor hosting the resource;
//! - "dll name": the resource type's DLL (`clusres.dll` for the four built-in types here).

use crate::types::proplist::PropertyFormat;

/// How a property gets its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
// Every format has its default form, though the real sets use only some of them.
#[allow(dead_code)]
pub(crate) enum Default {
    Dword(u32),
    Long(i32),
    Sz(&'static str),
    ExpandSz(&'static str),
    MultiSz(&'static [&'static str]),
    Binary(&'static [u8]),
    ULargeInteger(u64),
    LargeInteger(i64),
    FileTime(u64),
    /// Filled in by the simulator from its model (the object's name, id, state, owner,
    /// type, ...): `Dynamic` properties must name in `source` what they reflect.
    Dynamic,
}

/// One property of an object kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PropDef {
    pub name: &'static str,
    pub format: PropertyFormat,
    pub default: Default,
    /// What a `Dynamic` value reflects (e.g. "name", "id", "owner node name", "resource type",
    /// "group name", "state", "node id", "network role"), or "" for a stored value.
    pub source: &'static str,
}

/// A plausible self-relative security descriptor in place of the captured, machine-specific
/// ones: owner and group BUILTIN\Administrators (S-1-5-32-544), a DACL with one
/// ACCESS_ALLOWED ACE granting BUILTIN\Administrators `CLUSAPI_READ_ACCESS |
/// CLUSAPI_CHANGE_ACCESS` (3), no SACL.
pub(crate) const MINIMAL_SECURITY_DESCRIPTOR: &[u8] = &[
    // SECURITY_DESCRIPTOR_RELATIVE: revision 1, control SE_SELF_RELATIVE | SE_DACL_PRESENT,
    // owner at 52, group at 68, no SACL, DACL at 20.
    0x01, 0x00, 0x04, 0x80, 0x34, 0x00, 0x00, 0x00, 0x44, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x14,
    0x00, 0x00, 0x00, // ACL: revision 2, size 32, one ACE.
    0x02, 0x00, 0x20, 0x00, 0x01, 0x00, 0x00, 0x00,
    // ACCESS_ALLOWED_ACE: type 0, flags 0, size 24, mask 3, SID S-1-5-32-544.
    0x00, 0x00, 0x18, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x20,
    0x00, 0x00, 0x00, 0x20, 0x02, 0x00, 0x00, // Owner SID S-1-5-32-544.
    0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x20, 0x00, 0x00, 0x00, 0x20, 0x02, 0x00, 0x00,
    // Group SID S-1-5-32-544.
    0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, 0x20, 0x00, 0x00, 0x00, 0x20, 0x02, 0x00, 0x00,
];

/// `CLUSTER_MAKE_VERSION(11, 20348)`: what the simulator reports as its cluster version
/// (`src/api/cluster.rs`, a Windows Server 2022 cluster).
const NODE_VERSION: u32 = (11 << 16) | 20348;

// Source: cluster_common.hex (CLUSCTL_CLUSTER_GET_COMMON_PROPERTIES, real WS2022 cluster): all 74, same
// order, names and formats; captured values except the two security descriptors and RecentEventsResetTime.
pub(crate) static CLUSTER_COMMON: &[PropDef] = &[
    PropDef { name: "AddEvictDelay", format: PropertyFormat::Dword, default: Default::Dword(60), source: "" },
    PropDef {
        name: "BackupInProgress",
        format: PropertyFormat::Dword,
        default: Default::Dword(0),
        source: "",
    },
    PropDef {
        name: "ClusSvcHangTimeout",
        format: PropertyFormat::Dword,
        default: Default::Dword(135),
        source: "",
    },
    PropDef {
        name: "ClusSvcRegroupStageTimeout",
        format: PropertyFormat::Dword,
        default: Default::Dword(15),
        source: "",
    },
    PropDef {
        name: "ClusSvcRegroupTickInMilliseconds",
        format: PropertyFormat::Dword,
        default: Default::Dword(300),
        source: "",
    },
    PropDef {
        name: "ClusterGroupWaitDelay",
        format: PropertyFormat::Dword,
        default: Default::Dword(120),
        source: "",
    },
    PropDef {
        name: "MinimumPreemptorPriority",
        format: PropertyFormat::Dword,
        default: Default::Dword(1),
        source: "",
    },
    PropDef {
        name: "MinimumNeverPreemptPriority",
        format: PropertyFormat::Dword,
        default: Default::Dword(3000),
        source: "",
    },
    PropDef {
        name: "ClusterEnforcedAntiaffinity",
        format: PropertyFormat::Dword,
        default: Default::Dword(0),
        source: "",
    },
    PropDef {
        name: "ClusterLogLevel",
        format: PropertyFormat::Dword,
        default: Default::Dword(3),
        source: "",
    },
    PropDef {
        name: "ClusterLogSize",
        format: PropertyFormat::Dword,
        default: Default::Dword(1536),
        source: "",
    },
    PropDef {
        name: "CrossSubnetDelay",
        format: PropertyFormat::Dword,
        default: Default::Dword(1000),
        source: "",
    },
    PropDef {
        name: "CrossSubnetThreshold",
        format: PropertyFormat::Dword,
        default: Default::Dword(30),
        source: "",
    },
    PropDef {
        name: "CrossSiteDelay",
        format: PropertyFormat::Dword,
        default: Default::Dword(1000),
        source: "",
    },
    PropDef {
        name: "CrossSiteThreshold",
        format: PropertyFormat::Dword,
        default: Default::Dword(20),
        source: "",
    },
    PropDef {
        name: "DefaultNetworkRole",
        format: PropertyFormat::Dword,
        default: Default::Dword(3),
        source: "",
    },
    PropDef { name: "Description", format: PropertyFormat::Sz, default: Default::Sz(""), source: "" },
    PropDef {
        name: "EnableSharedVolumes",
        format: PropertyFormat::Dword,
        default: Default::Dword(1),
        source: "",
    },
    PropDef {
        name: "SharedVolumeVssWriterOperationTimeout",
        format: PropertyFormat::Dword,
        default: Default::Dword(1800),
        source: "",
    },
    PropDef {
        name: "UseClientAccessNetworksForSharedVolumes",
        format: PropertyFormat::Dword,
        default: Default::Dword(2),
        source: "",
    },
    PropDef {
        name: "HangRecoveryAction",
        format: PropertyFormat::Dword,
        default: Default::Dword(6),
        source: "",
    },
    PropDef {
        name: "LogResourceControls",
        format: PropertyFormat::Dword,
        default: Default::Dword(0),
        source: "",
    },
    PropDef {
        name: "PlumbAllCrossSubnetRoutes",
        format: PropertyFormat::Dword,
        default: Default::Dword(0),
        source: "",
    },
    PropDef {
        name: "QuorumArbitrationTimeMax",
        format: PropertyFormat::Dword,
        default: Default::Dword(20),
        source: "",
    },
    PropDef {
        name: "RequestReplyTimeout",
        format: PropertyFormat::Dword,
        default: Default::Dword(60),
        source: "",
    },
    PropDef {
        name: "SameSubnetDelay",
        format: PropertyFormat::Dword,
        default: Default::Dword(1000),
        source: "",
    },
    PropDef {
        name: "SameSubnetThreshold",
        format: PropertyFormat::Dword,
        default: Default::Dword(30),
        source: "",
    },
    // Captured value is the test cluster's own descriptor (domain SIDs): replaced by a minimal one.
    PropDef {
        name: "Security Descriptor",
        format: PropertyFormat::Binary,
        default: Default::Binary(MINIMAL_SECURITY_DESCRIPTOR),
        source: "",
    },
    PropDef { name: "SecurityLevel", format: PropertyFormat::Dword, default: Default::Dword(1), source: "" },
    PropDef {
        name: "SecurityLevelForStorage",
        format: PropertyFormat::Dword,
        default: Default::Dword(0),
        source: "",
    },
    PropDef {
        name: "SharedVolumeCompatibleFilters",
        format: PropertyFormat::MultiSz,
        default: Default::MultiSz(&[]),
        source: "",
    },
    PropDef {
        name: "SharedVolumeIncompatibleFilters",
        format: PropertyFormat::MultiSz,
        default: Default::MultiSz(&[]),
        source: "",
    },
    PropDef {
        name: "ShutdownTimeoutInMinutes",
        format: PropertyFormat::Dword,
        default: Default::Dword(24),
        source: "",
    },
    PropDef {
        name: "WitnessDatabaseWriteTimeout",
        format: PropertyFormat::Dword,
        default: Default::Dword(300),
        source: "",
    },
    PropDef {
        name: "WitnessRestartInterval",
        format: PropertyFormat::Dword,
        default: Default::Dword(15),
        source: "",
    },
    // Captured value is the test cluster's own descriptor (domain SIDs): replaced by a minimal one.
    PropDef {
        name: "SharedVolumeSecurityDescriptor",
        format: PropertyFormat::Binary,
        default: Default::Binary(MINIMAL_SECURITY_DESCRIPTOR),
        source: "",
    },
    PropDef {
        name: "BlockCacheSize",
        format: PropertyFormat::Dword,
        default: Default::Dword(1024),
        source: "",
    },
    PropDef {
        name: "RouteHistoryLength",
        format: PropertyFormat::Dword,
        default: Default::Dword(40),
        source: "",
    },
    PropDef {
        name: "DynamicQuorumEnabled",
        format: PropertyFormat::Dword,
        default: Default::Dword(1),
        source: "",
    },
    // Captured value 134361186894390000 is the capture machine's reset time: neutral 0 (never reset).
    PropDef {
        name: "RecentEventsResetTime",
        format: PropertyFormat::FileTime,
        default: Default::FileTime(0),
        source: "",
    },
    PropDef {
        name: "DrainOnShutdown",
        format: PropertyFormat::Dword,
        default: Default::Dword(1),
        source: "",
    },
    PropDef {
        name: "DatabaseReadWriteMode",
        format: PropertyFormat::Dword,
        default: Default::Dword(0),
        source: "",
    },
    PropDef {
        name: "NetftIPSecEnabled",
        format: PropertyFormat::Dword,
        default: Default::Dword(1),
        source: "",
    },
    PropDef { name: "CsvBalancer", format: PropertyFormat::Dword, default: Default::Dword(1), source: "" },
    PropDef {
        name: "MessageBufferLength",
        format: PropertyFormat::Dword,
        default: Default::Dword(50),
        source: "",
    },
    PropDef {
        name: "LowerQuorumPriorityNodeId",
        format: PropertyFormat::Dword,
        default: Default::Dword(0),
        source: "",
    },
    PropDef {
        name: "DumpPolicy",
        format: PropertyFormat::ULargeInteger,
        default: Default::ULargeInteger(1375801625),
        source: "",
    },
    PropDef { name: "S2DBusTypes", format: PropertyFormat::Dword, default: Default::Dword(0), source: "" },
    PropDef {
        name: "S2DOptimizations",
        format: PropertyFormat::Dword,
        default: Default::Dword(0),
        source: "",
    },
    PropDef {
        name: "S2DIOLatencyThreshold",
        format: PropertyFormat::Dword,
        default: Default::Dword(10000),
        source: "",
    },
    PropDef {
        name: "S2DCacheDesiredState",
        format: PropertyFormat::Dword,
        default: Default::Dword(2),
        source: "",
    },
    PropDef {
        name: "S2DCacheFlashReservePercent",
        format: PropertyFormat::Dword,
        default: Default::Dword(0),
        source: "",
    },
    PropDef {
        name: "S2DCacheBehavior",
        format: PropertyFormat::ULargeInteger,
        default: Default::ULargeInteger(88),
        source: "",
    },
    PropDef {
        name: "S2DCachePageSizeKBytes",
        format: PropertyFormat::Dword,
        default: Default::Dword(16),
        source: "",
    },
    PropDef {
        name: "ResiliencyLevel",
        format: PropertyFormat::Dword,
        default: Default::Dword(2),
        source: "",
    },
    PropDef {
        name: "ResiliencyDefaultPeriod",
        format: PropertyFormat::Dword,
        default: Default::Dword(240),
        source: "",
    },
    PropDef {
        name: "QuarantineDuration",
        format: PropertyFormat::Dword,
        default: Default::Dword(7200),
        source: "",
    },
    PropDef {
        name: "QuarantineThreshold",
        format: PropertyFormat::Dword,
        default: Default::Dword(3),
        source: "",
    },
    PropDef { name: "PreferredSite", format: PropertyFormat::Sz, default: Default::Sz(""), source: "" },
    PropDef {
        name: "AutoBalancerMode",
        format: PropertyFormat::Dword,
        default: Default::Dword(2),
        source: "",
    },
    PropDef {
        name: "AutoBalancerLevel",
        format: PropertyFormat::Dword,
        default: Default::Dword(1),
        source: "",
    },
    PropDef {
        name: "AutoAssignNodeSite",
        format: PropertyFormat::Dword,
        default: Default::Dword(1),
        source: "",
    },
    PropDef {
        name: "GroupDependencyTimeout",
        format: PropertyFormat::Dword,
        default: Default::Dword(600),
        source: "",
    },
    PropDef {
        name: "IgnorePersistentStateOnStartup",
        format: PropertyFormat::Dword,
        default: Default::Dword(0),
        source: "",
    },
    PropDef {
        name: "PlacementOptions",
        format: PropertyFormat::Dword,
        default: Default::Dword(0),
        source: "",
    },
    PropDef {
        name: "DetectManagedEvents",
        format: PropertyFormat::Dword,
        default: Default::Dword(1),
        source: "",
    },
    PropDef {
        name: "DetectManagedEventsThreshold",
        format: PropertyFormat::Dword,
        default: Default::Dword(60),
        source: "",
    },
    PropDef {
        name: "EnabledEventLogs",
        format: PropertyFormat::MultiSz,
        default: Default::MultiSz(&[
            "Microsoft-Windows-Hyper-V-VmSwitch-Diagnostic,4,0xFFFFFFFD",
            "Microsoft-Windows-SMBDirect/Debug,4",
            "Microsoft-Windows-SMBServer/Analytic",
            "Microsoft-Windows-Kernel-LiveDump/Analytic",
        ]),
        source: "",
    },
    PropDef {
        name: "UseRdmaForStorage",
        format: PropertyFormat::Dword,
        default: Default::Dword(1),
        source: "",
    },
    PropDef {
        name: "SetSMBBandwidthLimit",
        format: PropertyFormat::Dword,
        default: Default::Dword(1),
        source: "",
    },
    PropDef {
        name: "SMBBandwidthLimitFactor",
        format: PropertyFormat::Dword,
        default: Default::Dword(2500),
        source: "",
    },
    PropDef {
        name: "MaximumParallelMigrations",
        format: PropertyFormat::Dword,
        default: Default::Dword(1),
        source: "",
    },
    PropDef {
        name: "WprSessionCount",
        format: PropertyFormat::Dword,
        default: Default::Dword(2),
        source: "",
    },
    PropDef {
        name: "WprSessionCoolOffTime",
        format: PropertyFormat::Dword,
        default: Default::Dword(600),
        source: "",
    },
];

// Source: samba-team/samba source4/torture/ndr/clusapi.c, clusapi_PROPERTY_LIST_data (a real WS2012 R2
// list: FixQuorum, PreventQuorum, IgnorePersistentStateOnStartup, SharedVolumesRoot, WitnessDynamicWeight,
// AdminAccessPoint, same order and values) minus IgnorePersistentStateOnStartup, which the WS2022 capture
// lists as read-write; ClusterFunctionalLevel appended (docs: clusters-clusterfunctionallevel, read-only,
// WS2016+; its position is a guess; 11 = Windows Server 2022, as the simulator reports).
pub(crate) static CLUSTER_RO_COMMON: &[PropDef] = &[
    PropDef { name: "FixQuorum", format: PropertyFormat::Dword, default: Default::Dword(0), source: "" },
    PropDef { name: "PreventQuorum", format: PropertyFormat::Dword, default: Default::Dword(0), source: "" },
    PropDef {
        name: "SharedVolumesRoot",
        format: PropertyFormat::Sz,
        default: Default::Sz("C:\\ClusterStorage"),
        source: "",
    },
    PropDef {
        name: "WitnessDynamicWeight",
        format: PropertyFormat::Dword,
        default: Default::Dword(1),
        source: "",
    },
    PropDef {
        name: "AdminAccessPoint",
        format: PropertyFormat::Dword,
        default: Default::Dword(1),
        source: "",
    },
    PropDef {
        name: "ClusterFunctionalLevel",
        format: PropertyFormat::Dword,
        default: Default::Dword(11),
        source: "",
    },
];

// Source: docs "Node Common Properties" (node-common-properties) and the per-property pages: Description
// and NodeWeight read/write (WS2012+), FaultDomainId read/write (WS2016+). Order is a guess. NodeWeight:
// the page says default 0, but a real node that was added normally votes (1); 1 is used.
// EnableEventLogReplication (WS2003 only) and AdminExtensions ("not supported") are left out.
pub(crate) static NODE_COMMON: &[PropDef] = &[
    PropDef { name: "Description", format: PropertyFormat::Sz, default: Default::Sz(""), source: "" },
    PropDef { name: "NodeWeight", format: PropertyFormat::Dword, default: Default::Dword(1), source: "" },
    PropDef { name: "FaultDomainId", format: PropertyFormat::Sz, default: Default::Sz(""), source: "" },
];

// Source: samba-team/samba source4/torture/ndr/clusapi.c, clusapi_PROPERTY_LIST_data2 (a real WS2012 R2
// node read-only list, 12 properties, this order); version numbers changed to what the simulator reports
// for WS2022 (10.0.20348, CLUSTER_MAKE_VERSION(11, 20348)); NodeInstanceID is a GUID of the node (Dynamic
// "id"). Appended (guess at their position), read-only per the docs, WS2016+: FaultDomain, StatusInformation
// (page "statusinformation": DWORD), Manufacturer, Model, SerialNumber (plausible neutral strings).
pub(crate) static NODE_RO_COMMON: &[PropDef] = &[
    PropDef { name: "NodeName", format: PropertyFormat::Sz, default: Default::Dynamic, source: "name" },
    PropDef {
        name: "NodeHighestVersion",
        format: PropertyFormat::Dword,
        default: Default::Dword(NODE_VERSION),
        source: "",
    },
    PropDef {
        name: "NodeLowestVersion",
        format: PropertyFormat::Dword,
        default: Default::Dword(NODE_VERSION),
        source: "",
    },
    PropDef { name: "MajorVersion", format: PropertyFormat::Dword, default: Default::Dword(10), source: "" },
    PropDef { name: "MinorVersion", format: PropertyFormat::Dword, default: Default::Dword(0), source: "" },
    PropDef {
        name: "BuildNumber",
        format: PropertyFormat::Dword,
        default: Default::Dword(20348),
        source: "",
    },
    PropDef { name: "CSDVersion", format: PropertyFormat::Sz, default: Default::Sz(""), source: "" },
    PropDef { name: "NodeInstanceID", format: PropertyFormat::Sz, default: Default::Dynamic, source: "id" },
    PropDef {
        name: "NodeDrainStatus",
        format: PropertyFormat::Dword,
        default: Default::Dynamic,
        source: "drain status",
    },
    PropDef {
        name: "NodeDrainTarget",
        format: PropertyFormat::Dword,
        default: Default::Dword(0xFFFFFFFF),
        source: "",
    },
    PropDef { name: "DynamicWeight", format: PropertyFormat::Dword, default: Default::Dword(1), source: "" },
    PropDef {
        name: "NeedsPreventQuorum",
        format: PropertyFormat::Dword,
        default: Default::Dword(0),
        source: "",
    },
    PropDef {
        name: "FaultDomain",
        format: PropertyFormat::MultiSz,
        default: Default::MultiSz(&[]),
        source: "",
    },
    PropDef {
        name: "StatusInformation",
        format: PropertyFormat::Dword,
        default: Default::Dword(0),
        source: "",
    },
    PropDef {
        name: "Manufacturer",
        format: PropertyFormat::Sz,
        default: Default::Sz("Microsoft Corporation"),
        source: "",
    },
    PropDef {
        name: "Model",
        format: PropertyFormat::Sz,
        default: Default::Sz("Virtual Machine"),
        source: "",
    },
    PropDef { name: "SerialNumber", format: PropertyFormat::Sz, default: Default::Sz(""), source: "" },
];

// Source: docs "Group Common Properties" (group-common-properties) and the per-property pages (all
// read/write here; defaults from the pages). Order is a guess: that of `cluster group /prop` and
// Get-ClusterGroup, with the WS2012+ and WS2016+ additions after. AdminExtensions ("not supported") is
// left out. PersistentState: page default FALSE (0).
pub(crate) static GROUP_COMMON: &[PropDef] = &[
    PropDef { name: "Description", format: PropertyFormat::Sz, default: Default::Sz(""), source: "" },
    PropDef {
        name: "PersistentState",
        format: PropertyFormat::Dword,
        default: Default::Dword(0),
        source: "",
    },
    PropDef {
        name: "FailoverThreshold",
        format: PropertyFormat::Dword,
        default: Default::Dword(0xFFFFFFFF),
        source: "",
    },
    PropDef { name: "FailoverPeriod", format: PropertyFormat::Dword, default: Default::Dword(6), source: "" },
    PropDef {
        name: "AutoFailbackType",
        format: PropertyFormat::Dword,
        default: Default::Dword(0),
        source: "",
    },
    PropDef {
        name: "FailbackWindowStart",
        format: PropertyFormat::Dword,
        default: Default::Dword(0xFFFFFFFF),
        source: "",
    },
    PropDef {
        name: "FailbackWindowEnd",
        format: PropertyFormat::Dword,
        default: Default::Dword(0xFFFFFFFF),
        source: "",
    },
    PropDef {
        name: "AntiAffinityClassNames",
        format: PropertyFormat::MultiSz,
        default: Default::MultiSz(&[]),
        source: "",
    },
    PropDef { name: "Priority", format: PropertyFormat::Dword, default: Default::Dword(2000), source: "" },
    PropDef {
        name: "DefaultOwner",
        format: PropertyFormat::Dword,
        default: Default::Dword(0xFFFFFFFF),
        source: "",
    },
    PropDef {
        name: "GroupStartDelay",
        format: PropertyFormat::Dword,
        default: Default::Dword(0),
        source: "",
    },
    PropDef {
        name: "ResiliencyPeriod",
        format: PropertyFormat::Dword,
        default: Default::Dword(0),
        source: "",
    },
    PropDef {
        name: "ColdStartSetting",
        format: PropertyFormat::Dword,
        default: Default::Dword(0),
        source: "",
    },
    PropDef {
        name: "CCFEpoch",
        format: PropertyFormat::ULargeInteger,
        default: Default::ULargeInteger(0),
        source: "",
    },
    PropDef {
        name: "PreferredSite",
        format: PropertyFormat::MultiSz,
        default: Default::MultiSz(&[]),
        source: "",
    },
];

// Source: docs, group pages marked read-only: groups-name, groups-grouptype (DWORD, "Access: Read-only",
// default 9999 = ClusGroupTypeUnknown, the type MS-CMRP ApiCreateGroup gives a new group; a group's own value is
// stored in its props: the topology's, 1 for the core group, 2 for "Available Storage", or the one
// CreateClusterGroupEx gave), groups-statusinformation (ULARGE_INTEGER). Order is a guess.
pub(crate) static GROUP_RO_COMMON: &[PropDef] = &[
    PropDef { name: "Name", format: PropertyFormat::Sz, default: Default::Dynamic, source: "name" },
    PropDef { name: "GroupType", format: PropertyFormat::Dword, default: Default::Dword(9999), source: "" },
    PropDef {
        name: "StatusInformation",
        format: PropertyFormat::ULargeInteger,
        default: Default::ULargeInteger(0),
        source: "",
    },
];

// Source: resource_common_generic_service.hex (CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES, a Generic Service on
// a real WS2022 cluster): all 15, same order, names, formats and captured values.
pub(crate) static RESOURCE_COMMON: &[PropDef] = &[
    PropDef {
        name: "DeadlockTimeout",
        format: PropertyFormat::Dword,
        default: Default::Dword(300000),
        source: "",
    },
    PropDef { name: "Description", format: PropertyFormat::Sz, default: Default::Sz(""), source: "" },
    PropDef {
        name: "IsAlivePollInterval",
        format: PropertyFormat::Dword,
        default: Default::Dword(0xFFFFFFFF),
        source: "",
    },
    PropDef {
        name: "LooksAlivePollInterval",
        format: PropertyFormat::Dword,
        default: Default::Dword(0xFFFFFFFF),
        source: "",
    },
    PropDef {
        name: "PendingTimeout",
        format: PropertyFormat::Dword,
        default: Default::Dword(180000),
        source: "",
    },
    // Captured 1 (the resource was online); a real cluster stores the last online/offline state.
    PropDef {
        name: "PersistentState",
        format: PropertyFormat::Dword,
        default: Default::Dynamic,
        source: "state",
    },
    PropDef { name: "RestartAction", format: PropertyFormat::Dword, default: Default::Dword(2), source: "" },
    PropDef { name: "RestartDelay", format: PropertyFormat::Dword, default: Default::Dword(500), source: "" },
    PropDef {
        name: "RestartPeriod",
        format: PropertyFormat::Dword,
        default: Default::Dword(600000),
        source: "",
    },
    PropDef {
        name: "RestartThreshold",
        format: PropertyFormat::Dword,
        default: Default::Dword(1),
        source: "",
    },
    PropDef {
        name: "EmbeddedFailureAction",
        format: PropertyFormat::Dword,
        default: Default::Dword(2),
        source: "",
    },
    PropDef {
        name: "RetryPeriodOnFailure",
        format: PropertyFormat::Dword,
        default: Default::Dword(600000),
        source: "",
    },
    PropDef {
        name: "SeparateMonitor",
        format: PropertyFormat::Dword,
        default: Default::Dword(0),
        source: "",
    },
    PropDef { name: "Type", format: PropertyFormat::Sz, default: Default::Dynamic, source: "resource type" },
    PropDef {
        name: "ResourceSpecificStatus",
        format: PropertyFormat::Sz,
        default: Default::Sz(""),
        source: "",
    },
];

// Source: resource_ro_common_generic_service.hex (CLUSCTL_RESOURCE_GET_RO_COMMON_PROPERTIES, same
// resource): all 6, same order, names, formats and captured values.
pub(crate) static RESOURCE_RO_COMMON: &[PropDef] = &[
    PropDef { name: "Name", format: PropertyFormat::Sz, default: Default::Dynamic, source: "name" },
    // Captured 9092: the resource monitor's process id on the capture machine.
    PropDef {
        name: "MonitorProcessId",
        format: PropertyFormat::Dword,
        default: Default::Dynamic,
        source: "monitor process id",
    },
    PropDef {
        name: "StatusInformation",
        format: PropertyFormat::ULargeInteger,
        default: Default::ULargeInteger(0),
        source: "",
    },
    PropDef {
        name: "LastOperationStatusCode",
        format: PropertyFormat::ULargeInteger,
        default: Default::ULargeInteger(0),
        source: "",
    },
    PropDef {
        name: "ResourceSpecificData1",
        format: PropertyFormat::ULargeInteger,
        default: Default::ULargeInteger(0),
        source: "",
    },
    PropDef {
        name: "ResourceSpecificData2",
        format: PropertyFormat::ULargeInteger,
        default: Default::ULargeInteger(0),
        source: "",
    },
];

// Source: docs "Network Common Properties" (network-common-properties): Description, Role (default
// ClusterNetworkRoleInternalAndClient, 3, also the captured cluster DefaultNetworkRole), AutoMetric
// (default 1) and Metric (page default 100; a real cluster assigns its own when AutoMetric is 1) are
// read/write. Order is a guess (that of Get-ClusterNetwork). AdminExtensions left out.
pub(crate) static NETWORK_COMMON: &[PropDef] = &[
    PropDef { name: "Description", format: PropertyFormat::Sz, default: Default::Sz(""), source: "" },
    PropDef {
        name: "Role",
        format: PropertyFormat::Dword,
        default: Default::Dynamic,
        source: "network role",
    },
    PropDef { name: "AutoMetric", format: PropertyFormat::Dword, default: Default::Dword(1), source: "" },
    PropDef { name: "Metric", format: PropertyFormat::Dword, default: Default::Dword(100), source: "" },
];

// Source: docs, network pages marked read-only: networks-name, networks-address, networks-addressmask,
// ipv4addresses, ipv4prefixlengths, ipv6addresses, ipv6prefixlengths (MULTI_SZ). Order is a guess (that of
// Get-ClusterNetwork). The simulator has no IPv6: empty lists.
pub(crate) static NETWORK_RO_COMMON: &[PropDef] = &[
    PropDef { name: "Name", format: PropertyFormat::Sz, default: Default::Dynamic, source: "name" },
    PropDef {
        name: "IPv6Addresses",
        format: PropertyFormat::MultiSz,
        default: Default::MultiSz(&[]),
        source: "",
    },
    PropDef {
        name: "IPv6PrefixLengths",
        format: PropertyFormat::MultiSz,
        default: Default::MultiSz(&[]),
        source: "",
    },
    PropDef {
        name: "IPv4Addresses",
        format: PropertyFormat::MultiSz,
        default: Default::Dynamic,
        source: "network address",
    },
    PropDef {
        name: "IPv4PrefixLengths",
        format: PropertyFormat::MultiSz,
        default: Default::Dynamic,
        source: "network address mask",
    },
    PropDef {
        name: "Address",
        format: PropertyFormat::Sz,
        default: Default::Dynamic,
        source: "network address",
    },
    PropDef {
        name: "AddressMask",
        format: PropertyFormat::Sz,
        default: Default::Dynamic,
        source: "network address mask",
    },
];

// Source: docs "Network Interface Common Properties" (network-interface-common-properties): only
// Description is read/write. AdminExtensions left out.
pub(crate) static NETINTERFACE_COMMON: &[PropDef] =
    &[PropDef { name: "Description", format: PropertyFormat::Sz, default: Default::Sz(""), source: "" }];

// Source: docs, network interface pages marked read-only: network-interfaces-name, -node, -network,
// -adapter, -address, dhcpenabled (default 0), ipv6addresses-netifprop, ipv4addresses-netifprop, adapterid
// (a GUID: Dynamic "id"). Order is a guess (that of Get-ClusterNetworkInterface). Adapter: a plausible
// fixed adapter name ("Ethernet", the Windows default).
pub(crate) static NETINTERFACE_RO_COMMON: &[PropDef] = &[
    PropDef { name: "Name", format: PropertyFormat::Sz, default: Default::Dynamic, source: "name" },
    PropDef { name: "Node", format: PropertyFormat::Sz, default: Default::Dynamic, source: "node" },
    PropDef { name: "Network", format: PropertyFormat::Sz, default: Default::Dynamic, source: "network" },
    PropDef { name: "Adapter", format: PropertyFormat::Sz, default: Default::Sz("Ethernet"), source: "" },
    PropDef {
        name: "Address",
        format: PropertyFormat::Sz,
        default: Default::Dynamic,
        source: "interface address",
    },
    PropDef { name: "DhcpEnabled", format: PropertyFormat::Dword, default: Default::Dword(0), source: "" },
    PropDef {
        name: "IPv6Addresses",
        format: PropertyFormat::MultiSz,
        default: Default::MultiSz(&[]),
        source: "",
    },
    PropDef {
        name: "IPv4Addresses",
        format: PropertyFormat::MultiSz,
        default: Default::Dynamic,
        source: "interface address",
    },
    PropDef { name: "AdapterId", format: PropertyFormat::Sz, default: Default::Dynamic, source: "id" },
];

// Source: docs "Resource Type Common Properties" (resource-type-common-properties) and the per-property
// pages: all read/write except DllName. Defaults: the resource-type pages (IsAlive 60000, LooksAlive 5000,
// PendingTimeout 180000, DeadlockTimeout 300000 ms); a real type may override them. DumpPolicy: page default
// 0 (real types carry a type-specific bit mask). Order is a guess (that of Get-ClusterResourceType).
// DebugPrefix and DebugControlFunctions ("not supported") are left out.
pub(crate) static RESTYPE_COMMON: &[PropDef] = &[
    PropDef { name: "Name", format: PropertyFormat::Sz, default: Default::Dynamic, source: "name" },
    PropDef {
        name: "Description",
        format: PropertyFormat::Sz,
        default: Default::Dynamic,
        source: "description",
    },
    PropDef {
        name: "AdminExtensions",
        format: PropertyFormat::MultiSz,
        default: Default::MultiSz(&[]),
        source: "",
    },
    PropDef {
        name: "LooksAlivePollInterval",
        format: PropertyFormat::Dword,
        default: Default::Dword(5000),
        source: "",
    },
    PropDef {
        name: "IsAlivePollInterval",
        format: PropertyFormat::Dword,
        default: Default::Dword(60000),
        source: "",
    },
    PropDef {
        name: "PendingTimeout",
        format: PropertyFormat::Dword,
        default: Default::Dword(180000),
        source: "",
    },
    PropDef {
        name: "DeadlockTimeout",
        format: PropertyFormat::Dword,
        default: Default::Dword(300000),
        source: "",
    },
    PropDef {
        name: "DumpPolicy",
        format: PropertyFormat::ULargeInteger,
        default: Default::ULargeInteger(0),
        source: "",
    },
    PropDef {
        name: "DumpLogQuery",
        format: PropertyFormat::MultiSz,
        default: Default::MultiSz(&[]),
        source: "",
    },
    PropDef {
        name: "EnabledEventLogs",
        format: PropertyFormat::MultiSz,
        default: Default::MultiSz(&[]),
        source: "",
    },
];

// Source: docs resource-types-dllname (read-only, set by CreateClusterResourceType).
pub(crate) static RESTYPE_RO_COMMON: &[PropDef] =
    &[PropDef { name: "DllName", format: PropertyFormat::Sz, default: Default::Dynamic, source: "dll name" }];

// IP Address. Read-write: order from real `Get-ClusterParameter` output of an IP Address resource
// (Network, Address, SubnetMask, EnableNetBIOS, OverrideAddressMatch, EnableDhcp, ProbePort,
// ProbeFailureThreshold, then the 5 read-only ones in the fixture's order), formats from the docs
// ("IP Address Private Properties"); EnableNetBIOS 1, the rest 0. Address and SubnetMask have no default
// on a real cluster (required, set by the administrator): neutral "".
const IP_ADDRESS_PRIVATE: &[PropDef] = &[
    PropDef { name: "Network", format: PropertyFormat::Sz, default: Default::Dynamic, source: "network" },
    PropDef { name: "Address", format: PropertyFormat::Sz, default: Default::Sz(""), source: "" },
    PropDef { name: "SubnetMask", format: PropertyFormat::Sz, default: Default::Sz(""), source: "" },
    PropDef { name: "EnableNetBIOS", format: PropertyFormat::Dword, default: Default::Dword(1), source: "" },
    PropDef {
        name: "OverrideAddressMatch",
        format: PropertyFormat::Dword,
        default: Default::Dword(0),
        source: "",
    },
    PropDef { name: "EnableDhcp", format: PropertyFormat::Dword, default: Default::Dword(0), source: "" },
    PropDef { name: "ProbePort", format: PropertyFormat::Dword, default: Default::Dword(0), source: "" },
    PropDef {
        name: "ProbeFailureThreshold",
        format: PropertyFormat::Dword,
        default: Default::Dword(0),
        source: "",
    },
];

// Source: resource_ro_private_ip_address.hex (CLUSCTL_RESOURCE_GET_RO_PRIVATE_PROPERTIES, an IP Address on a
// real WS2022 cluster): all 5, same order, names, formats and captured values (a static address: no lease).
const IP_ADDRESS_RO_PRIVATE: &[PropDef] = &[
    PropDef {
        name: "LeaseObtainedTime",
        format: PropertyFormat::FileTime,
        default: Default::FileTime(0),
        source: "",
    },
    PropDef {
        name: "LeaseExpiresTime",
        format: PropertyFormat::FileTime,
        default: Default::FileTime(0),
        source: "",
    },
    PropDef {
        name: "DhcpServer",
        format: PropertyFormat::Sz,
        default: Default::Sz("255.255.255.255"),
        source: "",
    },
    PropDef { name: "DhcpAddress", format: PropertyFormat::Sz, default: Default::Sz("0.0.0.0"), source: "" },
    PropDef {
        name: "DhcpSubnetMask",
        format: PropertyFormat::Sz,
        default: Default::Sz("255.0.0.0"),
        source: "",
    },
];

// Network Name. Order from real `Get-ClusterParameter` output of a "Cluster Name" resource (WS2012: Name,
// DnsName, Aliases, RemapPipeNames, HostRecordTTL, RegisterAllProvidersIP, PublishPTRRecords, then the
// read-only ResourceData, StatusNetBIOS, StatusDNS, StatusKerberos, CreatingDC, LastDNSUpdateTime,
// ObjectGUID, DnsSuffix); access and formats from the docs ("Cluster Name Private Properties"). ADAware
// (WS2012 R2+, read/write per the docs, default 0xFFFFFFFF on the page; 1 = AD-aware, as a normal cluster
// name) is appended: its position is a guess. RequireDNS and RequireKerberos ("not supported") left out.
// Defaults: HostRecordTTL 1200, the rest 0/empty; DnsName reflects the resource's network name.
const NETWORK_NAME_PRIVATE: &[PropDef] = &[
    PropDef { name: "Name", format: PropertyFormat::Sz, default: Default::Dynamic, source: "cluster name" },
    PropDef {
        name: "DnsName",
        format: PropertyFormat::Sz,
        default: Default::Dynamic,
        source: "cluster name",
    },
    PropDef { name: "Aliases", format: PropertyFormat::Sz, default: Default::Sz(""), source: "" },
    PropDef { name: "RemapPipeNames", format: PropertyFormat::Dword, default: Default::Dword(0), source: "" },
    PropDef {
        name: "HostRecordTTL",
        format: PropertyFormat::Dword,
        default: Default::Dword(1200),
        source: "",
    },
    PropDef {
        name: "RegisterAllProvidersIP",
        format: PropertyFormat::Dword,
        default: Default::Dword(0),
        source: "",
    },
    PropDef {
        name: "PublishPTRRecords",
        format: PropertyFormat::Dword,
        default: Default::Dword(0),
        source: "",
    },
    PropDef { name: "ADAware", format: PropertyFormat::Dword, default: Default::Dword(1), source: "" },
];

const NETWORK_NAME_RO_PRIVATE: &[PropDef] = &[
    PropDef {
        name: "ResourceData",
        format: PropertyFormat::Binary,
        default: Default::Binary(&[1, 0, 0, 0]),
        source: "",
    },
    PropDef { name: "StatusNetBIOS", format: PropertyFormat::Dword, default: Default::Dword(0), source: "" },
    PropDef { name: "StatusDNS", format: PropertyFormat::Dword, default: Default::Dword(0), source: "" },
    PropDef { name: "StatusKerberos", format: PropertyFormat::Dword, default: Default::Dword(0), source: "" },
    PropDef { name: "CreatingDC", format: PropertyFormat::Sz, default: Default::Sz(""), source: "" },
    PropDef {
        name: "LastDNSUpdateTime",
        format: PropertyFormat::FileTime,
        default: Default::FileTime(0),
        source: "",
    },
    PropDef { name: "ObjectGUID", format: PropertyFormat::Sz, default: Default::Sz(""), source: "" },
    PropDef { name: "DnsSuffix", format: PropertyFormat::Sz, default: Default::Sz(""), source: "" },
];

// Physical Disk. Order from real `Get-ClusterParameter` output of a Physical Disk resource (the
// Get-ClusterResource reference page, example 3: DiskIdType ... CsvEnforceWriteThrough, then DiskPnpUpdate);
// formats and defaults from the docs ("Physical Disk Private Properties": DiskArbInterval 3, MaxIoLatency
// 1000). EnableBlockCache (WS2012 R2+ name of the block-cache switch, CLUSREG_NAME_PHYSDISK_CSVBLOCKCACHE,
// default 1 from WS2016) and DiskRecoveryAction (CLUSREG_NAME_PHYSDISK_DISKRECOVERYACTION) are appended as
// guesses. DiskSignature / DiskUniqueIds / DiskVolumeInfo identify a real disk: neutral 0 / empty.
// DiskPnpUpdate's access is not documented: read-only is a guess (it comes last, after every read/write one).
// The Storage Spaces properties (VirtualDisk*, PoolId) exist only on Spaces disks and are left out.
const PHYSICAL_DISK_PRIVATE: &[PropDef] = &[
    PropDef { name: "DiskIdType", format: PropertyFormat::Dword, default: Default::Dword(0), source: "" },
    PropDef { name: "DiskSignature", format: PropertyFormat::Dword, default: Default::Dword(0), source: "" },
    PropDef { name: "DiskIdGuid", format: PropertyFormat::Sz, default: Default::Sz(""), source: "" },
    PropDef { name: "DiskRunChkDsk", format: PropertyFormat::Dword, default: Default::Dword(0), source: "" },
    PropDef {
        name: "DiskUniqueIds",
        format: PropertyFormat::Binary,
        default: Default::Binary(&[]),
        source: "",
    },
    PropDef {
        name: "DiskVolumeInfo",
        format: PropertyFormat::Binary,
        default: Default::Binary(&[]),
        source: "",
    },
    PropDef {
        name: "DiskArbInterval",
        format: PropertyFormat::Dword,
        default: Default::Dword(3),
        source: "",
    },
    PropDef { name: "DiskPath", format: PropertyFormat::Sz, default: Default::Sz(""), source: "" },
    PropDef { name: "DiskReload", format: PropertyFormat::Dword, default: Default::Dword(0), source: "" },
    PropDef {
        name: "MaintenanceMode",
        format: PropertyFormat::Dword,
        default: Default::Dword(0),
        source: "",
    },
    PropDef {
        name: "MaxIoLatency",
        format: PropertyFormat::Dword,
        default: Default::Dword(1000),
        source: "",
    },
    PropDef {
        name: "CsvEnforceWriteThrough",
        format: PropertyFormat::Dword,
        default: Default::Dword(0),
        source: "",
    },
    PropDef {
        name: "EnableBlockCache",
        format: PropertyFormat::Dword,
        default: Default::Dword(1),
        source: "",
    },
    PropDef {
        name: "DiskRecoveryAction",
        format: PropertyFormat::Dword,
        default: Default::Dword(0),
        source: "",
    },
];

const PHYSICAL_DISK_RO_PRIVATE: &[PropDef] = &[PropDef {
    name: "DiskPnpUpdate",
    format: PropertyFormat::Binary,
    default: Default::Binary(&[]),
    source: "",
}];

// Generic Service. Source: docs "Generic Service Private Properties": ServiceName (required),
// StartupParameters, UseNetworkName (generic-applications-usenetworkname, DWORD, default 0), all read/write
// SZ/DWORD; no read-only private properties. Order as the docs list them (a guess).
const GENERIC_SERVICE_PRIVATE: &[PropDef] = &[
    PropDef { name: "ServiceName", format: PropertyFormat::Sz, default: Default::Sz(""), source: "" },
    PropDef { name: "StartupParameters", format: PropertyFormat::Sz, default: Default::Sz(""), source: "" },
    PropDef { name: "UseNetworkName", format: PropertyFormat::Dword, default: Default::Dword(0), source: "" },
];

/// Private properties of a resource type: (type name, read-write, read-only).
pub(crate) static RESOURCE_PRIVATE: &[(&str, &[PropDef], &[PropDef])] = &[
    ("IP Address", IP_ADDRESS_PRIVATE, IP_ADDRESS_RO_PRIVATE),
    ("Network Name", NETWORK_NAME_PRIVATE, NETWORK_NAME_RO_PRIVATE),
    ("Physical Disk", PHYSICAL_DISK_PRIVATE, PHYSICAL_DISK_RO_PRIVATE),
    ("Generic Service", GENERIC_SERVICE_PRIVATE, &[]),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs() -> Vec<(&'static str, &'static [PropDef], &'static [PropDef])> {
        let mut all: Vec<(&'static str, &'static [PropDef], &'static [PropDef])> = vec![
            ("cluster", CLUSTER_COMMON, CLUSTER_RO_COMMON),
            ("node", NODE_COMMON, NODE_RO_COMMON),
            ("group", GROUP_COMMON, GROUP_RO_COMMON),
            ("resource", RESOURCE_COMMON, RESOURCE_RO_COMMON),
            ("network", NETWORK_COMMON, NETWORK_RO_COMMON),
            ("netinterface", NETINTERFACE_COMMON, NETINTERFACE_RO_COMMON),
            ("restype", RESTYPE_COMMON, RESTYPE_RO_COMMON),
        ];
        all.extend(RESOURCE_PRIVATE.iter().copied());
        all
    }

    #[test]
    fn no_duplicate_names_within_a_table() {
        for (kind, rw, ro) in pairs() {
            for table in [rw, ro] {
                for (i, a) in table.iter().enumerate() {
                    for b in &table[i + 1..] {
                        assert!(!a.name.eq_ignore_ascii_case(b.name), "{kind}: {} twice", a.name);
                    }
                }
            }
        }
    }

    #[test]
    fn no_name_both_read_write_and_read_only() {
        for (kind, rw, ro) in pairs() {
            for a in rw {
                assert!(
                    !ro.iter().any(|b| a.name.eq_ignore_ascii_case(b.name)),
                    "{kind}: {} is both read-write and read-only",
                    a.name
                );
            }
        }
    }

    #[test]
    fn defaults_match_formats() {
        for (kind, rw, ro) in pairs() {
            for p in rw.iter().chain(ro) {
                let ok = match (p.default, p.format) {
                    (Default::Dynamic, _) => !p.source.is_empty(),
                    (Default::Dword(_), PropertyFormat::Dword)
                    | (Default::Long(_), PropertyFormat::Long)
                    | (Default::Sz(_), PropertyFormat::Sz)
                    | (Default::ExpandSz(_), PropertyFormat::ExpandSz)
                    | (Default::MultiSz(_), PropertyFormat::MultiSz)
                    | (Default::Binary(_), PropertyFormat::Binary)
                    | (Default::ULargeInteger(_), PropertyFormat::ULargeInteger)
                    | (Default::LargeInteger(_), PropertyFormat::LargeInteger)
                    | (Default::FileTime(_), PropertyFormat::FileTime) => p.source.is_empty(),
                    _ => false,
                };
                assert!(
                    ok,
                    "{kind}: {} has default {:?} for format {:?}, source {:?}",
                    p.name, p.default, p.format, p.source
                );
            }
        }
    }

    #[test]
    fn fixture_tables_have_the_fixture_counts() {
        assert_eq!(CLUSTER_COMMON.len(), 74);
        assert_eq!(RESOURCE_COMMON.len(), 15);
        assert_eq!(RESOURCE_RO_COMMON.len(), 6);
        let ip = RESOURCE_PRIVATE.iter().find(|(name, _, _)| *name == "IP Address").unwrap();
        assert_eq!(ip.2.len(), 5);
        assert_eq!(RESOURCE_PRIVATE.len(), 4);
    }

    #[test]
    fn minimal_security_descriptor_is_consistent() {
        let sd = MINIMAL_SECURITY_DESCRIPTOR;
        let dword = |at: usize| u32::from_le_bytes([sd[at], sd[at + 1], sd[at + 2], sd[at + 3]]) as usize;
        assert_eq!(sd.len(), 84);
        assert_eq!((dword(4), dword(8), dword(12), dword(16)), (52, 68, 0, 20));
        assert_eq!(u16::from_le_bytes([sd[22], sd[23]]), 32);
    }
}
