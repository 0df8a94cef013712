/* WinError.h for clusapi-sim: the Windows SDK declares what sources take from it in windows.h, and so does the compat windows.h. */
#include "windows.h"
