"""The test's side: simulators per test bound to the calling thread, the levers, the
reports, and the pytest fixture."""

import ctypes
import threading
from datetime import timedelta

import pytest

import clusapi_sim
from conftest import REPO, SQL_CLUSTER

pytestmark = pytest.mark.usefixtures("native_library")


def clusapi():
    """A clusapi of the test's own, with the prototypes these tests use (a HANDLE
    restype matters: the default int would cut handle values to 32 bits)."""
    dll = ctypes.WinDLL("clusapi")
    H, S = ctypes.c_void_p, ctypes.c_wchar_p
    for name, restype, argtypes in [
        ("OpenCluster", H, [S]),
        ("CloseCluster", ctypes.c_int, [H]),
        ("OpenClusterGroup", H, [H, S]),
        ("CloseClusterGroup", ctypes.c_int, [H]),
        ("GetClusterGroupState", ctypes.c_int, [H, H, H]),
        ("OnlineClusterGroup", ctypes.c_uint32, [H, H]),
        ("OfflineClusterGroup", ctypes.c_uint32, [H]),
        ("OpenClusterNetwork", H, [H, S]),
        ("GetClusterNetworkState", ctypes.c_int, [H]),
        ("CloseClusterNetwork", ctypes.c_int, [H]),
    ]:
        getattr(dll, name).restype = restype
        getattr(dll, name).argtypes = argtypes
    dll.GetClusterInformation.argtypes = [
        ctypes.c_void_p,
        ctypes.c_wchar_p,
        ctypes.POINTER(ctypes.c_uint32),
        ctypes.c_void_p,
    ]
    return dll


def cluster_name(dll, h):
    buf = ctypes.create_unicode_buffer(64)
    cch = ctypes.c_uint32(len(buf))
    assert dll.GetClusterInformation(h, buf, ctypes.byref(cch), None) == 0
    return buf.value


def local_cluster_name():
    dll = clusapi()
    h = dll.OpenCluster(None)
    assert h, ctypes.WinError()
    try:
        return cluster_name(dll, h)
    finally:
        assert dll.CloseCluster(h)


def test_the_fixture_is_bound_to_the_test(clusapi_simulator):
    assert local_cluster_name() == "SQLCLUSTER"  # conftest's clusapi_topology
    assert clusapi_simulator.open_handle_count() == 0


class TestDefaultTopology:
    @pytest.fixture
    def clusapi_topology(self):
        return None

    def test_an_overridden_topology_of_none_is_the_default_cluster(self, clusapi_simulator):
        assert local_cluster_name() == "SIMCLUSTER"


def test_a_bad_topology_is_refused_with_its_line():
    with pytest.raises(OSError) as caught:
        clusapi_sim.Simulator("[[cluster]]\nname = \n")
    assert caught.value.winerror == 13  # ERROR_INVALID_DATA
    assert "line 2" in caught.value.strerror


def test_from_file():
    with clusapi_sim.Simulator.from_file(REPO / "tests" / "sql-cluster.toml"):
        assert local_cluster_name() == "SQLCLUSTER"


def test_bindings_nest_and_unwind():
    with clusapi_sim.Simulator('[[cluster]]\nname = "OUTER"\nnodes = ["A"]\n') as outer:
        with clusapi_sim.Simulator('[[cluster]]\nname = "INNER"\nnodes = ["B"]\n') as inner:
            assert local_cluster_name() == "INNER"
            with pytest.raises(RuntimeError, match="not the one bound"):
                outer.crash_node("A")  # would steer INNER: refused
            inner.crash_node("B")
        assert inner.closed
        assert local_cluster_name() == "OUTER"
        outer.crash_node("A")


def test_a_simulators_handles_die_with_it():
    dll = clusapi()
    with clusapi_sim.Simulator():
        h = dll.OpenCluster(None)
        assert h
    assert dll.CloseCluster(h) == 0
    assert ctypes.get_last_error() == 6  # ERROR_INVALID_HANDLE


def test_levers_from_another_thread_are_refused():
    with clusapi_sim.Simulator() as sim:
        errors = []

        def pull():
            try:
                sim.crash_node("NODE1")
            except RuntimeError as e:
                errors.append(e)

        t = threading.Thread(target=pull)
        t.start()
        t.join()
        assert len(errors) == 1


