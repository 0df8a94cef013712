//! Exports of the real `clusapi.dll` that the simulator does not simulate (yet): each is
//! exported so that code calling it links, and answers as a call the server does not
//! support: `ERROR_CALL_NOT_IMPLEMENTED` (120) as its status, or NULL / FALSE / 0 with the
//! last error 120, or `E_NOTIMPL` for the undocumented helpers that return an `HRESULT`.
//! Why each is left out is in its doc comment and in the README's coverage table
//! (`capi/tests/coverage.rs` keeps them in step).
//!
//! They read no argument, so they are declared without parameters: on the C ABI the
//! caller's arguments are simply ignored, and only the return value's width and meaning
//! matter. cbindgen leaves them out of `clusapi_sim.h`; their prototypes are those of the
//! real `clusapi.h`.

use std::ffi::c_void;

use crate::ffi::{BOOL, DWORD, FALSE, set_last_error};

/// `ERROR_CALL_NOT_IMPLEMENTED`.
const NOT_IMPLEMENTED: DWORD = 120;
/// `E_NOTIMPL`, as the `HRESULT` bit pattern.
const E_NOTIMPL: DWORD = 0x8000_4001;

/// The reason each export is not simulated, by name (for the coverage table).
pub const NOT_SIMULATED: &[(&str, &str)] = &[
    (
        "AddClusterNode",
        "adding a node to a cluster (setup with a progress callback) is not simulated: build the topology with the node instead",
    ),
    (
        "CreateCluster",
        "creating a cluster (setup) is not simulated: describe it in the builder or a topology file",
    ),
    ("CreateClusterManagementPoint", "creating a cluster's management point (setup) is not simulated"),
    ("DestroyCluster", "destroying a cluster (setup) is not simulated: drop the Simulator, or ClusSimReset"),
    ("CCHlpAddNodeUpdateCluster", "an undocumented helper of the cluster setup wizard"),
    ("CCHlpConfigureNode", "an undocumented helper of the cluster setup wizard"),
    (
        "CCHlpCreateClusterNameCOIfNotExists",
        "an undocumented helper of the cluster setup wizard (Active Directory computer objects)",
    ),
    ("CCHlpGetClusterServiceSecret", "an undocumented helper of the cluster setup wizard"),
    ("CCHlpGetDNSHostLabel", "an undocumented helper of the cluster setup wizard"),
    ("CCHlpRestoreClusterVirtualObjectToInitialState", "an undocumented helper of the cluster setup wizard"),
    ("ClusterSendReceiveMrr", "an undocumented multi-resource request channel"),
    ("ClusterFreeMrrResponse", "frees what ClusterSendReceiveMrr returns, which is not simulated"),
    (
        "ClusterFreeMemory",
        "frees memory the cluster API allocated for callers; no simulated call hands out such memory",
    ),
    ("ClusterStmFindDisk", "an undocumented storage-management helper"),
    ("AddResourceToClusterSharedVolumes", "Cluster Shared Volumes are not simulated"),
    ("RemoveResourceFromClusterSharedVolumes", "Cluster Shared Volumes are not simulated"),
    ("ClusterSharedVolumeClearBackupState", "Cluster Shared Volumes are not simulated"),
    ("ClusterSharedVolumeSetSnapshotState", "Cluster Shared Volumes are not simulated"),
    ("IsFileOnClusterSharedVolume", "Cluster Shared Volumes are not simulated"),
    ("GetClusterSharedVolumeNameForFile", "Cluster Shared Volumes are not simulated"),
    (
        "ClusterGroupOpenEnumEx",
        "the per-group Ex enumeration (group properties in bulk) is not simulated yet: use ClusterOpenEnumEx and Cluster*Control",
    ),
    ("ClusterGroupGetEnumCountEx", "as ClusterGroupOpenEnumEx"),
    ("ClusterGroupEnumEx", "as ClusterGroupOpenEnumEx"),
    ("ClusterGroupCloseEnumEx", "as ClusterGroupOpenEnumEx"),
    (
        "ClusterNodeOpenEnumEx",
        "the per-node Ex enumeration is not simulated yet: use ClusterOpenEnumEx and Cluster*Control",
    ),
    ("ClusterNodeGetEnumCountEx", "as ClusterNodeOpenEnumEx"),
    ("ClusterNodeEnumEx", "as ClusterNodeOpenEnumEx"),
    ("ClusterNodeCloseEnumEx", "as ClusterNodeOpenEnumEx"),
    (
        "ClusterResourceOpenEnumEx",
        "the per-resource Ex enumeration is not simulated yet: use ClusterOpenEnumEx and Cluster*Control",
    ),
    ("ClusterResourceGetEnumCountEx", "as ClusterResourceOpenEnumEx"),
    ("ClusterResourceEnumEx", "as ClusterResourceOpenEnumEx"),
    ("ClusterResourceCloseEnumEx", "as ClusterResourceOpenEnumEx"),
    ("ClusterRegCreateBatch", "registry batches are not simulated: use the ClusterReg* calls one by one"),
    ("ClusterRegBatchAddCommand", "registry batches are not simulated"),
    ("ClusterRegCloseBatch", "registry batches are not simulated"),
    ("ClusterRegCloseBatchEx", "registry batches are not simulated"),
    ("ClusterRegBatchReadCommand", "registry batches are not simulated"),
    ("ClusterRegBatchCloseNotification", "registry batches are not simulated"),
    ("ClusterRegCreateBatchNotifyPort", "registry batches are not simulated"),
    ("ClusterRegCloseBatchNotifyPort", "registry batches are not simulated"),
    ("ClusterRegGetBatchNotification", "registry batches are not simulated"),
    ("ClusterRegCreateReadBatch", "registry batches are not simulated"),
    ("ClusterRegReadBatchAddCommand", "registry batches are not simulated"),
    ("ClusterRegCloseReadBatch", "registry batches are not simulated"),
    ("ClusterRegCloseReadBatchReply", "registry batches are not simulated"),
    ("ClusterRegReadBatchReplyNextCommand", "registry batches are not simulated"),
    (
        "ClusterRegCreateKeyForceSync",
        "the ForceSync variants (Windows Server 2022+) are not simulated yet: the plain ClusterReg* calls are",
    ),
    ("ClusterRegDeleteKeyForceSync", "as ClusterRegCreateKeyForceSync"),
    ("ClusterRegDeleteValueForceSync", "as ClusterRegCreateKeyForceSync"),
    ("ClusterRegSetValueForceSync", "as ClusterRegCreateKeyForceSync"),
    ("ClusterRegQueryAllValues", "not simulated yet: enumerate with ClusterRegEnumValue"),
    ("ClusterRegSyncDatabase", "there is one simulated copy of the cluster database: nothing to synchronise"),
    ("CreateClusterGroupEx", "not simulated yet: CreateClusterGroup is"),
    (
        "CreateClusterResourceWithId",
        "not simulated yet (the simulator chooses ids): CreateClusterResource is",
    ),
    ("DestroyClusterGroup", "not simulated yet: delete the resources, then DeleteClusterGroup"),
    (
        "GetClusterResourceDependencyExpression",
        "dependency expressions are not simulated yet: ClusterResourceOpenEnum(DEPENDS) lists the dependencies",
    ),
    (
        "SetClusterResourceDependencyExpression",
        "dependency expressions are not simulated yet: AddClusterResourceDependency is",
    ),
    ("OnlineClusterResourceEx", "not simulated yet: OnlineClusterResource is"),
    ("OfflineClusterResourceEx", "not simulated yet: OfflineClusterResource is"),
    ("RestartClusterResource", "not simulated yet: OfflineClusterResource then OnlineClusterResource"),
    ("OpenClusterEx2", "an undocumented variant of OpenClusterEx (which is simulated)"),
];

