import type { Trigger } from "./trigger.js";

export const stateDrift: Trigger = {
  id: "RT-STATE-DRIFT",
  observe(results) {
    const drift = results.controls?.deterministic.drift;
    if (!drift) return { observed: null, detail: "no controls result" };
    return {
      observed: drift.length,
      detail: drift.length ? drift.join("; ") : "the effective state matched every request",
    };
  },
};
