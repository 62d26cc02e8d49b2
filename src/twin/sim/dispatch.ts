import type { Preset } from "../../policy/index.js";

/** "policy" dispatches by the effective policy; "fifo" ignores it, as Nemesis runs today. */
export type DispatchMode = "policy" | "fifo";

/** What dispatch needs to know about the policy at one instant. */
export interface DispatchLimits {
  active: boolean;
  preset: Preset;
}

/**
 * Why a free worker went to a class. The rules are listed in docs/architecture.md ("Invariants"): `floor` is
 * rule 1, `baseline-priority` rule 2, `limit` rule 3; `fifo` is the policy switched off or not active.
 */
export type DispatchRule = "floor" | "baseline-priority" | "limit" | "fifo";

/** One dispatch choice: the class (by tier, 0 being the baseline) and the rule that chose it. */
export interface DispatchDecision {
  readonly tier: number;
  readonly rule: DispatchRule;
}

/** Every decision a simulation can make, made once, so that dispatching allocates nothing. */
export interface DispatchDecisions {
  floor: DispatchDecision[];
  limit: DispatchDecision[];
  fifo: DispatchDecision[];
  baselinePriority: DispatchDecision;
}

export function dispatchDecisions(tiers: number): DispatchDecisions {
  const each = (rule: DispatchRule) => Array.from({ length: tiers }, (_, tier) => ({ tier, rule }));
  return {
    floor: each("floor"),
    limit: each("limit"),
    fifo: each("fifo"),
    baselinePriority: { tier: 0, rule: "baseline-priority" },
  };
}

/** A preset's numbers as dispatch uses them, by tier. Worked out once per preset, not once per dispatch. */
export interface DispatchCaps {
  /** Workers a lower tier with work waiting is given before anyone else. */
  floor: Int32Array;
  /** A lower tier's limit while a higher tier has work waiting. */
  shareWhileHigherWaits: Int32Array;
  /** Workers kept back from lower tiers when no higher tier waits: the limit is then the pool less this. */
  headroom: number;
}

/** The healthy reading: the preset's floor and parallelism per class, and its baseline headroom. */
export function presetCaps(classes: readonly string[], preset: Preset): DispatchCaps {
  return {
    floor: Int32Array.from(classes, (name) => preset.classes[name]?.floor ?? 1),
    shareWhileHigherWaits: Int32Array.from(classes, (name) => preset.classes[name]?.parallelism ?? 1),
    headroom: preset.baseline_headroom,
  };
}
