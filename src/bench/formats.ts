import { existsSync } from "node:fs";
import { jsonSyntaxError, readRegularFile } from "../common/index.js";
import { InputBudget } from "./budget.js";
import type { Fingerprint } from "./fingerprint.js";
import { BenchInputError } from "./input-error.js";
import {
  type At,
  at,
  isObject,
  type Json,
  maybeObjectAt,
  maybeStringAt,
  nameAt,
  numberAt,
  numbersAt,
  objectAt,
  objectsAt,
  requiredNumbersAt,
  stringAt,
} from "./json-shape.js";
import type { Summary } from "./stats.js";

export { BenchInputError };

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

/**
 * Where a result file says it ran, as it says it: the fingerprint's fields where it records them, unchecked, and
 * anything else it records. Compares read the fingerprint's fields; the history check reads them all.
 */
export type RecordedEnvironment = Readonly<Record<string, unknown>>;

export interface BenchFile {
  file: string;
  format: "throughput-gate" | "tinybench" | "pytest-benchmark" | "hyperfine";
  environment: RecordedEnvironment | null;
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

function summarize(samples: number[]): Summary {
  const n = samples.length;
  const mean = samples.reduce((s, x) => s + x, 0) / n;
  const sd = Math.sqrt(samples.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, n - 1));
  return { mean, sd, n };
}

/** One benchmark from its name and its samples (already a list of numbers), or, without samples, its summary. */
function entry(
  file: string,
  name: string,
  samples: number[] | null,
  summary?: { mean: unknown; sd: unknown; n: unknown },
  scale = 1,
): BenchEntry {
  if (name.length > MAX_NAME_LENGTH)
    throw new BenchInputError(
      `${file}: a benchmark name is ${name.length} characters long, over the ${MAX_NAME_LENGTH} limit`,
    );
  const list = samples ? samples.map((x) => x * scale) : null;
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

const isTiming = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x) && x > 0;
const isRound = (r: unknown): r is number[] => Array.isArray(r) && r.length > 0 && r.every(isTiming);

/** Rounds of our own format: absent, or each a non-empty list of positive, finite timings. */
function roundsOf(file: string, name: unknown, rounds: unknown): number[][] | null {
  if (rounds === undefined || rounds === null) return null;
  if (!Array.isArray(rounds) || rounds.length === 0 || !rounds.every(isRound))
    throw new BenchInputError(
      `${file}: benchmark "${String(name)}" has malformed rounds: each round must be a non-empty list of positive, finite timings`,
    );
  return rounds;
}

const root = (file: string, format: string): At => ({ file, format, path: "$" });

function fromOurs(file: string, doc: Json): BenchFile {
  const where = root(file, "throughput-gate");
  const benchmarks = objectsAt(doc.benchmarks, at(where, "benchmarks"));
  return {
    file,
    format: "throughput-gate",
    environment: maybeObjectAt(doc.environment, at(where, "environment")),
    independentSamples: false,
    measuredAt: timeOf(doc.measured_at),
    entries: benchmarks.map((b, i) => {
      const here = at(at(where, "benchmarks"), i);
      return {
        ...entry(file, nameAt(b.name, at(here, "name")), requiredNumbersAt(b.samples, at(here, "samples"))),
        rounds: roundsOf(file, b.name, b.rounds),
        saturation: maybeStringAt(b.saturation, at(here, "saturation")),
      };
    }),
  };
}

/** An ISO 8601 time as ms since the epoch; one without a zone is UTC (older pytest-benchmark wrote utcnow()). */
function timeOf(value: unknown): number | null {
  if (typeof value !== "string") return null;
  const zoned = /(Z|[+-]\d\d:?\d\d)$/.test(value) ? value : `${value}Z`;
  const ms = Date.parse(zoned);
  return Number.isFinite(ms) ? ms : null;
}

/**
 * The result document a `bench run` process wrote, every field checked: what a parent reads back from its child
 * processes. Its fields keep the order the child wrote them in, so the parent writes the same bytes.
 */
