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
  ingestFailure,
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
import {
  catalogProblems,
  type Defect,
  depthsAt,
  epochSeconds,
  type Scenario,
  ScenarioError,
  type TelemetryMode,
} from "./scenario.js";
import { type DispatchLimits, type DispatchMode, Simulation } from "./sim/simulation.js";

export type Outcome<T> = { ok: true; value: T; changed: boolean } | { ok: false; error: PolicyError };

/**
 * The twin's state and logic, free of HTTP: a policy state on a virtual clock, fed by the scenario's telemetry,
 * with the scenario's defects switched on where asked. Everything here is deterministic.
 */
export class TwinModel {
  readonly clock: VirtualClock;
  private state: PolicyState;
  private telemetryMode: TelemetryMode;
  private nextSampleAt: number;
  private readonly epoch: number;
  private readonly interval: number;
  private readonly defects: ReadonlySet<Defect>;
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
    this.defects = new Set(scenario.defects ?? []);
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

  has(defect: Defect): boolean {
    return this.defects.has(defect);
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
    this.sim = new Simulation(this.catalog, profile, this.now, mode);
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
      const round = (n: number) => Math.round((n / span) * 1000) / 1000;
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
    const limits = {
      ...dispatchLimits(this.catalog, this.viewState(t), t),
      ignoreFloor: this.has("ignore_expensive_floor"),
    };
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

  /** The status, or a what-if of it. Changes nothing. */
  status(whatIf: WhatIf = {}): Outcome<PolicyStatus> {
    const preset = this.fallBack(whatIf.preset);
    if (preset === undefined && whatIf.telemetryStale !== true) {
      return {
        ok: true,
        value: this.applyStatusDefects(deriveStatus(this.catalog, this.viewState(), this.now)),
        changed: false,
      };
    }
    const result = evaluateWhatIf(this.catalog, this.viewState(), this.now, {
      preset,
      telemetryStale: whatIf.telemetryStale,
    });
    if (!result.ok) return result;
    return { ok: true, value: this.applyStatusDefects(result.status), changed: false };
  }

  /** What `GET status` serves: the status, except that defect `status_read_mutates` makes the read a write. */
  read(whatIf: WhatIf = {}): Outcome<PolicyStatus> {
    const isWhatIf = whatIf.preset !== undefined || whatIf.telemetryStale === true;
    if (!isWhatIf && this.has("status_read_mutates")) this.mutateOnRead();
    return this.status(whatIf);
  }

  setPreset(preset: string, reason: string, actor: string): Outcome<PolicyStatus> {
    const input = { preset: this.fallBack(preset) ?? preset, reason, actor };
    return this.mutate(setBasePreset(this.catalog, this.state, input, this.now));
  }

  createOverride(preset: string, ttlSeconds: number, reason: string, actor: string, replace: boolean) {
    const input = { preset: this.fallBack(preset) ?? preset, ttlSeconds, reason, actor, replace };
    return this.mutate(createOverride(this.catalog, this.state, input, this.now));
  }

  clearOverride(reason: string, actor: string): Outcome<PolicyStatus> {
    return this.mutate(clearOverride(this.catalog, this.viewState(), { reason, actor }, this.now));
  }

  revert(toPreset: string | undefined, reason: string, actor: string) {
    const before = this.status();
    const input = { toPreset: this.fallBack(toPreset), reason, actor };
    const after = this.mutate(revert(this.catalog, this.viewState(), input, this.now));
    if (!before.ok) return before;
    if (!after.ok) return after;
    return { ok: true as const, changed: after.changed, value: { before: before.value, after: after.value } };
  }

  history(sinceSeconds?: number) {
    const since = sinceSeconds === undefined ? undefined : this.now - sinceSeconds;
    return historyAt(this.viewState(), this.now, since).map((e) => ({ ...e, at: isoTime(e.at) }));
  }

  private mutate(result: OpResult): Outcome<PolicyStatus> {
    if (!result.ok) return result;
    this.state = result.state;
    const status = this.status();
    return status.ok ? { ok: true, value: status.value, changed: result.changed } : status;
  }

  /** Defect `unknown_preset_falls_back`: the earlier client's silent fallback to the known-good preset. */
  private fallBack(preset: string | undefined): string | undefined {
    if (preset === undefined || !this.has("unknown_preset_falls_back")) return preset;
    return findPreset(this.catalog, preset) ? preset : this.catalog.known_good_preset;
  }

  /** Defect `override_never_expires`: the override is seen as live forever, as a client-side marker was. */
  private viewState(at: number = this.now): PolicyState {
    const o = this.state.override;
    if (!o || !this.has("override_never_expires") || at < o.expiresAt) return this.state;
    return { ...this.state, override: { ...o, expiresAt: at + 1 } };
  }

  /** Defect `status_read_mutates`: a read bumps the version and restarts the pressure timer. */
  private mutateOnRead(): void {
    const pressure = { ...this.state.pressure, elevatedSince: this.now };
    this.state = { ...this.state, version: this.state.version + 1, pressure };
  }

  /** Defect `ignore_expensive_floor`: under an active policy the lower tiers get no workers at all. */
  private applyStatusDefects(status: PolicyStatus): PolicyStatus {
    if (!this.has("ignore_expensive_floor") || !status.policy_active) return status;
    const class_states = status.class_states.map((c, tier) =>
      tier === 0 ? c : { ...c, active_parallelism: 0 },
    );
    return { ...status, class_states };
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
      result = this.has("telemetry_error_reads_normal")
        ? ingestSample(this.catalog, this.state, this.zeroDepths(), t)
        : ingestFailure(this.catalog, this.state, "queue telemetry source is failing", t);
    }
    if (result?.ok) this.state = result.state;
  }

  private zeroDepths(): Record<string, number> {
    return Object.fromEntries(this.catalog.queues.map((q) => [q.name, 0]));
  }
}
