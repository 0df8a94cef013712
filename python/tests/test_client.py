"""The Windows client (windows_client/cluster_inventory.py, unchanged) against the
simulator: real names, states, codes and property values from the topology, and every
handle closed."""

import ctypes

import pytest

import clusapi_sim

from conftest import REPO, SQL_CLUSTER, TESTS
from test_shims import python


def test_inventory_reports_the_topology(client, sim):
    report = client.inventory()

    assert report == {
        "cluster": "SQLCLUSTER",
        "nodes": {"SQL1": "Up", "SQL2": "Up"},
        "groups": {
            "Cluster Group": ("Online", "SQL1"),
            "SQL Group": ("Online", "SQL1"),
            "Reporting": ("Offline", "SQL2"),
        },
        "resources": {
            "Cluster Name": "Network Name",
            "Cluster IP Address": "IP Address",
            "SQL Network Name": "Network Name",
            "SQL Server": "Generic Service",
            "Report Server": "Generic Service",
        },
    }
    sim.assert_no_open_handles()


def test_cluster_enum_item_has_its_windows_layout(client, sim):
    # 3 DWORDs and 2 pointers with Windows' 32-bit DWORD: 40 bytes (48 with Linux's
    # 8-byte c_ulong, which shifted lpszId and lpszName and crashed the interpreter).
    assert ctypes.sizeof(client.CLUSTER_ENUM_ITEM) == 40
    assert client.CLUSTER_ENUM_ITEM.lpszId.offset == 16
    assert client.CLUSTER_ENUM_ITEM.lpszName.offset == 32


def test_enum_ex_gives_ids_names_and_byte_counts(client, sim):
    h = client.open_cluster()
    try:
        items = client.enum_ex(h, client.CLUSTER_ENUM_NODE | client.CLUSTER_ENUM_GROUP)
    finally:
        assert client.CloseCluster(h)

    wchar = ctypes.sizeof(ctypes.c_wchar)
    assert [(t, name) for t, _id, name, _cb, _cbn in items] == [
        (client.CLUSTER_ENUM_NODE, "SQL1"),
        (client.CLUSTER_ENUM_NODE, "SQL2"),
        (client.CLUSTER_ENUM_GROUP, "Cluster Group"),
        (client.CLUSTER_ENUM_GROUP, "SQL Group"),
        (client.CLUSTER_ENUM_GROUP, "Reporting"),
    ]
    assert [i[1] for i in items[:2]] == ["1", "2"]  # node ids
    for _t, ident, name, cb_id, cb_name in items:
        # Byte counts of the platform's WCHAR, NUL included: 4 bytes a character here.
        assert (cb_id, cb_name) == ((len(ident) + 1) * wchar, (len(name) + 1) * wchar)
    sim.assert_no_open_handles()


def test_cluster_name_and_version_come_through_get_cluster_information(client, sim):
    h = client.open_cluster()
    try:
        name, info = client.cluster_name(h)  # starts with a 4-character buffer
    finally:
        assert client.CloseCluster(h)

    assert name == "SQLCLUSTER"
    assert (info.MajorVersion, info.MinorVersion, info.BuildNumber) == (10, 0, 20348)
    assert info.szVendorId.startswith("Microsoft")
    sim.assert_no_open_handles()


def test_a_missing_group_is_5013_with_the_simulators_message(client, sim):
    h = client.open_cluster()
    try:
        with pytest.raises(OSError) as caught:
            client.group_state(h, "No Such Group")
    finally:
        assert client.CloseCluster(h)

    assert caught.value.winerror == 5013
    assert str(caught.value).startswith("[WinError 5013] The cluster group could not be found.")
    assert "No Such Group" in caught.value.strerror
    sim.assert_no_open_handles()


def test_an_unknown_cluster_name_is_1722(client, sim):
    with pytest.raises(OSError) as caught:
        client.open_cluster("NOSUCHCLUSTER")
    assert caught.value.winerror == 1722
    assert "NOSUCHCLUSTER" in caught.value.strerror
    sim.assert_no_open_handles()


def test_format_message_gives_the_text_of_a_code(client, sim):
    assert client.error_text(5013) == "The cluster group could not be found."
    assert client.error_text(6) == "The handle is invalid."
    assert client.error_text(123456) == ""  # no text: FormatMessageW returns 0


def test_common_properties_parse_with_their_types(client, sim):
    h = client.open_cluster()
    try:
        props = client.resource_common_properties(h, "SQL Server")
    finally:
        assert client.CloseCluster(h)

    # Strings are wchar_t here (4 bytes a character), DWORDs 4 bytes, padded to 4.
    assert props["Type"] == "Generic Service"
    assert props["Description"] == ""
    assert props["RestartAction"] == 2
    assert props["PendingTimeout"] == 180000
    assert props["IsAlivePollInterval"] == 0xFFFFFFFF
    assert props["PersistentState"] == 1  # online
    assert len(props) == 15
    sim.assert_no_open_handles()


