/*
 * clusapi.h for clusapi-sim: the ClusAPI types, constants and functions that
 * libclusapi (the simulator's C ABI) exports, under their real names and signatures, and a
 * PCLUSAPI_* function-pointer type for each, for code that loads clusapi.dll at run time
 * (here: dlopen("libclusapi.so") and dlsym).
 *
 * Build unchanged ClusAPI client code with `-I capi/include/compat -fshort-wchar` and link
 * with `-lclusapi`. Written for the simulator from the ClusAPI documentation; the
 * simulator's own extras (ClusSim*) are in <clusapi_sim.h>.
 */
#ifndef CLUSAPI_SIM_COMPAT_CLUSAPI_H
#define CLUSAPI_SIM_COMPAT_CLUSAPI_H

#include <windows.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CLUSAPI_VERSION 0x0A00

/* Handles: opaque pointers; the simulator checks their values, never dereferences them. */
typedef struct _HCLUSTER *HCLUSTER;
typedef struct _HNODE *HNODE;
typedef struct _HRESOURCE *HRESOURCE;
typedef struct _HGROUP *HGROUP;
typedef struct _HNETWORK *HNETWORK;
typedef struct _HNETINTERFACE *HNETINTERFACE;
typedef struct _HCHANGE *HCHANGE;
typedef struct _HCLUSENUM *HCLUSENUM;
typedef struct _HGROUPENUM *HGROUPENUM;
typedef struct _HRESENUM *HRESENUM;
typedef struct _HNETWORKENUM *HNETWORKENUM;
typedef struct _HNODEENUM *HNODEENUM;
typedef struct _HRESTYPEENUM *HRESTYPEENUM;

/* DNS_MAX_LABEL_LENGTH, as in the Windows SDK. */
#define MAX_CLUSTERNAME_LENGTH 63

typedef struct CLUSTERVERSIONINFO_NT4 {
  DWORD dwVersionInfoSize;
  WORD MajorVersion;
  WORD MinorVersion;
  WORD BuildNumber;
  WCHAR szVendorId[64];
  WCHAR szCSDVersion[64];
} CLUSTERVERSIONINFO_NT4, *PCLUSTERVERSIONINFO_NT4;

typedef struct CLUSTERVERSIONINFO {
  DWORD dwVersionInfoSize;
  WORD MajorVersion;
  WORD MinorVersion;
  WORD BuildNumber;
  WCHAR szVendorId[64];
  WCHAR szCSDVersion[64];
  DWORD dwClusterHighestVersion;
  DWORD dwClusterLowestVersion;
  DWORD dwFlags;
  DWORD dwReserved;
} CLUSTERVERSIONINFO, *LPCLUSTERVERSIONINFO, *PCLUSTERVERSIONINFO;

#define CLUSTER_VERSION_FLAG_MIXED_MODE 0x00000001
#define CLUSTER_MAKE_VERSION(_maj, _min) (((_maj) << 16) | (_min))
#define CLUSTER_GET_MAJOR_VERSION(_ver) ((_ver) >> 16)
#define CLUSTER_GET_MINOR_VERSION(_ver) ((_ver) & 0xFFFF)

/* GetNodeClusterState. */
typedef enum NODE_CLUSTER_STATE {
  ClusterStateNotInstalled = 0x00000000,
  ClusterStateNotConfigured = 0x00000001,
  ClusterStateNotRunning = 0x00000003,
  ClusterStateRunning = 0x00000013
} NODE_CLUSTER_STATE;

/* Object states (the clusapi.h numbering; Unknown also means the call failed). */
typedef enum CLUSTER_NODE_STATE {
  ClusterNodeStateUnknown = -1,
  ClusterNodeUp,
  ClusterNodeDown,
  ClusterNodePaused,
  ClusterNodeJoining
} CLUSTER_NODE_STATE;

typedef enum CLUSTER_GROUP_STATE {
  ClusterGroupStateUnknown = -1,
  ClusterGroupOnline,
  ClusterGroupOffline,
  ClusterGroupFailed,
  ClusterGroupPartialOnline,
  ClusterGroupPending
} CLUSTER_GROUP_STATE;

typedef enum CLUSTER_RESOURCE_STATE {
  ClusterResourceStateUnknown = -1,
  ClusterResourceInherited = 0,
  ClusterResourceInitializing = 1,
  ClusterResourceOnline = 2,
  ClusterResourceOffline = 3,
  ClusterResourceFailed = 4,
  ClusterResourcePending = 128,
  ClusterResourceOnlinePending = 129,
  ClusterResourceOfflinePending = 130
} CLUSTER_RESOURCE_STATE;

