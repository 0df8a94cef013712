"""cluster_inventory: what a failover cluster holds, and bringing a group online, through
clusapi.dll with ctypes.

Written for Windows and run there as it is, on a cluster node or against a cluster by name:

    python cluster_inventory.py [CLUSTER]

(clusapi-sim's tests run this same file, unchanged, on Linux: they import clusapi_sim
first. Nothing below knows about it.)
"""

import ctypes
import struct
import sys
import time
from ctypes import (
    POINTER,
    Structure,
    byref,
    c_int,
    c_void_p,
    c_wchar_p,
    cast,
    create_string_buffer,
    create_unicode_buffer,
    sizeof,
    windll,
    wstring_at,
)
from ctypes import wintypes

clusapi = ctypes.WinDLL("clusapi", use_last_error=True)
kernel32 = windll.kernel32

ERROR_SUCCESS = 0
ERROR_MORE_DATA = 234
ERROR_NO_MORE_ITEMS = 259
ERROR_IO_PENDING = 997

CLUSTER_ENUM_NODE = 0x00000001
CLUSTER_ENUM_RESTYPE = 0x00000002
CLUSTER_ENUM_RESOURCE = 0x00000004
CLUSTER_ENUM_GROUP = 0x00000008
CLUSTER_ENUM_NETWORK = 0x00000010

CLUSTER_ENUM_ITEM_VERSION_1 = 1

CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES = 0x01000059

CLUSPROP_SYNTAX_ENDMARK = 0
CLUSPROP_SYNTAX_NAME = 0x00040003
CLUSPROP_FORMAT_BINARY = 1
CLUSPROP_FORMAT_DWORD = 2
CLUSPROP_FORMAT_SZ = 3
CLUSPROP_FORMAT_EXPAND_SZ = 4
CLUSPROP_FORMAT_MULTI_SZ = 5
CLUSPROP_FORMAT_ULARGE_INTEGER = 6
CLUSPROP_FORMAT_LONG = 7
CLUSPROP_FORMAT_LARGE_INTEGER = 10
CLUSPROP_FORMAT_WORD = 11
CLUSPROP_FORMAT_FILETIME = 12

FORMAT_MESSAGE_FROM_SYSTEM = 0x00001000
FORMAT_MESSAGE_IGNORE_INSERTS = 0x00000200

GROUP_STATES = {0: "Online", 1: "Offline", 2: "Failed", 3: "PartialOnline", 4: "Pending"}
NODE_STATES = {0: "Up", 1: "Down", 2: "Paused", 3: "Joining"}

HCLUSTER = HNODE = HGROUP = HRESOURCE = HCLUSENUM = HCLUSENUMEX = wintypes.HANDLE


class CLUSTER_ENUM_ITEM(Structure):
    _fields_ = [
        ("dwVersion", wintypes.DWORD),
        ("dwType", wintypes.DWORD),
        ("cbId", wintypes.DWORD),
        ("lpszId", wintypes.LPWSTR),
        ("cbName", wintypes.DWORD),
        ("lpszName", wintypes.LPWSTR),
    ]


class CLUSTERVERSIONINFO(Structure):
    _fields_ = [
        ("dwVersionInfoSize", wintypes.DWORD),
        ("MajorVersion", wintypes.WORD),
        ("MinorVersion", wintypes.WORD),
        ("BuildNumber", wintypes.WORD),
        ("szVendorId", wintypes.WCHAR * 64),
        ("szCSDVersion", wintypes.WCHAR * 64),
        ("dwClusterHighestVersion", wintypes.DWORD),
        ("dwClusterLowestVersion", wintypes.DWORD),
        ("dwFlags", wintypes.DWORD),
        ("dwReserved", wintypes.DWORD),
    ]


def _declare(name, restype, *argtypes):
    function = getattr(clusapi, name)
    function.restype = restype
    function.argtypes = argtypes
    return function


