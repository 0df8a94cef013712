/* Strings beyond ASCII in both builds: the same program links with libclusapi (compiled
 * with -fshort-wchar, UTF-16) and with libclusapi_native (the compiler's 4-byte wchar_t,
 * UTF-32). A name with a character beyond U+FFFF is 8 WCHARs in UTF-16 and 7 in UTF-32:
 * every count the library answers (the string protocol's characters, the byte lengths
 * of property-list values and registry data, ClusterRegQueryInfoKey's longest value) must
 * be in this build's WCHARs, and every string must come back as it went in. */
#include <windows.h>
#include <clusapi.h>
#include <clusapi_sim.h>
#include <string.h>

#include "check.h"

/* The library's WCHAR size (2 in libclusapi, 4 in libclusapi_native). */
extern const DWORD ClusSimWcharSize;

#define NAME L"Gr\u00fc\u00dfe \U0001F600"
/* Its length in WCHARs, without the NUL: the emoji is a surrogate pair in UTF-16. */
#define NAME_UNITS (sizeof(WCHAR) == 4 ? 7u : 8u)

/* The value of the property `name` in the property list `list` of `size` bytes, and its
 * byte length; NULL when absent. */
static const BYTE *find_property(const BYTE *list, DWORD size, const WCHAR *name, DWORD *value_bytes) {
  DWORD count, at = 4;
  memcpy(&count, list, 4);
  for (DWORD i = 0; i < count && at + 8 <= size; i++) {
    DWORD syntax, len;
    memcpy(&syntax, list + at, 4);
    memcpy(&len, list + at + 4, 4);
    CHECK(syntax == CLUSPROP_SYNTAX_NAME);
    const WCHAR *this_name = (const WCHAR *)(list + at + 8);
    CHECK(len == (wlen(this_name) + 1) * sizeof(WCHAR)); /* byte lengths in this build's WCHARs */
    int match = weq(this_name, name);
    at += 8 + ((len + 3) & ~3u);
    /* The value list, up to its end mark. */
    for (;;) {
      memcpy(&syntax, list + at, 4);
      if (syntax == CLUSPROP_SYNTAX_ENDMARK) {
        at += 4;
        break;
      }
      memcpy(&len, list + at + 4, 4);
      if (match) {
        *value_bytes = len;
        return list + at + 8;
      }
      at += 8 + ((len + 3) & ~3u);
    }
  }
  return NULL;
}

