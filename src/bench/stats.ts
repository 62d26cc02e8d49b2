/**
 * Benchmark statistics: pure functions over samples, apart from any timing, as tinybench keeps its statistics
 * apart from its timer. Every estimate comes with a confidence interval from a seeded bootstrap, so the same
 * samples always give the same verdict.
 */
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { studentTCdf, studentTQuantile } from "./student-t.js";

export type Verdict = "improved" | "unchanged" | "regressed" | "inconclusive";

export interface StatsOptions {
  /** The smallest ratio change that matters: 0.05 means ±5%. */
  minEffect: number;
  /** One-sided error rate per family of benchmarks (Holm-adjusted); the interval's level is 1 - 2·alpha. */
  alpha: number;
  resamples: number;
  seed: number;
  /**
   * What makes a change real. "interval": the whole interval lies past the ±minEffect band (for a bootstrap over
   * a few interleaved rounds, which runs narrow). "estimate": Holm rejects "no change" in that direction and the
   * ratio itself lies past the band (for a t interval across processes, which keeps its level).
   */
  rule?: "interval" | "estimate";
}

export const DEFAULT_STATS: StatsOptions = { minEffect: 0.05, alpha: 0.05, resamples: 2000, seed: 1 };

/**
 * For compares across processes (saved runs, gate suites): the "estimate" rule at a family-wise false-alarm rate of
 * 1%. On real pytest-benchmark runs this keeps same-code compares of 5 runs against 5 quiet while a true +10% is
 * still found (`npm run bench:pytest`; the table is in docs/benchmarks.md).
 */
export const PROCESS_STATS: StatsOptions = { ...DEFAULT_STATS, alpha: 0.01, rule: "estimate" };

export interface Estimate {
  /** candidate / baseline: above 1 is slower. */
  ratio: number;
  interval: [number, number];
  /** One-sided p-values: of "not slower by more than minEffect", and of "not faster by more than minEffect". */
  p_regressed: number;
  p_improved: number;
  /** One-sided p-values of "not slower" and "not faster" at all (ratio 1), for the "estimate" rule. */
  p_slower: number;
  p_faster: number;
  method:
    | "paired-rounds"
    | "unpaired-rounds"
    | "across-processes"
    | "bootstrap-medians"
    | "welch-means"
    | "instruction-counts";
}

export interface Comparison extends Estimate {
  name: string;
  verdict: Verdict;
  samples: { baseline: number; candidate: number };
  /**
   * Why a verdict was held back: timer_resolution, environment_mismatch, too_few_samples, single_process,
   * too_few_processes, unconfirmed, single_look.
   */
  flags: string[];
}

/**
 * For a read at an index the caller has bounded: `values[i] ?? outOfRange(i, values)` is typed number, and a read
 * past the end throws where a bare read would carry undefined on as NaN. The resampling loops write that at each read
 * rather than call valueAt, so that every read site keeps V8's feedback for its own array's kind.
 */
function outOfRange(index: number, values: ArrayLike<number>): never {
  throw new RangeError(`index ${index} is outside ${values.length} values`);
}

function valueAt(values: ArrayLike<number>, index: number): number {
  return values[index] ?? outOfRange(index, values);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? valueAt(sorted, mid) : (valueAt(sorted, mid - 1) + valueAt(sorted, mid)) / 2;
}

