//! Model-based property test of cluster behaviour: random sequences of group and node
//! operations and node crashes, run against the simulator and a small reference model of
//! node states, group owners and group states; every result code and every state must
//! agree.

use clusapi_sim::{ClusterGroupState, ClusterNodeState, Simulator, codes::*};
use proptest::prelude::*;

const NODES: [&str; 3] = ["N1", "N2", "N3"];
const GROUPS: [&str; 2] = ["G1", "G2"];

#[derive(Debug, Clone)]
enum Op {
    Online(usize, Option<usize>),
    Offline(usize),
    Move(usize, Option<usize>),
    Pause(usize),
    Resume(usize),
    Crash(usize),
    Restore(usize),
}

fn op() -> impl Strategy<Value = Op> {
    let g = 0..GROUPS.len();
    let n = 0..NODES.len();
    prop_oneof![
        (g.clone(), proptest::option::of(n.clone())).prop_map(|(g, n)| Op::Online(g, n)),
        g.clone().prop_map(Op::Offline),
        (g, proptest::option::of(n.clone())).prop_map(|(g, n)| Op::Move(g, n)),
        n.clone().prop_map(Op::Pause),
        n.clone().prop_map(Op::Resume),
        n.clone().prop_map(Op::Crash),
        n.prop_map(Op::Restore),
    ]
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Node {
    Up,
    Paused,
    Down,
}

#[derive(Debug, Clone, Copy)]
struct Group {
    owner: usize,
    online: bool,
    failed: bool,
}

struct Model {
    nodes: [Node; 3],
    groups: [Group; 2],
}

impl Model {
    /// The code a group taking `target` gets (paused 70, down 5005).
    fn host(&self, target: usize) -> Option<u32> {
        match self.nodes[target] {
            Node::Up => None,
            Node::Paused => Some(ERROR_SHARING_PAUSED),
            Node::Down => Some(ERROR_HOST_NODE_NOT_AVAILABLE),
        }
    }

    fn apply(&mut self, op: &Op) -> Option<u32> {
        match *op {
            Op::Online(g, n) => {
                let target = n.unwrap_or(self.groups[g].owner);
                if let Some(code) = self.host(target) {
                    return Some(code);
                }
                self.groups[g] = Group { owner: target, online: true, failed: false };
                None
            }
            Op::Offline(g) => {
                self.groups[g].online = false;
                self.groups[g].failed = false;
                None
            }
            Op::Move(g, n) => {
                let owner = self.groups[g].owner;
                let target = match n {
                    Some(n) => n,
                    None => match (0..3).find(|&i| i != owner && self.nodes[i] == Node::Up) {
                        Some(t) => t,
                        None => return Some(ERROR_HOST_NODE_NOT_AVAILABLE),
                    },
                };
                if target == owner {
                    return None;
                }
                if let Some(code) = self.host(target) {
                    return Some(code);
                }
                self.groups[g].owner = target;
                None
            }
            Op::Pause(n) => {
                if self.nodes[n] == Node::Down {
                    return Some(ERROR_CLUSTER_NODE_DOWN);
                }
                self.nodes[n] = Node::Paused;
                None
            }
            Op::Resume(n) => {
                if self.nodes[n] != Node::Paused {
                    return Some(ERROR_CLUSTER_NODE_NOT_PAUSED);
                }
                self.nodes[n] = Node::Up;
                None
            }
            Op::Crash(n) => {
                if self.nodes[n] == Node::Down {
                    return None;
                }
                self.nodes[n] = Node::Down;
                let up = (0..3).find(|&i| self.nodes[i] == Node::Up);
                for g in self.groups.iter_mut().filter(|g| g.owner == n) {
                    match up {
                        Some(t) => g.owner = t,
                        None if g.online => {
                            g.online = false;
                            g.failed = true;
                        }
                        None => {}
                    }
                }
                None
            }
            Op::Restore(n) => {
                if self.nodes[n] == Node::Down {
                    self.nodes[n] = Node::Up;
                }
                None
            }
        }
    }
}

fn run(ops: &[Op]) {
    let mut b = Simulator::builder().cluster("C");
    for n in NODES {
        b = b.node(n);
    }
    for (i, g) in GROUPS.iter().enumerate() {
        b = b.group(*g, "N1").resource(*g, format!("R{i}"), "Generic Service");
    }
    let sim = b.build().expect("valid");
    let c = sim.open_cluster(None).unwrap();
    let nodes: Vec<_> = NODES.iter().map(|n| sim.open_cluster_node(c, n).unwrap()).collect();
    let groups: Vec<_> = GROUPS.iter().map(|g| sim.open_cluster_group(c, g).unwrap()).collect();
    let g0 = Group { owner: 0, online: false, failed: false };
    let mut m = Model { nodes: [Node::Up; 3], groups: [g0; 2] };
    for op in ops {
        let got = match *op {
            Op::Online(g, n) => sim.online_cluster_group(groups[g], n.map(|n| nodes[n])),
            Op::Offline(g) => sim.offline_cluster_group(groups[g]),
            Op::Move(g, n) => sim.move_cluster_group(groups[g], n.map(|n| nodes[n])),
            Op::Pause(n) => sim.pause_cluster_node(nodes[n]),
            Op::Resume(n) => sim.resume_cluster_node(nodes[n]),
            Op::Crash(n) => sim.crash_node(NODES[n]),
            Op::Restore(n) => sim.restore_node(NODES[n]),
        };
        assert_eq!(got.err().map(|e| e.code()), m.apply(op), "{op:?}");
        for (i, &n) in nodes.iter().enumerate() {
            let want = match m.nodes[i] {
                Node::Up => ClusterNodeState::Up,
                Node::Paused => ClusterNodeState::Paused,
                Node::Down => ClusterNodeState::Down,
            };
            assert_eq!(sim.get_cluster_node_state(n).unwrap(), want, "node {i} after {op:?}");
        }
        for (i, &g) in groups.iter().enumerate() {
            let s = sim.get_cluster_group_state(g).unwrap();
            let mg = m.groups[i];
            let want = if mg.failed {
                ClusterGroupState::Failed
            } else if mg.online {
                ClusterGroupState::Online
            } else {
                ClusterGroupState::Offline
            };
            assert_eq!((s.state, s.owner_node.as_str()), (want, NODES[mg.owner]), "group {i} after {op:?}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn behaviour_matches_the_model(ops in prop::collection::vec(op(), 1..100)) {
        run(&ops);
    }
}
