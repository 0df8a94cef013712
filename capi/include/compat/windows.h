/*
 * windows.h for clusapi-sim: the Win32 types, constants and calling-convention macros
 * that ClusAPI client code uses, defined for Linux (LP64) with the sizes they have on
 * Windows. With `-I capi/include/compat`, a source file that includes <windows.h> and
 * <clusapi.h> compiles unchanged and links with -lclusapi.
 *
 * Sizes: DWORD, LONG and BOOL are 32 bits (on LP64 Linux `long` is 64 bits, so they are
 * not `long` here); WCHAR is 16 bits. To write L"..." literals for ClusAPI strings,
 * compile with -fshort-wchar (then wchar_t is 16 bits and WCHAR is wchar_t).
 *
 * Only what ClusAPI and its callers need is here; this is not a general Windows SDK.
 */
#ifndef CLUSAPI_SIM_COMPAT_WINDOWS_H
#define CLUSAPI_SIM_COMPAT_WINDOWS_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <wchar.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Calling conventions: the simulator exports use the C convention, which is what
 * "system"/stdcall is on x86_64. */
#define WINAPI
#define APIENTRY
#define CALLBACK
#define WINAPIV
#define NTAPI
#define __stdcall
#define __cdecl
#define WINBASEAPI
#define DECLSPEC_IMPORT
#define IN
#define OUT
#define OPTIONAL
#define CONST const
#define VOID void
/* mingw-w64 spells anonymous unions and structs with these. */
#define __C89_NAMELESS __extension__
#define __C89_NAMELESSUNIONNAME
#define __C89_NAMELESSSTRUCTNAME
#define DUMMYUNIONNAME
#define DUMMYSTRUCTNAME
#ifndef FAR
#define FAR
#endif
#ifndef NEAR
#define NEAR
#endif

typedef uint8_t BYTE, *PBYTE, *LPBYTE;
typedef uint8_t UCHAR, *PUCHAR;
typedef uint8_t BOOLEAN, *PBOOLEAN;
typedef uint16_t WORD, *PWORD, *LPWORD;
typedef uint16_t USHORT, *PUSHORT;
typedef int16_t SHORT;
typedef uint32_t DWORD, *PDWORD, *LPDWORD;
typedef uint32_t UINT, *PUINT;
typedef uint32_t ULONG, *PULONG;
typedef int32_t LONG, *PLONG, *LPLONG;
typedef int32_t INT, *PINT, *LPINT;
typedef int32_t BOOL, *PBOOL, *LPBOOL;
typedef int32_t WINBOOL;
typedef int64_t LONGLONG;
typedef uint64_t ULONGLONG, DWORDLONG, *PDWORDLONG;
typedef uint64_t DWORD64, *PDWORD64;
typedef intptr_t INT_PTR, LONG_PTR;
typedef uintptr_t UINT_PTR, ULONG_PTR, DWORD_PTR, SIZE_T;
typedef DWORD_PTR *PDWORD_PTR;
typedef ULONG_PTR *PULONG_PTR;
typedef int32_t HRESULT;
typedef DWORD LCID;
typedef char CHAR, *PCHAR, *LPSTR, *PSTR;
typedef const char *LPCSTR, *PCSTR;

/* WCHAR is the compiler's wchar_t: 4 bytes (UTF-32) by default on Linux, for which link
 * -lclusapi_native; 2 bytes with -fshort-wchar, for which link -lclusapi. */
#if defined(__SIZEOF_WCHAR_T__) && (__SIZEOF_WCHAR_T__ == 2 || __SIZEOF_WCHAR_T__ == 4)
typedef wchar_t WCHAR;
#else
typedef uint16_t WCHAR;
#endif
typedef WCHAR *PWCHAR, *LPWCH, *PWCH, *LPWSTR, *PWSTR;
typedef const WCHAR *LPCWCH, *PCWCH, *LPCWSTR, *PCWSTR;