typedef enum CLUSTER_NETWORK_STATE {
  ClusterNetworkStateUnknown = -1,
  ClusterNetworkUnavailable,
  ClusterNetworkDown,
  ClusterNetworkPartitioned,
  ClusterNetworkUp
} CLUSTER_NETWORK_STATE;

typedef enum CLUSTER_NETINTERFACE_STATE {
  ClusterNetInterfaceStateUnknown = -1,
  ClusterNetInterfaceUnavailable,
  ClusterNetInterfaceFailed,
  ClusterNetInterfaceUnreachable,
  ClusterNetInterfaceUp
} CLUSTER_NETINTERFACE_STATE;

/* ClusterOpenEnum. */
typedef enum CLUSTER_ENUM {
  CLUSTER_ENUM_NODE = 0x00000001,
  CLUSTER_ENUM_RESTYPE = 0x00000002,
  CLUSTER_ENUM_RESOURCE = 0x00000004,
  CLUSTER_ENUM_GROUP = 0x00000008,
  CLUSTER_ENUM_NETWORK = 0x00000010,
  CLUSTER_ENUM_NETINTERFACE = 0x00000020,
  CLUSTER_ENUM_SHARED_VOLUME_GROUP = 0x20000000,
  CLUSTER_ENUM_SHARED_VOLUME_RESOURCE = 0x40000000,
  CLUSTER_ENUM_INTERNAL_NETWORK = (int)0x80000000,
  CLUSTER_ENUM_ALL = (CLUSTER_ENUM_NODE | CLUSTER_ENUM_RESTYPE | CLUSTER_ENUM_RESOURCE | CLUSTER_ENUM_GROUP |
                      CLUSTER_ENUM_NETWORK | CLUSTER_ENUM_NETINTERFACE)
} CLUSTER_ENUM;

/* ClusterNetworkOpenEnum. */
typedef enum CLUSTER_NETWORK_ENUM {
  CLUSTER_NETWORK_ENUM_NETINTERFACES = 0x00000001,
  CLUSTER_NETWORK_ENUM_ALL = CLUSTER_NETWORK_ENUM_NETINTERFACES
} CLUSTER_NETWORK_ENUM;

/* ClusterNodeOpenEnum, ClusterGroupOpenEnum, ClusterResourceOpenEnum. */
typedef enum CLUSTER_NODE_ENUM {
  CLUSTER_NODE_ENUM_NETINTERFACES = 0x00000001,
  CLUSTER_NODE_ENUM_GROUPS = 0x00000002,
  CLUSTER_NODE_ENUM_PREFERRED_GROUPS = 0x00000004,
  CLUSTER_NODE_ENUM_ALL = (CLUSTER_NODE_ENUM_NETINTERFACES | CLUSTER_NODE_ENUM_GROUPS)
} CLUSTER_NODE_ENUM;

typedef enum CLUSTER_GROUP_ENUM {
  CLUSTER_GROUP_ENUM_CONTAINS = 0x00000001,
  CLUSTER_GROUP_ENUM_NODES = 0x00000002,
  CLUSTER_GROUP_ENUM_ALL = (CLUSTER_GROUP_ENUM_CONTAINS | CLUSTER_GROUP_ENUM_NODES)
} CLUSTER_GROUP_ENUM;

typedef enum CLUSTER_RESOURCE_ENUM {
  CLUSTER_RESOURCE_ENUM_DEPENDS = 0x00000001,
  CLUSTER_RESOURCE_ENUM_PROVIDES = 0x00000002,
  CLUSTER_RESOURCE_ENUM_NODES = 0x00000004,
  CLUSTER_RESOURCE_ENUM_ALL = (CLUSTER_RESOURCE_ENUM_DEPENDS | CLUSTER_RESOURCE_ENUM_PROVIDES | CLUSTER_RESOURCE_ENUM_NODES)
} CLUSTER_RESOURCE_ENUM;

/* Access rights granted by the OpenCluster*Ex functions (as MinGW's header names them). */
#define CLUSAPI_READ_ACCESS 0x00000001L
#define CLUSAPI_CHANGE_ACCESS 0x00000002L
#define CLUSAPI_NO_ACCESS 0x00000004L
#define CLUSAPI_ALL_ACCESS (CLUSAPI_READ_ACCESS | CLUSAPI_CHANGE_ACCESS)

