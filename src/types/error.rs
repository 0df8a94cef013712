//! The error type: one variant per Win32 code the simulator returns.
//!
//! The code is the contract (users compare it with what real Windows returns); the message
//! is for people and names the handle or object involved.

/// Win32 error codes, under their `winerror.h` names and values.
///
/// Every [`Error`] variant maps to exactly one of these; [`Error::code`] returns it.
pub mod codes {
    macro_rules! codes {
        ($( $(#[$doc:meta])* $name:ident = $value:literal; )*) => {
            $( $(#[$doc])* pub const $name: u32 = $value; )*
        };
    }
    codes! {
        /// The operation completed successfully (not an error; never carried by [`crate::Error`]).
        ERROR_SUCCESS = 0;
        /// Incorrect function.
        ERROR_INVALID_FUNCTION = 1;
        /// The system cannot find the file specified.
        ERROR_FILE_NOT_FOUND = 2;
        /// Access is denied: a change through a `GENERIC_READ` handle.
        ERROR_ACCESS_DENIED = 5;
        /// The handle is invalid: closed, stale, forged, of the wrong kind or of another simulator.
        ERROR_INVALID_HANDLE = 6;
        /// Not enough memory: the handle table is full.
        ERROR_NOT_ENOUGH_MEMORY = 8;
        /// The data is invalid: a malformed topology file or property list.
        ERROR_INVALID_DATA = 13;
        /// The remote server has been paused.
        ERROR_SHARING_PAUSED = 70;
        /// The parameter is incorrect.
        ERROR_INVALID_PARAMETER = 87;
        /// The target internal file identifier is incorrect: a node as the target of its own
        /// drain (`PauseClusterNodeEx`, MS-CMRP 3.1.4.2.126).
        ERROR_INVALID_TARGET_HANDLE = 114;
        /// This function is not supported on this system.
        ERROR_CALL_NOT_IMPLEMENTED = 120;
        /// The data area passed to a system call is too small (`ClusterRegGetKeySecurity`,
        /// as `RegGetKeySecurity`).
        ERROR_INSUFFICIENT_BUFFER = 122;
        /// The filename, directory name, or volume label syntax is incorrect: an empty
        /// name, or a node's name for the cluster (the renames, MS-CMRP 3.1.4.2.3 and
        /// 3.1.4.1.14 / .47 / .84).
        ERROR_INVALID_NAME = 123;
        /// The dependency would make a cycle (`AddClusterResourceDependency`).
        ERROR_CIRCULAR_DEPENDENCY = 1059;
        /// The directory is not empty (deleting a group that still has resources).
        ERROR_DIR_NOT_EMPTY = 145;
        /// Cannot create a file when that file already exists.
        ERROR_ALREADY_EXISTS = 183;
        /// More data is available: the output buffer is too small.
        ERROR_MORE_DATA = 234;
        /// The wait operation timed out.
        WAIT_TIMEOUT = 258;
        /// No more data is available: an enumeration index past the end.
        ERROR_NO_MORE_ITEMS = 259;
        /// Overlapped I/O operation is in progress: the operation completes later.
        ERROR_IO_PENDING = 997;
        /// An internal error occurred.
        ERROR_INTERNAL_ERROR = 1359;
        /// The operation is not allowed on the core cluster group.
        ERROR_SPECIAL_GROUP = 1372;
        /// The interface is unknown (a cluster service that does not answer).
        RPC_S_UNKNOWN_IF = 1717;
        /// The RPC server is unavailable: the cluster cannot be reached.
        RPC_S_SERVER_UNAVAILABLE = 1722;
        /// The remote procedure call failed.
        RPC_S_CALL_FAILED = 1726;
        /// The remote procedure call failed and did not execute: the server was reached,
        /// but the call never started there.
        RPC_S_CALL_FAILED_DNE = 1727;
        /// The cluster resource has dependents.
        ERROR_DEPENDENT_RESOURCE_EXISTS = 5001;
        /// The cluster resource dependency cannot be found.
        ERROR_DEPENDENCY_NOT_FOUND = 5002;
        /// The resource already depends on that resource.
        ERROR_DEPENDENCY_ALREADY_EXISTS = 5003;
        /// The cluster resource is not online.
        ERROR_RESOURCE_NOT_ONLINE = 5004;
        /// A cluster node is not available for this operation.
        ERROR_HOST_NODE_NOT_AVAILABLE = 5005;
        /// The cluster resource is not available (it was deleted).
        ERROR_RESOURCE_NOT_AVAILABLE = 5006;
        /// The cluster resource could not be found.
        ERROR_RESOURCE_NOT_FOUND = 5007;
        /// A node that owns groups cannot be evicted.
        ERROR_CANT_EVICT_ACTIVE_NODE = 5009;
        /// The object already exists.
        ERROR_OBJECT_ALREADY_EXISTS = 5010;
        /// The group is not available (it was deleted).
        ERROR_GROUP_NOT_AVAILABLE = 5012;
        /// The cluster group could not be found.
        ERROR_GROUP_NOT_FOUND = 5013;
        /// The node is not a possible owner of the resource.
        ERROR_HOST_NODE_NOT_RESOURCE_OWNER = 5015;
        /// The node is not the owner of the group (`ChangeClusterResourceGroup` between
        /// groups of different owners).
        ERROR_HOST_NODE_NOT_GROUP_OWNER = 5016;
        /// The cluster resource is online.
        ERROR_RESOURCE_ONLINE = 5019;
        /// The group or resource is not in the correct state (already pending).
        ERROR_INVALID_STATE = 5023;
        /// The properties were stored but not all changes take effect until the next online.
        ERROR_RESOURCE_PROPERTIES_STORED = 5024;
        /// The operation is not allowed on a core cluster resource.
        ERROR_CORE_RESOURCE = 5026;
        /// The cluster resource failed.
        ERROR_RESOURCE_FAILED = 5038;
        /// The cluster node was not found.
        ERROR_CLUSTER_NODE_NOT_FOUND = 5042;
        /// The cluster network was not found.
        ERROR_CLUSTER_NETWORK_NOT_FOUND = 5045;
        /// The cluster network interface was not found.
        ERROR_CLUSTER_NETINTERFACE_NOT_FOUND = 5047;
        /// The cluster node is down.
        ERROR_CLUSTER_NODE_DOWN = 5050;
        /// The cluster node is not paused.
        ERROR_CLUSTER_NODE_NOT_PAUSED = 5058;
        /// The dependency cannot be made (the dependent is the quorum resource; a resource
        /// with dependencies cannot change group).
        ERROR_DEPENDENCY_NOT_ALLOWED = 5069;
        /// The cluster resource type could not be found.
        ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND = 5078;
        /// The disk, or the path, is not on a Cluster Shared Volume.
        ERROR_CLUSTER_NOT_SHARED_VOLUME = 5945;
        /// A node drain (`PauseClusterNodeEx` with drain) is in progress.
        ERROR_CLUSTER_NODE_EVACUATION_IN_PROGRESS = 5962;
    }
}

use codes::*;

macro_rules! win32_errors {
    ($( $(#[$doc:meta])* $variant:ident => $code:ident; )*) => {
        /// A failed ClusAPI call: the Win32 code real Windows returns, and a message that names
        /// the handle or object involved.
        ///
        /// Each variant carries one code ([`Error::code`]); [`Error::from_code`] maps any code
        /// back, so `Error::from_code(e.code()).code() == e.code()` always holds. `Display`
        /// reads `NAME (code): message`.
        ///
        /// ```
        /// use clusapi_sim::{codes::ERROR_INVALID_HANDLE, Error};
        /// let e = Error::from_code(ERROR_INVALID_HANDLE);
        /// assert!(matches!(e, Error::InvalidHandle(_)));
        /// assert_eq!(e.code(), 6);
        /// assert!(e.to_string().starts_with("ERROR_INVALID_HANDLE (6)"));
        /// ```
        #[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
        #[non_exhaustive]
        pub enum Error {
            $(
                $(#[$doc])*
                #[doc = concat!("\n\nCode: [`codes::", stringify!($code), "`].")]
                #[error("{} ({}): {}", stringify!($code), $code, .0)]
                $variant(String),
            )*
            /// Any Win32 code without a variant of its own (from [`Error::from_code`]).
            #[error("Win32 error ({0}): {1}")]
            Other(u32, String),
        }

        impl Error {
            /// The Win32 error code, as `GetLastError` would report it.
            #[must_use]
            pub fn code(&self) -> u32 {
                match self {
                    $( Self::$variant(_) => $code, )*
                    Self::Other(code, _) => *code,
                }
            }

            /// The `winerror.h` name of the code, or `None` for [`Error::Other`].
            #[must_use]
            pub fn code_name(&self) -> Option<&'static str> {
                match self {
                    $( Self::$variant(_) => Some(stringify!($code)), )*
                    Self::Other(..) => None,
                }
            }

            /// The error for a Win32 code: its own variant where it has one, else
            /// [`Error::Other`]. Never fails.
            #[must_use]
            pub fn from_code(code: u32) -> Self {
                Self::with_message(code, String::from("(from a Win32 code)"))
            }

            /// The error for a Win32 code, with a message of the caller's.
            #[must_use]
            pub fn with_message(code: u32, message: String) -> Self {
                match code {
                    $( $code => Self::$variant(message), )*
                    other => Self::Other(other, message),
                }
            }

            /// The message part, without the code.
            #[must_use]
            pub fn message(&self) -> &str {
                match self {
                    $( Self::$variant(m) )|* | Self::Other(_, m) => m,
                }
            }

            /// Every code that has a variant of its own (for tests and tables).
            #[must_use]
            pub fn known_codes() -> &'static [u32] {
                &[$( $code ),*]
            }
        }
    };
}

win32_errors! {
    /// An unknown or unsupported function code.
    InvalidFunction => ERROR_INVALID_FUNCTION;
    /// A file, registry key or value was not found.
    FileNotFound => ERROR_FILE_NOT_FOUND;
    /// A change was attempted through a read-only handle, or more access was requested
    /// than the connection has.
    AccessDenied => ERROR_ACCESS_DENIED;
    /// The handle is closed, stale, forged, of the wrong kind or of another simulator, or
    /// (strict mode) the cluster handle it was opened through has been closed.
    InvalidHandle => ERROR_INVALID_HANDLE;
    /// The handle table is full (see [`crate::SimulatorBuilder::handle_limit`]).
    NotEnoughMemory => ERROR_NOT_ENOUGH_MEMORY;
    /// Malformed input data: a topology file that does not parse.
    InvalidData => ERROR_INVALID_DATA;
    /// The target node is paused.
    SharingPaused => ERROR_SHARING_PAUSED;
    /// A bad argument: an empty name, access bits that mean nothing, unknown enum bits.
    InvalidParameter => ERROR_INVALID_PARAMETER;
    /// A node named as the target of its own drain.
    InvalidTargetHandle => ERROR_INVALID_TARGET_HANDLE;
    /// The call is not implemented (as on modern servers).
    CallNotImplemented => ERROR_CALL_NOT_IMPLEMENTED;
    /// A security descriptor's buffer is too small (the required size is written back).
    InsufficientBuffer => ERROR_INSUFFICIENT_BUFFER;
    /// An empty name for a rename, or a node's name for the cluster.
    InvalidName => ERROR_INVALID_NAME;
    /// The group still contains resources.
    DirNotEmpty => ERROR_DIR_NOT_EMPTY;
    /// The name is already in use.
    AlreadyExists => ERROR_ALREADY_EXISTS;
    /// The output buffer is too small.
    MoreData => ERROR_MORE_DATA;
    /// Nothing arrived in time.
    WaitTimeout => WAIT_TIMEOUT;
    /// An enumeration index past the end.
    NoMoreItems => ERROR_NO_MORE_ITEMS;
    /// The operation was accepted and completes later.
    IoPending => ERROR_IO_PENDING;
    /// An internal error (for example a panic caught at the C boundary).
    InternalError => ERROR_INTERNAL_ERROR;
    /// The operation is not allowed on the core cluster group.
    SpecialGroup => ERROR_SPECIAL_GROUP;
    /// The interface is unknown.
    RpcUnknownIf => RPC_S_UNKNOWN_IF;
    /// The cluster cannot be reached: an unknown cluster or node name, or a stopped service.
    RpcServerUnavailable => RPC_S_SERVER_UNAVAILABLE;
    /// The remote procedure call failed.
    RpcCallFailed => RPC_S_CALL_FAILED;
    /// The remote procedure call failed before it started on the server.
    RpcCallFailedDne => RPC_S_CALL_FAILED_DNE;
    /// Other resources depend on this resource.
    DependentResourceExists => ERROR_DEPENDENT_RESOURCE_EXISTS;
    /// The dependency does not exist.
    DependencyNotFound => ERROR_DEPENDENCY_NOT_FOUND;
    /// The dependency already exists.
    DependencyAlreadyExists => ERROR_DEPENDENCY_ALREADY_EXISTS;
    /// The resource is not online.
    ResourceNotOnline => ERROR_RESOURCE_NOT_ONLINE;
    /// No node can take the group or resource.
    HostNodeNotAvailable => ERROR_HOST_NODE_NOT_AVAILABLE;
    /// The node is not a possible owner of a resource of the group.
    HostNodeNotResourceOwner => ERROR_HOST_NODE_NOT_RESOURCE_OWNER;
    /// The resource's group and the target group are owned by different nodes.
    HostNodeNotGroupOwner => ERROR_HOST_NODE_NOT_GROUP_OWNER;
    /// The resource behind the handle was deleted.
    ResourceNotAvailable => ERROR_RESOURCE_NOT_AVAILABLE;
    /// No resource has that name.
    ResourceNotFound => ERROR_RESOURCE_NOT_FOUND;
    /// The node owns groups, or is the last node.
    CantEvictActiveNode => ERROR_CANT_EVICT_ACTIVE_NODE;
    /// An object of that kind and name already exists.
    ObjectAlreadyExists => ERROR_OBJECT_ALREADY_EXISTS;
    /// The group behind the handle was deleted.
    GroupNotAvailable => ERROR_GROUP_NOT_AVAILABLE;
    /// No group has that name.
    GroupNotFound => ERROR_GROUP_NOT_FOUND;
    /// The resource is online.
    ResourceOnline => ERROR_RESOURCE_ONLINE;
    /// The object is not in a state that allows the operation.
    InvalidState => ERROR_INVALID_STATE;
    /// The properties were stored; they take effect later.
    ResourcePropertiesStored => ERROR_RESOURCE_PROPERTIES_STORED;
    /// The operation is not allowed on a core resource.
    CoreResource => ERROR_CORE_RESOURCE;
    /// The resource failed.
    ResourceFailed => ERROR_RESOURCE_FAILED;
    /// No node has that name.
    ClusterNodeNotFound => ERROR_CLUSTER_NODE_NOT_FOUND;
    /// No network has that name.
    ClusterNetworkNotFound => ERROR_CLUSTER_NETWORK_NOT_FOUND;
    /// No network interface has that name.
    ClusterNetInterfaceNotFound => ERROR_CLUSTER_NETINTERFACE_NOT_FOUND;
    /// The node is down.
    ClusterNodeDown => ERROR_CLUSTER_NODE_DOWN;
    /// The node is not paused.
    ClusterNodeNotPaused => ERROR_CLUSTER_NODE_NOT_PAUSED;
    /// The dependency is not allowed (the dependent is the quorum resource).
    DependencyNotAllowed => ERROR_DEPENDENCY_NOT_ALLOWED;
    /// The dependency would make a cycle.
    CircularDependency => ERROR_CIRCULAR_DEPENDENCY;
    /// No resource type has that name.
    ClusterResourceTypeNotFound => ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND;
    /// The disk or path is not on a Cluster Shared Volume.
    ClusterNotSharedVolume => ERROR_CLUSTER_NOT_SHARED_VOLUME;
    /// The node is being drained: its groups are still moving off.
    ClusterNodeEvacuationInProgress => ERROR_CLUSTER_NODE_EVACUATION_IN_PROGRESS;
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