int main(void) {
  CHECK(ClusSimWcharSize == sizeof(WCHAR));
  HCLUSTER cluster = OpenCluster(NULL);
  CHECK(cluster != NULL);
  HGROUP group = CreateClusterGroup(cluster, NAME);
  CHECK(group != NULL);

  /* The string protocol counts WCHARs: too small by the NUL is ERROR_MORE_DATA with the
   * length; then the name comes back whole. */
  HCLUSENUM e = ClusterOpenEnum(cluster, CLUSTER_ENUM_GROUP);
  CHECK(e != NULL);
  int found = 0;
  for (DWORD i = 0;; i++) {
    WCHAR name[64];
    DWORD type = 0, cch = 64;
    DWORD rc = ClusterEnum(e, i, &type, name, &cch);
    if (rc == ERROR_NO_MORE_ITEMS) break;
    CHECK(rc == ERROR_SUCCESS);
    if (weq(name, NAME)) {
      found = 1;
      CHECK(cch == NAME_UNITS);
      cch = NAME_UNITS;
      CHECK_ERR(ClusterEnum(e, i, &type, name, &cch), ERROR_MORE_DATA);
      CHECK(cch == NAME_UNITS);
    }
  }
  CHECK(found);
  CHECK(ClusterCloseEnum(e) == ERROR_SUCCESS);
  HGROUP again = OpenClusterGroup(cluster, NAME);
  CHECK(again != NULL);
  CHECK(CloseClusterGroup(again));

  /* A property list: the Name is this build's WCHARs, its byte length to match. */
  BYTE list[4096];
  DWORD got = 0;
  CHECK_ERR(ClusterGroupControl(group, NULL, CLUSCTL_GROUP_GET_RO_COMMON_PROPERTIES, NULL, 0, list, sizeof list, &got),
            ERROR_SUCCESS);
  DWORD value_bytes = 0;
  const BYTE *name_value = find_property(list, got, L"Name", &value_bytes);
  if (name_value == NULL) { /* Name is read-write where the catalog says so */
    CHECK_ERR(ClusterGroupControl(group, NULL, CLUSCTL_GROUP_GET_COMMON_PROPERTIES, NULL, 0, list, sizeof list, &got),
              ERROR_SUCCESS);
    name_value = find_property(list, got, L"Name", &value_bytes);
  }
  CHECK(name_value != NULL && value_bytes == (NAME_UNITS + 1) * sizeof(WCHAR));
  CHECK(weq((const WCHAR *)name_value, NAME));

  /* A set in this build's WCHARs: Description = NAME, then read back. */
  BYTE set[256];
  DWORD n = 0, one = 1, syntax_name = CLUSPROP_SYNTAX_NAME, syntax_sz = CLUSPROP_SYNTAX_LIST_VALUE_SZ, end = 0;
  DWORD name_len = sizeof L"Description", value_len = sizeof NAME;
  memcpy(set + n, &one, 4); n += 4;
  memcpy(set + n, &syntax_name, 4); n += 4;
  memcpy(set + n, &name_len, 4); n += 4;
  memcpy(set + n, L"Description", name_len); n += (name_len + 3) & ~3u;
  memcpy(set + n, &syntax_sz, 4); n += 4;
  memcpy(set + n, &value_len, 4); n += 4;
  memset(set + n, 0, (value_len + 3) & ~3u);
  memcpy(set + n, NAME, value_len); n += (value_len + 3) & ~3u;
  memcpy(set + n, &end, 4); n += 4;
  CHECK_ERR(ClusterGroupControl(group, NULL, CLUSCTL_GROUP_SET_COMMON_PROPERTIES, set, n, NULL, 0, NULL), ERROR_SUCCESS);
  CHECK_ERR(ClusterGroupControl(group, NULL, CLUSCTL_GROUP_GET_COMMON_PROPERTIES, NULL, 0, list, sizeof list, &got),
            ERROR_SUCCESS);
  const BYTE *description = find_property(list, got, L"Description", &value_bytes);
  CHECK(description != NULL && value_bytes == sizeof NAME && weq((const WCHAR *)description, NAME));

  /* ENUM_COMMON_PROPERTIES: a MULTI_SZ of this build's WCHARs, ending in two NULs. */
  WCHAR names[1024];
  CHECK_ERR(ClusterGroupControl(group, NULL, CLUSCTL_GROUP_ENUM_COMMON_PROPERTIES, NULL, 0, names, sizeof names, &got),
            ERROR_SUCCESS);
  CHECK(got % sizeof(WCHAR) == 0 && got >= 2 * sizeof(WCHAR));
  CHECK(names[got / sizeof(WCHAR) - 1] == 0 && names[got / sizeof(WCHAR) - 2] == 0);
  int has_description = 0;
  for (const WCHAR *p = names; *p != 0; p += wlen(p) + 1) {
    has_description |= weq(p, L"Description");
  }
  CHECK(has_description);

  /* Registry text values: stored and read in this build's WCHARs, and the longest value
   * that ClusterRegQueryInfoKey reports is the size a read needs. */
  HKEY key = GetClusterGroupKey(group, KEY_ALL_ACCESS);
  CHECK(key != NULL);
  CHECK_ERR(ClusterRegSetValue(key, L"Note", REG_SZ, (const BYTE *)NAME, sizeof NAME), ERROR_SUCCESS);
  DWORD dword = 7;
  CHECK_ERR(ClusterRegSetValue(key, L"Count", REG_DWORD, (const BYTE *)&dword, sizeof dword), ERROR_SUCCESS);
  DWORD values = 0, longest = 0;
  CHECK_ERR(ClusterRegQueryInfoKey(key, NULL, NULL, &values, NULL, &longest, NULL, NULL), ERROR_SUCCESS);
  CHECK(values >= 2 && longest >= sizeof NAME);
  WCHAR note[32];
  DWORD type = 0, cb = sizeof NAME - 1;
  CHECK_ERR(ClusterRegQueryValue(key, L"Note", &type, (BYTE *)note, &cb), ERROR_MORE_DATA);
  CHECK(cb == sizeof NAME);
  CHECK_ERR(ClusterRegQueryValue(key, L"Note", &type, (BYTE *)note, &cb), ERROR_SUCCESS);
  CHECK(type == REG_SZ && cb == sizeof NAME && weq(note, NAME));
  CHECK_ERR(ClusterRegCloseKey(key), ERROR_SUCCESS);

  /* A string that is no valid encoding is refused, not misread: an unpaired surrogate in
   * UTF-16, a value beyond U+10FFFF in UTF-32. */
  WCHAR bad[2] = {sizeof(WCHAR) == 4 ? (WCHAR)0x110000 : (WCHAR)0xD800, 0};
  CHECK(OpenClusterGroup(cluster, bad) == NULL && GetLastError() == ERROR_INVALID_PARAMETER);

  CHECK_ERR(DeleteClusterGroup(group), ERROR_SUCCESS);
  CHECK(CloseClusterGroup(group));
  CHECK(CloseCluster(cluster));
  CHECK(ClusSimOpenHandleCount() == 0);
  printf("wide strings (%u-byte WCHAR): ok\n", (unsigned)sizeof(WCHAR));
  return 0;
}