export function resultDocumentOf(value: unknown, file: string): ResultDocument {
  const where = root(file, "throughput-gate");
  const doc = objectAt(value, where);
  if (doc.format !== RESULT_FORMAT)
    throw new BenchInputError(`${file}: not a ${RESULT_FORMAT} result document`);
  const envAt = at(where, "environment");
  const env = objectAt(doc.environment, envAt);
  const runtime = maybeStringAt(env.runtime, at(envAt, "runtime"));
  const measuredAt = maybeStringAt(doc.measured_at, at(where, "measured_at"));
  const settings = objectAt(doc.settings, at(where, "settings"));
  return {
    format: RESULT_FORMAT,
    name: stringAt(doc.name, at(where, "name")),
    environment: {
      node: stringAt(env.node, at(envAt, "node")),
      cpu: stringAt(env.cpu, at(envAt, "cpu")),
      cores: numberAt(env.cores, at(envAt, "cores")),
      os: stringAt(env.os, at(envAt, "os")),
      tinybench: stringAt(env.tinybench, at(envAt, "tinybench")),
      timer: stringAt(env.timer, at(envAt, "timer")),
      ...(runtime === null ? {} : { runtime }),
    },
    ...(measuredAt === null ? {} : { measured_at: measuredAt }),
    settings: { time_ms: numberAt(settings.time_ms, at(at(where, "settings"), "time_ms")) },
    benchmarks: objectsAt(doc.benchmarks, at(where, "benchmarks")).map((b, i) => {
      const here = at(at(where, "benchmarks"), i);
      if (b.unit !== "ms") throw new BenchInputError(`${file}: ${here.path}.unit must be "ms"`);
      const rounds = roundsOf(file, b.name, b.rounds);
      return {
        name: nameAt(b.name, at(here, "name")),
        unit: "ms",
        samples: requiredNumbersAt(b.samples, at(here, "samples")),
        ...(rounds === null ? {} : { rounds }),
        saturation: maybeStringAt(b.saturation, at(here, "saturation")),
      };
    }),
  };
}

/** tinybench has no file format of its own: this reads JSON.stringify of its tasks ({name, result}) or results. */
function fromTinybench(file: string, tasks: unknown, where: At): BenchFile {
  return {
    file,
    format: "tinybench",
    environment: null,
    independentSamples: false,
    entries: objectsAt(tasks, where).map((t, i) => {
      const here = at(where, i);
      const result = maybeObjectAt(t.result, at(here, "result"));
      const latencyAt = at(result ? at(here, "result") : here, "latency");
      const latency = objectAt((result ?? t).latency, latencyAt);
      const samples = numbersAt(latency.samples, at(latencyAt, "samples"));
      const name = nameAt(t.name, at(here, "name"));
      return entry(file, name, samples, { mean: latency.mean, sd: latency.sd, n: latency.samplesCount });
    }),
  };
}

/** pytest-benchmark: a saved run or --benchmark-json. Seconds; `stats.data` only with --benchmark-save-data. */
function fromPytest(file: string, doc: Json): BenchFile {
  const where = root(file, "pytest-benchmark");
  const machine = isObject(doc.machine_info) ? doc.machine_info : {};
  const cpuInfo = isObject(machine.cpu) ? machine.cpu : {};
  const cpu = cpuInfo.brand_raw ?? cpuInfo.brand;
  const text = (...parts: unknown[]) =>
    parts.every((p) => typeof p === "string" && p !== "") ? parts.join(" ") : undefined;
  const benchmarks = objectsAt(doc.benchmarks, at(where, "benchmarks"));
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
    entries: benchmarks.map((b, i) => {
      const here = at(at(where, "benchmarks"), i);
      const stats = objectAt(b.stats, at(here, "stats"));
      const data = numbersAt(stats.data, at(at(here, "stats"), "data"));
      const summary = { mean: stats.mean, sd: stats.stddev, n: stats.rounds };
      const key = b.fullname === undefined || b.fullname === null ? "name" : "fullname";
      const read = entry(file, nameAt(b[key], at(here, key)), data, summary, 1000);
      const ms = (seconds: unknown) => Number(seconds) * 1000;
      const quantiles = { min: ms(stats.min), q1: ms(stats.q1), median: ms(stats.median) };
      const usable = Object.values(quantiles).every((x) => Number.isFinite(x) && x > 0);
      return { ...read, quantiles: usable ? quantiles : null };
    }),
  };
}

/** hyperfine --export-json. Seconds. */
function fromHyperfine(file: string, doc: Json): BenchFile {
  const where = root(file, "hyperfine");
  const results = objectsAt(doc.results, at(where, "results"));
  return {
    file,
    format: "hyperfine",
    environment: null,
    independentSamples: true,
    entries: results.map((r, i) => {
      const here = at(at(where, "results"), i);
      const times = numbersAt(r.times, at(here, "times"));
      const name = nameAt(r.command, at(here, "command"));
      return entry(file, name, times, { mean: r.mean, sd: r.stddev, n: times?.length }, 1000);
    }),
  };
}

/**
 * The format, by the marks each tool's files carry; then the reader of that format checks every field it reads,
 * so a file of the right kind but the wrong shape is refused naming the field, never read as undefined.
 */
function detect(file: string, doc: unknown): BenchFile {
  if (Array.isArray(doc)) return fromTinybench(file, doc, root(file, "tinybench"));
  if (isObject(doc)) {
    if (doc.format === RESULT_FORMAT) return fromOurs(file, doc);
    if ("tasks" in doc) return fromTinybench(file, doc.tasks, at(root(file, "tinybench"), "tasks"));
    if ("machine_info" in doc && "benchmarks" in doc) return fromPytest(file, doc);
    if ("results" in doc) return fromHyperfine(file, doc);
  }
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
    // The parser's own message quotes the file; a result file may be any file a glob reached.
    throw new BenchInputError(
      `${file}: not valid JSON, truncated or corrupt (${jsonSyntaxError(text, err)})`,
    );
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
