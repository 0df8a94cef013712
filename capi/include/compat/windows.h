/*
 * windows.h for clusapi-sim: the Win32 types, constants and calling-convention macros
 * that ClusAPI client code uses, defined for Linux (LP64) with the sizes they have on
 * Windows, and the few Win32 and MSVC CRT helpers that ClusAPI tools call besides ClusAPI
 * (TCHAR, HRESULT, SAL annotations, Sleep, LocalAlloc, HeapAlloc, wcscpy_s, swprintf_s, the
 * wide printf family with MSVC's format rules, wmain). With `-I capi/include/compat`, a
 * source file that includes <windows.h> (or <Windows.h>) and <clusapi.h> compiles
 * unchanged.
 *
 * Which library: the compiler's wchar_t decides, no macro has to be set.
 *   - wchar_t of 4 bytes (the Linux default): WCHAR is wchar_t, L"..." literals and the C
 *     and C++ libraries' wide functions (wcslen, std::wstring, std::wcout) work; link
 *     -lclusapi_native, whose strings are UTF-32 wchar_t.
 *   - -fshort-wchar (wchar_t of 2 bytes): WCHAR is wchar_t, UTF-16 as on Windows; link
 *     -lclusapi. glibc's and libstdc++'s wide functions still assume 4 bytes and must not
 *     be used on these strings.
 *   - CLUSAPI_SIM_UTF16_WCHAR defined before the first include: WCHAR is uint16_t (UTF-16)
 *     whatever wchar_t is, for code that builds its strings itself; link -lclusapi.
 * A program linked with the other library aborts at start-up with a message saying which
 * one to link (see clusapi_sim_abi_check below).
 *
 * Sizes: DWORD, LONG and BOOL are 32 bits (on LP64 Linux `long` is 64 bits, so they are
 * not `long` here).
 *
 * UNICODE and _UNICODE are defined unless the file defines _MBCS (ClusAPI is wide-only, and
 * Visual Studio projects define UNICODE by default), so TCHAR is WCHAR and TEXT("x") is
 * L"x".
 *
 * Only what ClusAPI and its callers need is here; this is not a general Windows SDK.
 */
#ifndef CLUSAPI_SIM_COMPAT_WINDOWS_H
#define CLUSAPI_SIM_COMPAT_WINDOWS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#if !defined(UNICODE) && !defined(_MBCS)
#define UNICODE
#endif
#if !defined(_UNICODE) && !defined(_MBCS)
#define _UNICODE
#endif

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
/* mingw-w64 writes 32-bit long constants with it: long is 32 bits on Windows, not here. */
#define __MSABI_LONG(x) x
/* MSVC keywords that Windows sources use: GCC on Linux has none of them. */
#ifndef __int64
#define __int64 long long
#endif
#ifndef __int32
#define __int32 int
#endif
#ifndef __int16
#define __int16 short
#endif
#ifndef __int8
#define __int8 char
#endif
#ifndef __forceinline
#define __forceinline inline
#endif
#ifndef __declspec
#define __declspec(x)
#endif
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
typedef int8_t INT8, *PINT8;
typedef uint8_t UINT8, *PUINT8;
typedef int16_t INT16, *PINT16;
typedef uint16_t UINT16, *PUINT16;
typedef int32_t INT32, *PINT32, LONG32;
typedef uint32_t UINT32, *PUINT32, ULONG32, DWORD32;
typedef int64_t INT64, *PINT64, LONG64, *PLONG64;
typedef uint64_t UINT64, *PUINT64, ULONG64, *PULONG64;
typedef SIZE_T *PSIZE_T;
typedef intptr_t SSIZE_T;
typedef float FLOAT;
typedef double DOUBLE;
typedef void *HWND;
typedef UINT_PTR WPARAM;
typedef LONG_PTR LPARAM, LRESULT;
typedef char CHAR, *PCHAR, *LPSTR, *PSTR;
typedef const char *LPCSTR, *PCSTR;

/* WCHAR, and which library the program links (see the top of this file).
 * CLUSAPI_SIM_WCHAR_SIZE is sizeof(WCHAR) for the preprocessor; CLUSAPI_SIM_NATIVE_WCHAR is
 * 1 when WCHAR is a 4-byte wchar_t, so that the C library's wide functions apply to it. */
