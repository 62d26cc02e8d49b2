import { dig, drainRuns, type Trigger, worst } from "./trigger.js";

/** Waits under a second count as a second, so a ratio of tiny waits cannot fire on noise-free rounding. */
const FLOOR_SECONDS = 1;

export const baselineResponsiveness: Trigger = {
  id: "RT-BASELINE-RESPONSIVENESS",
  observe: (results) =>
    worst(
      drainRuns(results),
      (r) => {
        const base = dig(r.base?.kpis, "wait_seconds.baseline.p95");
        const cand = dig(r.candidate.kpis, "wait_seconds.baseline.p95");
        return base === null || cand === null
          ? null
          : Math.max(cand, FLOOR_SECONDS) / Math.max(base, FLOOR_SECONDS);
      },
      "x the base baseline p95 wait",
    ),
};
