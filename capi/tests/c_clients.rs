//! Compiles the C and C++ client programs in `tests/c/` with the system compilers, links
//! them with `libclusapi` as real client code links with `clusapi.lib`, and runs each (and,
//! where valgrind is installed, runs each again under valgrind: no invalid access, no
//! definite leak).
//!
//! Environment: `CC` / `CXX` pick the compilers (default `cc` / `c++`);
//! `CLUSAPI_SIM_MINGW_INCLUDE` names a directory with MinGW-w64's `clusapi.h` for the
//! conformance test (default `/usr/share/mingw-w64/include`). Under `CI`, a missing header
//! or a missing valgrind fails the test instead of skipping that part.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Where cargo put `libclusapi.{a,so}` for this test run: beside the test binary in
/// `target/<profile>/deps` (cargo builds every crate type of the library for its tests),
/// else `target/<profile>` after a `cargo build`.
fn lib_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let deps = exe.parent().expect("target/<profile>/deps").to_path_buf();
    let candidates = [deps.clone(), deps.parent().map(Path::to_path_buf).unwrap_or_default()];
    candidates
        .into_iter()
        .find(|dir| ["libclusapi.a", "libclusapi.so"].iter().all(|lib| dir.join(lib).exists()))
        .unwrap_or_else(|| {
            panic!("libclusapi.a / libclusapi.so not found in {} or its parent", deps.display())
        })
}

fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// Says that a check did not run, where the person running the tests sees it: straight to
/// the process's standard error, which the test harness does not capture (`eprintln!` in a
/// passing test would be swallowed, and the test would look like a check that ran).
fn skipped(what: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr().lock(), "\nSKIPPED (not a pass): {what}");
}

