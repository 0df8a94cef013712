//! `ResourceCalls`: `OpenClusterResource(Ex)`, `CloseClusterResource`,
//! `GetClusterFromResource`, `GetClusterResourceState`, `OnlineClusterResource`,
//! `OfflineClusterResource`, `FailClusterResource`, `CreateClusterResource`,
//! `DeleteClusterResource`, `AddClusterResourceDependency`, `RemoveClusterResourceDependency`.

use clusapi_sim::{HCluster, HGroup, HResource, ResourceCalls, ResourceStateInfo, Result};
use windows_sys::Win32::Networking::Clustering::{
    AddClusterResourceDependency, CloseClusterResource, CreateClusterResource, DeleteClusterResource,
    FailClusterResource, GetClusterFromResource, GetClusterResourceState, OfflineClusterResource,
    OnlineClusterResource, OpenClusterResource, OpenClusterResourceEx, RemoveClusterResourceDependency,
};

use crate::WinClusterApi;
use crate::ffi::{self, Text, raw, wide};
use crate::values;

impl ResourceCalls for WinClusterApi {
    // `Set/GetClusterResourceDependencyExpression`: derived from their declarations.
    clusapi_sim::__clusapi_resource_externs!(crate::derive::methods);

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
