"""Driving the simulator from a Python test: a simulator of the test's own, bound to the
calling thread, with the levers and reports of the library's ``ClusSim*`` exports.

The code under test sees ``windll.clusapi``; the test sees :class:`Simulator`, the levers
real clusters pull on that code (a node crash, a stopped service, a network partition, a
fault on the n-th call) and the leak report at the end.
"""

from __future__ import annotations

import ctypes
import os
import threading
from datetime import timedelta

from . import _errors, _library

_u32 = ctypes.c_uint32
_wstr = ctypes.c_wchar_p  # LPCWSTR in libclusapi_native: the platform's wchar_t
_utf8 = ctypes.c_char_p  # the topology and the reports stay UTF-8 char*

# name -> (restype, argtypes), from capi/src/clussim.rs.
_PROTOTYPES = {
    "ClusSimCreate": (ctypes.c_void_p, (_utf8,)),
    "ClusSimBindThread": (_u32, (ctypes.c_void_p,)),
    "ClusSimDestroy": (_u32, (ctypes.c_void_p,)),
    "ClusSimReset": (_u32, ()),
    "ClusSimLoadTopology": (_u32, (_utf8,)),
    "ClusSimOpenHandleCount": (_u32, ()),
    "ClusSimLeakReport": (_u32, (ctypes.c_char_p, ctypes.POINTER(_u32))),
    "ClusSimLastErrorMessage": (_u32, (ctypes.c_char_p, ctypes.POINTER(_u32))),
    "ClusSimStep": (_u32, ()),
    "ClusSimSettle": (_u32, ()),
    "ClusSimSetPendingDuration": (_u32, (_u32,)),
    "ClusSimAdvanceClock": (_u32, (_u32,)),
    "ClusSimCrashNode": (_u32, (_wstr,)),
    "ClusSimRestoreNode": (_u32, (_wstr,)),
    "ClusSimStopService": (_u32, (_wstr,)),
    "ClusSimStartService": (_u32, (_wstr,)),
    "ClusSimInjectFault": (_u32, (_wstr, _wstr, _u32, _u32, _u32, _u32)),
    "ClusSimClearFaults": (_u32, ()),
    "ClusSimCaptureCallers": (_u32, (ctypes.c_int32,)),
    "ClusSimNetworkDown": (_u32, (_wstr,)),
    "ClusSimPartitionNetwork": (_u32, (_wstr,)),
    "ClusSimRestoreNetwork": (_u32, (_wstr,)),
}

_functions: dict[str, object] = {}
_functions_lock = threading.Lock()


def _fn(name: str):
    """The export with its prototype; apart from the library's attributes, which a client
    may give prototypes of its own."""
    with _functions_lock:
        if name not in _functions:
            restype, argtypes = _PROTOTYPES[name]
            _functions[name] = ctypes.CFUNCTYPE(restype, *argtypes)((name, _library.load()))
        return _functions[name]


def _check(status: int) -> None:
    if status != 0:
        raise _errors.WinError(status)


def _read_utf8(name: str) -> str:
    """Runs a ``ClusSim*`` export with the byte-count protocol (ask the length, read)."""
    size = _u32(0)
    status = _fn(name)(None, ctypes.byref(size))
    if status not in (0, 234):  # ERROR_MORE_DATA carries the length
        raise _errors.WinError(status)
    buf = ctypes.create_string_buffer(size.value + 1)
    size.value = len(buf)
    _check(_fn(name)(buf, ctypes.byref(size)))
    return buf.value.decode("utf-8")


def _milliseconds(duration: int | float | timedelta) -> int:
    if isinstance(duration, timedelta):
        return int(duration.total_seconds() * 1000)
    return int(duration)


def last_error_message() -> str:
    """Why the calling thread's last failed call failed, in the simulator's words
    (``ClusSimLastErrorMessage``); empty before any failure."""
    return _read_utf8("ClusSimLastErrorMessage")


def load_topology(toml: str) -> None:
    """Replaces the process's simulator (the one unbound threads use) with ``toml``'s."""
    _check(_fn("ClusSimLoadTopology")(toml.encode("utf-8")))


def reset() -> None:
    """Drops the process's simulator; the next use builds a fresh one
    (``CLUSAPI_SIM_TOPOLOGY`` or the default topology)."""
    _check(_fn("ClusSimReset")())


def capture_callers(on: bool = True) -> None:
    """Records each opener's C stack for the leak report, for the whole process, at a cost
    of microseconds per open. Of use when the opener is C code loaded by Python: a ctypes
    call's caller is libffi, which the report shows as ``<unknown>``."""
    _check(_fn("ClusSimCaptureCallers")(1 if on else 0))


class _Bindings(threading.local):
    def __init__(self):
        self.stack: list[Simulator] = []


_bindings = _Bindings()


