/* crt_shims.c: the MSVC C runtime shims of the compat headers, checked one by one: the
 * wide printf family reads formats by MSVC's rules (%s wide, %S narrow, %c wide, %lu 32
 * bits, %I64u 64 bits), MSVC's truncation rules for swprintf_s, _snwprintf and
 * StringCchPrintfW, the _s string functions, the Win32 memory helpers, and wprintf mixed with
 * printf on one stream. Prints "ok <n> checks" and exits 0, or names each failed check.
 * Not a ClusAPI program: the runner builds it with the same command line as the others. */
#include <windows.h>
#include <stdio.h>
#include <strsafe.h>
#include <tchar.h>

static int failures, checks;

static void expect(const wchar_t *what, const wchar_t *got, const wchar_t *want)
{
    checks++;
    if (wcscmp(got, want) != 0) {
        failures++;
        fwprintf(stderr, L"FAILED %s: got [%s], want [%s]\n", what, got, want);
    }
}

static void expect_int(const wchar_t *what, long long got, long long want)
{
    checks++;
    if (got != want) {
        failures++;
        fwprintf(stderr, L"FAILED %s: got %I64d, want %I64d\n", what, got, want);
    }
}

int _tmain(int argc, _TCHAR *argv[])
{
    wchar_t buf[64];
    DWORD dw = 4000000000u;
    ULONGLONG big = 12345678901234ULL;
    size_t len = 0;
    int n;
    BYTE *p;

    /* MSVC's format rules. */
    swprintf(buf, ARRAYSIZE(buf), L"%s|%S|%hs|%ls|%ws", L"wide", "narrow", "h-narrow", L"l-wide", L"w-wide");
    expect(L"%s %S %hs %ls %ws", buf, L"wide|narrow|h-narrow|l-wide|w-wide");
    swprintf(buf, ARRAYSIZE(buf), L"%c%C%hc%lc|%-6s|%6s|", L'W', 'n', 'h', L'l', L"ab", L"cd");
    expect(L"%c %C %hc %lc and widths", buf, L"Wnhl|ab    |    cd|");
    swprintf(buf, ARRAYSIZE(buf), L"%lu %ld %lx %08lX", dw, (LONG)-5, 0xBEEFul, (DWORD)0xABCDu);
    expect(L"%l is 32 bits", buf, L"4000000000 -5 beef 0000ABCD");
    swprintf(buf, ARRAYSIZE(buf), L"%I64u %I64d %I32u %Iu %llu", big, (LONGLONG)-7, 42u, (size_t)99, 5ULL);
    expect(L"%I64 %I32 %I %ll", buf, L"12345678901234 -7 42 99 5");
    swprintf(buf, ARRAYSIZE(buf), L"%5.2f %% %p", 3.14159, (void *)0);
    expect(L"%f %% %p", buf, L" 3.14 % (nil)");
    swprintf(buf, ARRAYSIZE(buf), L"%s", L"K\u00f6ln \U0001F4BE");
    expect(L"non-ASCII through %s", buf, L"K\u00f6ln \U0001F4BE");

    /* Truncation. */
    expect_int(L"swprintf too long", swprintf(buf, 4, L"%s", L"abcdef"), -1);
    expect_int(L"swprintf_s too long", swprintf_s(buf, 4, L"%s", L"abcdef"), -1);
    expect(L"swprintf_s empties the buffer", buf, L"");
    wcscpy_s(buf, ARRAYSIZE(buf), L"XXXXXXXX");
    n = _snwprintf(buf, 3, L"%s", L"abcdef");
    buf[3] = L'\0';
    expect_int(L"_snwprintf truncated", n, -1);
    expect(L"_snwprintf keeps what fits, no NUL", buf, L"abc");
    expect_int(L"_snwprintf_s _TRUNCATE", _snwprintf_s(buf, 4, _TRUNCATE, L"%s", L"abcdef"), -1);
    expect(L"_snwprintf_s _TRUNCATE result", buf, L"abc");
    expect_int(L"_scwprintf", _scwprintf(L"%s=%lu", L"abc", 12ul), 6);
    expect_int(L"StringCchPrintfW truncated", StringCchPrintfW(buf, 5, L"%s", L"abcdef"),
               STRSAFE_E_INSUFFICIENT_BUFFER);
    expect(L"StringCchPrintfW result", buf, L"abcd");
    expect_int(L"StringCchPrintfW fits", StringCchPrintfW(buf, ARRAYSIZE(buf), L"%s-%lu", L"node", 7ul), S_OK);
    expect(L"StringCchPrintfW fits result", buf, L"node-7");
    expect_int(L"StringCchLengthW", StringCchLengthW(buf, STRSAFE_MAX_CCH, &len), S_OK);
    expect_int(L"StringCchLengthW length", (long long)len, 6);
    expect_int(L"StringCchCopyW truncated", StringCchCopyW(buf, 3, L"abc"), STRSAFE_E_INSUFFICIENT_BUFFER);
    expect(L"StringCchCopyW result", buf, L"ab");

    /* The _s string functions and case-insensitive compares. */
    expect_int(L"wcscpy_s too long", wcscpy_s(buf, 3, L"abc"), ERANGE);
    expect(L"wcscpy_s empties the buffer", buf, L"");
    expect_int(L"wcscpy_s", wcscpy_s(buf, ARRAYSIZE(buf), L"HV-"), 0);
    expect_int(L"wcscat_s", wcscat_s(buf, ARRAYSIZE(buf), L"NODE1"), 0);
    expect(L"wcscat_s result", buf, L"HV-NODE1");
    expect_int(L"wcsncpy_s _TRUNCATE", wcsncpy_s(buf, 4, L"abcdef", _TRUNCATE), STRUNCATE);
    expect(L"wcsncpy_s _TRUNCATE result", buf, L"abc");
    expect_int(L"_wcsicmp", _wcsicmp(L"hv-node1", L"HV-NODE1"), 0);
    expect_int(L"_wcsicmp non-ASCII", _wcsicmp(L"k\u00f6ln", L"K\u00f6LN"), 0); /* MSVC folds ASCII only in the "C" locale */
    expect_int(L"_wcsnicmp", _wcsnicmp(L"NODE1", L"node2", 4), 0);
    expect_int(L"_wtoi", _wtoi(L"5042"), 5042);
    expect_int(L"HRESULT_FROM_WIN32", HRESULT_FROM_WIN32(ERROR_CLUSTER_NODE_NOT_FOUND), (HRESULT)0x800713B2L);
    expect_int(L"SUCCEEDED(S_FALSE)", SUCCEEDED(S_FALSE), 1);
    expect_int(L"FAILED(E_FAIL)", FAILED(E_FAIL), 1);

    /* Memory: the zeroing flags are honoured. */
    p = (BYTE *)LocalAlloc(LPTR, 64);
    expect_int(L"LocalAlloc(LPTR) zeroes", p != NULL && p[0] == 0 && p[63] == 0, 1);
    expect_int(L"LocalFree", LocalFree(p) == NULL, 1);
    p = (BYTE *)HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, 32);
    expect_int(L"HeapAlloc(HEAP_ZERO_MEMORY) zeroes", p != NULL && p[31] == 0, 1);
    expect_int(L"HeapFree", HeapFree(GetProcessHeap(), 0, p), TRUE);

    /* wmain's arguments arrive as wchar_t. */
    if (argc > 1) {
        expect(L"argv[1] as wchar_t", argv[1], L"K\u00f6ln \U0001F4BE");
    }

    /* MSVC lets printf and wprintf share stdout; the order must hold. */
    printf("narrow 1\n");
    wprintf(L"wide 2: %s\n", L"K\u00f6ln");
    printf("narrow 3\n");
    fflush(stdout);

    wprintf(L"ok %d checks, %d failed\n", checks, failures);
    return failures == 0 ? 0 : 1;
}
