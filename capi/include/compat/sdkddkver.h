/* sdkddkver.h for clusapi-sim: the spelling some sources use; the header is SDKDDKVer.h. */
#include "SDKDDKVer.h"
