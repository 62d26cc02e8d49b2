import { mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { execaInGroup } from "../common/index.js";
import type { BenchmarkCount } from "./counts.js";
import type { CountSlice } from "./slice.js";
import type { Side, SuiteSpec } from "./suite-runs.js";
import { lastErrorLine } from "./suite-runs.js";
import {
  buildInstrumentation,
  type CountFingerprint,
  countFingerprint,
  countFingerprintDiff,
  InstructionSetupError,
  instrumentEnv,
  readCounts,
  readMeta,
  valgrindArgv,
  valgrindVersion,
} from "./valgrind.js";

/** The formats whose runners can count: the pytest plugin, and `bench run`. */
export const COUNTABLE_FORMATS: readonly SuiteSpec["format"][] = ["pytest-benchmark", "throughput-gate"];

export interface CountedSide {
  counts: BenchmarkCount[];
  fingerprint: CountFingerprint;
  /** Where the side's dumps and meta file are. */
  dir: string;
  /** Every benchmark the side reached, in run order, counted here or left to another slice. */
  seen: string[];
}

export interface CountedSuite {
  baseline: CountedSide;
  candidate: CountedSide;
  seconds: number;
}

export interface CountRunOptions {
  roots: { baseline: string; candidate: string };
  /** `<outDir>/<side>/` gets each side's dumps; `<outDir>/instrument/` the built client-request code. */
  outDir: string;
  /** Count only this slice's benchmarks: the rest are another runner's. */
  slice?: CountSlice;
}

/** A suite the instruction metric can count, or a setup error that says why not and what to use instead. */
export function checkCountable(spec: SuiteSpec): void {
  if (!COUNTABLE_FORMATS.includes(spec.format))
    throw new InstructionSetupError(
      `suite ${spec.id}: "metric": "instructions" counts pytest-benchmark and throughput-gate suites, not ${spec.format}; set "metric": "time" for it`,
    );
  if (spec.history)
    throw new InstructionSetupError(
      `suite ${spec.id}: a saved history holds times, not counts; counts need one baseline process: drop "history" or set "metric": "time"`,
    );
}

async function countSide(
  spec: SuiteSpec,
  side: Side,
  root: string,
  dir: string,
  built: { lib: string; addon: string },
  valgrind: string,
  slice: CountSlice | undefined,
): Promise<CountedSide> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const meta = join(dir, "meta.json");
  const config = { valgrind: valgrindArgv(dir), ...built, meta, ...(slice ? { slice } : {}) };
  const [file, ...args] = spec.command.map((a) => a.replaceAll("{out}", join(dir, "result.json")));
  if (!file) throw new InstructionSetupError(`suite ${spec.id}: the command is empty`);
  const extra = side === "candidate" ? spec.candidate_env : {};
  const env = { ...process.env, ...spec.env, ...extra };
  const r = await execaInGroup(file, args, {
    cwd: resolve(root, spec.cwd ?? "."),
    env: { ...env, ...instrumentEnv(config, env) },
    reject: false,
    stdin: "ignore",
  });
  const ran = readMeta(meta);
  if (r.exitCode !== 0) {
    const why = lastErrorLine(`${r.stderr}\n${r.stdout}`) ?? r.shortMessage;
    const failed = ran?.failed.length ? `benchmark ${ran.failed.join(", ")} failed` : "the process failed";
    throw new InstructionSetupError(
      `suite ${spec.id}, ${side} side: ${failed} under valgrind (exit ${r.exitCode ?? "by a signal"}): ${why}`,
    );
  }
  const counts = readCounts(dir);
  // A slice may hold none of the suite's benchmarks; a whole suite must hold one.
  if (!ran || (counts.length === 0 && !(slice && ran.seen?.length)))
    throw new InstructionSetupError(
      `suite ${spec.id}, ${side} side: nothing was counted: the command must run pytest (format pytest-benchmark) or a throughput-gate bench run that counts (a build from before instruction counts does not), with at least one benchmark; or set "metric": "time"`,
    );
  return {
    counts,
    fingerprint: await countFingerprint(valgrind, ran),
    dir,
    seen: ran.seen ?? ran.benchmarks,
  };
}

/**
 * One process a side under callgrind. Counts do not depend on the machine's load, so the two sides run at once;
 * their fingerprints must match, field for field, or the counts are not compared.
 */
export async function countSuite(spec: SuiteSpec, options: CountRunOptions): Promise<CountedSuite> {
  checkCountable(spec);
  const started = performance.now();
  const valgrind = await valgrindVersion(spec.id);
  const built = await buildInstrumentation(join(options.outDir, "instrument"));
  const [baseline, candidate] = await Promise.all(
    (["baseline", "candidate"] as const).map((side) =>
      countSide(spec, side, options.roots[side], join(options.outDir, side), built, valgrind, options.slice),
    ),
  );
  if (!baseline || !candidate) throw new Error("unreachable: two sides");
  const differ = countFingerprintDiff(baseline.fingerprint, candidate.fingerprint);
  const [field] = differ;
  if (field !== undefined) {
    throw new InstructionSetupError(
      `suite ${spec.id}: the two sides were counted on different fingerprints (${differ.join(", ")}): ${field} "${baseline.fingerprint[field]}" against "${candidate.fingerprint[field]}"; counts are compared only within one fingerprint`,
    );
  }
  return { baseline, candidate, seconds: (performance.now() - started) / 1000 };
}
