/* Clusapi.h for clusapi-sim: the spelling some sources use; the header is clusapi.h. */
#include "clusapi.h"
