import { round3 } from "../../common/index.js";
import type { ProfileRuns } from "../steps/queue-drain.js";
import type { StepResults } from "../steps/step.js";

export type Results = Partial<StepResults>;

export interface Observation {
  /** null when the step it reads did not produce the value (the step's own failure then fails the gate). */
  observed: number | null;
  detail: string;
}

/** One rollback trigger: how to read its observed value. Its threshold and comparison are data (gates/triggers.json). */
export interface Trigger {
  id: string;
  /** Compares the candidate with a base run: a live run needs a base bundle (--base-bundle) to evaluate it. */
  needsBase?: boolean;
  /** Reads per-job records, which a live API does not show: only a twin run observes it. */
  twinOnly?: boolean;
  observe(results: Results): Observation;
}

/** The queue-drain step's runs, one per profile; none when it did not run or could not. */
export function drainRuns(results: Results): ProfileRuns[] {
  return results["queue-drain"]?.deterministic.runs ?? [];
}

/** The worst (highest) value over the drain runs, with the profile it came from. */
export function worst(
  runs: readonly ProfileRuns[],
  value: (run: ProfileRuns) => number | null,
  unit: string,
): Observation {
  let highest: { value: number; profile: string } | null = null;
  for (const run of runs) {
    const v = value(run);
    if (v !== null && (highest === null || v > highest.value)) highest = { value: v, profile: run.profile };
  }
  if (!highest) return { observed: null, detail: "no queue-drain result" };
  const observed = round3(highest.value);
  return { observed, detail: `${observed}${unit} on ${highest.profile}` };
}
