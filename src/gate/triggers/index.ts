import type { TriggerSpec } from "../config.js";
import { baselineResponsiveness } from "./baseline-responsiveness.js";
import { benchRegression } from "./bench-regression.js";
import { drainRegression } from "./drain-regression.js";
import { expensiveStarvation } from "./expensive-starvation.js";
import { stateDrift } from "./state-drift.js";
import { sustainedCritical } from "./sustained-critical.js";
import { drainRuns, type Results, type Trigger } from "./trigger.js";

/** Every rollback trigger the gate knows how to observe. Their ids, thresholds and texts live in gates/triggers.json. */
export const triggers: readonly Trigger[] = [
  drainRegression,
  baselineResponsiveness,
  expensiveStarvation,
  sustainedCritical,
  benchRegression,
  stateDrift,
];

/**
 * Why a live run did not evaluate a trigger, when that is no step's failure: "no-base" (a candidate run without a
 * base bundle: the verdict is incomplete), "base-recording" (the run is the base), "twin-only" (a live API does
 * not show the metric; the twin run judges it).
 */
export type Unevaluable = "no-base" | "base-recording" | "twin-only";

export interface TriggerOutcome {
  id: string;
  metric: string;
  threshold: number;
  observed: number | null;
  fired: boolean;
  detail: string;
  /** Only on a live run, for a trigger it did not evaluate. */
  unevaluable?: Unevaluable;
}

export const NO_BASE_DETAIL = "no base run; record one with --record-base";

/** Why a live run leaves this trigger unevaluated; undefined when it evaluates it (always, on the twin). */
function unevaluable(trigger: Trigger, results: Results): { why: Unevaluable; detail: string } | undefined {
  const drain = results["queue-drain"]?.deterministic;
  if (drain?.mode !== "live") return undefined;
  if (trigger.twinOnly)
    return {
      why: "twin-only",
      detail: "not observable on a live API (no per-job records); the twin run judges it",
    };
  if (!trigger.needsBase) return undefined;
  if (drain.base_from === "recording")
    return { why: "base-recording", detail: "this run is the base recording" };
  if (drainRuns(results).some((run) => run.base === null)) return { why: "no-base", detail: NO_BASE_DETAIL };
  return undefined;
}

/** Evaluates each configured trigger against its observed value. A trigger the gate cannot observe is a config error. */
export function evaluateTriggers(specs: readonly TriggerSpec[], results: Results): TriggerOutcome[] {
  return specs.map((spec) => {
    const trigger = triggers.find((t) => t.id === spec.id);
    if (!trigger) throw new Error(`no observer for rollback trigger ${spec.id}`);
    const skipped = unevaluable(trigger, results);
    if (skipped)
      return {
        id: spec.id,
        metric: spec.metric,
        threshold: spec.threshold,
        observed: null,
        fired: false,
        detail: skipped.detail,
        unevaluable: skipped.why,
      };
    const { observed, detail } = trigger.observe(results);
    return {
      id: spec.id,
      metric: spec.metric,
      threshold: spec.threshold,
      observed,
      fired: observed !== null && observed > spec.threshold,
      detail,
    };
  });
}
