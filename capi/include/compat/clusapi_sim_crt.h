/*
 * clusapi_sim_crt.h: the MSVC C runtime's wide-character functions that Windows ClusAPI
 * tools call, for Linux. Included by the compat <windows.h>; not meant to be included alone.
 *
 * 1. MSVC's own names (wcscpy_s, wcsncpy_s, wcscat_s, _wcsicmp, _wcsnicmp, _wcsdup), written
 *    over WCHAR, so they work with either library (UTF-16 with -fshort-wchar, wchar_t with
 *    libclusapi_native). C++ also gets MSVC's array overloads (wcscpy_s(buf, src)).
 *
 * 2. The wide printf family, with MSVC's format rules. MSVC and glibc read the same format
 *    differently, and unchanged Windows code crashes on glibc:
 *        MSVC, in a wide function           glibc, in a wide function
 *        %s, %ls, %ws  a wide string        %s  a narrow char* string; %ls wide
 *        %S, %hs       a narrow string      %S  a wide string
 *        %c            a wide character     %c  a narrow character
 *        %ld, %lu, %lx 32 bits (long)       64 bits (long is 64 bits on LP64)
 *        %I64d, %I32d, %Id (size_t)         not understood
 *    So, when WCHAR is a 4-byte wchar_t (libclusapi_native), the names Windows code calls
 *    (wprintf, fwprintf, swprintf, vwprintf, vfwprintf, vswprintf, and MSVC's _swprintf,
 *    swprintf_s, _snwprintf, _snwprintf_s, _vsnwprintf, _scwprintf, wprintf_s, fwprintf_s)
 *    are macros for functions here that rewrite an MSVC format into glibc's (%s becomes %ls,
 *    %S becomes %s, %c becomes %lc, %ld becomes %d, %I64d becomes %lld, ...) and then call
 *    glibc's vswprintf / vfwprintf. Code written for glibc's rules reads its formats in MSVC's
 *    way under these names; define CLUSAPI_SIM_GLIBC_WPRINTF before including <windows.h>
 *    to keep glibc's functions and rules. The narrow printf family is left alone (glibc's %S
 *    is a wide string, as in MSVC; write %u, not %lu, for a DWORD there, and %llu, not
 *    %I64u, for 64 bits).
 *
 *    Output: MSVC lets a program mix printf and wprintf on one stream; glibc gives a stream
 *    one orientation at its first output and then drops the other kind. So wprintf and
 *    fwprintf here write the formatted text as multibyte characters (UTF-8 when the program
 *    has not set a locale with a multibyte character set, as a Linux terminal expects; the
 *    locale's encoding otherwise) and leave the stream's orientation as it is: byte-oriented
 *    streams get fwrite, wide-oriented ones (std::wcout's, after its first output) get
 *    vfwprintf, and streams with no orientation yet are flushed and written to their file
 *    descriptor, so that a later printf or std::wcout still works.
 *
 *    With -fshort-wchar (2-byte wchar_t, libclusapi) the C library's wide functions cannot
 *    format WCHAR strings at all: the MSVC-only printf names are declared so that a call to
 *    one fails to compile with a message saying to build against libclusapi_native.
 *
 * 3. wmain and _tmain. Linux's C runtime calls main, never wmain. When WCHAR is a 4-byte
 *    wchar_t, `wmain` is a macro that turns the program's
 *        int wmain(int argc, wchar_t *argv[]) { ... }
 *    (or tchar.h's _tmain, with any calling-convention macro before the name) into a main
 *    that converts argv to wchar_t (with the locale's encoding, UTF-8 in the "C" locale)
 *    and calls it. Only the two-argument form is supported, defined once, without a
 *    separate prototype. Define CLUSAPI_SIM_NO_WMAIN to write main yourself.
 */
#ifndef CLUSAPI_SIM_COMPAT_CRT_H
#define CLUSAPI_SIM_COMPAT_CRT_H

/* WCHAR and the library choice first (a no-op when <windows.h> includes this file). */
#include "windows.h"

#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>
#include <wctype.h>
#ifdef __cplusplus
/* <cwchar> #undefs wprintf, swprintf and the rest when it is first included, so a C++ file
 * that includes <string> or <iostream> after <windows.h> would lose the macros below: it is
 * included here, first, and its later inclusions change nothing. */
