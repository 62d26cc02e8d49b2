import { existsSync } from "node:fs";
import { UserError } from "../cli/index.js";
import { readRegularFile } from "../common/index.js";
import { InputBudget } from "./budget.js";
import type { Fingerprint } from "./fingerprint.js";
import type { Summary } from "./stats.js";

export const RESULT_FORMAT = "throughput-gate-bench@1";

/**
 * The longest benchmark name read. A table pads every row to its longest name: one name of megabytes among
 * thousands of benchmarks would make gigabytes of report.
 */
export const MAX_NAME_LENGTH = 256;

/** One benchmark as read from any supported file: samples when the file has them, else a summary. */
export interface BenchEntry {
  name: string;
  /** Milliseconds. */
  samples: number[] | null;
  /** Samples per process, when the file holds rounds from separate processes (`bench run --processes N`). */
  rounds: number[][] | null;
  summary: Summary;
  /** The tool's own quantiles, for files that carry a summary but no samples (pytest-benchmark without data). */
  quantiles: { min: number; q1: number; median: number } | null;
  saturation: string | null;
}

export interface BenchFile {
  file: string;
  format: "throughput-gate" | "tinybench" | "pytest-benchmark" | "hyperfine";
  environment: Partial<Fingerprint> | null;
  /** Every sample a separate process (hyperfine): samples vary as runs do, not only as calls in one run do. */
  independentSamples: boolean;
  /** When the run was made, in ms since the epoch, when the file says (pytest-benchmark's datetime, our measured_at). */
  measuredAt?: number | null;
  entries: BenchEntry[];
}

/** Our own result file, written by `bench run`. */
export interface ResultDocument {
  format: typeof RESULT_FORMAT;
  name: string;
  environment: Fingerprint;
  /** When the process measured (ISO 8601): so a compare can tell sides run in two blocks from sides interleaved. */
  measured_at?: string;
  settings: { time_ms: number };
  benchmarks: {
    name: string;
    unit: "ms";
    samples: number[];
    rounds?: number[][];
    saturation: string | null;
  }[];
}

/** An input that cannot be compared: names the file and the reason. Exit 2. */
export class BenchInputError extends UserError {
  override name = "BenchInputError";
}

type Json = Record<string, unknown>;

function summarize(samples: number[]): Summary {
  const n = samples.length;
  const mean = samples.reduce((s, x) => s + x, 0) / n;
  const sd = Math.sqrt(samples.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, n - 1));
  return { mean, sd, n };
}

function entry(
  file: string,
  name: unknown,
  samples: unknown,
  summary?: Partial<Summary>,
  scale = 1,
): BenchEntry {
  if (typeof name !== "string" || name === "") throw new BenchInputError(`${file}: a benchmark has no name`);
  if (name.length > MAX_NAME_LENGTH)
    throw new BenchInputError(
      `${file}: a benchmark name is ${name.length} characters long, over the ${MAX_NAME_LENGTH} limit`,
    );
  const list = Array.isArray(samples) ? samples.map((x) => Number(x) * scale) : null;
  if (list && list.length === 0) throw new BenchInputError(`${file}: benchmark "${name}" has zero samples`);
  if (list?.some((x) => !Number.isFinite(x) || x <= 0)) {
    throw new BenchInputError(
      `${file}: benchmark "${name}" has a zero, NaN, infinite or negative sample: timings must be positive and finite`,
    );
  }
  const s = list
    ? summarize(list)
    : { mean: Number(summary?.mean) * scale, sd: Number(summary?.sd) * scale, n: Number(summary?.n) };
  if (!Number.isFinite(s.mean) || s.mean <= 0 || !Number.isFinite(s.sd) || s.sd < 0) {
    throw new BenchInputError(`${file}: benchmark "${name}" has NaN or negative stats`);
  }
  if (!Number.isFinite(s.n) || s.n < 1)
    throw new BenchInputError(`${file}: benchmark "${name}" has zero samples`);
  return { name, samples: list, rounds: null, summary: s, quantiles: null, saturation: null };
}

/** Rounds of our own format: absent, or each a non-empty list of positive, finite timings. */
function roundsOf(file: string, name: unknown, rounds: unknown): number[][] | null {
  if (rounds === undefined || rounds === null) return null;
  const valid =
    Array.isArray(rounds) &&
    rounds.length > 0 &&
    rounds.every(
      (r) =>
        Array.isArray(r) &&
        r.length > 0 &&
        r.every((x) => typeof x === "number" && Number.isFinite(x) && x > 0),
    );
  if (!valid)
    throw new BenchInputError(
      `${file}: benchmark "${String(name)}" has malformed rounds: each round must be a non-empty list of positive, finite timings`,
    );
  return rounds as number[][];
}

function fromOurs(file: string, doc: Json): BenchFile {
  const benchmarks = (doc.benchmarks ?? []) as Json[];
  return {
    file,
    format: "throughput-gate",
    environment: (doc.environment as Partial<Fingerprint>) ?? null,
    independentSamples: false,
    measuredAt: timeOf(doc.measured_at),
    entries: benchmarks.map((b) => ({
      ...entry(file, b.name, b.samples),
      rounds: roundsOf(file, b.name, b.rounds),
      saturation: (b.saturation as string) ?? null,
    })),
  };
}

