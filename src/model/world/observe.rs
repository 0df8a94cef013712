//! What the journal observes of each kind of object (see `tracked` and `crate::model::journal`):
//! its name, its state (and a group's owner, a resource's group), and what raises its
//! `*_PROPERTY` event (its count of property sets; a group's preferred owners; a resource's
//! dependencies).

use super::{Cluster, ClusterKey, Group, GroupKey, NetInterface, NetInterfaceKey, Network, NetworkKey, Node};
use super::{NodeKey, Resource, ResourceKey, tracked::Observed};
use crate::model::journal::{About, Change, Journal, Object};
use crate::types::state::{
    ClusterNetInterfaceState, ClusterNetworkState, ClusterNodeState, ClusterResourceState,
};

/// Records a rename, or else (`others`: another property part changed) a change of
/// properties: one `*_PROPERTY` event either way.
fn properties(journal: &Journal, object: Object, cluster: ClusterKey, old: &str, new: &str, others: bool) {
    if old != new {
        journal.record(Change::Renamed { object, cluster, old: old.to_owned(), new: new.to_owned() });
    } else if others {
        journal.record(Change::PropertiesChanged { object, cluster, name: new.to_owned() });
    }
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
    type Look = (String, u64);
    fn look(&self) -> Self::Look {
        (self.name.clone(), self.props.version())
    }
    fn journal(key: ClusterKey, (name, sets): &Self::Look, now: &Self, journal: &Journal) {
        let changed = *sets != now.props.version();
        properties(journal, Object::Cluster(key), key, name, &now.name, changed);
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
    type Look = (String, ClusterNodeState, u64);
    fn look(&self) -> Self::Look {
        (self.name.clone(), self.state, self.props.version())
    }
    fn journal(key: NodeKey, (name, state, sets): &Self::Look, now: &Self, journal: &Journal) {
        let changed = *sets != now.props.version();
        properties(journal, Object::Node(key), now.cluster, name, &now.name, changed);
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
    type Look = (String, NodeKey, Vec<NodeKey>, u64);
    fn look(&self) -> Self::Look {
        (self.name.clone(), self.owner, self.preferred.clone(), self.props.version())
    }
    fn journal(key: GroupKey, (name, owner, preferred, sets): &Self::Look, now: &Self, journal: &Journal) {
        let changed = *sets != now.props.version() || *preferred != now.preferred;
        properties(journal, Object::Group(key), now.cluster, name, &now.name, changed);
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
    type Look = (String, ClusterResourceState, GroupKey, Vec<ResourceKey>, u64);
    fn look(&self) -> Self::Look {
        (self.name.clone(), self.state, self.group, self.depends_on.clone(), self.props.version())
    }
    fn journal(
        key: ResourceKey,
        (name, state, group, depends_on, sets): &Self::Look,
        now: &Self,
        journal: &Journal,
    ) {
        let changed = *sets != now.props.version() || *depends_on != now.depends_on;
        properties(journal, Object::Resource(key), now.cluster, name, &now.name, changed);
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
    type Look = (String, ClusterNetworkState, u64);
    fn look(&self) -> Self::Look {
        (self.name.clone(), self.state, self.props.version())
    }
    fn journal(key: NetworkKey, (name, state, sets): &Self::Look, now: &Self, journal: &Journal) {
        let changed = *sets != now.props.version();
        properties(journal, Object::Network(key), now.cluster, name, &now.name, changed);
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
    type Look = (String, ClusterNetInterfaceState, u64);
    fn look(&self) -> Self::Look {
        (self.name.clone(), self.state, self.props.version())
    }
    fn journal(key: NetInterfaceKey, (name, state, sets): &Self::Look, now: &Self, journal: &Journal) {
        let changed = *sets != now.props.version();
        properties(journal, Object::NetInterface(key), now.cluster, name, &now.name, changed);
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
