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
    /// always be able to clean up), nor can levers (they are the test's own actions), nor
    /// the calls that cannot fail once their arguments are valid (the enumeration reads,
    /// which read the snapshot their open took; see [`fault_codes`](Self::fault_codes)).
    pub faultable: bool,
    /// Whether the call is a lever of the test harness rather than a ClusAPI function.
    pub lever: bool,
    /// Whether the call changes nothing, so no events are published when it ends.
    pub(crate) quiet: bool,
    /// The codes a real cluster can answer the call with (see `fault_codes`).
    pub(crate) fault_codes: &'static [u32],
}

impl CallInfo {
    /// The Win32 codes the call can fail with on a real cluster when its arguments are
    /// valid: what a random fault plan (`strategies::fault_plans`) draws from, and what an
    /// explicit [`Fault::code`](crate::Fault::code) is checked against (a code outside
    /// them is still injected, but the history and the error's message mark it).
    ///
    /// They are the transport failures of a remote call (`RPC_S_SERVER_UNAVAILABLE` 1722,
    /// `RPC_S_CALL_FAILED` 1726, `RPC_S_CALL_FAILED_DNE` 1727: MS-CMRP 3.2.4.6) and the
    /// call's own refusals that depend on the cluster rather than on the arguments: the
    /// object was deleted or evicted meanwhile, the node is down or paused, an operation
    /// is pending, the connection grants read access only, the client is out of memory.
    /// A call the client library answers alone (GetClusterNotify's queue, the local
    /// volume paths) has no transport code. Refusals of bad arguments (87, 6, an empty
    /// name) are not listed: the caller's arguments decide them, not the cluster.
    /// Empty for the calls that are not [`faultable`](Self::faultable). The rule, with its
    /// sources, is in `docs/behaviour.md` ("Fault plans").
    ///
    /// ```
    /// use clusapi_sim::codes;
    ///
    /// let online = clusapi_sim::calls().find(|c| c.win32 == "OnlineClusterGroup").expect("declared");
    /// assert!(online.fault_codes().contains(&codes::RPC_S_CALL_FAILED));
    /// assert!(online.fault_codes().contains(&codes::ERROR_HOST_NODE_NOT_AVAILABLE));
    /// let open = clusapi_sim::calls().find(|c| c.win32 == "OpenCluster").expect("declared");
    /// assert!(!open.fault_codes().contains(&codes::ERROR_INVALID_STATE));
    /// let notify = clusapi_sim::calls().find(|c| c.win32 == "GetClusterNotify").expect("declared");
    /// assert_eq!(notify.fault_codes(), [codes::WAIT_TIMEOUT]); // the client's own queue
    /// ```
    #[must_use]
    pub fn fault_codes(&self) -> &'static [u32] {
        self.fault_codes
    }

    /// Whether a real cluster can answer the call with `code` ([`fault_codes`](Self::fault_codes)).
    #[must_use]
    pub fn can_answer(&self, code: u32) -> bool {
        self.fault_codes.contains(&code)
    }
}

/// The shapes of [`CallInfo::fault_codes`] that declarations start from (`faults(SHAPE +
/// CODE + ...)` in a `calls!` flag list): the codes every call of a kind or shape can
/// answer, to which a declaration adds its own. See `docs/behaviour.md` ("Fault plans")
/// for the sources.
pub(crate) mod fault_shapes {
    use crate::types::error::codes::*;

