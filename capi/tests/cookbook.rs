//! `docs/cookbook.md`'s windows-sys and C recipes, checked against the cookbook.
//!
//! Until the capi tests are one `suite` binary (`capi/tests/suite/main.rs`), this file is
//! the module's test binary; then `mod cookbook;` in `suite/main.rs` replaces it.

#[path = "suite/cookbook.rs"]
mod cookbook;