#include <cstdio>
#include <cwchar>
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef int errno_t;
#ifndef _TRUNCATE
#define _TRUNCATE ((size_t)-1)
#endif
#ifndef STRUNCATE
#define STRUNCATE 80
#endif
#ifndef _CRT_WIDE
#define _CRT_WIDE_(s) L##s
#define _CRT_WIDE(s) _CRT_WIDE_(s)
#endif
#ifndef __FUNCTIONW__
#define __FUNCTIONW__ _CRT_WIDE(__FUNCTION__)
#endif
#ifndef __FILEW__
#define __FILEW__ _CRT_WIDE(__FILE__)
#endif

/* 1. MSVC's wide string names, over WCHAR. */

static inline size_t clusapi_sim_wlen(const WCHAR *s) {
  size_t n = 0;
  while (s[n] != 0) n++;
  return n;
}

static inline errno_t wcscpy_s(WCHAR *dest, size_t size, const WCHAR *src) {
  size_t n;
  if (dest == NULL || size == 0) return EINVAL;
  if (src == NULL) {
    dest[0] = 0;
    return EINVAL;
  }
  n = clusapi_sim_wlen(src);
  if (n >= size) {
    dest[0] = 0;
    return ERANGE;
  }
  memcpy(dest, src, (n + 1) * sizeof(WCHAR));
  return 0;
}

/* count may be _TRUNCATE: copy what fits and answer STRUNCATE. */
static inline errno_t wcsncpy_s(WCHAR *dest, size_t size, const WCHAR *src, size_t count) {
  size_t n = 0;
  if (dest == NULL || size == 0) return EINVAL;
  if (src == NULL) {
    dest[0] = 0;
    return count == 0 ? 0 : EINVAL;
  }
  while (n < count && src[n] != 0) {
    if (n + 1 >= size) {
      if (count == _TRUNCATE) {
        dest[n] = 0;
        return STRUNCATE;
      }
      dest[0] = 0;
      return ERANGE;
    }
    dest[n] = src[n];
    n++;
  }
  dest[n] = 0;
  return 0;
}

static inline errno_t wcscat_s(WCHAR *dest, size_t size, const WCHAR *src) {
  size_t have, add;
  if (dest == NULL || size == 0) return EINVAL;
  if (src == NULL) {
    dest[0] = 0;
    return EINVAL;
  }
  for (have = 0; have < size && dest[have] != 0; have++) {
  }
  if (have == size) {
    dest[0] = 0;
    return EINVAL; /* dest was not terminated within size */
  }
  add = clusapi_sim_wlen(src);
  if (have + add >= size) {
    dest[0] = 0;
    return ERANGE;
  }
  memcpy(dest + have, src, (add + 1) * sizeof(WCHAR));
  return 0;
}

static inline int _wcsnicmp(const WCHAR *a, const WCHAR *b, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) {
    wint_t x = towlower((wint_t)a[i]), y = towlower((wint_t)b[i]);
    if (x != y) return x < y ? -1 : 1;
    if (a[i] == 0) return 0;
  }
  return 0;
}

static inline int _wcsicmp(const WCHAR *a, const WCHAR *b) {
  return _wcsnicmp(a, b, (size_t)-1);
}

static inline WCHAR *_wcsdup(const WCHAR *s) {
  size_t bytes = (clusapi_sim_wlen(s) + 1) * sizeof(WCHAR);
  WCHAR *copy = (WCHAR *)malloc(bytes);
  if (copy != NULL) memcpy(copy, s, bytes);
  return copy;
}

#define wcsicmp _wcsicmp
#define wcsnicmp _wcsnicmp
#define _wcscmpi _wcsicmp

#if CLUSAPI_SIM_NATIVE_WCHAR
/* The MSVC conversions with glibc equivalents (wchar_t is WCHAR here). */
static inline int _wtoi(const wchar_t *s) {
  return (int)wcstol(s, NULL, 10);
}
static inline long _wtol(const wchar_t *s) {
  return wcstol(s, NULL, 10);
}
static inline long long _wtoi64(const wchar_t *s) {
  return wcstoll(s, NULL, 10);
}
static inline double _wtof(const wchar_t *s) {
  return wcstod(s, NULL);
}
#define wcstok_s wcstok
#define _wcstoui64 wcstoull
#define _wcstoi64 wcstoll
#endif

