import { closest } from "fastest-levenshtein";
import { fingerprintDiff } from "./fingerprint.js";
import { type BenchEntry, type BenchFile, BenchInputError } from "./formats.js";
import type { RunSet } from "./runs.js";
import {
  acrossProcesses,
  bootstrapMedians,
  type Comparison,
  decide,
  locate,
  MIN_PROCESSES,
  median,
  type ProcessLocation,
  pairedRounds,
  processesNeeded,
  type StatsOptions,
  welchMeans,
} from "./stats.js";

export type InconclusivePolicy = "fail" | "warn";

/** Chosen on measured data: see docs/benchmarks.md, "Which number stands for a process". */
export const DEFAULT_LOCATION: ProcessLocation = "min";

export interface BenchmarkComparison extends Comparison {
  /** Time metric only: a count has no time. */
  candidate_median_ms?: number;
  baseline_median_ms?: number;
  /** What the verdict rests on; time when absent. */
  metric?: "instructions" | "time";
  baseline_instructions?: number;
  candidate_instructions?: number;
  /** Process-level rounds on each side (files compares): what the interval is made of. */
  processes?: { baseline: number; candidate: number };
  /** Processes per side that would likely settle an inconclusive verdict; null when unknown or not needed. */
  needed_per_side?: number | null;
}

export interface CompareReport {
  method: "interleaved" | "files" | "instructions";
  min_effect: number;
  alpha: number;
  /** The number that stands for one process (files compares). */
  location?: ProcessLocation;
  /** Fingerprint fields that differ between baseline and candidate; empty when they match. */
  environment_mismatch: string[];
  /** Fingerprint fields that differ between the runs of one side, e.g. a history saved on two machines. */
  history_mismatch?: { baseline: string[]; candidate: string[] };
  benchmarks: BenchmarkComparison[];
  only_in_baseline: string[];
  only_in_candidate: string[];
  /** What a reader must know before trusting the verdicts, e.g. the two sides ran in two blocks. */
  warnings?: string[];
}

const indexes = new WeakMap<BenchFile, Map<string, BenchEntry>>();

/** A file's entry by name, in constant time: a compare of many benchmarks must not be quadratic in their number. */
function entryOf(file: BenchFile, name: string): BenchEntry | undefined {
  let index = indexes.get(file);
  if (!index) {
    index = new Map(file.entries.map((e) => [e.name, e]));
    indexes.set(file, index);
  }
  return index.get(name);
}

/** The location per process-level round. Each hyperfine time is one process; a file of ours may hold several. */
export function processValues(
  files: readonly BenchFile[],
  name: string,
  location: ProcessLocation,
): number[] {
  return files.flatMap((f) => {
    const e = entryOf(f, name);
    if (!e) return [];
    if (e.rounds) return e.rounds.map((r) => locate(r, location));
    if (f.independentSamples && e.samples) return e.samples;
    if (e.samples) return [locate(e.samples, location)];
    return [e.quantiles ? e.quantiles[location] : e.summary.mean];
  });
}

function allSamples(files: readonly BenchFile[], name: string): BenchEntry | null {
  const entries = files.flatMap((f) => entryOf(f, name) ?? []);
  const samples = entries.flatMap((e) => e.samples ?? []);
  const first = entries[0];
  if (!first) return null;
  return entries.length === 1 ? first : { ...first, samples: samples.length ? samples : null };
}

const namesOf = (files: readonly BenchFile[]) => [
  ...new Set(files.flatMap((f) => f.entries.map((e) => e.name))),
];

/**
 * Several runs per side, each file one process-level round: one location per process, then an interval across
 * processes (see `acrossProcesses`). With fewer than MIN_PROCESSES a side, the verdict is held at inconclusive and
 * the report says how many runs per side would be needed.
 */