OpenCluster = _declare("OpenCluster", HCLUSTER, c_wchar_p)
CloseCluster = _declare("CloseCluster", wintypes.BOOL, HCLUSTER)
GetClusterInformation = _declare(
    "GetClusterInformation",
    wintypes.DWORD,
    HCLUSTER,
    wintypes.LPWSTR,
    wintypes.LPDWORD,
    POINTER(CLUSTERVERSIONINFO),
)
OpenClusterNode = _declare("OpenClusterNode", HNODE, HCLUSTER, wintypes.LPCWSTR)
CloseClusterNode = _declare("CloseClusterNode", wintypes.BOOL, HNODE)
GetClusterNodeState = _declare("GetClusterNodeState", c_int, HNODE)
OpenClusterGroup = _declare("OpenClusterGroup", HGROUP, HCLUSTER, wintypes.LPCWSTR)
CloseClusterGroup = _declare("CloseClusterGroup", wintypes.BOOL, HGROUP)
GetClusterGroupState = _declare(
    "GetClusterGroupState", c_int, HGROUP, wintypes.LPWSTR, wintypes.LPDWORD
)
OnlineClusterGroup = _declare("OnlineClusterGroup", wintypes.DWORD, HGROUP, HNODE)
OfflineClusterGroup = _declare("OfflineClusterGroup", wintypes.DWORD, HGROUP)
OpenClusterResource = _declare(
    "OpenClusterResource", HRESOURCE, HCLUSTER, wintypes.LPCWSTR
)
CloseClusterResource = _declare("CloseClusterResource", wintypes.BOOL, HRESOURCE)
ClusterResourceControl = _declare(
    "ClusterResourceControl",
    wintypes.DWORD,
    HRESOURCE,
    HNODE,
    wintypes.DWORD,
    wintypes.LPVOID,
    wintypes.DWORD,
    wintypes.LPVOID,
    wintypes.DWORD,
    wintypes.LPDWORD,
)
ClusterOpenEnum = _declare("ClusterOpenEnum", HCLUSENUM, HCLUSTER, wintypes.DWORD)
ClusterEnum = _declare(
    "ClusterEnum",
    wintypes.DWORD,
    HCLUSENUM,
    wintypes.DWORD,
    wintypes.LPDWORD,
    wintypes.LPWSTR,
    wintypes.LPDWORD,
)
ClusterCloseEnum = _declare("ClusterCloseEnum", wintypes.DWORD, HCLUSENUM)
ClusterOpenEnumEx = _declare(
    "ClusterOpenEnumEx", HCLUSENUMEX, HCLUSTER, wintypes.DWORD, c_void_p
)
ClusterGetEnumCountEx = _declare("ClusterGetEnumCountEx", wintypes.DWORD, HCLUSENUMEX)
ClusterEnumEx = _declare(
    "ClusterEnumEx",
    wintypes.DWORD,
    HCLUSENUMEX,
    wintypes.DWORD,
    POINTER(CLUSTER_ENUM_ITEM),
    wintypes.LPDWORD,
)
ClusterCloseEnumEx = _declare("ClusterCloseEnumEx", wintypes.DWORD, HCLUSENUMEX)

FormatMessageW = kernel32.FormatMessageW
FormatMessageW.restype = wintypes.DWORD
FormatMessageW.argtypes = [
    wintypes.DWORD,
    wintypes.LPCVOID,
    wintypes.DWORD,
    wintypes.DWORD,
    wintypes.LPWSTR,
    wintypes.DWORD,
    c_void_p,
]


def last_error():
    """The error of the last failed clusapi call."""
    return ctypes.WinError(ctypes.get_last_error())


def check(status):
    """Raises for a failed status-returning call."""
    if status != ERROR_SUCCESS:
        raise ctypes.WinError(status)


def error_text(code):
    """The system's text for a Win32 code, as FormatMessageW gives it ("" if none)."""
    buf = create_unicode_buffer(512)
    n = FormatMessageW(
        FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
        None,
        code,
        0,
        buf,
        len(buf),
        None,
    )
    return buf.value[:n].strip()


def open_cluster(name=None):
    """A handle to the cluster `name` (None: the local one)."""
    h = OpenCluster(name)
    if not h:
        raise last_error()
    return h


def cluster_name(hcluster):
    """The cluster's name and its CLUSTERVERSIONINFO."""
    info = CLUSTERVERSIONINFO()
    info.dwVersionInfoSize = sizeof(CLUSTERVERSIONINFO)
    cch = wintypes.DWORD(4)  # small on purpose: the grow-and-retry path is the usual one
    while True:
        buf = create_unicode_buffer(cch.value)
        status = GetClusterInformation(hcluster, buf, byref(cch), byref(info))
        if status == ERROR_MORE_DATA:
            cch.value += 1  # the length comes back without the NUL
            continue
        check(status)
        return buf.value, info


