//! Builds the Windows-style ClusAPI client programs of `capi/tests/windows/` the way a new
//! user on Linux would, with nothing but include paths and the library:
//!
//! ```text
//! cc  -I capi/include -I capi/include/compat cluster_inventory.c -lclusapi_native -o cluster_inventory
//! c++ -I capi/include -I capi/include/compat resource_props.cpp  -lclusapi_native -o resource_props
//! ```
//!
//! (`LIBRARY_PATH` and `LD_LIBRARY_PATH` name the directory of `libclusapi_native.so`, so the
//! command line stays that), runs each against `capi/tests/windows/cluster.toml`
//! (`CLUSAPI_SIM_TOPOLOGY`), checks lines of its output that prove the strings crossed the
//! wchar_t ABI whole (node, group and resource names, property values, error codes), and
//! with `CLUSAPI_SIM_VALGRIND=1` runs it again under valgrind (no invalid access, no definite
//! leak, the same output; `.ci/run` does, in a step of its own).
//!
//! Environment: `CC` / `CXX` pick the compilers (default `cc` / `c++`). A missing compiler
//! skips what needs it, visibly, outside CI and fails the test under `CI`.

use std::path::{Path, PathBuf};
use std::process::Command;

// The helpers capi's C-client runners share (which library, where cargo put it, skips).
use crate::c_build;
use c_build::{capi_dir, in_ci, lib_dir, show, skipped};

fn sources_dir() -> PathBuf {
    capi_dir().join("tests/windows")
}

/// A tool's name if it runs (`--version`), else None after reporting the skip (a failure
/// under CI).
fn tool(var: &str, default: &str) -> Option<String> {
    let name = std::env::var(var).unwrap_or_else(|_| default.into());
    if Command::new(&name).arg("--version").output().is_ok_and(|o| o.status.success()) {
        return Some(name);
    }
    assert!(!in_ci(), "{name} is not installed; CI needs it to build capi/tests/windows");
    skipped(&format!("{name} is not installed: capi/tests/windows NOT built"));
    None
}

/// Compiles `source` of `capi/tests/windows/` with exactly `-I capi/include -I
/// capi/include/compat <source> -l<library>`, into the target directory's scratch area.
fn compile(source: &str, library: &str) -> Option<PathBuf> {
    let cpp = source.ends_with(".cpp");
    let compiler = if cpp { tool("CXX", "c++")? } else { tool("CC", "cc")? };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("windows-sources").join(library);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    let exe = dir.join(source.replace('.', "_"));
    let include = capi_dir().join("include");
    let out = Command::new(&compiler)
        .arg("-I")
        .arg(&include)
        .arg("-I")
        .arg(include.join("compat"))
        .arg(sources_dir().join(source))
        .arg(format!("-l{library}"))
        .arg("-o")
        .arg(&exe)
        .env("LIBRARY_PATH", lib_dir())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {compiler}: {e}"));
    assert!(out.status.success(), "compiling {source} unchanged failed:\n{}", show(&out));
    Some(exe)
}

/// The programs' environment: the library's directory and the topology. The locale
/// variables are removed: the programs must print UTF-8 without one (and the test's locale
/// must not change what they read or print).
fn environment<'a>(cmd: &'a mut Command, topology: &Path) -> &'a mut Command {
    cmd.env("LD_LIBRARY_PATH", lib_dir())
        .env("CLUSAPI_SIM_TOPOLOGY", topology)
        .env_remove("LC_ALL")
        .env_remove("LC_CTYPE")
        .env_remove("LANG")
}

fn topology() -> PathBuf {
    sources_dir().join("cluster.toml")
}

/// The same cluster, where every group and resource operation answers ERROR_IO_PENDING and
/// completes after `polls` state queries, as on a real cluster.
fn pending_topology(polls: u32) -> PathBuf {
    let text = std::fs::read_to_string(topology()).expect("cluster.toml");
    let path =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("windows-sources/cluster-pending-{polls}.toml"));
    std::fs::create_dir_all(path.parent().expect("a directory")).expect("scratch directory");
    // Top-level keys come before the first table.
    std::fs::write(&path, format!("pending_transitions = {polls}\n{text}")).expect("write the topology");
    path
}

