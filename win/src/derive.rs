//! The methods of the `extern` calls, derived from their declarations.
//!
//! A call declared `extern Win32Name` in the Rust API follows the Win32 convention its
//! types imply (the C ABI derives its export the same way, `capi/src/derive.rs`), so its
//! method here is not written by hand either: a family's `impl` block expands the family's
//! list (`clusapi_sim::__clusapi_<family>_externs!(crate::derive::methods);`) and
//! [`methods`] makes one method per call, which calls the `windows-sys` function of the
//! same name:
//!
//! * a handle goes as its Win32 value, a `u32` as itself, a `&str` as a NUL-terminated
//!   UTF-16 copy ([`ffi::wide`]; a NUL inside is `ERROR_INVALID_PARAMETER`), an
//!   `Option<&str>` as that or NULL;
//! * a `DWORD` status comes back as `Ok(())` or the error; a handle as the typed handle, or
//!   the last error for NULL; the `string` form by the two-call buffer protocol
//!   ([`ffi::string`]).

use clusapi_sim::{
    HChange, HClusEnum, HClusEnumEx, HCluster, HGroup, HGroupEnum, HNetInterface, HNetwork, HNetworkEnum,
    HNode, HNodeEnum, HResEnum, HResTypeEnum, HResource, Result,
};
use windows_sys::core::PCWSTR;

use crate::ffi::{self, Wide};

/// How a Rust argument goes to the Win32 function: held for the call's duration (a
/// string's UTF-16 copy), then passed as its raw value.
pub(crate) trait ToWin<'a>: Sized {
    /// What lives for the call.
    type Held;
    /// The Win32 parameter.
    type Raw;
    /// Prepares the argument.
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_PARAMETER` for a string holding a NUL.
    fn hold(call: &'static str, value: Self) -> Result<Self::Held>;
    /// The value to pass, valid while `held` lives.
    fn raw(held: &'a Self::Held) -> Self::Raw;
}

/// How a Win32 result comes back as the Rust result.
pub(crate) trait FromWin: Sized {
    /// What the Win32 function returns.
    type Raw;
    /// The Rust result of the raw answer.
    ///
    /// # Errors
    ///
    /// The call's error code (a non-zero status, or the last error of a NULL handle).
    fn answer(call: &'static str, raw: Self::Raw) -> Result<Self>;
}

impl FromWin for () {
    type Raw = u32;
    fn answer(call: &'static str, raw: u32) -> Result<()> {
        ffi::status(call, raw)
    }
}

macro_rules! handles {
    ($($h:ident),* $(,)?) => {$(
        impl ToWin<'_> for $h {
            type Held = $h;
            type Raw = isize;
            fn hold(_call: &'static str, value: $h) -> Result<$h> {
                Ok(value)
            }
            fn raw(held: &$h) -> isize {
                ffi::raw(*held)
            }
        }
        impl FromWin for $h {
            type Raw = isize;
            fn answer(call: &'static str, raw: isize) -> Result<$h> {
                ffi::handle(call, raw)
            }
        }
    )*};
}

handles!(
    HCluster,
    HNode,
    HGroup,
    HResource,
    HNetwork,
    HNetInterface,
    HClusEnum,
    HNetworkEnum,
    HNodeEnum,
    HGroupEnum,
    HResEnum,
    HChange,
    HResTypeEnum,
    HClusEnumEx,
);

impl ToWin<'_> for u32 {
    type Held = u32;
    type Raw = u32;
    fn hold(_call: &'static str, value: u32) -> Result<u32> {
        Ok(value)
    }
    fn raw(held: &u32) -> u32 {
        *held
    }
}

impl<'a> ToWin<'a> for &str {
    type Held = Wide;
    type Raw = PCWSTR;
    fn hold(call: &'static str, value: &str) -> Result<Wide> {
        ffi::wide(call, value)
    }
    fn raw(held: &'a Wide) -> PCWSTR {
        held.ptr()
    }
}

impl<'a> ToWin<'a> for Option<&str> {
    type Held = Option<Wide>;
    type Raw = PCWSTR;
    fn hold(call: &'static str, value: Option<&str>) -> Result<Option<Wide>> {
        ffi::wide_opt(call, value)
    }
    fn raw(held: &'a Option<Wide>) -> PCWSTR {
        ffi::ptr_opt(held.as_ref())
    }
}

/// The methods of a family's `extern` calls (see the module docs): the callback of
/// `clusapi_sim::__clusapi_<family>_externs!`, expanded inside the family's `impl` block.
macro_rules! methods {
    ($( { $c:ident [$($form:ident)?] $name:ident ($($arg:ident : $ty:ty),*) $ret:ty } )*) => {$(
        $crate::derive::methods!(@one [$($form)?] $c $name ($($arg : $ty),*) $ret);
    )*};
    (@one [] $c:ident $name:ident ($($arg:ident : $ty:ty),*) $ret:ty) => {
        fn $name(&self $(, $arg: $ty)*) -> ::clusapi_sim::Result<$ret> {
            const CALL: &str = stringify!($c);
            $(
                let held = <$ty as $crate::derive::ToWin>::hold(CALL, $arg)?;
                let $arg = <$ty as $crate::derive::ToWin>::raw(&held);
            )*
            // SAFETY: each string is a NUL-terminated UTF-16 copy held until the call
            // returns; handles and numbers are passed as values (see the crate's
            // "Soundness").
            let raw = unsafe { ::windows_sys::Win32::Networking::Clustering::$c($($arg),*) };
            <$ret as $crate::derive::FromWin>::answer(CALL, raw)
        }
    };
    (@one [string] $c:ident $name:ident ($($arg:ident : $ty:ty),*) $ret:ty) => {
        fn $name(&self $(, $arg: $ty)*) -> ::clusapi_sim::Result<$ret> {
            const CALL: &str = stringify!($c);
            $(
                let held = <$ty as $crate::derive::ToWin>::hold(CALL, $arg)?;
                let $arg = <$ty as $crate::derive::ToWin>::raw(&held);
            )*
            $crate::ffi::string(CALL, self.text, |buf, len| {
                // SAFETY: as for the other derived methods; `buf` and `len` are the
                // buffer protocol's armed output (`ffi::string`).
                unsafe { ::windows_sys::Win32::Networking::Clustering::$c($($arg,)* buf, len) }
            })
        }
    };
}
pub(crate) use methods;
