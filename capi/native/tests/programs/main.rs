//! The native build's tests, in one binary: capi's C and C++ clients and the Windows-style
//! programs, compiled with the platform's 4-byte `wchar_t` and linked with
//! `libclusapi_native`.

// The C-client runner capi's tests share (which library, where cargo put it, skips).
#[path = "../../../tests/c_build/mod.rs"]
mod c_build;

mod c_clients;
mod windows_sources;