#if defined(CLUSAPI_SIM_UTF16_WCHAR)
typedef uint16_t WCHAR;
#define CLUSAPI_SIM_WCHAR_SIZE 2
#define CLUSAPI_SIM_NATIVE_WCHAR 0
#elif defined(__SIZEOF_WCHAR_T__) && __SIZEOF_WCHAR_T__ == 2
typedef wchar_t WCHAR;
#define CLUSAPI_SIM_WCHAR_SIZE 2
#define CLUSAPI_SIM_NATIVE_WCHAR 0
#elif defined(__SIZEOF_WCHAR_T__) && __SIZEOF_WCHAR_T__ == 4
typedef wchar_t WCHAR;
#define CLUSAPI_SIM_WCHAR_SIZE 4
#define CLUSAPI_SIM_NATIVE_WCHAR 1
#else
#error "clusapi-sim: wchar_t must be 2 bytes (-fshort-wchar, -lclusapi) or 4 bytes (-lclusapi_native)"
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
#define _MAX_PATH 260
#define MAX_COMPUTERNAME_LENGTH 15
#define INFINITE 0xFFFFFFFF
#define ANYSIZE_ARRAY 1
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
#define ERROR_FILENAME_EXCED_RANGE 206L
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
#define RPC_S_CALL_FAILED_DNE 1727L
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
#define ERROR_CLUSTER_NOT_SHARED_VOLUME 5945L

/* The thread's last error, as the simulator's exports set it: declared with the helpers below. */

/* TCHAR: WCHAR under UNICODE (the default here), char under _MBCS. */
#ifdef UNICODE
typedef WCHAR TCHAR, *PTCHAR, TBYTE, *PTBYTE;
#define __TEXT(quote) L##quote
#else
typedef char TCHAR, *PTCHAR;
typedef unsigned char TBYTE, *PTBYTE;
#define __TEXT(quote) quote
#endif
typedef TCHAR *LPTSTR, *PTSTR, *LPTCH, *PTCH;
typedef const TCHAR *LPCTSTR, *PCTSTR, *LPCTCH, *PCTCH;
#define TEXT(quote) __TEXT(quote)
#ifndef _T
/* tchar.h's spelling; many files use it with only <windows.h> included. */
#define _T(x) __TEXT(x)
#endif

/* HRESULT (winerror.h). */
#define _HRESULT_TYPEDEF_(sc) ((HRESULT)(sc))
#define S_OK ((HRESULT)0L)
#define S_FALSE ((HRESULT)1L)
#define E_NOTIMPL _HRESULT_TYPEDEF_(0x80004001L)
#define E_NOINTERFACE _HRESULT_TYPEDEF_(0x80004002L)
#define E_POINTER _HRESULT_TYPEDEF_(0x80004003L)
#define E_ABORT _HRESULT_TYPEDEF_(0x80004004L)
#define E_FAIL _HRESULT_TYPEDEF_(0x80004005L)
#define E_UNEXPECTED _HRESULT_TYPEDEF_(0x8000FFFFL)
#define E_ACCESSDENIED _HRESULT_TYPEDEF_(0x80070005L)
#define E_HANDLE _HRESULT_TYPEDEF_(0x80070006L)
#define E_OUTOFMEMORY _HRESULT_TYPEDEF_(0x8007000EL)
#define E_INVALIDARG _HRESULT_TYPEDEF_(0x80070057L)
#define SEVERITY_SUCCESS 0
#define SEVERITY_ERROR 1
#define FACILITY_NULL 0
#define FACILITY_RPC 1
#define FACILITY_WIN32 7
#define SUCCEEDED(hr) (((HRESULT)(hr)) >= 0)
#define FAILED(hr) (((HRESULT)(hr)) < 0)
#define IS_ERROR(Status) (((unsigned long)(Status)) >> 31 == SEVERITY_ERROR)
#define HRESULT_CODE(hr) ((hr) & 0xFFFF)
#define SCODE_CODE(sc) ((sc) & 0xFFFF)
#define HRESULT_FACILITY(hr) (((hr) >> 16) & 0x1fff)
#define HRESULT_SEVERITY(hr) (((hr) >> 31) & 0x1)
#define MAKE_HRESULT(sev, fac, code) \
  ((HRESULT)(((unsigned long)(sev) << 31) | ((unsigned long)(fac) << 16) | ((unsigned long)(code))))
#define __HRESULT_FROM_WIN32(x) \
  ((HRESULT)(x) <= 0 ? ((HRESULT)(x)) : ((HRESULT)(((x) & 0x0000FFFF) | (FACILITY_WIN32 << 16) | 0x80000000)))
#define HRESULT_FROM_WIN32(x) __HRESULT_FROM_WIN32(x)

