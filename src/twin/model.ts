import { round3 } from "../common/index.js";
import type { StressProfile } from "../contract/index.js";
import {
  type Catalog,
  clearOverride,
  createOverride,
  deriveStatus,
  dispatchLimits,
  evaluateWhatIf,
  findPreset,
  historyAt,
  ingestSample,
  initialState,
  isoTime,
  type OpResult,
  type PolicyError,
  type PolicyState,
  type PolicyStatus,
  revert,
  setBasePreset,
  type WhatIf,
} from "../policy/index.js";
import { VirtualClock } from "./clock.js";
import { type TwinRules, twinRules } from "./defects.js";
import {
  catalogProblems,
  depthsAt,
  epochSeconds,
  type Scenario,
  ScenarioError,
  type TelemetryMode,
} from "./scenario.js";
import type { DispatchLimits, DispatchMode } from "./sim/dispatch.js";
import { Simulation } from "./sim/simulation.js";

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

export type Outcome<T> = { ok: true; value: T; changed: boolean } | { ok: false; error: PolicyError };

/**
 * The twin's state and logic, free of HTTP: a policy state on a virtual clock, fed by the scenario's telemetry.
 * It reads as a healthy deployment; each rule a defect may replace goes through `rules` (see defects.ts).
 * Everything here is deterministic.
 */
export class TwinModel {
  readonly clock: VirtualClock;
  private state: PolicyState;
  private telemetryMode: TelemetryMode;
  private nextSampleAt: number;
  private readonly epoch: number;
  private readonly interval: number;
  /** The rules this deployment plays by: the healthy ones, with the scenario's defects laid over them. */
  readonly rules: TwinRules;
  private sim: Simulation | null = null;
  /** Arrivals and completions per queue at the last sample, for RabbitMQ-style recent rates. */
  private counts: { at: number; arrived: Int32Array; completed: Int32Array }[] = [];

  constructor(
    readonly catalog: Catalog,
    readonly scenario: Scenario,
  ) {
    const problems = catalogProblems(scenario, catalog);
    if (problems.length > 0) throw new ScenarioError(`scenario ${scenario.name}: ${problems.join("; ")}`);
    this.epoch = epochSeconds(scenario);
    this.clock = new VirtualClock(this.epoch);
    this.interval = scenario.sample_interval_seconds ?? 10;
    this.rules = twinRules(scenario.defects ?? []);
    this.telemetryMode = scenario.telemetry_mode ?? "ok";
    const base = scenario.base_preset;
    this.state =
      base && findPreset(catalog, base)
        ? { ...initialState(catalog), basePreset: base }
        : initialState(catalog);
    this.nextSampleAt = this.epoch;
    this.sampleUpTo(this.epoch);
  }

  get now(): number {
    return this.clock.now;
  }

  get version(): number {
    return this.state.version;
  }

  get mode(): TelemetryMode {
    return this.telemetryMode;
  }

  /**
   * Moves the virtual clock, running the simulation's events and taking every telemetry sample that falls due on
   * the way, in time order. At equal times the simulation goes first, so a sample sees its effect.
   */
  advance(seconds: number): number {
    const target = this.now + seconds;
    const limitsAt = this.limitsAtFn;
    for (;;) {
      const simAt = this.sim ? this.sim.nextEventTime() : Number.POSITIVE_INFINITY;
      const next = Math.min(simAt, this.nextSampleAt);
      if (next > target) break;
      if (simAt <= this.nextSampleAt) this.sim?.step(limitsAt);
      else {
        this.sampleAt(this.nextSampleAt);
        this.nextSampleAt += this.interval;
      }
    }
    return this.clock.advance(seconds);
  }

  /** Starts a stress profile now: its simulation replaces the scenario's telemetry timeline. */
  loadProfile(profile: StressProfile, mode: DispatchMode): void {
    this.sim = new Simulation(this.catalog, profile, this.now, mode, {
      dispatchCaps: this.rules.dispatchCaps,
    });
  }

  get simulation(): Simulation | null {
    return this.sim;
  }

  /** Messages per second in and out of each queue since the last telemetry sample. */
  ratesNow(): Record<string, { publish: number; deliver: number }> {
    const sim = this.sim;
    const last = [...this.counts].reverse().find((c) => c.at < this.now);
    if (!sim || !last) return {};
    const span = this.now - last.at;
    const out: Record<string, { publish: number; deliver: number }> = {};
    this.catalog.queues.forEach((q, i) => {
      const round = (n: number) => round3(n / span);
      out[q.name] = {
        publish: round((sim.arrivedPerQueue[i] ?? 0) - (last.arrived[i] ?? 0)),
        deliver: round((sim.completedPerQueue[i] ?? 0) - (last.completed[i] ?? 0)),
      };
    });
    return out;
  }

  private readonly limitsAtFn = (t: number) => this.limitsAt(t);
  private limitsCache: { state: PolicyState; key: number; limits: DispatchLimits } | null = null;

  /**
   * The limits in force at `t`. Every time the policy compares against (samples, TTLs, windows, staleness) is a
   * whole second, so the answer is the same all through an open interval (k, k+1): one evaluation serves every
   * event inside it, until the state changes.
   */
  private limitsAt(t: number): DispatchLimits {
    const key = Number.isInteger(t) ? t : Math.floor(t) + 0.5;
    const cached = this.limitsCache;
    if (cached && cached.state === this.state && cached.key === key) return cached.limits;
    const limits = dispatchLimits(this.catalog, this.viewState(t), t);
    this.limitsCache = { state: this.state, key, limits };
    return limits;
  }