export function compareRuns(
  baseline: RunSet,
  candidate: RunSet,
  opts: StatsOptions & { location: ProcessLocation },
  allowEnvMismatch = false,
): CompareReport {
  const first = (side: RunSet) => side.files[0]?.environment ?? undefined;
  const mismatch =
    first(baseline) && first(candidate) ? fingerprintDiff(first(baseline), first(candidate)) : [];
  const baseNames = namesOf(baseline.files);
  const inBaseline = new Set(baseNames);
  const names = namesOf(candidate.files).filter((n) => inBaseline.has(n));
  const shared = new Set(names);
  if (names.length === 0) {
    const hint = namesOf(candidate.files)
      .slice(0, 3)
      .map((n) => `"${n}" (closest in the baseline: "${closest(n, baseNames)}")`)
      .join(", ");
    throw new BenchInputError(
      `the baseline and the candidate share no benchmark name: candidate has ${hint}`,
    );
  }
  const independent = (side: RunSet) => side.files.every((f) => f.independentSamples);
  const estimates = names.map((name, i) => {
    const o = { ...opts, seed: opts.seed + i };
    const a = processValues(baseline.files, name, opts.location);
    const b = processValues(candidate.files, name, opts.location);
    const enough = a.length >= MIN_PROCESSES && b.length >= MIN_PROCESSES;
    const sa = allSamples(baseline.files, name);
    const sb = allSamples(candidate.files, name);
    // `names` holds only the benchmarks both sides have.
    if (!sa || !sb) throw new Error(`benchmark "${name}" is missing from a side it was found in`);
    // Too few processes: the interval shown is the within-process one, for information; it carries no verdict.
    const estimate = enough
      ? acrossProcesses(a, b, o)
      : sa.samples && sb.samples
        ? bootstrapMedians(sa.samples, sb.samples, o)
        : welchMeans(sa.summary, sb.summary, o);
    const singleProcess =
      a.length === 1 && b.length === 1 && !(independent(baseline) && independent(candidate));
    const flags = [
      mismatch.length > 0 && !allowEnvMismatch ? "environment_mismatch" : "",
      sa.saturation || sb.saturation ? "timer_resolution" : "",
      singleProcess ? "single_process" : !enough ? "too_few_processes" : "",
    ].filter(Boolean);
    return {
      ...estimate,
      name,
      samples: {
        baseline: sa.samples?.length ?? sa.summary.n,
        candidate: sb.samples?.length ?? sb.summary.n,
      },
      flags,
      processes: { baseline: a.length, candidate: b.length },
      needed_per_side: processesNeeded(a, b, opts),
      baseline_median_ms: sa.samples ? median(sa.samples) : median(a),
      candidate_median_ms: sb.samples ? median(sb.samples) : median(b),
    };
  });
  const decided = decide(estimates, opts);
  const blocks = blocksWarning(baseline, candidate);
  return {
    method: "files",
    warnings: blocks ? [blocks] : [],
    min_effect: opts.minEffect,
    alpha: opts.alpha,
    location: opts.location,
    environment_mismatch: mismatch,
    history_mismatch: { baseline: baseline.history_mismatch, candidate: candidate.history_mismatch },
    benchmarks: decided.map((d, i) => {
      const e = estimates[i];
      if (!e) throw new Error(`${decided.length} decisions for ${estimates.length} estimates`);
      return {
        ...d,
        baseline_median_ms: e.baseline_median_ms,
        candidate_median_ms: e.candidate_median_ms,
        processes: e.processes,
        needed_per_side: d.verdict === "inconclusive" ? e.needed_per_side : null,
      };
    }),
    only_in_baseline: baseNames.filter((n) => !shared.has(n)),
    only_in_candidate: namesOf(candidate.files).filter((n) => !shared.has(n)),
  };
}

export interface RoundSeries {
  name: string;
  rounds: { baseline: number[]; candidate: number[] }[];
  saturation: string | null;
}

/** The strongest mode: baseline and candidate sampled in alternating rounds of one process. */
export function compareInterleaved(series: readonly RoundSeries[], opts: StatsOptions): CompareReport {
  const estimates = series.map((s, i) => {
    const all = (side: "baseline" | "candidate") => s.rounds.flatMap((r) => r[side]);
    const flags = [
      s.saturation ? "timer_resolution" : "",
      s.rounds.length < 3 ? "too_few_samples" : "",
    ].filter(Boolean);
    return {
      ...pairedRounds(s.rounds, { ...opts, seed: opts.seed + i }),
      name: s.name,
      samples: { baseline: all("baseline").length, candidate: all("candidate").length },
      flags,
      baseline_median_ms: median(all("baseline")),
      candidate_median_ms: median(all("candidate")),
    };
  });
  const decided = decide(estimates, opts);
  return {
    method: "interleaved",
    min_effect: opts.minEffect,
    alpha: opts.alpha,
    environment_mismatch: [],
    benchmarks: decided.map((d, i) => ({
      ...d,
      baseline_median_ms: estimates[i]?.baseline_median_ms ?? Number.NaN,
      candidate_median_ms: estimates[i]?.candidate_median_ms ?? Number.NaN,
    })),
    only_in_baseline: [],
    only_in_candidate: [],
  };
}

