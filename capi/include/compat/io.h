/*
 * io.h for clusapi-sim: MSVC's _setmode and _fileno, and the console translation modes of
 * <fcntl.h> (_O_U16TEXT, _O_WTEXT, _O_U8TEXT, _O_TEXT, _O_BINARY) that Windows code sets
 * before printing Unicode. Linux streams have no translation modes: _setmode with a Unicode
 * mode selects the environment's locale for the character type (C.UTF-8 if that one has
 * no multibyte encoding), so that std::wcout and the C library's wide output can print any
 * character; other modes change nothing. It answers the previous mode, _O_TEXT.
 */
#ifndef CLUSAPI_SIM_COMPAT_IO_H
#define CLUSAPI_SIM_COMPAT_IO_H

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef _O_TEXT
#define _O_TEXT 0x4000
#endif
#ifndef _O_BINARY
#define _O_BINARY 0x8000
#endif
#ifndef _O_WTEXT
#define _O_WTEXT 0x10000
#endif
#ifndef _O_U16TEXT
#define _O_U16TEXT 0x20000
#endif
#ifndef _O_U8TEXT
#define _O_U8TEXT 0x40000
#endif

extern int clusapi_sim_io_fileno(FILE *stream) __asm__("fileno");
static inline int _fileno(FILE *stream) {
  return clusapi_sim_io_fileno(stream);
}
static inline int _setmode(int fd, int mode) {
  (void)fd;
  if (mode & (_O_WTEXT | _O_U16TEXT | _O_U8TEXT)) {
    if (setlocale(LC_CTYPE, "") == NULL || MB_CUR_MAX == 1) setlocale(LC_CTYPE, "C.UTF-8");
  }
  return _O_TEXT;
}

#ifdef __cplusplus
}
#endif

#endif /* CLUSAPI_SIM_COMPAT_IO_H */
