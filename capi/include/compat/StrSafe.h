/* StrSafe.h for clusapi-sim: the spelling some sources use; the header is strsafe.h. */
#include "strsafe.h"
