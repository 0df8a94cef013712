"""``ctypes.windll.resutils``: resutils.dll's Cluster Shared Volume helpers, through
``libresutils.so``, reach the same simulator as ``windll.clusapi`` (the test's own, bound
to its thread), with the same last error."""

import ctypes
from ctypes import wintypes
from pathlib import Path

import pytest

import clusapi_sim

STORAGE = """
[[cluster]]
name = "HVCLUSTER"
nodes = ["HV1", "HV2"]
networks = ["LAN"]

[[cluster.group]]
name = "Cluster Group"
owner = "HV1"

[[cluster.group]]
name = "Available Storage"
owner = "HV1"
resources = [
  { name = "Cluster Disk 1", type = "Physical Disk", disk = { signature = 0x11111111, size = 1073741824, partitions = [
    { size = 1073741824, drive_letter = "E" },
  ] } },
]
"""

ERROR_FILE_NOT_FOUND = 2
ERROR_FILENAME_EXCED_RANGE = 206


@pytest.fixture
def clusapi_topology():
    return STORAGE


@pytest.fixture
def resutils(native_library):
    """``windll.resutils``, with the prototypes of resapi.h's path helpers."""
    try:
        clusapi_sim.find_resutils()
    except clusapi_sim.LibraryNotFoundError as e:
        from conftest import missing

        missing(str(e))
    dll = ctypes.windll.resutils
    dll.ClusterGetVolumePathName.argtypes = [wintypes.LPCWSTR, wintypes.LPWSTR, wintypes.DWORD]
    dll.ClusterGetVolumePathName.restype = wintypes.BOOL
    dll.ClusterIsPathOnSharedVolume.argtypes = [wintypes.LPCWSTR]
    dll.ClusterIsPathOnSharedVolume.restype = wintypes.BOOL
    return dll


def make_csv(disk_name: str) -> None:
    """AddResourceToClusterSharedVolumes through ``windll.clusapi``, as a test's setup would."""
    clusapi = ctypes.windll.clusapi
    clusapi.OpenCluster.restype = ctypes.c_void_p
    clusapi.OpenCluster.argtypes = [wintypes.LPCWSTR]
    clusapi.OpenClusterResource.restype = ctypes.c_void_p
    clusapi.OpenClusterResource.argtypes = [ctypes.c_void_p, wintypes.LPCWSTR]
    clusapi.AddResourceToClusterSharedVolumes.argtypes = [ctypes.c_void_p]
    clusapi.CloseClusterResource.argtypes = [ctypes.c_void_p]
    clusapi.CloseCluster.argtypes = [ctypes.c_void_p]
    cluster = clusapi.OpenCluster(None)
    assert cluster
    disk = clusapi.OpenClusterResource(cluster, disk_name)
    assert disk
    assert clusapi.AddResourceToClusterSharedVolumes(disk) == 0
    clusapi.CloseClusterResource(disk)
    clusapi.CloseCluster(cluster)


def test_the_loader_finds_libresutils_beside_the_library(resutils, native_library):
    assert Path(resutils._name) == native_library.with_name("libresutils.so")
    assert ctypes.util.find_library("ResUtils.dll") == str(native_library.with_name("libresutils.so"))
    assert ctypes.windll.resutils is resutils  # the loader caches, as on Windows
    with pytest.raises(AttributeError, match="resutils.ResUtilGetSzValue is not simulated"):
        resutils.ResUtilGetSzValue


def test_cluster_get_volume_path_name_reaches_the_test_s_simulator(resutils, clusapi_simulator):
    vhd = "C:\\ClusterStorage\\Volume1\\VMs\\vm1.vhdx"
    buf = ctypes.create_unicode_buffer(260)
    assert resutils.ClusterGetVolumePathName("E:\\VMs\\vm1.vhdx", buf, 260)
    assert buf.value == "E:\\"
    assert not resutils.ClusterIsPathOnSharedVolume(vhd)

    make_csv("Cluster Disk 1")
    assert resutils.ClusterIsPathOnSharedVolume(vhd)
    assert resutils.ClusterGetVolumePathName(vhd, buf, 260)
    assert buf.value == "C:\\ClusterStorage\\Volume1\\"
    # Too small for the answer and its NUL: FALSE, the last error of the same library.
    small = ctypes.create_unicode_buffer(8)
    assert not resutils.ClusterGetVolumePathName(vhd, small, 8)
    assert ctypes.windll.kernel32.GetLastError() == ERROR_FILENAME_EXCED_RANGE
    assert not resutils.ClusterGetVolumePathName("Z:\\x", buf, 260)
    assert ctypes.windll.kernel32.GetLastError() == ERROR_FILE_NOT_FOUND
    clusapi_simulator.assert_no_open_handles()
