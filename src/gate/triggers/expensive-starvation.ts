import { drainRuns, type Trigger, worst } from "./trigger.js";

export const expensiveStarvation: Trigger = {
  id: "RT-EXPENSIVE-STARVATION",
  observe: (results) =>
    worst(
      drainRuns(results),
      (r) => {
        const perClass = (r.candidate.kpis.max_starvation_seconds ?? {}) as Record<string, number | null>;
        const values = Object.values(perClass).filter((v): v is number => typeof v === "number");
        return values.length ? Math.max(...values) : null;
      },
      " s without an expensive completion",
    ),
};