/// `AddClusterNode`: not simulated (adding a node to a cluster (setup with a progress callback) is not simulated: build the topology with the node instead); NULL with the last error 120.
#[unsafe(no_mangle)]
pub extern "C" fn AddClusterNode() -> *mut c_void {
    set_last_error(NOT_IMPLEMENTED);
    std::ptr::null_mut()
}

/// `CreateCluster`: not simulated (creating a cluster (setup) is not simulated: describe it in the builder or a topology file); NULL with the last error 120.
#[unsafe(no_mangle)]
pub extern "C" fn CreateCluster() -> *mut c_void {
    set_last_error(NOT_IMPLEMENTED);
    std::ptr::null_mut()
}

/// `CreateClusterManagementPoint`: not simulated (creating a cluster's management point (setup) is not simulated); NULL with the last error 120.
#[unsafe(no_mangle)]
pub extern "C" fn CreateClusterManagementPoint() -> *mut c_void {
    set_last_error(NOT_IMPLEMENTED);
    std::ptr::null_mut()
}

/// `DestroyCluster`: not simulated (destroying a cluster (setup) is not simulated: drop the Simulator, or ClusSimReset); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn DestroyCluster() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `CCHlpAddNodeUpdateCluster`: not simulated (an undocumented helper of the cluster setup wizard); `E_NOTIMPL`.
#[unsafe(no_mangle)]
pub extern "C" fn CCHlpAddNodeUpdateCluster() -> DWORD {
    E_NOTIMPL
}