/* 2. The wide printf family with MSVC's format rules. */

#if CLUSAPI_SIM_NATIVE_WCHAR && !defined(CLUSAPI_SIM_GLIBC_WPRINTF)

/* The POSIX calls under private names (asm labels): <unistd.h> would bring names that
 * collide with Windows code, and strict C99 declares neither. */
extern int clusapi_sim_fileno(FILE *stream) __asm__("fileno");
extern long clusapi_sim_write(int fd, const void *buf, size_t count) __asm__("write");

/* An MSVC wide format, rewritten to glibc's rules (see the top of this file); malloc'd. */
static inline wchar_t *clusapi_sim_msvc_format(const wchar_t *f) {
  /* Each rewrite adds at most one character to a conversion of two or more. */
  wchar_t *out = (wchar_t *)malloc((wcslen(f) * 2 + 1) * sizeof(wchar_t));
  wchar_t *o = out;
  if (out == NULL) return NULL;
  while (*f != 0) {
    enum { SZ_NONE, SZ_H, SZ_HH, SZ_L, SZ_LL, SZ_W, SZ_I64, SZ_I32, SZ_I, SZ_Z, SZ_J, SZ_T, SZ_BIGL } size = SZ_NONE;
    const wchar_t *size_text;
    wchar_t conv;
    if (*f != L'%') {
      *o++ = *f++;
      continue;
    }
    *o++ = *f++;
    if (*f == L'%') {
      *o++ = *f++;
      continue;
    }
    while (*f == L'-' || *f == L'+' || *f == L' ' || *f == L'#' || *f == L'0' || *f == L'\'') *o++ = *f++;
    if (*f == L'*') {
      *o++ = *f++;
    } else {
      while (*f >= L'0' && *f <= L'9') *o++ = *f++;
    }
    if (*f == L'.') {
      *o++ = *f++;
      if (*f == L'*') {
        *o++ = *f++;
      } else {
        while (*f >= L'0' && *f <= L'9') *o++ = *f++;
      }
    }
    size_text = f;
    if (f[0] == L'h' && f[1] == L'h') {
      size = SZ_HH, f += 2;
    } else if (f[0] == L'h') {
      size = SZ_H, f += 1;
    } else if (f[0] == L'l' && f[1] == L'l') {
      size = SZ_LL, f += 2;
    } else if (f[0] == L'l') {
      size = SZ_L, f += 1;
    } else if (f[0] == L'w') {
      size = SZ_W, f += 1;
    } else if (f[0] == L'I' && f[1] == L'6' && f[2] == L'4') {
      size = SZ_I64, f += 3;
    } else if (f[0] == L'I' && f[1] == L'3' && f[2] == L'2') {
      size = SZ_I32, f += 3;
    } else if (f[0] == L'I') {
      size = SZ_I, f += 1;
    } else if (f[0] == L'z') {
      size = SZ_Z, f += 1;
    } else if (f[0] == L'j') {
      size = SZ_J, f += 1;
    } else if (f[0] == L't') {
      size = SZ_T, f += 1;
    } else if (f[0] == L'L') {
      size = SZ_BIGL, f += 1;
    }
    conv = *f;
    if (conv == 0) break; /* a format ending in a bare conversion prefix */
    f++;
    switch (conv) {
      case L's':
      case L'Z': /* MSVC's counted string structures are not supported: read as %s */
        if (size != SZ_H) *o++ = L'l';
        *o++ = L's';
        break;
      case L'S':
        if (size == SZ_L || size == SZ_W) *o++ = L'l';
        *o++ = L's';
        break;
      case L'c':
        if (size != SZ_H) *o++ = L'l';
        *o++ = L'c';
        break;
      case L'C':
        if (size == SZ_L || size == SZ_W) *o++ = L'l';
        *o++ = L'c';
        break;
      case L'd':
      case L'i':
      case L'o':
      case L'u':
      case L'x':
      case L'X':
      case L'n':
        switch (size) {
          case SZ_H: *o++ = L'h'; break;
          case SZ_HH: *o++ = L'h', *o++ = L'h'; break;
          case SZ_LL:
          case SZ_I64:
          case SZ_BIGL: *o++ = L'l', *o++ = L'l'; break;
          case SZ_I:
          case SZ_Z: *o++ = L'z'; break;
          case SZ_J: *o++ = L'j'; break;
          case SZ_T: *o++ = L't'; break;
          case SZ_NONE:
          case SZ_L: /* long is 32 bits in MSVC */
          case SZ_W:
          case SZ_I32: break;
        }
        *o++ = conv;
        break;
      case L'e':
      case L'E':
      case L'f':
      case L'F':
      case L'g':
      case L'G':
      case L'a':
      case L'A':
        *o++ = conv; /* MSVC's long double is a double: %Lf takes a double */
        break;
      case L'p':
        *o++ = conv;
        break;
      default: /* unknown: as written */
        while (size_text < f) *o++ = *size_text++;
        break;
    }
  }
  *o = 0;
  return out;
}

