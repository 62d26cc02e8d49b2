import { drainRuns, type Trigger, worst } from "./trigger.js";

/** Waits under a second count as a second, so a ratio of tiny waits cannot fire on noise-free rounding. */
const FLOOR_SECONDS = 1;

export const baselineResponsiveness: Trigger = {
  id: "RT-BASELINE-RESPONSIVENESS",
  needsBase: true,
  twinOnly: true,
  observe: (results) =>
    worst(
      drainRuns(results),
      (run) => {
        const base = run.base?.kpis.wait_seconds.baseline?.p95 ?? null;
        const cand = run.candidate.kpis.wait_seconds.baseline?.p95 ?? null;
        return base === null || cand === null
          ? null
          : Math.max(cand, FLOOR_SECONDS) / Math.max(base, FLOOR_SECONDS);
      },
      "x the base baseline p95 wait",
    ),
};