/** An ISO 8601 time as ms since the epoch; one without a zone is UTC (older pytest-benchmark wrote utcnow()). */
function timeOf(value: unknown): number | null {
  if (typeof value !== "string") return null;
  const zoned = /(Z|[+-]\d\d:?\d\d)$/.test(value) ? value : `${value}Z`;
  const ms = Date.parse(zoned);
  return Number.isFinite(ms) ? ms : null;
}

/** tinybench has no file format of its own: this reads JSON.stringify of its tasks ({name, result}) or results. */
function fromTinybench(file: string, list: Json[]): BenchFile {
  return {
    file,
    format: "tinybench",
    environment: null,
    independentSamples: false,
    entries: list.map((t) => {
      const latency = ((t.result as Json)?.latency ?? t.latency) as Json;
      return entry(file, t.name, latency.samples, {
        mean: latency.mean as number,
        sd: latency.sd as number,
        n: latency.samplesCount as number,
      });
    }),
  };
}

/** pytest-benchmark: a saved run or --benchmark-json. Seconds; `stats.data` only with --benchmark-save-data. */
function fromPytest(file: string, doc: Json): BenchFile {
  const machine = (doc.machine_info ?? {}) as Json;
  const cpuInfo = (machine.cpu ?? {}) as Json;
  const cpu = cpuInfo.brand_raw ?? cpuInfo.brand;
  const text = (...parts: unknown[]) =>
    parts.every((p) => typeof p === "string" && p !== "") ? parts.join(" ") : undefined;
  return {
    file,
    format: "pytest-benchmark",
    environment: {
      cpu: typeof cpu === "string" ? cpu : undefined,
      os: text(machine.system, machine.release, machine.machine),
      runtime: text(machine.python_implementation, machine.python_version),
    },
    independentSamples: false,
    measuredAt: timeOf(doc.datetime),
    entries: (doc.benchmarks as Json[]).map((b) => {
      const stats = b.stats as Json;
      const read = entry(
        file,
        b.fullname ?? b.name,
        stats.data,
        { mean: stats.mean as number, sd: stats.stddev as number, n: stats.rounds as number },
        1000,
      );
      const quantiles = [stats.min, stats.q1, stats.median].map((x) => Number(x) * 1000);
      const [min, q1, median] = quantiles as [number, number, number];
      const usable = quantiles.every((x) => Number.isFinite(x) && x > 0);
      return { ...read, quantiles: usable ? { min, q1, median } : null };
    }),
  };
}

/** hyperfine --export-json. Seconds. */
function fromHyperfine(file: string, doc: Json): BenchFile {
  return {
    file,
    format: "hyperfine",
    environment: null,
    independentSamples: true,
    entries: (doc.results as Json[]).map((r) =>
      entry(
        file,
        r.command,
        r.times,
        { mean: r.mean as number, sd: r.stddev as number, n: (r.times as unknown[])?.length },
        1000,
      ),
    ),
  };
}

function detect(file: string, doc: unknown): BenchFile {
  if (Array.isArray(doc) && doc.every((t) => typeof t === "object" && t && "name" in t))
    return fromTinybench(file, doc as Json[]);
  const d = (doc ?? {}) as Json;
  if (d.format === RESULT_FORMAT) return fromOurs(file, d);
  if (Array.isArray(d.tasks)) return fromTinybench(file, d.tasks as Json[]);
  if (Array.isArray(d.benchmarks) && "machine_info" in d) return fromPytest(file, d);
  if (Array.isArray(d.results) && (d.results as Json[]).every((r) => "command" in r))
    return fromHyperfine(file, d);
  throw new BenchInputError(
    `${file}: not a benchmark result this tool reads (throughput-gate, tinybench, pytest-benchmark or hyperfine JSON)`,
  );
}

/**
 * The text of a result file: a regular file of at most 16 MB (MAX_INPUT_BYTES), so `/dev/zero` or a FIFO is refused
 * with one line rather than read without end; and charged to the compare's budget before it is parsed.
 */
function readResultText(file: string, budget: InputBudget): string {
  if (!existsSync(file)) throw new BenchInputError(`${file}: not found`);
  const bytes = readRegularFile(file, { what: "benchmark result", error: BenchInputError });
  budget.chargeValues(file, bytes);
  return bytes.toString("utf8");
}

/**
 * Reads any supported benchmark file; every problem is a BenchInputError naming the file. The files of one compare
 * share one budget; a file read alone has a budget of its own.
 */
export function readBenchFile(file: string, budget: InputBudget = new InputBudget()): BenchFile {
  const text = readResultText(file, budget);
  if (text.trim() === "") throw new BenchInputError(`${file}: the file is empty`);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new BenchInputError(`${file}: not valid JSON, truncated or corrupt (${(err as Error).message})`);
  }
  const parsed = detect(file, doc);
  if (parsed.entries.length === 0) throw new BenchInputError(`${file}: no benchmarks in it`);
  const seen = new Set<string>();
  for (const e of parsed.entries) {
    if (seen.has(e.name)) throw new BenchInputError(`${file}: duplicate benchmark name "${e.name}"`);
    seen.add(e.name);
  }
  return parsed;
}