fn show(out: &Output) -> String {
    format!(
        "status {}\nstdout:\n{}\nstderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A scratch directory for one source's executable, in the target directory's scratch area
/// (`CARGO_TARGET_TMPDIR`), under a fixed name: each run replaces the previous one's
/// executables (some 40 MB each, a static `libclusapi.a` with debug info) instead of leaving
/// a new set in the system's temporary directory, as per-process names in `/tmp` did.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("c-clients").join(name);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

/// How a program is linked.
enum Link {
    /// `libclusapi.a` and the libraries a Rust static library needs.
    Static,
    /// Nothing but `-ldl`: the program loads `libclusapi.so` itself.
    Dlopen,
}

/// Compiles `source` of `tests/c/` (C, or C++ for `.cpp`) and returns the executable.
fn compile(source: &str, extra_include: Option<&Path>, flags: &[&str], link: Link) -> PathBuf {
    compile_path(&manifest_dir().join("tests/c").join(source), extra_include, flags, link)
}

/// Compiles the C (or, for `.cpp`, C++) file `src` and returns the executable.
fn compile_path(src: &Path, extra_include: Option<&Path>, flags: &[&str], link: Link) -> PathBuf {
    let source = src.file_name().and_then(|n| n.to_str()).expect("a source file name");
    let cpp = source.ends_with(".cpp");
    let compiler = if cpp {
        std::env::var("CXX").unwrap_or_else(|_| "c++".into())
    } else {
        std::env::var("CC").unwrap_or_else(|_| "cc".into())
    };
    let exe = scratch(source).join(source.replace('.', "_"));
    let mut cmd = Command::new(&compiler);
    cmd.args(["-g", "-fshort-wchar", "-Wall", "-Wextra", "-Werror"]).args(flags);
    if let Some(dir) = extra_include {
        cmd.arg("-I").arg(dir);
    }
    cmd.arg("-I").arg(manifest_dir().join("include"));
    cmd.arg("-I").arg(manifest_dir().join("include/compat"));
    cmd.arg(src).arg("-o").arg(&exe);
    match link {
        Link::Static => {
            cmd.arg(lib_dir().join("libclusapi.a")).args(["-lpthread", "-ldl", "-lm"]);
        }
        Link::Dlopen => {
            cmd.arg("-ldl");
        }
    }
    let out = cmd.output().unwrap_or_else(|e| panic!("cannot run {compiler}: {e}"));
    assert!(out.status.success(), "compiling {source} failed:\n{}", show(&out));
    exe
}

/// Runs the program, then again under valgrind when it is installed.
fn run(exe: &Path, args: &[&Path]) {
    let out = Command::new(exe).args(args).output().expect("run the program");
    assert!(out.status.success(), "{} failed:\n{}", exe.display(), show(&out));
    let valgrind = Command::new("valgrind").arg("--version").output().is_ok_and(|o| o.status.success());
    if !valgrind {
        assert!(!in_ci(), "valgrind is not installed; CI needs it to check the C clients");
        skipped(&format!("valgrind is not installed: {} ran without it", exe.display()));
        return;
    }
    let out = Command::new("valgrind")
        .args([
            "--quiet",
            "--error-exitcode=99",
            "--leak-check=full",
            "--errors-for-leak-kinds=definite",
            "--show-leak-kinds=definite",
        ])
        .arg(exe)
        .args(args)
        .output()
        .expect("run valgrind");
    assert!(out.status.success(), "{} under valgrind:\n{}", exe.display(), show(&out));
}

#[test]
fn seed_scenario_in_c() {
    run(&compile("client_seed.c", None, &[], Link::Static), &[]);
}

#[test]
fn every_function_in_c() {
    run(&compile("client_functions.c", None, &[], Link::Static), &[]);
}

#[test]
fn control_operations_in_c() {
    run(&compile("client_control.c", None, &[], Link::Static), &[]);
}

#[test]
fn machine_names_in_c() {
    run(&compile("client_names.c", None, &[], Link::Static), &[]);
}

#[test]
fn group_types_and_create_cluster_group_ex_in_c() {
    run(&compile("client_group_type.c", None, &[], Link::Static), &[]);
}

#[test]
fn dependency_expressions_in_c() {
    run(&compile("client_dependency.c", None, &[], Link::Static), &[]);
}

#[test]
fn group_and_resource_ex_enumerations_in_c() {
    run(&compile("client_enum_ex.c", None, &[], Link::Static), &[]);
}

#[test]
fn classic_calls_in_c() {
    run(&compile("client_classic.c", None, &[], Link::Static), &[]);
}

#[test]
fn polling_pending_transitions_in_c() {
    run(&compile("client_polling.c", None, &[], Link::Static), &[]);
}

#[test]
fn timed_pending_transitions_in_c() {
    run(&compile("client_timed.c", None, &[], Link::Static), &[]);
}

#[test]
fn drain_and_failback_in_c() {
    run(&compile("client_drain.c", None, &[], Link::Static), &[]);
}

#[test]
fn failover_levers_in_c() {
    run(&compile("client_failover.c", None, &[], Link::Static), &[]);
}

#[test]
fn notifications_in_c() {
    run(&compile("client_notify.c", None, &[], Link::Static), &[]);
}

/// Version 2: owner changes on a move (`GROUP_OWNER_NODE_V2`, the nodes' `GROUP_LOST_V2` /
/// `GROUP_GAINED_V2`), and flags never raised refused (issue 12 point 8).
#[test]
fn notifications_v2_in_c() {
    run(&compile("client_notify_v2.c", None, &[], Link::Static), &[]);
}

#[test]
fn reads_configuration_through_the_cluster_registry() {
    run(&compile("client_registry.c", None, &[], Link::Static), &[]);
}

#[test]
fn bad_input_in_c() {
    run(&compile("client_bad_input.c", None, &[], Link::Static), &[]);
}

#[test]
fn c_monitoring_exporter_reads_every_property_list() {
    run(&compile("client_exporter.c", None, &[], Link::Static), &[]);
}

#[test]
fn cpp_client_with_raii() {
    run(&compile("client_raii.cpp", None, &["-std=c++17"], Link::Static), &[]);
}

#[test]
fn simulators_created_bound_and_destroyed_on_threads_in_c() {
    run(&compile("client_parallel.c", None, &[], Link::Static), &[]);
}

#[test]
fn the_leak_report_names_the_c_caller() {
    run(&compile("client_leak_callers.c", None, &[], Link::Static), &[]);
}

#[test]
fn dlopen_and_the_pclusapi_types() {
    let exe = compile("client_dlopen.c", None, &[], Link::Dlopen);
    run(&exe, &[&lib_dir().join("libclusapi.so")]);
}

#[test]
fn the_real_mingw_clusapi_h_compiles_and_links() {
    let dir = std::env::var_os("CLUSAPI_SIM_MINGW_INCLUDE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/share/mingw-w64/include"));
    let header = dir.join("clusapi.h");
    if !header.exists() {
        assert!(
            !in_ci(),
            "no MinGW-w64 clusapi.h at {}: CI must prove conformance (see .ci/run)",
            header.display()
        );
        skipped(&format!(
            "no MinGW-w64 clusapi.h at {}: conformance NOT checked (set CLUSAPI_SIM_MINGW_INCLUDE, see .ci/run)",
            header.display()
        ));
        return;
    }
    // Only that one header: the rest of MinGW's tree is for Windows targets.
    let include = scratch("mingw-include");
    std::fs::copy(&header, include.join("clusapi.h")).expect("copy clusapi.h");
    let exe = compile("client_mingw_conformance.c", Some(&include), &["-fms-extensions"], Link::Static);
    run(&exe, &[]);
}

/// Every prototype of `compat/clusapi.h`, simulated or not, compiles with `<windows.h>` and
/// `<clusapi_sim.h>` under `-Wall -Wextra -Werror` and links with `libclusapi.a`: a program
/// generated from the header's declarations takes the address of each.
#[test]
fn every_compat_prototype_compiles_and_links() {
    let names = common::compat_prototypes();
    assert!(names.len() >= 170, "compat/clusapi.h declares {} functions", names.len());
    let entries: String = names.iter().map(|n| format!("  {{\"{n}\", (any_function){n}}},\n")).collect();
    let c = format!(
        r#"/* Generated by capi/tests/c_clients.rs from the declarations of compat/clusapi.h. */
#include <stdio.h>
#include <windows.h>
#include <clusapi.h>
#include <clusapi_sim.h>

typedef void (*any_function)(void);

static const struct {{
  const char *name;
  any_function address;
}} declared[] = {{
{entries}}};

int main(void) {{
  size_t i;
  for (i = 0; i < sizeof declared / sizeof declared[0]; i++) {{
    if (declared[i].address == NULL) {{
      printf("%s: no address\n", declared[i].name);
      return 1;
    }}
  }}
  return 0;
}}
"#
    );
    let src = scratch("prototypes").join("client_prototypes.c");
    std::fs::write(&src, c).expect("write the generated C file");
    run(&compile_path(&src, None, &["-std=c11"], Link::Static), &[]);
}
