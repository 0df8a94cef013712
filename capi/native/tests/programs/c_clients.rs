//! capi's C and C++ client programs (`capi/tests/c/`), unchanged, compiled with the
//! compiler's own 4-byte `wchar_t` (no `-fshort-wchar`) and linked with
//! `libclusapi_native`, then run, and with `CLUSAPI_SIM_VALGRIND=1` (CI) run again under
//! valgrind: every string path of the
//! library (names, the buffer protocol, property lists, value lists, registry values, Ex
//! enumeration items, V2 notification payloads) in UTF-32.

use crate::c_build;

crate::every_client!();
