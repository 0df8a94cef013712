//! The five `resutils.dll` helpers for Cluster Shared Volumes, as `ClusSimResUtils*`
//! exports: `ClusSimResUtilsGetVolumePathName` is `ClusterGetVolumePathName`, and so on.
//!
//! On Windows they are exports of `resutils.dll`, not `clusapi.dll`. Here `libresutils`
//! (`capi/resutils/`) exports them under their Win32 names, each forwarding its arguments
//! to the export of this file, which the program's link resolves against the `libclusapi`
//! (or `libclusapi_native`) it links beside `libresutils`: so there is one simulator in
//! the process, one routing (`route::current`: they take a path and no handle, so they go
//! to the thread's bound simulator, else the process's, and ask its local cluster) and one
//! last error. This library does not export the Win32 names itself, so a program that links
//! both libraries (statically or not) finds each name once, in `libresutils`.
//!
//! The rules are those of the Rust API's declared calls (`src/calls/api/resource.rs`); this
//! file adds the C conventions of each function:
//!
//! * `ClusterGetVolumePathName` and `ClusterGetVolumeNameForVolumeMountPoint` take a fixed
//!   buffer (`cchBufferLength` units, the NUL included) and return `BOOL` with the last
//!   error, as the kernel32 functions their pages point to (`GetVolumePathName`,
//!   `GetVolumeNameForVolumeMountPoint`): a NULL buffer or a length of 0 is
//!   `ERROR_INVALID_PARAMETER`, a buffer too small for the answer and its NUL
//!   `ERROR_FILENAME_EXCED_RANGE` (206), the buffer untouched.
//! * `ClusterPrepareSharedVolumeForBackup` has two buffers, each with its in/out length.
//! * `ClusterIsPathOnSharedVolume` answers `TRUE` or `FALSE`; `ClusterClearBackupStateForSharedVolume`
//!   returns its status.

use clusapi_sim::{Error, codes};

use crate::ffi::{BOOL, DWORD, FALSE, LPCWSTR, LPDWORD, LPWSTR, TRUE, WCHAR, guard, set_last_error, status};
use crate::route::current;
use crate::{strings, wide};

/// `ERROR_FILENAME_EXCED_RANGE`: what `GetVolumePathName` answers for a buffer too small.
const ERROR_FILENAME_EXCED_RANGE: DWORD = 206;

/// Checks a fixed buffer before the call: a NULL buffer or a length of 0 is
/// `ERROR_INVALID_PARAMETER`, whatever the path (as `GetVolumePathName` answers them).
fn check_fixed(buf: LPWSTR, cch: DWORD, what: &str) -> Result<(), Error> {
    if buf.is_null() || cch == 0 {
        return Err(Error::InvalidParameter(format!("{what}: NULL, or a length of 0")));
    }
    Ok(())
}

/// Writes `value` NUL-terminated into the fixed buffer `buf` of `cch` units (checked by
/// [`check_fixed`]).
///
/// # Errors
///
/// `ERROR_FILENAME_EXCED_RANGE` when `value` and its NUL do not fit (the buffer is not
/// written).
///
/// # Safety
///
/// `buf` is valid for writes of `cch` units.
unsafe fn write_fixed(value: &str, buf: LPWSTR, cch: DWORD, what: &str) -> Result<(), Error> {
    let units: Vec<WCHAR> = wide::encode(value).collect();
    if units.len() >= cch as usize {
        return Err(Error::with_message(
            ERROR_FILENAME_EXCED_RANGE,
            format!("{what}: {} units and a NUL are needed; the buffer holds {cch}", units.len()),
        ));
    }
    // SAFETY: `buf` is valid for `cch` units and `units.len() + 1 <= cch`.
    unsafe {
        std::ptr::copy_nonoverlapping(units.as_ptr(), buf, units.len());
        buf.add(units.len()).write(0);
    }
    Ok(())
}

