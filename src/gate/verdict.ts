import type { Bundle } from "../evidence/index.js";
import { STEP_IDS, type StepId, type StepResults } from "./steps/index.js";

type Verdict = Bundle["deterministic"]["verdict"];

/** The exit code of each verdict: an incomplete live run is neither a pass (0) nor a fail (1), so CI cannot read it as a pass. */
export const VERDICT_EXIT_CODES = { pass: 0, partial: 0, fail: 1, incomplete: 3 } as const satisfies Record<
  Verdict["result"],
  Verdict["exit_code"]
>;

/**
 * Pass only if every step ran and passed, no KPI regressed critically, one improved, and no trigger fired. A run
 * with `--only` is "partial" when its step passed (exit 0) and "fail" when it did not (exit 1). A live run that
 * failed nothing but could not evaluate a trigger for want of a base run is "incomplete" (exit 3); live, no KPI has
 * to improve: the improvement is the twin run's to show, the live run shows that the deployment did not regress.
 */
export function decideVerdict(steps: Partial<StepResults>, only: StepId | undefined, shard = false): Verdict {
  // One shard of a run is partial like a run of one step: its units passed, or it fails.
  const partial = only !== undefined || shard;
  const reasons: string[] = [];
  for (const [id, step] of Object.entries(steps)) {
    if (step.status === "error") reasons.push(`${id} could not run: ${step.summary}`);
    else if (step.status === "fail") reasons.push(`${id} failed: ${step.summary}`);
  }
  const drain = steps["queue-drain"];
  const live = drain?.deterministic.mode === "live";
  const kpis = drain?.deterministic.kpis ?? [];
  const outcomes = steps.rollback?.deterministic.triggers ?? [];
  const fired = outcomes.filter((t) => t.fired);
  for (const t of fired) reasons.push(`${t.id} fired: ${t.detail}`);
  const improved = kpis.filter((k) => k.improved).map((k) => k.id);
  if (!live && !shard && (!only || only === "queue-drain")) {
    if (drain?.status !== "error" && improved.length === 0)
      reasons.push("no declared KPI measurably improved");
  }
  if (!partial) {
    for (const id of STEP_IDS) if (!steps[id]) reasons.push(`${id} did not run`);
  }
  const unevaluated = outcomes.filter((t) => t.unevaluable === "no-base");
  const failed = reasons.length > 0;
  for (const t of unevaluated) reasons.push(`${t.id} could not be evaluated: ${t.detail}`);
  // A run of one step never passes the gate: it is partial at best, and fails like any run when its step fails.
  const result = failed ? "fail" : unevaluated.length ? "incomplete" : partial ? "partial" : "pass";
  return {
    result,
    exit_code: VERDICT_EXIT_CODES[result],
    reasons,
    kpis_improved: improved,
    triggers_fired: fired.map((t) => t.id),
  };
}
