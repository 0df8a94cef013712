//! Builds and runs the C and C++ client programs of `capi/tests/c/`, for two test crates:
//! `capi/tests/suite/c_clients.rs` links them with `libclusapi` (UTF-16 `WCHAR`, so they are
//! compiled with `-fshort-wchar`), and `capi/native/tests/programs/c_clients.rs` links the same
//! programs, unchanged, with `libclusapi_native` (the compiler's own 4-byte `wchar_t`, no
//! flag). Which one a crate gets follows from the package it belongs to. The programs are
//! run, and with `CLUSAPI_SIM_VALGRIND=1` run again under valgrind (no invalid access, no
//! definite leak).
//!
//! Environment: `CC` / `CXX` pick the compilers (default `cc` / `c++`);
//! `CLUSAPI_SIM_MINGW_INCLUDE` names a directory with MinGW-w64's `clusapi.h` for the
//! conformance test (default `/usr/share/mingw-w64/include`); `CLUSAPI_SIM_VALGRIND=1` adds
//! the valgrind pass ([`valgrind_pass`]). Under `CI`, a missing header fails the test
//! instead of skipping that part; with `CLUSAPI_SIM_VALGRIND=1`, so does a missing valgrind.

// Each test crate that includes this module uses a part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Whether this crate links `libclusapi_native` (the native package's tests) rather than
/// `libclusapi`.
pub fn native() -> bool {
    env!("CARGO_PKG_NAME") == "clusapi-sim-capi-native"
}

/// The library's file name stem: `libclusapi` or `libclusapi_native`.
pub fn lib_name() -> &'static str {
    if native() { "libclusapi_native" } else { "libclusapi" }
}

/// `capi/`, whichever package includes this module.
pub fn capi_dir() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    if native() { manifest.parent().expect("capi/native is in capi/").to_path_buf() } else { manifest }
}

/// Where cargo put the library's `.a` and `.so` for this test run: beside the test binary
/// in `target/<profile>/deps` (cargo builds every crate type of the package's library for
/// its tests), else `target/<profile>` after a `cargo build`.
pub fn lib_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let deps = exe.parent().expect("target/<profile>/deps").to_path_buf();
    let candidates = [deps.clone(), deps.parent().map(Path::to_path_buf).unwrap_or_default()];
    let files = [format!("{}.a", lib_name()), format!("{}.so", lib_name())];
    candidates.into_iter().find(|dir| files.iter().all(|lib| dir.join(lib).exists())).unwrap_or_else(|| {
        panic!("{} / {} not found in {} or its parent", files[0], files[1], deps.display())
    })
}

pub fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// Says that a check did not run, where the person running the tests sees it: straight to
/// the process's standard error, which the test harness does not capture (`eprintln!` in a
/// passing test would be swallowed, and the test would look like a check that ran).
pub fn skipped(what: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr().lock(), "\nSKIPPED (not a pass): {what}");
}

