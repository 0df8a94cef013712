//! What the journal observes of each kind of object (see `tracked` and `crate::model::journal`):
//! its name, its state (and a group's owner, a resource's group), and what raises its
//! `*_PROPERTY` event (its count of property sets, and of private ones; a group's preferred
//! owners; a resource's dependencies, whose change also changes its providers' dependents).
//! A resource's possible owners are not looked at (a list of every node, copied on every
//! access): the rules that change them record it (`World::possible_owners_changed`).

use super::{Cluster, ClusterKey, Group, GroupKey, NetInterface, NetInterfaceKey, Network, NetworkKey, Node};
use super::{NodeKey, Resource, ResourceKey, tracked::Observed};
use crate::model::control::props::Props;
use crate::model::journal::{About, Change, Journal, Object, Parts};
use crate::types::state::{
    ClusterNetInterfaceState, ClusterNetworkState, ClusterNodeState, ClusterResourceState,
};

/// Records a rename, or else (some part changed) a change of properties: one `*_PROPERTY`
/// event either way.
fn properties(journal: &Journal, object: Object, cluster: ClusterKey, old: &str, new: &str, parts: Parts) {
    if old != new {
        journal.record(Change::Renamed { object, cluster, old: old.to_owned(), new: new.to_owned() });
    } else if parts != Parts::default() {
        journal.record(Change::PropertiesChanged { object, cluster, name: new.to_owned(), parts });
    }
}

/// The property sets of an object, as its look keeps them: all sets, private sets.
fn sets(props: &Props) -> (u64, u64) {
    (props.version(), props.private_version())
}

/// The parts a change of property sets is about.
fn set_parts(before: (u64, u64), props: &Props) -> Parts {
    let (common, private) = Props::parts_changed(before, sets(props));
    Parts { common, private, ..Parts::default() }
}

fn about(cluster: ClusterKey, name: &str, id: &str, parent: Option<Object>) -> About {
    About {
        cluster,
        name: name.to_owned(),
        id: id.to_owned(),
        parent,
        type_name: String::new(),
        resource_state: None,
    }
}

impl Observed for Cluster {
    type Key = ClusterKey;
    type Look = (String, (u64, u64));
    fn look(&self) -> Self::Look {
        (self.name.clone(), sets(&self.props))
    }
    fn journal(key: ClusterKey, (name, before): &Self::Look, now: &Self, journal: &Journal) {
        properties(journal, Object::Cluster(key), key, name, &now.name, set_parts(*before, &now.props));
    }
    fn object(key: ClusterKey) -> Object {
        Object::Cluster(key)
    }
    fn about(&self, key: ClusterKey) -> About {
        about(key, &self.name, &self.id, None)
    }
}

impl Observed for Node {
    type Key = NodeKey;
    type Look = (String, ClusterNodeState, (u64, u64));
    fn look(&self) -> Self::Look {
        (self.name.clone(), self.state, sets(&self.props))
    }
    fn journal(key: NodeKey, (name, state, before): &Self::Look, now: &Self, journal: &Journal) {
        let parts = set_parts(*before, &now.props);
        properties(journal, Object::Node(key), now.cluster, name, &now.name, parts);
        if *state != now.state {
            journal.record(Change::NodeState {
                node: key,
                cluster: now.cluster,
                name: now.name.clone(),
                old: *state,
                new: now.state,
            });
        }
    }
    fn object(key: NodeKey) -> Object {
        Object::Node(key)
    }
    fn about(&self, _key: NodeKey) -> About {
        about(self.cluster, &self.name, &self.id, None)
    }
}

impl Observed for Group {
    type Key = GroupKey;
    type Look = (String, NodeKey, Vec<NodeKey>, (u64, u64));
    fn look(&self) -> Self::Look {
        (self.name.clone(), self.owner, self.preferred.clone(), sets(&self.props))
    }
    fn journal(key: GroupKey, (name, owner, preferred, before): &Self::Look, now: &Self, journal: &Journal) {
        let parts = Parts { preferred_owners: *preferred != now.preferred, ..set_parts(*before, &now.props) };
        properties(journal, Object::Group(key), now.cluster, name, &now.name, parts);
        if *owner != now.owner {
            journal.record(Change::GroupOwner {
                group: key,
                cluster: now.cluster,
                name: now.name.clone(),
                old: *owner,
                new: now.owner,
            });
        }
    }
    fn object(key: GroupKey) -> Object {
        Object::Group(key)
    }
    fn about(&self, _key: GroupKey) -> About {
        about(self.cluster, &self.name, &self.id, Some(Object::Node(self.owner)))
    }
}

