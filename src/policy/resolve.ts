import { presetOf } from "./catalog.js";
import type { Catalog, ClassSource, EpochSeconds, Override, PolicyState, Preset } from "./types.js";

/** An override is in effect exactly while created_at <= now < expires_at; expiry needs no sweeper. */
export function overrideInEffect(override: Override | null, now: EpochSeconds): Override | null {
  return override && override.createdAt <= now && now < override.expiresAt ? override : null;
}

/** Why telemetry cannot be trusted at `now`, or null when it can. */
export function failSafeReason(catalog: Catalog, state: PolicyState, now: EpochSeconds): string | null {
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

/** The base → override → fail-safe chain, resolved at one instant. */
export interface Resolution {
  override: Override | null;
  requested: Preset;
  active: Preset;
  failSafe: string | null;
  source: ClassSource;
}

export interface ResolveOptions {
  /** What-if: as if this preset were in force now, with no override. */
  preset?: string;
  /** What-if: as if telemetry were stale. */
  telemetryStale?: boolean;
}

export function resolve(
  catalog: Catalog,
  state: PolicyState,
  now: EpochSeconds,
  options: ResolveOptions = {},
): Resolution {
  const override = options.preset === undefined ? overrideInEffect(state.override, now) : null;
  const requested = presetOf(catalog, options.preset ?? override?.preset ?? state.basePreset);
  const failSafe = options.telemetryStale
    ? "what-if: telemetry treated as stale"
    : failSafeReason(catalog, state, now);
  const active = failSafe ? presetOf(catalog, catalog.fail_safe_preset) : requested;
  const source: ClassSource = failSafe ? "fail_safe" : override ? "override" : "preset";
  return { override, requested, active, failSafe, source };
}