pub fn show(out: &Output) -> String {
    format!(
        "status {}\nstdout:\n{}\nstderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A scratch directory for one source's executable, in the target directory's scratch area
/// (`CARGO_TARGET_TMPDIR`), under a fixed name: each run replaces the previous one's
/// executables (some 40 MB each when linked with the static library and its debug info)
/// instead of leaving a new set in the system's temporary directory, as per-process names
/// in `/tmp` did.
pub fn scratch(name: &str) -> PathBuf {
    // One area per library: both test crates share the scratch area, and each keeps its
    // own builds of the same sources (see `compile_path`).
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("c-clients").join(lib_name()).join(name);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

/// How a program is linked.
pub enum Link {
    /// `-L <dir> -lclusapi` (or `-lclusapi_native`), as Windows code links the import library
    /// `clusapi.lib`, with the directory as the executable's run path. The client programs
    /// link so: a link takes a tenth of a second, where the 100 MB static library takes
    /// three seconds a program.
    Shared,
    /// The static library and the libraries a Rust static library needs.
    Static,
    /// `libresutils.a`, then the static library: as a program that calls `resutils.dll`'s
    /// helpers links `ResUtils.lib` beside `ClusAPI.lib` on Windows.
    StaticWithResutils,
    /// `-lresutils` and the library's `-l` name, as shared libraries found in
    /// [`lib_dir`] (`-L`); run the program with [`run_in_lib_dir`].
    SharedWithResutils,
    /// Nothing but `-ldl`: the program loads the shared library itself.
    Dlopen,
}

/// The library's `-l` name: `clusapi` or `clusapi_native`.
pub fn link_name() -> &'static str {
    lib_name().trim_start_matches("lib")
}

/// Where cargo put `libresutils.a` and `.so`: it is a dev-dependency of both test crates, so
/// its library is built into the same `deps` directory as this crate's before the tests run.
pub fn resutils_dir() -> PathBuf {
    let dir = lib_dir();
    for file in ["libresutils.a", "libresutils.so"] {
        assert!(
            dir.join(file).exists(),
            "{file} not found in {} (capi/resutils, a dev-dependency)",
            dir.display()
        );
    }
    dir
}

/// Compiles `source` of `capi/tests/c/` (C, or C++ for `.cpp`) and returns the executable.
pub fn compile(source: &str, extra_include: Option<&Path>, flags: &[&str], link: Link) -> PathBuf {
    compile_path(&capi_dir().join("tests/c").join(source), extra_include, flags, link)
}

/// Compiles the C (or, for `.cpp`, C++) file `src` and returns the executable.
pub fn compile_path(src: &Path, extra_include: Option<&Path>, flags: &[&str], link: Link) -> PathBuf {
    let source = src.file_name().and_then(|n| n.to_str()).expect("a source file name");
    let cpp = source.ends_with(".cpp");
    let compiler = if cpp {
        std::env::var("CXX").unwrap_or_else(|_| "c++".into())
    } else {
        std::env::var("CC").unwrap_or_else(|_| "cc".into())
    };
    let exe = scratch(source).join(source.replace('.', "_"));
    let mut cmd = Command::new(&compiler);
    cmd.args(["-g", "-Wall", "-Wextra", "-Werror"]).args(flags);
    if !native() {
        // libclusapi's WCHAR is UTF-16: L"..." must be too.
        cmd.arg("-fshort-wchar");
    }
    if let Some(dir) = extra_include {
        cmd.arg("-I").arg(dir);
    }
    cmd.arg("-I").arg(capi_dir().join("include"));
    cmd.arg("-I").arg(capi_dir().join("include/compat"));
    cmd.arg(src).arg("-o").arg(&exe);
    match link {
        Link::Shared => {
            let dir = lib_dir();
            let name = lib_name().strip_prefix("lib").expect("lib prefix");
            // DT_RPATH, not DT_RUNPATH (`--disable-new-dtags`): the loader searches it
            // before LD_LIBRARY_PATH, where `cargo test` puts `target/<profile>` ahead of
            // `deps/`, and the `libclusapi.so` a `cargo build` left there may be stale.
            cmd.arg("-L").arg(&dir).arg(format!("-l{name}"));
            cmd.arg("-Wl,--disable-new-dtags").arg(format!("-Wl,-rpath,{}", dir.display()));
        }
        Link::Static => {
            cmd.arg(lib_dir().join(format!("{}.a", lib_name()))).args(["-lpthread", "-ldl", "-lm"]);
        }
        Link::StaticWithResutils => {
            cmd.arg(resutils_dir().join("libresutils.a"));
            cmd.arg(lib_dir().join(format!("{}.a", lib_name()))).args(["-lpthread", "-ldl", "-lm"]);
        }
        Link::SharedWithResutils => {
            cmd.arg("-L").arg(resutils_dir()).arg("-lresutils").arg(format!("-l{}", link_name()));
        }
        Link::Dlopen => {
            cmd.arg("-ldl");
        }
    }
    // The same command on the same inputs made this executable already (the valgrind pass
    // runs the tests a second time; C++ sources and the 100 MB static library take seconds):
    // keep it. Any change to the command, the source, a header or a library recompiles.
    let stamp = exe.with_extension("inputs");
    let inputs = compile_inputs(&cmd, src, extra_include);
    if exe.exists() && std::fs::read_to_string(&stamp).is_ok_and(|old| old == inputs) {
        return exe;
    }
    let _ = std::fs::remove_file(&stamp);
    let out = cmd.output().unwrap_or_else(|e| panic!("cannot run {compiler}: {e}"));
    assert!(out.status.success(), "compiling {source} failed:\n{}", show(&out));
    std::fs::write(&stamp, inputs).expect("write the compile stamp");
    exe
}

/// What a compile depends on, as text: the command line, and the length and modification
/// time of the source, of every header the include directories hold (and `tests/c/`'s
/// `check.h`), and of every library file in [`lib_dir`].
fn compile_inputs(cmd: &Command, src: &Path, extra_include: Option<&Path>) -> String {
    use std::fmt::Write as _;
    let mut text = format!("{cmd:?}\n");
    let mut note = |path: &Path| {
        if let Ok(meta) = std::fs::metadata(path) {
            let modified = meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
            let _ = writeln!(text, "{} {} {:?}", path.display(), meta.len(), modified);
        }
    };
    note(src);
    let dirs = [
        capi_dir().join("include"),
        capi_dir().join("include/compat"),
        capi_dir().join("tests/c"),
        lib_dir(),
    ];
    for dir in dirs.iter().map(PathBuf::as_path).chain(extra_include) {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                name.ends_with(".h") || name.ends_with(".so") || name.ends_with(".a")
            })
            .collect();
        files.sort();
        files.iter().for_each(|f| note(f));
    }
    text
}

