//! The C side of the boundary: Win32 types, the thread's last error, handle conversion,
//! and the guard every export runs its body in.

use std::cell::{Cell, RefCell};
use std::panic::{AssertUnwindSafe, catch_unwind};

use clusapi_sim::{Error, Handle, codes};

/// `DWORD`: 32 bits unsigned, as on Windows (not `unsigned long`, which is 64 bits here).
pub type DWORD = u32;
/// `BOOL`: 32 bits signed; `TRUE` is 1.
pub type BOOL = i32;
/// `WCHAR`: one UTF-16 code unit, as on Windows (`libclusapi`; see `wide.rs`).
#[cfg(not(clusapi_native_wchar))]
pub type WCHAR = u16;
/// `WCHAR`: the platform's `wchar_t`, a UTF-32 code point on Linux (`libclusapi_native`;
/// see `wide.rs`).
#[cfg(clusapi_native_wchar)]
pub type WCHAR = u32;
/// The size of this library's `WCHAR` in bytes: 2 in `libclusapi` (UTF-16, as on Windows),
/// 4 in `libclusapi_native` (the platform's `wchar_t`, UTF-32 on Linux). The compatibility
/// headers compare it with the `WCHAR` a program was compiled with, at start-up, so that a
/// program linked with the other library stops with a message saying which to link,
/// rather than misreading every string; Python's `clusapi_sim` checks it when loading.
/// Every export refers to it (see `run`), so a static link that pulls any export from
/// `libclusapi.a` pulls it too, and the headers' weak reference finds it.
#[unsafe(no_mangle)]
pub static ClusSimWcharSize: u32 = size_of::<WCHAR>() as u32;

/// `LPCWSTR`: a NUL-terminated string of `WCHAR`s.
pub type LPCWSTR = *const WCHAR;
/// `LPWSTR`: an output buffer of `WCHAR`s.
pub type LPWSTR = *mut WCHAR;
/// `LPDWORD`.
pub type LPDWORD = *mut DWORD;
/// `HRESULT`: 32 bits signed; `S_OK` is 0.
pub type HRESULT = i32;
/// `HANDLE`: an untyped handle (here, a simulator from `ClusSimCreate`).
pub type HANDLE = *mut std::ffi::c_void;

/// `CLUSTER_SET_PASSWORD_STATUS`: one node's answer to `SetClusterServiceAccountPassword`
/// (never written: the call is not implemented).
#[repr(C)]
pub struct CLUSTER_SET_PASSWORD_STATUS {
    /// The node's id.
    pub NodeId: DWORD,
    /// Whether the node attempted the change (`BOOLEAN`).
    pub SetAttempted: u8,
    /// The node's status.
    pub ReturnStatus: DWORD,
}
/// `PCLUSTER_SET_PASSWORD_STATUS`.
pub type PCLUSTER_SET_PASSWORD_STATUS = *mut CLUSTER_SET_PASSWORD_STATUS;

/// `CLUSTER_NODE_STATE`: a C enum, `int`-sized.
pub type CLUSTER_NODE_STATE = i32;
/// `CLUSTER_GROUP_STATE`.
pub type CLUSTER_GROUP_STATE = i32;
/// `CLUSTER_RESOURCE_STATE`.
pub type CLUSTER_RESOURCE_STATE = i32;
/// `CLUSTER_NETWORK_STATE`.
pub type CLUSTER_NETWORK_STATE = i32;
/// `CLUSTER_NETINTERFACE_STATE`.
pub type CLUSTER_NETINTERFACE_STATE = i32;

/// `TRUE`.
pub const TRUE: BOOL = 1;
/// `FALSE`.
pub const FALSE: BOOL = 0;

