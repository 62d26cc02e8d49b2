import type { TriggerSpec } from "../config.js";
import { baselineResponsiveness } from "./baseline-responsiveness.js";
import { benchRegression } from "./bench-regression.js";
import { drainRegression } from "./drain-regression.js";
import { expensiveStarvation } from "./expensive-starvation.js";
import { stateDrift } from "./state-drift.js";
import { sustainedCritical } from "./sustained-critical.js";
import type { Results, Trigger } from "./trigger.js";

/** Every rollback trigger the gate knows how to observe. Their ids, thresholds and texts live in gates/triggers.json. */
export const triggers: readonly Trigger[] = [
  drainRegression,
  baselineResponsiveness,
  expensiveStarvation,
  sustainedCritical,
  benchRegression,
  stateDrift,
];

export interface TriggerOutcome {
  id: string;
  metric: string;
  threshold: number;
  observed: number | null;
  fired: boolean;
  detail: string;
}

/** Evaluates each configured trigger against its observed value. A trigger the gate cannot observe is a config error. */
export function evaluateTriggers(specs: readonly TriggerSpec[], results: Results): TriggerOutcome[] {
  return specs.map((spec) => {
    const trigger = triggers.find((t) => t.id === spec.id);
    if (!trigger) throw new Error(`no observer for rollback trigger ${spec.id}`);
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
