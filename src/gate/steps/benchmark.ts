import { join } from "node:path";
import {
  type CompareReport,
  compareRuns,
  confirmRegressions,
  createWorktree,
  DEFAULT_LOCATION,
  measureSuite,
  needsConfirmation,
  PROCESS_STATS,
  prepareTree,
  type SuiteLook,
  type SuiteSpec,
} from "../../bench/index.js";
import { type BaselineRef, resolveBaselineRef } from "../baseline-ref.js";
import type { GateConfig } from "../config.js";
import { errorResult, type GateContext, type GateStep, type StepResult } from "./step.js";

/** One suite's looks: the first, and the second that a regression asks for when the budget allows it. */
export interface SuiteOutcome {
  id: string;
  /** The verdicts the gate acts on: a regression stands only when the second look repeated it. */
  report: CompareReport;
  looks: { report: CompareReport; seconds: number; files: SuiteLook["files"] }[];
}

export type BenchmarkResult = StepResult<
  {
    baseline_ref: string;
    baseline_source: BaselineRef["source"];
    /** The baseline is the candidate's own tree: an A/A check of the benchmark's stability, not of a change. */
    same_tree: boolean;
    status: "pass" | "fail";
    regressed: string[];
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

/** The baseline's tree: the candidate's own on an A/A run, else a prepared worktree of the baseline commit. */
async function baselineTree(ctx: GateContext, base: BaselineRef) {
  if (base.sameTree) return { root: ctx.root, cleanup() {} };
  const tree = createWorktree(ctx.root, base.sha);
  try {
    for (const s of ctx.config.benchmark.suites) if (!s.history) await prepareTree(s, tree.root);
  } catch (err) {
    tree.cleanup();
    throw err;
  }
  return tree;
}

async function judgeSuite(ctx: GateContext, spec: SuiteSpec, baselineRoot: string, started: number) {
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
    report: confirmRegressions(first.report, second?.report ?? null),
    looks: second ? [first, second] : [first],
  };
}

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

function summaryOf(base: BaselineRef, report: CompareReport, failed: string[], suites: number): string {
  const counted = `${report.benchmarks.length} benchmarks in ${suites} suite(s)`;
  const outcome = failed.length ? `${failed.length} failing (${failed.join(", ")})` : "none regressed";
  if (base.sameTree) {
    return `A/A (same tree): the baseline ${base.ref} is the candidate's own tree, so this checks that the benchmarks are steady, not a change; ${counted}: ${outcome}`;
  }
  return `${counted} against ${base.ref} (${base.source}, ${base.sha.slice(0, 12)}): ${outcome}`;
}

/**
 * The system under change measured at the baseline ref and at the candidate: each configured suite's command in
 * separate processes, base and candidate alternating, judged across processes. A regression is measured again
 * before it fails the gate.
 */
export const benchmark: GateStep<"benchmark"> = {
  id: "benchmark",
  title: "benchmark compare",
  async run(ctx) {
    const b = ctx.config.benchmark;
    let base: BaselineRef;
    try {
      base = resolveBaselineRef(ctx.root, b.baseline_ref, ctx.baselineRef);
    } catch (err) {
      return errorResult(`no baseline to compare with: ${(err as Error).message}`);
    }
    const started = performance.now();
    const outcomes: SuiteOutcome[] = [];
    try {
      const tree = await baselineTree(ctx, base);
      try {
        for (const spec of b.suites) outcomes.push(await judgeSuite(ctx, spec, tree.root, started));
      } finally {
        tree.cleanup();
      }
    } catch (err) {
      return errorResult(`the benchmark could not run: ${(err as Error).message.split("\n")[0]}`);
    }
    const report = combined(outcomes);
    const failing = (verdict: string) =>
      verdict === "regressed" || (verdict === "inconclusive" && b.inconclusive === "fail");
    const checks = report.benchmarks.map((x) => ({
      name: x.name,
      pass: !failing(x.verdict),
      message: failing(x.verdict) ? `${x.verdict}: fails the gate` : "did not regress",
    }));
    const status = checks.every((c) => c.pass) ? "pass" : "fail";
    const failed = report.benchmarks.filter((x) => failing(x.verdict)).map((x) => x.name);
    const regressed = report.benchmarks.filter((x) => x.verdict === "regressed").map((x) => x.name);
    return {
      status,
      summary: summaryOf(base, report, failed, outcomes.length),
      checks,
      // Ratios, intervals and "inconclusive" wobble from run to run: they are measurements, kept out of the digest.
      deterministic: {
        baseline_ref: base.ref,
        baseline_source: base.source,
        same_tree: base.sameTree,
        status,
        regressed,
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
  },
};