/// Runs the program with `args`, expecting exit status `code`, then, with
/// `CLUSAPI_SIM_VALGRIND=1`, again under valgrind (same status, same output, no error, no
/// definite leak). Returns its standard output.
fn run(exe: &Path, args: &[&str], code: i32) -> String {
    run_in(&topology(), exe, args, code)
}

/// `run` against another topology file.
fn run_in(topology: &Path, exe: &Path, args: &[&str], code: i32) -> String {
    let out = environment(Command::new(exe).args(args), topology).output().expect("run the program");
    assert_eq!(out.status.code(), Some(code), "{} {args:?}:\n{}", exe.display(), show(&out));
    let stdout = String::from_utf8(out.stdout).unwrap_or_else(|e| panic!("output is not UTF-8: {e}"));

    if c_build::valgrind_pass() {
        let mut cmd = c_build::valgrind();
        cmd.arg(exe).args(args);
        let out = environment(&mut cmd, topology).output().expect("run valgrind");
        assert_eq!(
            out.status.code(),
            Some(code),
            "{} {args:?} under valgrind:\n{}",
            exe.display(),
            show(&out)
        );
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            stdout,
            "{} prints something else under valgrind:\n{}",
            exe.display(),
            show(&out)
        );
    }
    stdout
}

/// Every line of `want` is a line of `output`.
fn assert_lines(output: &str, want: &[&str]) {
    let lines: Vec<&str> = output.lines().collect();
    for line in want {
        assert!(lines.contains(line), "no line {line:?} in the output:\n{output}");
    }
}

#[test]
fn the_crt_shims_follow_msvc() {
    let Some(exe) = compile("crt_shims.c", "clusapi_native") else { return };
    let out = run(&exe, &["Köln 💾"], 0);
    // printf and wprintf share stdout in order, and the wide text arrives as UTF-8.
    assert!(out.starts_with("narrow 1\nwide 2: Köln\nnarrow 3\n"), "{out}");
    let checks = out.lines().last().expect("a summary line");
    assert!(checks.starts_with("ok ") && checks.ends_with(" checks, 0 failed"), "{out}");
    let n: u32 = checks["ok ".len()..].split(' ').next().and_then(|n| n.parse().ok()).expect("a count");
    assert!(n >= 40, "only {n} checks ran");
}

#[test]
fn cluster_inventory_c() {
    let Some(exe) = compile("cluster_inventory.c", "clusapi_native") else { return };
    let out = run(&exe, &[], 0);
    assert_lines(
        &out,
        &[
            "Cluster CONTOSO-CLU: Windows 10.0 build 20348, cluster version 11.20348",
            "9 objects",
            "Node HV-NODE1   id 1: Up",
            "Node HV-NODE3   id 3: Up",
            "Network 'Management': Up",
            "Group 'Cluster Group': Online, owner HV-NODE1 *",
            "    Resource 'Cluster IP Address' (18 chars): Online on HV-NODE1",
            "Group 'SQL Server (MSSQLSERVER)': Online, owner HV-NODE1 *",
            "    Resource 'SQL Network Name (SQLPROD)' (26 chars): Online on HV-NODE1",
            "Group 'Dateiserver Köln': Online, owner HV-NODE2 *",
            // 13 characters in UTF-16 (the floppy disk is a surrogate pair), 12 in UTF-32.
            "    Resource 'Freigabe Ü 💾' (12 chars): Online on HV-NODE2",
            "Group 'Available Storage': Offline, owner HV-NODE1 -",
            "Total: 3 nodes, 2 networks, 4 groups, 6 resources",
        ],
    );
}