/* Cluster. */
HCLUSTER WINAPI OpenCluster(LPCWSTR lpszClusterName);
HCLUSTER WINAPI OpenClusterEx(LPCWSTR lpszClusterName, DWORD DesiredAccess, DWORD *GrantedAccess);
BOOL WINAPI CloseCluster(HCLUSTER hCluster);
DWORD WINAPI GetClusterInformation(HCLUSTER hCluster, LPWSTR lpszClusterName, LPDWORD lpcchClusterName,
                                   LPCLUSTERVERSIONINFO lpClusterInfo);
DWORD WINAPI GetNodeClusterState(LPCWSTR lpszNodeName, LPDWORD pdwClusterState);
DWORD WINAPI GetClusterNetInterface(HCLUSTER hCluster, LPCWSTR lpszNodeName, LPCWSTR lpszNetworkName,
                                    LPWSTR lpszInterfaceName, LPDWORD lpcchInterfaceName);

/* Enumeration. */
HCLUSENUM WINAPI ClusterOpenEnum(HCLUSTER hCluster, DWORD dwType);
DWORD WINAPI ClusterGetEnumCount(HCLUSENUM hEnum);
DWORD WINAPI ClusterEnum(HCLUSENUM hEnum, DWORD dwIndex, LPDWORD lpdwType, LPWSTR lpszName, LPDWORD lpcchName);
DWORD WINAPI ClusterCloseEnum(HCLUSENUM hEnum);

/* Nodes. */
HNODE WINAPI OpenClusterNode(HCLUSTER hCluster, LPCWSTR lpszNodeName);
HNODE WINAPI OpenClusterNodeEx(HCLUSTER hCluster, LPCWSTR lpszNodeName, DWORD dwDesiredAccess,
                               LPDWORD lpdwGrantedAccess);
BOOL WINAPI CloseClusterNode(HNODE hNode);
HCLUSTER WINAPI GetClusterFromNode(HNODE hNode);
DWORD WINAPI GetClusterNodeId(HNODE hNode, LPWSTR lpszNodeId, LPDWORD lpcchName);
CLUSTER_NODE_STATE WINAPI GetClusterNodeState(HNODE hNode);
#define GetCurrentClusterNodeId(_lpszNodeId_, _lpcchName_) GetClusterNodeId(NULL, (_lpszNodeId_), (_lpcchName_))

/* Groups. */
HGROUP WINAPI OpenClusterGroup(HCLUSTER hCluster, LPCWSTR lpszGroupName);
HGROUP WINAPI OpenClusterGroupEx(HCLUSTER hCluster, LPCWSTR lpszGroupName, DWORD dwDesiredAccess,
                                 LPDWORD lpdwGrantedAccess);
BOOL WINAPI CloseClusterGroup(HGROUP hGroup);
HCLUSTER WINAPI GetClusterFromGroup(HGROUP hGroup);
CLUSTER_GROUP_STATE WINAPI GetClusterGroupState(HGROUP hGroup, LPWSTR lpszNodeName, LPDWORD lpcchNodeName);

/* Resources. */
HRESOURCE WINAPI OpenClusterResource(HCLUSTER hCluster, LPCWSTR lpszResourceName);
HRESOURCE WINAPI OpenClusterResourceEx(HCLUSTER hCluster, LPCWSTR lpszResourceName, DWORD dwDesiredAccess,
                                       LPDWORD lpdwGrantedAccess);
BOOL WINAPI CloseClusterResource(HRESOURCE hResource);
HCLUSTER WINAPI GetClusterFromResource(HRESOURCE hResource);
CLUSTER_RESOURCE_STATE WINAPI GetClusterResourceState(HRESOURCE hResource, LPWSTR lpszNodeName,
                                                      LPDWORD lpcchNodeName, LPWSTR lpszGroupName,
                                                      LPDWORD lpcchGroupName);

/* Networks. */
HNETWORK WINAPI OpenClusterNetwork(HCLUSTER hCluster, LPCWSTR lpszNetworkName);
HNETWORK WINAPI OpenClusterNetworkEx(HCLUSTER hCluster, LPCWSTR lpszNetworkName, DWORD dwDesiredAccess,
                                     LPDWORD lpdwGrantedAccess);
BOOL WINAPI CloseClusterNetwork(HNETWORK hNetwork);
HCLUSTER WINAPI GetClusterFromNetwork(HNETWORK hNetwork);
DWORD WINAPI GetClusterNetworkId(HNETWORK hNetwork, LPWSTR lpszNetworkId, LPDWORD lpcchName);
CLUSTER_NETWORK_STATE WINAPI GetClusterNetworkState(HNETWORK hNetwork);
HNETWORKENUM WINAPI ClusterNetworkOpenEnum(HNETWORK hNetwork, DWORD dwType);
DWORD WINAPI ClusterNetworkGetEnumCount(HNETWORKENUM hNetworkEnum);
DWORD WINAPI ClusterNetworkEnum(HNETWORKENUM hNetworkEnum, DWORD dwIndex, LPDWORD lpdwType, LPWSTR lpszName,
                                LPDWORD lpcchName);