    /// The client library answers alone: no remote procedure call, so no transport code.
    pub(crate) const LOCAL: &[u32] = &[];
    /// A remote procedure call that fails on its way (MS-CMRP 3.2.4.6 lists these among
    /// the codes a client reconnects on).
    pub(crate) const TRANSPORT: &[u32] =
        &[RPC_S_SERVER_UNAVAILABLE, RPC_S_CALL_FAILED, RPC_S_CALL_FAILED_DNE];
    /// A call the local node's cluster service answers (the CSV calls that take a path):
    /// only "not running".
    pub(crate) const LOCAL_SERVICE: &[u32] = &[RPC_S_SERVER_UNAVAILABLE];
    /// A connection (`OpenCluster`): transport, access refused, no memory for the handle.
    pub(crate) const CONNECT: &[u32] = &[
        RPC_S_SERVER_UNAVAILABLE,
        RPC_S_CALL_FAILED,
        RPC_S_CALL_FAILED_DNE,
        ERROR_ACCESS_DENIED,
        ERROR_NOT_ENOUGH_MEMORY,
    ];
    /// An open by name (`OpenClusterGroup`, ...): as a connection; the kind's not-found code
    /// is the declaration's.
    pub(crate) const OPEN: &[u32] = &[
        RPC_S_SERVER_UNAVAILABLE,
        RPC_S_CALL_FAILED,
        RPC_S_CALL_FAILED_DNE,
        ERROR_ACCESS_DENIED,
        ERROR_NOT_ENOUGH_MEMORY,
    ];
    /// A remote call that makes a new handle (the enumeration opens, a notification port).
    pub(crate) const NEW_HANDLE: &[u32] =
        &[RPC_S_SERVER_UNAVAILABLE, RPC_S_CALL_FAILED, RPC_S_CALL_FAILED_DNE, ERROR_NOT_ENOUGH_MEMORY];
    /// A change through the cluster handle: transport, and read access only.
    pub(crate) const CLUSTER_CHANGE: &[u32] =
        &[RPC_S_SERVER_UNAVAILABLE, RPC_S_CALL_FAILED, RPC_S_CALL_FAILED_DNE, ERROR_ACCESS_DENIED];
    /// A read through a group handle: transport, and the group deleted meanwhile.
    pub(crate) const GROUP: &[u32] =
        &[RPC_S_SERVER_UNAVAILABLE, RPC_S_CALL_FAILED, RPC_S_CALL_FAILED_DNE, ERROR_GROUP_NOT_AVAILABLE];
    /// A change through a group handle: as a read, and read access only.
    pub(crate) const GROUP_CHANGE: &[u32] = &[
        RPC_S_SERVER_UNAVAILABLE,
        RPC_S_CALL_FAILED,
        RPC_S_CALL_FAILED_DNE,
        ERROR_GROUP_NOT_AVAILABLE,
        ERROR_ACCESS_DENIED,
    ];
    /// A read through a resource handle: transport, and the resource deleted meanwhile.
    pub(crate) const RESOURCE: &[u32] =
        &[RPC_S_SERVER_UNAVAILABLE, RPC_S_CALL_FAILED, RPC_S_CALL_FAILED_DNE, ERROR_RESOURCE_NOT_AVAILABLE];
    /// A change through a resource handle.
    pub(crate) const RESOURCE_CHANGE: &[u32] = &[
        RPC_S_SERVER_UNAVAILABLE,
        RPC_S_CALL_FAILED,
        RPC_S_CALL_FAILED_DNE,
        ERROR_RESOURCE_NOT_AVAILABLE,
        ERROR_ACCESS_DENIED,
    ];
    /// A read through a node handle: transport, and the node evicted meanwhile.
    pub(crate) const NODE: &[u32] =
        &[RPC_S_SERVER_UNAVAILABLE, RPC_S_CALL_FAILED, RPC_S_CALL_FAILED_DNE, ERROR_CLUSTER_NODE_NOT_FOUND];
    /// A change through a node handle.
    pub(crate) const NODE_CHANGE: &[u32] = &[
        RPC_S_SERVER_UNAVAILABLE,
        RPC_S_CALL_FAILED,
        RPC_S_CALL_FAILED_DNE,
        ERROR_CLUSTER_NODE_NOT_FOUND,
        ERROR_ACCESS_DENIED,
    ];
    /// A read through a network handle: transport, and the network gone meanwhile.
    pub(crate) const NETWORK: &[u32] = &[
        RPC_S_SERVER_UNAVAILABLE,
        RPC_S_CALL_FAILED,
        RPC_S_CALL_FAILED_DNE,
        ERROR_CLUSTER_NETWORK_NOT_FOUND,
    ];
    /// A change through a network handle.
    pub(crate) const NETWORK_CHANGE: &[u32] = &[
        RPC_S_SERVER_UNAVAILABLE,
        RPC_S_CALL_FAILED,
        RPC_S_CALL_FAILED_DNE,
        ERROR_CLUSTER_NETWORK_NOT_FOUND,
        ERROR_ACCESS_DENIED,
    ];
    /// A read through a network interface handle.
    pub(crate) const NET_INTERFACE: &[u32] = &[
        RPC_S_SERVER_UNAVAILABLE,
        RPC_S_CALL_FAILED,
        RPC_S_CALL_FAILED_DNE,
        ERROR_CLUSTER_NETINTERFACE_NOT_FOUND,
    ];
    /// A read through a registry key handle: transport, and the key deleted meanwhile
    /// (the simulator's answer, `ERROR_FILE_NOT_FOUND`, as `RegQueryValueEx` gives).
    pub(crate) const KEY: &[u32] =
        &[RPC_S_SERVER_UNAVAILABLE, RPC_S_CALL_FAILED, RPC_S_CALL_FAILED_DNE, ERROR_FILE_NOT_FOUND];
    /// A change through a registry key handle.
    pub(crate) const KEY_CHANGE: &[u32] = &[
        RPC_S_SERVER_UNAVAILABLE,
        RPC_S_CALL_FAILED,
        RPC_S_CALL_FAILED_DNE,
        ERROR_FILE_NOT_FOUND,
        ERROR_ACCESS_DENIED,
    ];

    /// `base` then `extra`, in one array (the declaration's shape plus its own codes); `N`
    /// is their total length (the declaration computes it), so nothing is cut or padded.
    /// Evaluated at compile time; written without indexing or arithmetic, which the crate's
    /// lints forbid.
    pub(crate) const fn join<const N: usize>(base: &[u32], extra: &[u32]) -> [u32; N] {
        let mut out = [0; N];
        let mut slots: &mut [u32] = &mut out;
        let mut from = base;
        let mut on_extra = false;
        loop {
            let (code, rest) = match from {
                [code, rest @ ..] => (*code, rest),
                [] if on_extra => break,
                [] => {
                    on_extra = true;
                    from = extra;
                    continue;
                }
            };
            match slots {
                [slot, more @ ..] => {
                    *slot = code;
                    slots = more;
                }
                [] => break,
            }
            from = rest;
        }
        out
    }
}
