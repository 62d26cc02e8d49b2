import { createHash, type Hash } from "node:crypto";
import type { StressProfile } from "../../contract/index.js";
import type { Catalog, Preset } from "../../policy/index.js";
import { generateJobs, type JobTable } from "./arrivals.js";
import {
  type DispatchCaps,
  type DispatchDecision,
  type DispatchDecisions,
  type DispatchLimits,
  type DispatchMode,
  dispatchDecisions,
  presetCaps,
} from "./dispatch.js";
import { DispatchObserver } from "./dispatch-observer.js";
import { EventHeap } from "./heap.js";
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

/** A FIFO of job ids with a moving head: no shifting, no allocation per pop. */
class JobQueue {
  private ids: number[] = [];
  private head = 0;
  get length(): number {
    return this.ids.length - this.head;
  }
  push(id: number): void {
    this.ids.push(id);
  }
  peek(): number {
    return this.ids[this.head] ?? -1;
  }
  pop(): number {
    const id = this.ids[this.head++] ?? -1;
    if (this.head > 4096 && this.head * 2 > this.ids.length) {
      this.ids = this.ids.slice(this.head);
      this.head = 0;
    }
    return id;
  }
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
  private readonly workers: Int32Array;
  private readonly free: Int32Array;
  private readonly running: Int32Array;
  private readonly waiting: JobQueue[];
  private readonly peak: Int32Array;
  private readonly completions = new EventHeap(1024);
  private nextArrival = 0;
  private completed = 0;
  private eventCount = 0;
  private readonly trace: Hash = createHash("sha256");
  private readonly traceBuffer = new Float64Array(TRACE_CHUNK * 3);
  private traceFill = 0;
  private readonly observer: DispatchObserver | null;
  private readonly decisions: DispatchDecisions;
  private readonly readCaps: (caps: DispatchCaps) => DispatchCaps;
  /** The preset the caps below were worked out from; they change only when it does. */
  private capsPreset: Preset | null = null;
  private caps: DispatchCaps | null = null;
  /** Per pool: a lower tier's limit when no higher tier waits (the pool less the baseline headroom). */
  private readonly borrowLimit: Int32Array;
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
    const pools = this.queues.length;
    this.workers = Int32Array.from(this.queues, (q) => profile.workers[q] ?? 0);
    this.free = Int32Array.from(this.workers);
    this.running = new Int32Array(pools * this.classes.length);
    this.waiting = Array.from({ length: pools * this.classes.length }, () => new JobQueue());
    this.peak = new Int32Array(pools);
    this.arrivedPerQueue = new Int32Array(pools);
    this.completedPerQueue = new Int32Array(pools);
    this.borrowLimit = new Int32Array(pools);
    this.decisions = dispatchDecisions(this.classes.length);
    this.readCaps = options.dispatchCaps ?? ((caps) => caps);
    this.observer =
      options.observe === false ? null : new DispatchObserver(catalog, this.jobs, this.workers, mode, origin);
  }

  nextEventTime(): number {
    const arrival =
      this.nextArrival < this.jobs.count
        ? this.origin + (this.jobs.arrival[this.nextArrival] as number)
        : Infinity;
    return Math.min(arrival, this.completions.peekTime());
  }

  get done(): boolean {
    return this.nextArrival >= this.jobs.count && this.completions.size === 0;
  }

  /** Jobs waiting in each queue: what RabbitMQ reports as ready. */
  depths(): Record<string, number> {
    const out: Record<string, number> = {};
    this.queues.forEach((q, p) => {
      out[q] = this.waitingIn(p);
    });
    return out;
  }

  /** Jobs running in each queue's pool: what RabbitMQ reports as unacked. */
  inFlight(): Record<string, number> {
    const out: Record<string, number> = {};
    this.queues.forEach((q, p) => {
      out[q] = (this.workers[p] as number) - (this.free[p] as number);
    });
    return out;
  }

  workersOf(queue: string): number {
    return this.workers[this.queues.indexOf(queue)] ?? 0;
  }

  /** Processes every event at the next event time (completions, then arrivals), then dispatches. */
  step(limitsAt: (t: number) => DispatchLimits): number {
    const t = this.nextEventTime();
    if (!Number.isFinite(t)) return t;
    while (this.completions.size > 0 && this.completions.peekTime() === t)
      this.complete(this.completions.pop(), t);
    while (
      this.nextArrival < this.jobs.count &&
      this.origin + (this.jobs.arrival[this.nextArrival] as number) === t
    ) {
      this.arrive(this.nextArrival++, t);
    }
    const limits = limitsAt(t);
    if (limits.preset !== this.capsPreset) this.readPreset(limits.preset);
    this.observer?.roundStarted(limits);
    for (let p = 0; p < this.queues.length; p++) {
      this.dispatch(p, t, limits.active);
      this.observer?.poolDispatched(t, p);
    }
    return t;
  }

  result(): SimulationResult {
    const digest = this.trace.copy();
    digest.update(new Uint8Array(this.traceBuffer.buffer, 0, this.traceFill * 8));
    const peak: Record<string, number> = {};
    this.queues.forEach((q, p) => {
      peak[q] = this.peak[p] as number;
    });
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
        this.queues[this.jobs.queue[id] as number] ?? "",
        this.classes[this.jobs.klass[id] as number] ?? "",
        this.jobs.arrival[id] as number,
        (this.startAt[id] as number) - this.origin,
        (this.endAt[id] as number) - this.origin,
      ]);
    }
    return out;
  }

  private waitingIn(pool: number): number {
    let n = 0;
    for (let c = 0; c < this.classes.length; c++)
      n += (this.waiting[pool * this.classes.length + c] as JobQueue).length;
    return n;
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
    const p = this.jobs.queue[id] as number;
    (this.waiting[p * this.classes.length + (this.jobs.klass[id] as number)] as JobQueue).push(id);
    this.arrivedPerQueue[p] = (this.arrivedPerQueue[p] as number) + 1;
    const depth = this.waitingIn(p);
    if (depth > (this.peak[p] as number)) this.peak[p] = depth;
    this.record(t, EVENT_ARRIVE, id);
    this.observer?.arrived(id);
  }

  private complete(id: number, t: number): void {
    const p = this.jobs.queue[id] as number;
    const slot = p * this.classes.length + (this.jobs.klass[id] as number);
    this.running[slot] = (this.running[slot] as number) - 1;
    this.free[p] = (this.free[p] as number) + 1;
    this.completed += 1;
    this.completedPerQueue[p] = (this.completedPerQueue[p] as number) + 1;
    this.record(t, EVENT_COMPLETE, id);
    this.observer?.completed(id);
  }

  private start(pool: number, decision: DispatchDecision, t: number): void {
    const slot = pool * this.classes.length + decision.tier;
    const id = (this.waiting[slot] as JobQueue).pop();
    this.observer?.started(t, id, decision);
    this.running[slot] = (this.running[slot] as number) + 1;
    this.free[pool] = (this.free[pool] as number) - 1;
    this.startAt[id] = t;
    const end = t + (this.jobs.service[id] as number);
    this.endAt[id] = end;
    this.completions.push(end, id);
    this.record(t, EVENT_START, id);
  }

  /** Works out the preset's per-class numbers once, for every dispatch until the preset changes. */
  private readPreset(preset: Preset): void {
    const caps = this.readCaps(presetCaps(this.classes, preset));
    for (let p = 0; p < this.queues.length; p++)
      this.borrowLimit[p] = (this.workers[p] as number) - caps.headroom;
    this.caps = caps;
    this.capsPreset = preset;
  }

  /** FIFO across classes: the earliest arrival first. */
  private pickFifo(pool: number): DispatchDecision | null {
    let best = -1;
    let bestId = Number.POSITIVE_INFINITY;
    for (let c = 0; c < this.classes.length; c++) {
      const head = (this.waiting[pool * this.classes.length + c] as JobQueue).peek();
      if (head >= 0 && head < bestId) {
        best = c;
        bestId = head;
      }
    }
    return best < 0 ? null : (this.decisions.fifo[best] as DispatchDecision);
  }

  /**
   * The policy's choice for one free worker: (1) a lower tier below its floor, (2) the first tier, (3) a lower
   * tier below its limit, which is its preset parallelism while a higher tier waits, and otherwise the workers
   * less the preset's baseline headroom (it borrows idle workers). Null when no class may start.
   */
  private pickByPolicy(pool: number, caps: DispatchCaps): DispatchDecision | null {
    const C = this.classes.length;
    const base = pool * C;
    for (let c = 1; c < C; c++) {
      if (
        (this.waiting[base + c] as JobQueue).length > 0 &&
        (this.running[base + c] as number) < (caps.floor[c] as number)
      )
        return this.decisions.floor[c] as DispatchDecision;
    }
    if ((this.waiting[base] as JobQueue).length > 0) return this.decisions.baselinePriority;
    let higherWaiting = false;
    for (let c = 1; c < C; c++) {
      if ((this.waiting[base + c] as JobQueue).length === 0) continue;
      const limit = higherWaiting
        ? (caps.shareWhileHigherWaits[c] as number)
        : (this.borrowLimit[pool] as number);
      if ((this.running[base + c] as number) < limit) return this.decisions.limit[c] as DispatchDecision;
      higherWaiting = true;
    }
    return null;
  }

  /** Hands out the pool's free workers: by the policy when it is active, else first come, first served. */
  private dispatch(pool: number, t: number, policyActive: boolean): void {
    const caps = this.mode === "policy" && policyActive ? this.caps : null;
    while ((this.free[pool] as number) > 0) {
      const decision = caps ? this.pickByPolicy(pool, caps) : this.pickFifo(pool);
      if (!decision) return;
      this.start(pool, decision, t);
    }
  }
}