#[test]
fn group_mover_c() {
    let Some(exe) = compile("group_mover.c", "clusapi_native") else { return };
    let out = run(&exe, &["Dateiserver Köln", "HV-NODE3"], 0);
    assert_lines(
        &out,
        &[
            "Group \"Dateiserver Köln\" is online on HV-NODE2",
            "Moving \"Dateiserver Köln\" to HV-NODE3...",
            "Owner is now HV-NODE3 (state 0)",
            "Group \"Dateiserver Köln\" is online on HV-NODE3",
        ],
    );
    // Each run starts from the topology again: the group is back on HV-NODE2.
    let out = run(&exe, &["Dateiserver Köln", "HV-NODE9"], 1);
    assert_lines(&out, &["GroupMover: 0x800713B2"]); // HRESULT_FROM_WIN32(ERROR_CLUSTER_NODE_NOT_FOUND)
    let out = run(&exe, &["dateiserver köln", "hv-node2"], 0);
    assert_lines(&out, &["Already on hv-node2: nothing to move"]);
    // On a cluster whose operations take a few polls, as real ones do: the wait loop.
    let out = run_in(&pending_topology(3), &exe, &["SQL Server (MSSQLSERVER)", "HV-NODE2"], 0);
    assert_lines(
        &out,
        &[
            "MoveClusterGroup returned ERROR_IO_PENDING (997): waiting",
            "Owner is now HV-NODE2 (state 0)",
            "Group \"SQL Server (MSSQLSERVER)\" is online on HV-NODE2",
        ],
    );
}

#[test]
fn registry_reader_c() {
    let Some(exe) = compile("registry_reader.c", "clusapi_native") else { return };
    let out = run(&exe, &["SQL Server"], 0);
    assert_lines(
        &out,
        &[
            "Resource SQL Server runs service \"MSSQLSERVER\" (from the cluster database)",
            "[SQL Server\\Parameters]",
            "  ServiceName          = REG_SZ \"MSSQLSERVER\"",
            "  StartupParameters    = REG_SZ \"-T1222\"",
            "NoSuchValue: error 2",
        ],
    );
    let out = run(&exe, &["Freigabe Ü 💾"], 0);
    assert_lines(
        &out,
        &[
            "Resource Freigabe Ü 💾 runs service \"LanmanServer\" (from the cluster database)",
            "[Freigabe Ü 💾\\Parameters]",
            "  ServiceName          = REG_SZ \"LanmanServer\"",
        ],
    );
    // An IP Address resource has no ServiceName: the error, and its other values.
    let out = run(&exe, &["SQL IP Address 1 (SQLPROD)"], 0);
    assert_lines(&out, &["ServiceName: error 2", "  Address              = REG_SZ \"10.0.0.50\""]);
    let out = run(&exe, &["No Such Resource"], 3);
    assert_lines(&out, &["OpenClusterResource(No Such Resource): error 5007"]);
}

#[test]
fn resource_props_cpp() {
    let Some(exe) = compile("resource_props.cpp", "clusapi_native") else { return };
    let out = run(&exe, &["SQL Server (MSSQLSERVER)"], 0);
    assert_lines(
        &out,
        &[
            "Resource: SQL IP Address 1 (SQLPROD) (26 characters)",
            "  Type: IP Address",
            "    Address = \"10.0.0.50\"",
            "    SubnetMask = \"255.255.255.0\"",
            "    EnableNetBIOS = 1",
            "Resource: SQL Server (10 characters)",
            "  Type: Generic Service",
            "    ServiceName = \"MSSQLSERVER\"",
            "    StartupParameters = \"-T1222\"",
        ],
    );
    let out = run(&exe, &["Dateiserver Köln"], 0);
    assert_lines(&out, &["Resource: Freigabe Ü 💾 (12 characters)", "    ServiceName = \"LanmanServer\""]);
    let out = run(&exe, &["No Such Group"], 1);
    assert_lines(&out, &["error 5013 (HRESULT 0x80071395)"]);
}

#[test]
fn notify_watch_cpp() {
    let Some(exe) = compile("notify_watch.cpp", "clusapi_native") else { return };
    let out = run(&exe, &["Dateiserver Köln"], 0);
    assert_lines(
        &out,
        &[
            "Taking \"Dateiserver Köln\" offline",
            "  event GROUP_STATE key 24301: Dateiserver Köln",
            "  event RESOURCE_STATE key 24301: Freigabe Ü 💾",
            "Bringing \"Dateiserver Köln\" online",
        ],
    );
    let counts: Vec<&str> = out.lines().filter(|l| l.ends_with(" events")).collect();
    assert_eq!(counts.len(), 2, "{out}");
    assert!(counts.iter().all(|c| *c != "0 events"), "{out}");
    let out = run(&exe, &["No Such Group"], 3);
    assert_lines(&out, &["OpenClusterGroup(No Such Group) failed: 5013"]);
}

