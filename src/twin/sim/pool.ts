import type { DispatchCaps, DispatchDecision, DispatchDecisions } from "./dispatch.js";
import { outOfRange } from "./out-of-range.js";

/** A FIFO of job ids with a moving head: no shifting, no allocation per pop. */
export class JobQueue {
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

/**
 * One class of work in one pool: its jobs waiting, how many of them run, and the preset's numbers for it. A pool's
 * classes are linked in tier order, and dispatch walks the links: its loops read fields, with no array index to
 * check, and stay small enough for V8 to inline into the simulation's step.
 */
export class ClassSlot {
  readonly waiting = new JobQueue();
  running = 0;
  /** The next tier down; null for the last. */
  next: ClassSlot | null = null;
  /** Workers this class is given before anyone else while it has work waiting. */
  floor = 0;
  /** This class's limit while a higher tier has work waiting. */
  shareWhileHigherWaits = 0;
  readonly byFloor: DispatchDecision;
  readonly byLimit: DispatchDecision;
  readonly byFifo: DispatchDecision;

  constructor(
    readonly tier: number,
    decisions: DispatchDecisions,
  ) {
    this.byFloor = decisions.floor[tier] ?? outOfRange("tier", tier);
    this.byLimit = decisions.limit[tier] ?? outOfRange("tier", tier);
    this.byFifo = decisions.fifo[tier] ?? outOfRange("tier", tier);
  }
}

/** One queue's pool of workers, with its classes of work in tier order. */
export class Pool {
  free: number;
  peak = 0;
  arrived = 0;
  completed = 0;
  /** A lower tier's limit when no higher tier waits: the pool less the preset's baseline headroom. */
  borrowLimit = 0;
  /** By tier, for finding a job's class. */
  readonly classes: readonly ClassSlot[];
  /** The first tier, linked to the rest. */
  readonly baseline: ClassSlot;

  constructor(
    readonly index: number,
    readonly name: string,
    readonly workers: number,
    tiers: number,
    decisions: DispatchDecisions,
  ) {
    this.free = workers;
    const classes = Array.from({ length: tiers }, (_, tier) => new ClassSlot(tier, decisions));
    classes.forEach((slot, tier) => {
      slot.next = classes[tier + 1] ?? null;
    });
    this.classes = classes;
    this.baseline = classes[0] ?? outOfRange("tier", 0);
  }

  /** Jobs waiting, over every class. */
  get depth(): number {
    let n = 0;
    for (let slot: ClassSlot | null = this.baseline; slot; slot = slot.next) n += slot.waiting.length;
    return n;
  }

  slotOf(tier: number): ClassSlot {
    return this.classes[tier] ?? outOfRange("tier", tier);
  }

  /** Takes the numbers a preset gives each class, until the preset changes. */
  applyCaps(caps: DispatchCaps): void {
    this.borrowLimit = this.workers - caps.headroom;
    for (let slot: ClassSlot | null = this.baseline; slot; slot = slot.next) {
      slot.floor = caps.floor[slot.tier] ?? outOfRange("tier", slot.tier);
      slot.shareWhileHigherWaits = caps.shareWhileHigherWaits[slot.tier] ?? outOfRange("tier", slot.tier);
    }
  }
}
