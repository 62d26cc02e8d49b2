import { createHash, type Hash } from "node:crypto";
import type { StressProfile } from "../../contract/index.js";
import type { Catalog, Preset } from "../../policy/index.js";
import { generateJobs, type JobTable } from "./arrivals.js";
import {
  type DispatchCaps,
  type DispatchDecision,
  type DispatchLimits,
  type DispatchMode,
  dispatchDecisions,
  presetCaps,
} from "./dispatch.js";
import { DispatchObserver } from "./dispatch-observer.js";
import { EventHeap } from "./heap.js";
import { outOfRange } from "./out-of-range.js";
import { type ClassSlot, Pool } from "./pool.js";
import { seededRandom } from "./random.js";

export interface SimulationOptions {
  /** How dispatch reads a preset; a defect may replace it. Healthy: the preset's own numbers. */
  dispatchCaps?: (caps: DispatchCaps) => DispatchCaps;
  /** Whether a DispatchObserver checks the dispatch invariant at every event. */
  observe?: boolean;
}

export interface SimulationResult {
  profile: string;
  seed: number;
  dispatch: DispatchMode;
  done: boolean;
  jobs_total: number;
  jobs_completed: number;
  events: number;
  trace_sha256: string;
  peak_depth: Record<string, number>;
  invariant_violations: number;
  first_violations: string[];
}

/** Trace records buffered before hashing: (time, kind, job id) as three float64s each. */
const TRACE_CHUNK = 4096;
const EVENT_ARRIVE = 1;
const EVENT_START = 2;
const EVENT_COMPLETE = 3;

/**
 * A discrete-event simulation of the deployment's queues: one worker pool per queue, jobs in classes, dispatch
 * by the rules in docs/architecture.md ("Invariants"). Times are absolute epoch seconds on the twin's clock.
 */
export class Simulation {
  readonly jobs: JobTable;
  readonly startAt: Float64Array;
  readonly endAt: Float64Array;
  private readonly classes: string[];
  private readonly queues: string[];
  private readonly pools: Pool[];
  private readonly completions = new EventHeap(1024);
  private nextArrival = 0;
  private completed = 0;
  private eventCount = 0;
  private readonly trace: Hash = createHash("sha256");
  private readonly traceBuffer = new Float64Array(TRACE_CHUNK * 3);
  private traceFill = 0;
  private readonly observer: DispatchObserver | null;
  private readonly baselinePriority: DispatchDecision;
  private readonly readCaps: (caps: DispatchCaps) => DispatchCaps;
  /** The preset the pools' caps were worked out from; they change only when it does. */
  private capsPreset: Preset | null = null;
  /** Each pool's counts as telemetry reads them, in the catalog's queue order. */
  readonly arrivedPerQueue: Int32Array;
  readonly completedPerQueue: Int32Array;

  constructor(
    catalog: Catalog,
    readonly profile: StressProfile,
    readonly origin: number,
    readonly mode: DispatchMode,
    options: SimulationOptions = {},
  ) {
    this.classes = catalog.classes.map((c) => c.name);
    this.queues = catalog.queues.map((q) => q.name);
    this.jobs = generateJobs(catalog, profile, seededRandom(profile.seed));
    this.startAt = new Float64Array(this.jobs.count).fill(Number.NaN);
    this.endAt = new Float64Array(this.jobs.count).fill(Number.NaN);
    const workers = Int32Array.from(this.queues, (q) => profile.workers[q] ?? 0);
    const decisions = dispatchDecisions(this.classes.length);
    this.pools = this.queues.map(
      (name, index) =>
        new Pool(index, name, workers[index] ?? outOfRange("queue", index), this.classes.length, decisions),
    );
    this.arrivedPerQueue = new Int32Array(this.pools.length);
    this.completedPerQueue = new Int32Array(this.pools.length);
    this.baselinePriority = decisions.baselinePriority;
    this.readCaps = options.dispatchCaps ?? ((caps) => caps);
    this.observer =
      options.observe === false ? null : new DispatchObserver(catalog, this.jobs, workers, mode, origin);
  }

