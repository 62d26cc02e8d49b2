import { createHash } from "node:crypto";
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { packagePath, UserError } from "../common/index.js";
import { type BenchmarkCount, type CallgrindDump, countsFromDumps, parseCallgrindDump } from "./counts.js";
import { isObject } from "./json-shape.js";
import type { CountSlice } from "./slice.js";

/**
 * The environment variable that turns a benchmark process into an instruction counter: a JSON object
 * {valgrind, lib, addon, meta}. The pytest plugin and `bench run` read it, start themselves again under valgrind,
 * and dump each measured call.
 */
export const INSTRUMENT_ENV = "THROUGHPUT_GATE_INSTRUMENT";

export interface InstrumentConfig {
  /** valgrind's argv up to the program: callgrind, instrumentation off until the first measured call. */
  valgrind: string[];
  /** The C library the pytest plugin loads with ctypes. */
  lib: string;
  /** The Node-API addon `bench run` loads. */
  addon: string;
  /** Where the runner writes what it ran: runtime, executable, CPU, benchmarks, failures. */
  meta: string;
  /** When the suite is split across runners: count only the benchmarks of this slice (see `sliceOf`). */
  slice?: CountSlice;
}

/** What a count depends on besides the code. Counts from different fingerprints are never compared. */
export interface CountFingerprint {
  valgrind: string;
  /** The interpreter or runtime with its version and build, e.g. "CPython 3.11.7 (main, …) [GCC 12.2.0]". */
  runtime: string;
  /** sha256 of the runtime's executable, first 16 hex digits: two builds of one version count differently. */
  runtime_build: string;
  /** The CPU as valgrind presents it to the program: vendor, brand, signature and feature words. */
  cpu: string;
}

export const FINGERPRINT_FIELDS: readonly (keyof CountFingerprint)[] = [
  "valgrind",
  "runtime",
  "runtime_build",
  "cpu",
];

/** What the runner inside valgrind wrote about its run. */
export interface CountMeta {
  runtime: string;
  executable: string;
  cpu: string;
  calls: number;
  benchmarks: string[];
  failed: string[];
  /** Every benchmark the runner reached, counted or left to another slice, in run order. */
  seen?: string[];
}

/** The instruction metric cannot run here, or its two sides cannot be compared. Exit 2, never a pass. */
export class InstructionSetupError extends UserError {
  override name = "InstructionSetupError";
}

/** V8 flags that make Node's counts repeat: one thread, a fixed GC schedule and seeds, no optimizing tiers. */
export const NODE_COUNT_FLAGS = [
  "--predictable",
  "--predictable-gc-schedule",
  "--single-threaded",
  "--expose-gc",
  "--no-opt",
  "--no-maglev",
  "--no-sparkplug",
  "--no-lazy-feedback-allocation",
  "--hash-seed=1",
  "--random-seed=1",
];

const INSTRUMENT_SOURCES = packagePath("src", "bench", "instrument");
export const PYTEST_PLUGIN = "throughput_gate_instructions";

/** valgrind's version line, e.g. "valgrind-3.19.0"; a missing valgrind is a setup error that names the fix. */
export async function valgrindVersion(suite: string): Promise<string> {
  const r = await execa("valgrind", ["--version"], { reject: false, stdin: "ignore" });
  if (r.exitCode !== 0 || r.failed) {
    throw new InstructionSetupError(
      `suite ${suite}: "metric": "instructions" needs valgrind, which is not installed: install the Debian package valgrind (apt-get install valgrind), or set "metric": "time" for this suite`,
    );
  }
  return String(r.stdout).trim();
}

async function compile(args: string[], what: string): Promise<void> {
  const r = await execa("cc", args, { reject: false, stdin: "ignore" });
  if (r.failed || r.exitCode !== 0) {
    const why = r.exitCode === undefined ? "no C compiler (cc) on the PATH" : String(r.stderr).split("\n")[0];
    throw new InstructionSetupError(
      `the instruction metric could not build its ${what}: ${why}; it needs cc and valgrind's headers (Debian package valgrind)`,
    );
  }
}

/** Node's headers, as an install lays them out: <prefix>/include/node beside <prefix>/bin/node. */
function nodeHeaders(): string {
  const prefix = join(process.execPath, "..", "..");
  return join(prefix, "include", "node");
}

/**
 * Builds the client-request library (for Python's ctypes) and the Node addon into `dir`. A few hundred
 * milliseconds; built per run, so a stale build never outlives the valgrind it was made for.
 */