DWORD WINAPI ClusterNetworkCloseEnum(HNETWORKENUM hNetworkEnum);

/* Network interfaces. */
HNETINTERFACE WINAPI OpenClusterNetInterface(HCLUSTER hCluster, LPCWSTR lpszInterfaceName);
HNETINTERFACE WINAPI OpenClusterNetInterfaceEx(HCLUSTER hCluster, LPCWSTR lpszInterfaceName, DWORD dwDesiredAccess,
                                               LPDWORD lpdwGrantedAccess);
BOOL WINAPI CloseClusterNetInterface(HNETINTERFACE hNetInterface);
HCLUSTER WINAPI GetClusterFromNetInterface(HNETINTERFACE hNetInterface);
CLUSTER_NETINTERFACE_STATE WINAPI GetClusterNetInterfaceState(HNETINTERFACE hNetInterface);

/* Child enumerations. */
HNODEENUM WINAPI ClusterNodeOpenEnum(HNODE hNode, DWORD dwType);
DWORD WINAPI ClusterNodeGetEnumCount(HNODEENUM hNodeEnum);
DWORD WINAPI ClusterNodeEnum(HNODEENUM hNodeEnum, DWORD dwIndex, LPDWORD lpdwType, LPWSTR lpszName,
                             LPDWORD lpcchName);
DWORD WINAPI ClusterNodeCloseEnum(HNODEENUM hNodeEnum);
HGROUPENUM WINAPI ClusterGroupOpenEnum(HGROUP hGroup, DWORD dwType);
DWORD WINAPI ClusterGroupGetEnumCount(HGROUPENUM hGroupEnum);
DWORD WINAPI ClusterGroupEnum(HGROUPENUM hGroupEnum, DWORD dwIndex, LPDWORD lpdwType, LPWSTR lpszResourceName,
                              LPDWORD lpcchName);
DWORD WINAPI ClusterGroupCloseEnum(HGROUPENUM hGroupEnum);
HRESENUM WINAPI ClusterResourceOpenEnum(HRESOURCE hResource, DWORD dwType);
DWORD WINAPI ClusterResourceGetEnumCount(HRESENUM hResEnum);
DWORD WINAPI ClusterResourceEnum(HRESENUM hResEnum, DWORD dwIndex, LPDWORD lpdwType, LPWSTR lpszName,
                                 LPDWORD lpcchName);
DWORD WINAPI ClusterResourceCloseEnum(HRESENUM hResEnum);

/* Notifications. */
typedef enum CLUSTER_CHANGE {
  CLUSTER_CHANGE_NODE_STATE = 0x00000001,
  CLUSTER_CHANGE_NODE_DELETED = 0x00000002,
  CLUSTER_CHANGE_NODE_ADDED = 0x00000004,
  CLUSTER_CHANGE_NODE_PROPERTY = 0x00000008,
  CLUSTER_CHANGE_REGISTRY_NAME = 0x00000010,
  CLUSTER_CHANGE_REGISTRY_ATTRIBUTES = 0x00000020,
  CLUSTER_CHANGE_REGISTRY_VALUE = 0x00000040,
  CLUSTER_CHANGE_REGISTRY_SUBTREE = 0x00000080,
  CLUSTER_CHANGE_RESOURCE_STATE = 0x00000100,
  CLUSTER_CHANGE_RESOURCE_DELETED = 0x00000200,
  CLUSTER_CHANGE_RESOURCE_ADDED = 0x00000400,
  CLUSTER_CHANGE_RESOURCE_PROPERTY = 0x00000800,
  CLUSTER_CHANGE_GROUP_STATE = 0x00001000,
  CLUSTER_CHANGE_GROUP_DELETED = 0x00002000,
  CLUSTER_CHANGE_GROUP_ADDED = 0x00004000,
  CLUSTER_CHANGE_GROUP_PROPERTY = 0x00008000,
  CLUSTER_CHANGE_RESOURCE_TYPE_DELETED = 0x00010000,
  CLUSTER_CHANGE_RESOURCE_TYPE_ADDED = 0x00020000,
  CLUSTER_CHANGE_RESOURCE_TYPE_PROPERTY = 0x00040000,
  CLUSTER_CHANGE_CLUSTER_RECONNECT = 0x00080000,
  CLUSTER_CHANGE_NETWORK_STATE = 0x00100000,
  CLUSTER_CHANGE_NETWORK_DELETED = 0x00200000,
  CLUSTER_CHANGE_NETWORK_ADDED = 0x00400000,
  CLUSTER_CHANGE_NETWORK_PROPERTY = 0x00800000,
  CLUSTER_CHANGE_NETINTERFACE_STATE = 0x01000000,
  CLUSTER_CHANGE_NETINTERFACE_DELETED = 0x02000000,
  CLUSTER_CHANGE_NETINTERFACE_ADDED = 0x04000000,
  CLUSTER_CHANGE_NETINTERFACE_PROPERTY = 0x08000000,
  CLUSTER_CHANGE_QUORUM_STATE = 0x10000000,
  CLUSTER_CHANGE_CLUSTER_STATE = 0x20000000,
  CLUSTER_CHANGE_CLUSTER_PROPERTY = 0x40000000,
  CLUSTER_CHANGE_HANDLE_CLOSE = (int)0x80000000,
  CLUSTER_CHANGE_ALL = (int)0xFFFFFFFF
} CLUSTER_CHANGE;

