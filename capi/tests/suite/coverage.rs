//! The coverage table: every export of the real `clusapi.dll` (as MinGW-w64's import
//! library lists them, `capi/exports/clusapi-dll.txt`) against this library's exports. Each
//! real export must be exported here, implemented or answering "not implemented" with a
//! reason (a `not_simulated!` entry in the file of its family, `clusapi::NOT_SIMULATED`);
//! each export here must be a real one or a listed simulator addition. The README's table
//! is generated from this (`CLUSAPI_SIM_BLESS=1` rewrites it, otherwise it is checked).
//! And `compat/clusapi.h` declares every real export that the Windows SDK's `clusapi.h`
//! declares.

use std::collections::BTreeSet;

use crate::common;

/// Exports that only the simulator has, and why.
const SIMULATOR_ONLY: &[(&str, &str)] = &[
    ("GetLastError", "the thread's last error (kernel32's on Windows)"),
    ("SetLastError", "the thread's last error (kernel32's on Windows)"),
    ("ClusSimCreate", "test control: a simulator of a test's own"),
    ("ClusSimBindThread", "test control: bind the calling thread to a simulator"),
    ("ClusSimDestroy", "test control: end a simulator of ClusSimCreate"),
    ("ClusSimLastErrorMessage", "test control: why the thread's last call failed"),
    ("ClusSimReset", "test control: forget the process's simulator"),
    ("ClusSimLoadTopology", "test control: load a TOML topology"),
    ("ClusSimOpenHandleCount", "test control: live handles"),
    ("ClusSimLeakReport", "test control: the leak report"),
    ("ClusSimCaptureCallers", "test control: name C callers in the leak report"),
    ("ClusSimStep", "test control: one step of pending transitions"),
    ("ClusSimSettle", "test control: complete every pending transition"),
    ("ClusSimSetPendingDuration", "test control: timed pending transitions"),
    ("ClusSimAdvanceClock", "test control: move simulated time forward"),
    ("ClusSimCrashNode", "test control: crash a node (failover)"),
    ("ClusSimRestoreNode", "test control: restore a crashed node"),
    ("ClusSimStopService", "test control: stop a cluster's service"),
    ("ClusSimStartService", "test control: start it again"),
    ("ClusSimInjectFault", "test control: add a fault-plan rule"),
    ("ClusSimClearFaults", "test control: empty the fault plan"),
    ("ClusSimNetworkDown", "test control: take a network down"),
    ("ClusSimPartitionNetwork", "test control: partition a network"),
    ("ClusSimRestoreNetwork", "test control: restore a network"),
    ("ClusSimRedirectSharedVolume", "test control: force (or end) redirected access to a CSV"),
    (
        "ClusSimResUtilsGetVolumePathName",
        "libresutils's ClusterGetVolumePathName (resutils.dll's) forwards to it",
    ),
    (
        "ClusSimResUtilsGetVolumeNameForVolumeMountPoint",
        "libresutils's ClusterGetVolumeNameForVolumeMountPoint (resutils.dll's) forwards to it",
    ),
    (
        "ClusSimResUtilsIsPathOnSharedVolume",
        "libresutils's ClusterIsPathOnSharedVolume (resutils.dll's) forwards to it",
    ),
    (
        "ClusSimResUtilsPrepareSharedVolumeForBackup",
        "libresutils's ClusterPrepareSharedVolumeForBackup (resutils.dll's) forwards to it",
    ),
    (
        "ClusSimResUtilsClearBackupStateForSharedVolume",
        "libresutils's ClusterClearBackupStateForSharedVolume (resutils.dll's) forwards to it",
    ),
];

