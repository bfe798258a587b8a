/* A stand-in bcryptprimitives.dll for the wine smoke test of make dist-check
 * ONLY (never shipped). Go 1.24+ programs take their random numbers from
 * ProcessPrng in bcryptprimitives.dll, which every Windows 10 and 11 has but
 * Debian 12's wine 8.0 lacks ("fatal error: bcryptprimitives.dll not found").
 * This one answers with RtlGenRandom, which wine has. */
#include <windows.h>
#include <ntsecapi.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
  while (len > 0) {
    ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
    if (!RtlGenRandom(data, n)) return FALSE;
    data += n;
    len -= n;
  }
  return TRUE;
}