def enum_ex(hcluster, types):
    """(type, id, name, cbId, cbName) of every object of `types`, by ClusterEnumEx."""
    henum = ClusterOpenEnumEx(hcluster, types, None)
    if not henum:
        raise last_error()
    try:
        items = []
        count = ClusterGetEnumCountEx(henum)
        cb = wintypes.DWORD(sizeof(CLUSTER_ENUM_ITEM))
        buf = create_string_buffer(cb.value)
        index = 0
        while index < count:
            status = ClusterEnumEx(
                henum, index, cast(buf, POINTER(CLUSTER_ENUM_ITEM)), byref(cb)
            )
            if status == ERROR_MORE_DATA:
                buf = create_string_buffer(cb.value)
                continue
            if status == ERROR_NO_MORE_ITEMS:
                break
            check(status)
            item = cast(buf, POINTER(CLUSTER_ENUM_ITEM)).contents
            if item.dwVersion != CLUSTER_ENUM_ITEM_VERSION_1:
                raise ValueError(f"CLUSTER_ENUM_ITEM version {item.dwVersion}")
            items.append(
                (item.dwType, item.lpszId, item.lpszName, item.cbId, item.cbName)
            )
            cb.value = len(buf)
            index += 1
        return items
    finally:
        check(ClusterCloseEnumEx(henum))


def enum_names(hcluster, types):
    """(type, name) of every object of `types`, by the classic ClusterEnum."""
    henum = ClusterOpenEnum(hcluster, types)
    if not henum:
        raise last_error()
    try:
        items = []
        buf = create_unicode_buffer(8)  # grows on ERROR_MORE_DATA
        index = 0
        while True:
            kind = wintypes.DWORD()
            cch = wintypes.DWORD(len(buf))
            status = ClusterEnum(henum, index, byref(kind), buf, byref(cch))
            if status == ERROR_NO_MORE_ITEMS:
                return items
            if status == ERROR_MORE_DATA:
                buf = create_unicode_buffer(cch.value + 1)
                continue
            check(status)
            items.append((kind.value, buf.value))
            index += 1
    finally:
        check(ClusterCloseEnum(henum))


def _group_state(hgroup):
    cch = wintypes.DWORD(2)
    while True:
        buf = create_unicode_buffer(cch.value)
        state = GetClusterGroupState(hgroup, buf, byref(cch))
        if state == -1:
            error = ctypes.get_last_error()
            if error == ERROR_MORE_DATA:
                cch.value += 1
                continue
            raise ctypes.WinError(error)
        return GROUP_STATES.get(state, str(state)), buf.value


def group_state(hcluster, group):
    """(state, owner node) of the group named `group`."""
    hgroup = OpenClusterGroup(hcluster, group)
    if not hgroup:
        raise last_error()
    try:
        return _group_state(hgroup)
    finally:
        if not CloseClusterGroup(hgroup):
            raise last_error()


def node_state(hcluster, node):
    """The state of the node named `node`."""
    hnode = OpenClusterNode(hcluster, node)
    if not hnode:
        raise last_error()
    try:
        state = GetClusterNodeState(hnode)
        if state == -1:
            raise last_error()
        return NODE_STATES.get(state, str(state))
    finally:
        if not CloseClusterNode(hnode):
            raise last_error()


def bring_online(hcluster, group, poll_interval=1.0, attempts=60):
    """Brings a group online, waiting while it is pending; returns its owner node."""
    hgroup = OpenClusterGroup(hcluster, group)
    if not hgroup:
        raise last_error()
    try:
        status = OnlineClusterGroup(hgroup, None)
        if status not in (ERROR_SUCCESS, ERROR_IO_PENDING):
            raise ctypes.WinError(status)
        for _ in range(attempts):
            state, owner = _group_state(hgroup)
            if state == "Online":
                return owner
            if state == "Failed":
                raise RuntimeError(f"group {group!r} failed on {owner}")
            time.sleep(poll_interval)
        raise TimeoutError(f"group {group!r} still {state} after {attempts} polls")
    finally:
        if not CloseClusterGroup(hgroup):
            raise last_error()


