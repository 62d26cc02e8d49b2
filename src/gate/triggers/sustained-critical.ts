import { dig, drainRuns, type Trigger, worst } from "./trigger.js";

export const sustainedCritical: Trigger = {
  id: "RT-SUSTAINED-CRITICAL",
  observe: (results) =>
    worst(
      drainRuns(results),
      (r) => {
        const base = dig(r.base?.kpis, "seconds_at_level.critical") ?? 0;
        const cand = dig(r.candidate.kpis, "seconds_at_level.critical");
        return cand === null ? null : cand - base;
      },
      " s more at critical pressure than the base",
    ),
};
