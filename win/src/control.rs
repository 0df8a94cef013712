//! `ControlCalls`: `ClusterControl`, `ClusterNodeControl`, `ClusterGroupControl`,
//! `ClusterResourceControl`, `ClusterNetworkControl`, `ClusterNetInterfaceControl`,
//! `ClusterResourceTypeControl`.
//!
//! Each takes an input buffer and returns its output by the byte protocol: a buffer too
//! small is `ERROR_MORE_DATA` with the size needed in `*lpBytesReturned`, and the call is
//! made again with that size. The outputs of the `GET_*_PROPERTIES` codes are property lists
//! ([`clusapi_sim::PropertyList::parse`]).

use std::ffi::c_void;

use clusapi_sim::{ControlCalls, HCluster, HGroup, HNetInterface, HNetwork, HNode, HResource, Result};
use windows_sys::Win32::Networking::Clustering::{
    ClusterControl, ClusterGroupControl, ClusterNetInterfaceControl, ClusterNetworkControl,
    ClusterNodeControl, ClusterResourceControl, ClusterResourceTypeControl,
};

use crate::WinClusterApi;
use crate::ffi::{self, Armed, raw, raw_opt, wide};

/// The input buffer as the control calls take it: NULL for an empty one.
fn input(data: &[u8]) -> *const c_void {
    ffi::in_ptr(data).cast()
}

/// The shape every object control function shares (`ClusterControl`, `ClusterNodeControl`,
/// ...): the object's handle, the host node, the code, the input, the output.
type ObjectControl =
    unsafe extern "system" fn(isize, isize, u32, *const c_void, u32, *mut c_void, u32, *mut u32) -> u32;

impl WinClusterApi {
    /// One object control call by the byte protocol.
    fn object_control(
        &self,
        call: &'static str,
        control: ObjectControl,
        object: isize,
        host_node: Option<HNode>,
        code: u32,
        data: &[u8],
    ) -> Result<Vec<u8>> {
        let len = ffi::in_len(call, data)?;
        ffi::bytes(call, self.bytes, |a: Armed| {
            // SAFETY: `control` is one of the object control functions, whose parameters are
            // these; the input is NULL with a size of 0, or `len` readable bytes that outlive
            // the call; `a` is an output buffer of `a.cap` bytes (or NULL with 0) and its
            // `DWORD` for the bytes returned, as `ffi::fill` armed them; the handles are
            // passed as values (see the crate's "Soundness").
            unsafe { control(object, raw_opt(host_node), code, input(data), len, a.ptr, a.cap, a.len) }
        })
    }
}

impl ControlCalls for WinClusterApi {
    fn cluster_control(
        &self,
        h: HCluster,
        host_node: Option<HNode>,
        code: u32,
        data: &[u8],
    ) -> Result<Vec<u8>> {
        self.object_control("ClusterControl", ClusterControl, raw(h), host_node, code, data)
    }

    fn cluster_node_control(
        &self,
        h: HNode,
        host_node: Option<HNode>,
        code: u32,
        data: &[u8],
    ) -> Result<Vec<u8>> {
        self.object_control("ClusterNodeControl", ClusterNodeControl, raw(h), host_node, code, data)
    }

    fn cluster_group_control(
        &self,
        h: HGroup,
        host_node: Option<HNode>,
        code: u32,
        data: &[u8],
    ) -> Result<Vec<u8>> {
        self.object_control("ClusterGroupControl", ClusterGroupControl, raw(h), host_node, code, data)
    }

    fn cluster_resource_control(
        &self,
        h: HResource,
        host_node: Option<HNode>,
        code: u32,
        data: &[u8],
    ) -> Result<Vec<u8>> {
        self.object_control("ClusterResourceControl", ClusterResourceControl, raw(h), host_node, code, data)
    }

    fn cluster_network_control(
        &self,
        h: HNetwork,
        host_node: Option<HNode>,
        code: u32,
        data: &[u8],
    ) -> Result<Vec<u8>> {
        self.object_control("ClusterNetworkControl", ClusterNetworkControl, raw(h), host_node, code, data)
    }

    fn cluster_net_interface_control(
        &self,
        h: HNetInterface,
        host_node: Option<HNode>,
        code: u32,
        data: &[u8],
    ) -> Result<Vec<u8>> {
        self.object_control(
            "ClusterNetInterfaceControl",
            ClusterNetInterfaceControl,
            raw(h),
            host_node,
            code,
            data,
        )
    }

    fn cluster_resource_type_control(
        &self,
        hcluster: HCluster,
        resource_type: &str,
        host_node: Option<HNode>,
        code: u32,
        data: &[u8],
    ) -> Result<Vec<u8>> {
        const CALL: &str = "ClusterResourceTypeControl";
        let name = wide(CALL, resource_type)?;
        let len = ffi::in_len(CALL, data)?;
        ffi::bytes(CALL, self.bytes, |a: Armed| {
            // SAFETY: as in `object_control`, and a NUL-terminated type name that outlives
            // the call.
            unsafe {
                ClusterResourceTypeControl(
                    raw(hcluster),
                    name.ptr(),
                    raw_opt(host_node),
                    code,
                    input(data),
                    len,
                    a.ptr,
                    a.cap,
                    a.len,
                )
            }
        })
    }
}