macro_rules! opaque_handles {
    ($( $(#[$doc:meta])* $tag:ident => $name:ident; )*) => {$(
        #[doc = concat!("The opaque type `", stringify!($name), "` points to; never dereferenced.")]
        #[repr(C)]
        pub struct $tag {
            _private: [u8; 0],
        }
        $(#[$doc])*
        pub type $name = *mut $tag;
    )*};
}

opaque_handles! {
    /// A cluster handle.
    _HCLUSTER => HCLUSTER;
    /// A node handle.
    _HNODE => HNODE;
    /// A group handle.
    _HGROUP => HGROUP;
    /// A resource handle.
    _HRESOURCE => HRESOURCE;
    /// A network handle.
    _HNETWORK => HNETWORK;
    /// A network interface handle.
    _HNETINTERFACE => HNETINTERFACE;
    /// A cluster enumeration handle.
    _HCLUSENUM => HCLUSENUM;
    /// A network enumeration handle.
    _HNETWORKENUM => HNETWORKENUM;
    /// A node enumeration handle.
    _HNODEENUM => HNODEENUM;
    /// A group enumeration handle.
    _HGROUPENUM => HGROUPENUM;
    /// A resource enumeration handle.
    _HRESENUM => HRESENUM;
    /// A notification port.
    _HCHANGE => HCHANGE;
    /// A resource type enumeration handle.
    _HRESTYPEENUM => HRESTYPEENUM;
    /// A cluster registry key handle (`struct HKEY__ *` in `windows.h`).
    HKEY__ => HKEY;
}

/// Exports of the real `clusapi.dll` that the simulator does not simulate (yet), declared
/// in the file of their family, beside the calls they would join. Each entry is the
/// reason as a doc comment, then `fn Name -> ANSWER;`, the answer of a server that does
/// not support the call:
///
/// * `ERROR_CALL_NOT_IMPLEMENTED`: that status (120), also left in the last error;
/// * `NULL`: a NULL handle, with the last error 120;
/// * `FALSE`: `FALSE`, with the last error 120;
/// * `0`: a count of 0, with the last error 120;
/// * `E_NOTIMPL`: that `HRESULT` (the undocumented helpers that return one); the last
///   error is not touched.
///
/// A block generates each `#[unsafe(no_mangle)] pub extern "C" fn` and the file's
/// `NOT_SIMULATED` list of (name, reason), which [`crate::NOT_SIMULATED`] gathers for the
/// README's coverage table; one block per file. The exports read no argument, so they are
/// declared without parameters: on the C ABI the caller's arguments are simply ignored,
/// and only the return value's width and meaning matter. Those the real `clusapi.h`
/// declares have its prototypes in `compat/clusapi.h` (`capi/tests/suite/coverage.rs` checks);
/// cbindgen does not expand macros, so none is in `clusapi_sim.h`.
///
/// Simulating one is replacing its entry with the real export, in the same file (and
/// giving it its row in the catalogue of `capi/tests/robustness.rs`). When a file's last
/// entry goes, the block may stay empty, or go together with its line in
/// [`crate::NOT_SIMULATED`].
macro_rules! not_simulated {
    ($( $(#[doc = $why:literal])+ fn $name:ident -> $answer:tt; )*) => {
        /// The exports of this file that are not simulated, and why
        /// ([`crate::NOT_SIMULATED`] gathers the files' lists).
        pub(crate) const NOT_SIMULATED: &[(&str, &str)] =
            &[$( (stringify!($name), concat!($($why),+).trim_ascii()) ),*];
        $( $crate::ffi::not_simulated!(@answer $name $answer [$($why)+]); )*
    };
    (@answer $name:ident ERROR_CALL_NOT_IMPLEMENTED $why:tt) => {
        $crate::ffi::not_simulated!(@export $name $why
            "`ERROR_CALL_NOT_IMPLEMENTED` (120), also left in the last error" -> $crate::ffi::DWORD {
                $crate::ffi::set_last_error($crate::clusapi_sim::codes::ERROR_CALL_NOT_IMPLEMENTED);
                $crate::clusapi_sim::codes::ERROR_CALL_NOT_IMPLEMENTED
            });
    };
    (@answer $name:ident NULL $why:tt) => {
        $crate::ffi::not_simulated!(@export $name $why
            "NULL, with the last error `ERROR_CALL_NOT_IMPLEMENTED` (120)" -> *mut ::std::ffi::c_void {
                $crate::ffi::set_last_error($crate::clusapi_sim::codes::ERROR_CALL_NOT_IMPLEMENTED);
                ::std::ptr::null_mut()
            });
    };
    (@answer $name:ident FALSE $why:tt) => {
        $crate::ffi::not_simulated!(@export $name $why
            "`FALSE`, with the last error `ERROR_CALL_NOT_IMPLEMENTED` (120)" -> $crate::ffi::BOOL {
                $crate::ffi::set_last_error($crate::clusapi_sim::codes::ERROR_CALL_NOT_IMPLEMENTED);
                $crate::ffi::FALSE
            });
    };
    (@answer $name:ident 0 $why:tt) => {
        $crate::ffi::not_simulated!(@export $name $why
            "0, with the last error `ERROR_CALL_NOT_IMPLEMENTED` (120)" -> $crate::ffi::DWORD {
                $crate::ffi::set_last_error($crate::clusapi_sim::codes::ERROR_CALL_NOT_IMPLEMENTED);
                0
            });
    };
    (@answer $name:ident E_NOTIMPL $why:tt) => {
        $crate::ffi::not_simulated!(@export $name $why
            "`E_NOTIMPL` (`0x80004001`), the `HRESULT` of a helper that is not implemented; \
             the last error is not touched" -> $crate::ffi::DWORD {
                $crate::ffi::E_NOTIMPL
            });
    };
    (@export $name:ident [$($why:literal)+] $answer:literal -> $ty:ty $body:block) => {
        #[doc = concat!("`", stringify!($name), "`: not simulated; ", $answer, ".")]
        #[doc = ""]
        #[doc = concat!("Why:", $($why),+, ".")]
        #[unsafe(no_mangle)]
        pub extern "C" fn $name() -> $ty $body
    };
}
pub(crate) use not_simulated;

/// `E_NOTIMPL`, the `HRESULT` of a call that is not implemented, as its `DWORD` bit pattern.
pub(crate) const E_NOTIMPL: DWORD = 0x8000_4001;

/// `CLUSTERVERSIONINFO`; the caller sets `dwVersionInfoSize` before the call.
#[repr(C)]
#[allow(non_snake_case)]
pub struct CLUSTERVERSIONINFO {
    /// Size of the structure in bytes, set by the caller.
    pub dwVersionInfoSize: DWORD,
    /// Operating system major version.
    pub MajorVersion: u16,
    /// Operating system minor version.
    pub MinorVersion: u16,
    /// Operating system build.
    pub BuildNumber: u16,
    /// Vendor, NUL-terminated.
    pub szVendorId: [WCHAR; 64],
    /// Service pack, NUL-terminated.
    pub szCSDVersion: [WCHAR; 64],
    /// Highest cluster version in the cluster.
    pub dwClusterHighestVersion: DWORD,
    /// Lowest cluster version in the cluster.
    pub dwClusterLowestVersion: DWORD,
    /// Flags.
    pub dwFlags: DWORD,
    /// Reserved.
    pub dwReserved: DWORD,
}

thread_local! {
    static LAST_ERROR: Cell<DWORD> = const { Cell::new(0) };
    /// Why the thread's last failed call failed (`ClusSimLastErrorMessage`). Kept as the
    /// error itself and formatted only when asked for: failing calls in loops
    /// (enumerations to their end, notification polls) pay nothing extra.
    static LAST_FAILURE: RefCell<Option<Error>> = const { RefCell::new(None) };
}

/// Sets the calling thread's last error.
pub(crate) fn set_last_error(code: DWORD) {
    LAST_ERROR.with(|c| c.set(code));
}

/// The message of the thread's most recent failure (empty before any).
pub(crate) fn last_failure_message() -> String {
    // Fails only while the thread's locals are destroyed: no message then.
    LAST_FAILURE.try_with(|f| f.borrow().as_ref().map(ToString::to_string)).ok().flatten().unwrap_or_default()
}

/// Records a failure: the thread's last error, and the error for its message.
fn record_failure(code: DWORD, error: Error) {
    set_last_error(code);
    let _ = LAST_FAILURE.try_with(|f| *f.borrow_mut() = Some(error));
}

/// The calling thread's last error.
pub(crate) fn last_error() -> DWORD {
    LAST_ERROR.with(Cell::get)
}

/// Runs an export's body. An `Err` becomes the thread's last error and is returned as its
/// code; a panic (never expected) is caught here, so it never unwinds into C, and answers
/// `ERROR_INTERNAL_ERROR`.
#[inline]
fn run<T>(body: impl FnOnce() -> Result<T, Error>) -> Result<T, DWORD> {
    // Marked as a foreign call, so the handles it opens are reported with their C caller,
    // not with a line of this crate.
    let error = match clusapi_sim::foreign::call(|| catch_unwind(AssertUnwindSafe(body))) {
        Ok(Ok(v)) => return Ok(v),
        Ok(Err(e)) => e,
        Err(_) => Error::InternalError("a panic was caught at the C boundary".to_owned()),
    };
    // A reference from every export's object file (this function is inlined into each) to
    // the ABI marker, on the failure path only, so that a static link pulls its definition.
    std::hint::black_box(&ClusSimWcharSize);
    let code = error.code();
    record_failure(code, error);
    Err(code)
}

/// For functions that return a value, or `failure` with the last error set.
#[inline]
pub(crate) fn guard<T>(failure: T, body: impl FnOnce() -> Result<T, Error>) -> T {
    run(body).unwrap_or(failure)
}

/// For functions that return their status as a `DWORD` (a failure is also left in the
/// last error).
#[inline]
pub(crate) fn status(body: impl FnOnce() -> Result<(), Error>) -> DWORD {
    run(body).map_or_else(|code| code, |()| codes::ERROR_SUCCESS)
}

/// For `Close*` functions: `TRUE`, or `FALSE` with the last error set.
#[inline]
pub(crate) fn boolean(body: impl FnOnce() -> Result<(), Error>) -> BOOL {
    run(body).map_or(FALSE, |()| TRUE)
}

/// A C handle as the simulator's typed handle; NULL is `ERROR_INVALID_HANDLE`.
pub(crate) fn from_c<H: Handle, T>(p: *mut T) -> Result<H, Error> {
    // The pointer is only a number to us: decoded and checked against the handle table,
    // never dereferenced.
    H::from_raw(p as usize).ok_or_else(|| Error::InvalidHandle(format!("NULL {}", H::KIND)))
}

/// A simulator handle as the C handle type.
pub(crate) fn to_c<H: Handle, T>(h: H) -> *mut T {
    std::ptr::without_provenance_mut(h.as_raw())
}

/// Writes `value` through `out` if it is not NULL.
///
/// # Safety
///
/// `out` is NULL or valid for a write of `T`.
pub(crate) unsafe fn put<T>(out: *mut T, value: T) {
    if !out.is_null() {
        // SAFETY: non-NULL, and the caller promises it is valid for writes.
        unsafe { out.write(value) };
    }
}
