import { drainRuns, type Trigger, worst } from "./trigger.js";

export const expensiveStarvation: Trigger = {
  id: "RT-EXPENSIVE-STARVATION",
  twinOnly: true,
  observe: (results) =>
    worst(
      drainRuns(results),
      (run) => {
        const perClass = Object.values(run.candidate.kpis.max_starvation_seconds);
        const values = perClass.filter((v): v is number => typeof v === "number");
        return values.length ? Math.max(...values) : null;
      },
      " s without an expensive completion",
    ),
};
