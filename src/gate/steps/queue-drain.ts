import { basename } from "node:path";
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
import { configFile } from "../builtin.js";
import type { KpiSpec } from "../config.js";
import type { WorkUnit } from "../shard.js";
import { applyCandidateArgv, commandLine, ctl } from "./ctl.js";
import {
  type Check,
  errorResult,
  type GateContext,
  type LiveBase,
  type SplitStep,
  type StepResult,
  splitStep,
  type UnitPart,
} from "./step.js";

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
  {
    mode: "twin" | "live";
    /** Live only: where the base runs come from; absent on the twin, which runs its own. */
    base_from?: LiveBase["kind"];
    profiles: string[];
    runs: ProfileRuns[];
    kpis: KpiOutcome[];
  },
  { timelines: ProfileTimelines[] }
>;

/**
 * The drain KPIs a live API shows, by their first key: the live collector samples queue depths and the status, so
 * per-job waits, counts, throughput and starvation are left null. A KPI on another metric is judged on the twin.
 */
const LIVE_METRICS: readonly string[] = [
  "drain_seconds",
  "peak_depth",
  "seconds_at_level",
  "policy_activations",
];

const observableLive = (metric: string) => LIVE_METRICS.includes(metric.split(".")[0] ?? "");

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
export function metricOf(run: Pick<DrainRun, "kpis"> | undefined, path: string): number | null {
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

/**
 * Runs a live collection with the candidate in effect, then reverts to the base preset: the live drain must measure
 * the change it judges, not the state the controls step left. An override lasts the collection and a margin.
 */
async function underCandidate<T>(
  ctx: GateContext,
  timing: { intervalSeconds: number; durationSeconds: number },
  collect: () => Promise<T>,
): Promise<T> {
  const { candidate } = ctx.config;
  const ttl = candidate.ttl_seconds && timing.durationSeconds + 2 * timing.intervalSeconds;
  const apply = applyCandidateArgv({ ...candidate, ttl_seconds: ttl || undefined }, true);
  const applied = await ctl(ctx.target.url, apply);
  if (applied.exitCode !== 0) {
    throw new DrainError(
      `could not apply the candidate for the live drain: ${commandLine(apply)} exited ${applied.exitCode}: ${applied.stderr.trim().split("\n")[0] ?? ""}`,
    );
  }
  try {
    return await collect();
  } finally {
    const base = ctx.config.base_preset ?? "balanced";
    await ctl(ctx.target.url, ["throughput", "revert", "--to", base, "--reason", "gate: live drain done"]);
  }
}

/** The base bundle's candidate run of a profile: in a base recording, the run under the base preset. */
function baseRunOf(runs: readonly ProfileRuns[], profile: string): DrainRecord | null {
  return runs.find((r) => r.profile === profile)?.candidate ?? null;
}

/** One profile's drains, as a shard hands them to the merge; or why the profile could not be drained. */
export type DrainPart =
  | {
      profile: string;
      base: DrainRecord | null;
      baseTimeline: DrainRun["timeline"] | null;
      candidate: DrainRun;
    }
  | { error: string };

async function drainProfile(ctx: GateContext, file: string, names: ReturnType<typeof catalogNames>) {
  const profile = loadProfileFile(configFile(ctx.root, "profile", file), names);
  if (ctx.target.mode === "live") {
    const live = ctx.config.target.live ?? {};
    const timing = {
      intervalSeconds: live.interval_seconds ?? 10,
      durationSeconds: live.duration_seconds ?? 600,
    };
    const collected = await underCandidate(ctx, timing, () =>
      drainLive({ url: ctx.target.url }, profile, timing),
    );
    const run = { ...collected, policy: ctx.config.candidate.preset };
    const recorded = ctx.liveBase.kind === "bundle" ? baseRunOf(ctx.liveBase.runs, profile.name) : null;
    return { profile: profile.name, base: recorded, baseTimeline: null, candidate: run };
  }
  const baseRun = await onTwin(ctx, profile, ctx.config.base_preset ?? "balanced");
  return {
    profile: profile.name,
    base: withoutTimeline(baseRun),
    baseTimeline: baseRun.timeline,
    candidate: await onTwin(ctx, profile, ctx.config.candidate.preset),
  };
}

/** Drains each profile's unit under the base preset and under the candidate, on fresh twins; stops at the first that cannot. */
async function measureDrains(ctx: GateContext, units: readonly WorkUnit[]): Promise<UnitPart<DrainPart>[]> {
  const names = catalogNames(configFile(ctx.root, "catalog", ctx.config.catalog));
  const parts: UnitPart<DrainPart>[] = [];
  for (const unit of units) {
    try {
      parts.push({ unit: unit.id, part: await drainProfile(ctx, unit.key ?? "", names) });
    } catch (err) {
      if (!(err instanceof ProfileError || err instanceof DrainError)) throw err;
      parts.push({ unit: unit.id, part: { error: err.message } });
      break;
    }
  }
  return parts;
}

function assembleDrains(ctx: GateContext, parts: readonly UnitPart<DrainPart>[]): QueueDrainResult {
  const failed = parts.find((p) => "error" in p.part)?.part;
  if (failed && "error" in failed) return errorResult(failed.error);
  const runs = parts.flatMap((p) => ("error" in p.part ? [] : [p.part]));
  const files = parts.map((p) => p.unit.slice("queue-drain:".length));
  // --quick and a shard run fewer profiles on purpose; a KPI on a profile left out is noted, not judged.
  const partial = ctx.quick || ctx.shard !== undefined;
  const declared = ctx.config.kpis.filter((k) => !partial || runs.some((r) => r.profile === k.profile));
  const kpis = declared.map((k) => {
    const r = runs.find((x) => x.profile === k.profile);
    return judgeKpi(k, metricOf(r?.base ?? undefined, k.metric), metricOf(r?.candidate, k.metric));
  });
  const live = ctx.target.mode === "live";
  const checks: Check[] = kpis.map((k) => {
    if (live && !observableLive(k.metric))
      return {
        name: `KPI ${k.id}`,
        pass: true,
        message: `${k.metric} is not observable on a live API (no per-job records); the twin run judges it`,
      };
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
      ...(live ? { base_from: ctx.liveBase.kind } : {}),
      profiles: files.map((f) => basename(f)),
      runs: runs.map((r) => ({
        profile: r.profile,
        base: r.base,
        candidate: withoutTimeline(r.candidate),
      })),
      kpis,
    },
    measured: {
      timelines: runs.map((r) => ({
        profile: r.profile,
        base: r.baseTimeline,
        candidate: r.candidate.timeline,
      })),
    },
  };
}

/** Replays each profile under the base preset and under the candidate, on fresh twins; judges the declared KPIs. */
export const queueDrain: SplitStep<"queue-drain", DrainPart> = splitStep({
  id: "queue-drain",
  title: "queue drain",
  measure: measureDrains,
  assemble: assembleDrains,
});
