/* Windows.h for clusapi-sim: the spelling some sources use; the header is windows.h. */
#include "windows.h"
