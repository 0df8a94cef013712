//! Exports of the real `clusapi.dll` whose whole family the simulator leaves out: cluster
//! setup (`AddClusterNode`, `CreateCluster`, `CreateClusterManagementPoint`,
//! `DestroyCluster`) and the setup wizard's undocumented `CCHlp*` helpers, the undocumented
//! multi-resource request channel (`ClusterSendReceiveMrr`), `ClusterStmFindDisk` and
//! `ClusterFreeMemory`. Each is exported so that code calling it
//! links, and answers as a call the server does not support (see
//! `crate::ffi::not_simulated`); why each is left out is in its doc comment and in the
//! README's coverage table.
//!
//! The not-simulated exports of a family the simulator has are in that family's file,
//! beside the calls they would join (`enumerate.rs`, `registry.rs`, `control.rs`,
//! `modern.rs`, `cluster.rs`).

use crate::ffi::not_simulated;

not_simulated! {
    /// adding a node to a cluster (setup with a progress callback) is not simulated: build the topology with
    /// the node instead
    fn AddClusterNode -> NULL;
    /// creating a cluster (setup) is not simulated: describe it in the builder or a topology file
    fn CreateCluster -> NULL;
    /// creating a cluster's management point (setup) is not simulated
    fn CreateClusterManagementPoint -> NULL;
    /// destroying a cluster (setup) is not simulated: drop the Simulator, or ClusSimReset
    fn DestroyCluster -> ERROR_CALL_NOT_IMPLEMENTED;
    /// an undocumented helper of the cluster setup wizard
    fn CCHlpAddNodeUpdateCluster -> E_NOTIMPL;
    /// an undocumented helper of the cluster setup wizard
    fn CCHlpConfigureNode -> E_NOTIMPL;
    /// an undocumented helper of the cluster setup wizard (Active Directory computer objects)
    fn CCHlpCreateClusterNameCOIfNotExists -> E_NOTIMPL;
    /// an undocumented helper of the cluster setup wizard
    fn CCHlpGetClusterServiceSecret -> E_NOTIMPL;
    /// an undocumented helper of the cluster setup wizard
    fn CCHlpGetDNSHostLabel -> E_NOTIMPL;
    /// an undocumented helper of the cluster setup wizard
    fn CCHlpRestoreClusterVirtualObjectToInitialState -> E_NOTIMPL;
    /// an undocumented multi-resource request channel
    fn ClusterSendReceiveMrr -> ERROR_CALL_NOT_IMPLEMENTED;
    /// frees what ClusterSendReceiveMrr returns, which is not simulated
    fn ClusterFreeMrrResponse -> ERROR_CALL_NOT_IMPLEMENTED;
    /// frees memory the cluster API allocated for callers; no simulated call hands out such memory
    fn ClusterFreeMemory -> ERROR_CALL_NOT_IMPLEMENTED;
    /// an undocumented storage-management helper
    fn ClusterStmFindDisk -> ERROR_CALL_NOT_IMPLEMENTED;
}