typedef void *PVOID, *LPVOID, *HANDLE, *PSID;
typedef const void *LPCVOID, *PCVOID;
typedef HANDLE *PHANDLE, *LPHANDLE;
typedef struct HKEY__ *HKEY;
typedef HKEY *PHKEY;
typedef struct HINSTANCE__ *HINSTANCE, *HMODULE;
typedef DWORD ACCESS_MASK, *PACCESS_MASK;
typedef ACCESS_MASK REGSAM;
typedef DWORD SECURITY_INFORMATION, *PSECURITY_INFORMATION;
typedef void *PSECURITY_DESCRIPTOR;
typedef LONG LSTATUS;

typedef struct _SECURITY_DESCRIPTOR_RELATIVE {
  BYTE Revision;
  BYTE Sbz1;
  WORD Control;
  DWORD Owner;
  DWORD Group;
  DWORD Sacl;
  DWORD Dacl;
} SECURITY_DESCRIPTOR_RELATIVE, *PISECURITY_DESCRIPTOR_RELATIVE;

typedef struct _SECURITY_ATTRIBUTES {
  DWORD nLength;
  LPVOID lpSecurityDescriptor;
  BOOL bInheritHandle;
} SECURITY_ATTRIBUTES, *PSECURITY_ATTRIBUTES, *LPSECURITY_ATTRIBUTES;

typedef struct _FILETIME {
  DWORD dwLowDateTime;
  DWORD dwHighDateTime;
} FILETIME, *PFILETIME, *LPFILETIME;