/* More winerror.h codes that cluster tools compare against. */
#define ERROR_NOT_FOUND 1168L
#define ERROR_NOT_SUPPORTED 50L
#define ERROR_BAD_ARGUMENTS 160L
#define ERROR_BUFFER_OVERFLOW 111L
#define ERROR_CANCELLED 1223L
#define ERROR_TIMEOUT 1460L
#define ERROR_NODE_NOT_AVAILABLE 5036L
#define ERROR_CLUSTER_INVALID_REQUEST 5048L
#define ERROR_CLUSTER_GROUP_MOVING 5908L

/* SAL annotations (sal.h, specstrings.h): empty, as for any compiler but MSVC's /analyze.
 * The old object-like `__in` and `__out` only in C: libstdc++ uses both as parameter
 * names, so in C++ they would break <string>, <ostream> and <algorithm>. */
#ifndef __cplusplus
#define __in
#define __out
#endif
#define __inout
#define __in_opt
#define __out_opt
#define __inout_opt
#define __in_z
#define __in_opt_z
#define __out_z
#define __in_ecount(size)
#define __in_bcount(size)
#define __in_ecount_opt(size)
#define __in_bcount_opt(size)
#define __out_ecount(size)
#define __out_bcount(size)
#define __out_ecount_opt(size)
#define __out_bcount_opt(size)
#define __out_ecount_part(size, length)
#define __out_bcount_part(size, length)
#define __out_ecount_part_opt(size, length)
#define __out_bcount_part_opt(size, length)
#define __out_ecount_z(size)
#define __inout_ecount(size)
#define __inout_bcount(size)
#define __inout_ecount_z(size)
#define __deref_out
#define __deref_out_opt
#define __deref_opt_out
#define __deref_out_ecount(size)
#define __deref_out_bcount(size)
#define __reserved
#define __checkReturn
#define __success(expr)
#define __nullterminated
#define __nullnullterminated
#define __notnull
#define __maybenull
#define __format_string
#define __field_ecount(size)
#define __field_bcount(size)
#define __drv_allocatesMem(kind)
#define __drv_freesMem(kind)
#define _In_
#define _In_opt_
#define _In_z_
#define _In_opt_z_
#define _In_reads_(size)
#define _In_reads_opt_(size)
#define _In_reads_bytes_(size)
#define _In_reads_bytes_opt_(size)
#define _In_reads_z_(size)
#define _In_reads_or_z_(size)
#define _In_range_(lb, ub)
#define _In_count_(size)
#define _In_bytecount_(size)
#define _In_defensive_(annotes)
#define _Out_
#define _Out_opt_
#define _Out_z_cap_(size)
#define _Out_cap_(size)
#define _Out_bytecap_(size)
#define _Out_writes_(size)
#define _Out_writes_opt_(size)
#define _Out_writes_z_(size)
#define _Out_writes_opt_z_(size)
#define _Out_writes_bytes_(size)
#define _Out_writes_bytes_opt_(size)
#define _Out_writes_to_(size, count)
#define _Out_writes_to_opt_(size, count)
#define _Out_writes_all_(size)
#define _Out_writes_all_opt_(size)
#define _Out_writes_bytes_to_(size, count)
#define _Out_writes_bytes_to_opt_(size, count)
#define _Out_writes_bytes_all_(size)
#define _Out_writes_bytes_all_opt_(size)
#define _Out_range_(lb, ub)
#define _Inout_
#define _Inout_opt_
#define _Inout_z_
#define _Inout_opt_z_
#define _Inout_updates_(size)
#define _Inout_updates_opt_(size)
#define _Inout_updates_z_(size)
#define _Inout_updates_bytes_(size)
#define _Inout_updates_bytes_opt_(size)
#define _Inout_updates_to_(size, count)
#define _Inout_updates_bytes_to_(size, count)
#define _Outptr_
#define _Outptr_opt_
#define _Outptr_result_maybenull_
#define _Outptr_opt_result_maybenull_
#define _Outptr_result_z_
#define _Outptr_result_buffer_(size)
#define _Outptr_result_bytebuffer_(size)
#define _Outptr_result_nullonfailure_
#define _Deref_out_
#define _Deref_out_opt_
#define _Deref_out_z_
#define _Deref_out_range_(lb, ub)
#define _Ret_
#define _Ret_z_
#define _Ret_maybenull_
#define _Ret_notnull_
#define _Ret_opt_
#define _Ret_range_(lb, ub)
#define _Ret_writes_(size)
#define _Ret_writes_bytes_(size)
#define _Ret_maybenull_z_
#define _Success_(expr)
#define _Return_type_success_(expr)
#define _Check_return_
#define _Must_inspect_result_
#define _Use_decl_annotations_
#define _Printf_format_string_
#define _Scanf_format_string_
#define _Null_terminated_
#define _NullNull_terminated_
#define _Field_size_(size)
#define _Field_size_opt_(size)
#define _Field_size_bytes_(size)
#define _Field_size_bytes_opt_(size)
#define _Field_size_part_(size, count)
#define _Field_size_bytes_part_(size, count)
#define _Field_z_
#define _Field_range_(min, max)
#define _Reserved_
#define _Pre_
#define _Post_
#define _Pre_z_
#define _Post_z_
#define _Pre_notnull_
#define _Pre_maybenull_
#define _Pre_null_
#define _Post_notnull_
#define _Post_maybenull_
#define _Post_null_
#define _Post_invalid_
#define _Post_valid_
#define _Pre_valid_
#define _Pre_readable_size_(size)
#define _Pre_writable_size_(size)
#define _Post_readable_size_(size)
#define _Post_writable_size_(size)
#define _Pre_satisfies_(expr)
#define _Post_satisfies_(expr)
#define _Frees_ptr_
#define _Frees_ptr_opt_
#define _Analysis_assume_(expr)
#define _Analysis_mode_(mode)
#define _When_(expr, annotes)
#define _Always_(annotes)
#define _At_(target, annotes)
#define _At_buffer_(target, iter, bound, annotes)
#define _On_failure_(annotes)
#define _Group_(annotes)
#define _Acquires_lock_(lock)
#define _Releases_lock_(lock)
#define _Requires_lock_held_(lock)
#define _Guarded_by_(lock)
#define _Interlocked_operand_
#define _Strict_type_match_
#define _Literal_
#define _Notliteral_
#define _Unchanged_(expr)
#define _Maybechanged_(expr)
#define _Callback_
#define _Struct_size_bytes_(size)
#define _Writable_elements_(size)
#define _Writable_bytes_(size)
#define _Readable_elements_(size)
#define _Readable_bytes_(size)
#define _Null_
#define _Notnull_
#define _Maybenull_
#define _Valid_
#define _Translates_Win32_to_HRESULT_(errorCode)