  nextEventTime(): number {
    return Math.min(this.nextArrivalTime(), this.completions.peekTime());
  }

  get done(): boolean {
    return this.nextArrival >= this.jobs.count && this.completions.size === 0;
  }

  /** Jobs waiting in each queue: what RabbitMQ reports as ready. */
  depths(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const pool of this.pools) out[pool.name] = pool.depth;
    return out;
  }

  /** Jobs running in each queue's pool: what RabbitMQ reports as unacked. */
  inFlight(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const pool of this.pools) out[pool.name] = pool.workers - pool.free;
    return out;
  }

  workersOf(queue: string): number {
    return this.pools.find((pool) => pool.name === queue)?.workers ?? 0;
  }

  /** Processes every event at the next event time (completions, then arrivals), then dispatches. */
  step(limitsAt: (t: number) => DispatchLimits): number {
    const t = this.nextEventTime();
    if (!Number.isFinite(t)) return t;
    while (this.completions.size > 0 && this.completions.peekTime() === t)
      this.complete(this.completions.pop(), t);
    while (this.nextArrivalTime() === t) this.arrive(this.nextArrival++, t);
    const limits = limitsAt(t);
    if (limits.preset !== this.capsPreset) this.readPreset(limits.preset);
    this.observer?.roundStarted(limits);
    for (let p = 0; p < this.pools.length; p++) {
      this.dispatch(this.pools[p] ?? outOfRange("pool", p), t, limits.active);
      this.observer?.poolDispatched(t, p);
    }
    return t;
  }

  result(): SimulationResult {
    const digest = this.trace.copy();
    digest.update(new Uint8Array(this.traceBuffer.buffer, 0, this.traceFill * 8));
    const peak: Record<string, number> = {};
    for (const pool of this.pools) peak[pool.name] = pool.peak;
    return {
      profile: this.profile.name,
      seed: this.profile.seed,
      dispatch: this.mode,
      done: this.done,
      jobs_total: this.jobs.count,
      jobs_completed: this.completed,
      events: this.eventCount,
      trace_sha256: digest.digest("hex"),
      peak_depth: peak,
      invariant_violations: this.observer?.violations ?? 0,
      first_violations: this.observer?.firstViolations ?? [],
    };
  }

  /** Per job: [queue, class, arrival, start, end], seconds after the profile started. */
  jobRecords(): [string, string, number, number, number][] {
    const out: [string, string, number, number, number][] = [];
    for (let id = 0; id < this.jobs.count; id++) {
      out.push([
        this.queues[this.jobs.queue[id] ?? outOfRange("job", id)] ?? "",
        this.classes[this.tierOf(id)] ?? "",
        this.jobs.arrival[id] ?? outOfRange("job", id),
        (this.startAt[id] ?? outOfRange("job", id)) - this.origin,
        (this.endAt[id] ?? outOfRange("job", id)) - this.origin,
      ]);
    }
    return out;
  }

  /** Infinity once every job has arrived. */
  private nextArrivalTime(): number {
    const id = this.nextArrival;
    if (id >= this.jobs.count) return Number.POSITIVE_INFINITY;
    return this.origin + (this.jobs.arrival[id] ?? outOfRange("job", id));
  }

  private poolOf(id: number): Pool {
    const index = this.jobs.queue[id] ?? outOfRange("job", id);
    return this.pools[index] ?? outOfRange("pool", index);
  }

  private tierOf(id: number): number {
    return this.jobs.klass[id] ?? outOfRange("job", id);
  }

  /** Adds one event to the trace digest: its time after the start, its kind and its job, as raw float64s. */
  private record(t: number, kind: number, id: number): void {
    this.eventCount += 1;
    const at = this.traceFill;
    this.traceBuffer[at] = t - this.origin;
    this.traceBuffer[at + 1] = kind;
    this.traceBuffer[at + 2] = id;
    this.traceFill = at + 3;
    if (this.traceFill === this.traceBuffer.length) {
      this.trace.update(new Uint8Array(this.traceBuffer.buffer));
      this.traceFill = 0;
    }
  }

  private arrive(id: number, t: number): void {
    const pool = this.poolOf(id);
    pool.slotOf(this.tierOf(id)).waiting.push(id);
    pool.arrived += 1;
    this.arrivedPerQueue[pool.index] = pool.arrived;
    const depth = pool.depth;
    if (depth > pool.peak) pool.peak = depth;
    this.record(t, EVENT_ARRIVE, id);
    this.observer?.arrived(id);
  }

  private complete(id: number, t: number): void {
    const pool = this.poolOf(id);
    pool.slotOf(this.tierOf(id)).running -= 1;
    pool.free += 1;
    this.completed += 1;
    pool.completed += 1;
    this.completedPerQueue[pool.index] = pool.completed;
    this.record(t, EVENT_COMPLETE, id);
    this.observer?.completed(id);
  }

  private start(pool: Pool, decision: DispatchDecision, t: number): void {
    const slot = pool.slotOf(decision.tier);
    const id = slot.waiting.pop();
    this.observer?.started(t, id, decision);
    slot.running += 1;
    pool.free -= 1;
    this.startAt[id] = t;
    const end = t + (this.jobs.service[id] ?? outOfRange("job", id));
    this.endAt[id] = end;
    this.completions.push(end, id);
    this.record(t, EVENT_START, id);
  }

  /** Works out the preset's per-class numbers once, for every dispatch until the preset changes. */
  private readPreset(preset: Preset): void {
    const caps = this.readCaps(presetCaps(this.classes, preset));
    for (const pool of this.pools) pool.applyCaps(caps);
    this.capsPreset = preset;
  }

  /** FIFO across classes: the earliest arrival first. */
  private pickFifo(pool: Pool): DispatchDecision | null {
    let best: ClassSlot | null = null;
    let bestId = Number.POSITIVE_INFINITY;
    for (let slot: ClassSlot | null = pool.baseline; slot; slot = slot.next) {
      const head = slot.waiting.peek();
      if (head >= 0 && head < bestId) {
        best = slot;
        bestId = head;
      }
    }
    return best ? best.byFifo : null;
  }

  /**
   * The policy's choice for one free worker: (1) a lower tier below its floor, (2) the first tier, (3) a lower
   * tier below its limit, which is its preset parallelism while a higher tier waits, and otherwise the workers
   * less the preset's baseline headroom (it borrows idle workers). Null when no class may start.
   */
  private pickByPolicy(pool: Pool): DispatchDecision | null {
    for (let slot = pool.baseline.next; slot; slot = slot.next) {
      if (slot.waiting.length > 0 && slot.running < slot.floor) return slot.byFloor;
    }
    if (pool.baseline.waiting.length > 0) return this.baselinePriority;
    let higherWaiting = false;
    for (let slot = pool.baseline.next; slot; slot = slot.next) {
      if (slot.waiting.length === 0) continue;
      const limit = higherWaiting ? slot.shareWhileHigherWaits : pool.borrowLimit;
      if (slot.running < limit) return slot.byLimit;
      higherWaiting = true;
    }
    return null;
  }

  /** Hands out the pool's free workers: by the policy when it is active, else first come, first served. */
  private dispatch(pool: Pool, t: number, policyActive: boolean): void {
    const byPolicy = this.mode === "policy" && policyActive;
    while (pool.free > 0) {
      const decision = byPolicy ? this.pickByPolicy(pool) : this.pickFifo(pool);
      if (!decision) return;
      this.start(pool, decision, t);
    }
  }
}