impl Observed for Resource {
    type Key = ResourceKey;
    type Look = (String, ClusterResourceState, GroupKey, Vec<ResourceKey>, (u64, u64));
    fn look(&self) -> Self::Look {
        (self.name.clone(), self.state, self.group, self.depends_on.clone(), sets(&self.props))
    }
    fn journal(
        key: ResourceKey,
        (name, state, group, depends_on, before): &Self::Look,
        now: &Self,
        journal: &Journal,
    ) {
        let parts = Parts { dependencies: *depends_on != now.depends_on, ..set_parts(*before, &now.props) };
        properties(journal, Object::Resource(key), now.cluster, name, &now.name, parts);
        // The providers it started or stopped depending on: their dependents changed.
        let gained = now.depends_on.iter().filter(|p| !depends_on.contains(p));
        let lost = depends_on.iter().filter(|p| !now.depends_on.contains(p));
        for &provider in gained.chain(lost) {
            journal.record(Change::DependentsChanged {
                resource: provider,
                cluster: now.cluster,
                dependent: key,
            });
        }
        if *group != now.group {
            journal.record(Change::ResourceMoved {
                resource: key,
                cluster: now.cluster,
                name: now.name.clone(),
                from: *group,
                to: now.group,
                state: *state,
            });
        }
        if *state != now.state {
            journal.record(Change::ResourceState {
                resource: key,
                group: now.group,
                cluster: now.cluster,
                name: now.name.clone(),
                old: *state,
                new: now.state,
            });
        }
    }
    fn object(key: ResourceKey) -> Object {
        Object::Resource(key)
    }
    fn about(&self, _key: ResourceKey) -> About {
        About {
            type_name: self.resource_type.clone(),
            resource_state: Some(self.state),
            ..about(self.cluster, &self.name, &self.id, Some(Object::Group(self.group)))
        }
    }
}

impl Observed for Network {
    type Key = NetworkKey;
    type Look = (String, ClusterNetworkState, (u64, u64));
    fn look(&self) -> Self::Look {
        (self.name.clone(), self.state, sets(&self.props))
    }
    fn journal(key: NetworkKey, (name, state, before): &Self::Look, now: &Self, journal: &Journal) {
        let parts = set_parts(*before, &now.props);
        properties(journal, Object::Network(key), now.cluster, name, &now.name, parts);
        if *state != now.state {
            journal.record(Change::NetworkState {
                network: key,
                cluster: now.cluster,
                name: now.name.clone(),
                old: *state,
                new: now.state,
            });
        }
    }
    fn object(key: NetworkKey) -> Object {
        Object::Network(key)
    }
    fn about(&self, _key: NetworkKey) -> About {
        about(self.cluster, &self.name, &self.id, None)
    }
}

impl Observed for NetInterface {
    type Key = NetInterfaceKey;
    type Look = (String, ClusterNetInterfaceState, (u64, u64));
    fn look(&self) -> Self::Look {
        (self.name.clone(), self.state, sets(&self.props))
    }
    fn journal(key: NetInterfaceKey, (name, state, before): &Self::Look, now: &Self, journal: &Journal) {
        let parts = set_parts(*before, &now.props);
        properties(journal, Object::NetInterface(key), now.cluster, name, &now.name, parts);
        if *state != now.state {
            journal.record(Change::NetInterfaceState {
                net_interface: key,
                cluster: now.cluster,
                name: now.name.clone(),
                old: *state,
                new: now.state,
            });
        }
    }
    fn object(key: NetInterfaceKey) -> Object {
        Object::NetInterface(key)
    }
    fn about(&self, _key: NetInterfaceKey) -> About {
        about(self.cluster, &self.name, &self.id(), Some(Object::Node(self.node)))
    }
}

impl NetInterface {
    /// The interface's id (a GUID derived from its name).
    pub(crate) fn id(&self) -> String {
        super::stable_guid(&["netinterface", &self.name])
    }
}
