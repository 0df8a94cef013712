//! Control-code exports: `ClusterControl`, `ClusterNodeControl`, `ClusterGroupControl`,
//! `ClusterResourceControl`, `ClusterNetworkControl`, `ClusterNetInterfaceControl` and
//! `ClusterResourceTypeControl`, with the byte-counted buffer protocol: the output is
//! written only if it fits; otherwise `ERROR_MORE_DATA` and the size needed in
//! `*lpBytesReturned`.

use std::ffi::c_void;

use clusapi_sim::{Error, HNode};

use crate::ffi::{
    DWORD, HCLUSTER, HGROUP, HNETINTERFACE, HNETWORK, HNODE, HRESOURCE, LPCWSTR, LPDWORD, from_c, status,
};
use crate::route::{on, on_handle};
use crate::strings;
use crate::wide;

/// An optional host node: NULL is "any node".
fn host(h: HNODE) -> Result<Option<HNode>, Error> {
    if h.is_null() { Ok(None) } else { from_c(h).map(Some) }
}

/// The input buffer as a slice.
///
/// # Safety
///
/// `input` is NULL or valid for reads of `size` bytes.
unsafe fn input<'a>(input: *const c_void, size: DWORD) -> Result<&'a [u8], Error> {
    if input.is_null() {
        if size > 0 {
            return Err(Error::InvalidParameter(format!("lpInBuffer is NULL but nInBufferSize is {size}")));
        }
        return Ok(&[]);
    }
    // SAFETY: non-NULL and valid for `size` bytes per the contract; a u32 fits a usize on
    // the 64-bit targets this crate supports.
    Ok(unsafe { std::slice::from_raw_parts(input.cast::<u8>(), size as usize) })
}

/// Writes `data` by the byte-counted protocol.
///
/// # Safety
///
/// `out` is NULL or valid for writes of `size` bytes; `returned` is NULL or valid for a
/// `DWORD` write.
unsafe fn output(data: &[u8], out: *mut c_void, size: DWORD, returned: LPDWORD) -> Result<(), Error> {
    let needed = DWORD::try_from(data.len()).map_err(|_| Error::InternalError("output over 4 GiB".into()))?;
    if !returned.is_null() {
        // SAFETY: non-NULL and valid for writes per the contract.
        unsafe { returned.write(needed) };
    }
    if needed == 0 {
        return Ok(());
    }
    if out.is_null() || size < needed {
        return Err(Error::MoreData(format!("{needed} bytes are needed; the buffer holds {size}")));
    }
    // SAFETY: `out` is valid for `size >= needed` bytes, and `data` is `needed` bytes long;
    // a caller's buffer cannot overlap our freshly built vector.
    unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), out.cast::<u8>(), data.len()) };
    Ok(())
}

/// What every control export does: read the input, run the call, write its output by the
/// byte-counted protocol; the status (and the last error) from the first failure.
///
/// # Safety
///
/// As `input` and `output`.
unsafe fn run(
    dwControlCode: DWORD,
    lpInBuffer: *mut c_void,
    nInBufferSize: DWORD,
    lpOutBuffer: *mut c_void,
    nOutBufferSize: DWORD,
    lpBytesReturned: LPDWORD,
    call: impl FnOnce(&[u8]) -> Result<Vec<u8>, Error>,
) -> DWORD {
    status(|| {
        // SAFETY: forwarded contract.
        let data = unsafe { input(lpInBuffer.cast_const(), nInBufferSize) }?;
        // The strings of the buffers are in this build's WCHAR (`wide.rs`).
        let (in_layout, out_layout) = wide::control_layouts(dwControlCode);
        let out = wide::to_caller(out_layout, call(&wide::from_caller(in_layout, data))?)?;
        // SAFETY: forwarded contract.
        unsafe { output(&out, lpOutBuffer, nOutBufferSize, lpBytesReturned) }
    })
}

