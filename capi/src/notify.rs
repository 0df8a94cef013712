//! Notification exports: `CreateClusterNotifyPort`, `RegisterClusterNotify`,
//! `GetClusterNotify`, `CloseClusterNotifyPort`.

use std::ffi::c_void;

use clusapi_sim::{Error, HandleKind, NotifyObject};

use crate::ffi::{
    BOOL, DWORD, HCHANGE, HCLUSTER, LPDWORD, LPWSTR, boolean, from_c, guard, put, status, to_c,
};
use crate::route::{on, on_handle, sim};
use crate::strings;

/// `INVALID_HANDLE_VALUE`.
fn invalid_handle_value<T>(p: *mut T) -> bool {
    p as usize == usize::MAX
}

/// `CreateClusterNotifyPort`: with `hChange` = `INVALID_HANDLE_VALUE`, a new port; with a
/// port, adds to it. Events of `hCluster`'s cluster matching `dwFilter` come with
/// `dwNotifyKey`. Both `INVALID_HANDLE_VALUE`: a new port not associated with a cluster
/// (Microsoft's page), on the thread's current simulator, that receives the events of the
/// objects `RegisterClusterNotify` adds. NULL with the last error set on failure
/// (`ERROR_INVALID_PARAMETER` for an `hCluster` of `INVALID_HANDLE_VALUE` with an existing
/// port: the page says it "cannot be set to INVALID_HANDLE_VALUE" then).
#[unsafe(no_mangle)]
pub extern "C" fn CreateClusterNotifyPort(
    hChange: HCHANGE,
    hCluster: HCLUSTER,
    dwFilter: DWORD,
    dwNotifyKey: usize,
) -> HCHANGE {
    guard(std::ptr::null_mut(), || {
        if invalid_handle_value(hCluster) {
            if !invalid_handle_value(hChange) {
                return Err(Error::InvalidParameter(
                    "hCluster cannot be INVALID_HANDLE_VALUE when hChange is an existing port".into(),
                ));
            }
            let sim = crate::route::current()?;
            return Ok(to_c(sim.create_cluster_notify_port_without_cluster(dwFilter, dwNotifyKey)?));
        }
        let port = if invalid_handle_value(hChange) { None } else { Some(from_c(hChange)?) };
        Ok(to_c(on(hCluster, |s| {
            s.create_cluster_notify_port(port, from_c(hCluster)?, dwFilter, dwNotifyKey)
        })?))
    })
}

/// `RegisterClusterNotify`: events about the object behind `hObject` (a node, group,
/// resource, network or network interface handle) matching `dwFilterType` come with
/// `dwNotifyKey`.
#[unsafe(no_mangle)]
pub extern "C" fn RegisterClusterNotify(
    hChange: HCHANGE,
    dwFilterType: DWORD,
    hObject: *mut c_void,
    dwNotifyKey: usize,
) -> DWORD {
    status(|| {
        let port = from_c(hChange)?;
        let object = match HandleKind::of_raw(hObject as usize) {
            Some(HandleKind::Node) => NotifyObject::Node(from_c(hObject)?),
            Some(HandleKind::Group) => NotifyObject::Group(from_c(hObject)?),
            Some(HandleKind::Resource) => NotifyObject::Resource(from_c(hObject)?),
            Some(HandleKind::Network) => NotifyObject::Network(from_c(hObject)?),
            Some(HandleKind::NetInterface) => NotifyObject::NetInterface(from_c(hObject)?),
            Some(HandleKind::Key) => NotifyObject::Key(from_c(hObject)?),
            _ => {
                return Err(Error::InvalidHandle(format!(
                    "hObject {:#x} is not an object handle",
                    hObject as usize
                )));
            }
        };
        on_handle(port, |s| s.register_cluster_notify(port, dwFilterType, object, dwNotifyKey))
    })
}

/// `GetClusterNotify`: the oldest event, waiting up to `dwMilliseconds` (`INFINITE`:
/// without limit): its key, its `CLUSTER_CHANGE_*` bit and the object's name (buffer
/// protocol; a too-small buffer gives `ERROR_MORE_DATA` and leaves the event queued).
/// `WAIT_TIMEOUT` when nothing arrives.
///
/// # Safety
///
/// `lpdwNotifyKey`, `lpdwFilterType` and `lpcchName` are NULL or valid for writes (and
/// `lpcchName` for reads); `lpszName` is NULL or holds `*lpcchName` units.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn GetClusterNotify(
    hChange: HCHANGE,
    lpdwNotifyKey: *mut usize,
    lpdwFilterType: LPDWORD,
    lpszName: LPWSTR,
    lpcchName: LPDWORD,
    dwMilliseconds: DWORD,
) -> DWORD {
    status(|| {
        let port = from_c(hChange)?;
        if lpdwNotifyKey.is_null() || lpdwFilterType.is_null() || lpcchName.is_null() {
            return Err(Error::InvalidParameter(
                "lpdwNotifyKey, lpdwFilterType and lpcchName are required".into(),
            ));
        }
        let s = sim(hChange)?;
        let event = s.peek_cluster_notify(port, dwMilliseconds)?;
        // SAFETY: forwarded contract; a failure (too small) leaves the event queued.
        unsafe { strings::write(&event.name, lpszName, lpcchName) }?;
        let taken = s.get_cluster_notify(port, 0)?;
        // SAFETY: non-NULL (checked above) and valid per the contract.
        unsafe {
            put(lpdwNotifyKey, taken.key);
            put(lpdwFilterType, taken.filter_type);
        }
        Ok(())
    })
}

/// `CloseClusterNotifyPort`: `TRUE`, or `FALSE` with `ERROR_INVALID_HANDLE`.
#[unsafe(no_mangle)]
pub extern "C" fn CloseClusterNotifyPort(hChange: HCHANGE) -> BOOL {
    boolean(|| on(hChange, |s| s.close_cluster_notify_port(from_c(hChange)?)))
}
