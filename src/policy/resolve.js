import { presetOf } from "./catalog.js";
/** An override is in effect exactly while created_at <= now < expires_at; expiry needs no sweeper. */
export function overrideInEffect(override, now) {
  return override && override.createdAt <= now && now < override.expiresAt ? override : null;
}
/** Why telemetry cannot be trusted at `now`, or null when it can. */
export function failSafeReason(catalog, state, now) {
  const telemetry = state.telemetry;
  if (telemetry.kind === "none") return "no telemetry received";
  if (telemetry.kind === "failed") return `telemetry failed: ${telemetry.reason}`;
  const age = now - telemetry.at;
  if (age > catalog.telemetry_stale_after_seconds) {
    return `telemetry stale: last sample ${age}s old (limit ${catalog.telemetry_stale_after_seconds}s)`;
  }
  const missing = catalog.queues.find((q) => !(q.name in telemetry.depths));
  return missing ? `telemetry missing for queue ${missing.name}` : null;
}
export function resolve(catalog, state, now, options = {}) {
  const override = options.preset === undefined ? overrideInEffect(state.override, now) : null;
  const requested = presetOf(catalog, options.preset ?? override?.preset ?? state.basePreset);
  const failSafe = options.telemetryStale
    ? "what-if: telemetry treated as stale"
    : failSafeReason(catalog, state, now);
  const active = failSafe ? presetOf(catalog, catalog.fail_safe_preset) : requested;
  const source = failSafe ? "fail_safe" : override ? "override" : "preset";
  return { override, requested, active, failSafe, source };
}
