import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  BenchInputError,
  compareFiles,
  DEFAULT_STATS,
  exitCodeFor,
  formatReport,
  type InconclusivePolicy,
  measureHere,
  measureInProcesses,
  progressOn,
  REPORT_FORMATS,
  type ReportFormat,
  readBenchFile,
  runAb,
  type StatsOptions,
} from "../../bench/index.js";
import type { OptionSpec, Values } from "../../cli/index.js";
import { ConfigError } from "../config.js";
import type { GateCommand } from "./command.js";

export const BASELINE_DIR = "gates/bench/baselines";
const CONFIG = "gates/gate.config.json";
const CLI = fileURLToPath(new URL("../cli.js", import.meta.url));

function writeAtomically(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}

/** The options every report-printing bench command shares. */
const REPORT_OPTIONS: readonly OptionSpec[] = [
  {
    name: "format",
    value: "text",
    choices: REPORT_FORMATS,
    default: "text",
    description: "how to print the report",
  },
  {
    name: "inconclusive",
    value: "text",
    choices: ["fail", "warn"],
    description: `what an inconclusive result does (default: benchmark.inconclusive in ${CONFIG}, else fail)`,
  },
  {
    name: "min-effect",
    value: "fraction",
    placeholder: "F",
    default: String(DEFAULT_STATS.minEffect),
    description: "the smallest relative change that counts",
  },
];

/** What the flag says about inconclusive results, else what the gate config says, else fail. */
function inconclusivePolicy(options: Values): InconclusivePolicy {
  if (options.inconclusive !== undefined) return options.inconclusive as InconclusivePolicy;
  const configured = existsSync(CONFIG)
    ? JSON.parse(readFileSync(CONFIG, "utf8")).benchmark?.inconclusive
    : undefined;
  const value = configured ?? "fail";
  if (value !== "fail" && value !== "warn")
    throw new ConfigError(`${CONFIG}: benchmark.inconclusive must be fail or warn, got "${value}"`);
  return value;
}

const statsOf = (options: Values): StatsOptions => ({
  ...DEFAULT_STATS,
  minEffect: Number(options["min-effect"]),
});

/** A path, or the name of a saved baseline. A name or path that matches nothing is an error, never a pass. */
function resolveResult(arg: string): string {
  if (existsSync(arg)) return arg;
  const named = join(BASELINE_DIR, `${arg}.json`);
  if (existsSync(named)) return named;
  throw new BenchInputError(`${arg}: not found (neither a file nor a baseline in ${BASELINE_DIR}/)`);
}

export const benchRun: GateCommand = {
  name: "bench run",
  summary:
    "Run the benchmark suites in N processes (3); write results, raw samples and the environment fingerprint.",
  args: [],
  options: [
    {
      name: "save",
      value: "name",
      placeholder: "NAME",
      description: `also save as a baseline in ${BASELINE_DIR}/`,
    },
    {
      name: "out",
      value: "file",
      placeholder: "FILE",
      default: "evidence/out/bench/latest.json",
      description: "where to write the results",
    },
    {
      name: "time",
      value: "number",
      placeholder: "MS",
      default: "300",
      description: "milliseconds per task",
    },
    {
      name: "processes",
      value: "count",
      placeholder: "N",
      default: "3",
      description: "measure in N processes",
    },
  ],
  async run({ options }) {
    const time = Number(options.time);
    const processes = Number(options.processes);
    const save = options.save === undefined ? undefined : String(options.save);
    const progress = progressOn(process.stderr);
    const doc =
      processes === 1
        ? await measureHere(time, progress)
        : await measureInProcesses({
            timeMs: time,
            processes,
            progress,
            childArgv: (out) => [
              CLI,
              "bench",
              "run",
              "--processes",
              "1",
              "--time",
              String(time),
              "--out",
              out,
            ],
          });
    progress.done();
    const named = { ...doc, name: save ?? "latest" };
    const text = `${JSON.stringify(named, null, 2)}\n`;
    const out = String(options.out);
    writeAtomically(out, text);
    if (save !== undefined) writeAtomically(join(BASELINE_DIR, `${save}.json`), text);
    for (const b of named.benchmarks) {
      const sorted = [...b.samples].sort((x, y) => x - y);
      const rounds = b.rounds ? `, ${b.rounds.length} processes` : "";
      process.stdout.write(
        `${b.name}: median ${(sorted[sorted.length >> 1] ?? 0).toFixed(4)} ms, ${b.samples.length} samples${rounds}\n`,
      );
    }
    process.stdout.write(`wrote ${out}${save ? ` and ${join(BASELINE_DIR, `${save}.json`)}` : ""}\n`);
    return 0;
  },
};

export const benchCompare: GateCommand = {
  name: "bench compare",
  summary:
    "Compare two saved results (ours, tinybench, pytest-benchmark, hyperfine). Exit 0 ok, 1 regressed, 2 bad input.",
  args: [
    {
      name: "baseline",
      value: "text",
      required: true,
      description: "a result file or a saved baseline's name",
    },
    {
      name: "candidate",
      value: "text",
      required: true,
      description: "a result file or a saved baseline's name",
    },
  ],
  options: [
    ...REPORT_OPTIONS,
    { name: "allow-env-mismatch", description: "compare results from different environments" },
  ],
  async run({ args, options }) {
    const policy = inconclusivePolicy(options);
    const baseline = readBenchFile(resolveResult(String(args.baseline)));
    const candidate = readBenchFile(resolveResult(String(args.candidate)));
    const report = compareFiles(
      baseline,
      candidate,
      statsOf(options),
      options["allow-env-mismatch"] === true,
    );
    if (report.benchmarks.length === 0) {
      throw new BenchInputError(`${candidate.file}: no benchmark name in common with ${baseline.file}`);
    }
    process.stdout.write(formatReport(report, options.format as ReportFormat));
    return exitCodeFor(report, policy);
  },
};

export const benchAb: GateCommand = {
  name: "bench ab",
  summary:
    "Build GIT_REF in a temporary worktree and run it against the working copy, interleaved in one process.",
  args: [],
  options: [
    {
      name: "baseline-ref",
      value: "text",
      placeholder: "GIT_REF",
      required: true,
      description: "the baseline to build",
    },
    { name: "rounds", value: "number", placeholder: "N", default: "10", description: "interleaved rounds" },
    {
      name: "round-time",
      value: "number",
      placeholder: "MS",
      default: "100",
      description: "milliseconds per round",
    },
    {
      name: "budget",
      value: "number",
      placeholder: "S",
      default: "30",
      description: "rerun inconclusive results until this many seconds have gone",
    },
    ...REPORT_OPTIONS,
  ],
  async run({ options }) {
    const policy = inconclusivePolicy(options);
    const report = await runAb({
      repoRoot: process.cwd(),
      baselineRef: String(options["baseline-ref"]),
      rounds: Number(options.rounds),
      roundTimeMs: Number(options["round-time"]),
      budgetSeconds: Number(options.budget),
      stats: statsOf(options),
      progress: progressOn(process.stderr),
    });
    process.stdout.write(formatReport(report, options.format as ReportFormat));
    return exitCodeFor(report, policy);
  },
};