/* The formatted text, malloc'd, and its length in *len; NULL on a format error. */
static inline wchar_t *clusapi_sim_vaswprintf(const wchar_t *format, va_list ap, int *len) {
  wchar_t *fmt = clusapi_sim_msvc_format(format), *buf = NULL;
  size_t cap = 128;
  int n = -1;
  if (fmt == NULL) return NULL;
  for (;;) {
    va_list copy;
    wchar_t *grown = (wchar_t *)realloc(buf, cap * sizeof(wchar_t));
    if (grown == NULL) break;
    buf = grown;
    va_copy(copy, ap);
    n = vswprintf(buf, cap, fmt, copy);
    va_end(copy);
    /* glibc answers -1 both for too small a buffer and for an encoding error: grow up to a
     * bound, then give up. */
    if (n >= 0 || cap >= ((size_t)1 << 24)) break;
    cap *= 4;
  }
  free(fmt);
  if (n < 0) {
    free(buf);
    return NULL;
  }
  *len = n;
  return buf;
}

/* Writes n wide characters to stream as multibyte text, keeping the stream's orientation
 * (see the top of this file). Returns n, or -1. */
static inline int clusapi_sim_put_wide(FILE *stream, const wchar_t *s, int n) {
  char *bytes, *b;
  int i, fd, ok = 1;
  size_t total;
  mbstate_t state;
  if (fwide(stream, 0) > 0) return fputws(s, stream) < 0 ? -1 : n;
  bytes = (char *)malloc((size_t)n * (MB_LEN_MAX > 4 ? MB_LEN_MAX : 4) + 1);
  if (bytes == NULL) return -1;
  b = bytes;
  memset(&state, 0, sizeof state);
  for (i = 0; i < n; i++) {
    unsigned long c = (unsigned long)s[i];
    if (MB_CUR_MAX > 1) {
      size_t k = wcrtomb(b, s[i], &state);
      if (k == (size_t)-1) {
        *b++ = '?';
        memset(&state, 0, sizeof state);
      } else {
        b += k;
      }
    } else if (c < 0x80) { /* "C" locale: UTF-8, which a Linux terminal reads */
      *b++ = (char)c;
    } else if (c < 0x800) {
      *b++ = (char)(0xC0 | (c >> 6));
      *b++ = (char)(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      *b++ = (char)(0xE0 | (c >> 12));
      *b++ = (char)(0x80 | ((c >> 6) & 0x3F));
      *b++ = (char)(0x80 | (c & 0x3F));
    } else if (c < 0x110000) {
      *b++ = (char)(0xF0 | (c >> 18));
      *b++ = (char)(0x80 | ((c >> 12) & 0x3F));
      *b++ = (char)(0x80 | ((c >> 6) & 0x3F));
      *b++ = (char)(0x80 | (c & 0x3F));
    } else {
      *b++ = '?';
    }
  }
  total = (size_t)(b - bytes);
  fd = fwide(stream, 0) == 0 ? clusapi_sim_fileno(stream) : -1;
  if (fd >= 0) {
    /* No orientation yet: write around the stream, which stays unoriented. */
    size_t done = 0;
    fflush(stream);
    while (done < total) {
      long w = clusapi_sim_write(fd, bytes + done, total - done);
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) {
        ok = 0;
        break;
      }
      done += (size_t)w;
    }
  } else {
    ok = fwrite(bytes, 1, total, stream) == total;
  }
  free(bytes);
  return ok ? n : -1;
}

