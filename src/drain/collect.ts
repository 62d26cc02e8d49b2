import type { Queues, Status, StressProfile } from "../contract/index.js";
import { type ApiTarget, callJson, DrainError, twinUrl } from "./api.js";
import { type JobRecord, jobKpis, type Kpis, type Sample, sampledKpis } from "./kpis.js";

const STATUS = "workflows/throughput-policy/status";
const PRESET = "workflows/throughput-policy/preset";

/** The policy a run is under: a preset of the catalog, or none at all (FIFO, as Nemesis runs today). */
export type PolicyChoice = { preset: string } | { off: true };

export interface DrainRun {
  profile: string;
  seed: number;
  mode: "twin" | "live";
  policy: string;
  trace_sha256: string | null;
  events: number | null;
  invariant_violations: number | null;
  kpis: Kpis;
  /** Queue depth and pressure at each sample, for charts. */
  timeline: Sample[];
}

interface SimulationBody {
  done: boolean;
  trace_sha256: string;
  events: number;
  invariant_violations: number;
  first_violations: string[];
  peak_depth: Record<string, number>;
  jobs?: JobRecord[];
}

const api = (target: ApiTarget, path: string) => `${target.url.replace(/\/+$/, "")}/${path}`;
const policyName = (choice: PolicyChoice) => ("off" in choice ? "off" : choice.preset);

async function sample(target: ApiTarget, t: number): Promise<Sample> {
  const status = await callJson<Status>(target, "GET", api(target, STATUS));
  const queues = await callJson<Queues>(target, "GET", api(target, "queues"));
  const depths = Object.fromEntries(queues.queues.map((q) => [q.queue, q.ready]));
  return { t, level: status.queue_pressure_level, policy_active: status.policy_active, depths };
}

async function classesOf(target: ApiTarget): Promise<string[]> {
  const catalog = await callJson<{ classes: { name: string }[] }>(
    target,
    "GET",
    api(target, "workflows/throughput-policy/presets"),
  );
  return catalog.classes.map((c) => c.name);
}

/**
 * Replays a profile on the twin: loads it, sets the preset through the API as an operator would, then advances
 * the virtual clock one sampling interval at a time, reading the status and queues, until every queue is empty.
 */
export async function drainOnTwin(
  target: ApiTarget,
  profile: StressProfile,
  choice: PolicyChoice,
  intervalSeconds = 10,
): Promise<DrainRun> {
  const classes = await classesOf(target);
  if ("preset" in choice) {
    await callJson(target, "PUT", api(target, PRESET), {
      preset: choice.preset,
      reason: `queue-drain: ${profile.name}`,
    });
  }
  const dispatch = "off" in choice ? "fifo" : "policy";
  await callJson(target, "POST", twinUrl(target, "/__twin/profile"), { profile, dispatch });
  const limit = profile.max_seconds ?? 86_400;
  const samples: Sample[] = [];
  for (let t = 0; ; t += intervalSeconds) {
    samples.push(await sample(target, t));
    const advanced = await callJson<{ simulation: { done: boolean } | null }>(
      target,
      "POST",
      twinUrl(target, "/__twin/clock/advance"),
      { seconds: intervalSeconds },
    );
    if (advanced.simulation?.done) break;
    if (t + intervalSeconds > limit) {
      throw new DrainError(`profile ${profile.name} did not drain within its max_seconds (${limit} s)`);
    }
  }
  const sim = await callJson<SimulationBody>(target, "GET", twinUrl(target, "/__twin/simulation?jobs=true"));
  return {
    profile: profile.name,
    seed: profile.seed,
    mode: "twin",
    policy: policyName(choice),
    trace_sha256: sim.trace_sha256,
    events: sim.events,
    invariant_violations: sim.invariant_violations,
    kpis: jobKpis(sim.jobs ?? [], samples, intervalSeconds, classes, sim.peak_depth),
    timeline: samples,
  };
}

export interface LiveOptions {
  intervalSeconds: number;
  durationSeconds: number;
  /** Waits between samples; injected so tests need not sleep. */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Samples a live deployment's GET /queues and status on the wall clock, at a fixed interval, for a bounded time.
 * It stops early once the queues have drained. Per-job waits are not observable this way and are left null.
 */
export async function drainLive(
  target: ApiTarget,
  profile: StressProfile,
  options: LiveOptions,
): Promise<DrainRun> {
  const classes = await classesOf(target);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const samples: Sample[] = [];
  for (let t = 0; t <= options.durationSeconds; t += options.intervalSeconds) {
    samples.push(await sample(target, t));
    const busyBefore = samples.some((s) => Object.values(s.depths).some((d) => d > 0));
    const idleNow = Object.values(samples[samples.length - 1]?.depths ?? {}).every((d) => d === 0);
    if (busyBefore && idleNow) break;
    if (t + options.intervalSeconds <= options.durationSeconds) await sleep(options.intervalSeconds * 1000);
  }
  return {
    profile: profile.name,
    seed: profile.seed,
    mode: "live",
    policy: "as deployed",
    trace_sha256: null,
    events: null,
    invariant_violations: null,
    kpis: sampledKpis(samples, options.intervalSeconds, classes),
    timeline: samples,
  };
}
