/** Queue-drain KPIs: pure functions over job records and status samples. */

// Times are rounded to the millisecond, so the JSON is short and the same on every run.
import { round3 } from "../common/index.js";

/** One job: [queue, class, arrival, start, end], in seconds after the profile started. */
export type JobRecord = [string, string, number, number, number];

export interface Sample {
  /** Seconds after the profile started. */
  t: number;
  level: string;
  policy_active: boolean;
  depths: Record<string, number>;
}

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface Kpis {
  drain_seconds: number | null;
  jobs: Record<string, number | null>;
  wait_seconds: Record<string, Percentiles | null>;
  peak_depth: Record<string, number>;
  throughput_per_second: Record<string, number | null>;
  max_starvation_seconds: Record<string, number | null>;
  seconds_at_level: Record<string, number>;
  policy_activations: number;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

export function percentiles(values: readonly number[]): Percentiles | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: round3(percentile(sorted, 0.5)),
    p95: round3(percentile(sorted, 0.95)),
    p99: round3(percentile(sorted, 0.99)),
    max: round3(sorted.at(-1) ?? Number.NaN),
  };
}

/**
 * The longest stretch in which a class had work queued and none of its jobs completed: the starvation measure.
 * A stretch opens when work starts waiting, restarts at each completion while work waits, and closes when the
 * queue empties.
 */
export function maxStarvation(jobs: readonly JobRecord[], klass: string): number | null {
  const own = jobs.filter((j) => j[1] === klass);
  if (own.length === 0) return null;
  // At equal times: completions, then starts, then arrivals.
  const events: [number, number, number][] = [];
  for (const [, , arrival, start, end] of own) events.push([end, 0, 0], [start, 1, -1], [arrival, 2, +1]);
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let waiting = 0;
  let mark = 0;
  let longest = 0;
  for (const [t, kind, delta] of events) {
    if (kind === 0) {
      if (waiting > 0) longest = Math.max(longest, t - mark);
      mark = t;
      continue;
    }
    const before = waiting;
    waiting += delta;
    if (before === 0 && waiting > 0) mark = t;
    if (before > 0 && waiting === 0) longest = Math.max(longest, t - mark);
  }
  return round3(longest);
}

function levelTime(samples: readonly Sample[], interval: number): Record<string, number> {
  const out: Record<string, number> = { normal: 0, warning: 0, critical: 0, unknown: 0 };
  for (const s of samples) out[s.level] = (out[s.level] ?? 0) + interval;
  return out;
}

function activations(samples: readonly Sample[]): number {
  let count = 0;
  let before = false;
  for (const s of samples) {
    if (s.policy_active && !before) count += 1;
    before = s.policy_active;
  }
  return count;
}

/** KPIs from the simulation's job records (twin) and the collector's samples. */
export function jobKpis(
  jobs: readonly JobRecord[],
  samples: readonly Sample[],
  interval: number,
  classes: readonly string[],
  peak: Record<string, number>,
): Kpis {
  const perClass = <T>(f: (c: string) => T) => Object.fromEntries(classes.map((c) => [c, f(c)]));
  const drain =
    jobs.length === 0 ? 0 : Math.max(...jobs.map((j) => j[4])) - Math.min(...jobs.map((j) => j[2]));
  const waitsOf = (c: string) => jobs.filter((j) => j[1] === c).map((j) => Math.max(0, j[3] - j[2]));
  return {
    drain_seconds: round3(drain),
    jobs: perClass((c) => jobs.filter((j) => j[1] === c).length),
    wait_seconds: perClass((c) => percentiles(waitsOf(c))),
    peak_depth: peak,
    throughput_per_second: perClass((c) =>
      drain > 0 ? round3(jobs.filter((j) => j[1] === c).length / drain) : null,
    ),
    max_starvation_seconds: Object.fromEntries(classes.slice(1).map((c) => [c, maxStarvation(jobs, c)])),
    seconds_at_level: levelTime(samples, interval),
    policy_activations: activations(samples),
  };
}

/** KPIs a live deployment lets us see through GET /queues and the status: no per-job waits. */
export function sampledKpis(samples: readonly Sample[], interval: number, classes: readonly string[]): Kpis {
  const busy = (s: Sample) => Object.values(s.depths).some((d) => d > 0);
  const first = samples.findIndex(busy);
  const emptyAfter = first < 0 ? -1 : samples.findIndex((s, i) => i > first && !busy(s));
  const peak: Record<string, number> = {};
  for (const s of samples) for (const [q, d] of Object.entries(s.depths)) peak[q] = Math.max(peak[q] ?? 0, d);
  const none = <T>(v: T) => Object.fromEntries(classes.map((c) => [c, v]));
  return {
    drain_seconds:
      first < 0
        ? 0
        : emptyAfter < 0
          ? null
          : round3((samples[emptyAfter]?.t ?? 0) - (samples[first]?.t ?? 0)),
    jobs: none(null),
    wait_seconds: none(null),
    peak_depth: peak,
    throughput_per_second: none(null),
    max_starvation_seconds: Object.fromEntries(classes.slice(1).map((c) => [c, null])),
    seconds_at_level: levelTime(samples, interval),
    policy_activations: activations(samples),
  };
}