/// `ClusterControl`: a `CLUSCTL_CLUSTER_*` code on the cluster.
///
/// # Safety
///
/// `lpInBuffer` is NULL or valid for reads of `nInBufferSize` bytes; `lpOutBuffer` is NULL
/// or valid for writes of `nOutBufferSize` bytes; `lpBytesReturned` is NULL or valid for a
/// `DWORD` write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusterControl(
    hCluster: HCLUSTER,
    hHostNode: HNODE,
    dwControlCode: DWORD,
    lpInBuffer: *mut c_void,
    nInBufferSize: DWORD,
    lpOutBuffer: *mut c_void,
    nOutBufferSize: DWORD,
    lpBytesReturned: LPDWORD,
) -> DWORD {
    // SAFETY: forwarded contract.
    unsafe {
        run(dwControlCode, lpInBuffer, nInBufferSize, lpOutBuffer, nOutBufferSize, lpBytesReturned, |data| {
            on(hCluster, |s| s.cluster_control(from_c(hCluster)?, host(hHostNode)?, dwControlCode, data))
        })
    }
}

/// `ClusterNodeControl`: a `CLUSCTL_NODE_*` code on a node.
///
/// # Safety
///
/// `lpInBuffer` is NULL or valid for reads of `nInBufferSize` bytes; `lpOutBuffer` is NULL
/// or valid for writes of `nOutBufferSize` bytes; `lpBytesReturned` is NULL or valid for a
/// `DWORD` write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusterNodeControl(
    hNode: HNODE,
    hHostNode: HNODE,
    dwControlCode: DWORD,
    lpInBuffer: *mut c_void,
    nInBufferSize: DWORD,
    lpOutBuffer: *mut c_void,
    nOutBufferSize: DWORD,
    lpBytesReturned: LPDWORD,
) -> DWORD {
    // SAFETY: forwarded contract.
    unsafe {
        run(dwControlCode, lpInBuffer, nInBufferSize, lpOutBuffer, nOutBufferSize, lpBytesReturned, |data| {
            on(hNode, |s| s.cluster_node_control(from_c(hNode)?, host(hHostNode)?, dwControlCode, data))
        })
    }
}

/// `ClusterGroupControl`: a `CLUSCTL_GROUP_*` code on a group.
///
/// # Safety
///
/// `lpInBuffer` is NULL or valid for reads of `nInBufferSize` bytes; `lpOutBuffer` is NULL
/// or valid for writes of `nOutBufferSize` bytes; `lpBytesReturned` is NULL or valid for a
/// `DWORD` write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusterGroupControl(
    hGroup: HGROUP,
    hHostNode: HNODE,
    dwControlCode: DWORD,
    lpInBuffer: *mut c_void,
    nInBufferSize: DWORD,
    lpOutBuffer: *mut c_void,
    nOutBufferSize: DWORD,
    lpBytesReturned: LPDWORD,
) -> DWORD {
    // SAFETY: forwarded contract.
    unsafe {
        run(dwControlCode, lpInBuffer, nInBufferSize, lpOutBuffer, nOutBufferSize, lpBytesReturned, |data| {
            on(hGroup, |s| s.cluster_group_control(from_c(hGroup)?, host(hHostNode)?, dwControlCode, data))
        })
    }
}

/// `ClusterResourceControl`: a `CLUSCTL_RESOURCE_*` code on a resource.
///
/// # Safety
///
/// `lpInBuffer` is NULL or valid for reads of `nInBufferSize` bytes; `lpOutBuffer` is NULL
/// or valid for writes of `nOutBufferSize` bytes; `lpBytesReturned` is NULL or valid for a
/// `DWORD` write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusterResourceControl(
    hResource: HRESOURCE,
    hHostNode: HNODE,
    dwControlCode: DWORD,
    lpInBuffer: *mut c_void,
    nInBufferSize: DWORD,
    lpOutBuffer: *mut c_void,
    nOutBufferSize: DWORD,
    lpBytesReturned: LPDWORD,
) -> DWORD {
    // SAFETY: forwarded contract.
    unsafe {
        run(dwControlCode, lpInBuffer, nInBufferSize, lpOutBuffer, nOutBufferSize, lpBytesReturned, |data| {
            on(hResource, |s| {
                s.cluster_resource_control(from_c(hResource)?, host(hHostNode)?, dwControlCode, data)
            })
        })
    }
}

