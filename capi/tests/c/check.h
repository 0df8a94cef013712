/* A tiny check macro for the C client tests: on failure, print where and what, with
 * GetLastError(), and exit non-zero. */
#ifndef CLUSAPI_SIM_TEST_CHECK_H
#define CLUSAPI_SIM_TEST_CHECK_H

#include <stdio.h>
#include <stdlib.h>

#define CHECK(expr)                                                                            \
  do {                                                                                         \
    if (!(expr)) {                                                                             \
      fprintf(stderr, "%s:%d: CHECK failed: %s (GetLastError() = %lu)\n", __FILE__, __LINE__, \
              #expr, (unsigned long)GetLastError());                                           \
      exit(1);                                                                                 \
    }                                                                                          \
  } while (0)

#define CHECK_ERR(expr, code)                                                                  \
  do {                                                                                         \
    DWORD got_ = (DWORD)(expr);                                                                \
    if (got_ != (DWORD)(code)) {                                                               \
      fprintf(stderr, "%s:%d: %s gave %lu, expected %lu\n", __FILE__, __LINE__, #expr,         \
              (unsigned long)got_, (unsigned long)(code));                                     \
      exit(1);                                                                                 \
    }                                                                                          \
  } while (0)

/* libc's wide-string functions assume a 4-byte wchar_t, so with -fshort-wchar the tests
 * measure and compare UTF-16 strings themselves. */
static inline size_t wlen(const WCHAR *s) {
  size_t n = 0;
  while (s[n] != 0) n++;
  return n;
}

static inline int weq(const WCHAR *a, const WCHAR *b) {
  size_t i = 0;
  for (; a[i] != 0 && a[i] == b[i]; i++) {
  }
  return a[i] == b[i];
}

#endif
