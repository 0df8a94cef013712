/* Tchar.h for clusapi-sim: the spelling some sources use; the header is tchar.h. */
#include "tchar.h"