/** One saved result per side: the two-positional `bench compare BASELINE CANDIDATE`. */
export function compareFiles(
  baseline: BenchFile,
  candidate: BenchFile,
  opts: StatsOptions & { location?: ProcessLocation },
  allowEnvMismatch = false,
): CompareReport {
  const side = (f: BenchFile): RunSet => ({ files: [f], format: f.format, history_mismatch: [] });
  return compareRuns(
    side(baseline),
    side(candidate),
    { location: DEFAULT_LOCATION, ...opts },
    allowEnvMismatch,
  );
}

const stamp = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, "Z");

/**
 * A warning when one side's runs all came before the other's: a shift in the machine's speed between the two
 * blocks then reads as a change. Runs interleaved (baseline, candidate, candidate, baseline, …) overlap in time.
 */
export function blocksWarning(baseline: RunSet, candidate: RunSet): string | null {
  const span = (side: RunSet) => {
    const times = side.files.map((f) => f.measuredAt).filter((t): t is number => typeof t === "number");
    return times.length === side.files.length && times.length > 0
      ? ([Math.min(...times), Math.max(...times)] as const)
      : null;
  };
  const [a, b] = [span(baseline), span(candidate)];
  if (!a || !b || (baseline.files.length < 2 && candidate.files.length < 2)) return null;
  const [first, second, firstName, secondName] =
    a[1] < b[0] ? [a, b, "baseline", "candidate"] : [b, a, "candidate", "baseline"];
  if (first[1] >= second[0]) return null;
  return `the ${firstName} runs (${stamp(first[0])} to ${stamp(first[1])}) all came before the ${secondName} runs (${stamp(second[0])} to ${stamp(second[1])}): a shift in the machine's speed between the two blocks reads as a change; interleave them, baseline and candidate in turn`;
}

const VERDICT_ORDER = ["regressed", "improved", "unchanged", "inconclusive"] as const;

/** "3 regressed, 11 unchanged, 1 inconclusive": every verdict that occurs, in a fixed order. */
export function tallyVerdicts(benchmarks: readonly { verdict: string }[]): string {
  const parts = VERDICT_ORDER.map((v) => [v, benchmarks.filter((b) => b.verdict === v).length] as const)
    .filter(([, n]) => n > 0)
    .map(([v, n]) => `${n} ${v}`);
  return parts.join(", ") || "none judged";
}

/**
 * The compare's last line: its verdict and the reason for its exit code, e.g. "FAIL: 2 regressed" or
 * "FAIL: 3 inconclusive under --inconclusive fail".
 */
export function verdictLine(report: CompareReport, inconclusive: InconclusivePolicy): string {
  const count = (v: string) => report.benchmarks.filter((b) => b.verdict === v).length;
  const tally = `${report.benchmarks.length} benchmarks: ${tallyVerdicts(report.benchmarks)}`;
  const [regressed, open] = [count("regressed"), count("inconclusive")];
  if (regressed > 0) return `FAIL: ${regressed} regressed (${tally})`;
  if (open > 0 && inconclusive === "fail")
    return `FAIL: ${open} inconclusive under --inconclusive fail (${tally})`;
  if (open > 0)
    return `PASS: nothing regressed; ${open} inconclusive, allowed by --inconclusive warn (${tally})`;
  return `PASS: nothing regressed (${tally})`;
}

/** 0 when nothing regressed; 1 when something did, or was inconclusive under a "fail" policy. */
export function exitCodeFor(report: CompareReport, inconclusive: InconclusivePolicy): 0 | 1 {
  const verdicts = report.benchmarks.map((b) => b.verdict);
  if (verdicts.includes("regressed")) return 1;
  if (inconclusive === "fail" && verdicts.includes("inconclusive")) return 1;
  return 0;
}
