import { basename, resolve } from "node:path";
import { roundTo } from "../../common/index.js";
import type { StressProfile } from "../../contract/index.js";
import {
  catalogNames,
  DrainError,
  type DrainRun,
  drainLive,
  drainOnTwin,
  loadProfileFile,
  ProfileError,
} from "../../drain/index.js";
import type { KpiSpec } from "../config.js";
import { type Check, errorResult, type GateContext, type GateStep, type StepResult } from "./step.js";

export interface KpiOutcome {
  id: string;
  profile: string;
  metric: string;
  base: number | null;
  candidate: number | null;
  /** Relative change in the good direction: +0.3 is 30% better. */
  improvement: number | null;
  improved: boolean;
  critical: boolean;
}

/** A drain as the bundle keeps it: its timeline goes to the measured part. */
export type DrainRecord = Pick<DrainRun, "policy" | "trace_sha256" | "kpis" | "invariant_violations">;

export interface ProfileRuns {
  profile: string;
  /** null when live: there is no base run to compare with. */
  base: DrainRecord | null;
  candidate: DrainRecord;
}

export interface ProfileTimelines {
  profile: string;
  base: DrainRun["timeline"] | null;
  candidate: DrainRun["timeline"];
}

export type QueueDrainResult = StepResult<
  { mode: "twin" | "live"; profiles: string[]; runs: ProfileRuns[]; kpis: KpiOutcome[] },
  { timelines: ProfileTimelines[] }
>;

/** A drain as the bundle keeps it, its timeline left to the measured part. */
function withoutTimeline(run: DrainRun): DrainRecord {
  return {
    policy: run.policy,
    trace_sha256: run.trace_sha256,
    kpis: run.kpis,
    invariant_violations: run.invariant_violations,
  };
}

/** Reads a dotted path such as wait_seconds.baseline.p95 out of a run's KPIs. */
export function metricOf(run: DrainRun | undefined, path: string): number | null {
  let value: unknown = run?.kpis;
  for (const key of path.split(".")) value = (value as Record<string, unknown> | null)?.[key];
  return typeof value === "number" ? value : null;
}

export function judgeKpi(spec: KpiSpec, base: number | null, candidate: number | null): KpiOutcome {
  const outcome = { id: spec.id, profile: spec.profile, metric: spec.metric, base, candidate };
  if (base === null || candidate === null)
    return { ...outcome, improvement: null, improved: false, critical: false };
  const change =
    base === 0
      ? candidate === 0
        ? 0
        : Math.sign(candidate) * Number.POSITIVE_INFINITY
      : (candidate - base) / base;
  const improvement = spec.direction === "lower" ? -change : change;
  return {
    ...outcome,
    improvement: Number.isFinite(improvement) ? roundTo(improvement, 4) : improvement,
    improved: improvement >= spec.improve_by,
    critical: -improvement >= spec.critical_regression,
  };
}

async function onTwin(ctx: GateContext, profile: StressProfile, preset: string): Promise<DrainRun> {
  const twin = await ctx.freshTwin();
  try {
    return await drainOnTwin({ url: twin.url }, profile, { preset });
  } finally {
    await twin.close();
  }
}

/** Replays each profile under the base preset and under the candidate, on fresh twins; judges the declared KPIs. */
export const queueDrain: GateStep<"queue-drain"> = {
  id: "queue-drain",
  title: "queue drain",
  async run(ctx) {
    const files = ctx.quick ? (ctx.config.quick_profiles ?? ctx.config.profiles) : ctx.config.profiles;
    const names = catalogNames(resolve(ctx.root, ctx.config.catalog));
    const base = ctx.config.base_preset ?? "balanced";
    const runs: { profile: string; base: DrainRun | null; candidate: DrainRun }[] = [];
    try {
      for (const file of files) {
        const profile = loadProfileFile(resolve(ctx.root, file), names);
        if (ctx.target.mode === "live") {
          const live = ctx.config.target.live ?? {};
          const run = await drainLive({ url: ctx.target.url }, profile, {
            intervalSeconds: live.interval_seconds ?? 10,
            durationSeconds: live.duration_seconds ?? 600,
          });
          runs.push({ profile: profile.name, base: null, candidate: run });
          continue;
        }
        runs.push({
          profile: profile.name,
          base: await onTwin(ctx, profile, base),
          candidate: await onTwin(ctx, profile, ctx.config.candidate.preset),
        });
      }
    } catch (err) {
      if (err instanceof ProfileError || err instanceof DrainError) return errorResult(err.message);
      throw err;
    }
    // --quick runs fewer profiles on purpose; a KPI on a profile left out is noted, not judged.
    const declared = ctx.config.kpis.filter((k) => !ctx.quick || runs.some((r) => r.profile === k.profile));
    const kpis = declared.map((k) => {
      const r = runs.find((x) => x.profile === k.profile);
      return judgeKpi(k, metricOf(r?.base ?? undefined, k.metric), metricOf(r?.candidate, k.metric));
    });
    const checks: Check[] = kpis.map((k) => {
      const measured = k.candidate !== null && (k.base !== null || ctx.target.mode === "live");
      const missing = runs.some((r) => r.profile === k.profile)
        ? `metric "${k.metric}" is not among the drain KPIs`
        : `profile "${k.profile}" is not one the gate ran`;
      return {
        name: `KPI ${k.id}`,
        pass: measured && !k.critical,
        message: measured
          ? `${k.metric} on ${k.profile}: base ${k.base ?? "-"}, candidate ${k.candidate ?? "-"}${k.improved ? " (improved)" : ""}${k.critical ? " (critical regression)" : ""}`
          : `cannot judge this KPI: ${missing}`,
      };
    });
    const violations = runs.reduce((n, r) => n + (r.candidate.invariant_violations ?? 0), 0);
    return {
      status: checks.every((c) => c.pass) ? "pass" : "fail",
      summary: `${runs.length} profile(s); ${kpis.filter((k) => k.improved).length} KPI(s) improved, ${kpis.filter((k) => k.critical).length} critical regression(s); ${violations} dispatch invariant violation(s)`,
      checks,
      deterministic: {
        mode: ctx.target.mode,
        profiles: files.map((f) => basename(f)),
        runs: runs.map((r) => ({
          profile: r.profile,
          base: r.base ? withoutTimeline(r.base) : null,
          candidate: withoutTimeline(r.candidate),
        })),
        kpis,
      },
      measured: {
        timelines: runs.map((r) => ({
          profile: r.profile,
          base: r.base?.timeline ?? null,
          candidate: r.candidate.timeline,
        })),
      },
    };
  },
};
