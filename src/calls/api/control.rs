//! `Cluster*Control`: control codes on every object kind (see `crate::model::control`).

use super::ObjectKind;
use crate::model::control::Target;
use crate::model::world::{GroupKey, NetInterfaceKey, NetworkKey, NodeKey, ResourceKey};
use crate::rules::control;
use crate::session::handle_table::Access;
#[cfg(doc)] // the docs link `Simulator::cluster_control`
use crate::session::simulator::Simulator;
use crate::types::error::{Error, Result};
use crate::types::handle::{HCluster, HGroup, HNetInterface, HNetwork, HNode, HResource};

impl crate::calls::call::Cx<'_> {
    /// Runs `code` on the object behind `handle`, made into a [`Target`] by `target`.
    fn object_control<H: ObjectKind>(
        &mut self,
        handle: H,
        host_node: Option<HNode>,
        code: u32,
        input: &[u8],
        target: fn(slotmap::KeyData) -> Target,
    ) -> Result<Vec<u8>> {
        let (call, at) = (self.call, self.at);
        let (_, e) = self.resolve(handle)?;
        let object = self.object(handle, e.object)?;
        let cluster = self.cluster_of_entry(&e)?;
        let host = match host_node {
            Some(n) => Some(self.node_of(n, cluster, call, at)?),
            None => None,
        };
        control::control_on(&mut self.world, target(object), code, input, e.access == Access::All, host)
    }
}

