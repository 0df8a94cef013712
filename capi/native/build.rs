//! Builds capi's sources with `WCHAR` as the platform's `wchar_t` (see capi/src/wide.rs).
fn main() {
    println!("cargo::rustc-check-cfg=cfg(clusapi_native_wchar)");
    println!("cargo::rustc-cfg=clusapi_native_wchar");
}