/// The real exports that the Windows SDK's `clusapi.h` does not declare, and why:
/// `compat/clusapi.h` declares every other real export, with the SDK's prototype. None of
/// these is in the Windows SDK's metadata (windows-sys, which is generated from the SDK's
/// headers, has no binding for them), in MinGW-w64's `clusapi.h`, or in Microsoft's
/// ClusAPI reference: `clusapi.dll` exports them without documenting them.
const NOT_IN_THE_SDK_HEADER: &[(&str, &str)] = &[
    ("CCHlpAddNodeUpdateCluster", "an undocumented helper of the cluster setup wizard"),
    ("CCHlpConfigureNode", "an undocumented helper of the cluster setup wizard"),
    ("CCHlpCreateClusterNameCOIfNotExists", "an undocumented helper of the cluster setup wizard"),
    ("CCHlpGetClusterServiceSecret", "an undocumented helper of the cluster setup wizard"),
    ("CCHlpGetDNSHostLabel", "an undocumented helper of the cluster setup wizard"),
    ("CCHlpRestoreClusterVirtualObjectToInitialState", "an undocumented helper of the cluster setup wizard"),
    ("ClusterFreeMemory", "undocumented"),
    ("ClusterFreeMrrResponse", "the undocumented multi-resource request channel"),
    ("ClusterSendReceiveMrr", "the undocumented multi-resource request channel"),
    ("ClusterStmFindDisk", "an undocumented storage-management helper"),
    ("ClusterRegCreateKeyForceSync", "an undocumented ForceSync variant (Windows Server 2022+)"),
    ("ClusterRegDeleteKeyForceSync", "an undocumented ForceSync variant (Windows Server 2022+)"),
    ("ClusterRegDeleteValueForceSync", "an undocumented ForceSync variant (Windows Server 2022+)"),
    ("ClusterRegSetValueForceSync", "an undocumented ForceSync variant (Windows Server 2022+)"),
    ("ClusterRegQueryAllValues", "undocumented"),
    ("ClusterSharedVolumeClearBackupState", "an undocumented Cluster Shared Volume helper"),
    ("GetClusterSharedVolumeNameForFile", "an undocumented Cluster Shared Volume helper"),
    ("CreateClusterManagementPoint", "an undocumented setup call"),
    ("CreateClusterResourceWithId", "an undocumented variant of CreateClusterResource"),
    ("OpenClusterEx2", "an undocumented variant of OpenClusterEx"),
];

fn real_exports() -> BTreeSet<String> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/exports/clusapi-dll.txt"))
        .expect("capi/exports/clusapi-dll.txt");
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_owned).collect()
}

/// Every export of this library: the simulated ones and the not-simulated ones.
fn our_exports() -> BTreeSet<String> {
    let mut out = common::simulated();
    for (name, _) in common::not_simulated() {
        assert!(out.insert(name.to_owned()), "{name} is listed twice, or both simulated and not");
    }
    out
}

#[test]
fn every_real_export_is_covered_and_every_export_is_real_or_listed() {
    let (real, ours) = (real_exports(), our_exports());
    assert!(real.len() >= 190, "the real list has {} names", real.len());
    let missing: Vec<&String> = real.difference(&ours).collect();
    assert!(missing.is_empty(), "real exports this library lacks: {missing:?}");
    let extra: BTreeSet<String> = ours.difference(&real).cloned().collect();
    let listed: BTreeSet<String> = SIMULATOR_ONLY.iter().map(|(n, _)| (*n).to_owned()).collect();
    assert_eq!(extra, listed, "exports that are neither real nor listed as the simulator's own");
    for (name, _) in common::not_simulated() {
        assert!(real.contains(name), "{name} is listed as not simulated but is no real export");
    }

    // The README table.
    let stubs: Vec<(&str, &str)> = common::not_simulated().collect();
    let implemented = real.iter().filter(|n| !stubs.iter().any(|(s, _)| s == n)).count();
    let mut table = format!(
        "{implemented} of the {} exports of `clusapi.dll` are simulated; {} answer \"not implemented\" \
         (`ERROR_CALL_NOT_IMPLEMENTED`, 120, or NULL / FALSE with that last error; `E_NOTIMPL` for the \
         undocumented setup helpers), each for the reason given. {} exports are the simulator's own.\n\n\
         <details><summary>Every export</summary>\n\n| Export | In the simulator |\n|---|---|\n",
        real.len(),
        stubs.len(),
        SIMULATOR_ONLY.len()
    );
    for name in &real {
        let status = match stubs.iter().find(|(n, _)| n == name) {
            Some((_, why)) => format!("not implemented: {why}"),
            None => "simulated".to_owned(),
        };
        table.push_str(&format!("| `{name}` | {status} |\n"));
    }
    for (name, why) in SIMULATOR_ONLY {
        table.push_str(&format!("| `{name}` | the simulator's own: {why} |\n"));
    }
    table.push_str("\n</details>\n");

    let readme = concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md");
    let (start, end) = ("<!-- coverage:start -->\n", "<!-- coverage:end -->");
    let text = std::fs::read_to_string(readme).expect("README");
    let a = text.find(start).map(|i| i + start.len()).expect("start marker");
    let b = text.find(end).expect("end marker");
    if std::env::var("CLUSAPI_SIM_BLESS").as_deref() == Ok("1") {
        std::fs::write(readme, format!("{}{table}{}", &text[..a], &text[b..])).expect("write README");
    } else {
        assert_eq!(&text[a..b], table, "the README coverage table is stale: rerun with CLUSAPI_SIM_BLESS=1");
    }
}

