//! `CallInfo`: what the declaration of one call (`calls!`, in the calls layer) says about it.
//! A plain description, so the fault plan and the triggers of the session can match calls
//! without knowing the declarations.

/// What the declaration of one call says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallInfo {
    /// The Rust method (`"open_cluster_network"`), which history and diagnostics name.
    pub name: &'static str,
    /// The Win32 function (`"OpenClusterNetwork"`); for a lever, its Rust name.
    pub win32: &'static str,
    /// Whether a fault plan can make the call fail. Closes cannot (a faulted test must
    /// always be able to clean up), nor can levers (they are the test's own actions).
    pub faultable: bool,
    /// Whether the call is a lever of the test harness rather than a ClusAPI function.
    pub lever: bool,
    /// Whether the call changes nothing, so no events are published when it ends.
    pub(crate) quiet: bool,
}
