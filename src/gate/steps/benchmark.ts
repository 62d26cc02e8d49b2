import { join } from "node:path";
import {
  type BenchmarkComparison,
  type CompareReport,
  type CountFingerprint,
  type CountSlice,
  compareRuns,
  confirmRegressions,
  countSuite,
  createWorktree,
  DEFAULT_COUNT_SETTINGS,
  DEFAULT_LOCATION,
  InstructionSetupError,
  judgeCounts,
  measureSuite,
  needsConfirmation,
  PROCESS_STATS,
  prepareTree,
  type SuiteLook,
  type SuiteSpec,
  tallyVerdicts,
} from "../../bench/index.js";
import { errorMessage } from "../../common/index.js";
import { type BaselineRef, resolveBaselineRef } from "../baseline-ref.js";
import type { GateConfig } from "../config.js";
import type { WorkUnit } from "../shard.js";
import { onStop } from "../stop.js";
import { joinSlices } from "./benchmark-slices.js";
import {
  errorResult,
  type GateContext,
  type SplitStep,
  type StepResult,
  splitStep,
  type UnitPart,
} from "./step.js";

/**
 * One suite's evidence. Under time: the first look, and the second that a regression asks for when the budget
 * allows it. Under instructions: one count a side, and a time look only for benchmarks whose count was unstable.
 */
export interface SuiteOutcome {
  id: string;
  metric: "instructions" | "time";
  /** The verdicts the gate acts on: a regression stands only when the second look repeated it. */
  report: CompareReport;
  looks: { report: CompareReport; seconds: number; files: SuiteLook["files"] }[];
  /** Instructions only: each side's counts, where its dumps are, and the fingerprint both sides share. */
  counts?: {
    seconds: number;
    fingerprint: CountFingerprint;
    dirs: { baseline: string; candidate: string };
    benchmarks: { name: string; baseline: number[]; candidate: number[] }[];
    /** Set when the suite was split across runners: this slice, and every benchmark each side reached. */
    slice?: CountSlice & { seen: { baseline: string[]; candidate: string[] } };
  };
}

/** A benchmark's verdict as it joins the digest: only count verdicts, which repeat from run to run. */
export interface CountVerdict {
  name: string;
  verdict: string;
}

export type BenchmarkResult = StepResult<
  {
    baseline_ref: string;
    baseline_source: BaselineRef["source"];
    /** The baseline is the candidate's own tree: an A/A check of the benchmark's stability, not of a change. */
    same_tree: boolean;
    status: "pass" | "fail";
    regressed: string[];
    /** Every benchmark judged on its instruction count, with its verdict: the same inputs give the same list. */
    counted: CountVerdict[];
  },
  {
    /** Every suite's verdicts in one list, benchmarks named `suite: name`. */
    report: CompareReport;
    suites: SuiteOutcome[];
    verdicts: { name: string; ratio: number; interval: [number, number]; verdict: string }[];
    inconclusive: string[];
  }
>;

type Benchmark = GateConfig["benchmark"];

const processesOf = (b: Benchmark, s: SuiteSpec, quick: boolean) =>
  quick ? Math.min(s.processes ?? 5, b.quick?.processes ?? 3) : (s.processes ?? 5);

/**
 * The baseline's tree: the candidate's own on an A/A run, else a prepared worktree of the baseline commit, removed
 * also when a signal stops the run (once the builds in it are ended).
 */
async function baselineTree(ctx: GateContext, base: BaselineRef, suites: readonly SuiteSpec[]) {
  if (base.sameTree) return { root: ctx.root, cleanup() {} };
  const tree = createWorktree(ctx.root, base.sha);
  const forget = onStop(tree.cleanup);
  const cleanup = () => {
    forget();
    tree.cleanup();
  };
  try {
    for (const s of suites) if (!s.history) await prepareTree(s, tree.root);
  } catch (err) {
    cleanup();
    throw err;
  }
  return { root: tree.root, cleanup };
}

