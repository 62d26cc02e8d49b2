import type { StepId, StepResult } from "../steps/step.js";

export type Results = Partial<Record<StepId, StepResult>>;

export interface Observation {
  /** null when the step it reads did not produce the value (the step's own failure then fails the gate). */
  observed: number | null;
  detail: string;
}

/** One rollback trigger: how to read its observed value. Its threshold and comparison are data (gates/triggers.json). */
export interface Trigger {
  id: string;
  observe(results: Results): Observation;
}

interface RunKpis {
  profile: string;
  base: { kpis: Record<string, unknown> } | null;
  candidate: { kpis: Record<string, unknown> };
}

export function drainRuns(results: Results): RunKpis[] {
  return ((results["queue-drain"]?.deterministic.runs as RunKpis[] | undefined) ?? []).filter(
    (r) => r.candidate,
  );
}

export function dig(value: unknown, path: string): number | null {
  let v = value;
  for (const key of path.split(".")) v = (v as Record<string, unknown> | null)?.[key];
  return typeof v === "number" ? v : null;
}

/** The worst value over the drain runs, with the profile it came from. */
export function worst(runs: RunKpis[], value: (r: RunKpis) => number | null, unit: string): Observation {
  let best: { v: number; profile: string } | null = null;
  for (const r of runs) {
    const v = value(r);
    if (v !== null && (best === null || v > best.v)) best = { v, profile: r.profile };
  }
  return best
    ? {
        observed: Math.round(best.v * 1000) / 1000,
        detail: `${Math.round(best.v * 1000) / 1000}${unit} on ${best.profile}`,
      }
    : { observed: null, detail: "no queue-drain result" };
}
