import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { execa } from "execa";
import {
  allTasks,
  BenchInputError,
  compareFiles,
  DEFAULT_STATS,
  exitCodeFor,
  fingerprint,
  formatReport,
  type InconclusivePolicy,
  loaderFor,
  loadSuites,
  measure,
  type Progress,
  progressOn,
  REPORT_FORMATS,
  RESULT_FORMAT,
  type ReportFormat,
  type ResultDocument,
  readBenchFile,
  runAb,
} from "../../bench/index.js";
import { type GateCommand, UsageError } from "./command.js";

export const BASELINE_DIR = "gates/bench/baselines";
const CONFIG = "gates/gate.config.json";

function writeAtomically(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}

/** What the gate config says about inconclusive results, unless a flag says otherwise. */
function inconclusivePolicy(flag: string | undefined): InconclusivePolicy {
  const value =
    flag ??
    (existsSync(CONFIG) ? JSON.parse(readFileSync(CONFIG, "utf8")).benchmark?.inconclusive : undefined) ??
    "fail";
  if (value !== "fail" && value !== "warn")
    throw new UsageError(`--inconclusive must be fail or warn, got "${value}"`);
  return value;
}

function formatOf(value: string | undefined): ReportFormat {
  const format = (value ?? "text") as ReportFormat;
  if (!REPORT_FORMATS.includes(format))
    throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(", ")}`);
  return format;
}

function effectOf(value: string | undefined): number {
  if (value === undefined) return DEFAULT_STATS.minEffect;
  const n = Number(value);
  if (!(n > 0 && n < 1))
    throw new UsageError(`--min-effect must be a fraction between 0 and 1, got "${value}"`);
  return n;
}

/** A path, or the name of a saved baseline. A name or path that matches nothing is an error, never a pass. */
function resolveResult(arg: string): string {
  if (existsSync(arg)) return arg;
  const named = join(BASELINE_DIR, `${arg}.json`);
  if (existsSync(named)) return named;
  throw new BenchInputError(`${arg}: not found (neither a file nor a baseline in ${BASELINE_DIR}/)`);
}

const CLI = fileURLToPath(new URL("../cli.js", import.meta.url));

/** One process's measurement of every suite task. */
async function measureHere(time: number, progress: Progress): Promise<ResultDocument> {
  const root = process.cwd();
  const tasks = await allTasks(await loadSuites(root), loaderFor(root));
  const { results, timer } = await measure(tasks, { timeMs: time, progress });
  return {
    format: RESULT_FORMAT,
    name: "latest",
    environment: fingerprint(timer),
    settings: { time_ms: time },
    benchmarks: results.map((r) => ({
      name: r.name,
      unit: "ms",
      samples: r.samples,
      saturation: r.saturation,
    })),
  };
}

/**
 * Rounds in separate processes: a compare needs to see how runs vary, not only how calls in one run vary. Each
 * child measures every task once; the parent keeps each child's samples as one round.
 */
async function measureInProcesses(
  time: number,
  processes: number,
  progress: Progress,
): Promise<ResultDocument> {
  const docs: ResultDocument[] = [];
  for (let i = 0; i < processes; i++) {
    progress.update(`process ${i + 1}/${processes}`);
    const out = join(mkdtempSync(join(tmpdir(), "bench-round-")), "round.json");
    const r = await execa(
      process.execPath,
      [CLI, "bench", "run", "--processes", "1", "--time", String(time), "--out", out],
      {
        reject: false,
        env: { ...process.env, CI: "true" },
      },
    );
    if (r.exitCode !== 0)
      throw new Error(`benchmark process ${i + 1} failed: ${String(r.stderr).split("\n")[0]}`);
    docs.push(JSON.parse(readFileSync(out, "utf8")) as ResultDocument);
  }
  const [first] = docs;
  if (!first) throw new UsageError("--processes must be at least 1");
  return {
    ...first,
    settings: { time_ms: time },
    benchmarks: first.benchmarks.map((b) => {
      const rounds = docs.map((d) => d.benchmarks.find((x) => x.name === b.name)?.samples ?? []);
      const saturation =
        docs.map((d) => d.benchmarks.find((x) => x.name === b.name)?.saturation).find(Boolean) ?? null;
      return { name: b.name, unit: "ms", samples: rounds.flat(), rounds, saturation };
    }),
  };
}

export const benchRun: GateCommand = {
  path: ["bench", "run"],
  usage: "throughput-gate bench run [--save NAME] [--out FILE] [--time MS] [--processes N]",
  summary:
    "Run the benchmark suites in N processes (3); write results, raw samples and the environment fingerprint.",
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        save: { type: "string" },
        out: { type: "string" },
        time: { type: "string" },
        processes: { type: "string" },
      },
      strict: true,
    });
    const time = values.time === undefined ? 300 : Number(values.time);
    if (!(time > 0)) throw new UsageError(`--time must be milliseconds above 0, got "${values.time}"`);
    const processes = values.processes === undefined ? 3 : Number(values.processes);
    if (!Number.isInteger(processes) || processes < 1)
      throw new UsageError(`--processes must be a whole number >= 1`);
    if (values.save !== undefined && !/^[A-Za-z0-9._-]+$/.test(values.save))
      throw new UsageError("--save takes a plain name");
    const progress = progressOn(process.stderr);
    const doc =
      processes === 1
        ? await measureHere(time, progress)
        : await measureInProcesses(time, processes, progress);
    progress.done();
    const named = { ...doc, name: values.save ?? "latest" };
    const text = `${JSON.stringify(named, null, 2)}\n`;
    const out = values.out ?? "evidence/out/bench/latest.json";
    writeAtomically(out, text);
    if (values.save !== undefined) writeAtomically(join(BASELINE_DIR, `${values.save}.json`), text);
    for (const b of named.benchmarks) {
      const sorted = [...b.samples].sort((x, y) => x - y);
      const rounds = b.rounds ? `, ${b.rounds.length} processes` : "";
      process.stdout.write(
        `${b.name}: median ${(sorted[sorted.length >> 1] ?? 0).toFixed(4)} ms, ${b.samples.length} samples${rounds}\n`,
      );
    }
    process.stdout.write(
      `wrote ${out}${values.save ? ` and ${join(BASELINE_DIR, `${values.save}.json`)}` : ""}\n`,
    );
    return 0;
  },
};

export const benchCompare: GateCommand = {
  path: ["bench", "compare"],
  usage:
    "throughput-gate bench compare BASELINE CANDIDATE [--format text|json|github-action-benchmark|bencher] [--allow-env-mismatch] [--inconclusive fail|warn] [--min-effect F]",
  summary:
    "Compare two saved results (ours, tinybench, pytest-benchmark, hyperfine). Exit 0 ok, 1 regressed, 2 bad input.",
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: {
        format: { type: "string" },
        "allow-env-mismatch": { type: "boolean" },
        inconclusive: { type: "string" },
        "min-effect": { type: "string" },
      },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length !== 2) throw new UsageError("bench compare takes BASELINE and CANDIDATE");
    const format = formatOf(values.format);
    const policy = inconclusivePolicy(values.inconclusive);
    const stats = { ...DEFAULT_STATS, minEffect: effectOf(values["min-effect"]) };
    const [baseline, candidate] = positionals.map((p) => readBenchFile(resolveResult(p)));
    if (!baseline || !candidate) throw new UsageError("bench compare takes BASELINE and CANDIDATE");
    const report = compareFiles(baseline, candidate, stats, values["allow-env-mismatch"] === true);
    if (report.benchmarks.length === 0) {
      throw new BenchInputError(`${candidate.file}: no benchmark name in common with ${baseline.file}`);
    }
    process.stdout.write(formatReport(report, format));
    return exitCodeFor(report, policy);
  },
};

export const benchAb: GateCommand = {
  path: ["bench", "ab"],
  usage:
    "throughput-gate bench ab --baseline-ref GIT_REF [--rounds N] [--round-time MS] [--budget S] [--format ...] [--inconclusive fail|warn] [--min-effect F]",
  summary:
    "Build GIT_REF in a temporary worktree and run it against the working copy, interleaved in one process.",
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        "baseline-ref": { type: "string" },
        rounds: { type: "string" },
        "round-time": { type: "string" },
        budget: { type: "string" },
        format: { type: "string" },
        inconclusive: { type: "string" },
        "min-effect": { type: "string" },
      },
      strict: true,
    });
    if (!values["baseline-ref"]) throw new UsageError("--baseline-ref GIT_REF is required");
    const number = (v: string | undefined, fallback: number, flag: string) => {
      const n = v === undefined ? fallback : Number(v);
      if (!(n > 0)) throw new UsageError(`${flag} must be a number above 0, got "${v}"`);
      return n;
    };
    const format = formatOf(values.format);
    const policy = inconclusivePolicy(values.inconclusive);
    const report = await runAb({
      repoRoot: process.cwd(),
      baselineRef: values["baseline-ref"],
      rounds: number(values.rounds, 10, "--rounds"),
      roundTimeMs: number(values["round-time"], 100, "--round-time"),
      budgetSeconds: number(values.budget, 30, "--budget"),
      stats: { ...DEFAULT_STATS, minEffect: effectOf(values["min-effect"]) },
      progress: progressOn(process.stderr),
    });
    process.stdout.write(formatReport(report, format));
    return exitCodeFor(report, policy);
  },
};