def parse_property_list(data):
    """A CLUSPROP property list (bytes) as {name: value}.

    Entries are syntax and length DWORDs, then the data padded to 4 bytes; strings are
    WCHARs, so they are read as wide strings rather than decoded by hand.
    """
    buf = create_string_buffer(data, len(data))
    base = ctypes.addressof(buf)
    (count,) = struct.unpack_from("<I", data, 0)
    pos = 4
    props = {}

    def entry():
        nonlocal pos
        syntax, length = struct.unpack_from("<II", data, pos)
        start = pos + 8
        pos = start + ((length + 3) & ~3)
        return syntax, length, start

    def wide(start, length):
        return wstring_at(base + start, length // sizeof(wintypes.WCHAR))

    for _ in range(count):
        syntax, length, start = entry()
        if syntax != CLUSPROP_SYNTAX_NAME:
            raise ValueError(f"property name expected, syntax {syntax:#010x}")
        name = wide(start, length).rstrip("\0")
        syntax, length, start = entry()
        fmt = syntax & 0xFFFF
        if fmt in (CLUSPROP_FORMAT_SZ, CLUSPROP_FORMAT_EXPAND_SZ):
            value = wide(start, length).rstrip("\0")
        elif fmt == CLUSPROP_FORMAT_MULTI_SZ:
            value = [s for s in wide(start, length).split("\0") if s]
        elif fmt == CLUSPROP_FORMAT_DWORD:
            (value,) = struct.unpack_from("<I", data, start)
        elif fmt == CLUSPROP_FORMAT_LONG:
            (value,) = struct.unpack_from("<i", data, start)
        elif fmt == CLUSPROP_FORMAT_WORD:
            (value,) = struct.unpack_from("<H", data, start)
        elif fmt in (CLUSPROP_FORMAT_ULARGE_INTEGER, CLUSPROP_FORMAT_FILETIME):
            (value,) = struct.unpack_from("<Q", data, start)
        elif fmt == CLUSPROP_FORMAT_LARGE_INTEGER:
            (value,) = struct.unpack_from("<q", data, start)
        else:
            value = bytes(data[start : start + length])
        props[name] = value
        (endmark,) = struct.unpack_from("<I", data, pos)
        if endmark != CLUSPROP_SYNTAX_ENDMARK:
            raise ValueError(f"{name}: endmark expected, found {endmark:#010x}")
        pos += 4
    return props


def resource_common_properties(hcluster, resource):
    """The common properties of the resource named `resource`."""
    hresource = OpenClusterResource(hcluster, resource)
    if not hresource:
        raise last_error()
    try:
        returned = wintypes.DWORD(0)
        size = 64  # too small for any resource: exercises the retry
        while True:
            buf = create_string_buffer(size)
            status = ClusterResourceControl(
                hresource,
                None,
                CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES,
                None,
                0,
                buf,
                size,
                byref(returned),
            )
            if status == ERROR_MORE_DATA:
                size = returned.value
                continue
            check(status)
            return parse_property_list(buf.raw[: returned.value])
    finally:
        if not CloseClusterResource(hresource):
            raise last_error()


def inventory(name=None):
    """The cluster's name, nodes (with their states), groups (state and owner) and
    resources (with their type)."""
    hcluster = open_cluster(name)
    try:
        cluster, _info = cluster_name(hcluster)
        nodes = [n for _t, _id, n, _cb, _cbn in enum_ex(hcluster, CLUSTER_ENUM_NODE)]
        groups = [g for _t, g in enum_names(hcluster, CLUSTER_ENUM_GROUP)]
        resources = [r for _t, r in enum_names(hcluster, CLUSTER_ENUM_RESOURCE)]
        return {
            "cluster": cluster,
            "nodes": {n: node_state(hcluster, n) for n in nodes},
            "groups": {g: group_state(hcluster, g) for g in groups},
            "resources": {
                r: resource_common_properties(hcluster, r)["Type"] for r in resources
            },
        }
    finally:
        if not CloseCluster(hcluster):
            raise last_error()


def main(argv):
    report = inventory(argv[1] if len(argv) > 1 else None)
    print(f"Cluster {report['cluster']}")
    for node, state in report["nodes"].items():
        print(f"  node {node}: {state}")
    for group, (state, owner) in report["groups"].items():
        print(f"  group {group}: {state} on {owner}")
    for resource, kind in report["resources"].items():
        print(f"  resource {resource} ({kind})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
