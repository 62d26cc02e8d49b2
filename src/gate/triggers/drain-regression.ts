import { dig, drainRuns, type Trigger, worst } from "./trigger.js";

export const drainRegression: Trigger = {
  id: "RT-DRAIN-REGRESSION",
  observe: (results) =>
    worst(
      drainRuns(results),
      (r) => {
        const base = dig(r.base?.kpis, "drain_seconds");
        const cand = dig(r.candidate.kpis, "drain_seconds");
        return base && cand !== null ? cand / base : null;
      },
      "x the base drain time",
    ),
};
