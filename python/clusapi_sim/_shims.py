"""What ``import clusapi_sim`` adds to ``ctypes`` on Linux, so that a client written for
Windows runs unchanged against the simulator.

* ``WinDLL`` / ``OleDLL`` and the loaders ``windll`` / ``oledll``: ``clusapi`` and
  ``kernel32`` (any case, with or without ``.dll`` or a directory) are the simulator's
  library, found by :mod:`clusapi_sim._library` when first loaded; ``resutils`` is
  ``libresutils.so`` beside it, whose Cluster Shared Volume helpers forward to that same
  library (so to the same simulator); any other name is loaded as ``CDLL`` would.
  ``kernel32`` adds the Python functions of :mod:`clusapi_sim._kernel32`.
  ``ctypes.util.find_library`` answers the same three names.
* ``WINFUNCTYPE`` is ``CFUNCTYPE`` (x64 has one calling convention); ``HRESULT``,
  ``WinError``, ``FormatError``, ``GetLastError``, ``get_last_error``, ``set_last_error``
  from :mod:`clusapi_sim._errors`; ``WindowsError`` in builtins, as Windows has it.
* ``ctypes.wintypes`` with Windows' sizes (:mod:`clusapi_sim.wintypes`), replacing the
  standard one even if it was imported before: ``import ctypes.wintypes`` and
  ``from ctypes import wintypes`` both give it from then on. A module that bound the
  standard one to a name before ``import clusapi_sim`` keeps what it bound, which is why
  the import comes first.

The library is not loaded by the import: a client that never loads ``clusapi`` needs
none, and a missing library is reported where the client loads it, as Windows reports a
missing DLL.
"""

from __future__ import annotations

import builtins
import ctypes
import ctypes.util
import ntpath
import sys

from . import _errors, _kernel32, _library, wintypes

#: The DLL names that are the simulator's: its library, and ``resutils`` (libresutils).
SIMULATED = ("clusapi", "kernel32", "resutils")


def simulated_name(name) -> str | None:
    """``"clusapi"``, ``"kernel32"`` or ``"resutils"`` if ``name`` is one of them
    (``CLUSAPI.DLL``, ``C:\\Windows\\System32\\clusapi.dll``, ``ResUtils.dll``, ...),
    else ``None``."""
    if not isinstance(name, str):
        return None
    base = ntpath.basename(name).lower()  # ntpath: splits on both / and \
    if base.endswith(".dll"):
        base = base[:-4]
    return base if base in SIMULATED else None


class WinDLL(ctypes.CDLL):
    """``ctypes.WinDLL``: ``clusapi`` and ``kernel32`` are the simulator's library,
    ``resutils`` is libresutils (loaded after it)."""

    # Read by __getattr__, which runs before __init__ has set anything if loading fails.
    _clussim_dll: str | None = None

    def __init__(self, name, *args, **kwargs):
        dll = simulated_name(name)
        if dll == "resutils":
            name = _library.load_resutils()._name  # the simulator's library first, global
        elif dll is not None:
            name = str(_library.loaded_path())  # finds, loads and checks it once
        self._clussim_dll = dll
        super().__init__(name, *args, **kwargs)

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        if self._clussim_dll == "kernel32" and name in _kernel32.EXTRAS:
            func = self[name]
            setattr(self, name, func)  # as CDLL caches its functions
            return func
        try:
            return super().__getattr__(name)
        except AttributeError as e:
            if self._clussim_dll is None:
                raise
            if self._clussim_dll == "resutils":
                raise AttributeError(
                    f"resutils.{name} is not simulated: {_library.RESUTILS_FILE} exports the "
                    f"five Cluster Shared Volume helpers (ClusterGetVolumePathName, ...) ({e})"
                ) from None
            raise AttributeError(
                f"{self._clussim_dll}.{name} is not simulated: {_library.LIBRARY_FILE} "
                f"exports the ClusAPI functions, GetLastError and SetLastError, and "
                f"clusapi_sim adds {', '.join(_kernel32.EXTRAS)} to kernel32 ({e})"
            ) from None

    def __getitem__(self, name_or_ordinal):
        if self._clussim_dll == "kernel32" and name_or_ordinal in _kernel32.EXTRAS:
            return _kernel32.EXTRAS[name_or_ordinal]()
        return super().__getitem__(name_or_ordinal)


class OleDLL(WinDLL):
    """``ctypes.OleDLL``: functions return ``HRESULT`` and raise on failure."""

    _func_restype_ = _errors.HRESULT


_find_library = ctypes.util.find_library


def find_library(name):
    """``ctypes.util.find_library``: the simulator's library for ``clusapi`` and
    ``kernel32``, libresutils for ``resutils`` (``None`` if it cannot be found, as for any
    missing library)."""
    dll = simulated_name(name)
    if dll is not None:
        try:
            return str(_library.find_resutils() if dll == "resutils" else _library.find_library())
        except _library.LibraryNotFoundError:
            return None
    return _find_library(name)


def install() -> None:
    """Adds the Windows names to ``ctypes``; a no-op on Windows, where they are real."""
    if sys.platform == "win32":
        return
    ctypes.WinDLL = WinDLL
    ctypes.OleDLL = OleDLL
    ctypes.windll = ctypes.LibraryLoader(WinDLL)
    ctypes.oledll = ctypes.LibraryLoader(OleDLL)
    ctypes.WINFUNCTYPE = ctypes.CFUNCTYPE
    ctypes.HRESULT = _errors.HRESULT
    ctypes.WinError = _errors.WinError
    ctypes.FormatError = _errors.FormatError
    ctypes.GetLastError = _errors.GetLastError
    ctypes.get_last_error = _errors.get_last_error
    ctypes.set_last_error = _errors.set_last_error
    ctypes.util.find_library = find_library
    if not hasattr(builtins, "WindowsError"):
        builtins.WindowsError = _errors.Win32Error
    sys.modules["ctypes.wintypes"] = wintypes
    ctypes.wintypes = wintypes
