import {
  ConformFailure,
  counts,
  DEFAULT_SEED,
  jsonReport,
  QUICK_RUNS,
  runConformance,
  TransportError,
} from "../../conform/index.js";
import { errorResult, type GateContext, type GateStep, type StepResult } from "./step.js";

type Report = ReturnType<typeof jsonReport>;

/** What the run found, without its timings; or, live without `conformance.live`, why it did not run. */
type ConformanceFindings =
  | (Omit<Report, "measured"> & { target: Report["target"] & { kind: "twin" | "live" } })
  | { skipped: string };

export type ConformanceResult = StepResult<ConformanceFindings, Report["measured"] | Record<never, never>>;

/** The gate's twin answers with the default credentials; a live target's come from the operator's environment. */
function credentialsFor(ctx: GateContext) {
  if (ctx.target.mode === "twin") return { user: "n", password: "n" };
  const env = process.env;
  return {
    user: env.NEMESIS_API_USER ?? "n",
    password: env.NEMESIS_API_PASSWORD ?? "n",
    ...(env.NEMESIS_API_TOKEN ? { token: env.NEMESIS_API_TOKEN } : {}),
  };
}

async function conformOn(ctx: GateContext, url: string): Promise<ConformanceResult> {
  const settings = ctx.config.conformance ?? {};
  const runs = ctx.quick ? (settings.quick_runs ?? 5) : (settings.runs ?? QUICK_RUNS);
  const run = await runConformance({
    apiUrl: url,
    credentials: credentialsFor(ctx),
    seed: settings.seed ?? DEFAULT_SEED,
    runs,
    mode: "full",
    quick: true,
    realClock: false,
    only: [],
  });
  const { measured, ...report } = jsonReport(run);
  const n = counts(run);
  const failedNames = run.results.filter((r) => r.outcome === "fail").map((r) => r.name);
  return {
    status: n.fail === 0 ? "pass" : "fail",
    summary: `${failedNames.length ? `${n.fail} failed (${failedNames.join(", ")}), ` : ""}${n.pass} passed, ${n.skip} skipped of ${run.results.length} properties (seed ${run.seed}, ${runs} sequences)`,
    checks: run.results.map((r) => ({
      name: r.name,
      pass: r.outcome !== "fail",
      message:
        r.outcome === "pass"
          ? `${r.sequences} sequence(s), ${r.calls} call(s)`
          : `${r.outcome === "skip" ? "skipped: " : ""}${r.reason ?? ""}`,
    })),
    deterministic: { ...report, target: { ...report.target, kind: ctx.target.mode } },
    measured,
  };
}

/**
 * `throughput-gate conform` as a gate step: on a fresh twin with the config's scenario and defects, so it never
 * disturbs the twin the controls ran on. Live, it changes the target's policy while it runs, so it runs only when
 * the config says `conformance.live: true`.
 */
export const conformance: GateStep<"conformance"> = {
  id: "conformance",
  title: "API conformance",
  async run(ctx) {
    if (ctx.target.mode === "live" && ctx.config.conformance?.live !== true) {
      const why =
        "not run against a live target: it changes the policy while it runs; set conformance.live to true";
      return {
        status: "skipped",
        summary: why,
        checks: [{ name: "conformance", pass: true, message: why }],
        deterministic: { skipped: why },
        measured: {},
      };
    }
    try {
      if (ctx.target.mode === "live") return await conformOn(ctx, ctx.target.url);
      const twin = await ctx.freshTwin();
      try {
        return await conformOn(ctx, twin.url);
      } finally {
        await twin.close();
      }
    } catch (err) {
      if (err instanceof TransportError || err instanceof ConformFailure) return errorResult(err.message);
      throw err;
    }
  },
};
