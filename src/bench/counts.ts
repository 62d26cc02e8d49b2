/**
 * The instruction metric's statistics: pure functions over callgrind's counts. A count repeats from process to
 * process, so one process a side decides: the ratio of the two counts against a small band, no interval across
 * processes. A benchmark whose calls disagree within one process (it reads the clock, or draws unseeded random
 * numbers) is flagged `unstable_count` and left to the time metric.
 */
import type { Comparison, Verdict } from "./stats.js";

/** The measured calls of one benchmark in one process, as the runners dump them: `<name>#<call>`. */
export interface BenchmarkCount {
  name: string;
  /** Instructions of each measured call, in the order they ran. */
  calls: number[];
  /** The count that stands for the benchmark: the median of its calls. */
  instructions: number;
  /** (max - min) / median of the calls: 0 for a benchmark that does the same work on every call. */
  spread: number;
}

export interface CountSettings {
  /** A ratio within 1 ± band is `unchanged`; past it, `regressed` or `improved`. */
  band: number;
  /** A spread of the calls above this is `unstable_count`: the benchmark is judged on time instead. */
  stability: number;
}

export const DEFAULT_COUNT_SETTINGS: CountSettings = { band: 0.01, stability: 0.02 };

/** One dump of callgrind (`callgrind.out.N`): the client request's name and the instructions it counted. */
export interface CallgrindDump {
  name: string;
  instructions: number;
}

/**
 * Reads one callgrind dump: the name from its trigger line (`desc: Trigger: Client Request: NAME`), the count from
 * `totals:` (or `summary:`). Null for a dump no client request made (program termination).
 */
export function parseCallgrindDump(text: string): CallgrindDump | null {
  const trigger = /^desc: Trigger: Client Request: (.*)$/m.exec(text);
  if (!trigger) return null;
  // `totals:` closes the dump; `summary:` opens it and is the fallback for a dump cut short.
  const total = /^totals:\s+(\d+)/m.exec(text) ?? /^summary:\s+(\d+)/m.exec(text);
  if (!total) throw new Error(`a callgrind dump for "${trigger[1]}" has no totals line`);
  return { name: (trigger[1] ?? "").trim(), instructions: Number(total[1]) };
}

function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  // NaN for no values, as the arithmetic of missing values always gave.
  const at = (i: number) => sorted[i] ?? Number.NaN;
  return sorted.length % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}

/** Groups dumps named `<benchmark>#<call>` into one count per benchmark, in the order the benchmarks ran. */
export function countsFromDumps(dumps: readonly CallgrindDump[]): BenchmarkCount[] {
  const calls = new Map<string, number[]>();
  for (const dump of dumps) {
    const at = dump.name.lastIndexOf("#");
    const name = at > 0 ? dump.name.slice(0, at) : dump.name;
    calls.set(name, [...(calls.get(name) ?? []), dump.instructions]);
  }
  return [...calls].map(([name, list]) => {
    const instructions = medianOf(list);
    const spread = instructions > 0 ? (Math.max(...list) - Math.min(...list)) / instructions : 0;
    return { name, calls: list, instructions, spread };
  });
}

export interface CountComparison extends Comparison {
  metric: "instructions";
  baseline_instructions: number;
  candidate_instructions: number;
  /** The larger of the two sides' spreads between calls. */
  spread: number;
}

export interface CountReport {
  benchmarks: CountComparison[];
  only_in_baseline: string[];
  only_in_candidate: string[];
  /** Benchmarks whose count is not stable from call to call: named here, judged on time by the caller. */
  unstable: string[];
}

function verdictOf(ratio: number, band: number): Verdict {
  if (ratio > 1 + band) return "regressed";
  if (ratio < 1 - band) return "improved";
  return "unchanged";
}

/** The ratio's range over every pairing of the two sides' calls: as wide as the calls disagree, no wider. */
function rangeOf(base: BenchmarkCount, cand: BenchmarkCount): [number, number] {
  const lo = Math.min(...cand.calls) / Math.max(...base.calls);
  const hi = Math.max(...cand.calls) / Math.min(...base.calls);
  return [lo, hi];
}

/**
 * Judges every benchmark both sides counted. The verdict rests on the ratio of the medians alone: the counts
 * repeat, so there is nothing to estimate. An unstable benchmark is `inconclusive` with the flag `unstable_count`.
 */
export function judgeCounts(
  baseline: readonly BenchmarkCount[],
  candidate: readonly BenchmarkCount[],
  settings: CountSettings = DEFAULT_COUNT_SETTINGS,
): CountReport {
  const byName = new Map(baseline.map((b) => [b.name, b]));
  const shared = candidate.flatMap((cand) => {
    const base = byName.get(cand.name);
    return base ? [{ cand, base }] : [];
  });
  const benchmarks = shared.map(({ cand, base }): CountComparison => {
    const ratio = cand.instructions / base.instructions;
    const spread = Math.max(base.spread, cand.spread);
    const unstable = spread > settings.stability;
    const verdict = unstable ? "inconclusive" : verdictOf(ratio, settings.band);
    return {
      name: cand.name,
      metric: "instructions",
      ratio,
      interval: rangeOf(base, cand),
      verdict,
      flags: unstable ? ["unstable_count"] : [],
      samples: { baseline: base.calls.length, candidate: cand.calls.length },
      method: "instruction-counts",
      p_regressed: verdict === "regressed" ? 0 : 1,
      p_improved: verdict === "improved" ? 0 : 1,
      p_slower: ratio > 1 ? 0 : 1,
      p_faster: ratio < 1 ? 0 : 1,
      baseline_instructions: base.instructions,
      candidate_instructions: cand.instructions,
      spread,
    };
  });
  const candidateNames = new Set(candidate.map((c) => c.name));
  return {
    benchmarks,
    only_in_baseline: baseline.filter((b) => !candidateNames.has(b.name)).map((b) => b.name),
    only_in_candidate: candidate.filter((c) => !byName.has(c.name)).map((c) => c.name),
    unstable: benchmarks.filter((b) => b.flags.includes("unstable_count")).map((b) => b.name),
  };
}