/// `valgrind` as the client programs run under it: any invalid access or definite leak
/// fails (exit 99); the suppressions (`capi/valgrind.supp`) are glibc's vectorised
/// `wmemcmp` loads past a block's end, which decide nothing. `--read-inline-info=no`: the
/// library's inlining tables are most of what valgrind reads at start (a quarter of each
/// run); a report then names the function a frame was inlined into, not the inlined one.
pub fn valgrind() -> Command {
    let mut cmd = Command::new("valgrind");
    cmd.args(["--quiet", "--error-exitcode=99", "--leak-check=full", "--errors-for-leak-kinds=definite"])
        .args(["--show-leak-kinds=definite", "--read-inline-info=no"])
        .arg(format!("--suppressions={}", capi_dir().join("valgrind.supp").display()));
    cmd
}

/// Whether the programs also run under valgrind: `CLUSAPI_SIM_VALGRIND=1`, which `.ci/run`
/// sets in a step of its own after the README's test command. Off by default because it is
/// most of the C tests' time (each run under valgrind takes about 2.5 s of CPU against 10 ms
/// without: about 100 s for the two libraries' programs on two cores), and a plain
/// `cargo test` is what a developer runs after each edit. Asked for, valgrind must be
/// installed: a missing one fails the test, never a pass that checked nothing.
pub fn valgrind_pass() -> bool {
    static ANNOUNCED: std::sync::Once = std::sync::Once::new();
    let wanted = std::env::var_os("CLUSAPI_SIM_VALGRIND").is_some_and(|v| !v.is_empty() && v != "0");
    if wanted {
        let installed = Command::new("valgrind").arg("--version").output().is_ok_and(|o| o.status.success());
        assert!(installed, "CLUSAPI_SIM_VALGRIND is set, but valgrind does not run");
    } else {
        ANNOUNCED.call_once(|| {
            skipped("the valgrind pass of the C programs (CLUSAPI_SIM_VALGRIND=1 runs it; CI does)")
        });
    }
    wanted
}

/// Runs the program, then again under valgrind if [`valgrind_pass`].
pub fn run(exe: &Path, args: &[&Path]) {
    run_with(exe, args, None);
}

/// [`run`] for a program linked with [`Link::SharedWithResutils`]: the dynamic loader finds
/// the libraries in [`lib_dir`] (`LD_LIBRARY_PATH`).
pub fn run_in_lib_dir(exe: &Path) {
    run_with(exe, &[], Some(&lib_dir()));
}

fn run_with(exe: &Path, args: &[&Path], library_path: Option<&Path>) {
    let env = |cmd: &mut Command| {
        if let Some(dir) = library_path {
            cmd.env("LD_LIBRARY_PATH", dir);
        }
    };
    let mut cmd = Command::new(exe);
    env(&mut cmd);
    let out = cmd.args(args).output().expect("run the program");
    assert!(out.status.success(), "{} failed:\n{}", exe.display(), show(&out));
    if !valgrind_pass() {
        return;
    }
    let mut cmd = valgrind();
    env(&mut cmd);
    let out = cmd.arg(exe).args(args).output().expect("run valgrind");
    assert!(out.status.success(), "{} under valgrind:\n{}", exe.display(), show(&out));
}

/// `client_resutils.c` (`<ResApi.h>`, the five `resutils.dll` helpers) linked as Windows code
/// links it, `libresutils` beside this crate's library: statically, then as shared libraries
/// (`-lresutils -l<library>`, the command line a user types), each run and run under
/// valgrind. And the link errors that keep a program from running without the other half:
/// the helpers with `-l<library>` alone are undefined (as without `ResUtils.lib`), and
/// `-lresutils` alone leaves the `ClusSimResUtils*` symbols it forwards to undefined.
pub fn resutils_clients() {
    run(&compile("client_resutils.c", None, &[], Link::StaticWithResutils), &[]);
    let exe = compile("client_resutils.c", None, &[], Link::SharedWithResutils);
    run_in_lib_dir(&exe);

    let src = capi_dir().join("tests/c/client_resutils.c");
    let half = |libs: &[String], missing: &str| {
        let compiler = std::env::var("CC").unwrap_or_else(|_| "cc".into());
        let mut cmd = Command::new(&compiler);
        if !native() {
            cmd.arg("-fshort-wchar");
        }
        cmd.arg("-I").arg(capi_dir().join("include")).arg("-I").arg(capi_dir().join("include/compat"));
        cmd.arg(&src)
            .arg("-o")
            .arg(scratch("resutils-half").join("client"))
            .arg("-L")
            .arg(lib_dir())
            .args(libs);
        let out = cmd.output().unwrap_or_else(|e| panic!("cannot run {compiler}: {e}"));
        assert!(!out.status.success(), "linked with {libs:?} only:\n{}", show(&out));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(&format!("undefined reference to `{missing}")), "{libs:?}:\n{}", show(&out));
    };
    half(&[format!("-l{}", link_name())], "ClusterPrepareSharedVolumeForBackup");
    half(&["-lresutils".to_owned()], "ClusSimResUtilsPrepareSharedVolumeForBackup");
}

