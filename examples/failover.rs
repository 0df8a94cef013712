//! A small "keep my group online" routine, the kind of code a failover tool or an agent
//! runs, tested against node crashes, a paused node, a stopped cluster service and injected
//! faults.
//!
//! Run it with `cargo run --example failover`.

use clusapi_sim::{ClusterGroupState, Error, Fault, HCluster, HGroup, Simulator, codes};

/// What the routine did.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    AlreadyOnline(String),
    BroughtOnline(String),
    ClusterUnreachable,
}

/// Makes sure `group` is online, somewhere: brings it online where it is, or moves it to
/// the best other node when that fails; polls while transitions are pending, as robust
/// clients do (treating `ERROR_IO_PENDING` as "poll the state").
fn keep_online(sim: &Simulator, group: HGroup) -> Result<Outcome, Error> {
    let state = match sim.get_cluster_group_state(group) {
        Ok(s) => s,
        Err(e) if e.code() == codes::RPC_S_SERVER_UNAVAILABLE => return Ok(Outcome::ClusterUnreachable),
        Err(e) => return Err(e),
    };
    match state.state {
        ClusterGroupState::Online => return Ok(Outcome::AlreadyOnline(state.owner_node)),
        // The cluster is already at work (a failover, say): wait for it.
        ClusterGroupState::Pending => return wait(sim, group),
        _ => {}
    }
    let attempt = match sim.online_cluster_group(group, None) {
        Err(e) if matches!(e.code(), codes::ERROR_SHARING_PAUSED | codes::ERROR_HOST_NODE_NOT_AVAILABLE) => {
            sim.move_cluster_group(group, None).and_then(|()| sim.online_cluster_group(group, None))
        }
        other => other,
    };
    match attempt {
        // Robust clients treat "pending" and "invalid state" alike: poll the state.
        Ok(()) => {}
        Err(e) if matches!(e.code(), codes::ERROR_IO_PENDING | codes::ERROR_INVALID_STATE) => {}
        Err(e) => return Err(e),
    }
    wait(sim, group)
}

/// Polls the group's state until it is no longer pending.
fn wait(sim: &Simulator, group: HGroup) -> Result<Outcome, Error> {
    for _ in 0..100 {
        let s = sim.get_cluster_group_state(group)?;
        match s.state {
            ClusterGroupState::Pending => continue,
            ClusterGroupState::Online => return Ok(Outcome::BroughtOnline(s.owner_node)),
            other => return Err(Error::InvalidState(format!("the group settled as {other:?}"))),
        }
    }
    Err(Error::InvalidState("the group stayed pending".into()))
}

fn open(sim: &Simulator) -> Result<(HCluster, HGroup), Error> {
    let c = sim.open_cluster(None)?;
    let g = sim.open_cluster_group(c, "SQL Group")?;
    Ok((c, g))
}

fn main() -> Result<(), Error> {
    let sim = Simulator::builder()
        .cluster("SQLCLUSTER")
        .node("SQL1")
        .node("SQL2")
        .node("SQL3")
        .network("Public")
        .group("Cluster Group", "SQL1")
        .resource("Cluster Group", "Cluster Name", "Network Name")
        .group("SQL Group", "SQL1")
        .resource("SQL Group", "SQL IP", "IP Address")
        .resource("SQL Group", "SQL Server", "Generic Service")
        .pending_transitions(2)
        .build()?;
    let (c, g) = open(&sim)?;

    println!("1. the group starts offline: {:?}", keep_online(&sim, g)?);
    println!("2. nothing to do: {:?}", keep_online(&sim, g)?);

    sim.crash_node("SQL1")?;
    println!("3. SQL1 crashed; the cluster failed the group over: {:?}", keep_online(&sim, g)?);

    sim.offline_cluster_group(g)
        .or_else(|e| if e.code() == codes::ERROR_IO_PENDING { Ok(()) } else { Err(e) })?;
    sim.settle();
    let owner = sim.open_cluster_node(c, &sim.get_cluster_group_state(g)?.owner_node)?;
    sim.pause_cluster_node(owner)?;
    println!("4. offline, and its owner paused: {:?}", keep_online(&sim, g)?);

    sim.stop_cluster_service(None)?;
    println!("5. cluster service stopped: {:?}", keep_online(&sim, g)?);
    sim.start_cluster_service(None)?;
    println!("6. service back, same handles: {:?}", keep_online(&sim, g)?);

    sim.offline_cluster_group(g)
        .or_else(|e| if e.code() == codes::ERROR_IO_PENDING { Ok(()) } else { Err(e) })?;
    sim.settle();
    sim.add_fault(Fault::on("OnlineClusterGroup").nth(1).code(codes::RPC_S_CALL_FAILED))?;
    println!(
        "7. an injected RPC failure reaches the caller: {:?}",
        keep_online(&sim, g).map_err(|e| e.code())
    );
    println!("8. the retry works: {:?}", keep_online(&sim, g)?);

    sim.close_cluster_node(owner)?;
    sim.close_cluster_group(g)?;
    sim.close_cluster(c)?;
    sim.assert_no_open_handles();
    println!("9. every handle closed");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_routine_survives_crashes_and_pauses() -> Result<(), Error> {
        let sim = Simulator::builder()
            .cluster("C")
            .node("A")
            .node("B")
            .group("SQL Group", "A")
            .resource("SQL Group", "R", "Generic Service")
            .build()?;
        let (_, g) = open(&sim)?;
        assert_eq!(keep_online(&sim, g)?, Outcome::BroughtOnline("A".into()));
        sim.crash_node("A")?;
        assert_eq!(keep_online(&sim, g)?, Outcome::AlreadyOnline("B".into()));
        sim.crash_node("B")?;
        assert!(keep_online(&sim, g).is_err(), "no node left: the routine reports it");
        sim.stop_cluster_service(None)?;
        assert_eq!(keep_online(&sim, g)?, Outcome::ClusterUnreachable);
        Ok(())
    }

    #[test]
    fn injected_faults_reach_the_caller_and_change_nothing() -> Result<(), Error> {
        let sim = Simulator::builder()
            .cluster("C")
            .node("A")
            .node("B")
            .group("SQL Group", "A")
            .resource("SQL Group", "R", "Generic Service")
            .fault(Fault::on("online_cluster_group").nth(1).code(codes::RPC_S_CALL_FAILED))
            .build()?;
        let (_, g) = open(&sim)?;
        assert_eq!(keep_online(&sim, g).map_err(|e| e.code()), Err(codes::RPC_S_CALL_FAILED));
        assert_eq!(sim.get_cluster_group_state(g)?.state, ClusterGroupState::Offline, "nothing changed");
        assert_eq!(keep_online(&sim, g)?, Outcome::BroughtOnline("A".into()));
        Ok(())
    }
}
