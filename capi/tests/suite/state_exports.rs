//! The `GetCluster*State` exports, called as C code calls them: states as `int` values,
//! names with the buffer protocol, `-1` and the last error on failure.

use clusapi::*;

fn wide(s: &str) -> Vec<u16> {
    s.encode_utf16().chain([0]).collect()
}

fn text(buf: &[u16], len: u32) -> String {
    String::from_utf16_lossy(&buf[..len as usize])
}

const ERROR_INVALID_HANDLE: u32 = 6;
const ERROR_MORE_DATA: u32 = 234;

#[test]
fn state_exports_follow_the_win32_conventions() {
    // Each test binary has its own process simulator; this is its only test.
    // SAFETY: NUL-terminated names, buffers of the stated lengths, handles from the calls.
    unsafe {
        let c = OpenCluster(std::ptr::null());
        assert!(!c.is_null());
        let node = OpenClusterNode(c, wide("NODE2").as_ptr());
        assert_eq!(GetClusterNodeState(node), 0, "ClusterNodeUp");
        let net = OpenClusterNetwork(c, wide("Cluster Network 1").as_ptr());
        assert_eq!(GetClusterNetworkState(net), 3, "ClusterNetworkUp");
        let nic = OpenClusterNetInterface(c, wide("NODE1 - Cluster Network 2").as_ptr());
        assert_eq!(GetClusterNetInterfaceState(nic), 3, "ClusterNetInterfaceUp");

        let group = OpenClusterGroup(c, wide("Cluster Group").as_ptr());
        assert_eq!(GetClusterGroupState(group, std::ptr::null_mut(), std::ptr::null_mut()), 0, "online");
        // The two-call protocol for the owner's name.
        let mut len = 0;
        assert_eq!(GetClusterGroupState(group, std::ptr::null_mut(), &mut len), -1);
        assert_eq!((GetLastError(), len), (ERROR_MORE_DATA, 5));
        let mut buf = vec![0u16; len as usize + 1];
        len += 1;
        assert_eq!(GetClusterGroupState(group, buf.as_mut_ptr(), &mut len), 0);
        assert_eq!(text(&buf, len), "NODE1");

        let res = OpenClusterResource(c, wide("Cluster Name").as_ptr());
        let (mut node_len, mut group_len) = (0, 0);
        let state = GetClusterResourceState(
            res,
            std::ptr::null_mut(),
            &mut node_len,
            std::ptr::null_mut(),
            &mut group_len,
        );
        assert_eq!((state, GetLastError()), (-1, ERROR_MORE_DATA));
        assert_eq!((node_len, group_len), (5, 13), "both lengths are reported at once");
        let (mut nb, mut gb) = (vec![0u16; 6], vec![0u16; 14]);
        let (mut nl, mut gl) = (6, 14);
        let state = GetClusterResourceState(res, nb.as_mut_ptr(), &mut nl, gb.as_mut_ptr(), &mut gl);
        assert_eq!(state, 2, "ClusterResourceOnline");
        assert_eq!((text(&nb, nl), text(&gb, gl)), ("NODE1".to_owned(), "Cluster Group".to_owned()));

        // Failures: -1 and ERROR_INVALID_HANDLE, for NULL and for closed handles.
        assert_eq!(GetClusterNodeState(std::ptr::null_mut()), -1);
        assert_eq!(GetLastError(), ERROR_INVALID_HANDLE);
        assert_eq!(CloseClusterGroup(group), TRUE);
        assert_eq!(GetClusterGroupState(group, std::ptr::null_mut(), std::ptr::null_mut()), -1);
        assert_eq!(GetLastError(), ERROR_INVALID_HANDLE);
        assert_eq!(
            GetClusterResourceState(
                node.cast(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut()
            ),
            -1,
            "a node handle is not a resource handle"
        );
        assert_eq!(GetLastError(), ERROR_INVALID_HANDLE);

        for closed in [CloseClusterResource(res), CloseClusterNetInterface(nic), CloseClusterNetwork(net)] {
            assert_eq!(closed, TRUE);
        }
        assert_eq!(CloseClusterNode(node), TRUE);
        assert_eq!(CloseCluster(c), TRUE);
        assert_eq!(ClusSimOpenHandleCount(), 0);
    }
}