HCHANGE WINAPI CreateClusterNotifyPort(HCHANGE hChange, HCLUSTER hCluster, DWORD dwFilter, DWORD_PTR dwNotifyKey);
DWORD WINAPI RegisterClusterNotify(HCHANGE hChange, DWORD dwFilterType, HANDLE hObject, DWORD_PTR dwNotifyKey);
DWORD WINAPI GetClusterNotify(HCHANGE hChange, DWORD_PTR *lpdwNotifyKey, LPDWORD lpdwFilterType, LPWSTR lpszName,
                              LPDWORD lpcchName, DWORD dwMilliseconds);
BOOL WINAPI CloseClusterNotifyPort(HCHANGE hChange);

/* Control. */
#define CLUSTER_RESOURCE_DEFAULT_MONITOR 0
#define CLUSTER_RESOURCE_SEPARATE_MONITOR 1
DWORD WINAPI OnlineClusterGroup(HGROUP hGroup, HNODE hDestinationNode);
DWORD WINAPI OfflineClusterGroup(HGROUP hGroup);
DWORD WINAPI MoveClusterGroup(HGROUP hGroup, HNODE hDestinationNode);
HGROUP WINAPI CreateClusterGroup(HCLUSTER hCluster, LPCWSTR lpszGroupName);
DWORD WINAPI DeleteClusterGroup(HGROUP hGroup);
DWORD WINAPI SetClusterGroupNodeList(HGROUP hGroup, DWORD NodeCount, HNODE NodeList[]);
DWORD WINAPI OnlineClusterResource(HRESOURCE hResource);
DWORD WINAPI OfflineClusterResource(HRESOURCE hResource);
DWORD WINAPI FailClusterResource(HRESOURCE hResource);
HRESOURCE WINAPI CreateClusterResource(HGROUP hGroup, LPCWSTR lpszResourceName, LPCWSTR lpszResourceType,
                                       DWORD dwFlags);
DWORD WINAPI DeleteClusterResource(HRESOURCE hResource);
DWORD WINAPI AddClusterResourceDependency(HRESOURCE hResource, HRESOURCE hDependsOn);
DWORD WINAPI RemoveClusterResourceDependency(HRESOURCE hResource, HRESOURCE hDependsOn);
DWORD WINAPI PauseClusterNode(HNODE hNode);
DWORD WINAPI ResumeClusterNode(HNODE hNode);
DWORD WINAPI EvictClusterNode(HNODE hNode);
DWORD WINAPI SetClusterNetworkName(HNETWORK hNetwork, LPCWSTR lpszName);

/* Function-pointer types, for code that loads the library at run time. */
typedef HCLUSTER(WINAPI *PCLUSAPI_OPEN_CLUSTER)(LPCWSTR lpszClusterName);
typedef HCLUSTER(WINAPI *PCLUSAPI_OPEN_CLUSTER_EX)(LPCWSTR lpszClusterName, DWORD DesiredAccess,
                                                   DWORD *GrantedAccess);
typedef BOOL(WINAPI *PCLUSAPI_CLOSE_CLUSTER)(HCLUSTER hCluster);
typedef DWORD(WINAPI *PCLUSAPI_GET_CLUSTER_INFORMATION)(HCLUSTER hCluster, LPWSTR lpszClusterName,
                                                        LPDWORD lpcchClusterName,
                                                        LPCLUSTERVERSIONINFO lpClusterInfo);
