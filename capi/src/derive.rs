//! The C exports of the `extern` calls, derived from their declarations.
//!
//! A call declared `extern Win32Name` in a `calls!` block of the Rust API (see
//! `src/calls/call.rs`) follows the Win32 convention its argument and result types imply, so
//! its export is not written by hand: each family file expands the family's list
//! (`clusapi_sim::__clusapi_<family>_externs!(crate::derive::exports)`), and `exports`
//! makes one `#[unsafe(no_mangle)] extern "C"` function per call. The conventions, written
//! once here:
//!
//! * a handle argument is the C handle type (`HRESOURCE`, ...): NULL or a stale, closed or
//!   forged value is `ERROR_INVALID_HANDLE`, and the first handle routes the call to the
//!   simulator that minted it (with no handle, the thread's simulator, as `OpenCluster`);
//! * a `&str` is an `LPCWSTR` that must not be NULL, an `Option<&str>` one that may be
//!   (`strings::read`: NUL-terminated UTF-16, at most 64K units);
//! * a `u32` is a `DWORD`;
//! * a result of `()` is the `DWORD` status; a handle result is the C handle, NULL with
//!   the last error on failure; the `string` form appends `(LPWSTR lpszBuffer, LPDWORD
//!   lpcchBuffer)` with the ClusAPI buffer protocol (`strings::write`).
//!
//! cbindgen does not expand macros, so these exports are not in `clusapi_sim.h`; their
//! prototypes are in `compat/clusapi.h` like every SDK function (`capi/tests/suite/coverage.rs`).

use clusapi_sim::{
    Error, HChange, HClusEnum, HClusEnumEx, HCluster, HGroup, HGroupEnum, HKey, HNetInterface, HNetwork,
    HNetworkEnum, HNode, HNodeEnum, HResEnum, HResTypeEnum, HResource, Simulator,
};

use crate::ffi::{DWORD, LPCWSTR, from_c, to_c};
use crate::strings::{self, Name};

/// A Rust argument type's C parameter type (public, hidden: it is in the signatures of
/// the derived exports, which Rust tests call too).
pub trait CParam {
    /// The C parameter type.
    type C;
}

/// How a Rust argument is read from its C parameter: into a value held for the call's
/// duration, which the argument borrows.
pub(crate) trait FromC<'a>: CParam + Sized {
    /// What is read from the C value and lives for the call.
    type Held;
    /// Reads the C value.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE` for a NULL handle; `ERROR_INVALID_PARAMETER` for a NULL
    /// required string or a malformed one.
    ///
    /// # Safety
    ///
    /// A string parameter is NULL or NUL-terminated UTF-16 (the `LPCWSTR` contract).
    unsafe fn hold(c: Self::C, what: &'static str) -> Result<Self::Held, Error>;
    /// The argument, borrowed from what was held.
    fn arg(held: &'a Self::Held) -> Self;
    /// The raw handle that routes the call to its simulator, for a handle.
    fn route(_held: &Self::Held) -> Option<usize> {
        None
    }
}

/// A Rust result type's C return type (public, hidden, as [`CParam`]).
pub trait CReturn {
    /// The C return type.
    type C;
}

/// How a Rust result is answered in C: its value on failure, with the last error.
pub(crate) trait CAnswer: CReturn + Sized {
    /// The answer of the call's result: on failure the last error is set too.
    fn answer(body: impl FnOnce() -> Result<Self, Error>) -> Self::C;
}

impl CReturn for () {
    type C = DWORD;
}

impl CAnswer for () {
    fn answer(body: impl FnOnce() -> Result<(), Error>) -> DWORD {
        crate::ffi::status(body)
    }
}

macro_rules! handle_params {
    ($($rust:ident => $c:ty;)*) => {$(
        impl CParam for $rust {
            type C = $c;
        }
        impl FromC<'_> for $rust {
            type Held = $rust;
            unsafe fn hold(c: $c, _what: &'static str) -> Result<$rust, Error> {
                from_c(c)
            }
            fn arg(held: &$rust) -> $rust {
                *held
            }
            fn route(held: &$rust) -> Option<usize> {
                Some(held.as_raw())
            }
        }
        impl CReturn for $rust {
            type C = $c;
        }
        impl CAnswer for $rust {
            fn answer(body: impl FnOnce() -> Result<$rust, Error>) -> $c {
                crate::ffi::guard(std::ptr::null_mut(), || body().map(to_c))
            }
        }
    )*};
}

handle_params! {
    HCluster => crate::ffi::HCLUSTER;
    HNode => crate::ffi::HNODE;
    HGroup => crate::ffi::HGROUP;
    HResource => crate::ffi::HRESOURCE;
    HNetwork => crate::ffi::HNETWORK;
    HNetInterface => crate::ffi::HNETINTERFACE;
    HClusEnum => crate::ffi::HCLUSENUM;
    HNetworkEnum => crate::ffi::HNETWORKENUM;
    HNodeEnum => crate::ffi::HNODEENUM;
    HGroupEnum => crate::ffi::HGROUPENUM;
    HResEnum => crate::ffi::HRESENUM;
    HChange => crate::ffi::HCHANGE;
    HResTypeEnum => crate::ffi::HRESTYPEENUM;
    HKey => crate::ffi::HKEY;
    HClusEnumEx => crate::modern::HCLUSENUMEX;
}

impl CParam for u32 {
    type C = DWORD;
}

