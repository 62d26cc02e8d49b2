import { existsSync } from "node:fs";
import { join } from "node:path";
import {
  BenchInputError,
  type CompareReport,
  compareRuns,
  countHere,
  DEFAULT_LOCATION,
  DEFAULT_STATS,
  exitCodeFor,
  formatReport,
  type InconclusivePolicy,
  InputBudget,
  instrumentConfig,
  measureHere,
  measureInProcesses,
  PROCESS_LOCATIONS,
  PROCESS_STATS,
  type ProcessLocation,
  progressOn,
  REPORT_FORMATS,
  type ReportFormat,
  readRunSet,
  repeated,
  runAb,
  type StatsOptions,
  slowdowns,
  verdictLine,
} from "../../bench/index.js";
import { type OptionSpec, UsageError, type Values } from "../../cli/index.js";
import { escapeForTerminal, packagePath, writeFileAtomic } from "../../common/index.js";
import { command } from "../command.js";

export const BASELINE_DIR = "gates/bench/baselines";
const CLI = packagePath("dist/gate/cli.js");
const writeAtomically = (file: string, text: string) =>
  writeFileAtomic(file, text, { createDirectory: true });

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
    default: "fail",
    description:
      "what an inconclusive verdict does to the exit code: fail exits 1, warn reports it and exits 0 when nothing regressed",
  },
  {
    name: "min-effect",
    value: "fraction",
    placeholder: "F",
    default: String(DEFAULT_STATS.minEffect),
    description: "the smallest relative change that counts",
  },
];

/** The flag alone decides: the same command gives the same answer in any folder. */
const inconclusivePolicy = (options: Values): InconclusivePolicy =>
  options.inconclusive as InconclusivePolicy;

const statsOf = (options: Values, base: StatsOptions = DEFAULT_STATS): StatsOptions => ({
  ...base,
  minEffect: Number(options["min-effect"]),
});

const list = (value: Values[string] | undefined): string[] => (Array.isArray(value) ? [...value] : []);

/** A path, or the name of a saved baseline. A name or path that matches nothing is an error, never a pass. */
function resolveResult(arg: string): string {
  if (existsSync(arg)) return arg;
  const named = join(BASELINE_DIR, `${arg}.json`);
  if (existsSync(named)) return named;
  throw new BenchInputError(`${arg}: not found (neither a file nor a baseline in ${BASELINE_DIR}/)`);
}

export const benchRun = command({
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
    const instrument = instrumentConfig();
    if (instrument) {
      const factors = slowdowns();
      return countHere(instrument, (t) =>
        factors.has(t.name) ? repeated(t, factors.get(t.name) as number) : t,
      );
    }
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
});

export const benchCompare = command({
  name: "bench compare",
  summary:
    "Compare results (ours, tinybench, pytest-benchmark, hyperfine), one run or many per side. Exit 0 ok, 1 regressed, 2 bad input.",
  args: [
    {
      name: "baseline",
      value: "text",
      required: false,
      description: "one result file or a saved baseline's name (or use --baseline)",
    },
    {
      name: "candidate",
      value: "text",
      required: false,
      description: "one result file or a saved baseline's name (or use --candidate)",
    },
  ],
  options: [
    {
      name: "baseline",
      value: "text",
      many: true,
      placeholder: "PATH",
      description: "baseline runs: files, folders (a pytest-benchmark storage folder too) or globs",
    },
    {
      name: "candidate",
      value: "text",
      many: true,
      placeholder: "PATH",
      description: "candidate runs, as for --baseline",
    },
    {
      name: "baseline-name",
      value: "name",
      placeholder: "NAME",
      description: "keep the baseline runs saved under NAME (--benchmark-save=NAME)",
    },
    {
      name: "candidate-name",
      value: "name",
      placeholder: "NAME",
      description: "keep the candidate runs saved under NAME",
    },
    {
      name: "baseline-last",
      value: "count",
      placeholder: "N",
      description: "keep only the newest N baseline runs: a history of main-branch runs",
    },
    {
      name: "location",
      value: "text",
      choices: PROCESS_LOCATIONS,
      default: DEFAULT_LOCATION,
      description: "the number that stands for one run",
    },
    ...REPORT_OPTIONS,
    { name: "allow-env-mismatch", description: "compare results from different environments" },
  ],
  run: ({ args, options }) =>
    inertErrors(async () => {
      const policy = inconclusivePolicy(options);
      const [baseline, candidate] = sidesOf(args, options);
      const stats = { ...statsOf(options, PROCESS_STATS), location: options.location as ProcessLocation };
      const report = compareRuns(baseline, candidate, stats, options["allow-env-mismatch"] === true);
      return printReport(report, options, policy);
    }),
});

/**
 * Runs a command whose errors quote its input (file names, patterns, benchmark names, a git ref), with each
 * message made inert for the terminal it is printed to. The error keeps its class, so its exit code too.
 */
async function inertErrors(run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof Error) err.message = escapeForTerminal(err.message);
    throw err;
  }
}

/**
 * The report, then one line with the verdict and the reason for the exit code. A machine-readable format keeps
 * stdout to itself, so the line goes to stderr there.
 */
function printReport(report: CompareReport, options: Values, policy: InconclusivePolicy): 0 | 1 {
  const format = options.format as ReportFormat;
  process.stdout.write(formatReport(report, format));
  const line = `${escapeForTerminal(verdictLine(report, policy))}\n`;
  if (format === "text") process.stdout.write(line);
  else process.stderr.write(line);
  return exitCodeFor(report, policy);
}

/** The two sides: BASELINE CANDIDATE, one file each, or --baseline and --candidate with any number of runs. */
function sidesOf(args: Values, options: Values) {
  const positional = [args.baseline, args.candidate].filter((a) => a !== undefined).map(String);
  const [baseline, candidate] = [list(options.baseline), list(options.candidate)];
  const listed = baseline.length > 0 || candidate.length > 0;
  if (listed && positional.length > 0)
    throw new UsageError("give BASELINE CANDIDATE, or --baseline and --candidate, not both");
  if (listed && (baseline.length === 0 || candidate.length === 0))
    throw new UsageError("--baseline and --candidate go together");
  if (!listed && positional.length !== 2)
    throw new UsageError("bench compare takes BASELINE CANDIDATE, or --baseline PATH… --candidate PATH…");
  const [a, b] = listed ? [baseline, candidate] : positional.map((p) => [resolveResult(p)]);
  const last = options["baseline-last"] === undefined ? undefined : Number(options["baseline-last"]);
  const name = (flag: string) => (options[flag] === undefined ? undefined : String(options[flag]));
  const budget = new InputBudget();
  return [
    readRunSet(a as string[], { name: name("baseline-name"), last }, budget),
    readRunSet(b as string[], { name: name("candidate-name") }, budget),
  ] as const;
}

export const benchAb = command({
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
  run: ({ options }) =>
    inertErrors(async () => {
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
      return printReport(report, options, policy);
    }),
});