typedef DWORD(WINAPI *PCLUSAPI_GET_NODE_CLUSTER_STATE)(LPCWSTR lpszNodeName, LPDWORD pdwClusterState);
typedef DWORD(WINAPI *PCLUSAPI_GET_CLUSTER_NET_INTERFACE)(HCLUSTER hCluster, LPCWSTR lpszNodeName,
                                                          LPCWSTR lpszNetworkName, LPWSTR lpszInterfaceName,
                                                          LPDWORD lpcchInterfaceName);
typedef HCLUSENUM(WINAPI *PCLUSAPI_CLUSTER_OPEN_ENUM)(HCLUSTER hCluster, DWORD dwType);
typedef DWORD(WINAPI *PCLUSAPI_CLUSTER_GET_ENUM_COUNT)(HCLUSENUM hEnum);
typedef DWORD(WINAPI *PCLUSAPI_CLUSTER_ENUM)(HCLUSENUM hEnum, DWORD dwIndex, LPDWORD lpdwType, LPWSTR lpszName,
                                             LPDWORD lpcchName);
typedef DWORD(WINAPI *PCLUSAPI_CLUSTER_CLOSE_ENUM)(HCLUSENUM hEnum);
typedef HNODE(WINAPI *PCLUSAPI_OPEN_CLUSTER_NODE)(HCLUSTER hCluster, LPCWSTR lpszNodeName);
typedef HNODE(WINAPI *PCLUSAPI_OPEN_CLUSTER_NODE_EX)(HCLUSTER hCluster, LPCWSTR lpszNodeName,
                                                     DWORD dwDesiredAccess, LPDWORD lpdwGrantedAccess);
typedef BOOL(WINAPI *PCLUSAPI_CLOSE_CLUSTER_NODE)(HNODE hNode);
typedef HCLUSTER(WINAPI *PCLUSAPI_GET_CLUSTER_FROM_NODE)(HNODE hNode);
typedef DWORD(WINAPI *PCLUSAPI_GET_CLUSTER_NODE_ID)(HNODE hNode, LPWSTR lpszNodeId, LPDWORD lpcchName);
typedef HGROUP(WINAPI *PCLUSAPI_OPEN_CLUSTER_GROUP)(HCLUSTER hCluster, LPCWSTR lpszGroupName);
typedef HGROUP(WINAPI *PCLUSAPI_OPEN_CLUSTER_GROUP_EX)(HCLUSTER hCluster, LPCWSTR lpszGroupName,
                                                       DWORD dwDesiredAccess, LPDWORD lpdwGrantedAccess);
typedef BOOL(WINAPI *PCLUSAPI_CLOSE_CLUSTER_GROUP)(HGROUP hGroup);
typedef HCLUSTER(WINAPI *PCLUSAPI_GET_CLUSTER_FROM_GROUP)(HGROUP hGroup);
typedef HRESOURCE(WINAPI *PCLUSAPI_OPEN_CLUSTER_RESOURCE)(HCLUSTER hCluster, LPCWSTR lpszResourceName);
typedef HRESOURCE(WINAPI *PCLUSAPI_OPEN_CLUSTER_RESOURCE_EX)(HCLUSTER hCluster, LPCWSTR lpszResourceName,
                                                             DWORD dwDesiredAccess, LPDWORD lpdwGrantedAccess);
typedef BOOL(WINAPI *PCLUSAPI_CLOSE_CLUSTER_RESOURCE)(HRESOURCE hResource);
typedef HCLUSTER(WINAPI *PCLUSAPI_GET_CLUSTER_FROM_RESOURCE)(HRESOURCE hResource);
typedef HNETWORK(WINAPI *PCLUSAPI_OPEN_CLUSTER_NETWORK)(HCLUSTER hCluster, LPCWSTR lpszNetworkName);
typedef HNETWORK(WINAPI *PCLUSAPI_OPEN_CLUSTER_NETWORK_EX)(HCLUSTER hCluster, LPCWSTR lpszNetworkName,
                                                           DWORD dwDesiredAccess, LPDWORD lpdwGrantedAccess);
typedef BOOL(WINAPI *PCLUSAPI_CLOSE_CLUSTER_NETWORK)(HNETWORK hNetwork);
typedef HCLUSTER(WINAPI *PCLUSAPI_GET_CLUSTER_FROM_NETWORK)(HNETWORK hNetwork);
typedef DWORD(WINAPI *PCLUSAPI_GET_CLUSTER_NETWORK_ID)(HNETWORK hNetwork, LPWSTR lpszNetworkId,
                                                       LPDWORD lpcchNetworkId);