function mean(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

export function quantile(sorted: ArrayLike<number>, q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  const low = valueAt(sorted, lo);
  return low + (valueAt(sorted, hi) - low) * (at - lo);
}

function uniformStream(seed: number): () => number {
  const rng = xoroshiro128plus(seed);
  return () => uniformFloat64(rng);
}

/** Interval and one-sided p-values from a bootstrap distribution of log ratios. */
export function fromBootstrap(
  logRatios: number[],
  point: number,
  opts: StatsOptions,
  method: Estimate["method"],
): Estimate {
  // Typed and counted in place: a compare of many benchmarks makes one of these per benchmark, and copies of
  // every filter were most of its garbage.
  const sorted = Float64Array.from(logRatios).sort();
  const up = Math.log(1 + opts.minEffect);
  const down = Math.log(1 - opts.minEffect);
  const n = sorted.length;
  const share = (keep: (x: number) => boolean) => {
    let count = 1;
    for (const x of sorted) if (keep(x)) count++;
    return count / (n + 1);
  };
  return {
    ratio: Math.exp(point),
    interval: [Math.exp(quantile(sorted, opts.alpha)), Math.exp(quantile(sorted, 1 - opts.alpha))],
    p_regressed: share((x) => x <= up),
    p_improved: share((x) => x >= down),
    p_slower: share((x) => x <= 0),
    p_faster: share((x) => x >= 0),
    method,
  };
}

/**
 * The time a round stands for: its 25th percentile. Noise on a shared machine only ever adds time (GC pauses,
 * other processes, bursts), so a low quantile tracks the code's own cost and shrugs off bursts that a mean or
 * even a median would follow.
 */
export function roundTime(samples: readonly number[]): number {
  return quantile(
    [...samples].sort((a, b) => a - b),
    0.25,
  );
}

/**
 * Interleaved rounds: each round ran baseline and candidate back to back, so drift hits both. The statistic is
 * the mean over rounds of log(candidate time / baseline time), bootstrapped over rounds.
 */
export function pairedRounds(
  rounds: readonly { baseline: number[]; candidate: number[] }[],
  opts: StatsOptions,
): Estimate {
  const d = rounds.map((r) => Math.log(roundTime(r.candidate) / roundTime(r.baseline)));
  const next = uniformStream(opts.seed);
  const boot: number[] = [];
  for (let i = 0; i < opts.resamples; i++) {
    let sum = 0;
    for (let j = 0; j < d.length; j++) {
      const at = Math.floor(next() * d.length);
      sum += d[at] ?? outOfRange(at, d);
    }
    boot.push(sum / d.length);
  }
  return fromBootstrap(boot, mean(d), opts, "paired-rounds");
}

/**
 * Rounds taken in separate processes, on each side: the ratio of the mean log round time, bootstrapped over rounds
 * within each side. Process-to-process variation is in the rounds, so it is in the interval.
 */
export function unpairedRounds(
  baseline: readonly number[][],
  candidate: readonly number[][],
  opts: StatsOptions,
): Estimate {
  const a = baseline.map((r) => Math.log(roundTime(r)));
  const b = candidate.map((r) => Math.log(roundTime(r)));
  const next = uniformStream(opts.seed);
  const resampleMean = (xs: readonly number[]) => {
    let sum = 0;
    for (let i = 0; i < xs.length; i++) {
      const at = Math.floor(next() * xs.length);
      sum += xs[at] ?? outOfRange(at, xs);
    }
    return sum / xs.length;
  };
  const boot: number[] = [];
  for (let i = 0; i < opts.resamples; i++) boot.push(resampleMean(b) - resampleMean(a));
  return fromBootstrap(boot, mean(b) - mean(a), opts, "unpaired-rounds");
}

/**
 * Above this many samples a side, a resample's median is drawn as an order statistic of the sorted samples rather
 * than by drawing and sorting a whole resample: 2,000 sorts of a million samples took minutes. Below it the draws
 * are as they always were, so seeded results on ordinary files stay the same.
 */
export const ORDER_STATISTIC_SAMPLES = 10_000;

function standardNormal(next: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

/** Marsaglia and Tsang's method, for shape >= 1. */
function gammaDraw(shape: number, next: () => number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = standardNormal(next);
    const v = (1 + c * x) ** 3;
    if (v > 0 && Math.log(next()) < (x * x) / 2 + d - d * v + d * Math.log(v)) return d * v;
  }
}

function betaDraw(a: number, b: number, next: () => number): number {
  const x = gammaDraw(a, next);
  return x / (x + gammaDraw(b, next));
}

/**
 * The median of n draws with replacement from `sorted`, in constant time. Draw i picks index floor(n·U_i), so the
 * k-th smallest pick is floor(n·U_(k)), and the k-th smallest of n uniforms is Beta(k, n - k + 1); the next one
 * up lies past it by the least of n - k uniforms on what is left.
 */
function orderStatisticMedian(sorted: Float64Array, next: () => number): number {
  const n = sorted.length;
  const k = (n + 1) >> 1;
  const at = (u: number) => valueAt(sorted, Math.min(n - 1, Math.floor(u * n)));
  const u = betaDraw(k, n - k + 1, next);
  if (n % 2) return at(u);
  const above = u + (1 - u) * (1 - (1 - next()) ** (1 / (n - k)));
  return (at(u) + at(above)) / 2;
}

/** Draws the median of one resample of `xs` per call, each as the bootstrap draws it. */
export function medianResampler(
  xs: readonly number[],
  next: () => number,
  orderStatisticAbove = ORDER_STATISTIC_SAMPLES,
): () => number {
  if (xs.length > orderStatisticAbove) {
    const sorted = Float64Array.from(xs).sort();
    return () => orderStatisticMedian(sorted, next);
  }
  // One buffer for every resample: a compare of thousands of benchmarks makes 2,000 resamples of each side.
  const pick = new Float64Array(xs.length);
  return () => {
    for (let i = 0; i < xs.length; i++) {
      const at = Math.floor(next() * xs.length);
      pick[i] = xs[at] ?? outOfRange(at, xs);
    }
    pick.sort();
    const mid = pick.length >> 1;
    return pick.length % 2 ? valueAt(pick, mid) : (valueAt(pick, mid - 1) + valueAt(pick, mid)) / 2;
  };
}

/** Two independent sets of samples (saved files): the ratio of medians, bootstrapped within each side. */
export function bootstrapMedians(
  baseline: readonly number[],
  candidate: readonly number[],
  opts: StatsOptions,
): Estimate {
  const next = uniformStream(opts.seed);
  const [fromBaseline, fromCandidate] = [medianResampler(baseline, next), medianResampler(candidate, next)];
  const boot: number[] = [];
  for (let i = 0; i < opts.resamples; i++) boot.push(Math.log(fromCandidate() / fromBaseline()));
  return fromBootstrap(boot, Math.log(median(candidate) / median(baseline)), opts, "bootstrap-medians");
}

/** Standard normal CDF (Abramowitz and Stegun 7.1.26), enough for p-values. */
function normalCdf(z: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(z)) / Math.SQRT2);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(z * z) / 2);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