class Simulator:
    """A simulated cluster of its own (``ClusSimCreate``), for one test.

    ``with Simulator(toml) as sim:`` binds it to the calling thread (``ClusSimBindThread``):
    that thread's ``OpenCluster`` and the levers reach it, and no other test's cluster,
    handles or leak report. Leaving the block binds the thread back to what it had before
    (bindings nest) and ends the simulator (``ClusSimDestroy``): its handles become
    invalid. Calls that take a handle reach the simulator that minted it from any thread.

    The levers and reports act on the calling thread's current simulator, so they check
    that it is this one: a lever pulled from another thread, or on an outer simulator
    while an inner one is bound, raises ``RuntimeError`` instead of steering the wrong
    cluster.

    Raises ``OSError`` (``winerror`` ``ERROR_INVALID_DATA`` 13 for a topology that does not
    parse, with the line in the message) when the topology is refused.
    """

    def __init__(self, toml: str | None = None):
        handle = _fn("ClusSimCreate")(None if toml is None else toml.encode("utf-8"))
        if not handle:
            code = _errors.GetLastError()
            raise _errors.Win32Error(code, last_error_message())
        self._handle: int | None = handle

    @classmethod
    def from_file(cls, path: str | os.PathLike) -> Simulator:
        """A simulator from a TOML topology file (the ``CLUSAPI_SIM_TOPOLOGY`` format)."""
        with open(path, encoding="utf-8") as f:
            return cls(f.read())

    # -- lifetime ------------------------------------------------------------------------

    def __enter__(self) -> Simulator:
        self.bind()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def bind(self) -> None:
        """Binds the calling thread to this simulator until :meth:`close` (or the ``with``
        block's end)."""
        self._live()
        _check(_fn("ClusSimBindThread")(self._handle))
        _bindings.stack.append(self)

    def close(self) -> None:
        """Unbinds the calling thread (if bound here) and ends the simulator. Its handles
        become invalid. A second call does nothing."""
        if self._handle is None:
            return
        stack = _bindings.stack
        if self in stack:
            stack.remove(self)
            previous = stack[-1]._handle if stack else None
            _check(_fn("ClusSimBindThread")(previous))
        handle, self._handle = self._handle, None
        _check(_fn("ClusSimDestroy")(handle))

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` has ended the simulator."""
        return self._handle is None

    def _live(self) -> None:
        if self._handle is None:
            raise RuntimeError("this Simulator has been closed")

    def _current(self) -> None:
        self._live()
        stack = _bindings.stack
        if not stack or stack[-1] is not self:
            raise RuntimeError(
                "this Simulator is not the one bound to the calling thread: bind it "
                "(`with Simulator(...) as sim:` or sim.bind()) on the thread that pulls "
                "its levers"
            )

    def _lever(self, name: str, *args) -> None:
        self._current()
        _check(_fn(name)(*args))

    # -- levers --------------------------------------------------------------------------

    def crash_node(self, node: str) -> None:
        """Crashes a node: it goes down and its groups fail over (5042 if unknown)."""
        self._lever("ClusSimCrashNode", node)

    def restore_node(self, node: str) -> None:
        """Brings a crashed node back up; its groups stay where they failed over to."""
        self._lever("ClusSimRestoreNode", node)

    def stop_service(self, cluster: str | None = None) -> None:
        """Stops a cluster's service (``None``: the local cluster): calls through its
        handles answer ``RPC_S_SERVER_UNAVAILABLE`` (1722) until :meth:`start_service`."""
        self._lever("ClusSimStopService", cluster)

    def start_service(self, cluster: str | None = None) -> None:
        """Starts a stopped cluster service; existing handles work again."""
        self._lever("ClusSimStartService", cluster)

    def network_down(self, network: str) -> None:
        """Takes a network down: its interfaces fail (5045 if unknown)."""
        self._lever("ClusSimNetworkDown", network)

    def partition_network(self, network: str) -> None:
        """Partitions a network: its interfaces become unreachable."""
        self._lever("ClusSimPartitionNetwork", network)

    def restore_network(self, network: str) -> None:
        """Brings a network back up."""
        self._lever("ClusSimRestoreNetwork", network)

    def inject_fault(
        self,
        operation: str,
        code: int,
        *,
        object: str | None = None,  # noqa: A002 - the export's name for it
        nth: int = 0,
        per_million: int = 0,
        seed: int = 0,
    ) -> None:
        """Makes calls to ``operation`` (a C name such as ``"OnlineClusterGroup"``; case
        and underscores ignored) fail with ``code`` and change nothing: only those on
        ``object`` if given; only the ``nth`` matching call if ``nth`` > 0; else
        ``per_million`` calls in a million drawn from ``seed``; else every one. Close
        functions are never faulted."""
        self._lever("ClusSimInjectFault", operation, object, nth, per_million, seed, code)

    def clear_faults(self) -> None:
        """Empties the fault plan."""
        self._lever("ClusSimClearFaults")

    def step(self) -> None:
        """Advances every pending transition by one state poll (with
        ``pending_transitions`` in the topology)."""
        self._lever("ClusSimStep")

    def settle(self) -> None:
        """Completes every pending transition."""
        self._lever("ClusSimSettle")

    def set_pending_duration(self, duration: int | float | timedelta) -> None:
        """Makes transitions that start from now on complete after ``duration`` of
        simulated time (milliseconds, or a ``timedelta``); operations then answer
        ``ERROR_IO_PENDING`` (997). 0 switches it off."""
        self._lever("ClusSimSetPendingDuration", _milliseconds(duration))

    def advance_clock(self, duration: int | float | timedelta) -> None:
        """Moves simulated time forward (milliseconds, or a ``timedelta``): the timed
        transitions due by then complete."""
        self._lever("ClusSimAdvanceClock", _milliseconds(duration))

    # -- reports -------------------------------------------------------------------------

    def open_handle_count(self) -> int:
        """The number of handles open in this simulator."""
        self._current()
        return _fn("ClusSimOpenHandleCount")()

    def leak_report(self) -> list[str]:
        """The open handles, one line each (kind, value, object, where it was opened);
        empty when every handle is closed."""
        self._current()
        return _read_utf8("ClusSimLeakReport").splitlines()

    def assert_no_open_handles(self) -> None:
        """Raises ``AssertionError`` with the leak report if any handle is open."""
        leaks = self.leak_report()
        if leaks:
            raise AssertionError(f"{len(leaks)} open handle(s):\n" + "\n".join(leaks))
