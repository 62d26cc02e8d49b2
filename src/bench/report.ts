import { escapeForTerminal, round3, table } from "../common/index.js";
import type { BenchmarkComparison, CompareReport } from "./compare.js";
import { MIN_PROCESSES } from "./stats.js";

export const REPORT_FORMATS = ["text", "json", "github-action-benchmark", "bencher"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The most names a note lists: the table has every one, and a note of thousands of names is read by no one. */
const NOTE_NAMES = 10;

/** "a, b, c", or the first NOTE_NAMES of `total` and how many more. */
function listed(names: readonly string[], total = names.length): string {
  const more = total - NOTE_NAMES;
  return names.slice(0, NOTE_NAMES).join(", ") + (more > 0 ? ` and ${more} more` : "");
}

/** What to do about the inconclusive verdicts that more runs would settle. */
const fewestRuns = (b: BenchmarkComparison) =>
  Math.min(b.processes?.baseline ?? 0, b.processes?.candidate ?? 0);

/** How many runs per side would settle each inconclusive verdict, from the spread the runs showed. */
function neededRunsNote(report: CompareReport): string {
  const open = report.benchmarks.filter((b) => b.processes && b.verdict === "inconclusive");
  if (open.length === 0) return "";
  const have = Math.min(...open.map(fewestRuns));
  const each = open.slice(0, NOTE_NAMES).map((b) => {
    const n = b.needed_per_side;
    const name = b.name.split("::").at(-1);
    if (n === null || n === undefined) return `${name}: at least ${MIN_PROCESSES}`;
    return n > 100 ? `${name}: over 100 (too noisy to settle by repeating it)` : `${name}: about ${n}`;
  });
  return `inconclusive with ${have} run(s) per side; runs per side that would settle it: ${listed(each, open.length)}`;
}

function historyNote(report: CompareReport): string {
  const sides = Object.entries(report.history_mismatch ?? {}).filter(([, fields]) => fields.length);
  return sides.map(([side, fields]) => `the ${side} runs differ in ${fields.join(", ")}`).join("; ");
}

function text(report: CompareReport): string {
  const processes = report.benchmarks.some((b) => b.processes);
  // Names, fields and warnings come from the result files: made inert, a name cannot move the cursor, clear the
  // screen or forge a row with a newline. The JSON formats keep them exact; JSON escaping is enough there.
  const rows = report.benchmarks.map((b) => [
    escapeForTerminal(b.name),
    round3(b.ratio).toFixed(3),
    `[${round3(b.interval[0]).toFixed(3)}, ${round3(b.interval[1]).toFixed(3)}]`,
    b.verdict + (b.flags.length ? ` (${b.flags.join(", ")})` : ""),
    processes
      ? `${b.processes?.baseline ?? 0}/${b.processes?.candidate ?? 0}`
      : `${b.samples.baseline}/${b.samples.candidate}`,
  ]);
  const headers = ["BENCHMARK", "RATIO", "INTERVAL", "VERDICT", processes ? "RUNS" : "SAMPLES"];
  const how = processes
    ? `across runs, each run's ${report.location ?? "min"} time`
    : `${report.method} comparison`;
  const notes = [
    `ratio = candidate / baseline time; ±${report.min_effect * 100}% is no change; ${how}`,
    neededRunsNote(report),
    report.environment_mismatch.length
      ? `environment_mismatch: ${report.environment_mismatch.join(", ")} differ`
      : "",
    historyNote(report),
    report.only_in_baseline.length ? `only in the baseline: ${listed(report.only_in_baseline)}` : "",
    report.only_in_candidate.length ? `only in the candidate: ${listed(report.only_in_candidate)}` : "",
    ...(report.warnings ?? []).map((w) => `warning: ${w}`),
  ]
    .filter(Boolean)
    .map(escapeForTerminal);
  return `${[table(headers, rows), ...notes].join("\n")}\n`;
}

function json(report: CompareReport): string {
  const benchmarks = report.benchmarks.map((b) => ({
    name: b.name,
    ratio: round3(b.ratio),
    interval: b.interval.map(round3),
    verdict: b.verdict,
    samples: b.samples,
    ...(b.processes ? { processes: b.processes, needed_per_side: b.needed_per_side ?? null } : {}),
    flags: b.flags,
    method: b.method,
    baseline_median_ms: b.baseline_median_ms,
    candidate_median_ms: b.candidate_median_ms,
  }));
  return `${JSON.stringify({ ...report, benchmarks }, null, 2)}\n`;
}

/** github-action-benchmark's custom format ("customSmallerIsBetter"): the candidate's median time. */
function githubActionBenchmark(report: CompareReport): string {
  const entries = report.benchmarks.map((b) => ({
    name: b.name,
    unit: "ms",
    value: b.candidate_median_ms,
    extra: `ratio ${round3(b.ratio)} [${round3(b.interval[0])}, ${round3(b.interval[1])}] ${b.verdict}`,
  }));
  return `${JSON.stringify(entries, null, 2)}\n`;
}

/** Bencher Metric Format: latency in nanoseconds, bounded by the ratio's interval. */
function bencher(report: CompareReport): string {
  const bmf: Record<string, { latency: { value: number; lower_value: number; upper_value: number } }> = {};
  for (const b of report.benchmarks) {
    const ns = (b.baseline_median_ms ?? Number.NaN) * 1e6;
    bmf[b.name] = {
      latency: {
        value: (b.candidate_median_ms ?? Number.NaN) * 1e6,
        lower_value: ns * b.interval[0],
        upper_value: ns * b.interval[1],
      },
    };
  }
  return `${JSON.stringify(bmf, null, 2)}\n`;
}

export function formatReport(report: CompareReport, format: ReportFormat): string {
  switch (format) {
    case "text":
      return text(report);
    case "json":
      return json(report);
    case "github-action-benchmark":
      return githubActionBenchmark(report);
    case "bencher":
      return bencher(report);
  }
}