impl FromC<'_> for u32 {
    type Held = u32;
    unsafe fn hold(c: DWORD, _what: &'static str) -> Result<u32, Error> {
        Ok(c)
    }
    fn arg(held: &u32) -> u32 {
        *held
    }
}

impl CParam for &str {
    type C = LPCWSTR;
}

impl<'a> FromC<'a> for &'a str {
    type Held = Name;
    unsafe fn hold(c: LPCWSTR, what: &'static str) -> Result<Name, Error> {
        // SAFETY: forwarded contract.
        unsafe { strings::read_required(c, what) }
    }
    fn arg(held: &'a Name) -> &'a str {
        held
    }
}

impl CParam for Option<&str> {
    type C = LPCWSTR;
}

impl<'a> FromC<'a> for Option<&'a str> {
    type Held = Option<Name>;
    unsafe fn hold(c: LPCWSTR, what: &'static str) -> Result<Option<Name>, Error> {
        // SAFETY: forwarded contract.
        unsafe { strings::read(c, what) }
    }
    fn arg(held: &'a Option<Name>) -> Option<&'a str> {
        held.as_deref()
    }
}

/// Runs `f` on the simulator the first handle argument routes to, or with none on the
/// thread's simulator.
pub(crate) fn routed<R>(
    route: Option<usize>,
    f: impl FnOnce(&Simulator) -> Result<R, Error>,
) -> Result<R, Error> {
    match route {
        Some(raw) => crate::route::on(std::ptr::without_provenance_mut::<u8>(raw), f),
        None => f(&crate::route::current()?),
    }
}

/// The exports of a family's `extern` calls (see the module docs): the callback of
/// `clusapi_sim::__clusapi_<family>_externs!`.
macro_rules! exports {
    // The declarations name their types as the Rust API's files do (`HResource`): they
    // resolve where the list is expanded, which imports them.
    ($( { $c:ident [$($form:ident)?] $name:ident ($($arg:ident : $ty:ty),*) $ret:ty } )*) => {$(
        $crate::derive::exports!(@one [$($form)?] $c $name ($($arg : $ty),*) $ret);
    )*};
    (@one [] $c:ident $name:ident ($($arg:ident : $ty:ty),*) $ret:ty) => {
        #[doc = concat!("`", stringify!($c), "`: the Rust API's `Simulator::", stringify!($name), "` (its docs have the rule), in the Win32 convention of its types (`capi/src/derive.rs`).")]
        ///
        /// # Safety
        ///
        /// Each string argument is NULL or a NUL-terminated UTF-16 string.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $c($($arg: <$ty as $crate::derive::CParam>::C),*) -> <$ret as $crate::derive::CReturn>::C {
            <$ret as $crate::derive::CAnswer>::answer(|| {
                let route = None;
                $(
                    // SAFETY: the function's contract (a string argument is NULL or
                    // NUL-terminated UTF-16), forwarded; handles are only numbers.
                    let held = unsafe { <$ty as $crate::derive::FromC>::hold($arg, stringify!($arg)) }?;
                    let route = route.or(<$ty as $crate::derive::FromC>::route(&held));
                    let $arg = <$ty as $crate::derive::FromC>::arg(&held);
                )*
                $crate::derive::routed(route, |s| s.$name($($arg),*))
            })
        }
    };
    (@one [string] $c:ident $name:ident ($($arg:ident : $ty:ty),*) $ret:ty) => {
        #[doc = concat!("`", stringify!($c), "`: the Rust API's `Simulator::", stringify!($name), "` (its docs have the rule), in the Win32 convention of its types (`capi/src/derive.rs`); the string goes to `lpszBuffer` by the ClusAPI buffer protocol.")]
        ///
        /// # Safety
        ///
        /// Each string argument is NULL or a NUL-terminated UTF-16 string; `lpcchBuffer` is
        /// NULL or valid for reads and writes of a `DWORD`, and `lpszBuffer` NULL or valid
        /// for writes of `*lpcchBuffer` units.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $c(
            $($arg: <$ty as $crate::derive::CParam>::C,)*
            lpszBuffer: $crate::ffi::LPWSTR,
            lpcchBuffer: $crate::ffi::LPDWORD,
        ) -> $crate::ffi::DWORD {
            $crate::ffi::status(|| {
                let route = None;
                $(
                    // SAFETY: the function's contract (a string argument is NULL or
                    // NUL-terminated UTF-16), forwarded; handles are only numbers.
                    let held = unsafe { <$ty as $crate::derive::FromC>::hold($arg, stringify!($arg)) }?;
                    let route = route.or(<$ty as $crate::derive::FromC>::route(&held));
                    let $arg = <$ty as $crate::derive::FromC>::arg(&held);
                )*
                let value: $ret = $crate::derive::routed(route, |s| s.$name($($arg),*))?;
                // SAFETY: the function's contract for the buffer and its length, forwarded.
                unsafe { $crate::strings::write(&value, lpszBuffer, lpcchBuffer) }
            })
        }
    };
}
pub(crate) use exports;

/// The names of a family's derived exports, as a `&[&str]` expression: the callback that
/// [`crate::DERIVED`] gathers with.
macro_rules! names {
    ($( { $c:ident [$($form:ident)?] $name:ident ($($arg:ident : $ty:ty),*) $ret:ty } )*) => {
        &[$(stringify!($c)),*]
    };
}
pub(crate) use names;
