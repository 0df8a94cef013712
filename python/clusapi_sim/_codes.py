"""The Win32 codes the simulator returns, with a one-line description of each.

Neither the C library nor the Rust core carries Windows' message table, so a text for an
arbitrary code has to come from somewhere: the names and values here are those of
``clusapi_sim::codes`` (``src/types/error.rs``; ``tests/test_errors.py`` checks they agree),
and the descriptions are its doc comments, shortened. Most read as Windows' own message
does; none is claimed to be Windows' text word for word. A code outside this table has no
text, as an id outside Windows' message table has none (``FormatMessageW`` then fails with
``ERROR_MR_MID_NOT_FOUND``).
"""

from __future__ import annotations

import errno as _errno

#: code -> (winerror.h name, description)
CODES: dict[int, tuple[str, str]] = {
    0: ("ERROR_SUCCESS", "The operation completed successfully."),
    1: ("ERROR_INVALID_FUNCTION", "Incorrect function."),
    2: ("ERROR_FILE_NOT_FOUND", "The system cannot find the file specified."),
    5: ("ERROR_ACCESS_DENIED", "Access is denied."),
    6: ("ERROR_INVALID_HANDLE", "The handle is invalid."),
    8: ("ERROR_NOT_ENOUGH_MEMORY", "Not enough memory."),
    13: ("ERROR_INVALID_DATA", "The data is invalid."),
    70: ("ERROR_SHARING_PAUSED", "The remote server has been paused."),
    87: ("ERROR_INVALID_PARAMETER", "The parameter is incorrect."),
    114: ("ERROR_INVALID_TARGET_HANDLE", "The target internal file identifier is incorrect."),
    120: ("ERROR_CALL_NOT_IMPLEMENTED", "This function is not supported on this system."),
    122: ("ERROR_INSUFFICIENT_BUFFER", "The data area passed to a system call is too small."),
    123: (
        "ERROR_INVALID_NAME",
        "The filename, directory name, or volume label syntax is incorrect.",
    ),
    145: ("ERROR_DIR_NOT_EMPTY", "The directory is not empty."),
    183: ("ERROR_ALREADY_EXISTS", "Cannot create a file when that file already exists."),
    234: ("ERROR_MORE_DATA", "More data is available."),
    258: ("WAIT_TIMEOUT", "The wait operation timed out."),
    259: ("ERROR_NO_MORE_ITEMS", "No more data is available."),
    997: ("ERROR_IO_PENDING", "Overlapped I/O operation is in progress."),
    1059: ("ERROR_CIRCULAR_DEPENDENCY", "The dependency would make a cycle."),
    1359: ("ERROR_INTERNAL_ERROR", "An internal error occurred."),
    1372: ("ERROR_SPECIAL_GROUP", "The operation is not allowed on the core cluster group."),
    1717: ("RPC_S_UNKNOWN_IF", "The interface is unknown."),
    1722: ("RPC_S_SERVER_UNAVAILABLE", "The RPC server is unavailable."),
    1726: ("RPC_S_CALL_FAILED", "The remote procedure call failed."),
    1727: ("RPC_S_CALL_FAILED_DNE", "The remote procedure call failed and did not execute."),
    5001: ("ERROR_DEPENDENT_RESOURCE_EXISTS", "The cluster resource has dependents."),
    5002: ("ERROR_DEPENDENCY_NOT_FOUND", "The cluster resource dependency cannot be found."),
    5003: ("ERROR_DEPENDENCY_ALREADY_EXISTS", "The resource already depends on that resource."),
    5004: ("ERROR_RESOURCE_NOT_ONLINE", "The cluster resource is not online."),
    5005: ("ERROR_HOST_NODE_NOT_AVAILABLE", "A cluster node is not available for this operation."),
    5006: ("ERROR_RESOURCE_NOT_AVAILABLE", "The cluster resource is not available."),
    5007: ("ERROR_RESOURCE_NOT_FOUND", "The cluster resource could not be found."),
    5009: ("ERROR_CANT_EVICT_ACTIVE_NODE", "A node that owns groups cannot be evicted."),
    5010: ("ERROR_OBJECT_ALREADY_EXISTS", "The object already exists."),
    5012: ("ERROR_GROUP_NOT_AVAILABLE", "The group is not available."),
    5013: ("ERROR_GROUP_NOT_FOUND", "The cluster group could not be found."),
    5015: (
        "ERROR_HOST_NODE_NOT_RESOURCE_OWNER",
        "The node is not a possible owner of the resource.",
    ),
    5016: ("ERROR_HOST_NODE_NOT_GROUP_OWNER", "The node is not the owner of the group."),
    5019: ("ERROR_RESOURCE_ONLINE", "The cluster resource is online."),
    5023: ("ERROR_INVALID_STATE", "The group or resource is not in the correct state."),
    5024: (
        "ERROR_RESOURCE_PROPERTIES_STORED",
        "The properties were stored but not all changes take effect until the next online.",
    ),
    5026: ("ERROR_CORE_RESOURCE", "The operation is not allowed on a core cluster resource."),
    5038: ("ERROR_RESOURCE_FAILED", "The cluster resource failed."),
    5042: ("ERROR_CLUSTER_NODE_NOT_FOUND", "The cluster node was not found."),
    5045: ("ERROR_CLUSTER_NETWORK_NOT_FOUND", "The cluster network was not found."),
    5047: ("ERROR_CLUSTER_NETINTERFACE_NOT_FOUND", "The cluster network interface was not found."),
    5050: ("ERROR_CLUSTER_NODE_DOWN", "The cluster node is down."),
    5058: ("ERROR_CLUSTER_NODE_NOT_PAUSED", "The cluster node is not paused."),
    5069: ("ERROR_DEPENDENCY_NOT_ALLOWED", "The dependency cannot be made."),
    5078: (
        "ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND",
        "The cluster resource type could not be found.",
    ),
    5945: ("ERROR_CLUSTER_NOT_SHARED_VOLUME", "The disk or path is not on a Cluster Shared Volume."),
    5962: ("ERROR_CLUSTER_NODE_EVACUATION_IN_PROGRESS", "A node drain is in progress."),
}

#: ``ERROR_MR_MID_NOT_FOUND``: what ``FormatMessageW`` fails with for an id it has no text for.
ERROR_MR_MID_NOT_FOUND = 317

#: errno for a Win32 code, as CPython on Windows sets ``OSError.errno`` (``PC/errmap.h``),
#: for the codes above that it maps; it maps every other code to ``EINVAL``.
ERRNO = {
    2: _errno.ENOENT,
    5: _errno.EACCES,
    6: _errno.EBADF,
    8: _errno.ENOMEM,
    145: _errno.ENOTEMPTY,
    183: _errno.EEXIST,
}