typedef union _LARGE_INTEGER {
  struct {
    DWORD LowPart;
    LONG HighPart;
  } u;
  LONGLONG QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER;

typedef union _ULARGE_INTEGER {
  struct {
    DWORD LowPart;
    DWORD HighPart;
  } u;
  ULONGLONG QuadPart;
} ULARGE_INTEGER, *PULARGE_INTEGER;

#ifndef GUID_DEFINED
#define GUID_DEFINED
typedef struct _GUID {
  uint32_t Data1;
  uint16_t Data2;
  uint16_t Data3;
  uint8_t Data4[8];
} GUID, *LPGUID;
#endif
typedef GUID UUID, CLSID, *LPCLSID;
typedef const GUID *LPCGUID, *REFGUID;

#ifndef TRUE
#define TRUE 1
#endif
#ifndef FALSE
#define FALSE 0
#endif
#define INVALID_HANDLE_VALUE ((HANDLE)(LONG_PTR)-1)
#define MAX_PATH 260
#define MAX_COMPUTERNAME_LENGTH 15
#define INFINITE 0xFFFFFFFF
#define ANYSIZE_ARRAY 1
#define TEXT(s) L##s
#define _T(s) L##s
#define UNREFERENCED_PARAMETER(p) ((void)(p))
#define ZeroMemory(p, n) memset((p), 0, (n))
#define RtlZeroMemory(p, n) memset((p), 0, (n))
#define CopyMemory(d, s, n) memcpy((d), (s), (n))
#define MAKELONG(a, b) ((LONG)(((WORD)(((DWORD_PTR)(a)) & 0xffff)) | ((DWORD)((WORD)(((DWORD_PTR)(b)) & 0xffff))) << 16))
#define MAKEWORD(a, b) ((WORD)(((BYTE)(((DWORD_PTR)(a)) & 0xff)) | ((WORD)((BYTE)(((DWORD_PTR)(b)) & 0xff))) << 8))
#define LOWORD(l) ((WORD)(((DWORD_PTR)(l)) & 0xffff))
#define HIWORD(l) ((WORD)((((DWORD_PTR)(l)) >> 16) & 0xffff))

/* Access rights (winnt.h). */
#define DELETE 0x00010000L
#define READ_CONTROL 0x00020000L
#define SYNCHRONIZE 0x00100000L
#define MAXIMUM_ALLOWED 0x02000000L
#define GENERIC_READ 0x80000000L
#define GENERIC_WRITE 0x40000000L
#define GENERIC_EXECUTE 0x20000000L
#define GENERIC_ALL 0x10000000L
#define KEY_READ 0x20019
#define KEY_WRITE 0x20006
#define KEY_ALL_ACCESS 0xF003F
#define KEY_QUERY_VALUE 0x0001
#define KEY_SET_VALUE 0x0002
#define KEY_CREATE_SUB_KEY 0x0004
#define KEY_ENUMERATE_SUB_KEYS 0x0008
#define KEY_NOTIFY 0x0010
#define REG_OPTION_NON_VOLATILE 0x00000000L
#define REG_OPTION_VOLATILE 0x00000001L
#define REG_CREATED_NEW_KEY 0x00000001L
#define REG_OPENED_EXISTING_KEY 0x00000002L
#define REG_NONE 0
#define REG_SZ 1
#define REG_EXPAND_SZ 2
#define REG_BINARY 3
#define REG_DWORD 4
#define REG_MULTI_SZ 7
#define REG_QWORD 11

/* Win32 error codes (winerror.h) that ClusAPI returns. */
#define NO_ERROR 0L
#define ERROR_SUCCESS 0L
#define ERROR_INVALID_FUNCTION 1L
#define ERROR_FILE_NOT_FOUND 2L
#define ERROR_ACCESS_DENIED 5L
#define ERROR_INVALID_HANDLE 6L
#define ERROR_NOT_ENOUGH_MEMORY 8L
#define ERROR_INVALID_DATA 13L
#define ERROR_OUTOFMEMORY 14L
#define ERROR_SHARING_PAUSED 70L
#define ERROR_INVALID_PARAMETER 87L
#define ERROR_INVALID_TARGET_HANDLE 114L
#define ERROR_CALL_NOT_IMPLEMENTED 120L
#define ERROR_INSUFFICIENT_BUFFER 122L
#define ERROR_INVALID_NAME 123L
#define ERROR_DIR_NOT_EMPTY 145L
#define ERROR_ALREADY_EXISTS 183L
#define ERROR_MORE_DATA 234L
#define WAIT_TIMEOUT 258L
#define ERROR_NO_MORE_ITEMS 259L
#define ERROR_IO_PENDING 997L
#define ERROR_CIRCULAR_DEPENDENCY 1059L
#define ERROR_INTERNAL_ERROR 1359L
#define ERROR_SPECIAL_GROUP 1372L
#define RPC_S_SERVER_UNAVAILABLE 1722L
#define RPC_S_UNKNOWN_IF 1717L
#define RPC_S_CALL_FAILED 1726L
#define RPC_S_PROCNUM_OUT_OF_RANGE 1745L
#define ERROR_DEPENDENT_RESOURCE_EXISTS 5001L
#define ERROR_DEPENDENCY_NOT_FOUND 5002L
#define ERROR_DEPENDENCY_ALREADY_EXISTS 5003L
#define ERROR_RESOURCE_NOT_ONLINE 5004L
#define ERROR_HOST_NODE_NOT_AVAILABLE 5005L
#define ERROR_RESOURCE_NOT_AVAILABLE 5006L
#define ERROR_RESOURCE_NOT_FOUND 5007L
#define ERROR_OBJECT_ALREADY_EXISTS 5010L
#define ERROR_GROUP_NOT_AVAILABLE 5012L
#define ERROR_GROUP_NOT_FOUND 5013L
#define ERROR_HOST_NODE_NOT_RESOURCE_OWNER 5015L
#define ERROR_HOST_NODE_NOT_GROUP_OWNER 5016L
#define ERROR_RESOURCE_ONLINE 5019L
#define ERROR_INVALID_STATE 5023L
#define ERROR_RESOURCE_PROPERTIES_STORED 5024L
#define ERROR_CORE_RESOURCE 5026L
#define ERROR_RESOURCE_FAILED 5038L
#define ERROR_CLUSTER_NODE_NOT_FOUND 5042L
#define ERROR_CLUSTER_NETWORK_NOT_FOUND 5045L
#define ERROR_CLUSTER_NETINTERFACE_NOT_FOUND 5047L
#define ERROR_CLUSTER_NODE_DOWN 5050L
#define ERROR_CLUSTER_NODE_NOT_PAUSED 5058L
#define ERROR_CLUSTER_NODE_EVACUATION_IN_PROGRESS 5962L
#define ERROR_DEPENDENCY_NOT_ALLOWED 5069L
#define ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND 5078L

/* The thread's last error, as the simulator's exports set it. */
DWORD WINAPI GetLastError(void);
void WINAPI SetLastError(DWORD dwErrCode);

#ifdef __cplusplus
}
#endif

#endif /* CLUSAPI_SIM_COMPAT_WINDOWS_H */