async function timedSuite(
  ctx: GateContext,
  spec: SuiteSpec,
  baselineRoot: string,
  started: number,
): Promise<SuiteOutcome> {
  const b = ctx.config.benchmark;
  const suite = { ...spec, processes: processesOf(b, spec, ctx.quick) };
  const stats = {
    ...PROCESS_STATS,
    minEffect: b.min_effect ?? PROCESS_STATS.minEffect,
    location: b.location ?? DEFAULT_LOCATION,
  };
  const look = async (n: number) => {
    ctx.log(`benchmark: ${spec.id}: look ${n}, ${suite.processes} process(es) per side`);
    const measured = await measureSuite(suite, {
      roots: { baseline: spec.history ? null : baselineRoot, candidate: ctx.root },
      outDir: join(ctx.out, "bench", spec.id, `look-${n}`),
    });
    const report = compareRuns(measured.baseline, measured.candidate, stats);
    return { report, seconds: measured.seconds, files: measured.files };
  };
  const first = await look(1);
  const elapsed = (performance.now() - started) / 1000;
  const roomForAnother = elapsed + first.seconds <= (b.budget_seconds ?? 120);
  const second = needsConfirmation(first.report) && roomForAnother ? await look(2) : null;
  return {
    id: spec.id,
    metric: "time",
    report: confirmRegressions(first.report, second?.report ?? null),
    looks: second ? [first, second] : [first],
  };
}

/** An unstable count's row, replaced by the time look's verdict for the same benchmark. */
function judgedOnTime(row: BenchmarkComparison, timed: CompareReport): BenchmarkComparison {
  const onTime = timed.benchmarks.find((t) => t.name === row.name);
  if (!onTime) return { ...row, flags: [...row.flags, "not_timed"] };
  return { ...onTime, metric: "time", flags: ["unstable_count", ...onTime.flags] };
}

/**
 * One process a side under callgrind, judged on the count ratio. A benchmark whose calls disagree within a process
 * cannot be judged on its count: the suite is then measured on time too, and those benchmarks take that verdict.
 */
async function countedSuite(
  ctx: GateContext,
  spec: SuiteSpec,
  baselineRoot: string,
  started: number,
  slice: CountSlice | undefined,
): Promise<SuiteOutcome> {
  const b = ctx.config.benchmark;
  const settings = { ...DEFAULT_COUNT_SETTINGS, ...b.instructions };
  const which = slice ? ` (slice ${slice.index} of ${slice.count})` : "";
  ctx.log(`benchmark: ${spec.id}: counting instructions${which}, 1 process per side under valgrind`);
  const counted = await countSuite(spec, {
    roots: { baseline: baselineRoot, candidate: ctx.root },
    outDir: join(ctx.out, "bench", spec.id, slice ? `instructions-${slice.index}` : "instructions"),
    slice,
  });
  const judged = judgeCounts(counted.baseline.counts, counted.candidate.counts, settings);
  const timed = judged.unstable.length
    ? await timedSuite(ctx, { ...spec, metric: "time" }, baselineRoot, started)
    : null;
  if (timed) ctx.log(`benchmark: ${spec.id}: judged on time (unstable count): ${judged.unstable.join(", ")}`);
  const rows: BenchmarkComparison[] = judged.benchmarks.map((row) =>
    timed && row.flags.includes("unstable_count") ? judgedOnTime(row, timed.report) : row,
  );
  const calls = (side: "baseline" | "candidate", name: string) =>
    counted[side].counts.find((c) => c.name === name)?.calls ?? [];
  return {
    id: spec.id,
    metric: "instructions",
    report: {
      method: "instructions",
      min_effect: settings.band,
      alpha: 0,
      environment_mismatch: [],
      benchmarks: rows,
      only_in_baseline: judged.only_in_baseline,
      only_in_candidate: judged.only_in_candidate,
    },
    looks: timed?.looks ?? [],
    counts: {
      seconds: counted.seconds,
      fingerprint: counted.candidate.fingerprint,
      dirs: { baseline: counted.baseline.dir, candidate: counted.candidate.dir },
      ...(slice
        ? {
            slice: { ...slice, seen: { baseline: counted.baseline.seen, candidate: counted.candidate.seen } },
          }
        : {}),
      benchmarks: judged.benchmarks.map((row) => ({
        name: row.name,
        baseline: calls("baseline", row.name),
        candidate: calls("candidate", row.name),
      })),
    },
  };
}

