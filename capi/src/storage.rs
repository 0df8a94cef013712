//! Cluster Shared Volume exports that take a path and no handle: `IsFileOnClusterSharedVolume`,
//! `ClusterSharedVolumeSetSnapshotState`, and the undocumented
//! `ClusterSharedVolumeClearBackupState` and `GetClusterSharedVolumeNameForFile`. They run on
//! the caller's node, so they go to the thread's simulator (`route::current`) and ask its
//! local cluster. `AddResourceToClusterSharedVolumes` and
//! `RemoveResourceFromClusterSharedVolumes` are derived from their declarations
//! (`capi/src/derive.rs`).

use crate::ffi::{BOOL, DWORD, FALSE, LPCWSTR, LPWSTR, TRUE, guard, put, status};
use crate::route::current;
use crate::strings;

/// `CLUSTER_SHARED_VOLUME_SNAPSHOT_STATE` (`compat/clusapi.h` defines the enumeration).
pub type CLUSTER_SHARED_VOLUME_SNAPSHOT_STATE = DWORD;

/// A `GUID` passed by value, as `clusapi.h` passes the snapshot set.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct GUID {
    /// `Data1`.
    pub data1: u32,
    /// `Data2`.
    pub data2: u16,
    /// `Data3`.
    pub data3: u16,
    /// `Data4`.
    pub data4: [u8; 8],
}

impl GUID {
    /// The GUID's text, as `{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}`.
    fn text(&self) -> String {
        let d = self.data4;
        format!(
            "{{{:08X}-{:04X}-{:04X}-{:02X}{:02X}-{:02X}{:02X}{:02X}{:02X}{:02X}{:02X}}}",
            self.data1, self.data2, self.data3, d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]
        )
    }
}

/// `IsFileOnClusterSharedVolume`: `*pbFileIsOnSharedVolume` is `TRUE` when the path is on a
/// Cluster Shared Volume of the local cluster, `FALSE` otherwise; `ERROR_SUCCESS` either way.
/// A NULL path or NULL output: `ERROR_INVALID_PARAMETER`.
///
/// # Safety
///
/// `lpszPathName` is NULL or a NUL-terminated string; `pbFileIsOnSharedVolume` is NULL or
/// valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn IsFileOnClusterSharedVolume(
    lpszPathName: LPCWSTR,
    pbFileIsOnSharedVolume: *mut BOOL,
) -> DWORD {
    status(|| {
        if pbFileIsOnSharedVolume.is_null() {
            return Err(clusapi_sim::Error::InvalidParameter("pbFileIsOnSharedVolume is NULL".into()));
        }
        // SAFETY: forwarded contract.
        let path = unsafe { strings::read_required(lpszPathName, "lpszPathName") }?;
        let on = current()?.is_file_on_cluster_shared_volume(&path)?;
        // SAFETY: checked non-NULL; valid for a write per the contract.
        unsafe { put(pbFileIsOnSharedVolume, if on { TRUE } else { FALSE }) };
        Ok(())
    })
}

/// `ClusterSharedVolumeSetSnapshotState`: the snapshot set is in `state` on the CSV
/// `lpszVolumeName` (its `\\?\Volume{GUID}\` or `C:\ClusterStorage\VolumeN\`).
///
/// # Safety
///
/// `lpszVolumeName` is NULL or a NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusterSharedVolumeSetSnapshotState(
    guidSnapshotSet: GUID,
    lpszVolumeName: LPCWSTR,
    state: CLUSTER_SHARED_VOLUME_SNAPSHOT_STATE,
) -> DWORD {
    status(|| {
        // SAFETY: forwarded contract.
        let volume = unsafe { strings::read_required(lpszVolumeName, "lpszVolumeName") }?;
        current()?.cluster_shared_volume_set_snapshot_state(&guidSnapshotSet.text(), &volume, state)
    })
}

/// `ClusterSharedVolumeClearBackupState` (undocumented; the export `resutils.dll`'s
/// `ClusterClearBackupStateForSharedVolume` calls): the CSV of the path is no longer being
/// backed up. Its prototype is **ours**, the resutils call's: one volume path, a `DWORD`
/// status.
///
/// # Safety
///
/// `lpszVolumePathName` is NULL or a NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusterSharedVolumeClearBackupState(lpszVolumePathName: LPCWSTR) -> DWORD {
    status(|| {
        // SAFETY: forwarded contract.
        let path = unsafe { strings::read_required(lpszVolumePathName, "lpszVolumePathName") }?;
        current()?.cluster_shared_volume_clear_backup_state(&path)
    })
}

/// `GetClusterSharedVolumeNameForFile` (undocumented): `TRUE` with the volume name
/// (`\\?\Volume{GUID}\`) of the CSV the file is on, written NUL-terminated into the
/// `cchVolumeName` units of `lpszVolumeName`; `FALSE` with the last error otherwise
/// (`ERROR_CLUSTER_NOT_SHARED_VOLUME` off a CSV, `ERROR_MORE_DATA` when it does not fit,
/// as `GetVolumeNameForVolumeMountPoint`). The prototype is **ours**, that of
/// `GetVolumeNameForVolumeMountPoint`: no public header declares it.
///
/// # Safety
///
/// `lpszFileName` is NULL or a NUL-terminated string; `lpszVolumeName` is NULL or valid
/// for writes of `cchVolumeName` units.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn GetClusterSharedVolumeNameForFile(
    lpszFileName: LPCWSTR,
    lpszVolumeName: LPWSTR,
    cchVolumeName: DWORD,
) -> BOOL {
    guard(FALSE, || {
        // SAFETY: forwarded contract.
        let file = unsafe { strings::read_required(lpszFileName, "lpszFileName") }?;
        let name = current()?.get_cluster_shared_volume_name_for_file(&file)?;
        let mut cch = cchVolumeName;
        // SAFETY: `cch` is a local; `lpszVolumeName` holds `cchVolumeName` units per the contract.
        unsafe { strings::write(&name, lpszVolumeName, &raw mut cch) }?;
        crate::ffi::set_last_error(0);
        Ok(TRUE)
    })
}
