/* A stand-in for Windows' bcryptprimitives.dll, only for running the Windows build under Wine 8
 * (Debian 12), which lacks it. Rust's standard library imports ProcessPrng from it (every
 * Windows 10 and later has it); without it the .exe does not start under Wine ("Library
 * bcryptprimitives.dll ... not found", status c0000135). This forwards to RtlGenRandom
 * (advapi32's SystemFunction036). scripts/windows.sh builds it with mingw-w64 into the test
 * prefix; it is never shipped. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