const judgeSuite = (
  ctx: GateContext,
  spec: SuiteSpec,
  baselineRoot: string,
  started: number,
  slice: CountSlice | undefined,
) =>
  spec.metric === "instructions"
    ? countedSuite(ctx, spec, baselineRoot, started, slice)
    : timedSuite(ctx, spec, baselineRoot, started);

/** Every suite's verdicts as one report, each benchmark named after its suite. */
function combined(outcomes: readonly SuiteOutcome[]): CompareReport {
  const [first] = outcomes;
  return {
    ...(first?.report as CompareReport),
    environment_mismatch: [...new Set(outcomes.flatMap((o) => o.report.environment_mismatch))],
    benchmarks: outcomes.flatMap((o) =>
      o.report.benchmarks.map((x) => ({ ...x, name: `${o.id}: ${x.name}` })),
    ),
    only_in_baseline: outcomes.flatMap((o) => o.report.only_in_baseline.map((n) => `${o.id}: ${n}`)),
    only_in_candidate: outcomes.flatMap((o) => o.report.only_in_candidate.map((n) => `${o.id}: ${n}`)),
  };
}

/**
 * "15 benchmarks: 3 regressed, 11 unchanged, 1 inconclusive (allowed by warn)": every verdict counted, and what
 * an inconclusive one does to the gate.
 */
export function verdictCounts(
  benchmarks: readonly { verdict: string }[],
  inconclusive: "fail" | "warn",
): string {
  const open = benchmarks.some((b) => b.verdict === "inconclusive");
  const effect = inconclusive === "warn" ? "allowed by warn" : "failing under fail";
  return `${benchmarks.length} benchmarks: ${tallyVerdicts(benchmarks)}${open ? ` (${effect})` : ""}`;
}

function metricsOf(outcomes: readonly SuiteOutcome[]): string {
  const ids = (metric: SuiteOutcome["metric"]) =>
    outcomes.filter((o) => o.metric === metric).map((o) => o.id);
  const onTime = outcomes
    .filter((o) => o.metric === "instructions")
    .flatMap((o) => o.report.benchmarks.filter((b) => b.metric === "time")).length;
  const parts = [
    ids("instructions").length ? `instruction counts (${ids("instructions").join(", ")})` : "",
    ids("time").length ? `time (${ids("time").join(", ")})` : "",
  ].filter(Boolean);
  const fallback = onTime ? `; ${onTime} judged on time instead (unstable count)` : "";
  return `measured by ${parts.join(" and ")}${fallback}`;
}

function summaryOf(
  base: BaselineRef,
  report: CompareReport,
  outcomes: readonly SuiteOutcome[],
  inconclusive: "fail" | "warn",
): string {
  const counted = `${verdictCounts(report.benchmarks, inconclusive)}; ${metricsOf(outcomes)}`;
  if (base.sameTree) {
    const steady = report.benchmarks.every((x) => x.verdict === "unchanged");
    const verdict = steady ? "the benchmarks were steady" : "the benchmarks were NOT steady";
    return `A/A (same tree): the baseline ${base.ref} is the candidate's own tree, so this checks that the benchmarks are steady, not a change: ${verdict}; ${counted}`;
  }
  return `against ${base.ref} (${base.source}, ${base.sha.slice(0, 12)}): ${counted}`;
}

/** One suite's outcome (or a counted suite's slice), with the baseline it was measured against; or why not. */
export type BenchmarkPart = { base: BaselineRef; outcome: SuiteOutcome } | { error: string };

/** The slice a unit counts; none when the suite is whole on one runner. */
const sliceOfUnit = (unit: WorkUnit, count: number): CountSlice | undefined =>
  unit.slice !== undefined && count > 1 ? { index: unit.slice, count } : undefined;