static inline int clusapi_sim_vfwprintf(FILE *stream, const wchar_t *format, va_list ap) {
  int n = 0, r;
  wchar_t *text = clusapi_sim_vaswprintf(format, ap, &n);
  if (text == NULL) return -1;
  r = clusapi_sim_put_wide(stream, text, n);
  free(text);
  return r;
}

static inline int clusapi_sim_fwprintf(FILE *stream, const wchar_t *format, ...) {
  va_list ap;
  int r;
  va_start(ap, format);
  r = clusapi_sim_vfwprintf(stream, format, ap);
  va_end(ap);
  return r;
}

static inline int clusapi_sim_vwprintf(const wchar_t *format, va_list ap) {
  return clusapi_sim_vfwprintf(stdout, format, ap);
}

static inline int clusapi_sim_wprintf(const wchar_t *format, ...) {
  va_list ap;
  int r;
  va_start(ap, format);
  r = clusapi_sim_vfwprintf(stdout, format, ap);
  va_end(ap);
  return r;
}

/* ISO and MSVC swprintf: at most count characters with the NUL; -1 if they do not fit. */
static inline int clusapi_sim_vswprintf(wchar_t *buf, size_t count, const wchar_t *format, va_list ap) {
  int n = 0;
  wchar_t *text = clusapi_sim_vaswprintf(format, ap, &n);
  if (text == NULL || count == 0 || (size_t)n >= count) {
    if (buf != NULL && count > 0) {
      /* glibc leaves what fits; MSVC's swprintf_s empties the buffer. Both answer -1. */
      if (text != NULL) {
        memcpy(buf, text, (count - 1) * sizeof(wchar_t));
        buf[count - 1] = 0;
      } else {
        buf[0] = 0;
      }
    }
    free(text);
    return -1;
  }
  memcpy(buf, text, ((size_t)n + 1) * sizeof(wchar_t));
  free(text);
  return n;
}

static inline int clusapi_sim_swprintf(wchar_t *buf, size_t count, const wchar_t *format, ...) {
  va_list ap;
  int r;
  va_start(ap, format);
  r = clusapi_sim_vswprintf(buf, count, format, ap);
  va_end(ap);
  return r;
}

static inline int clusapi_sim_vswprintf_s(wchar_t *buf, size_t count, const wchar_t *format, va_list ap) {
  int r = clusapi_sim_vswprintf(buf, count, format, ap);
  if (r < 0 && buf != NULL && count > 0) buf[0] = 0;
  return r;
}

static inline int swprintf_s(wchar_t *buf, size_t count, const wchar_t *format, ...) {
  va_list ap;
  int r;
  va_start(ap, format);
  r = clusapi_sim_vswprintf_s(buf, count, format, ap);
  va_end(ap);
  return r;
}

/* The legacy MSVC swprintf without a count: the caller promises room. */
static inline int _swprintf(wchar_t *buf, const wchar_t *format, ...) {
  va_list ap;
  int n = 0;
  wchar_t *text;
  va_start(ap, format);
  text = clusapi_sim_vaswprintf(format, ap, &n);
  va_end(ap);
  if (text == NULL) return -1;
  memcpy(buf, text, ((size_t)n + 1) * sizeof(wchar_t));
  free(text);
  return n;
}

/* _snwprintf: at most count characters, NUL only if there is room; -1 if truncated. */
static inline int _vsnwprintf(wchar_t *buf, size_t count, const wchar_t *format, va_list ap) {
  int n = 0;
  wchar_t *text = clusapi_sim_vaswprintf(format, ap, &n);
  if (text == NULL) return -1;
  if ((size_t)n <= count) {
    memcpy(buf, text, (size_t)n * sizeof(wchar_t));
    if ((size_t)n < count) buf[n] = 0;
  } else {
    memcpy(buf, text, count * sizeof(wchar_t));
    n = -1;
  }
  free(text);
  return n;
}