#[test]
fn exports_that_are_not_simulated_say_so() {
    // One of each kind of answer.
    assert_eq!(clusapi::DestroyCluster(), 120);
    assert_eq!(clusapi::GetLastError(), 120);
    clusapi::SetLastError(0);
    assert!(clusapi::CreateCluster().is_null());
    assert_eq!(clusapi::GetLastError(), 120);
    clusapi::SetLastError(0);
    assert_eq!(clusapi::ClusterNodeGetEnumCountEx(), 0);
    assert_eq!(clusapi::GetLastError(), 120);
    assert_eq!(clusapi::CCHlpConfigureNode(), 0x8000_4001);
}

/// The C exports and the declared calls are one list: every ClusAPI call the simulator
/// declares (`clusapi_sim::calls()`) is exported under its Win32 name, by libclusapi or, for
/// the five `resutils.dll` helpers, by libresutils (`capi/resutils`, each forwarding to a
/// `ClusSimResUtils*` export here); and every simulated export is a declared call, the
/// kernel32 pair or a `ClusSim*` export.
#[test]
fn every_declared_call_is_exported_and_every_simulated_export_is_declared() {
    let mut simulated = common::simulated();
    let resutils = common::resutils_exports();
    let names: BTreeSet<&str> = resutils.iter().map(|(win32, _)| win32.as_str()).collect();
    assert_eq!(
        names,
        BTreeSet::from([
            "ClusterClearBackupStateForSharedVolume",
            "ClusterGetVolumeNameForVolumeMountPoint",
            "ClusterGetVolumePathName",
            "ClusterIsPathOnSharedVolume",
            "ClusterPrepareSharedVolumeForBackup",
        ]),
        "libresutils's exports"
    );
    for (win32, target) in &resutils {
        assert!(simulated.contains(target), "libresutils's {win32} forwards to {target}, which is no export");
        assert_eq!(
            Some(target.as_str()),
            win32.strip_prefix("Cluster").map(|rest| format!("ClusSimResUtils{rest}")).as_deref()
        );
        assert!(
            !simulated.contains(win32),
            "libclusapi exports {win32} too: a program linking both finds it twice"
        );
        simulated.insert(win32.clone());
    }
    let declared: BTreeSet<String> =
        clusapi::clusapi_sim::calls().filter(|c| !c.lever).map(|c| c.win32.to_owned()).collect();
    for name in &names {
        assert!(declared.contains(*name), "libresutils exports {name}, which is no declared call");
    }
    let not_exported: Vec<&String> = declared.difference(&simulated).collect();
    assert!(not_exported.is_empty(), "declared calls without a C export: {not_exported:?}");
    let undeclared: Vec<&String> = simulated
        .difference(&declared)
        .filter(|e| !e.starts_with("ClusSim") && !["GetLastError", "SetLastError"].contains(&e.as_str()))
        .collect();
    assert!(undeclared.is_empty(), "C exports that are no declared call: {undeclared:?}");
    assert!(declared.len() >= 135, "{} declared calls (distinct Win32 names)", declared.len());
}

/// `compat/clusapi.h` declares every function of the real `clusapi.h` that libclusapi
/// exports (each `WINAPI Name(` of it), simulated or not, and nothing else; the real exports
/// that the SDK's header does not declare are listed, with why, in `NOT_IN_THE_SDK_HEADER`.
/// (`c_clients.rs` compiles every prototype and links it with libclusapi.)
#[test]
fn compat_clusapi_h_declares_every_real_export_the_sdk_declares() {
    let (real, ours, declared) = (real_exports(), our_exports(), common::compat_prototypes());
    let undeclared: BTreeSet<&str> = NOT_IN_THE_SDK_HEADER.iter().map(|(name, _)| *name).collect();
    assert_eq!(undeclared.len(), NOT_IN_THE_SDK_HEADER.len(), "NOT_IN_THE_SDK_HEADER lists a name twice");
    let missing: Vec<&String> =
        real.iter().filter(|n| !declared.contains(*n) && !undeclared.contains(n.as_str())).collect();
    assert!(
        missing.is_empty(),
        "real exports without a prototype in compat/clusapi.h: add the Windows SDK's (or, if the SDK's \
         clusapi.h has none, list it in NOT_IN_THE_SDK_HEADER with why): {missing:?}"
    );
    for name in &undeclared {
        assert!(real.contains(*name), "{name} is in NOT_IN_THE_SDK_HEADER but is no real export");
        assert!(
            !declared.contains(*name),
            "{name} has a prototype now: take it out of NOT_IN_THE_SDK_HEADER"
        );
    }
    let strangers: Vec<&String> =
        declared.iter().filter(|n| !real.contains(*n) || !ours.contains(*n)).collect();
    assert!(
        strangers.is_empty(),
        "compat/clusapi.h declares functions that are no real export of libclusapi: {strangers:?}"
    );
}

