/*
 * SDKDDKVer.h for clusapi-sim: the Windows version macros (_WIN32_WINNT, WINVER,
 * NTDDI_VERSION and their named values) that Visual Studio's targetver.h includes. The
 * defaults name Windows Server 2022, the version the simulator reports. _WIN32 is not
 * defined: portable code keeps taking its Linux branches.
 */
#ifndef CLUSAPI_SIM_COMPAT_SDKDDKVER_H
#define CLUSAPI_SIM_COMPAT_SDKDDKVER_H

#define _WIN32_WINNT_NT4 0x0400
#define _WIN32_WINNT_WIN2K 0x0500
#define _WIN32_WINNT_WINXP 0x0501
#define _WIN32_WINNT_WS03 0x0502
#define _WIN32_WINNT_VISTA 0x0600
#define _WIN32_WINNT_WS08 0x0600
#define _WIN32_WINNT_WIN7 0x0601
#define _WIN32_WINNT_WIN8 0x0602
#define _WIN32_WINNT_WINBLUE 0x0603
#define _WIN32_WINNT_WIN10 0x0A00
#define NTDDI_WIN7 0x06010000
#define NTDDI_WIN8 0x06020000
#define NTDDI_WINBLUE 0x06030000
#define NTDDI_WIN10 0x0A000000
#define NTDDI_WIN10_FE 0x0A00000A
#ifndef _WIN32_WINNT
#define _WIN32_WINNT _WIN32_WINNT_WIN10
#endif
#ifndef WINVER
#define WINVER _WIN32_WINNT
#endif
#ifndef NTDDI_VERSION
#define NTDDI_VERSION NTDDI_WIN10_FE
#endif
#ifndef _WIN32_IE
#define _WIN32_IE 0x0A00
#endif

#endif /* CLUSAPI_SIM_COMPAT_SDKDDKVER_H */