typedef HNETWORKENUM(WINAPI *PCLUSAPI_CLUSTER_NETWORK_OPEN_ENUM)(HNETWORK hNetwork, DWORD dwType);
typedef DWORD(WINAPI *PCLUSAPI_CLUSTER_NETWORK_GET_ENUM_COUNT)(HNETWORKENUM hNetworkEnum);
typedef DWORD(WINAPI *PCLUSAPI_CLUSTER_NETWORK_ENUM)(HNETWORKENUM hNetworkEnum, DWORD dwIndex, LPDWORD lpdwType,
                                                     LPWSTR lpszName, LPDWORD lpcchName);
typedef DWORD(WINAPI *PCLUSAPI_CLUSTER_NETWORK_CLOSE_ENUM)(HNETWORKENUM hNetworkEnum);
typedef HNETINTERFACE(WINAPI *PCLUSAPI_OPEN_CLUSTER_NET_INTERFACE)(HCLUSTER hCluster, LPCWSTR lpszInterfaceName);
typedef HNETINTERFACE(WINAPI *PCLUSAPI_OPEN_CLUSTER_NETINTERFACE_EX)(HCLUSTER hCluster, LPCWSTR lpszInterfaceName,
                                                                     DWORD dwDesiredAccess,
                                                                     LPDWORD lpdwGrantedAccess);
typedef BOOL(WINAPI *PCLUSAPI_CLOSE_CLUSTER_NET_INTERFACE)(HNETINTERFACE hNetInterface);
typedef HCLUSTER(WINAPI *PCLUSAPI_GET_CLUSTER_FROM_NET_INTERFACE)(HNETINTERFACE hNetInterface);

typedef CLUSTER_NODE_STATE(WINAPI *PCLUSAPI_GET_CLUSTER_NODE_STATE)(HNODE hNode);
typedef CLUSTER_GROUP_STATE(WINAPI *PCLUSAPI_GET_CLUSTER_GROUP_STATE)(HGROUP hGroup, LPWSTR lpszNodeName,
                                                                     LPDWORD lpcchNodeName);
typedef CLUSTER_RESOURCE_STATE(WINAPI *PCLUSAPI_GET_CLUSTER_RESOURCE_STATE)(HRESOURCE hResource, LPWSTR lpszNodeName,
                                                                           LPDWORD lpcchNodeName,
                                                                           LPWSTR lpszGroupName,
                                                                           LPDWORD lpcchGroupName);
typedef CLUSTER_NETWORK_STATE(WINAPI *PCLUSAPI_GET_CLUSTER_NETWORK_STATE)(HNETWORK hNetwork);
typedef CLUSTER_NETINTERFACE_STATE(WINAPI *PCLUSAPI_GET_CLUSTER_NET_INTERFACE_STATE)(HNETINTERFACE hNetInterface);

typedef HNODEENUM(WINAPI *PCLUSAPI_CLUSTER_NODE_OPEN_ENUM)(HNODE hNode, DWORD dwType);
typedef DWORD(WINAPI *PCLUSAPI_CLUSTER_NODE_GET_ENUM_COUNT)(HNODEENUM hNodeEnum);
typedef DWORD(WINAPI *PCLUSAPI_CLUSTER_NODE_ENUM)(HNODEENUM hNodeEnum, DWORD dwIndex, LPDWORD lpdwType,
                                                  LPWSTR lpszName, LPDWORD lpcchName);
typedef DWORD(WINAPI *PCLUSAPI_CLUSTER_NODE_CLOSE_ENUM)(HNODEENUM hNodeEnum);
typedef HGROUPENUM(WINAPI *PCLUSAPI_CLUSTER_GROUP_OPEN_ENUM)(HGROUP hGroup, DWORD dwType);
typedef DWORD(WINAPI *PCLUSAPI_CLUSTER_GROUP_GET_ENUM_COUNT)(HGROUPENUM hGroupEnum);
typedef DWORD(WINAPI *PCLUSAPI_CLUSTER_GROUP_ENUM)(HGROUPENUM hGroupEnum, DWORD dwIndex, LPDWORD lpdwType,
                                                   LPWSTR lpszResourceName, LPDWORD lpcchName);