crate::calls::call::calls! {
    /// Control codes: `ClusterControl` and the `Cluster*Control` call of every object kind.
    pub trait ControlCalls;

    /// `ClusterControl`: runs a `CLUSCTL_CLUSTER_*` code on the cluster. `host_node` (the
    /// node to run it on) must be a node of the cluster; every node gives the same answer.
    ///
    /// Returns the output bytes: a property list, a `MULTI_SZ` of names, or nothing for a
    /// set. Read them with [`crate::PropertyList::parse`].
    ///
    /// # Errors
    ///
    /// `ERROR_INVALID_HANDLE`; `ERROR_INVALID_FUNCTION` for a code that is 0, unknown or
    /// for another object type; `ERROR_ACCESS_DENIED` for a code that changes the object
    /// through a `GENERIC_READ` handle; `ERROR_INVALID_DATA` for a malformed property list;
    /// `ERROR_INVALID_PARAMETER` for a property that is unknown, read-only, of the wrong
    /// format or out of range.
    ///
    /// ```
    /// use clusapi_sim::{clusctl, PropertyList, Simulator};
    ///
    /// let sim = Simulator::default();
    /// let c = sim.open_cluster(None)?;
    /// let g = sim.open_cluster_group(c, "Cluster Group")?;
    /// let props = PropertyList::parse(&sim.cluster_group_control(g, None, clusctl::CLUSCTL_GROUP_GET_COMMON_PROPERTIES, &[])?)?;
    /// assert!(props.get("FailoverThreshold").is_some());
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    "ClusterControl" [faults(TRANSPORT)]
    fn cluster_control(st, hcluster: HCluster, host_node: Option<HNode>, #[hex] code: u32, input: &[u8]) -> Vec<u8> {
        let (call, at) = (st.call, st.at);
        let (_, e) = st.resolve(hcluster)?;
        let cluster = st.cluster_of_entry(&e)?;
        if let Some(n) = host_node {
            st.node_of(n, cluster, call, at)?;
        }
        control::control(&mut st.world, Target::Cluster(cluster), code, input, e.access == Access::All)
    }

    /// `ClusterNodeControl`: a `CLUSCTL_NODE_*` code on a node. See [`Simulator::cluster_control`].
    ///
    /// # Errors
    ///
    /// As [`Simulator::cluster_control`]; `ERROR_CLUSTER_NODE_NOT_FOUND` for an evicted node.
    "ClusterNodeControl" [faults(NODE)]
    fn cluster_node_control(st, hnode: HNode, host_node: Option<HNode>, #[hex] code: u32, input: &[u8]) -> Vec<u8> {
        st.object_control(hnode, host_node, code, input, |k| Target::Node(NodeKey::from(k)))
    }

    /// `ClusterGroupControl`: a `CLUSCTL_GROUP_*` code on a group. See [`Simulator::cluster_control`].
    ///
    /// # Errors
    ///
    /// As [`Simulator::cluster_control`]; `ERROR_GROUP_NOT_AVAILABLE` for a deleted group.
    "ClusterGroupControl" [faults(GROUP)]
    fn cluster_group_control(
        st,
        hgroup: HGroup,
        host_node: Option<HNode>,
        #[hex] code: u32,
        input: &[u8],
    ) -> Vec<u8> {
        st.object_control(hgroup, host_node, code, input, |k| Target::Group(GroupKey::from(k)))
    }

    /// `ClusterResourceControl`: a `CLUSCTL_RESOURCE_*` code on a resource. Its private
    /// properties are those of its type. See [`Simulator::cluster_control`].
    ///
    /// # Errors
    ///
    /// As [`Simulator::cluster_control`]; `ERROR_RESOURCE_NOT_AVAILABLE` for a deleted
    /// resource.
    "ClusterResourceControl" [faults(RESOURCE)]
    fn cluster_resource_control(
        st,
        hresource: HResource,
        host_node: Option<HNode>,
        #[hex] code: u32,
        input: &[u8],
    ) -> Vec<u8> {
        st.object_control(hresource, host_node, code, input, |k| Target::Resource(ResourceKey::from(k)))
    }

    /// `ClusterNetworkControl`: a `CLUSCTL_NETWORK_*` code on a network. See
    /// [`Simulator::cluster_control`].
    ///
    /// # Errors
    ///
    /// As [`Simulator::cluster_control`].
    "ClusterNetworkControl" [faults(NETWORK)]
    fn cluster_network_control(
        st,
        hnetwork: HNetwork,
        host_node: Option<HNode>,
        #[hex] code: u32,
        input: &[u8],
    ) -> Vec<u8> {
        st.object_control(hnetwork, host_node, code, input, |k| Target::Network(NetworkKey::from(k)))
    }

    /// `ClusterNetInterfaceControl`: a `CLUSCTL_NETINTERFACE_*` code on a network
    /// interface. See [`Simulator::cluster_control`].
    ///
    /// # Errors
    ///
    /// As [`Simulator::cluster_control`].
    "ClusterNetInterfaceControl" [faults(NET_INTERFACE)]
    fn cluster_net_interface_control(
        st,
        hinterface: HNetInterface,
        host_node: Option<HNode>,
        #[hex] code: u32,
        input: &[u8],
    ) -> Vec<u8> {
        st.object_control(hinterface, host_node, code, input, |k| {
            Target::NetInterface(NetInterfaceKey::from(k))
        })
    }

    /// `ClusterResourceTypeControl`: a `CLUSCTL_RESOURCE_TYPE_*` code on the resource
    /// type named `resource_type` of the cluster. See [`Simulator::cluster_control`].
    ///
    /// # Errors
    ///
    /// As [`Simulator::cluster_control`]; `ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND` (5078)
    /// for a type the cluster does not have.
    "ClusterResourceTypeControl" [faults(TRANSPORT + ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND)]
    fn cluster_resource_type_control(
        st,
        hcluster: HCluster,
        resource_type: &str,
        host_node: Option<HNode>,
        #[hex] code: u32,
        input: &[u8],
    ) -> Vec<u8> {
        let (call, at) = (st.call, st.at);
        let (_, e) = st.resolve(hcluster)?;
        let cluster = st.cluster_of_entry(&e)?;
        if let Some(n) = host_node {
            st.node_of(n, cluster, call, at)?;
        }
        let index = st
            .world
            .clusters
            .get(cluster)
            .and_then(|c| c.resource_type_names.get(resource_type))
            .ok_or_else(|| {
                Error::ClusterResourceTypeNotFound(format!(
                    "the cluster has no resource type \"{resource_type}\""
                ))
            })?;
        control::control(
            &mut st.world,
            Target::ResourceType(cluster, index),
            code,
            input,
            e.access == Access::All,
        )
    }
}