/// `ClusterNetworkControl`: a `CLUSCTL_NETWORK_*` code on a network.
///
/// # Safety
///
/// `lpInBuffer` is NULL or valid for reads of `nInBufferSize` bytes; `lpOutBuffer` is NULL
/// or valid for writes of `nOutBufferSize` bytes; `lpBytesReturned` is NULL or valid for a
/// `DWORD` write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusterNetworkControl(
    hNetwork: HNETWORK,
    hHostNode: HNODE,
    dwControlCode: DWORD,
    lpInBuffer: *mut c_void,
    nInBufferSize: DWORD,
    lpOutBuffer: *mut c_void,
    nOutBufferSize: DWORD,
    lpBytesReturned: LPDWORD,
) -> DWORD {
    // SAFETY: forwarded contract.
    unsafe {
        run(dwControlCode, lpInBuffer, nInBufferSize, lpOutBuffer, nOutBufferSize, lpBytesReturned, |data| {
            on(hNetwork, |s| {
                s.cluster_network_control(from_c(hNetwork)?, host(hHostNode)?, dwControlCode, data)
            })
        })
    }
}

/// `ClusterNetInterfaceControl`: a `CLUSCTL_NETINTERFACE_*` code on a network interface.
///
/// # Safety
///
/// `lpInBuffer` is NULL or valid for reads of `nInBufferSize` bytes; `lpOutBuffer` is NULL
/// or valid for writes of `nOutBufferSize` bytes; `lpBytesReturned` is NULL or valid for a
/// `DWORD` write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusterNetInterfaceControl(
    hNetInterface: HNETINTERFACE,
    hHostNode: HNODE,
    dwControlCode: DWORD,
    lpInBuffer: *mut c_void,
    nInBufferSize: DWORD,
    lpOutBuffer: *mut c_void,
    nOutBufferSize: DWORD,
    lpBytesReturned: LPDWORD,
) -> DWORD {
    // SAFETY: forwarded contract.
    unsafe {
        run(dwControlCode, lpInBuffer, nInBufferSize, lpOutBuffer, nOutBufferSize, lpBytesReturned, |data| {
            on(hNetInterface, |s| {
                s.cluster_net_interface_control(from_c(hNetInterface)?, host(hHostNode)?, dwControlCode, data)
            })
        })
    }
}

/// `ClusterResourceTypeControl`: a `CLUSCTL_RESOURCE_TYPE_*` code on the resource type
/// named `lpszResourceTypeName`.
///
/// # Safety
///
/// `lpszResourceTypeName` is a NUL-terminated string (or NULL); the buffers and
/// `lpBytesReturned` as for `ClusterControl`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusterResourceTypeControl(
    hCluster: HCLUSTER,
    lpszResourceTypeName: LPCWSTR,
    hHostNode: HNODE,
    dwControlCode: DWORD,
    lpInBuffer: *mut c_void,
    nInBufferSize: DWORD,
    lpOutBuffer: *mut c_void,
    nOutBufferSize: DWORD,
    lpBytesReturned: LPDWORD,
) -> DWORD {
    let call = |data: &[u8]| {
        let cluster = from_c(hCluster)?;
        // SAFETY: forwarded contract.
        let name = unsafe { strings::read_required(lpszResourceTypeName, "lpszResourceTypeName") }?;
        on_handle(cluster, |s| {
            s.cluster_resource_type_control(cluster, &name, host(hHostNode)?, dwControlCode, data)
        })
    };
    // SAFETY: forwarded contract.
    unsafe {
        run(dwControlCode, lpInBuffer, nInBufferSize, lpOutBuffer, nOutBufferSize, lpBytesReturned, call)
    }
}
