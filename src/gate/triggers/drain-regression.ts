import { drainRuns, type Trigger, worst } from "./trigger.js";

/** Drains under a second count as a second: an idle live queue (0 s on both sides) compares as equal, not as 0/0. */
const FLOOR_SECONDS = 1;

export const drainRegression: Trigger = {
  id: "RT-DRAIN-REGRESSION",
  needsBase: true,
  observe: (results) =>
    worst(
      drainRuns(results),
      (run) => {
        const base = run.base?.kpis.drain_seconds ?? null;
        const cand = run.candidate.kpis.drain_seconds;
        return base === null || cand === null
          ? null
          : Math.max(cand, FLOOR_SECONDS) / Math.max(base, FLOOR_SECONDS);
      },
      "x the base drain time",
    ),
};
