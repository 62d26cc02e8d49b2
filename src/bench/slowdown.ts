import type { BenchTask } from "./suite.js";

/** A task made `factor` times slower by burning time after it: how negative gates stand in for a real slowdown. */
export function slowed(task: BenchTask, factor: number): BenchTask {
  return {
    name: task.name,
    fn: () => {
      const start = performance.now();
      const out = task.fn();
      const until = start + (performance.now() - start) * factor;
      while (performance.now() < until) {
        // Burn the extra time the injected slowdown asks for.
      }
      return out;
    },
  };
}
