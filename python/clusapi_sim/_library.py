"""Finding and loading the native-wchar_t build of the simulator, ``libclusapi_native.so``.

Python's ``c_wchar`` is the platform's ``wchar_t``: 4 bytes (UTF-32) on Linux. The plain
``libclusapi.so`` speaks UTF-16, so a Windows client's ``c_wchar_p`` would reach it as one
character. ``libclusapi_native.so`` is the same C ABI with every WCHAR a ``wchar_t``; both
export ``uint32_t ClusSimWcharSize`` (2 or 4), which :func:`load` checks, so loading the
wrong one is an error that says so instead of a string cut after its first letter.
"""

from __future__ import annotations

import ctypes
import os
import threading
from pathlib import Path

#: The file name the project's build gives the native-wchar_t library.
LIBRARY_FILE = "libclusapi_native.so"
#: The file name of ``libresutils`` (``resutils.dll``'s storage helpers, package
#: ``clusapi-sim-resutils``), which forwards each call to the library above.
RESUTILS_FILE = "libresutils.so"
#: The environment variable that names the library's path, overriding the search.
LIBRARY_ENV = "CLUSAPI_SIM_LIBRARY"
#: Cargo profiles searched in each target directory, in this order.
PROFILES = ("debug", "release")


class LibraryNotFoundError(FileNotFoundError):
    """``libclusapi_native.so`` was not found; the message lists every place looked at."""


class WrongLibraryError(OSError):
    """A library was found but cannot serve ctypes' ``c_wchar`` (the UTF-16 build, say)."""


def candidates(cwd: Path | None = None) -> list[Path]:
    """The paths searched, in order, when ``CLUSAPI_SIM_LIBRARY`` is not set.

    ``$CARGO_TARGET_DIR/{debug,release}``; then ``target/{debug,release}`` in the current
    directory and each of its parents (a test run from anywhere in the repository); then
    the same beside this package's source and its parents (an editable install, or a run
    from a checkout with ``python/`` on ``sys.path``).
    """
    found: list[Path] = []

    def add_target(target: Path) -> None:
        for profile in PROFILES:
            path = target / profile / LIBRARY_FILE
            if path not in found:
                found.append(path)

    target_dir = os.environ.get("CARGO_TARGET_DIR")
    if target_dir:
        add_target(Path(target_dir).resolve())
    start = (cwd or Path.cwd()).resolve()
    for directory in (start, *start.parents):
        add_target(directory / "target")
    here = Path(__file__).resolve().parent
    for directory in (here, *here.parents):
        add_target(directory / "target")
    return found


def find_library() -> Path:
    """The path of the library to load.

    Raises :class:`LibraryNotFoundError` when ``CLUSAPI_SIM_LIBRARY`` names no file (it is
    then not searched past: an explicit choice that is wrong should not be replaced by
    another build), or when none of :func:`candidates` exists.
    """
    explicit = os.environ.get(LIBRARY_ENV)
    if explicit:
        path = Path(explicit)
        if path.is_file():
            return path.resolve()
        raise LibraryNotFoundError(
            f"{LIBRARY_ENV}={explicit!r} names no file; build the library with "
            "`cargo build -p clusapi-sim-capi-native` and point it at "
            f"target/debug/{LIBRARY_FILE}"
        )
    searched = candidates()
    for path in searched:
        if path.is_file():
            return path
    listing = "\n  ".join(str(p) for p in searched)
    raise LibraryNotFoundError(
        f"cannot find {LIBRARY_FILE} (the native-wchar_t build of clusapi-sim's C ABI).\n"
        "Build it with `cargo build -p clusapi-sim-capi-native`, or set "
        f"{LIBRARY_ENV} to its path. Looked in:\n  {listing}"
    )


def check_wchar_size(lib: ctypes.CDLL, path: Path) -> None:
    """Raises :class:`WrongLibraryError` unless ``lib`` speaks ctypes' ``wchar_t``."""
    expected = ctypes.sizeof(ctypes.c_wchar)
    try:
        size = ctypes.c_uint32.in_dll(lib, "ClusSimWcharSize").value
    except ValueError:
        raise WrongLibraryError(
            f"{path} exports no ClusSimWcharSize: it is not a clusapi-sim library, or one "
            f"built before the native-wchar_t build existed; use {LIBRARY_FILE}"
        ) from None
    if size != expected:
        hint = " (the UTF-16 libclusapi.so)" if size == 2 else ""
        raise WrongLibraryError(
            f"{path} has {size}-byte WCHARs{hint}, but Python's c_wchar is {expected} bytes: "
            f"names would reach it cut short. Load {LIBRARY_FILE} instead "
            f"(cargo build -p clusapi-sim-capi-native; {LIBRARY_ENV}=.../{LIBRARY_FILE})"
        )


_lock = threading.Lock()
_loaded: ctypes.CDLL | None = None


def load() -> ctypes.CDLL:
    """The library, found and checked on first use, then the same object every time."""
    global _loaded
    with _lock:
        if _loaded is None:
            path = find_library()
            lib = ctypes.CDLL(str(path))
            check_wchar_size(lib, path)
            _loaded = lib
        return _loaded


def loaded() -> ctypes.CDLL | None:
    """The library if :func:`load` has loaded it, else ``None`` (never searches)."""
    return _loaded


def loaded_path() -> Path:
    """The path of the library :func:`load` returns (loading it if needed)."""
    return Path(load()._name)


_resutils: ctypes.CDLL | None = None


def find_resutils() -> Path:
    """The path of ``libresutils.so``: beside the library :func:`load` loads, or would load
    (cargo builds both into the same directory), else the first of :func:`candidates`'
    directories that holds it. Loads nothing.

    Raises :class:`LibraryNotFoundError` naming the places looked at (or the library's own
    search, when that fails).
    """
    beside = Path(_loaded._name) if _loaded is not None else find_library()
    searched = [beside.with_name(RESUTILS_FILE)]
    searched += [p.with_name(RESUTILS_FILE) for p in candidates() if p.with_name(RESUTILS_FILE) not in searched]
    for path in searched:
        if path.is_file():
            return path
    listing = "\n  ".join(str(p) for p in searched)
    raise LibraryNotFoundError(
        f"cannot find {RESUTILS_FILE} (resutils.dll's helpers, which forward to {LIBRARY_FILE}).\n"
        "Build it with `cargo build -p clusapi-sim-resutils` (or `cargo build --workspace`). "
        f"Looked in:\n  {listing}"
    )


def load_resutils() -> ctypes.CDLL:
    """``libresutils.so``, loaded once on first use, after the library of :func:`load`.

    libresutils's exports forward to ``ClusSimResUtils*`` exports of that library, which
    it leaves to the dynamic loader to find among the libraries loaded globally: the
    library is made global first (``RTLD_NOLOAD | RTLD_GLOBAL`` opens the copy already
    loaded again, with global scope), so both reach the one simulator of the process.
    """
    global _resutils
    path = loaded_path()
    with _lock:
        if _resutils is None:
            ctypes.CDLL(str(path), mode=os.RTLD_NOLOAD | os.RTLD_GLOBAL)
            _resutils = ctypes.CDLL(str(find_resutils()))
        return _resutils
