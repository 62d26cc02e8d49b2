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

/**
 * Under the instruction metric a slowdown must be work, not waiting: the task is called `factor` times (rounded),
 * so a factor of 2 doubles its count.
 */
export function repeated(task: BenchTask, factor: number): BenchTask {
  const times = Math.max(1, Math.round(factor));
  return {
    name: task.name,
    fn: () => {
      let out: unknown;
      for (let i = 0; i < times; i++) out = task.fn();
      return out;
    },
  };
}