/// `ClusterGetVolumePathName` (`resutils.dll`; `libresutils` exports it under that name):
/// `TRUE` with the root of the volume `lpszFileName` is on (a CSV's
/// `C:\ClusterStorage\VolumeN\`, or a cluster disk's drive letter or deepest mount point,
/// with the final backslash) in `lpszVolumePathName`; `FALSE` with the last error
/// otherwise: `ERROR_FILE_NOT_FOUND` for a path on no volume of the cluster's disks,
/// `ERROR_INVALID_PARAMETER` for a NULL path or buffer or a length of 0,
/// `ERROR_FILENAME_EXCED_RANGE` (206) for a buffer too small (untouched). An empty path
/// fails with the last error `ERROR_SUCCESS`, as the page says.
///
/// # Safety
///
/// `lpszFileName` is NULL or a NUL-terminated string; `lpszVolumePathName` is NULL or
/// valid for writes of `cchBufferLength` units.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusSimResUtilsGetVolumePathName(
    lpszFileName: LPCWSTR,
    lpszVolumePathName: LPWSTR,
    cchBufferLength: DWORD,
) -> BOOL {
    guard(FALSE, || {
        // SAFETY: forwarded contract.
        let file = unsafe { strings::read_required(lpszFileName, "lpszFileName") }?;
        if file.is_empty() {
            return Err(Error::with_message(
                codes::ERROR_SUCCESS,
                "lpszFileName is empty: the call fails with the last error ERROR_SUCCESS".into(),
            ));
        }
        check_fixed(lpszVolumePathName, cchBufferLength, "lpszVolumePathName")?;
        let root = current()?.cluster_get_volume_path_name(&file)?;
        // SAFETY: checked non-NULL; valid for `cchBufferLength` units per the contract.
        unsafe { write_fixed(&root, lpszVolumePathName, cchBufferLength, "lpszVolumePathName") }?;
        set_last_error(codes::ERROR_SUCCESS);
        Ok(TRUE)
    })
}

/// `ClusterGetVolumeNameForVolumeMountPoint` (`resutils.dll`; `libresutils` exports it
/// under that name): `TRUE` with the volume name `\\?\Volume{GUID}\` of the volume mounted at
/// `lpszVolumeMountPoint` (a CSV's `C:\ClusterStorage\VolumeN\`, a drive letter or a mount
/// point) in `lpszVolumeName`; `FALSE` with the last error otherwise: `ERROR_FILE_NOT_FOUND`
/// for a path that is no volume's root, `ERROR_INVALID_PARAMETER` for an empty or NULL path,
/// a NULL buffer or a length of 0, `ERROR_FILENAME_EXCED_RANGE` (206) for a buffer too
/// small (untouched; 50 units always do).
///
/// # Safety
///
/// `lpszVolumeMountPoint` is NULL or a NUL-terminated string; `lpszVolumeName` is NULL or
/// valid for writes of `cchBufferLength` units.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusSimResUtilsGetVolumeNameForVolumeMountPoint(
    lpszVolumeMountPoint: LPCWSTR,
    lpszVolumeName: LPWSTR,
    cchBufferLength: DWORD,
) -> BOOL {
    guard(FALSE, || {
        // SAFETY: forwarded contract.
        let mount_point = unsafe { strings::read_required(lpszVolumeMountPoint, "lpszVolumeMountPoint") }?;
        check_fixed(lpszVolumeName, cchBufferLength, "lpszVolumeName")?;
        let name = current()?.cluster_get_volume_name_for_volume_mount_point(&mount_point)?;
        // SAFETY: checked non-NULL; valid for `cchBufferLength` units per the contract.
        unsafe { write_fixed(&name, lpszVolumeName, cchBufferLength, "lpszVolumeName") }?;
        set_last_error(codes::ERROR_SUCCESS);
        Ok(TRUE)
    })
}

/// `ClusterIsPathOnSharedVolume` (`resutils.dll`; `libresutils` exports it under that
/// name): `TRUE` when `lpszPathName` is on a Cluster Shared Volume of the local cluster,
/// else `FALSE` (an empty path too). The last error is left alone, except for a path that
/// cannot be read (NULL, no NUL in 64K units, not valid in this build's encoding): `FALSE`
/// with `ERROR_INVALID_PARAMETER` **(ours: the page gives no error)**.
///
/// # Safety
///
/// `lpszPathName` is NULL or a NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusSimResUtilsIsPathOnSharedVolume(lpszPathName: LPCWSTR) -> BOOL {
    guard(FALSE, || {
        // SAFETY: forwarded contract.
        let path = unsafe { strings::read_required(lpszPathName, "lpszPathName") }?;
        Ok(if current()?.cluster_is_path_on_shared_volume(&path) { TRUE } else { FALSE })
    })
}

