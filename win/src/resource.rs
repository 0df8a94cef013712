//! `ResourceCalls`: `OpenClusterResource(Ex)`, `CloseClusterResource`,
//! `GetClusterFromResource`, `GetClusterResourceState`, `OnlineClusterResource`,
//! `OfflineClusterResource`, `FailClusterResource`, `CreateClusterResource`,
//! `DeleteClusterResource`, `AddClusterResourceDependency`, `RemoveClusterResourceDependency`,
//! and the Cluster Shared Volume calls (`IsFileOnClusterSharedVolume`,
//! `ClusterSharedVolumeSetSnapshotState`, and `resutils.dll`'s
//! `ClusterPrepareSharedVolumeForBackup`, `ClusterClearBackupStateForSharedVolume`,
//! `ClusterIsPathOnSharedVolume`, `ClusterGetVolumePathName`,
//! `ClusterGetVolumeNameForVolumeMountPoint`; the two undocumented exports through them).

use clusapi_sim::{HCluster, HGroup, HResource, ResourceCalls, ResourceStateInfo, Result};
use windows_sys::Win32::Networking::Clustering::{
    AddClusterResourceDependency, CloseClusterResource, CreateClusterResource, DeleteClusterResource,
    FailClusterResource, GetClusterFromResource, GetClusterResourceState, OfflineClusterResource,
    OnlineClusterResource, OpenClusterResource, OpenClusterResourceEx, RemoveClusterResourceDependency,
};
use windows_sys::Win32::Networking::Clustering::{
    ClusterClearBackupStateForSharedVolume, ClusterGetVolumeNameForVolumeMountPoint,
    ClusterGetVolumePathName, ClusterIsPathOnSharedVolume, ClusterPrepareSharedVolumeForBackup,
    ClusterSharedVolumeSetSnapshotState, IsFileOnClusterSharedVolume,
};

use crate::WinClusterApi;
use crate::ffi::{self, Text, raw, wide};
use crate::values;

/// The length of the fixed buffers of the `resutils.dll` path calls, which report no
/// length: `MAX_PATH` is too short for a mount point deep in a folder tree, so the long
/// path limit.
const PATH_UNITS: usize = 32_768;

/// A GUID's text (`{...}` optional) as the `GUID` structure.
fn guid(call: &'static str, text: &str) -> Result<windows_sys::core::GUID> {
    let bad = || clusapi_sim::Error::InvalidParameter(format!("{call}: {text:?} is not a GUID"));
    let inner = text.strip_prefix('{').and_then(|t| t.strip_suffix('}')).unwrap_or(text);
    let hex: String = inner.chars().filter(|&c| c != '-').collect();
    if hex.len() != 32 || inner.len() != 36 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(bad());
    }
    let n = u128::from_str_radix(&hex, 16).map_err(|_| bad())?;
    Ok(windows_sys::core::GUID::from_u128(n))
}

/// A fixed-buffer `BOOL` path call of `resutils.dll`: `f` gets the input and a buffer of
/// [`PATH_UNITS`] characters.
fn path_call(
    call: &'static str,
    input: &str,
    f: impl FnOnce(*const u16, *mut u16, u32) -> i32,
) -> Result<String> {
    let input = wide(call, input)?;
    let mut buf = vec![0u16; PATH_UNITS];
    let cap = u32::try_from(buf.len()).unwrap_or(u32::MAX);
    if f(input.ptr(), buf.as_mut_ptr(), cap) == 0 {
        return Err(ffi::error(call, ffi::last_error()));
    }
    let end = buf.iter().position(|&u| u == 0).unwrap_or(buf.len());
    Ok(String::from_utf16_lossy(buf.get(..end).unwrap_or_default()))
}

impl ResourceCalls for WinClusterApi {
    // `Set/GetClusterResourceDependencyExpression`, `AddResourceToClusterSharedVolumes`,
    // `RemoveResourceFromClusterSharedVolumes`: derived from their declarations.
    clusapi_sim::__clusapi_resource_externs!(crate::derive::methods);