/// `compat/clusapi.h` defines every code of the Rust catalog's `clusctl::specific()` with
/// the SDK's name and value (the literal `#define CLUSCTL_* 0x...` lines), and no such line
/// names a code the catalog does not have, or gives another value.
#[test]
fn compat_clusapi_h_defines_the_specific_control_codes_with_their_values() {
    let header = concat!(env!("CARGO_MANIFEST_DIR"), "/include/compat/clusapi.h");
    let text = std::fs::read_to_string(header).expect("capi/include/compat/clusapi.h");
    let mut defined = std::collections::BTreeMap::new();
    for line in text.lines() {
        let mut words = line.split_whitespace();
        let (Some("#define"), Some(name), Some(value), None) =
            (words.next(), words.next(), words.next(), words.next())
        else {
            continue;
        };
        let Some(hex) = value.strip_prefix("0x") else { continue };
        // The masks of the code's fields (CLUSCTL_OBJECT_MASK, ...) are no codes.
        if name.starts_with("CLUSCTL_") && !name.ends_with("_MASK") {
            defined.insert(name.to_owned(), u32::from_str_radix(hex, 16).expect("a hex value"));
        }
    }
    for k in clusapi_sim::clusctl::specific() {
        assert_eq!(defined.get(k.name), Some(&k.code), "{} in compat/clusapi.h", k.name);
    }
    for name in defined.keys() {
        assert!(
            clusapi_sim::clusctl::specific().iter().any(|k| k.name == name),
            "compat/clusapi.h defines {name}, which the catalog does not know"
        );
    }
}

/// Names of MinGW-w64's `clusapi.h` that the compat headers do not define, and why.
const NOT_IN_THE_COMPAT_HEADERS: &[(&str, &str)] = &[
    ("_CLUSTER_API_", "MinGW-w64's include guard (ours is CLUSAPI_SIM_COMPAT_CLUSAPI_H)"),
    ("_CLUSTER_API_TYPES_", "MinGW-w64's marker that its types are defined; defining it would hide them"),
];