typedef DWORD(WINAPI *PCLUSAPI_CLUSTER_GROUP_CLOSE_ENUM)(HGROUPENUM hGroupEnum);
typedef HRESENUM(WINAPI *PCLUSAPI_CLUSTER_RESOURCE_OPEN_ENUM)(HRESOURCE hResource, DWORD dwType);
typedef DWORD(WINAPI *PCLUSAPI_CLUSTER_RESOURCE_GET_ENUM_COUNT)(HRESENUM hResEnum);
typedef DWORD(WINAPI *PCLUSAPI_CLUSTER_RESOURCE_ENUM)(HRESENUM hResEnum, DWORD dwIndex, LPDWORD lpdwType,
                                                      LPWSTR lpszName, LPDWORD lpcchName);
typedef DWORD(WINAPI *PCLUSAPI_CLUSTER_RESOURCE_CLOSE_ENUM)(HRESENUM hResEnum);
typedef HCHANGE(WINAPI *PCLUSAPI_CREATE_CLUSTER_NOTIFY_PORT)(HCHANGE hChange, HCLUSTER hCluster, DWORD dwFilter,
                                                            DWORD_PTR dwNotifyKey);
typedef DWORD(WINAPI *PCLUSAPI_REGISTER_CLUSTER_NOTIFY)(HCHANGE hChange, DWORD dwFilterType, HANDLE hObject,
                                                        DWORD_PTR dwNotifyKey);
typedef DWORD(WINAPI *PCLUSAPI_GET_CLUSTER_NOTIFY)(HCHANGE hChange, DWORD_PTR *lpdwNotifyKey, LPDWORD lpdwFilterType,
                                                   LPWSTR lpszName, LPDWORD lpcchName, DWORD dwMilliseconds);
typedef BOOL(WINAPI *PCLUSAPI_CLOSE_CLUSTER_NOTIFY_PORT)(HCHANGE hChange);
typedef DWORD(WINAPI *PCLUSAPI_ONLINE_CLUSTER_GROUP)(HGROUP hGroup, HNODE hDestinationNode);
typedef DWORD(WINAPI *PCLUSAPI_OFFLINE_CLUSTER_GROUP)(HGROUP hGroup);
typedef DWORD(WINAPI *PCLUSAPI_MOVE_CLUSTER_GROUP)(HGROUP hGroup, HNODE hDestinationNode);
typedef HGROUP(WINAPI *PCLUSAPI_CREATE_CLUSTER_GROUP)(HCLUSTER hCluster, LPCWSTR lpszGroupName);
typedef DWORD(WINAPI *PCLUSAPI_DELETE_CLUSTER_GROUP)(HGROUP hGroup);
typedef DWORD(WINAPI *PCLUSAPI_SET_CLUSTER_GROUP_NODE_LIST)(HGROUP hGroup, DWORD NodeCount, HNODE NodeList[]);
typedef DWORD(WINAPI *PCLUSAPI_ONLINE_CLUSTER_RESOURCE)(HRESOURCE hResource);
typedef DWORD(WINAPI *PCLUSAPI_OFFLINE_CLUSTER_RESOURCE)(HRESOURCE hResource);
typedef DWORD(WINAPI *PCLUSAPI_FAIL_CLUSTER_RESOURCE)(HRESOURCE hResource);
typedef HRESOURCE(WINAPI *PCLUSAPI_CREATE_CLUSTER_RESOURCE)(HGROUP hGroup, LPCWSTR lpszResourceName,
                                                            LPCWSTR lpszResourceType, DWORD dwFlags);
typedef DWORD(WINAPI *PCLUSAPI_DELETE_CLUSTER_RESOURCE)(HRESOURCE hResource);
typedef DWORD(WINAPI *PCLUSAPI_ADD_CLUSTER_RESOURCE_DEPENDENCY)(HRESOURCE hResource, HRESOURCE hDependsOn);
typedef DWORD(WINAPI *PCLUSAPI_REMOVE_CLUSTER_RESOURCE_DEPENDENCY)(HRESOURCE hResource, HRESOURCE hDependsOn);
typedef DWORD(WINAPI *PCLUSAPI_PAUSE_CLUSTER_NODE)(HNODE hNode);
typedef DWORD(WINAPI *PCLUSAPI_RESUME_CLUSTER_NODE)(HNODE hNode);
typedef DWORD(WINAPI *PCLUSAPI_EVICT_CLUSTER_NODE)(HNODE hNode);
typedef DWORD(WINAPI *PCLUSAPI_SET_CLUSTER_NETWORK_NAME)(HNETWORK hNetwork, LPCWSTR lpszName);

#ifdef __cplusplus
}
#endif

#endif /* CLUSAPI_SIM_COMPAT_CLUSAPI_H */
