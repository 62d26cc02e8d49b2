import { fingerprintDiff } from "./fingerprint.js";
import type { BenchFile } from "./formats.js";
import {
  bootstrapMedians,
  type Comparison,
  decide,
  median,
  pairedRounds,
  type StatsOptions,
  unpairedRounds,
  welchMeans,
} from "./stats.js";

export type InconclusivePolicy = "fail" | "warn";

export interface CompareReport {
  method: "interleaved" | "files";
  min_effect: number;
  alpha: number;
  /** Fingerprint fields that differ between baseline and candidate; empty when they match. */
  environment_mismatch: string[];
  benchmarks: (Comparison & { candidate_median_ms: number; baseline_median_ms: number })[];
  only_in_baseline: string[];
  only_in_candidate: string[];
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

/**
 * Two saved results. A baseline from another environment is flagged `environment_mismatch` and every verdict is
 * held at inconclusive, unless the caller allows the mismatch.
 */
export function compareFiles(
  baseline: BenchFile,
  candidate: BenchFile,
  opts: StatsOptions,
  allowEnvMismatch = false,
): CompareReport {
  const mismatch =
    baseline.environment && candidate.environment
      ? fingerprintDiff(baseline.environment, candidate.environment)
      : [];
  const names = candidate.entries
    .map((e) => e.name)
    .filter((n) => baseline.entries.some((b) => b.name === n));
  const estimates = names.map((name, i) => {
    const a = baseline.entries.find((e) => e.name === name);
    const b = candidate.entries.find((e) => e.name === name);
    if (!a || !b) throw new Error("unreachable");
    const o = { ...opts, seed: opts.seed + i };
    const byRounds = (a.rounds?.length ?? 0) >= 3 && (b.rounds?.length ?? 0) >= 3;
    const estimate =
      byRounds && a.rounds && b.rounds
        ? unpairedRounds(a.rounds, b.rounds, o)
        : a.samples && b.samples
          ? bootstrapMedians(a.samples, b.samples, o)
          : welchMeans(a.summary, b.summary, o);
    // Calls within one process vary less than runs do: such an interval is too narrow to call a verdict on.
    const singleProcess = !byRounds && !(baseline.independentSamples && candidate.independentSamples);
    const flags = [
      mismatch.length > 0 && !allowEnvMismatch ? "environment_mismatch" : "",
      a.saturation || b.saturation ? "timer_resolution" : "",
      singleProcess ? "single_process" : "",
    ].filter(Boolean);
    return {
      ...estimate,
      name,
      samples: { baseline: a.summary.n, candidate: b.summary.n },
      flags,
      baseline_median_ms: a.samples ? median(a.samples) : a.summary.mean,
      candidate_median_ms: b.samples ? median(b.samples) : b.summary.mean,
    };
  });
  const decided = decide(estimates, opts);
  return {
    method: "files",
    min_effect: opts.minEffect,
    alpha: opts.alpha,
    environment_mismatch: mismatch,
    benchmarks: decided.map((d, i) => ({
      ...d,
      baseline_median_ms: estimates[i]?.baseline_median_ms ?? Number.NaN,
      candidate_median_ms: estimates[i]?.candidate_median_ms ?? Number.NaN,
    })),
    only_in_baseline: baseline.entries.map((e) => e.name).filter((n) => !names.includes(n)),
    only_in_candidate: candidate.entries.map((e) => e.name).filter((n) => !names.includes(n)),
  };
}

/** 0 when nothing regressed; 1 when something did, or was inconclusive under a "fail" policy. */
export function exitCodeFor(report: CompareReport, inconclusive: InconclusivePolicy): 0 | 1 {
  const verdicts = report.benchmarks.map((b) => b.verdict);
  if (verdicts.includes("regressed")) return 1;
  if (inconclusive === "fail" && verdicts.includes("inconclusive")) return 1;
  return 0;
}