#[test]
fn clusprop_cpp() {
    let Some(exe) = compile("clusprop.cpp", "clusapi_native") else { return };
    let out = run(&exe, &["group", "Dateiserver Köln"], 0);
    assert_lines(&out, &["Listing properties for 'Dateiserver Köln':"]);
    let row =
        |t: &str, name: &str, value: &str| format!("{t:<3}{:<26} {name:<28} {value}", "Dateiserver Köln");
    for want in [
        row("D", "Priority", "2000 (0x7d0)"),
        row("D", "FailoverThreshold", "4294967295 (0xffffffff)"), // %lu: a DWORD, 32 bits
        row("SR", "Name", "Dateiserver Köln"),
        row("DR", "GroupType", "9999 (0x270f)"),
    ] {
        assert!(out.lines().any(|l| l == want), "no line {want:?} in:\n{out}");
    }
    let out = run(&exe, &["RESOURCE", "SQL IP Address 1 (SQLPROD)", "/priv"], 0);
    let row = |t: &str, name: &str, value: &str| {
        format!("{t:<3}{:<26} {name:<28} {value}", "SQL IP Address 1 (SQLPROD)")
    };
    for want in [
        row("S", "Address", "10.0.0.50"),
        row("S", "SubnetMask", "255.255.255.0"),
        row("D", "EnableNetBIOS", "1 (0x1)"),
    ] {
        assert!(out.lines().any(|l| l == want), "no line {want:?} in:\n{out}");
    }
    let out = run(&exe, &["node", "HV-NODE7"], 1);
    assert_lines(&out, &["System error 5042 has occurred (0x000013b2)."]);
}

