/*
 * Callgrind client requests for the instruction metric: the benchmark runners (the pytest plugin through ctypes,
 * `bench run` through the Node addon) call these around each measured call, so that every benchmark gets its own
 * count and start-up is never counted. Outside valgrind every request is a no-op.
 */
#include <cpuid.h>
#include <stdio.h>
#include <string.h>
#include <valgrind/callgrind.h>

int tg_running(void) { return RUNNING_ON_VALGRIND; }

void tg_start(void) {
  CALLGRIND_START_INSTRUMENTATION;
  CALLGRIND_ZERO_STATS;
}

void tg_dump(const char *name) { CALLGRIND_DUMP_STATS_AT(name); }

void tg_stop(void) { CALLGRIND_STOP_INSTRUMENTATION; }

/*
 * The CPU as the process sees it: under valgrind, the CPU valgrind presents, whose features pick the C library's
 * string and memory routines and so the counts. Vendor, brand, family/model/stepping and the feature words.
 */
const char *tg_cpu(void) {
  static char out[256];
  unsigned a = 0, b = 0, c = 0, d = 0;
  char vendor[13] = {0}, brand[49] = {0};
  __get_cpuid(0, &a, &b, &c, &d);
  memcpy(vendor, &b, 4);
  memcpy(vendor + 4, &d, 4);
  memcpy(vendor + 8, &c, 4);
  unsigned max_ext = __get_cpuid_max(0x80000000, 0);
  if (max_ext >= 0x80000004) {
    unsigned *w = (unsigned *)brand;
    for (unsigned leaf = 0; leaf < 3; leaf++)
      __get_cpuid(0x80000002 + leaf, &w[leaf * 4], &w[leaf * 4 + 1], &w[leaf * 4 + 2], &w[leaf * 4 + 3]);
  }
  unsigned sig = 0, f1c = 0, f1d = 0, f7b = 0, f7c = 0;
  __get_cpuid(1, &sig, &b, &f1c, &f1d);
  __get_cpuid_count(7, 0, &a, &f7b, &f7c, &d);
  const char *trimmed = brand;
  while (*trimmed == ' ') trimmed++;
  snprintf(out, sizeof out, "%s %s sig=%08x f1=%08x:%08x f7=%08x:%08x", vendor, trimmed[0] ? trimmed : "-", sig, f1c,
           f1d, f7b, f7c);
  return out;
}
