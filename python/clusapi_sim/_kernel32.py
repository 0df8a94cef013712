"""The ``kernel32`` functions a ClusAPI client calls that the library does not export.

The library exports ``GetLastError`` and ``SetLastError``; ``windll.kernel32`` is the
library, plus these, written in Python and handed out as ctypes function pointers (so a
client can set ``argtypes`` / ``restype`` on them and call them as it would the real ones):

* ``FormatMessageW`` with ``FORMAT_MESSAGE_FROM_SYSTEM``: the text of :func:`message`,
  into the caller's buffer or (``FORMAT_MESSAGE_ALLOCATE_BUFFER``) a buffer it allocates;
* ``LocalFree`` for those buffers.
"""

from __future__ import annotations

import ctypes
import threading

from . import _codes, _errors

FORMAT_MESSAGE_ALLOCATE_BUFFER = 0x0100
FORMAT_MESSAGE_IGNORE_INSERTS = 0x0200
FORMAT_MESSAGE_FROM_STRING = 0x0400
FORMAT_MESSAGE_FROM_HMODULE = 0x0800
FORMAT_MESSAGE_FROM_SYSTEM = 0x1000
FORMAT_MESSAGE_MAX_WIDTH_MASK = 0x00FF

ERROR_INVALID_HANDLE = 6
ERROR_INVALID_PARAMETER = 87
ERROR_CALL_NOT_IMPLEMENTED = 120
ERROR_INSUFFICIENT_BUFFER = 122

_u32 = ctypes.c_uint32
FORMAT_MESSAGE_W = ctypes.CFUNCTYPE(
    _u32, _u32, ctypes.c_void_p, _u32, _u32, ctypes.c_void_p, _u32, ctypes.c_void_p
)
LOCAL_FREE = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p)

# The buffers FORMAT_MESSAGE_ALLOCATE_BUFFER handed out, by address, until LocalFree.
_allocated: dict[int, ctypes.Array] = {}
_allocated_lock = threading.Lock()


def _fail(code: int, result=0):
    _errors.set_last_error(code)
    return result


def _format_message_w(flags, _source, message_id, _language, buffer, size, _arguments):
    # A callback must not raise (ctypes would print the exception and return 0 with a
    # stale last error): every failure is a Win32 one.
    try:
        if not flags & FORMAT_MESSAGE_FROM_SYSTEM or flags & (
            FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_FROM_HMODULE
        ):
            # Only the system's message table is simulated.
            return _fail(ERROR_CALL_NOT_IMPLEMENTED)
        if not buffer:
            return _fail(ERROR_INVALID_PARAMETER)
        text = _errors.message(message_id)
        if text is None:
            return _fail(_codes.ERROR_MR_MID_NOT_FOUND)
        if not flags & FORMAT_MESSAGE_MAX_WIDTH_MASK:
            text += "\r\n"  # as Windows' message table ends each text
        if flags & FORMAT_MESSAGE_ALLOCATE_BUFFER:
            out = ctypes.create_unicode_buffer(text, max(len(text) + 1, size))
            with _allocated_lock:
                _allocated[ctypes.addressof(out)] = out
            ctypes.c_void_p.from_address(buffer).value = ctypes.addressof(out)
            return len(text)
        if size < len(text) + 1:
            return _fail(ERROR_INSUFFICIENT_BUFFER)
        wide = ctypes.create_unicode_buffer(text)
        ctypes.memmove(buffer, wide, ctypes.sizeof(wide))
        return len(text)
    except Exception:  # noqa: BLE001 - see above
        return _fail(ERROR_INVALID_PARAMETER)


def _local_free(memory):
    if not memory:
        return None
    with _allocated_lock:
        freed = _allocated.pop(memory, None)
    if freed is None:
        # Not one of ours: Windows answers the handle back, with ERROR_INVALID_HANDLE.
        return _fail(ERROR_INVALID_HANDLE, memory)
    return None


#: name -> a factory of a fresh function pointer (each holds its own argtypes / restype).
EXTRAS = {
    "FormatMessageW": lambda: FORMAT_MESSAGE_W(_format_message_w),
    "LocalFree": lambda: LOCAL_FREE(_local_free),
}