static inline int _snwprintf(wchar_t *buf, size_t count, const wchar_t *format, ...) {
  va_list ap;
  int r;
  va_start(ap, format);
  r = _vsnwprintf(buf, count, format, ap);
  va_end(ap);
  return r;
}

/* _snwprintf_s: at most count characters (or _TRUNCATE: what fits) and always the NUL. */
static inline int _vsnwprintf_s(wchar_t *buf, size_t size, size_t count, const wchar_t *format, va_list ap) {
  int n = 0;
  size_t room;
  wchar_t *text;
  if (buf == NULL || size == 0) return -1;
  room = count == _TRUNCATE || count >= size ? size - 1 : count;
  text = clusapi_sim_vaswprintf(format, ap, &n);
  if (text == NULL) {
    buf[0] = 0;
    return -1;
  }
  if ((size_t)n <= room) {
    memcpy(buf, text, ((size_t)n + 1) * sizeof(wchar_t));
  } else if (count == _TRUNCATE || count < size) {
    memcpy(buf, text, room * sizeof(wchar_t));
    buf[room] = 0;
    n = -1;
  } else {
    buf[0] = 0; /* MSVC: the buffer is too small for what count asked */
    n = -1;
  }
  free(text);
  return n;
}

static inline int _snwprintf_s(wchar_t *buf, size_t size, size_t count, const wchar_t *format, ...) {
  va_list ap;
  int r;
  va_start(ap, format);
  r = _vsnwprintf_s(buf, size, count, format, ap);
  va_end(ap);
  return r;
}

static inline int _vscwprintf(const wchar_t *format, va_list ap) {
  int n = 0;
  wchar_t *text = clusapi_sim_vaswprintf(format, ap, &n);
  if (text == NULL) return -1;
  free(text);
  return n;
}

static inline int _scwprintf(const wchar_t *format, ...) {
  va_list ap;
  int r;
  va_start(ap, format);
  r = _vscwprintf(format, ap);
  va_end(ap);
  return r;
}

/* glibc's names, with MSVC's rules (object-like macros, so &wprintf works too). */
#undef wprintf
#undef fwprintf
#undef swprintf
#undef vwprintf
#undef vfwprintf
#undef vswprintf
#define wprintf clusapi_sim_wprintf
#define fwprintf clusapi_sim_fwprintf
#define swprintf clusapi_sim_swprintf
#define vwprintf clusapi_sim_vwprintf
#define vfwprintf clusapi_sim_vfwprintf
#define vswprintf clusapi_sim_vswprintf
#define wprintf_s clusapi_sim_wprintf
#define fwprintf_s clusapi_sim_fwprintf
#define vwprintf_s clusapi_sim_vwprintf
#define vfwprintf_s clusapi_sim_vfwprintf
#define vswprintf_s clusapi_sim_vswprintf_s
#define _vswprintf_s clusapi_sim_vswprintf_s
#define _vsnwprintf_c _vsnwprintf

#elif !CLUSAPI_SIM_NATIVE_WCHAR

/* -fshort-wchar: the C library cannot format 2-byte wchar_t strings. */
#define CLUSAPI_SIM_NEEDS_NATIVE                                                                       \
  __attribute__((error("the C library's wide functions need a 4-byte wchar_t: build without "          \
                       "-fshort-wchar and link -lclusapi_native")))
extern int swprintf_s(WCHAR *buf, size_t count, const WCHAR *format, ...) CLUSAPI_SIM_NEEDS_NATIVE;
extern int _swprintf(WCHAR *buf, const WCHAR *format, ...) CLUSAPI_SIM_NEEDS_NATIVE;
extern int _snwprintf(WCHAR *buf, size_t count, const WCHAR *format, ...) CLUSAPI_SIM_NEEDS_NATIVE;
extern int _snwprintf_s(WCHAR *buf, size_t size, size_t count, const WCHAR *format, ...)
    CLUSAPI_SIM_NEEDS_NATIVE;
extern int _scwprintf(const WCHAR *format, ...) CLUSAPI_SIM_NEEDS_NATIVE;

#endif

