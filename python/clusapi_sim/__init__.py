"""clusapi-sim for Python: Windows ctypes clients of ``clusapi.dll``, unchanged, on Linux.

``import clusapi_sim`` before the client's own imports is all such a client needs: on
Linux it gives ``ctypes`` the Windows names (``windll``, ``WinDLL``, ``WinError``,
``get_last_error``, ``HRESULT``, ...) and a ``ctypes.wintypes`` of Windows' sizes, and
``clusapi`` / ``kernel32`` load ``libclusapi_native.so``, the build of clusapi-sim's C ABI
whose WCHAR is Python's ``c_wchar``, and ``resutils`` loads ``libresutils.so`` beside it
(see :mod:`clusapi_sim._shims`). On Windows the import
changes nothing: the real DLLs are there.

The test's side is :class:`Simulator` (a cluster of the test's own, its levers and its leak
report), with the pytest fixtures of :mod:`clusapi_sim.pytest_plugin`.
"""

from . import _shims
from ._errors import Win32Error
from ._library import LIBRARY_ENV, LibraryNotFoundError, WrongLibraryError, find_library, find_resutils
from ._library import loaded_path as library_path
from .simulator import (
    Simulator,
    capture_callers,
    last_error_message,
    load_topology,
    reset,
)

__all__ = [
    "LIBRARY_ENV",
    "LibraryNotFoundError",
    "Simulator",
    "Win32Error",
    "WrongLibraryError",
    "capture_callers",
    "find_library",
    "find_resutils",
    "last_error_message",
    "library_path",
    "load_topology",
    "reset",
]


_shims.install()