/// A program built for 4-byte wchar_t but linked with libclusapi (UTF-16) stops before
/// main, saying what to link, instead of passing strings the library misreads.
#[test]
fn linking_the_utf16_library_with_4_byte_wchar_t_aborts_with_what_to_link() {
    let dir = lib_dir();
    if !dir.join("libclusapi.so").exists() {
        assert!(!in_ci(), "libclusapi.so is not beside libclusapi_native.so in {}", dir.display());
        skipped("libclusapi.so is not built (cargo test --workspace builds it): the ABI check NOT run");
        return;
    }
    let Some(exe) = compile("cluster_inventory.c", "clusapi") else { return };
    let out = environment(&mut Command::new(&exe), &topology()).output().expect("run the program");
    assert!(!out.status.success(), "linked with the wrong library, it ran:\n{}", show(&out));
    assert!(out.stdout.is_empty(), "it printed before the check:\n{}", show(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("compiled with a 4-byte WCHAR but is linked with the library for 2-byte strings; link -lclusapi_native"),
        "{}",
        show(&out)
    );
}

/// The same with the static `libclusapi.a`: the headers' weak reference to
/// `ClusSimWcharSize` finds it because every export refers to it (`capi/src/ffi.rs`), so
/// the archive member that defines it is pulled with the first export the program calls.
#[test]
fn linking_the_static_utf16_library_with_4_byte_wchar_t_aborts_too() {
    let dir = lib_dir();
    let archive = dir.join("libclusapi.a");
    if !archive.exists() {
        assert!(!in_ci(), "libclusapi.a is not beside libclusapi_native.so in {}", dir.display());
        skipped("libclusapi.a is not built (cargo test --workspace builds it): the ABI check NOT run");
        return;
    }
    let Some(compiler) = tool("CC", "cc") else { return };
    let out_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("windows-sources").join("static-utf16");
    std::fs::create_dir_all(&out_dir).expect("scratch directory");
    let exe = out_dir.join("cluster_inventory");
    let include = capi_dir().join("include");
    let built = Command::new(&compiler)
        .arg("-I")
        .arg(&include)
        .arg("-I")
        .arg(include.join("compat"))
        .arg(sources_dir().join("cluster_inventory.c"))
        .arg(&archive)
        .args(["-lpthread", "-ldl", "-lm", "-o"])
        .arg(&exe)
        .output()
        .expect("run the compiler");
    assert!(built.status.success(), "{}", show(&built));
    let out = environment(&mut Command::new(&exe), &topology()).output().expect("run the program");
    assert!(
        !out.status.success() && out.stdout.is_empty(),
        "linked statically with the wrong library, it ran:\n{}",
        show(&out)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("link -lclusapi_native"), "{}", show(&out));
}

/// `#include` lines for every header of `capi/include/compat` (each spelling), and the
/// simulator's own header.
fn every_compat_header() -> String {
    let mut names: Vec<String> = std::fs::read_dir(capi_dir().join("include/compat"))
        .expect("capi/include/compat")
        .map(|e| e.expect("a directory entry").file_name().into_string().expect("a UTF-8 name"))
        .filter(|n| n.ends_with(".h") || n.ends_with(".H"))
        .collect();
    names.sort();
    assert!(names.len() >= 10, "{names:?}");
    for spelling in ["clusapi.h", "ClusAPI.h", "resapi.h", "ResApi.h", "windows.h"] {
        assert!(names.iter().any(|n| n == spelling), "no {spelling} among {names:?}");
    }
    let mut text: String = names.iter().map(|n| format!("#include <{n}>\n")).collect();
    text.push_str("#include <clusapi_sim.h>\n");
    text
}

/// Every compat header, in every spelling, compiles without a warning (`-Wall -Wextra
/// -pedantic -Werror`) as C99, C11 and C++11 to C++20, with either wchar_t size; and two
/// translation units that include them all link into one program (nothing is defined twice)
/// that runs.
#[test]
fn the_compat_headers_are_clean_c_and_cpp_and_define_nothing_twice() {
    let (Some(cc), Some(cxx)) = (tool("CC", "cc"), tool("CXX", "c++")) else { return };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("windows-sources").join("headers");
    std::fs::create_dir_all(&dir).expect("scratch directory");
    let first = dir.join("first_unit.c");
    let second = dir.join("second_unit.c");
    std::fs::write(
        &first,
        format!(
            "{}\nint second_unit(void);\n\
             int main(void) {{\n  HRESULT hr = StringCchCopyW((WCHAR[8]){{0}}, 8, L\"x\");\n\
             return SUCCEEDED(hr) && second_unit() == 2 ? 0 : 1;\n}}\n",
            every_compat_header()
        ),
    )
    .expect("write the first unit");
    std::fs::write(
        &second,
        format!(
            "{}\n#ifdef __cplusplus\nextern \"C\"\n#endif\nint second_unit(void) {{\n  WCHAR name[16];\n  \
             return wcscpy_s(name, ARRAYSIZE(name), L\"ab\") == 0 ? (int)clusapi_sim_wlen(name) : -1;\n}}\n",
            every_compat_header()
        ),
    )
    .expect("write the second unit");
    let include = capi_dir().join("include");
    let strict = ["-Wall", "-Wextra", "-pedantic", "-Werror", "-fsyntax-only"];
    for (compiler, lang, stds) in [
        (&cc, "c", &["-std=c99", "-std=c11", "-std=gnu17"][..]),
        (&cxx, "c++", &["-std=c++11", "-std=c++17", "-std=c++20"][..]),
    ] {
        for std in stds {
            for width in [None, Some("-fshort-wchar")] {
                let mut cmd = Command::new(compiler);
                cmd.args(["-x", lang]).arg(std).args(strict).args(width);
                cmd.arg("-I").arg(&include).arg("-I").arg(include.join("compat")).arg(&second);
                let out = cmd.output().expect("run the compiler");
                assert!(out.status.success(), "{compiler} -x {lang} {std} {width:?}:\n{}", show(&out));
            }
        }
    }
    // The compound literal of the first unit is C only: it is linked as C, the second unit
    // both as C and as C++.
    for (compiler, lang) in [(&cc, "c"), (&cxx, "c++")] {
        let exe = dir.join(format!("two_units_{}", lang.replace('+', "p")));
        let mut cmd = Command::new(compiler);
        cmd.arg("-I").arg(&include).arg("-I").arg(include.join("compat"));
        cmd.args(["-x", "c"]).arg(&first).args(["-x", lang]).arg(&second);
        cmd.args(["-x", "none", "-lclusapi_native", "-o"]).arg(&exe).env("LIBRARY_PATH", lib_dir());
        let out = cmd.output().expect("run the compiler");
        assert!(out.status.success(), "linking two units ({lang}):\n{}", show(&out));
        let out = environment(&mut Command::new(&exe), &topology()).output().expect("run the program");
        assert!(out.status.success(), "two units ({lang}):\n{}", show(&out));
    }
}

/// With -fshort-wchar the C library cannot format WCHAR strings: a call to one of MSVC's
/// wide printf names fails to compile, saying what to do, instead of printing garbage.
#[test]
fn msvc_wide_printf_names_refuse_to_compile_with_short_wchar() {
    let Some(cc) = tool("CC", "cc") else { return };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("windows-sources").join("headers");
    std::fs::create_dir_all(&dir).expect("scratch directory");
    let src = dir.join("short_wchar_printf.c");
    std::fs::write(
        &src,
        "#include <windows.h>\nint main(void) {\n  WCHAR buf[8];\n  return swprintf_s(buf, 8, L\"%s\", L\"x\");\n}\n",
    )
    .expect("write the source");
    let include = capi_dir().join("include");
    let out = Command::new(&cc)
        .arg("-fshort-wchar")
        .arg("-I")
        .arg(include.join("compat"))
        .arg("-c")
        .arg(&src)
        .arg("-o")
        .arg(dir.join("short_wchar_printf.o"))
        .output()
        .expect("run the compiler");
    assert!(!out.status.success(), "swprintf_s compiled with -fshort-wchar:\n{}", show(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("build without -fshort-wchar and link -lclusapi_native"), "{}", show(&out));
}

/// Every function that `compat/clusapi.h` declares (`WINAPI Name(`) links with
/// libclusapi_native: a program takes the address of each (`c_clients.rs` of capi does the
/// same with libclusapi).
#[test]
fn every_function_compat_clusapi_h_declares_links_with_libclusapi_native() {
    let Some(cc) = tool("CC", "cc") else { return };
    let header =
        std::fs::read_to_string(capi_dir().join("include/compat/clusapi.h")).expect("compat/clusapi.h");
    let mut names = std::collections::BTreeSet::new();
    for (i, _) in header.match_indices("WINAPI ") {
        let rest = &header[i + "WINAPI ".len()..];
        let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        if name.starts_with(|c: char| c.is_ascii_alphabetic()) && rest[name.len()..].starts_with('(') {
            names.insert(name);
        }
    }
    assert!(names.len() >= 170, "compat/clusapi.h declares {} functions", names.len());
    let entries: String = names.iter().map(|n| format!("  {{\"{n}\", (any_function){n}}},\n")).collect();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("windows-sources").join("headers");
    std::fs::create_dir_all(&dir).expect("scratch directory");
    let src = dir.join("every_function.c");
    std::fs::write(
        &src,
        format!(
            "#include <windows.h>\n#include <clusapi.h>\n#include <clusapi_sim.h>\n\
             typedef void (*any_function)(void);\n\
             static const struct {{ const char *name; any_function address; }} declared[] = {{\n{entries}}};\n\
             int main(void) {{\n  size_t i, n = 0;\n\
             for (i = 0; i < sizeof declared / sizeof declared[0]; i++) n += declared[i].address != NULL;\n\
             printf(\"%u of %u linked\\n\", (unsigned)n, (unsigned)(sizeof declared / sizeof declared[0]));\n\
             return 0;\n}}\n"
        ),
    )
    .expect("write the program");
    let include = capi_dir().join("include");
    let exe = dir.join("every_function");
    let out = Command::new(&cc)
        .args(["-Wall", "-Wextra", "-Werror"])
        .arg("-I")
        .arg(&include)
        .arg("-I")
        .arg(include.join("compat"))
        .arg(&src)
        .args(["-lclusapi_native", "-o"])
        .arg(&exe)
        .env("LIBRARY_PATH", lib_dir())
        .output()
        .expect("run the compiler");
    assert!(out.status.success(), "linking every declared function:\n{}", show(&out));
    let out = environment(&mut Command::new(&exe), &topology()).output().expect("run the program");
    assert!(out.status.success(), "{}", show(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout), format!("{0} of {0} linked\n", names.len()));
}