def test_threads_each_see_their_own_cluster():
    names = {}

    def run(name):
        with clusapi_sim.Simulator(f'[[cluster]]\nname = "{name}"\nnodes = ["N"]\n'):
            for _ in range(20):
                names.setdefault(name, set()).add(local_cluster_name())

    threads = [threading.Thread(target=run, args=(f"C{i}",)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert names == {f"C{i}": {f"C{i}"} for i in range(6)}


def test_unknown_names_in_levers_are_win32_errors(clusapi_simulator):
    sim = clusapi_simulator
    for lever, code in [
        (lambda: sim.crash_node("NOPE"), 5042),
        (lambda: sim.restore_node("NOPE"), 5042),
        (lambda: sim.network_down("NOPE"), 5045),
        (lambda: sim.partition_network("NOPE"), 5045),
        (lambda: sim.restore_network("NOPE"), 5045),
        (lambda: sim.stop_service("NOPE"), 1722),
    ]:
        with pytest.raises(OSError) as caught:
            lever()
        assert caught.value.winerror == code
    assert "NOPE" in clusapi_sim.last_error_message()


def test_network_levers_change_the_network_state(clusapi_simulator):
    dll = clusapi()
    h = dll.OpenCluster(None)
    net = dll.OpenClusterNetwork(h, "Public")
    assert net, ctypes.WinError()
    try:
        up = dll.GetClusterNetworkState(net)
        clusapi_simulator.network_down("Public")
        down = dll.GetClusterNetworkState(net)
        clusapi_simulator.restore_network("Public")
        restored = dll.GetClusterNetworkState(net)
        clusapi_simulator.partition_network("Public")
        partitioned = dll.GetClusterNetworkState(net)
    finally:
        assert dll.CloseClusterNetwork(net) and dll.CloseCluster(h)
    # ClusterNetworkUp 3, ClusterNetworkDown 1, ClusterNetworkPartitioned 2
    assert (up, down, restored, partitioned) == (3, 1, 3, 2)
    clusapi_simulator.assert_no_open_handles()


def test_fault_plans_and_clearing_them(clusapi_simulator):
    clusapi_simulator.inject_fault("OpenCluster", 1726)
    dll = clusapi()
    assert dll.OpenCluster(None) is None
    assert ctypes.get_last_error() == 1726
    clusapi_simulator.clear_faults()
    h = dll.OpenCluster(None)
    assert h
    assert dll.CloseCluster(h)


TIMED = "manual_clock = true\n" + SQL_CLUSTER


def group_state(dll, h, name):
    g = dll.OpenClusterGroup(h, name)
    try:
        return dll.GetClusterGroupState(g, None, None)
    finally:
        assert dll.CloseClusterGroup(g)


def test_pending_duration_and_the_clock():
    with clusapi_sim.Simulator(TIMED) as sim:
        sim.set_pending_duration(timedelta(seconds=30))
        dll = clusapi()
        h = dll.OpenCluster(None)
        try:
            g = dll.OpenClusterGroup(h, "Reporting")
            assert dll.OnlineClusterGroup(g, None) == 997  # ERROR_IO_PENDING
            assert dll.CloseClusterGroup(g)
            assert group_state(dll, h, "Reporting") == 4  # Pending
            sim.advance_clock(29_000)
            assert group_state(dll, h, "Reporting") == 4
            sim.advance_clock(1_000)
            assert group_state(dll, h, "Reporting") == 0  # Online at the deadline
        finally:
            assert dll.CloseCluster(h)
        sim.assert_no_open_handles()


def test_step_and_settle():
    with clusapi_sim.Simulator("pending_transitions = 3\n" + SQL_CLUSTER) as sim:
        dll = clusapi()
        h = dll.OpenCluster(None)
        try:
            g = dll.OpenClusterGroup(h, "Reporting")
            assert dll.OnlineClusterGroup(g, None) == 997
            sim.step()
            sim.step()
            assert dll.GetClusterGroupState(g, None, None) == 0  # the third poll
            assert dll.OfflineClusterGroup(g) == 997
            sim.settle()
            assert dll.GetClusterGroupState(g, None, None) == 1  # Offline
            assert dll.CloseClusterGroup(g)
        finally:
            assert dll.CloseCluster(h)


def test_process_simulator_load_topology_and_reset():
    # Unbound threads use the process's simulator. Run on a thread of its own, so that
    # nothing of this test's binding is in the way.
    seen = []

    def run():
        clusapi_sim.load_topology('[[cluster]]\nname = "PROCESS"\nnodes = ["P1"]\n')
        seen.append(local_cluster_name())
        clusapi_sim.reset()
        seen.append(local_cluster_name())

    t = threading.Thread(target=run)
    t.start()
    t.join()
    assert seen == ["PROCESS", "SIMCLUSTER"]  # reset: back to the default (no env topology)