/// The names a C header declares: each function (`WINAPI Name(`), each `#define`d macro and
/// each enum constant, with comments stripped. Text, not a compiler: MinGW-w64's header
/// does not compile as a whole on Linux (it redeclares enums under `_WIN32_WINNT >= 0x0600`).
fn header_names(text: &str) -> BTreeSet<String> {
    fn ident(s: &str) -> String {
        s.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect()
    }
    // Comments out (block, then line).
    let mut code = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("/*") {
        code.push_str(&rest[..i]);
        rest = rest[i + 2..].find("*/").map_or("", |j| &rest[i + 2 + j + 2..]);
    }
    code.push_str(rest);
    let code: String =
        code.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n");

    let mut out = BTreeSet::new();
    for (i, _) in code.match_indices("WINAPI") {
        let name = ident(code[i + "WINAPI".len()..].trim_start());
        let after = code[i + "WINAPI".len()..].trim_start()[name.len()..].trim_start();
        if name.starts_with(|c: char| c.is_ascii_alphabetic()) && after.starts_with('(') {
            out.insert(name);
        }
    }
    for line in code.lines() {
        let line = line.trim_start();
        if let Some(rest) = line.strip_prefix('#') {
            if let Some(def) = rest.trim_start().strip_prefix("define") {
                let name = ident(def.trim_start());
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        }
    }
    // Enum bodies: `enum [tag] { A = expr, B, ... }`, split at top-level commas.
    let mut at = 0;
    while let Some(i) = code[at..].find("enum") {
        let start = at + i;
        at = start + 4;
        let before_ok =
            start == 0 || !code[..start].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_');
        let tail = &code[at..];
        let after = tail.trim_start();
        let after = after[ident(after).len()..].trim_start();
        if !before_ok || !after.starts_with('{') {
            continue;
        }
        let open = at + (tail.len() - after.len());
        let Some(close) = code[open..].find('}') else { break };
        let body = &code[open + 1..open + close];
        let mut depth = 0i32;
        let mut item = String::new();
        for c in body.chars().chain(std::iter::once(',')) {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            if c == ',' && depth == 0 {
                let kept: Vec<&str> = item.lines().filter(|l| !l.trim_start().starts_with('#')).collect();
                let name = ident(kept.join("\n").trim_start());
                if !name.is_empty() {
                    out.insert(name);
                }
                item.clear();
            } else {
                item.push(c);
            }
        }
        at = open + close;
    }
    out
}

/// Every function, `#define` and enum constant of MinGW-w64's `clusapi.h` (the public
/// reference for the SDK's header) is defined by the compat headers, so that code written
/// against the SDK finds each name it uses. The header comes from `CLUSAPI_SIM_MINGW_INCLUDE`
/// (`.ci/run` downloads it), else `/usr/share/mingw-w64/include`; under CI a missing header
/// fails the test, elsewhere the check is reported as skipped.
#[test]
fn compat_headers_define_every_name_of_mingw_clusapi_h() {
    let dir = std::env::var_os("CLUSAPI_SIM_MINGW_INCLUDE")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| "/usr/share/mingw-w64/include".into());
    let header = dir.join("clusapi.h");
    let Ok(mingw) = std::fs::read_to_string(&header) else {
        let in_ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0");
        assert!(
            !in_ci,
            "no MinGW-w64 clusapi.h at {}: CI must check the names (see .ci/run)",
            header.display()
        );
        use std::io::Write as _;
        let _ = writeln!(
            std::io::stderr().lock(),
            "\nSKIPPED (not a pass): no MinGW-w64 clusapi.h at {}: names NOT checked (set CLUSAPI_SIM_MINGW_INCLUDE)",
            header.display()
        );
        return;
    };
    let theirs = header_names(&mingw);
    // A parse that found nothing would pass: MinGW-w64 10's header has 127 functions, 68
    // defines and some 550 enum constants.
    assert!(theirs.len() >= 600, "only {} names read from {}", theirs.len(), header.display());
    for name in [
        "OpenCluster",
        "CLUSPROP_SYNTAX_VALUE",
        "CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES",
        "ClusterGroupOnline",
    ] {
        assert!(theirs.contains(name), "the reader missed {name} in {}", header.display());
    }

    let compat = concat!(env!("CARGO_MANIFEST_DIR"), "/include/compat");
    let mut ours = BTreeSet::new();
    for entry in std::fs::read_dir(compat).expect("capi/include/compat") {
        let path = entry.expect("a directory entry").path();
        if path.extension().is_some_and(|e| e == "h" || e == "H") {
            ours.extend(header_names(&std::fs::read_to_string(&path).expect("a compat header")));
        }
    }
    let excused: BTreeSet<&str> = NOT_IN_THE_COMPAT_HEADERS.iter().map(|(n, _)| *n).collect();
    let missing: Vec<&String> =
        theirs.iter().filter(|n| !ours.contains(*n) && !excused.contains(n.as_str())).collect();
    assert!(
        missing.is_empty(),
        "names of MinGW-w64's clusapi.h that the compat headers do not define ({}): {missing:?}",
        missing.len()
    );
    for name in &excused {
        assert!(theirs.contains(*name), "{name} is excused but MinGW-w64's clusapi.h has no such name");
    }
}

/// The reader of `compat_headers_define_every_name_of_mingw_clusapi_h` finds functions,
/// defines and enum constants (with initializers holding commas) and skips comments.
#[test]
fn header_names_reads_functions_defines_and_enum_constants() {
    let names = header_names(
        "/* enum Hidden { NOT_ME }; */\n#define ONE 1\n  # define TWO(x) (x)\n\
         typedef enum E { A = F(1, 2), B, // C\n D } E;\nDWORD WINAPI Call (int x);\n",
    );
    let want: BTreeSet<String> =
        ["ONE", "TWO", "A", "B", "D", "Call"].iter().map(|s| s.to_string()).collect();
    assert_eq!(names, want);
}
