/* ResApi.h for clusapi-sim: the spelling the Windows SDK and its pages use; the header is resapi.h. */
#include "resapi.h"