/* 3. wmain. */
#if CLUSAPI_SIM_NATIVE_WCHAR && !defined(CLUSAPI_SIM_NO_WMAIN)

/* One argument, as wchar_t: the locale's encoding, or UTF-8 in a single-byte locale (the
 * "C" locale of a program that has not called setlocale). */
static inline wchar_t *clusapi_sim_widen_arg(const char *arg) {
  size_t n = strlen(arg), i = 0, k = 0;
  wchar_t *w = (wchar_t *)malloc((n + 1) * sizeof(wchar_t));
  if (w == NULL) return NULL;
  if (MB_CUR_MAX > 1) {
    size_t m = mbstowcs(w, arg, n + 1);
    if (m != (size_t)-1) return w;
  }
  while (i < n) {
    unsigned char c = (unsigned char)arg[i];
    unsigned long cp = c;
    size_t extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0, j;
    if (i + extra >= n) extra = 0; /* a truncated sequence: bytes as they are */
    if (extra > 0) {
      cp = c & (0x3F >> extra);
      for (j = 1; j <= extra; j++) {
        unsigned char d = (unsigned char)arg[i + j];
        if ((d & 0xC0) != 0x80) break;
        cp = (cp << 6) | (d & 0x3F);
      }
      if (j <= extra) { /* not UTF-8: take the byte as it is */
        cp = c;
        extra = 0;
      }
    }
    w[k++] = (wchar_t)cp;
    i += extra + 1;
  }
  w[k] = 0;
  return w;
}

#ifdef __cplusplus
}
#endif

static inline int clusapi_sim_run_wmain(int argc, char **argv, int (*entry)(int, wchar_t **)) {
  int i, r;
  wchar_t **wargv = (wchar_t **)calloc((size_t)argc + 1, sizeof(wchar_t *));
  if (wargv == NULL) return 1;
  for (i = 0; i < argc; i++) {
    wargv[i] = clusapi_sim_widen_arg(argv[i]);
    if (wargv[i] == NULL) return 1;
  }
  r = entry(argc, wargv);
  for (i = 0; i < argc; i++) free(wargv[i]);
  free(wargv);
  return r;
}

#define wmain                                                                   \
  clusapi_sim_wmain(int, wchar_t **);                                           \
  int main(int argc, char **argv) {                                             \
    return clusapi_sim_run_wmain(argc, argv, clusapi_sim_wmain);                \
  }                                                                             \
  int clusapi_sim_wmain

#ifdef __cplusplus
extern "C" {
#endif
#endif

#ifdef __cplusplus
}
#endif

#ifdef __cplusplus
/* MSVC's C++ overloads that take the destination array's size from its type. */
template <size_t N>
inline errno_t wcscpy_s(WCHAR (&dest)[N], const WCHAR *src) {
  return wcscpy_s(dest, N, src);
}
template <size_t N>
inline errno_t wcscat_s(WCHAR (&dest)[N], const WCHAR *src) {
  return wcscat_s(dest, N, src);
}
template <size_t N>
inline errno_t wcsncpy_s(WCHAR (&dest)[N], const WCHAR *src, size_t count) {
  return wcsncpy_s(dest, N, src, count);
}
#if CLUSAPI_SIM_NATIVE_WCHAR && !defined(CLUSAPI_SIM_GLIBC_WPRINTF)
template <size_t N, typename... Args>
inline int swprintf_s(wchar_t (&buf)[N], const wchar_t *format, Args... args) {
  return swprintf_s(buf, N, format, args...);
}
template <size_t N, typename... Args>
inline int _snwprintf_s(wchar_t (&buf)[N], size_t count, const wchar_t *format, Args... args) {
  return _snwprintf_s(buf, N, count, format, args...);
}
/* std::wprintf and friends name the functions above when <cwchar> came first. */
namespace std {
using ::clusapi_sim_fwprintf;
using ::clusapi_sim_swprintf;
using ::clusapi_sim_vfwprintf;
using ::clusapi_sim_vswprintf;
using ::clusapi_sim_vwprintf;
using ::clusapi_sim_wprintf;
}  // namespace std
#endif
#endif

#endif /* CLUSAPI_SIM_COMPAT_CRT_H */
