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

// In every block below: the input is NULL with a size of 0, or `len` readable bytes that
// outlive the call; `a` is an output buffer of `a.cap` bytes (or NULL with 0) and its
// `DWORD` for the bytes returned, as `ffi::fill` armed them; the handles are passed as
// values (see the crate's "Soundness").
impl ControlCalls for WinClusterApi {
    fn cluster_control(
        &self,
        hcluster: HCluster,
        host_node: Option<HNode>,
        code: u32,
        data: &[u8],
    ) -> Result<Vec<u8>> {
        const CALL: &str = "ClusterControl";
        let len = ffi::in_len(CALL, data)?;
        ffi::bytes(CALL, self.bytes, |a: Armed| {
            // SAFETY: see above.
            unsafe {
                ClusterControl(raw(hcluster), raw_opt(host_node), code, input(data), len, a.ptr, a.cap, a.len)
            }
        })
    }

    fn cluster_node_control(
        &self,
        hnode: HNode,
        host_node: Option<HNode>,
        code: u32,
        data: &[u8],
    ) -> Result<Vec<u8>> {
        const CALL: &str = "ClusterNodeControl";
        let len = ffi::in_len(CALL, data)?;
        ffi::bytes(CALL, self.bytes, |a: Armed| {
            // SAFETY: see above.
            unsafe {
                ClusterNodeControl(
                    raw(hnode),
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

    fn cluster_group_control(
        &self,
        hgroup: HGroup,
        host_node: Option<HNode>,
        code: u32,
        data: &[u8],
    ) -> Result<Vec<u8>> {
        const CALL: &str = "ClusterGroupControl";
        let len = ffi::in_len(CALL, data)?;
        ffi::bytes(CALL, self.bytes, |a: Armed| {
            // SAFETY: see above.
            unsafe {
                ClusterGroupControl(
                    raw(hgroup),
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

    fn cluster_resource_control(
        &self,
        hresource: HResource,
        host_node: Option<HNode>,
        code: u32,
        data: &[u8],
    ) -> Result<Vec<u8>> {
        const CALL: &str = "ClusterResourceControl";
        let len = ffi::in_len(CALL, data)?;
        ffi::bytes(CALL, self.bytes, |a: Armed| {
            // SAFETY: see above.
            unsafe {
                ClusterResourceControl(
                    raw(hresource),
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

    fn cluster_network_control(
        &self,
        hnetwork: HNetwork,
        host_node: Option<HNode>,
        code: u32,
        data: &[u8],
    ) -> Result<Vec<u8>> {
        const CALL: &str = "ClusterNetworkControl";
        let len = ffi::in_len(CALL, data)?;
        ffi::bytes(CALL, self.bytes, |a: Armed| {
            // SAFETY: see above.
            unsafe {
                ClusterNetworkControl(
                    raw(hnetwork),
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

    fn cluster_net_interface_control(
        &self,
        hinterface: HNetInterface,
        host_node: Option<HNode>,
        code: u32,
        data: &[u8],
    ) -> Result<Vec<u8>> {
        const CALL: &str = "ClusterNetInterfaceControl";
        let len = ffi::in_len(CALL, data)?;
        ffi::bytes(CALL, self.bytes, |a: Armed| {
            // SAFETY: see above.
            unsafe {
                ClusterNetInterfaceControl(
                    raw(hinterface),
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
            // SAFETY: see above; and a NUL-terminated type name that outlives the call.
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
