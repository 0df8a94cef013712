//! What the simulator tells a test: errors with their Win32 codes, and the leak report.

use clusapi_sim::{Error, HNetwork, HandleKind, Simulator, codes::*};
use proptest::prelude::*;

#[test]
fn every_known_code_round_trips_through_its_variant() {
    for &code in Error::known_codes() {
        let e = Error::from_code(code);
        assert_eq!(e.code(), code);
        assert!(!matches!(e, Error::Other(..)), "{code} has a variant of its own");
        let name = e.code_name().expect("named");
        assert!(e.to_string().starts_with(&format!("{name} ({code}): ")), "{e}");
    }
}

proptest! {
    #[test]
    fn any_code_round_trips(code in any::<u32>()) {
        prop_assert_eq!(Error::from_code(code).code(), code);
        let e = Error::with_message(code, "m".into());
        prop_assert_eq!(e.message(), "m");
    }
}

#[test]
fn errors_from_calls_name_the_handle_or_object() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).expect("cluster");
    let n = sim.open_cluster_network(c, "Cluster Network 1").expect("network");
    sim.close_cluster_network(n).expect("close");
    let e = sim.get_cluster_network_id(n).unwrap_err();
    assert!(matches!(e, Error::InvalidHandle(_)));
    let text = e.to_string();
    assert!(text.starts_with("ERROR_INVALID_HANDLE (6): "), "{text}");
    assert!(text.contains("HNetwork") && text.contains(&format!("{:#x}", n.as_raw())), "{text}");
    let e = sim.open_cluster_resource(c, "Disk Q:").unwrap_err();
    assert!(
        e.to_string().starts_with("ERROR_RESOURCE_NOT_FOUND (5007): ") && e.to_string().contains("Disk Q:")
    );
    assert_eq!(e.code(), ERROR_RESOURCE_NOT_FOUND);
}

#[test]
fn the_leak_report_lists_each_open_handle_and_where_it_was_opened() {
    let sim = Simulator::default();
    let (c, c_line) = (sim.open_cluster(None).expect("cluster"), line!());
    let (n, n_line) = (sim.open_cluster_network(c, "cluster network 2").expect("network"), line!());
    let report = sim.open_handles();
    assert_eq!(report.len(), 2);
    let (rc, rn) = (&report[0], &report[1]);
    assert_eq!((rc.kind, rc.raw, rc.object.as_str()), (HandleKind::Cluster, c.as_raw(), "SIMCLUSTER"));
    assert_eq!((rn.kind, rn.raw, rn.object.as_str()), (HandleKind::Network, n.as_raw(), "Cluster Network 2"));
    assert_eq!((rc.opened_at.file(), rc.opened_at.line()), (file!(), c_line));
    assert_eq!((rn.opened_at.file(), rn.opened_at.line()), (file!(), n_line));
    assert!(rn.to_string().contains("HNetwork") && rn.to_string().contains(file!()), "{rn}");
}

#[test]
fn assert_no_open_handles_panics_with_one_handle_a_line() {
    let sim = Simulator::default();
    let c = sim.open_cluster(None).expect("cluster");
    let n: HNetwork = sim.open_cluster_network(c, "Cluster Network 1").expect("network");
    let panic = std::panic::catch_unwind(|| sim.assert_no_open_handles()).expect_err("handles are open");
    let message = panic.downcast_ref::<String>().expect("a formatted message");
    let lines: Vec<&str> = message.lines().collect();
    assert_eq!(lines[0], "2 handle(s) left open:");
    assert!(lines[1].starts_with("HCluster ") && lines[1].contains("\"SIMCLUSTER\""), "{message}");
    assert!(lines[2].starts_with("HNetwork ") && lines[2].contains("\"Cluster Network 1\""), "{message}");
    assert!(lines[2].contains(file!()), "{message}");
    sim.close_cluster_network(n).expect("close");
    sim.close_cluster(c).expect("close");
    sim.assert_no_open_handles();
}
