import { drainRuns, type Trigger, worst } from "./trigger.js";

export const drainRegression: Trigger = {
  id: "RT-DRAIN-REGRESSION",
  observe: (results) =>
    worst(
      drainRuns(results),
      (run) => {
        const base = run.base?.kpis.drain_seconds ?? null;
        const cand = run.candidate.kpis.drain_seconds;
        return base && cand !== null ? cand / base : null;
      },
      "x the base drain time",
    ),
};
