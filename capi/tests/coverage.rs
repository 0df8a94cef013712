//! The coverage table: every export of the real `clusapi.dll` (as MinGW-w64's import
//! library lists them, `capi/exports/clusapi-dll.txt`) against this library's exports. Each
//! real export must be exported here, implemented or answering "not implemented" with a
//! reason (`capi/src/stubs.rs`); each export here must be a real one or a listed simulator
//! addition. The README's table is generated from this (`CLUSAPI_SIM_BLESS=1` rewrites it,
//! otherwise it is checked).

use std::collections::BTreeSet;

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
    ("ClusSimCrashNode", "test control: crash a node (failover)"),
    ("ClusSimRestoreNode", "test control: restore a crashed node"),
    ("ClusSimStopService", "test control: stop a cluster's service"),
    ("ClusSimStartService", "test control: start it again"),
    ("ClusSimInjectFault", "test control: add a fault-plan rule"),
    ("ClusSimClearFaults", "test control: empty the fault plan"),
    ("ClusSimNetworkDown", "test control: take a network down"),
    ("ClusSimPartitionNetwork", "test control: partition a network"),
    ("ClusSimRestoreNetwork", "test control: restore a network"),
];

fn real_exports() -> BTreeSet<String> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/exports/clusapi-dll.txt"))
        .expect("capi/exports/clusapi-dll.txt");
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_owned).collect()
}

fn our_exports() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/src")).expect("capi/src") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("read");
        for marker in ["pub extern \"C\" fn ", "pub unsafe extern \"C\" fn "] {
            for (i, _) in text.match_indices(marker) {
                let name: String = text[i + marker.len()..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                out.insert(name);
            }
        }
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
    for (name, _) in clusapi::NOT_SIMULATED {
        assert!(real.contains(*name), "{name} is listed as not simulated but is no real export");
    }

    // The README table.
    let stubs: Vec<&str> = clusapi::NOT_SIMULATED.iter().map(|(n, _)| *n).collect();
    let implemented = real.iter().filter(|n| !stubs.contains(&n.as_str())).count();
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
        let status = match clusapi::NOT_SIMULATED.iter().find(|(n, _)| n == name) {
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
    assert_eq!(clusapi::GetClusterSharedVolumeNameForFile(), 0);
    assert_eq!(clusapi::GetLastError(), 120);
    clusapi::SetLastError(0);
    assert_eq!(clusapi::ClusterNodeGetEnumCountEx(), 0);
    assert_eq!(clusapi::GetLastError(), 120);
    assert_eq!(clusapi::CCHlpConfigureNode(), 0x8000_4001);
}

/// The C exports and the declared calls are one list: every ClusAPI call the simulator
/// declares (`clusapi_sim::calls()`) is exported under its Win32 name, and every simulated
/// export is a declared call, the kernel32 pair or a `ClusSim*` lever.
#[test]
fn every_declared_call_is_exported_and_every_simulated_export_is_declared() {
    let stubs: BTreeSet<&str> = clusapi::NOT_SIMULATED.iter().map(|(n, _)| *n).collect();
    let simulated: BTreeSet<String> =
        our_exports().into_iter().filter(|e| !stubs.contains(e.as_str())).collect();
    let declared: BTreeSet<String> =
        clusapi::clusapi_sim::calls().filter(|c| !c.lever).map(|c| c.win32.to_owned()).collect();
    let not_exported: Vec<&String> = declared.difference(&simulated).collect();
    assert!(not_exported.is_empty(), "declared calls without a C export: {not_exported:?}");
    let undeclared: Vec<&String> = simulated
        .difference(&declared)
        .filter(|e| !e.starts_with("ClusSim") && !["GetLastError", "SetLastError"].contains(&e.as_str()))
        .collect();
    assert!(undeclared.is_empty(), "C exports that are no declared call: {undeclared:?}");
    assert!(declared.len() >= 135, "{} declared calls (distinct Win32 names)", declared.len());
}
