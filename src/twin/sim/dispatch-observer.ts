import type { Catalog } from "../../policy/index.js";
import type { JobTable } from "./arrivals.js";
import type { DispatchDecision, DispatchLimits, DispatchMode } from "./dispatch.js";
import { outOfRange } from "./out-of-range.js";

/** One preset as the observer reads it from the catalog: per tier, in the catalog's class order. */
interface PresetRules {
  floor: number[];
  parallelism: number[];
  headroom: number;
}

/** Invariant 1 says every floor is at least 1; a preset that names none for a class gets that minimum. */
const MINIMUM_FLOOR = 1;
const MAX_REPORTED = 10;

/**
 * Checks the dispatch rules (docs/architecture.md, "Invariants") against a simulation's dispatch events. It keeps
 * its own per-class counts from the events and reads floors and limits from the catalog's presets by name, never
 * from the numbers the simulation dispatches with, so a mistake in how dispatch reads a preset shows up here.
 *
 * What it holds, while the policy is active and dispatching:
 * - a worker never goes to another class while a lower tier with work waiting is below its floor;
 * - a class started under its limit is not above that limit afterwards;
 * - after a pool's dispatch, no lower tier with work waiting is below its floor while a worker idles.
 */
export class DispatchObserver {
  private readonly tiers: number;
  private readonly presets = new Map<string, PresetRules>();
  private readonly waiting: Int32Array;
  private readonly running: Int32Array;
  private readonly busy: Int32Array;
  /** The preset being checked in the current round, or null when the policy does not govern it. */
  private current: PresetRules | null = null;
  private violationCount = 0;
  private readonly reported: string[] = [];

  constructor(
    private readonly catalog: Catalog,
    private readonly jobs: JobTable,
    private readonly workers: ArrayLike<number>,
    private readonly mode: DispatchMode,
    private readonly origin: number,
  ) {
    this.tiers = catalog.classes.length;
    for (const preset of catalog.presets) {
      const rules: PresetRules = { floor: [], parallelism: [], headroom: preset.baseline_headroom };
      catalog.classes.forEach((cls, tier) => {
        const limits = Object.entries(preset.classes).find(([name]) => name === cls.name)?.[1];
        rules.floor[tier] = Math.max(MINIMUM_FLOOR, limits?.floor ?? MINIMUM_FLOOR);
        rules.parallelism[tier] = limits?.parallelism ?? MINIMUM_FLOOR;
      });
      this.presets.set(preset.name, rules);
    }
    const slots = catalog.queues.length * this.tiers;
    this.waiting = new Int32Array(slots);
    this.running = new Int32Array(slots);
    this.busy = new Int32Array(catalog.queues.length);
  }

  get violations(): number {
    return this.violationCount;
  }

  /** The first violations, each with its time after the start. */
  get firstViolations(): string[] {
    return [...this.reported];
  }

  arrived(id: number): void {
    this.add(this.waiting, this.slotOf(id), 1);
  }

  completed(id: number): void {
    this.add(this.running, this.slotOf(id), -1);
    this.add(this.busy, this.poolOf(id), -1);
  }

  /** A dispatch round begins at `t` under the policy's answer for that instant. */
  roundStarted(limits: DispatchLimits): void {
    const governed = this.mode === "policy" && limits.active;
    this.current = governed ? (this.presets.get(limits.preset.name) ?? null) : null;
    if (governed && !this.current)
      throw new Error(`dispatch ran under preset "${limits.preset.name}", not in the catalog`);
  }

  started(t: number, id: number, decision: DispatchDecision): void {
    const rules = this.current;
    const pool = this.poolOf(id);
    const tier = this.tierOf(id);
    if (rules) this.checkNoneBelowFloor(rules, t, pool, tier);
    const slot = pool * this.tiers + tier;
    this.add(this.waiting, slot, -1);
    this.add(this.running, slot, 1);
    this.add(this.busy, pool, 1);
    if (rules && decision.rule === "limit") {
      const limit = this.limitOf(rules, pool, tier);
      if (this.at(this.running, slot) > limit) {
        this.violation(
          t,
          `${this.queueName(pool)}: ${this.className(tier)} started above its limit ${limit}`,
        );
      }
    }
  }

  /** A pool has handed out every worker it will at `t`. */
  poolDispatched(t: number, pool: number): void {
    const rules = this.current;
    if (!rules || this.at(this.busy, pool) >= this.workersIn(pool)) return;
    for (let tier = 1; tier < this.tiers; tier++) {
      const floor = rules.floor[tier] ?? outOfRange("tier", tier);
      if (this.isWaitingBelow(pool, tier, floor)) {
        this.violation(
          t,
          `${this.queueName(pool)}: ${this.className(tier)} below its floor ${floor} with a worker idle`,
        );
      }
    }
  }

  /** Before a start: no other lower tier may be waiting below its floor. */
  private checkNoneBelowFloor(rules: PresetRules, t: number, pool: number, chosen: number): void {
    for (let tier = 1; tier < this.tiers; tier++) {
      const floor = rules.floor[tier] ?? outOfRange("tier", tier);
      if (tier !== chosen && this.isWaitingBelow(pool, tier, floor)) {
        this.violation(
          t,
          `${this.queueName(pool)}: a worker went to ${this.className(chosen)} while ${this.className(tier)} waited below its floor ${floor}`,
        );
      }
    }
  }

  /** The preset's parallelism while a higher tier waits; otherwise the pool less the baseline headroom. */
  private limitOf(rules: PresetRules, pool: number, tier: number): number {
    for (let higher = 0; higher < tier; higher++) {
      if (this.at(this.waiting, pool * this.tiers + higher) > 0)
        return rules.parallelism[tier] ?? outOfRange("tier", tier);
    }
    return this.workersIn(pool) - rules.headroom;
  }

  private isWaitingBelow(pool: number, tier: number, floor: number): boolean {
    const slot = pool * this.tiers + tier;
    return this.at(this.waiting, slot) > 0 && this.at(this.running, slot) < floor;
  }

  private slotOf(id: number): number {
    return this.poolOf(id) * this.tiers + this.tierOf(id);
  }

  private poolOf(id: number): number {
    return this.jobs.queue[id] ?? outOfRange("job", id);
  }

  private tierOf(id: number): number {
    return this.jobs.klass[id] ?? outOfRange("job", id);
  }

  private workersIn(pool: number): number {
    return this.workers[pool] ?? outOfRange("pool", pool);
  }

  /** A per-pool or per-slot count. */
  private at(counts: Int32Array, index: number): number {
    return counts[index] ?? outOfRange("pool or slot", index);
  }

  private add(counts: Int32Array, index: number, delta: number): void {
    counts[index] = this.at(counts, index) + delta;
  }

  private queueName(pool: number): string {
    return this.catalog.queues[pool]?.name ?? "";
  }

  private className(tier: number): string {
    return this.catalog.classes[tier]?.name ?? "";
  }

  private violation(t: number, message: string): void {
    this.violationCount += 1;
    if (this.reported.length < MAX_REPORTED)
      this.reported.push(`t=${(t - this.origin).toFixed(3)}s ${message}`);
  }
}