export async function buildInstrumentation(dir: string): Promise<{ lib: string; addon: string }> {
  mkdirSync(dir, { recursive: true });
  const lib = join(dir, "libtgcallgrind.so");
  const addon = join(dir, "tgcallgrind.node");
  const source = (name: string) => join(INSTRUMENT_SOURCES, name);
  await compile(["-O2", "-shared", "-fPIC", "-o", lib, source("callgrind.c")], "client-request library");
  await compile(
    ["-O2", "-shared", "-fPIC", `-I${nodeHeaders()}`, "-o", addon, source("node-addon.c")],
    "Node addon",
  );
  return { lib, addon };
}

/** The environment of one counted process: the instrument config, and the pytest plugin on Python's path. */
export function instrumentEnv(config: InstrumentConfig, base: NodeJS.ProcessEnv): Record<string, string> {
  const joined = (value: string | undefined, add: string, sep: string) =>
    value ? `${add}${sep}${value}` : add;
  return {
    [INSTRUMENT_ENV]: JSON.stringify(config),
    PYTHONPATH: joined(base.PYTHONPATH, INSTRUMENT_SOURCES, ":"),
    PYTEST_PLUGINS: joined(base.PYTEST_PLUGINS, PYTEST_PLUGIN, ","),
    // str and bytes hashes are salted per process unless fixed; dict and set order, and so the work, follow them.
    PYTHONHASHSEED: "0",
  };
}

/** valgrind's argv for one counted process whose dumps go to `dumpDir`. */
export function valgrindArgv(dumpDir: string): string[] {
  return [
    "valgrind",
    "-q",
    "--tool=callgrind",
    "--instr-atstart=no",
    "--dump-line=no",
    `--callgrind-out-file=${join(dumpDir, "callgrind.out")}`,
  ];
}

/** Every client-request dump in `dumpDir`, in the order they were written. */
/**
 * The dump of the dry cycle each runner makes before its first counted call, named with this prefix: the first
 * collection, start, dump and stop of a process do one-time work (binding the client-request code, V8's first
 * call into the addon, the first forced collection's after-effects) that landed, 30,000 to 120,000 instructions
 * of it, in the first benchmark's first count, and so made a small first benchmark look unstable. Not a benchmark.
 */
export const WARMUP_DUMP = "throughput-gate: warm-up";

export function readCounts(dumpDir: string): BenchmarkCount[] {
  const numbered = readdirSync(dumpDir)
    .map((f) => /^callgrind\.out\.(\d+)$/.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => Number(a[1]) - Number(b[1]));
  const dumps = numbered
    .map((m) => parseCallgrindDump(readFileSync(join(dumpDir, m[0]), "utf8")))
    .filter((d): d is CallgrindDump => d !== null && !d.name.startsWith(WARMUP_DUMP));
  return countsFromDumps(dumps);
}

export function readMeta(file: string): CountMeta | null {
  if (!existsSync(file)) return null;
  const meta: unknown = JSON.parse(readFileSync(file, "utf8"));
  if (!isCountMeta(meta))
    throw new InstructionSetupError(
      `${file}: not what a counting runner writes (runtime, executable, cpu, calls, benchmarks, failed)`,
    );
  return meta;
}

const isStrings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === "string");

function isCountMeta(value: unknown): value is CountMeta {
  return (
    isObject(value) &&
    typeof value.runtime === "string" &&
    typeof value.executable === "string" &&
    typeof value.cpu === "string" &&
    typeof value.calls === "number" &&
    isStrings(value.benchmarks) &&
    isStrings(value.failed) &&
    (value.seen === undefined || isStrings(value.seen))
  );
}

async function sha256Prefix(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) {
    // A stream opened without an encoding gives Buffers; a string would hash other bytes.
    if (!Buffer.isBuffer(chunk)) throw new Error(`${file}: read as text, not bytes`);
    hash.update(chunk);
  }
  return hash.digest("hex").slice(0, 16);
}

export async function countFingerprint(valgrind: string, meta: CountMeta): Promise<CountFingerprint> {
  const build = existsSync(meta.executable) ? await sha256Prefix(meta.executable) : "unknown";
  return { valgrind, runtime: meta.runtime, runtime_build: build, cpu: meta.cpu };
}

/** The fields two fingerprints disagree on, in a fixed order. */
export function countFingerprintDiff(a: CountFingerprint, b: CountFingerprint): (keyof CountFingerprint)[] {
  return FINGERPRINT_FIELDS.filter((k) => a[k] !== b[k]);
}
