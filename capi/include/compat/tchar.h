/*
 * tchar.h for clusapi-sim: MSVC's generic-text names (_TCHAR, _T, _tmain, _tprintf,
 * _tcslen, ...), mapped to the wide names under _UNICODE (the compat <windows.h> defines it
 * unless _MBCS is defined) and to the narrow ones otherwise. The wide names are the C
 * library's, so, but for the MSVC-only ones (_tcscpy_s, _tcsicmp, ...) that
 * clusapi_sim_crt.h writes over WCHAR, they need a 4-byte wchar_t (libclusapi_native).
 */
#ifndef CLUSAPI_SIM_COMPAT_TCHAR_H
#define CLUSAPI_SIM_COMPAT_TCHAR_H

#include <windows.h>

#ifdef _UNICODE
typedef wchar_t _TCHAR;
typedef wchar_t _TSCHAR;
typedef wchar_t _TUCHAR;
typedef wchar_t _TXCHAR;
typedef wint_t _TINT;
#define __T(x) L##x
#define _TEOF WEOF
#define _tmain wmain
#define _tprintf wprintf
#define _ftprintf fwprintf
#define _stprintf swprintf
#define _stprintf_s swprintf_s
#define _sntprintf _snwprintf
#define _sntprintf_s _snwprintf_s
#define _vtprintf vwprintf
#define _vftprintf vfwprintf
#define _vstprintf vswprintf
#define _vsntprintf _vsnwprintf
#define _scprintf _scwprintf
#define _tprintf_s wprintf_s
#define _ftprintf_s fwprintf_s
#define _tscanf wscanf
#define _ftscanf fwscanf
#define _stscanf swscanf
#define _fgetts fgetws
#define _fputts fputws
#define _gettc getwc
#define _puttc putwc
#define _fgettc fgetwc
#define _fputtc fputwc
#define _tcslen wcslen
#define _tcsnlen wcsnlen
#define _tcscpy wcscpy
#define _tcscpy_s wcscpy_s
#define _tcsncpy wcsncpy
#define _tcsncpy_s wcsncpy_s
#define _tcscat wcscat
#define _tcscat_s wcscat_s
#define _tcsncat wcsncat
#define _tcscmp wcscmp
#define _tcsncmp wcsncmp
#define _tcsicmp _wcsicmp
#define _tcsnicmp _wcsnicmp
#define _tcscoll wcscoll
#define _tcschr wcschr
#define _tcsrchr wcsrchr
#define _tcsstr wcsstr
#define _tcsspn wcsspn
#define _tcscspn wcscspn
#define _tcspbrk wcspbrk
#define _tcstok_s wcstok_s
#define _tcsdup _wcsdup
#define _tcstol wcstol
#define _tcstoul wcstoul
#define _tcstoi64 wcstoll
#define _tcstoui64 wcstoull
#define _tcstod wcstod
#define _ttoi _wtoi
#define _ttol _wtol
#define _tstoi _wtoi
#define _tstol _wtol
#define _ttoi64 _wtoi64
#define _tstof _wtof
#define _istalpha iswalpha
#define _istdigit iswdigit
#define _istspace iswspace
#define _istupper iswupper
#define _istlower iswlower
#define _istalnum iswalnum
#define _istprint iswprint
#define _istxdigit iswxdigit
#define _totlower towlower
#define _totupper towupper
#else
typedef char _TCHAR;
typedef signed char _TSCHAR;
typedef unsigned char _TUCHAR;
typedef unsigned char _TXCHAR;
typedef int _TINT;
#define __T(x) x
#define _TEOF EOF
#define _tmain main
#define _tprintf printf
#define _ftprintf fprintf
#define _stprintf sprintf
#define _sntprintf snprintf
#define _vtprintf vprintf
#define _vftprintf vfprintf
#define _vstprintf vsprintf
#define _vsntprintf vsnprintf
#define _fgetts fgets
#define _fputts fputs
#define _tcslen strlen
#define _tcscpy strcpy
#define _tcsncpy strncpy
#define _tcscat strcat
#define _tcsncat strncat
#define _tcscmp strcmp
#define _tcsncmp strncmp
#define _tcschr strchr
#define _tcsrchr strrchr
#define _tcsstr strstr
#define _tcstol strtol
#define _tcstoul strtoul
#define _tcstod strtod
#define _ttoi atoi
#define _ttol atol
#define _tstoi atoi
#define _totlower tolower
#define _totupper toupper
#endif

#define _TEXT(x) __T(x)
#ifndef _T
#define _T(x) __T(x)
#endif

#endif /* CLUSAPI_SIM_COMPAT_TCHAR_H */