    fn is_file_on_cluster_shared_volume(&self, path: &str) -> Result<bool> {
        const CALL: &str = "IsFileOnClusterSharedVolume";
        let path = wide(CALL, path)?;
        let mut on = 0;
        // SAFETY: a NUL-terminated path that outlives the call, and a valid `BOOL`.
        ffi::status(CALL, unsafe { IsFileOnClusterSharedVolume(path.ptr(), &mut on) })?;
        Ok(on != 0)
    }

    fn get_cluster_shared_volume_name_for_file(&self, path: &str) -> Result<String> {
        // The export is undocumented (no SDK prototype, none in windows-sys): the same
        // answer from the documented resutils.dll calls: the CSV's mount point, then the
        // volume mounted there.
        if !self.cluster_is_path_on_shared_volume(path) {
            return Err(clusapi_sim::Error::from_code(5945));
        }
        let root = self.cluster_get_volume_path_name(path)?;
        self.cluster_get_volume_name_for_volume_mount_point(&root)
    }

    fn cluster_shared_volume_set_snapshot_state(
        &self,
        snapshot_set: &str,
        volume_name: &str,
        state: u32,
    ) -> Result<()> {
        const CALL: &str = "ClusterSharedVolumeSetSnapshotState";
        let set = guid(CALL, snapshot_set)?;
        let volume = wide(CALL, volume_name)?;
        let state = i32::try_from(state)
            .map_err(|_| clusapi_sim::Error::InvalidParameter(format!("{CALL}: state {state}")))?;
        // SAFETY: a GUID by value and a NUL-terminated name that outlives the call.
        ffi::status(CALL, unsafe { ClusterSharedVolumeSetSnapshotState(set, volume.ptr(), state) })
    }

    fn cluster_shared_volume_clear_backup_state(&self, volume: &str) -> Result<()> {
        // Undocumented in clusapi.dll; resutils.dll's documented call does the same.
        self.cluster_clear_backup_state_for_shared_volume(volume)
    }

    fn cluster_prepare_shared_volume_for_backup(&self, file: &str) -> Result<(String, String)> {
        const CALL: &str = "ClusterPrepareSharedVolumeForBackup";
        let file = wide(CALL, file)?;
        let (mut path, mut name) = (Text::new(self.text), Text::new(self.text));
        ffi::fill(CALL, [&mut path, &mut name], |[p, n]| {
            // SAFETY: a NUL-terminated file name that outlives the call; `p` and `n` are
            // buffers of `*len` characters (or NULL) with their length pointers.
            unsafe {
                ClusterPrepareSharedVolumeForBackup(file.ptr(), p.ptr.cast(), p.len, n.ptr.cast(), n.len)
            }
        })?;
        Ok((path.string(), name.string()))
    }

    fn cluster_clear_backup_state_for_shared_volume(&self, volume_path: &str) -> Result<()> {
        const CALL: &str = "ClusterClearBackupStateForSharedVolume";
        let path = wide(CALL, volume_path)?;
        // SAFETY: a NUL-terminated path that outlives the call.
        ffi::status(CALL, unsafe { ClusterClearBackupStateForSharedVolume(path.ptr()) })
    }

    fn cluster_is_path_on_shared_volume(&self, path: &str) -> bool {
        // A path with a NUL is on no volume.
        let Ok(path) = wide("ClusterIsPathOnSharedVolume", path) else { return false };
        // SAFETY: a NUL-terminated path that outlives the call.
        unsafe { ClusterIsPathOnSharedVolume(path.ptr()) != 0 }
    }

    fn cluster_get_volume_path_name(&self, file: &str) -> Result<String> {
        path_call("ClusterGetVolumePathName", file, |f, buf, cap| {
            // SAFETY: `f` is NUL-terminated and outlives the call; `buf` holds `cap` units.
            unsafe { ClusterGetVolumePathName(f, buf, cap) }
        })
    }

    fn cluster_get_volume_name_for_volume_mount_point(&self, mount_point: &str) -> Result<String> {
        path_call("ClusterGetVolumeNameForVolumeMountPoint", mount_point, |m, buf, cap| {
            // SAFETY: as `cluster_get_volume_path_name`.
            unsafe { ClusterGetVolumeNameForVolumeMountPoint(m, buf, cap) }
        })
    }