async function measureSuites(
  ctx: GateContext,
  units: readonly WorkUnit[],
): Promise<UnitPart<BenchmarkPart>[]> {
  const [first] = units;
  if (!first) return [];
  const b = ctx.config.benchmark;
  let base: BaselineRef;
  try {
    base = resolveBaselineRef(ctx.root, b.baseline_ref, ctx.baselineRef);
  } catch (err) {
    return [{ unit: first.id, part: { error: `no baseline to compare with: ${errorMessage(err)}` } }];
  }
  const specOf = (unit: WorkUnit) => b.suites.find((s) => s.id === unit.key) as SuiteSpec;
  const count = ctx.shard?.spec.count ?? 1;
  const started = performance.now();
  const parts: UnitPart<BenchmarkPart>[] = [];
  try {
    const tree = await baselineTree(ctx, base, units.map(specOf));
    try {
      for (const unit of units) {
        const outcome = await judgeSuite(ctx, specOf(unit), tree.root, started, sliceOfUnit(unit, count));
        parts.push({ unit: unit.id, part: { base, outcome } });
      }
    } finally {
      tree.cleanup();
    }
  } catch (err) {
    // valgrind missing, a benchmark failing under it, or sides on different fingerprints: exit 2, never a pass.
    if (err instanceof InstructionSetupError) throw err;
    const unit = units[parts.length] ?? first;
    const error = `the benchmark could not run: ${errorMessage(err).split("\n")[0]}`;
    parts.push({ unit: unit.id, part: { error } });
  }
  return parts;
}

function assembleSuites(ctx: GateContext, parts: readonly UnitPart<BenchmarkPart>[]): BenchmarkResult {
  const failed = parts.find((p) => "error" in p.part)?.part;
  if (failed && "error" in failed) return errorResult(failed.error);
  const measured = parts.flatMap((p) => ("error" in p.part ? [] : [p.part]));
  const base = measured[0]?.base;
  if (!base) return errorResult("the benchmark measured no suite");
  const outcomes = joinSlices(measured.map((m) => m.outcome));
  const b = ctx.config.benchmark;
  const report = combined(outcomes);
  const failing = (verdict: string) =>
    verdict === "regressed" || (verdict === "inconclusive" && b.inconclusive === "fail");
  const checks = report.benchmarks.map((x) => ({
    name: x.name,
    pass: !failing(x.verdict),
    message: failing(x.verdict) ? `${x.verdict}: fails the gate` : "did not regress",
  }));
  const status = checks.every((c) => c.pass) ? "pass" : "fail";
  const regressed = report.benchmarks.filter((x) => x.verdict === "regressed").map((x) => x.name);
  return {
    status,
    summary: summaryOf(base, report, outcomes, b.inconclusive),
    checks,
    // Time ratios, intervals and "inconclusive" wobble from run to run: they are measurements, kept out of the
    // digest. Count verdicts repeat, so they join it.
    deterministic: {
      baseline_ref: base.ref,
      baseline_source: base.source,
      same_tree: base.sameTree,
      status,
      regressed,
      counted: report.benchmarks
        .filter((x) => x.metric === "instructions")
        .map((x) => ({ name: x.name, verdict: x.verdict })),
    },
    measured: {
      report,
      suites: outcomes,
      verdicts: report.benchmarks.map((x) => ({
        name: x.name,
        ratio: x.ratio,
        interval: x.interval,
        verdict: x.verdict,
      })),
      inconclusive: report.benchmarks.filter((x) => x.verdict === "inconclusive").map((x) => x.name),
    },
  };
}

/**
 * The system under change measured at the baseline ref and at the candidate: each configured suite's command in
 * separate processes, base and candidate alternating, judged across processes. A regression is measured again
 * before it fails the gate.
 */
export const benchmark: SplitStep<"benchmark", BenchmarkPart> = splitStep({
  id: "benchmark",
  title: "benchmark compare",
  measure: measureSuites,
  assemble: assembleSuites,
});