def test_bring_online_waits_out_a_pending_transition(client, sim):
    # A cluster of its own where transitions take four state polls: OnlineClusterGroup
    # answers ERROR_IO_PENDING and the client's polling loop sees it through. Bound over
    # the fixture's simulator; leaving the block binds the thread back to it.
    with clusapi_sim.Simulator("pending_transitions = 4\n" + SQL_CLUSTER) as pending:
        h = client.open_cluster()
        try:
            assert client.bring_online(h, "Reporting", poll_interval=0) == "SQL2"
            assert client.group_state(h, "Reporting") == ("Online", "SQL2")

            hgroup = client.OpenClusterGroup(h, "Reporting")
            assert client.OfflineClusterGroup(hgroup) == client.ERROR_IO_PENDING
            assert client.CloseClusterGroup(hgroup)
            # group_state polls twice (its first call, with a small buffer, is
            # ERROR_MORE_DATA): still pending after two of four polls.
            assert client.group_state(h, "Reporting") == ("Pending", "SQL2")
            with pytest.raises(OSError) as caught:
                client.bring_online(h, "Reporting", poll_interval=0)
            assert caught.value.winerror == 5023  # an operation is pending
            pending.settle()
            assert client.group_state(h, "Reporting") == ("Offline", "SQL2")
        finally:
            assert client.CloseCluster(h)
        pending.assert_no_open_handles()
    # The thread is back on the fixture's simulator, where nothing moved.
    assert client.inventory()["groups"]["Reporting"] == ("Offline", "SQL2")
    sim.assert_no_open_handles()


def test_bring_online_of_an_offline_group(client, sim):
    h = client.open_cluster()
    try:
        owner = client.bring_online(h, "Reporting", poll_interval=0)
        assert owner == "SQL2"
        assert client.group_state(h, "Reporting") == ("Online", "SQL2")
    finally:
        assert client.CloseCluster(h)
    sim.assert_no_open_handles()


def test_a_crashed_node_fails_its_groups_over(client, sim):
    sim.crash_node("SQL1")

    h = client.open_cluster()
    try:
        assert client.node_state(h, "SQL1") == "Down"
        assert client.group_state(h, "SQL Group") == ("Online", "SQL2")
        sim.restore_node("SQL1")
        assert client.node_state(h, "SQL1") == "Up"
        assert client.group_state(h, "SQL Group") == ("Online", "SQL2")  # no failback
    finally:
        assert client.CloseCluster(h)
    sim.assert_no_open_handles()


def test_a_stopped_service_is_1722_until_it_starts(client, sim):
    h = client.open_cluster()
    try:
        sim.stop_service()
        with pytest.raises(OSError) as caught:
            client.group_state(h, "SQL Group")
        assert caught.value.winerror == 1722
        sim.start_service()
        assert client.group_state(h, "SQL Group") == ("Online", "SQL1")  # same handle
    finally:
        assert client.CloseCluster(h)
    sim.assert_no_open_handles()


def test_an_injected_fault_reaches_the_client_once(client, sim):
    sim.inject_fault("OnlineClusterGroup", 5023, object="Reporting", nth=1)
    h = client.open_cluster()
    try:
        with pytest.raises(OSError) as caught:
            client.bring_online(h, "Reporting", poll_interval=0)
        assert caught.value.winerror == 5023
        assert client.group_state(h, "Reporting") == ("Offline", "SQL2")  # nothing changed
        assert client.bring_online(h, "Reporting", poll_interval=0) == "SQL2"
    finally:
        assert client.CloseCluster(h)
    sim.assert_no_open_handles()


def test_a_forgotten_handle_is_in_the_leak_report(client, sim):
    h = client.open_cluster()
    leaks = sim.leak_report()
    assert sim.open_handle_count() == 1
    assert len(leaks) == 1 and "SQLCLUSTER" in leaks[0]
    with pytest.raises(AssertionError, match="1 open handle"):
        sim.assert_no_open_handles()
    assert client.CloseCluster(h)
    assert sim.leak_report() == []


def test_the_client_runs_as_a_script_under_python_m_clusapi_sim(native_library):
    # As a user runs a Windows script on Linux: the process's simulator, from the
    # environment's topology file.
    script = TESTS / "windows_client" / "cluster_inventory.py"
    result = python(
        ["-m", "clusapi_sim", str(script)],
        CLUSAPI_SIM_TOPOLOGY=str(REPO / "tests" / "sql-cluster.toml"),
        CLUSAPI_SIM_LIBRARY=str(native_library),
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Cluster SQLCLUSTER"
    assert "  group SQL Group: Online on SQL1" in lines
    assert "  resource SQL Server (Generic Service)" in lines
