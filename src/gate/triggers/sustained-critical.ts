import { drainRuns, type Trigger, worst } from "./trigger.js";

export const sustainedCritical: Trigger = {
  id: "RT-SUSTAINED-CRITICAL",
  needsBase: true,
  observe: (results) =>
    worst(
      drainRuns(results),
      (run) => {
        const base = run.base?.kpis.seconds_at_level.critical ?? 0;
        const cand = run.candidate.kpis.seconds_at_level.critical ?? null;
        return cand === null ? null : cand - base;
      },
      " s more at critical pressure than the base",
    ),
};
