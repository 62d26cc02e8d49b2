import { createHash } from "node:crypto";
import { generateJobs } from "./arrivals.js";
import { EventHeap } from "./heap.js";
import { seededRandom } from "./random.js";

/** A FIFO of job ids with a moving head: no shifting, no allocation per pop. */
class JobQueue {
  ids = [];
  head = 0;
  get length() {
    return this.ids.length - this.head;
  }
  push(id) {
    this.ids.push(id);
  }
  peek() {
    return this.ids[this.head] ?? -1;
  }
  pop() {
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
 * by the rules of DESIGN.md. Times are absolute epoch seconds on the twin's clock.
 */
export class Simulation {
  profile;
  origin;
  mode;
  checkInvariants;
  jobs;
  startAt;
  endAt;
  classes;
  queues;
  workers;
  free;
  running;
  waiting;
  peak;
  completions = new EventHeap(1024);
  nextArrival = 0;
  completed = 0;
  eventCount = 0;
  trace = createHash("sha256");
  traceBuffer = new Float64Array(TRACE_CHUNK * 3);
  traceFill = 0;
  violationCount = 0;
  violations = [];
  arrivedPerQueue;
  completedPerQueue;
  constructor(catalog, profile, origin, mode, checkInvariants = true) {
    this.profile = profile;
    this.origin = origin;
    this.mode = mode;
    this.checkInvariants = checkInvariants;
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
  }
  nextEventTime() {
    const arrival =
      this.nextArrival < this.jobs.count ? this.origin + this.jobs.arrival[this.nextArrival] : Infinity;
    return Math.min(arrival, this.completions.peekTime());
  }
  get done() {
    return this.nextArrival >= this.jobs.count && this.completions.size === 0;
  }
  /** Jobs waiting in each queue: what RabbitMQ reports as ready. */
  depths() {
    const out = {};
    this.queues.forEach((q, p) => {
      out[q] = this.waitingIn(p);
    });
    return out;
  }
  /** Jobs running in each queue's pool: what RabbitMQ reports as unacked. */
  inFlight() {
    const out = {};
    this.queues.forEach((q, p) => {
      out[q] = this.workers[p] - this.free[p];
    });
    return out;
  }
  workersOf(queue) {
    return this.workers[this.queues.indexOf(queue)] ?? 0;
  }
  /** Processes every event at the next event time (completions, then arrivals), then dispatches. */
  step(limitsAt) {
    const t = this.nextEventTime();
    if (!Number.isFinite(t)) return t;
    while (this.completions.size > 0 && this.completions.peekTime() === t)
      this.complete(this.completions.pop(), t);
    while (this.nextArrival < this.jobs.count && this.origin + this.jobs.arrival[this.nextArrival] === t) {
      this.arrive(this.nextArrival++, t);
    }
    const limits = limitsAt(t);
    for (let p = 0; p < this.queues.length; p++) this.dispatch(p, t, limits);
    return t;
  }
  result() {
    const digest = this.trace.copy();
    digest.update(new Uint8Array(this.traceBuffer.buffer, 0, this.traceFill * 8));
    const peak = {};
    this.queues.forEach((q, p) => {
      peak[q] = this.peak[p];
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
      invariant_violations: this.violationCount,
      first_violations: [...this.violations],
    };
  }
  /** Per job: [queue, class, arrival, start, end], seconds after the profile started. */
  jobRecords() {
    const out = [];
    for (let id = 0; id < this.jobs.count; id++) {
      out.push([
        this.queues[this.jobs.queue[id]] ?? "",
        this.classes[this.jobs.klass[id]] ?? "",
        this.jobs.arrival[id],
        this.startAt[id] - this.origin,
        this.endAt[id] - this.origin,
      ]);
    }
    return out;
  }
  waitingIn(pool) {
    let n = 0;
    for (let c = 0; c < this.classes.length; c++) n += this.waiting[pool * this.classes.length + c].length;
    return n;
  }
  /** Adds one event to the trace digest: its time after the start, its kind and its job, as raw float64s. */
  record(t, kind, id) {
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
  arrive(id, t) {
    const p = this.jobs.queue[id];
    this.waiting[p * this.classes.length + this.jobs.klass[id]].push(id);
    this.arrivedPerQueue[p] = this.arrivedPerQueue[p] + 1;
    const depth = this.waitingIn(p);
    if (depth > this.peak[p]) this.peak[p] = depth;
    this.record(t, EVENT_ARRIVE, id);
  }
  complete(id, t) {
    const p = this.jobs.queue[id];
    const slot = p * this.classes.length + this.jobs.klass[id];
    this.running[slot] = this.running[slot] - 1;
    this.free[p] = this.free[p] + 1;
    this.completed += 1;
    this.completedPerQueue[p] = this.completedPerQueue[p] + 1;
    this.record(t, EVENT_COMPLETE, id);
  }
  start(pool, c, t) {
    const slot = pool * this.classes.length + c;
    const id = this.waiting[slot].pop();
    this.running[slot] = this.running[slot] + 1;
    this.free[pool] = this.free[pool] - 1;
    this.startAt[id] = t;
    const end = t + this.jobs.service[id];
    this.endAt[id] = end;
    this.completions.push(end, id);
    this.record(t, EVENT_START, id);
  }
  /** FIFO across classes: the earliest arrival first. */
  pickFifo(pool) {
    let best = -1;
    let bestId = Number.POSITIVE_INFINITY;
    for (let c = 0; c < this.classes.length; c++) {
      const head = this.waiting[pool * this.classes.length + c].peek();
      if (head >= 0 && head < bestId) {
        best = c;
        bestId = head;
      }
    }
    return best;
  }
  /**
   * The policy's choice for one free worker: (1) a lower tier below its floor, (2) the first tier, (3) a lower
   * tier below its limit, which is its preset parallelism while a higher tier waits, and otherwise the workers
   * less the preset's baseline headroom (it borrows idle workers). Returns class * 4 + rule, or -1 for none.
   */
  pickByPolicy(pool, limits) {
    const C = this.classes.length;
    const base = pool * C;
    const preset = limits.preset;
    if (!limits.ignoreFloor) {
      for (let c = 1; c < C; c++) {
        const floor = preset.classes[this.classes[c]]?.floor ?? 1;
        if (this.waiting[base + c].length > 0 && this.running[base + c] < floor) return c * 4 + 1;
      }
    }
    if (this.waiting[base].length > 0) return 2;
    for (let c = 1; c < C; c++) {
      if (this.waiting[base + c].length === 0) continue;
      if (this.running[base + c] < this.limitOf(pool, c, limits)) return c * 4 + 3;
    }
    return -1;
  }
  limitOf(pool, c, limits) {
    const base = pool * this.classes.length;
    let higherWaiting = false;
    for (let h = 0; h < c; h++) if (this.waiting[base + h].length > 0) higherWaiting = true;
    if (higherWaiting)
      return limits.ignoreFloor ? 0 : (limits.preset.classes[this.classes[c] ?? ""]?.parallelism ?? 1);
    return this.workers[pool] - limits.preset.baseline_headroom;
  }
  dispatch(pool, t, limits) {
    const byPolicy = this.mode === "policy" && limits.active;
    while (this.free[pool] > 0) {
      if (!byPolicy) {
        const c = this.pickFifo(pool);
        if (c < 0) return;
        this.start(pool, c, t);
        continue;
      }
      const pick = this.pickByPolicy(pool, limits);
      if (pick < 0) break;
      const c = pick >> 2;
      const rule = pick & 3;
      const limit = rule === 3 ? this.limitOf(pool, c, limits) : Number.POSITIVE_INFINITY;
      if (this.checkInvariants) this.checkFloorFirst(pool, c, t, limits);
      this.start(pool, c, t);
      if (this.checkInvariants && this.running[pool * this.classes.length + c] > limit) {
        this.violation(t, `${this.queues[pool]}: ${this.classes[c]} started above its limit ${limit}`);
      }
    }
    if (byPolicy && this.checkInvariants) this.checkFloors(pool, t, limits);
  }
  /** A worker never goes to another class while a lower tier with work waiting is below its floor. */
  checkFloorFirst(pool, chosen, t, limits) {
    const C = this.classes.length;
    for (let c = 1; c < C; c++) {
      if (c === chosen) continue;
      const floor = limits.preset.classes[this.classes[c] ?? ""]?.floor ?? 1;
      if (this.waiting[pool * C + c].length > 0 && this.running[pool * C + c] < floor) {
        this.violation(
          t,
          `${this.queues[pool]}: a worker went to ${this.classes[chosen]} while ${this.classes[c]} waited below its floor ${floor}`,
        );
      }
    }
  }
  /** Under an active policy, a lower tier with work waiting is never left below its floor while a worker idles. */
  checkFloors(pool, t, limits) {
    const C = this.classes.length;
    for (let c = 1; c < C; c++) {
      const floor = limits.preset.classes[this.classes[c] ?? ""]?.floor ?? 1;
      const waiting = this.waiting[pool * C + c].length;
      const running = this.running[pool * C + c];
      if (waiting > 0 && running < floor && this.free[pool] > 0) {
        this.violation(
          t,
          `${this.queues[pool]}: ${this.classes[c]} below its floor ${floor} with a worker idle`,
        );
      }
    }
  }
  violation(t, message) {
    this.violationCount += 1;
    if (this.violations.length < 10) this.violations.push(`t=${(t - this.origin).toFixed(3)}s ${message}`);
  }
}