/// The real MinGW-w64 `clusapi.h` (the public-domain copy of the Windows SDK's), alone in
/// an include directory, compiles a client that links with the library and runs. Where the
/// header is not installed: a failure under CI, a visible skip otherwise.
pub fn mingw_conformance() {
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

/// The tests of every client program, for the crate that expands it: each compiled, linked
/// with this crate's library, and run (and run under valgrind).
#[macro_export]
macro_rules! client_tests {
    ($( $(#[$doc:meta])* $test:ident: $source:literal $(, $flag:literal)*; )*) => {$(
        $(#[$doc])*
        #[test]
        fn $test() {
            c_build::run(&c_build::compile($source, None, &[$($flag),*], c_build::Link::Shared), &[]);
        }
    )*};
}

/// The client programs, as (test, source [, compiler flags]).
#[macro_export]
macro_rules! every_client {
    () => {
        $crate::client_tests! {
            seed_scenario_in_c: "client_seed.c";
            every_function_in_c: "client_functions.c";
            control_operations_in_c: "client_control.c";
            machine_names_in_c: "client_names.c";
            group_types_and_create_cluster_group_ex_in_c: "client_group_type.c";
            dependency_expressions_in_c: "client_dependency.c";
            group_and_resource_ex_enumerations_in_c: "client_enum_ex.c";
            classic_calls_in_c: "client_classic.c";
            polling_pending_transitions_in_c: "client_polling.c";
            timed_pending_transitions_in_c: "client_timed.c";
            drain_and_failback_in_c: "client_drain.c";
            failover_levers_in_c: "client_failover.c";
            notifications_in_c: "client_notify.c";
            /// Version 2: owner changes on a move (`GROUP_OWNER_NODE_V2`, the nodes'
            /// `GROUP_LOST_V2` / `GROUP_GAINED_V2`), and flags never raised refused.
            notifications_v2_in_c: "client_notify_v2.c";
            reads_configuration_through_the_cluster_registry: "client_registry.c";
            bad_input_in_c: "client_bad_input.c";
            c_monitoring_exporter_reads_every_property_list: "client_exporter.c";
            cpp_client_with_raii: "client_raii.cpp", "-std=c++17";
            simulators_created_bound_and_destroyed_on_threads_in_c: "client_parallel.c";
            the_leak_report_names_the_c_caller: "client_leak_callers.c";
            /// Names, property lists, MULTI_SZ and registry text beyond ASCII (a character
            /// beyond U+FFFF: 2 WCHARs in UTF-16, 1 in UTF-32), counted in this build's WCHARs.
            strings_beyond_ascii_in_this_build_s_wchar: "client_wide_strings.c";
            /// Every disk's partitions through the size probe, printed; a backup agent on a
            /// Cluster Shared Volume whose owner crashes mid-backup.
            disks_and_a_backup_agent_on_a_csv_in_c: "client_storage.c";
            /// docs/cookbook.md's C recipe: a simulator of its own, the size probe, the leak count.
            cookbook_c_test_with_its_own_simulator: "cookbook_own_simulator.c";
        }

        /// The five `resutils.dll` helpers through `libresutils`, linked beside the library
        /// statically and as shared libraries; and the link errors of either half alone.
        #[test]
        fn resutils_helpers_in_c_through_libresutils() {
            c_build::resutils_clients();
        }

        #[test]
        fn dlopen_and_the_pclusapi_types() {
            let exe = c_build::compile("client_dlopen.c", None, &[], c_build::Link::Dlopen);
            c_build::run(&exe, &[&c_build::lib_dir().join(format!("{}.so", c_build::lib_name()))]);
        }

        #[test]
        fn the_real_mingw_clusapi_h_compiles_and_links() {
            c_build::mingw_conformance();
        }
    };
}
