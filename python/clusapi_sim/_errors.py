"""Win32 errors for Python on Linux: ``WinError``, ``FormatError``, ``get_last_error``,
``set_last_error`` and ``HRESULT``, as ``ctypes`` has them on Windows, over the simulator.

The thread's last error is the library's own (``GetLastError`` / ``SetLastError``, a
per-thread value that only calls into the library change), so ``get_last_error()`` reads
it directly. On Windows ctypes keeps a private copy that it swaps with the system's around
each call of a ``use_last_error=True`` function; here there is one value per thread, which
every function of the library sets, whatever ``use_last_error`` said.
"""

from __future__ import annotations

import ctypes
import errno
import re

from . import _codes, _library

_u32 = ctypes.c_uint32


def _proto(name: str, restype, *argtypes):
    """A function of the loaded library with its prototype, apart from the library's own
    attributes (a client may set ``argtypes`` on ``windll.clusapi.GetLastError``)."""
    return ctypes.CFUNCTYPE(restype, *argtypes)((name, _library.load()))


class Win32Error(OSError):
    """What ``WinError`` returns: an ``OSError`` with ``winerror`` set, as on Windows.

    ``errno`` is mapped from the code as CPython on Windows maps it (``EINVAL`` for most
    codes, the cluster ones included); ``str()`` reads ``[WinError 5013] ...`` as there.
    Unlike Windows, it stays this class for codes Windows turns into ``FileNotFoundError``
    or ``PermissionError`` (``except OSError`` and ``.winerror`` work the same).
    """

    def __init__(self, winerror: int, strerror: str | None = None):
        super().__init__(_codes.ERRNO.get(winerror, errno.EINVAL), strerror)
        self.winerror = winerror

    def __str__(self) -> str:
        return f"[WinError {self.winerror}] {self.strerror}"

    def __reduce__(self):
        # OSError pickles its args, (errno, strerror): rebuild from the code instead.
        return (type(self), (self.winerror, self.strerror))


def GetLastError() -> int:
    """``ctypes.GetLastError`` (on Windows ``windll.kernel32.GetLastError``): the thread's
    last error, as the library left it."""
    return _proto("GetLastError", ctypes.c_int)()


def get_last_error() -> int:
    """``ctypes.get_last_error()``: the thread's last error."""
    return GetLastError()


def set_last_error(value: int) -> int:
    """``ctypes.set_last_error(value)``: sets the thread's last error; returns the old one."""
    old = GetLastError()
    _proto("SetLastError", None, _u32)(value & 0xFFFFFFFF)
    return old


# "ERROR_GROUP_NOT_FOUND (5013): no group ..." or "Win32 error (5013): ...": the Display of
# the core's Error, which ClusSimLastErrorMessage writes.
_SIM_MESSAGE = re.compile(r"^(?:[A-Z0-9_]+|Win32 error) \((\d+)\): (.*)$", re.DOTALL)


def simulator_message(code: int) -> str | None:
    """The simulator's own account of the calling thread's last failure, when that failure
    was ``code`` (``ClusSimLastErrorMessage``): it names the handle or object at fault.

    ``None`` when no library is loaded yet (an error built before any call has no
    simulator message, and building it must not load one), or the last failure was another
    code. The thread's last error is left as it was.
    """
    if _library.loaded() is None:
        return None
    saved = GetLastError()
    try:
        if saved & 0xFFFFFFFF != code & 0xFFFFFFFF:
            return None
        read = _proto("ClusSimLastErrorMessage", _u32, ctypes.c_char_p, ctypes.POINTER(_u32))
        size = _u32(0)
        read(None, ctypes.byref(size))  # ERROR_MORE_DATA with the length
        buf = ctypes.create_string_buffer(size.value + 1)
        size.value = len(buf)
        if read(buf, ctypes.byref(size)) != 0:
            return None
        match = _SIM_MESSAGE.match(buf.value.decode("utf-8", "replace"))
        if match is None or int(match.group(1)) != code & 0xFFFFFFFF:
            return None
        return match.group(2)
    finally:
        # The length query above fails with ERROR_MORE_DATA, which the library records.
        _proto("SetLastError", None, _u32)(saved & 0xFFFFFFFF)


def message(code: int) -> str | None:
    """The text for a Win32 code: the description of :mod:`clusapi_sim._codes`, followed by
    the simulator's message when the thread's last failure was this code; ``None`` for a
    code neither knows."""
    known = _codes.CODES.get(code & 0xFFFFFFFF)
    detail = simulator_message(code)
    if known and detail:
        return f"{known[1]} ({detail})"
    if known:
        return known[1]
    return detail


def FormatError(code: int | None = None) -> str:
    """``ctypes.FormatError``: the text of a code (the thread's last error by default), or
    ``"<no description>"`` as on Windows when there is none."""
    if code is None:
        code = GetLastError()
    text = message(code)
    return "<no description>" if text is None else text


def WinError(code: int | None = None, descr: str | None = None) -> Win32Error:
    """``ctypes.WinError``: an ``OSError`` for a Win32 code (the thread's last error by
    default) whose ``winerror`` is the code."""
    if code is None:
        code = GetLastError()
    if descr is None:
        descr = FormatError(code).strip()
    return Win32Error(code, descr)


def _check_hresult(value: int) -> int:
    if value < 0:
        raise WinError(value)
    return value


class HRESULT(ctypes._SimpleCData):
    """``ctypes.HRESULT``: a 32-bit signed result that raises ``WinError`` when negative,
    as a function's ``restype``. Derived from ``_SimpleCData`` as on Windows, so ctypes
    still hands the caller a plain int."""

    _type_ = "i"
    _check_retval_ = staticmethod(_check_hresult)