    fn open_cluster_resource(&self, hcluster: HCluster, name: &str) -> Result<HResource> {
        // SAFETY: `open` passes a NUL-terminated name that outlives the call; the handle is
        // passed as a value (see the crate's "Soundness").
        ffi::open("OpenClusterResource", hcluster, name, |c, n| unsafe { OpenClusterResource(c, n) })
    }

    fn open_cluster_resource_ex(
        &self,
        hcluster: HCluster,
        name: &str,
        desired_access: u32,
    ) -> Result<(HResource, u32)> {
        ffi::open_ex("OpenClusterResourceEx", hcluster, name, desired_access, |c, n, a, g| {
            // SAFETY: a NUL-terminated name that outlives the call, and a valid `DWORD` for
            // the granted access.
            unsafe { OpenClusterResourceEx(c, n, a, g) }
        })
    }

    fn close_cluster_resource(&self, handle: HResource) -> Result<()> {
        // SAFETY: no pointer; the handle is passed as a value (see the crate's "Soundness").
        ffi::boolean("CloseClusterResource", unsafe { CloseClusterResource(raw(handle)) })
    }

    fn get_cluster_from_resource(&self, handle: HResource) -> Result<HCluster> {
        // SAFETY: as `close_cluster_resource`.
        ffi::handle("GetClusterFromResource", unsafe { GetClusterFromResource(raw(handle)) })
    }

    fn get_cluster_resource_state(&self, hresource: HResource) -> Result<ResourceStateInfo> {
        const CALL: &str = "GetClusterResourceState";
        let (mut node, mut group) = (Text::new(self.text), Text::new(self.text));
        let mut state = -1;
        ffi::fill(CALL, [&mut node, &mut group], |[n, g]| {
            // SAFETY: `n` and `g` are buffers of `*len` characters (or NULL) with their
            // length pointers, as `fill` armed them; the handle is passed as a value.
            state =
                unsafe { GetClusterResourceState(raw(hresource), n.ptr.cast(), n.len, g.ptr.cast(), g.len) };
            if state == -1 { ffi::last_error() } else { 0 }
        })?;
        values::resource_state(values::resource_state_of(state), node.string(), group.string())
    }

    fn online_cluster_resource(&self, hresource: HResource) -> Result<()> {
        // SAFETY: as `close_cluster_resource`.
        ffi::status("OnlineClusterResource", unsafe { OnlineClusterResource(raw(hresource)) })
    }

    fn offline_cluster_resource(&self, hresource: HResource) -> Result<()> {
        // SAFETY: as `close_cluster_resource`.
        ffi::status("OfflineClusterResource", unsafe { OfflineClusterResource(raw(hresource)) })
    }

    fn fail_cluster_resource(&self, hresource: HResource) -> Result<()> {
        // SAFETY: as `close_cluster_resource`.
        ffi::status("FailClusterResource", unsafe { FailClusterResource(raw(hresource)) })
    }

    fn create_cluster_resource(
        &self,
        hgroup: HGroup,
        name: &str,
        resource_type: &str,
        flags: u32,
    ) -> Result<HResource> {
        const CALL: &str = "CreateClusterResource";
        let (name, kind) = (wide(CALL, name)?, wide(CALL, resource_type)?);
        // SAFETY: two NUL-terminated strings that outlive the call; the handle is passed as
        // a value.
        let h = unsafe { CreateClusterResource(raw(hgroup), name.ptr(), kind.ptr(), flags) };
        ffi::handle(CALL, h)
    }

    fn delete_cluster_resource(&self, hresource: HResource) -> Result<()> {
        // SAFETY: as `close_cluster_resource`.
        ffi::status("DeleteClusterResource", unsafe { DeleteClusterResource(raw(hresource)) })
    }

    fn add_cluster_resource_dependency(&self, hresource: HResource, provider: HResource) -> Result<()> {
        // SAFETY: no pointer; the handles are passed as values.
        let code = unsafe { AddClusterResourceDependency(raw(hresource), raw(provider)) };
        ffi::status("AddClusterResourceDependency", code)
    }

    fn remove_cluster_resource_dependency(&self, hresource: HResource, provider: HResource) -> Result<()> {
        // SAFETY: no pointer; the handles are passed as values.
        let code = unsafe { RemoveClusterResourceDependency(raw(hresource), raw(provider)) };
        ffi::status("RemoveClusterResourceDependency", code)
    }
}
