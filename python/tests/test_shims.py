"""What ``import clusapi_sim`` gives ctypes: Windows sizes, the Windows DLL names, and the
Win32 error functions, each over the simulator's library."""

import builtins
import ctypes
import os
import ctypes.util
import importlib.util
import subprocess
import sys
import sysconfig
from ctypes import wintypes
from pathlib import Path

import pytest

import clusapi_sim
from clusapi_sim import _shims

needs_library = pytest.mark.usefixtures("native_library")


def python(args, **env):
    """Runs a fresh interpreter with ``args`` (for what only a fresh process shows), with
    this clusapi_sim importable whether installed or not."""
    package_root = str(Path(clusapi_sim.__file__).resolve().parent.parent)
    path = os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": path, **env},
        timeout=60,
    )


def run_python(code, **env):
    """Runs ``code`` in a fresh interpreter."""
    return python(["-c", code], **env)


# -- wintypes ------------------------------------------------------------------------


def test_wintypes_have_windows_sizes():
    for name in ("DWORD", "ULONG", "LONG", "BOOL", "UINT", "INT"):
        assert ctypes.sizeof(getattr(wintypes, name)) == 4, name
    assert ctypes.sizeof(wintypes.WORD) == ctypes.sizeof(wintypes.USHORT) == 2
    assert ctypes.sizeof(wintypes.BYTE) == 1
    assert ctypes.sizeof(wintypes.HANDLE) == ctypes.sizeof(ctypes.c_void_p)
    assert ctypes.sizeof(wintypes.WPARAM) == ctypes.sizeof(wintypes.LPARAM) == 8
    assert wintypes.WCHAR is ctypes.c_wchar
    assert wintypes.LPWSTR is wintypes.LPCWSTR is ctypes.c_wchar_p
    assert ctypes.sizeof(wintypes.FILETIME) == 8
    assert ctypes.sizeof(wintypes.RECT) == 16


def test_both_import_forms_give_the_windows_sized_module():
    import ctypes.wintypes as dotted

    assert dotted is wintypes is clusapi_sim.wintypes
    assert sys.modules["ctypes.wintypes"] is clusapi_sim.wintypes