/// `CCHlpConfigureNode`: not simulated (an undocumented helper of the cluster setup wizard); `E_NOTIMPL`.
#[unsafe(no_mangle)]
pub extern "C" fn CCHlpConfigureNode() -> DWORD {
    E_NOTIMPL
}

/// `CCHlpCreateClusterNameCOIfNotExists`: not simulated (an undocumented helper of the cluster setup wizard (Active Directory computer objects)); `E_NOTIMPL`.
#[unsafe(no_mangle)]
pub extern "C" fn CCHlpCreateClusterNameCOIfNotExists() -> DWORD {
    E_NOTIMPL
}

/// `CCHlpGetClusterServiceSecret`: not simulated (an undocumented helper of the cluster setup wizard); `E_NOTIMPL`.
#[unsafe(no_mangle)]
pub extern "C" fn CCHlpGetClusterServiceSecret() -> DWORD {
    E_NOTIMPL
}

/// `CCHlpGetDNSHostLabel`: not simulated (an undocumented helper of the cluster setup wizard); `E_NOTIMPL`.
#[unsafe(no_mangle)]
pub extern "C" fn CCHlpGetDNSHostLabel() -> DWORD {
    E_NOTIMPL
}

/// `CCHlpRestoreClusterVirtualObjectToInitialState`: not simulated (an undocumented helper of the cluster setup wizard); `E_NOTIMPL`.
#[unsafe(no_mangle)]
pub extern "C" fn CCHlpRestoreClusterVirtualObjectToInitialState() -> DWORD {
    E_NOTIMPL
}

/// `ClusterSendReceiveMrr`: not simulated (an undocumented multi-resource request channel); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn ClusterSendReceiveMrr() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `ClusterFreeMrrResponse`: not simulated (frees what ClusterSendReceiveMrr returns, which is not simulated); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn ClusterFreeMrrResponse() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `ClusterFreeMemory`: not simulated (frees memory the cluster API allocated for callers; no simulated call hands out such memory); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn ClusterFreeMemory() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `ClusterStmFindDisk`: not simulated (an undocumented storage-management helper); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn ClusterStmFindDisk() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `AddResourceToClusterSharedVolumes`: not simulated (Cluster Shared Volumes are not simulated); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn AddResourceToClusterSharedVolumes() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `RemoveResourceFromClusterSharedVolumes`: not simulated (Cluster Shared Volumes are not simulated); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn RemoveResourceFromClusterSharedVolumes() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `ClusterSharedVolumeClearBackupState`: not simulated (Cluster Shared Volumes are not simulated); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn ClusterSharedVolumeClearBackupState() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `ClusterSharedVolumeSetSnapshotState`: not simulated (Cluster Shared Volumes are not simulated); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn ClusterSharedVolumeSetSnapshotState() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `IsFileOnClusterSharedVolume`: not simulated (Cluster Shared Volumes are not simulated); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn IsFileOnClusterSharedVolume() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `GetClusterSharedVolumeNameForFile`: not simulated (Cluster Shared Volumes are not simulated); FALSE with the last error 120.
#[unsafe(no_mangle)]
pub extern "C" fn GetClusterSharedVolumeNameForFile() -> BOOL {
    set_last_error(NOT_IMPLEMENTED);
    FALSE
}

