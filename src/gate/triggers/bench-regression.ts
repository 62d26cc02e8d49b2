import type { Trigger } from "./trigger.js";

export const benchRegression: Trigger = {
  id: "RT-BENCH-REGRESSION",
  observe(results) {
    const regressed = results.benchmark?.deterministic.regressed;
    if (!regressed) return { observed: null, detail: "no benchmark result" };
    return {
      observed: regressed.length,
      detail: regressed.length ? `regressed: ${regressed.join(", ")}` : "none regressed",
    };
  },
};