def test_wintypes_imported_before_clusapi_sim_is_replaced():
    result = run_python(
        "import ctypes.wintypes as before, ctypes\n"
        "assert ctypes.sizeof(before.DWORD) == 8\n"
        "import clusapi_sim\n"
        "from ctypes import wintypes\n"
        "import ctypes.wintypes as dotted\n"
        "print(ctypes.sizeof(wintypes.DWORD), ctypes.sizeof(dotted.ULONG), dotted is wintypes)\n"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["4", "4", "True"]


def test_wintypes_defines_every_name_of_the_standard_module():
    # The standard module, loaded from its file under another name (sys.modules now holds
    # ours under "ctypes.wintypes").
    path = Path(sysconfig.get_paths()["stdlib"]) / "ctypes" / "wintypes.py"
    spec = importlib.util.spec_from_file_location("_stdlib_wintypes", path)
    standard = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(standard)
    public = {n for n in vars(standard) if not n.startswith("__") and n != "ctypes"}
    assert public - set(vars(wintypes)) == set()
    # The standard module's own sizes on this platform: what the shim is for.
    assert ctypes.sizeof(standard.DWORD) == ctypes.sizeof(ctypes.c_ulong)


# -- the DLL names -------------------------------------------------------------------


@needs_library
@pytest.mark.parametrize(
    "name",
    ["clusapi", "clusapi.dll", "CLUSAPI.DLL", r"C:\Windows\System32\clusapi.dll", "kernel32"],
)
def test_windows_dll_names_load_the_native_library(name, native_library):
    dll = ctypes.WinDLL(name)
    assert Path(dll._name) == native_library
    assert dll.OpenCluster  # a ClusAPI export


@needs_library
def test_windll_and_oledll_loaders(native_library):
    assert Path(ctypes.windll.clusapi._name) == native_library
    assert Path(ctypes.windll.kernel32._name) == native_library
    assert ctypes.windll.clusapi is ctypes.windll.clusapi  # the loader caches, as on Windows
    assert ctypes.oledll.clusapi._func_restype_ is ctypes.HRESULT


@needs_library
def test_use_last_error_is_accepted(native_library):
    dll = ctypes.WinDLL("clusapi", use_last_error=True)
    dll.OpenCluster.restype = ctypes.c_void_p
    dll.OpenCluster.argtypes = [ctypes.c_wchar_p]
    with clusapi_sim.Simulator():
        assert dll.OpenCluster("NOPE") is None
        assert ctypes.get_last_error() == 1722


def test_other_names_load_as_cdll_does():
    libc = ctypes.WinDLL(ctypes.util.find_library("c"))
    assert libc.strlen(b"abc") == 3


@needs_library
def test_find_library_answers_the_windows_names(native_library):
    assert ctypes.util.find_library("clusapi") == str(native_library)
    assert ctypes.util.find_library("kernel32.dll") == str(native_library)
    assert ctypes.util.find_library("c") is not None  # the original, for other names


@needs_library
def test_an_unsimulated_kernel32_function_says_what_there_is():
    with pytest.raises(AttributeError, match="kernel32.CreateFileW is not simulated"):
        ctypes.windll.kernel32.CreateFileW


def test_windows_names_in_ctypes_and_builtins():
    assert ctypes.WINFUNCTYPE is ctypes.CFUNCTYPE
    assert builtins.WindowsError is clusapi_sim.Win32Error
    assert issubclass(clusapi_sim.Win32Error, OSError)
    assert _shims.simulated_name("C:/x/KERNEL32.dll") == "kernel32"
    assert _shims.simulated_name("advapi32") is None


# -- last error ----------------------------------------------------------------------


@needs_library
def test_get_and_set_last_error_are_the_librarys():
    k32 = ctypes.windll.kernel32
    old = ctypes.set_last_error(5013)
    assert ctypes.get_last_error() == 5013 == k32.GetLastError() == ctypes.GetLastError()
    assert ctypes.set_last_error(old) == 5013
    k32.SetLastError(87)
    assert ctypes.get_last_error() == 87


@needs_library
def test_last_error_is_per_thread():
    import threading

    ctypes.set_last_error(6)
    seen = []
    t = threading.Thread(target=lambda: seen.append(ctypes.get_last_error()))
    t.start()
    t.join()
    assert seen == [0] and ctypes.get_last_error() == 6


# -- WinError, FormatError, FormatMessageW, HRESULT --------------------------------------


def test_win_error_carries_the_code_and_its_text():
    e = ctypes.WinError(5013)
    assert isinstance(e, OSError)
    assert e.winerror == 5013
    assert e.strerror == "The cluster group could not be found."
    assert str(e) == "[WinError 5013] The cluster group could not be found."
    assert e.errno == 22  # EINVAL, as CPython on Windows maps cluster codes
    assert ctypes.WinError(5).errno == 13  # EACCES
    assert ctypes.WinError(42, "mine").strerror == "mine"


@needs_library
def test_win_error_adds_the_simulators_message_for_the_last_failure():
    dll = ctypes.WinDLL("clusapi")
    dll.OpenCluster.restype = ctypes.c_void_p
    dll.OpenCluster.argtypes = [ctypes.c_wchar_p]
    with clusapi_sim.Simulator():
        assert dll.OpenCluster("NOPE") is None
        e = ctypes.WinError()  # the thread's last error by default
        assert e.winerror == 1722
        assert e.strerror.startswith("The RPC server is unavailable. (")
        assert '"NOPE"' in e.strerror
        assert ctypes.get_last_error() == 1722  # reading the message left it alone
        # Another code: only the description, not the last failure's detail.
        assert ctypes.WinError(5013).strerror == "The cluster group could not be found."


def test_format_error():
    assert ctypes.FormatError(6) == "The handle is invalid."
    assert ctypes.FormatError(123456) == "<no description>"  # as Windows says


FORMAT_FLAGS = 0x1000 | 0x200  # FROM_SYSTEM | IGNORE_INSERTS


@needs_library
def test_format_message_w_into_a_buffer():
    k32 = ctypes.windll.kernel32
    buf = ctypes.create_unicode_buffer(256)
    n = k32.FormatMessageW(FORMAT_FLAGS, None, 5042, 0, buf, len(buf), None)
    assert buf.value == "The cluster node was not found.\r\n" and n == len(buf.value)

    small = ctypes.create_unicode_buffer(4)
    assert k32.FormatMessageW(FORMAT_FLAGS, None, 5042, 0, small, len(small), None) == 0
    assert k32.GetLastError() == 122  # ERROR_INSUFFICIENT_BUFFER

    assert k32.FormatMessageW(FORMAT_FLAGS, None, 123456, 0, buf, len(buf), None) == 0
    assert k32.GetLastError() == 317  # ERROR_MR_MID_NOT_FOUND: no text for that id


@needs_library
def test_format_message_w_allocating_and_local_free():
    # A kernel32 of its own: windll.kernel32.FormatMessageW is shared, and the client
    # declared its lpBuffer as LPWSTR (here it is a pointer to one).
    k32 = ctypes.WinDLL("kernel32")
    k32.LocalFree.restype = ctypes.c_void_p
    k32.LocalFree.argtypes = [ctypes.c_void_p]
    out = ctypes.c_wchar_p()
    n = k32.FormatMessageW(FORMAT_FLAGS | 0x100, None, 6, 0, ctypes.byref(out), 0, None)
    assert out.value == "The handle is invalid.\r\n" and n == len(out.value)
    address = ctypes.cast(out, ctypes.c_void_p).value
    assert k32.LocalFree(address) is None  # NULL: freed
    assert k32.LocalFree(address) == address  # not ours any more: handed back
    assert k32.GetLastError() == 6


def test_hresult_raises_for_a_failure():
    assert ctypes.sizeof(ctypes.HRESULT) == 4
    proto = ctypes.CFUNCTYPE(ctypes.HRESULT)
    assert proto(lambda: 0)() == 0  # S_OK: a plain int, as on Windows
    with pytest.raises(OSError) as caught:
        proto(lambda: -2147467263)()  # E_NOTIMPL
    assert caught.value.winerror == -2147467263