  setTelemetryMode(mode: TelemetryMode): void {
    this.telemetryMode = mode;
    if (mode !== "stale") this.sampleAt(this.now);
  }

  depthsNow(): Record<string, number> {
    return this.sim ? this.sim.depths() : depthsAt(this.scenario, this.now - this.epoch);
  }

  /** The status, or a what-if of it. Changes nothing. The plain status is shared between reads: do not change it. */
  status(whatIf: WhatIf = {}): Outcome<PolicyStatus> {
    const preset = this.presetNamed(whatIf.preset);
    if (preset === undefined && whatIf.telemetryStale !== true) {
      return { ok: true, value: this.plainStatus(), changed: false };
    }
    const result = evaluateWhatIf(this.catalog, this.viewState(), this.now, {
      preset,
      telemetryStale: whatIf.telemetryStale,
    });
    if (!result.ok) return result;
    return { ok: true, value: this.rules.statusServed(result.status), changed: false };
  }

  /** What `GET status` serves. A read changes nothing (invariant 5) unless a defect says otherwise. */
  read(whatIf: WhatIf = {}): Outcome<PolicyStatus> {
    const isWhatIf = whatIf.preset !== undefined || whatIf.telemetryStale === true;
    if (!isWhatIf) this.state = this.rules.stateAfterRead(this.state, this.now);
    return this.status(whatIf);
  }

  private statusCache: { state: PolicyState; now: number; status: PolicyStatus } | null = null;

  /**
   * The status derived from the state and the clock alone, so reads with neither changed share one, frozen so that
   * no reader can change it for the next. A change of state is a new state object: the policy engine never edits one.
   */
  private plainStatus(): PolicyStatus {
    const cached = this.statusCache;
    if (cached && cached.state === this.state && cached.now === this.now) return cached.status;
    const status = deepFreeze(
      this.rules.statusServed(deriveStatus(this.catalog, this.viewState(), this.now)),
    );
    this.statusCache = { state: this.state, now: this.now, status };
    return status;
  }

  setPreset(preset: string, reason: string, actor: string): Outcome<PolicyStatus> {
    const input = { preset: this.presetNamed(preset) ?? preset, reason, actor };
    return this.mutate(setBasePreset(this.catalog, this.state, input, this.now));
  }

  createOverride(preset: string, ttlSeconds: number, reason: string, actor: string, replace: boolean) {
    const input = { preset: this.presetNamed(preset) ?? preset, ttlSeconds, reason, actor, replace };
    return this.mutate(createOverride(this.catalog, this.state, input, this.now));
  }

  clearOverride(reason: string, actor: string): Outcome<PolicyStatus> {
    return this.mutate(clearOverride(this.catalog, this.viewState(), { reason, actor }, this.now));
  }

  revert(toPreset: string | undefined, reason: string, actor: string) {
    const before = this.status();
    const input = { toPreset: this.presetNamed(toPreset), reason, actor };
    const after = this.mutate(revert(this.catalog, this.viewState(), input, this.now));
    if (!before.ok) return before;
    if (!after.ok) return after;
    return { ok: true as const, changed: after.changed, value: { before: before.value, after: after.value } };
  }

  history(sinceSeconds?: number) {
    const since = sinceSeconds === undefined ? undefined : this.now - sinceSeconds;
    return historyAt(this.viewState(), this.now, since).map((e) => ({ ...e, at: isoTime(e.at) }));
  }

  /** Runs one HTTP mutation, its If-Match check included, as the rules space check and commit. Healthy: atomic. */
  runMutation<T>(act: () => T): T | Promise<T> {
    return this.rules.mutationRun(act, {
      saved: () => this.state,
      restore: (state) => {
        this.state = state;
      },
    });
  }

  private mutate(result: OpResult): Outcome<PolicyStatus> {
    if (!result.ok) return result;
    this.state = result.state;
    const status = this.status();
    return status.ok ? { ok: true, value: status.value, changed: result.changed } : status;
  }

  private presetNamed(preset: string | undefined): string | undefined {
    return this.rules.presetNamed(this.catalog, preset);
  }

  private viewState(at: number = this.now): PolicyState {
    return this.rules.stateSeen(this.state, at);
  }

  private sampleUpTo(target: number): void {
    while (this.nextSampleAt <= target) {
      this.sampleAt(this.nextSampleAt);
      this.nextSampleAt += this.interval;
    }
  }

  private sampleAt(t: number): void {
    const offset = t - this.epoch;
    if (this.sim) {
      const snapshot = {
        at: t,
        arrived: this.sim.arrivedPerQueue.slice(),
        completed: this.sim.completedPerQueue.slice(),
      };
      this.counts = [...this.counts.slice(-1), snapshot];
    }
    let result: OpResult | null = null;
    if (this.telemetryMode === "ok") {
      const depths = this.sim ? this.sim.depths() : depthsAt(this.scenario, offset);
      result = ingestSample(this.catalog, this.state, depths, t);
    } else if (this.telemetryMode === "failing") {
      result = this.rules.telemetryFailed(this.catalog, this.state, t);
    }
    if (result?.ok) this.state = result.state;
  }
}
