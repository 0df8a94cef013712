//! The call history: what the code under test did, with arguments, results and call sites;
//! off (and free) by default.

use clusapi_sim::Simulator;

#[test]
fn the_history_records_every_call_with_arguments_and_result() {
    let sim = Simulator::default_builder().record_history(100).build().unwrap();
    let c = sim.open_cluster(None).unwrap();
    let g = sim.open_cluster_group(c, "Cluster Group").unwrap();
    let n = sim.open_cluster_node(c, "NODE2").unwrap();
    let line = line!() + 1;
    sim.move_cluster_group(g, Some(n)).unwrap();
    let _ = sim.open_cluster_group(c, "Nope");
    sim.crash_node("NODE2").unwrap();
    sim.close_cluster_group(g).unwrap();

    let h = sim.history();
    let calls: Vec<&str> = h.iter().map(|r| r.call).collect();
    assert_eq!(
        calls,
        [
            "open_cluster",
            "open_cluster_group",
            "open_cluster_node",
            "move_cluster_group",
            "open_cluster_group",
            "crash_node",
            "close_cluster_group"
        ]
    );
    let mv = &h[3];
    assert_eq!(mv.args, format!("{g:?}, Some({n:?})"), "moved which group where");
    assert_eq!(mv.result, Ok("()".to_owned()));
    assert_eq!((mv.location.file(), mv.location.line()), (file!(), line));
    assert_eq!(h[4].args, format!("{c:?}, \"Nope\""));
    assert_eq!(h[4].result, Err(clusapi_sim::codes::ERROR_GROUP_NOT_FOUND));
    assert!(mv.to_string().starts_with("move_cluster_group("), "{mv}");
}

#[test]
fn the_history_is_bounded_and_off_by_default() {
    let off = Simulator::default();
    let c = off.open_cluster(None).unwrap();
    off.close_cluster(c).unwrap();
    assert!(off.history().is_empty());

    let sim = Simulator::default_builder().record_history(3).build().unwrap();
    for _ in 0..5 {
        let c = sim.open_cluster(None).unwrap();
        sim.close_cluster(c).unwrap();
    }
    assert_eq!(sim.history().len(), 3);
    assert_eq!(sim.dropped_history(), 7);
    sim.clear_history();
    assert!(sim.history().is_empty());
}
