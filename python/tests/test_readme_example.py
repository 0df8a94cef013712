import clusapi_sim  # first: before anything imports ctypes.wintypes or loads clusapi

import pytest

import cluster_inventory  # the Windows client, unchanged


@pytest.fixture
def clusapi_topology():
    return """
[[cluster]]
name = "SQLCLUSTER"
nodes = ["SQL1", "SQL2"]

[[cluster.group]]
name = "SQL Group"
owner = "SQL1"
online = true
resources = [{ name = "SQL Server", type = "Generic Service" }]
"""


def test_the_group_fails_over_when_its_node_crashes(clusapi_simulator):
    sim = clusapi_simulator  # bound to this test's thread: OpenCluster(None) reaches it
    sim.crash_node("SQL1")

    report = cluster_inventory.inventory()

    assert report["nodes"] == {"SQL1": "Down", "SQL2": "Up"}
    assert report["groups"]["SQL Group"] == ("Online", "SQL2")
    sim.assert_no_open_handles()  # the client closed every handle it opened