/* Win32 memory and time helpers, mapped onto the C library. LMEM_ZEROINIT (LPTR),
 * GMEM_ZEROINIT (GPTR) and HEAP_ZERO_MEMORY zero the block, as on Windows; a failed
 * allocation is NULL with ERROR_NOT_ENOUGH_MEMORY as the last error. */
typedef void *HLOCAL, *HGLOBAL;
#define LMEM_FIXED 0x0000
#define LMEM_MOVEABLE 0x0002
#define LMEM_ZEROINIT 0x0040
#define LPTR (LMEM_FIXED | LMEM_ZEROINIT)
#define LHND (LMEM_MOVEABLE | LMEM_ZEROINIT)
#define GMEM_FIXED 0x0000
#define GMEM_MOVEABLE 0x0002
#define GMEM_ZEROINIT 0x0040
#define GPTR (GMEM_FIXED | GMEM_ZEROINIT)
#define GHND (GMEM_MOVEABLE | GMEM_ZEROINIT)
#define HEAP_NO_SERIALIZE 0x00000001
#define HEAP_GENERATE_EXCEPTIONS 0x00000004
#define HEAP_ZERO_MEMORY 0x00000008
#define SecureZeroMemory(p, n) memset((p), 0, (n))
#define FillMemory(d, n, f) memset((d), (f), (n))
#define MoveMemory(d, s, n) memmove((d), (s), (n))
#define RtlCopyMemory(d, s, n) memcpy((d), (s), (n))
#define RtlMoveMemory(d, s, n) memmove((d), (s), (n))
#define _countof(a) (sizeof(a) / sizeof((a)[0]))
#define ARRAYSIZE(a) (sizeof(a) / sizeof((a)[0]))
#define RTL_NUMBER_OF(a) (sizeof(a) / sizeof((a)[0]))
#if !defined(__cplusplus) && !defined(NOMINMAX)
/* C only: in C++ these macros would break std::min, std::max and numeric_limits. */
#ifndef min
#define min(a, b) (((a) < (b)) ? (a) : (b))
#endif
#ifndef max
#define max(a, b) (((a) > (b)) ? (a) : (b))
#endif
#endif

DWORD WINAPI GetLastError(void);
void WINAPI SetLastError(DWORD dwErrCode);

