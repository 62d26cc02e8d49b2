import { BenchInputError, DEFAULT_STATS, runAb } from "../../bench/index.js";
import { errorResult, type GateStep, type StepResult } from "./step.js";

export type BenchmarkResult = StepResult<
  { baseline_ref: string; status: "pass" | "fail"; regressed: string[] },
  {
    report: Awaited<ReturnType<typeof runAb>>;
    verdicts: { name: string; ratio: number; interval: [number, number]; verdict: string }[];
    inconclusive: string[];
  }
>;

/** bench ab against the configured baseline ref: interleaved rounds of both builds in this process. */
export const benchmark: GateStep<"benchmark"> = {
  id: "benchmark",
  title: "benchmark compare",
  async run(ctx) {
    const b = ctx.config.benchmark;
    const q = ctx.quick ? (b.quick ?? {}) : {};
    let report: Awaited<ReturnType<typeof runAb>>;
    try {
      report = await runAb({
        repoRoot: ctx.root,
        baselineRef: b.baseline_ref,
        rounds: q.rounds ?? b.rounds ?? 10,
        roundTimeMs: q.round_time_ms ?? b.round_time_ms ?? 100,
        budgetSeconds: q.budget_seconds ?? b.budget_seconds ?? 20,
        stats: { ...DEFAULT_STATS, minEffect: b.min_effect ?? DEFAULT_STATS.minEffect },
        slowdown: b.inject_slowdown,
      });
    } catch (err) {
      if (err instanceof BenchInputError) return errorResult(`no baseline to compare with: ${err.message}`);
      return errorResult(`the benchmark could not run: ${(err as Error).message.split("\n")[0]}`);
    }
    const regressed = report.benchmarks.filter((x) => x.verdict === "regressed").map((x) => x.name);
    const inconclusive = report.benchmarks.filter((x) => x.verdict === "inconclusive").map((x) => x.name);
    const failing = (verdict: string) =>
      verdict === "regressed" || (verdict === "inconclusive" && b.inconclusive === "fail");
    // Ratios, intervals and "inconclusive" wobble from run to run: they are measurements, kept out of the digest.
    // Only what decides the gate (which benchmarks failed it) is stated in the checks and the summary.
    const checks = report.benchmarks.map((x) => ({
      name: x.name,
      pass: !failing(x.verdict),
      message: failing(x.verdict) ? `${x.verdict}: fails the gate` : "did not regress",
    }));
    const status = checks.every((c) => c.pass) ? "pass" : "fail";
    const failed = report.benchmarks.filter((x) => failing(x.verdict)).map((x) => x.name);
    return {
      status,
      summary: `${report.benchmarks.length} benchmarks against ${b.baseline_ref}: ${failed.length ? `${failed.length} failing (${failed.join(", ")})` : "none regressed"}`,
      checks,
      deterministic: { baseline_ref: b.baseline_ref, status, regressed },
      measured: {
        report,
        verdicts: report.benchmarks.map((x) => ({
          name: x.name,
          ratio: x.ratio,
          interval: x.interval,
          verdict: x.verdict,
        })),
        inconclusive,
      },
    };
  },
};