/// `ClusterGroupOpenEnumEx`: not simulated (the per-group Ex enumeration (group properties in bulk) is not simulated yet: use ClusterOpenEnumEx and Cluster*Control); NULL with the last error 120.
#[unsafe(no_mangle)]
pub extern "C" fn ClusterGroupOpenEnumEx() -> *mut c_void {
    set_last_error(NOT_IMPLEMENTED);
    std::ptr::null_mut()
}

/// `ClusterGroupGetEnumCountEx`: not simulated (as ClusterGroupOpenEnumEx); 0 with the last error 120.
#[unsafe(no_mangle)]
pub extern "C" fn ClusterGroupGetEnumCountEx() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    0
}

/// `ClusterGroupEnumEx`: not simulated (as ClusterGroupOpenEnumEx); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn ClusterGroupEnumEx() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `ClusterGroupCloseEnumEx`: not simulated (as ClusterGroupOpenEnumEx); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn ClusterGroupCloseEnumEx() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `ClusterNodeOpenEnumEx`: not simulated (the per-node Ex enumeration is not simulated yet: use ClusterOpenEnumEx and Cluster*Control); NULL with the last error 120.
#[unsafe(no_mangle)]
pub extern "C" fn ClusterNodeOpenEnumEx() -> *mut c_void {
    set_last_error(NOT_IMPLEMENTED);
    std::ptr::null_mut()
}

/// `ClusterNodeGetEnumCountEx`: not simulated (as ClusterNodeOpenEnumEx); 0 with the last error 120.
#[unsafe(no_mangle)]
pub extern "C" fn ClusterNodeGetEnumCountEx() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    0
}

/// `ClusterNodeEnumEx`: not simulated (as ClusterNodeOpenEnumEx); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn ClusterNodeEnumEx() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `ClusterNodeCloseEnumEx`: not simulated (as ClusterNodeOpenEnumEx); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn ClusterNodeCloseEnumEx() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `ClusterResourceOpenEnumEx`: not simulated (the per-resource Ex enumeration is not simulated yet: use ClusterOpenEnumEx and Cluster*Control); NULL with the last error 120.
#[unsafe(no_mangle)]
pub extern "C" fn ClusterResourceOpenEnumEx() -> *mut c_void {
    set_last_error(NOT_IMPLEMENTED);
    std::ptr::null_mut()
}

/// `ClusterResourceGetEnumCountEx`: not simulated (as ClusterResourceOpenEnumEx); 0 with the last error 120.
#[unsafe(no_mangle)]
pub extern "C" fn ClusterResourceGetEnumCountEx() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    0
}