static inline HLOCAL clusapi_sim_alloc(UINT zero, SIZE_T bytes) {
  void *p = zero ? calloc(1, bytes ? bytes : 1) : malloc(bytes ? bytes : 1);
  if (p == NULL) SetLastError((DWORD)ERROR_NOT_ENOUGH_MEMORY);
  return p;
}
static inline HLOCAL LocalAlloc(UINT uFlags, SIZE_T uBytes) {
  return clusapi_sim_alloc(uFlags & LMEM_ZEROINIT, uBytes);
}
static inline HLOCAL LocalFree(HLOCAL hMem) {
  free(hMem);
  return NULL;
}
static inline HGLOBAL GlobalAlloc(UINT uFlags, SIZE_T dwBytes) {
  return clusapi_sim_alloc(uFlags & GMEM_ZEROINIT, dwBytes);
}
static inline HGLOBAL GlobalFree(HGLOBAL hMem) {
  free(hMem);
  return NULL;
}
/* One process heap; its handle is a token that HeapAlloc and HeapFree accept. */
static inline HANDLE GetProcessHeap(void) {
  return (HANDLE)(uintptr_t)0x48454150u;
}
static inline LPVOID HeapAlloc(HANDLE hHeap, DWORD dwFlags, SIZE_T dwBytes) {
  (void)hHeap;
  return clusapi_sim_alloc(dwFlags & HEAP_ZERO_MEMORY, dwBytes);
}
static inline BOOL HeapFree(HANDLE hHeap, DWORD dwFlags, LPVOID lpMem) {
  (void)hHeap;
  (void)dwFlags;
  free(lpMem);
  return TRUE;
}

/* Sleep and the tick counts, through the POSIX calls under private names (asm labels), so
 * that this header needs neither <time.h>'s POSIX part nor <unistd.h> (whose names would
 * collide with Windows code) and stays valid in strict C99. */
struct clusapi_sim_timespec {
  long tv_sec;
  long tv_nsec;
};
extern int clusapi_sim_nanosleep(const struct clusapi_sim_timespec *req, struct clusapi_sim_timespec *rem)
    __asm__("nanosleep");
extern int clusapi_sim_clock_gettime(int clock, struct clusapi_sim_timespec *tp) __asm__("clock_gettime");
static inline void Sleep(DWORD dwMilliseconds) {
  struct clusapi_sim_timespec req, rem;
  req.tv_sec = (long)(dwMilliseconds / 1000);
  req.tv_nsec = (long)(dwMilliseconds % 1000) * 1000000L;
  while (clusapi_sim_nanosleep(&req, &rem) != 0) req = rem; /* interrupted: sleep the rest */
}
static inline ULONGLONG GetTickCount64(void) {
  struct clusapi_sim_timespec now;
  clusapi_sim_clock_gettime(1 /* CLOCK_MONOTONIC */, &now);
  return (ULONGLONG)now.tv_sec * 1000u + (ULONGLONG)now.tv_nsec / 1000000u;
}
static inline DWORD GetTickCount(void) {
  return (DWORD)GetTickCount64();
}

/* The wchar_t ABI check. Both libraries export `const uint32_t ClusSimWcharSize`: 2 in
 * libclusapi (UTF-16), 4 in libclusapi_native (wchar_t). A program whose WCHAR has the other
 * size would pass strings the library misreads, so each translation unit that includes this
 * header checks, before main, the library it was linked with, and aborts with what to link
 * instead. The reference is weak: a program that links no library (dlopen) still links, and
 * skips the check; so does a static link whose archive member with the symbol was not
 * pulled in. */
extern const uint32_t ClusSimWcharSize __attribute__((weak));
__attribute__((constructor, used)) static void clusapi_sim_abi_check(void) {
  const uint32_t *volatile linked = &ClusSimWcharSize;
  if (linked != NULL && *linked != (uint32_t)sizeof(WCHAR)) {
    fprintf(stderr,
            "clusapi-sim: this program was compiled with a %u-byte WCHAR but is linked with the library "
            "for %u-byte strings; link %s instead (%s)\n",
            (unsigned)sizeof(WCHAR), (unsigned)*linked,
            sizeof(WCHAR) == 4 ? "-lclusapi_native" : "-lclusapi",
            sizeof(WCHAR) == 4 ? "wchar_t is 4 bytes: libclusapi_native takes wchar_t strings"
                               : "WCHAR is UTF-16: libclusapi takes UTF-16 strings");
    abort();
  }
}

#ifdef __cplusplus
}
#endif

/* The MSVC C runtime's wide functions that Windows code calls (swprintf_s, wcscpy_s,
 * _wcsicmp, the wide printf family with MSVC's format rules, wmain). */
#include "clusapi_sim_crt.h"

#endif /* CLUSAPI_SIM_COMPAT_WINDOWS_H */
