"""Finding libclusapi_native.so, and refusing a library whose WCHAR is not c_wchar."""

import ctypes
from pathlib import Path

import pytest

from clusapi_sim import _library
from conftest import missing
from test_shims import run_python

LIB = _library.LIBRARY_FILE


@pytest.fixture
def no_search(monkeypatch, tmp_path):
    """A search that can only find what the test puts there: no environment, the current
    directory an empty one, and the package as if installed in an empty tree."""
    monkeypatch.delenv(_library.LIBRARY_ENV, raising=False)
    monkeypatch.delenv("CARGO_TARGET_DIR", raising=False)
    cwd = tmp_path / "work" / "sub"
    cwd.mkdir(parents=True)
    monkeypatch.chdir(cwd)
    installed = tmp_path / "site" / "clusapi_sim" / "_library.py"
    monkeypatch.setattr(_library, "__file__", str(installed))
    return tmp_path


def touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"")
    return path


def test_not_found_lists_every_place_it_looked(no_search):
    with pytest.raises(_library.LibraryNotFoundError) as caught:
        _library.find_library()
    message = str(caught.value)
    assert "cargo build -p clusapi-sim-capi-native" in message
    assert _library.LIBRARY_ENV in message
    for place in _library.candidates():
        assert str(place) in message
    assert str(no_search / "work" / "sub" / "target" / "debug" / LIB) in message
    assert str(no_search / "work" / "target" / "release" / LIB) in message
    assert str(no_search / "site" / "target" / "debug" / LIB) in message
    assert isinstance(caught.value, FileNotFoundError)  # as a missing DLL is on Windows


def test_cargo_target_dir_comes_first(no_search, monkeypatch):
    touch(no_search / "work" / "target" / "debug" / LIB)
    chosen = touch(no_search / "elsewhere" / "release" / LIB)
    monkeypatch.setenv("CARGO_TARGET_DIR", str(no_search / "elsewhere"))
    assert _library.find_library() == chosen


def test_a_parent_directorys_target_is_found(no_search):
    found = touch(no_search / "work" / "target" / "release" / LIB)
    assert _library.find_library() == found


def test_debug_before_release(no_search):
    debug = touch(no_search / "work" / "sub" / "target" / "debug" / LIB)
    touch(no_search / "work" / "sub" / "target" / "release" / LIB)
    assert _library.find_library() == debug


def test_beside_the_package_source(no_search):
    # An editable install: python/clusapi_sim/ in the repository, target/ at its root.
    found = touch(no_search / "target" / "debug" / LIB)
    assert _library.find_library() == found


def test_the_environment_variable_wins_and_is_not_second_guessed(no_search, monkeypatch):
    touch(no_search / "work" / "target" / "debug" / LIB)
    chosen = touch(no_search / "custom" / "libmine.so")
    monkeypatch.setenv(_library.LIBRARY_ENV, str(chosen))
    assert _library.find_library() == chosen
    monkeypatch.setenv(_library.LIBRARY_ENV, str(no_search / "nothing.so"))
    with pytest.raises(_library.LibraryNotFoundError, match="names no file"):
        _library.find_library()


def test_the_loaded_library_has_the_platforms_wchar(native_library):
    lib = _library.load()
    size = ctypes.c_uint32.in_dll(lib, "ClusSimWcharSize").value
    assert size == ctypes.sizeof(ctypes.c_wchar) == 4


@pytest.fixture
def utf16_library(native_library) -> Path:
    """libclusapi.so, the UTF-16 build, from the same build as the native one."""
    path = native_library.parent / "libclusapi.so"
    if not path.is_file():
        missing(f"no {path}: build it with `cargo build -p clusapi-sim-capi`")
    return path


def test_the_utf16_library_is_refused_with_a_clear_message(utf16_library):
    with pytest.raises(_library.WrongLibraryError) as caught:
        _library.check_wchar_size(ctypes.CDLL(str(utf16_library)), utf16_library)
    message = str(caught.value)
    assert "2-byte WCHARs (the UTF-16 libclusapi.so)" in message
    assert "Python's c_wchar is 4 bytes" in message
    assert LIB in message


def test_a_client_pointed_at_the_utf16_library_fails_at_load(utf16_library):
    # The mistake as a user makes it: CLUSAPI_SIM_LIBRARY naming the wrong build. The
    # client's WinDLL("clusapi") raises before any name can reach the library cut short.
    result = run_python(
        "import clusapi_sim, ctypes\n"
        "try:\n"
        "    ctypes.WinDLL('clusapi')\n"
        "except clusapi_sim.WrongLibraryError as e:\n"
        "    print('refused:', e)\n",
        **{_library.LIBRARY_ENV: str(utf16_library)},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"refused: {utf16_library} has 2-byte WCHARs")


def test_a_library_without_the_marker_is_refused(tmp_path):
    libc = ctypes.CDLL(None)
    with pytest.raises(_library.WrongLibraryError, match="exports no ClusSimWcharSize"):
        _library.check_wchar_size(libc, Path("libc"))