/// `ClusterPrepareSharedVolumeForBackup` (`resutils.dll`; `libresutils` exports it under
/// that name): marks the CSV that `lpszFileName` is on as being backed up
/// (`VolumeBackupInProgress`), and writes its volume path (`C:\ClusterStorage\VolumeN\`)
/// into `lpszVolumePathName` and its volume name (`\\?\Volume{GUID}\`) into
/// `lpszVolumeName`. Each length pointer holds, in, the buffer's size in `WCHAR`s (the NUL
/// included); out, the string's length (without it). When either buffer is NULL or too
/// small, neither is written, both lengths are set to what their strings need (without the
/// NUL, as the ClusAPI protocol counts) and the answer is `ERROR_MORE_DATA`; the volume is
/// marked all the same (a size probe marks it as the call that follows does).
///
/// Returns `ERROR_SUCCESS`, `ERROR_MORE_DATA`, `ERROR_CLUSTER_NOT_SHARED_VOLUME` (5945) for
/// a file on no CSV, or `ERROR_INVALID_PARAMETER` for a NULL or empty path or a NULL length
/// pointer.
///
/// # Safety
///
/// `lpszFileName` is NULL or a NUL-terminated string; each length pointer is NULL or valid
/// for a read and a write of a `DWORD`; each buffer is NULL or valid for writes of the
/// units its length says.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusSimResUtilsPrepareSharedVolumeForBackup(
    lpszFileName: LPCWSTR,
    lpszVolumePathName: LPWSTR,
    lpcchVolumePathName: LPDWORD,
    lpszVolumeName: LPWSTR,
    lpcchVolumeName: LPDWORD,
) -> DWORD {
    status(|| {
        // SAFETY: forwarded contract.
        let file = unsafe { strings::read_required(lpszFileName, "lpszFileName") }?;
        if lpcchVolumePathName.is_null() || lpcchVolumeName.is_null() {
            return Err(Error::InvalidParameter("lpcchVolumePathName or lpcchVolumeName is NULL".into()));
        }
        let (path, name) = current()?.cluster_prepare_shared_volume_for_backup(&file)?;
        let path: Vec<WCHAR> = wide::encode(&path).collect();
        let name: Vec<WCHAR> = wide::encode(&name).collect();
        let outputs =
            [(lpszVolumePathName, lpcchVolumePathName, &path), (lpszVolumeName, lpcchVolumeName, &name)];
        let fits = |(buf, cch, units): &(LPWSTR, LPDWORD, &Vec<WCHAR>)| {
            // SAFETY: the length pointers are not NULL (checked), and valid for a read per
            // the contract.
            let capacity = unsafe { cch.read() };
            !buf.is_null() && units.len() < capacity as usize
        };
        let all_fit = outputs.iter().all(fits);
        for (buf, cch, units) in outputs {
            let len = DWORD::try_from(units.len()).unwrap_or(DWORD::MAX);
            if all_fit {
                // SAFETY: `buf` is valid for `*cch` units, and `units.len() + 1 <= *cch`.
                unsafe {
                    std::ptr::copy_nonoverlapping(units.as_ptr(), buf, units.len());
                    buf.add(units.len()).write(0);
                }
            }
            // SAFETY: not NULL, and valid for a write per the contract.
            unsafe { cch.write(len) };
        }
        if all_fit {
            Ok(())
        } else {
            Err(Error::MoreData(format!(
                "the volume path needs {} units and the volume name {}, each with a NUL",
                path.len(),
                name.len()
            )))
        }
    })
}

/// `ClusterClearBackupStateForSharedVolume` (`resutils.dll`; `libresutils` exports it
/// under that name): the CSV that `lpszVolumePathName` is on is no longer being backed up
/// (`VolumeBackupNone`). Returns `ERROR_SUCCESS`, or `ERROR_INVALID_PARAMETER` for a path
/// on no CSV (as the page says), or a NULL or empty one.
///
/// # Safety
///
/// `lpszVolumePathName` is NULL or a NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ClusSimResUtilsClearBackupStateForSharedVolume(
    lpszVolumePathName: LPCWSTR,
) -> DWORD {
    status(|| {
        // SAFETY: forwarded contract.
        let path = unsafe { strings::read_required(lpszVolumePathName, "lpszVolumePathName") }?;
        current()?.cluster_clear_backup_state_for_shared_volume(&path)
    })
}