function normalQuantile(p: number): number {
  let lo = -10;
  let hi = 10;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (normalCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export interface Summary {
  mean: number;
  sd: number;
  n: number;
}

/** Summaries without samples (a pytest-benchmark file saved without data): log ratio of means, delta method. */
export function welchMeans(baseline: Summary, candidate: Summary, opts: StatsOptions): Estimate {
  const point = Math.log(candidate.mean / baseline.mean);
  const se = Math.sqrt(
    (baseline.sd / baseline.mean) ** 2 / Math.max(1, baseline.n) +
      (candidate.sd / candidate.mean) ** 2 / Math.max(1, candidate.n),
  );
  return fromLogEstimate(point, se, { cdf: normalCdf, quantile: normalQuantile }, opts, "welch-means");
}

interface Distribution {
  cdf(x: number): number;
  quantile(p: number): number;
}

/** Interval and p-values for a log ratio `point` with standard error `se`, its pivot following `dist`. */
function fromLogEstimate(
  point: number,
  se: number,
  dist: Distribution,
  opts: StatsOptions,
  method: Estimate["method"],
): Estimate {
  const crit = dist.quantile(1 - opts.alpha);
  const z = (shift: number) => (point - shift) / (se > 0 ? se : Number.MIN_VALUE);
  return {
    ratio: Math.exp(point),
    interval: [Math.exp(point - crit * se), Math.exp(point + crit * se)],
    p_regressed: 1 - dist.cdf(z(Math.log(1 + opts.minEffect))),
    p_improved: dist.cdf(z(Math.log(1 - opts.minEffect))),
    p_slower: 1 - dist.cdf(z(0)),
    p_faster: dist.cdf(z(0)),
    method,
  };
}

/** Holm's step-down procedure: which of these p-values are rejected at family-wise level alpha. */
export function holm(pValues: readonly number[], alpha: number): boolean[] {
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  const rejected = pValues.map(() => false);
  for (const [k, [p, i]] of order.entries()) {
    if (p > alpha / (order.length - k)) break;
    rejected[i] = true;
  }
  return rejected;
}

/**
 * Verdicts for a family of benchmarks tested together. Regressed or improved needs a Holm-adjusted rejection and a
 * change past the ±minEffect band, as `rule` says; unchanged needs the interval wholly inside the band; anything
 * else, or any flag, is inconclusive.
 */
export function decide(
  estimates: readonly (Estimate & { name: string; samples: Comparison["samples"]; flags?: string[] })[],
  opts: StatsOptions,
): Comparison[] {
  const byEstimate = opts.rule === "estimate";
  const regressed = holm(
    estimates.map((e) => (byEstimate ? e.p_slower : e.p_regressed)),
    opts.alpha,
  );
  const improved = holm(
    estimates.map((e) => (byEstimate ? e.p_faster : e.p_improved)),
    opts.alpha,
  );
  return estimates.map((e, i) => {
    const flags = e.flags ?? [];
    const [lo, hi] = e.interval;
    let verdict: Verdict = "inconclusive";
    if (flags.length === 0) {
      const [slow, fast] = byEstimate ? [e.ratio, e.ratio] : [lo, hi];
      if (regressed[i] && slow > 1 + opts.minEffect) verdict = "regressed";
      else if (improved[i] && fast < 1 - opts.minEffect) verdict = "improved";
      else if (lo >= 1 - opts.minEffect && hi <= 1 + opts.minEffect) verdict = "unchanged";
    }
    return { ...e, flags, verdict };
  });
}

/** How one process's samples are summed up into the one number that stands for that process. */
export const PROCESS_LOCATIONS = ["min", "q1", "median"] as const;
export type ProcessLocation = (typeof PROCESS_LOCATIONS)[number];

/** The fewest processes per side that can carry a verdict across processes. */
export const MIN_PROCESSES = 3;

export function locate(samples: readonly number[], location: ProcessLocation): number {
  const sorted = [...samples].sort((a, b) => a - b);
  if (location === "min") return valueAt(sorted, 0);
  return quantile(sorted, location === "q1" ? 0.25 : 0.5);
}

function sampleVariance(xs: readonly number[]): number {
  const m = mean(xs);
  return xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
}

/**
 * Processes per side that would make the interval half as wide as the ±minEffect band, at the spread seen here
 * (the pooled standard deviation of log process times). null when a side has one process: no spread is seen.
 */
/**
 * Student's t quantiles at whole degrees of freedom, kept once computed: the runs-needed search asks for the same
 * few hundred of them for every benchmark, and each is a numerical inversion. At most 1,000 per level.
 */
const wholeDfQuantiles = new Map<string, number>();
function quantileAtWholeDf(p: number, df: number): number {
  const key = `${p}:${df}`;
  let q = wholeDfQuantiles.get(key);
  if (q === undefined) {
    q = studentTQuantile(p, df);
    wholeDfQuantiles.set(key, q);
  }
  return q;
}

export function processesNeeded(
  baseline: readonly number[],
  candidate: readonly number[],
  opts: StatsOptions,
): number | null {
  if (baseline.length < 2 || candidate.length < 2) return null;
  const a = baseline.map(Math.log);
  const b = candidate.map(Math.log);
  const sd = Math.sqrt(
    ((a.length - 1) * sampleVariance(a) + (b.length - 1) * sampleVariance(b)) / (a.length + b.length - 2),
  );
  const halfBand = Math.log(1 + opts.minEffect) / 2;
  for (let n = MIN_PROCESSES; n <= 1000; n++) {
    if (quantileAtWholeDf(1 - opts.alpha, 2 * n - 2) * sd * Math.sqrt(2 / n) <= halfBand) return n;
  }
  return 1000;
}

/**
 * One number per process on each side (see `locate`): the ratio of geometric means, with Welch's t interval on the
 * log ratio. Processes vary far more than the calls inside one process do, so only the spread between processes
 * can say how sure a verdict is; with 3 to 10 processes a side, a t interval keeps its level where a bootstrap's
 * would be too narrow.
 */
export function acrossProcesses(
  baseline: readonly number[],
  candidate: readonly number[],
  opts: StatsOptions,
): Estimate {
  const a = baseline.map(Math.log);
  const b = candidate.map(Math.log);
  const point = mean(b) - mean(a);
  const va = sampleVariance(a) / a.length;
  const vb = sampleVariance(b) / b.length;
  const se = Math.sqrt(va + vb);
  const df = se > 0 ? (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1)) : 1;
  const studentT = {
    cdf: (x: number) => studentTCdf(x, df),
    quantile: (p: number) => studentTQuantile(p, df),
  };
  return fromLogEstimate(point, se, studentT, opts, "across-processes");
}
