import { levelOf, nextTracker, pressureActive } from "./pressure.js";
import { resolve } from "./resolve.js";
/** Whether the policy (queue pressure or fail-safe) is in force at `now`. */
export function policyActiveAt(catalog, state, now) {
  const r = resolve(catalog, state, now);
  return r.failSafe !== null || pressureActive(state.pressure, r.requested, now);
}
/**
 * Records a queue-depth sample taken at `now`. Depths must be whole, non-negative, and for known queues; a queue
 * left out of the sample puts the policy in fail-safe until a complete sample arrives.
 */
export function ingestSample(catalog, state, depths, now) {
  for (const [queue, depth] of Object.entries(depths)) {
    if (!catalog.queues.some((q) => q.name === queue)) {
      return {
        ok: false,
        error: { code: "unknown_queue", field: queue, message: `unknown queue "${queue}"` },
      };
    }
    if (!Number.isInteger(depth) || depth < 0) {
      return {
        ok: false,
        error: {
          code: "invalid_depth",
          field: queue,
          message: `depth of ${queue} must be a whole number >= 0`,
        },
      };
    }
  }
  // The very first sample has nothing to cool down from: start-up fail-safe is not a pressure episode.
  const wasActive = state.telemetry.kind !== "none" && policyActiveAt(catalog, state, now);
  const level = levelOf(resolve(catalog, state, now).requested, depths);
  const telemetry = { kind: "sample", at: now, depths: { ...depths } };
  return {
    ok: true,
    changed: true,
    state: { ...state, telemetry, pressure: nextTracker(state.pressure, level, wasActive, now) },
  };
}
/** Records that telemetry could not be read. The policy goes fail-safe; it never reads this as "normal". */
export function ingestFailure(_catalog, state, reason, now) {
  const previous = state.telemetry;
  const lastDepths =
    previous.kind === "sample" ? previous.depths : previous.kind === "failed" ? previous.lastDepths : {};
  const telemetry = {
    kind: "failed",
    at: now,
    reason: reason.trim() || "unknown error",
    lastDepths,
  };
  return { ok: true, changed: true, state: { ...state, telemetry } };
}
/** What dispatch needs at `now`: whether class limits are in force, and the preset that sets them. */
export function dispatchLimits(catalog, state, now) {
  const r = resolve(catalog, state, now);
  return {
    active: r.failSafe !== null || pressureActive(state.pressure, r.requested, now),
    preset: r.active,
  };
}