/// `ClusterResourceEnumEx`: not simulated (as ClusterResourceOpenEnumEx); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn ClusterResourceEnumEx() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `ClusterResourceCloseEnumEx`: not simulated (as ClusterResourceOpenEnumEx); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn ClusterResourceCloseEnumEx() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `ClusterRegCreateBatch`: not simulated (registry batches are not simulated: use the ClusterReg* calls one by one); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn ClusterRegCreateBatch() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `ClusterRegBatchAddCommand`: not simulated (registry batches are not simulated); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn ClusterRegBatchAddCommand() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `ClusterRegCloseBatch`: not simulated (registry batches are not simulated); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn ClusterRegCloseBatch() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `ClusterRegCloseBatchEx`: not simulated (registry batches are not simulated); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn ClusterRegCloseBatchEx() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `ClusterRegBatchReadCommand`: not simulated (registry batches are not simulated); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn ClusterRegBatchReadCommand() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `ClusterRegBatchCloseNotification`: not simulated (registry batches are not simulated); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn ClusterRegBatchCloseNotification() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `ClusterRegCreateBatchNotifyPort`: not simulated (registry batches are not simulated); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn ClusterRegCreateBatchNotifyPort() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `ClusterRegCloseBatchNotifyPort`: not simulated (registry batches are not simulated); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn ClusterRegCloseBatchNotifyPort() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `ClusterRegGetBatchNotification`: not simulated (registry batches are not simulated); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn ClusterRegGetBatchNotification() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `ClusterRegCreateReadBatch`: not simulated (registry batches are not simulated); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn ClusterRegCreateReadBatch() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `ClusterRegReadBatchAddCommand`: not simulated (registry batches are not simulated); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn ClusterRegReadBatchAddCommand() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `ClusterRegCloseReadBatch`: not simulated (registry batches are not simulated); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn ClusterRegCloseReadBatch() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `ClusterRegCloseReadBatchReply`: not simulated (registry batches are not simulated); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn ClusterRegCloseReadBatchReply() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `ClusterRegReadBatchReplyNextCommand`: not simulated (registry batches are not simulated); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn ClusterRegReadBatchReplyNextCommand() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `ClusterRegCreateKeyForceSync`: not simulated (the ForceSync variants (Windows Server 2022+) are not simulated yet: the plain ClusterReg* calls are); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn ClusterRegCreateKeyForceSync() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `ClusterRegDeleteKeyForceSync`: not simulated (as ClusterRegCreateKeyForceSync); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn ClusterRegDeleteKeyForceSync() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `ClusterRegDeleteValueForceSync`: not simulated (as ClusterRegCreateKeyForceSync); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn ClusterRegDeleteValueForceSync() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `ClusterRegSetValueForceSync`: not simulated (as ClusterRegCreateKeyForceSync); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn ClusterRegSetValueForceSync() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `ClusterRegQueryAllValues`: not simulated (not simulated yet: enumerate with ClusterRegEnumValue); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn ClusterRegQueryAllValues() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `ClusterRegSyncDatabase`: not simulated (there is one simulated copy of the cluster database: nothing to synchronise); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn ClusterRegSyncDatabase() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `CreateClusterGroupEx`: not simulated (not simulated yet: CreateClusterGroup is); NULL with the last error 120.
#[unsafe(no_mangle)]
pub extern "C" fn CreateClusterGroupEx() -> *mut c_void {
    set_last_error(NOT_IMPLEMENTED);
    std::ptr::null_mut()
}

/// `CreateClusterResourceWithId`: not simulated (not simulated yet (the simulator chooses ids): CreateClusterResource is); NULL with the last error 120.
#[unsafe(no_mangle)]
pub extern "C" fn CreateClusterResourceWithId() -> *mut c_void {
    set_last_error(NOT_IMPLEMENTED);
    std::ptr::null_mut()
}

/// `DestroyClusterGroup`: not simulated (not simulated yet: delete the resources, then DeleteClusterGroup); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn DestroyClusterGroup() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `GetClusterResourceDependencyExpression`: not simulated (dependency expressions are not simulated yet: ClusterResourceOpenEnum(DEPENDS) lists the dependencies); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn GetClusterResourceDependencyExpression() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `SetClusterResourceDependencyExpression`: not simulated (dependency expressions are not simulated yet: AddClusterResourceDependency is); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn SetClusterResourceDependencyExpression() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `OnlineClusterResourceEx`: not simulated (not simulated yet: OnlineClusterResource is); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn OnlineClusterResourceEx() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `OfflineClusterResourceEx`: not simulated (not simulated yet: OfflineClusterResource is); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn OfflineClusterResourceEx() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `RestartClusterResource`: not simulated (not simulated yet: OfflineClusterResource then OnlineClusterResource); 120 (also left in the last error).
#[unsafe(no_mangle)]
pub extern "C" fn RestartClusterResource() -> DWORD {
    set_last_error(NOT_IMPLEMENTED);
    NOT_IMPLEMENTED
}

/// `OpenClusterEx2`: not simulated (an undocumented variant of OpenClusterEx (which is simulated)); NULL with the last error 120.
#[unsafe(no_mangle)]
pub extern "C" fn OpenClusterEx2() -> *mut c_void {
    set_last_error(NOT_IMPLEMENTED);
    std::ptr::null_mut()
}
