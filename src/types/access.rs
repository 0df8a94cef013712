//! Access rights: what `desired_access` may ask for and what a handle is granted.

use crate::types::error::{Error, Result};

/// What a handle may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
pub(crate) enum Access {
    /// `GENERIC_READ`: query only.
    Read = 0,
    /// `GENERIC_ALL`: query and change.
    All = 1,
}

/// `GENERIC_READ`: the handle may query but not change anything.
pub const GENERIC_READ: u32 = 0x8000_0000;
/// `GENERIC_ALL`: the handle may query and change.
pub const GENERIC_ALL: u32 = 0x1000_0000;
/// `MAXIMUM_ALLOWED`: the most the caller may have (always `GENERIC_ALL` for
/// `open_cluster_ex`; the access of the cluster handle for objects opened through it).
pub const MAXIMUM_ALLOWED: u32 = 0x0200_0000;

const KNOWN: u32 = GENERIC_READ | GENERIC_ALL | MAXIMUM_ALLOWED;

/// The access a `desired_access` gets, given the most the caller may have.
///
/// 0 and unknown bits are `ERROR_INVALID_PARAMETER`; asking for `GENERIC_ALL` beyond
/// `ceiling` is `ERROR_ACCESS_DENIED`.
pub(crate) fn requested(desired: u32, ceiling: Access, what: impl FnOnce() -> String) -> Result<Access> {
    if desired == 0 || desired & !KNOWN != 0 {
        return Err(Error::InvalidParameter(format!(
            "desired access {desired:#010x} for {}: expected GENERIC_READ (0x80000000), \
             GENERIC_ALL (0x10000000) or MAXIMUM_ALLOWED (0x02000000)",
            what()
        )));
    }
    if desired & GENERIC_ALL != 0 {
        if ceiling < Access::All {
            return Err(Error::AccessDenied(format!(
                "GENERIC_ALL for {} through a handle opened with GENERIC_READ",
                what()
            )));
        }
        return Ok(Access::All);
    }
    if desired & MAXIMUM_ALLOWED != 0 {
        return Ok(ceiling);
    }
    Ok(Access::Read)
}

/// The `GrantedAccess` value that reports an access.
pub(crate) fn granted(access: Access) -> u32 {
    match access {
        Access::Read => GENERIC_READ,
        Access::All => GENERIC_ALL,
    }
}
