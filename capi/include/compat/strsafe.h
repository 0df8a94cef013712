/*
 * strsafe.h for clusapi-sim: the StringCch* and StringCb* functions that Windows code uses
 * to fill fixed buffers, over WCHAR (so StringCchCopyW and StringCchLengthW work with either
 * library) and char. They answer the Windows HRESULTs: S_OK, STRSAFE_E_INSUFFICIENT_BUFFER
 * (the result is truncated and NUL-terminated, as on Windows) and
 * STRSAFE_E_INVALID_PARAMETER. StringCchPrintfW and StringCbPrintfW format with MSVC's
 * rules (clusapi_sim_crt.h), so they need a 4-byte wchar_t (libclusapi_native). The
 * generic names (StringCchCopy, StringCchPrintf, ...) are the W ones under UNICODE.
 */
#ifndef CLUSAPI_SIM_COMPAT_STRSAFE_H
#define CLUSAPI_SIM_COMPAT_STRSAFE_H

#include <stdarg.h>
#include <windows.h>

#ifdef __cplusplus
extern "C" {
#endif

#define STRSAFE_MAX_CCH 2147483647
#define STRSAFE_E_INSUFFICIENT_BUFFER ((HRESULT)0x8007007AL)
#define STRSAFE_E_INVALID_PARAMETER ((HRESULT)0x80070057L)
#define STRSAFE_E_END_OF_FILE ((HRESULT)0x80070026L)
typedef WCHAR *STRSAFE_LPWSTR;
typedef const WCHAR *STRSAFE_LPCWSTR;
typedef char *STRSAFE_LPSTR;
typedef const char *STRSAFE_LPCSTR;

static inline HRESULT StringCchCopyNW(WCHAR *dest, size_t cch, const WCHAR *src, size_t max) {
  size_t i = 0;
  if (dest == NULL || cch == 0 || cch > STRSAFE_MAX_CCH) return STRSAFE_E_INVALID_PARAMETER;
  if (src == NULL) src = L"";
  while (i < max && src[i] != 0) {
    if (i + 1 == cch) {
      dest[i] = 0;
      return STRSAFE_E_INSUFFICIENT_BUFFER;
    }
    dest[i] = src[i];
    i++;
  }
  dest[i] = 0;
  return S_OK;
}
static inline HRESULT StringCchCopyW(WCHAR *dest, size_t cch, const WCHAR *src) {
  return StringCchCopyNW(dest, cch, src, (size_t)-1);
}
static inline HRESULT StringCbCopyW(WCHAR *dest, size_t cb, const WCHAR *src) {
  return StringCchCopyW(dest, cb / sizeof(WCHAR), src);
}
static inline HRESULT StringCbCopyNW(WCHAR *dest, size_t cb, const WCHAR *src, size_t cbMax) {
  return StringCchCopyNW(dest, cb / sizeof(WCHAR), src, cbMax / sizeof(WCHAR));
}
static inline HRESULT StringCchLengthW(const WCHAR *s, size_t max, size_t *len) {
  size_t n = 0;
  if (s == NULL || max > STRSAFE_MAX_CCH) {
    if (len != NULL) *len = 0;
    return STRSAFE_E_INVALID_PARAMETER;
  }
  while (n < max && s[n] != 0) n++;
  if (n == max) {
    if (len != NULL) *len = 0;
    return STRSAFE_E_INVALID_PARAMETER; /* not terminated within max */
  }
  if (len != NULL) *len = n;
  return S_OK;
}
static inline HRESULT StringCbLengthW(const WCHAR *s, size_t cbMax, size_t *cb) {
  size_t n = 0;
  HRESULT hr = StringCchLengthW(s, cbMax / sizeof(WCHAR), &n);
  if (cb != NULL) *cb = n * sizeof(WCHAR);
  return hr;
}
static inline HRESULT StringCchCatW(WCHAR *dest, size_t cch, const WCHAR *src) {
  size_t have = 0;
  if (dest == NULL || cch == 0 || cch > STRSAFE_MAX_CCH) return STRSAFE_E_INVALID_PARAMETER;
  while (have < cch && dest[have] != 0) have++;
  if (have == cch) return STRSAFE_E_INVALID_PARAMETER;
  return StringCchCopyW(dest + have, cch - have, src);
}
static inline HRESULT StringCbCatW(WCHAR *dest, size_t cb, const WCHAR *src) {
  return StringCchCatW(dest, cb / sizeof(WCHAR), src);
}

static inline HRESULT StringCchCopyA(char *dest, size_t cch, const char *src) {
  size_t i = 0;
  if (dest == NULL || cch == 0 || cch > STRSAFE_MAX_CCH) return STRSAFE_E_INVALID_PARAMETER;
  if (src == NULL) src = "";
  for (; src[i] != 0; i++) {
    if (i + 1 == cch) {
      dest[i] = 0;
      return STRSAFE_E_INSUFFICIENT_BUFFER;
    }
    dest[i] = src[i];
  }
  dest[i] = 0;
  return S_OK;
}
static inline HRESULT StringCbCopyA(char *dest, size_t cb, const char *src) {
  return StringCchCopyA(dest, cb, src);
}
static inline HRESULT StringCchLengthA(const char *s, size_t max, size_t *len) {
  size_t n = 0;
  if (s == NULL || max > STRSAFE_MAX_CCH) return STRSAFE_E_INVALID_PARAMETER;
  while (n < max && s[n] != 0) n++;
  if (len != NULL) *len = n == max ? 0 : n;
  return n == max ? STRSAFE_E_INVALID_PARAMETER : S_OK;
}
static inline HRESULT StringCchVPrintfA(char *dest, size_t cch, const char *format, va_list ap) {
  int n;
  if (dest == NULL || cch == 0 || cch > STRSAFE_MAX_CCH) return STRSAFE_E_INVALID_PARAMETER;
  n = vsnprintf(dest, cch, format, ap);
  if (n < 0) {
    dest[0] = 0;
    return STRSAFE_E_INVALID_PARAMETER;
  }
  return (size_t)n >= cch ? STRSAFE_E_INSUFFICIENT_BUFFER : S_OK;
}
static inline HRESULT StringCchPrintfA(char *dest, size_t cch, const char *format, ...) {
  va_list ap;
  HRESULT hr;
  va_start(ap, format);
  hr = StringCchVPrintfA(dest, cch, format, ap);
  va_end(ap);
  return hr;
}

#if CLUSAPI_SIM_NATIVE_WCHAR && !defined(CLUSAPI_SIM_GLIBC_WPRINTF)
static inline HRESULT StringCchVPrintfW(wchar_t *dest, size_t cch, const wchar_t *format, va_list ap) {
  int n = 0;
  wchar_t *text;
  if (dest == NULL || cch == 0 || cch > STRSAFE_MAX_CCH) return STRSAFE_E_INVALID_PARAMETER;
  text = clusapi_sim_vaswprintf(format, ap, &n);
  if (text == NULL) {
    dest[0] = 0;
    return STRSAFE_E_INVALID_PARAMETER;
  }
  if ((size_t)n >= cch) {
    memcpy(dest, text, (cch - 1) * sizeof(wchar_t));
    dest[cch - 1] = 0;
    free(text);
    return STRSAFE_E_INSUFFICIENT_BUFFER;
  }
  memcpy(dest, text, ((size_t)n + 1) * sizeof(wchar_t));
  free(text);
  return S_OK;
}
static inline HRESULT StringCchPrintfW(wchar_t *dest, size_t cch, const wchar_t *format, ...) {
  va_list ap;
  HRESULT hr;
  va_start(ap, format);
  hr = StringCchVPrintfW(dest, cch, format, ap);
  va_end(ap);
  return hr;
}
static inline HRESULT StringCbVPrintfW(wchar_t *dest, size_t cb, const wchar_t *format, va_list ap) {
  return StringCchVPrintfW(dest, cb / sizeof(wchar_t), format, ap);
}
static inline HRESULT StringCbPrintfW(wchar_t *dest, size_t cb, const wchar_t *format, ...) {
  va_list ap;
  HRESULT hr;
  va_start(ap, format);
  hr = StringCchVPrintfW(dest, cb / sizeof(wchar_t), format, ap);
  va_end(ap);
  return hr;
}
#elif !CLUSAPI_SIM_NATIVE_WCHAR
extern HRESULT StringCchPrintfW(WCHAR *dest, size_t cch, const WCHAR *format, ...) CLUSAPI_SIM_NEEDS_NATIVE;
extern HRESULT StringCbPrintfW(WCHAR *dest, size_t cb, const WCHAR *format, ...) CLUSAPI_SIM_NEEDS_NATIVE;
#endif

#ifdef UNICODE
#define StringCchCopy StringCchCopyW
#define StringCchCopyN StringCchCopyNW
#define StringCbCopy StringCbCopyW
#define StringCbCopyN StringCbCopyNW
#define StringCchCat StringCchCatW
#define StringCbCat StringCbCatW
#define StringCchLength StringCchLengthW
#define StringCbLength StringCbLengthW
#define StringCchPrintf StringCchPrintfW
#define StringCbPrintf StringCbPrintfW
#define StringCchVPrintf StringCchVPrintfW
#define StringCbVPrintf StringCbVPrintfW
#else
#define StringCchCopy StringCchCopyA
#define StringCbCopy StringCbCopyA
#define StringCchLength StringCchLengthA
#define StringCchPrintf StringCchPrintfA
#define StringCchVPrintf StringCchVPrintfA
#endif

#ifdef __cplusplus
}
#endif

#endif /* CLUSAPI_SIM_COMPAT_STRSAFE_H */
