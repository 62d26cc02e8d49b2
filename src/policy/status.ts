import { cooldownRemaining, pressureActive, severityOf, sustainedSeconds, worstOf } from "./pressure.js";
import { type Resolution, resolve } from "./resolve.js";
import type {
  Catalog,
  ClassState,
  EpochSeconds,
  OverrideView,
  PolicyError,
  PolicyState,
  PolicyStatus,
  PressureLevel,
  QueueState,
  WhatIf,
} from "./types.js";
import { checkPreset } from "./validate.js";

export const isoTime = (t: EpochSeconds): string => new Date(t * 1000).toISOString().replace(".000Z", "Z");

const SEVERITY_ORDER: PressureLevel[] = ["critical", "warning", "normal", "unknown"];

function queueStates(catalog: Catalog, state: PolicyState, r: Resolution): QueueState[] {
  const t = state.telemetry;
  const depths = t.kind === "sample" ? t.depths : t.kind === "failed" ? t.lastDepths : {};
  return catalog.queues.map((q) => {
    const limits = r.requested.queues[q.name] ?? { warning: 0, critical: 0 };
    const depth = depths[q.name];
    const severity: PressureLevel =
      r.failSafe !== null || depth === undefined
        ? "unknown"
        : severityOf(depth, limits.warning, limits.critical);
    return {
      queue: q.name,
      rabbitmq_queue: q.rabbitmq_queue,
      queued_messages: depth ?? null,
      warning_threshold: limits.warning,
      critical_threshold: limits.critical,
      severity,
    };
  });
}

/** Short enough for a table column: the fail-safe line and the summary carry the long story. */
function classReason(catalog: Catalog, r: Resolution, tier: number, active: boolean): string {
  if (!active) return "no limits: policy inactive, first in first out";
  const limits = r.active.classes[catalog.classes[tier]?.name ?? ""] ?? { parallelism: 0, floor: 0 };
  const prefix = r.failSafe ? "fail-safe: " : "";
  if (tier === 0) return `${prefix}priority, reserves ${limits.parallelism}`;
  const lendable = catalog.deployment.workers - r.active.baseline_headroom;
  return `${prefix}cap ${limits.parallelism}, floor ${limits.floor}, may borrow up to ${lendable}`;
}

function classStates(catalog: Catalog, r: Resolution, active: boolean): ClassState[] {
  return catalog.classes.map((cls, tier) => {
    const limits = r.active.classes[cls.name] ?? { parallelism: 0, floor: 0 };
    return {
      class_name: cls.name,
      active_parallelism: limits.parallelism,
      minimum_floor: limits.floor,
      deferred_admission: active && tier > 0,
      source: r.source,
      reason: classReason(catalog, r, tier, active),
    };
  });
}

function overrideView(r: Resolution, now: EpochSeconds): OverrideView | null {
  const o = r.override;
  if (!o) return null;
  return {
    id: o.id,
    preset: o.preset,
    reason: o.reason,
    actor: o.actor,
    created_at: isoTime(o.createdAt),
    expires_at: isoTime(o.expiresAt),
    remaining_seconds: o.expiresAt - now,
  };
}

/** One line an operator can read at a glance. Its counts always agree with the rows (invariant 6). */
function summarize(s: Omit<PolicyStatus, "summary">): string {
  const head = s.fail_safe
    ? `FAIL-SAFE on ${s.active_preset} (${s.fail_safe_reason})`
    : `policy ${s.policy_active ? "active" : "inactive"} on ${s.active_preset} (${s.class_states[0]?.source ?? "preset"})`;
  const pressure =
    s.queue_pressure_level === "normal" || s.queue_pressure_level === "unknown"
      ? `pressure ${s.queue_pressure_level}`
      : `pressure ${s.queue_pressure_level} for ${s.sustained_seconds}s of ${s.sustained_seconds_required}s`;
  const deferred = s.class_states.filter((c) => c.deferred_admission).length;
  const counts = SEVERITY_ORDER.map(
    (sev) => [sev, s.queue_states.filter((q) => q.severity === sev).length] as const,
  )
    .filter(([, n]) => n > 0)
    .map(([sev, n]) => `${n} ${sev}`)
    .join(", ");
  const override = s.override
    ? `override ${s.override.preset} ${s.override.remaining_seconds}s left`
    : s.what_if
      ? "what-if"
      : "no override";
  return [
    head,
    pressure,
    `${deferred}/${s.class_states.length} classes deferred`,
    `queues ${s.queue_states.length}: ${counts}`,
    override,
  ].join("; ");
}

function derive(
  catalog: Catalog,
  state: PolicyState,
  now: EpochSeconds,
  whatIf: WhatIf | null,
): PolicyStatus {
  const r = resolve(catalog, state, now, whatIf ?? {});
  const active = r.failSafe !== null || pressureActive(state.pressure, r.requested, now);
  const queues = queueStates(catalog, state, r);
  const known = queues.flatMap((q) => (q.severity === "unknown" ? [] : [q.severity]));
  const body: Omit<PolicyStatus, "summary"> = {
    version: state.version,
    timestamp: isoTime(now),
    base_preset: state.basePreset,
    requested_preset: r.requested.name,
    active_preset: r.active.name,
    policy_active: active,
    queue_pressure_level: r.failSafe !== null ? "unknown" : worstOf(known),
    telemetry_stale: r.failSafe !== null,
    fail_safe: r.failSafe !== null,
    fail_safe_reason: r.failSafe,
    sustained_seconds: sustainedSeconds(state.pressure, now),
    sustained_seconds_required: r.requested.sustained_seconds,
    cooldown_seconds: r.requested.cooldown_seconds,
    cooldown_remaining_seconds: active ? cooldownRemaining(state.pressure, r.requested, now) : 0,
    override: overrideView(r, now),
    what_if: whatIf
      ? { preset: whatIf.preset ?? null, telemetry_stale: whatIf.telemetryStale === true }
      : null,
    class_states: classStates(catalog, r, active),
    queue_states: queues,
  };
  return { summary: summarize(body), ...body };
}

/** The status at `now`. A pure read: it derives everything, including expiry, and changes nothing. */
export function deriveStatus(catalog: Catalog, state: PolicyState, now: EpochSeconds): PolicyStatus {
  return derive(catalog, state, now, null);
}

/** The status as if `whatIf` held now. It changes nothing, and an unknown preset is an error, not a fallback. */
export function evaluateWhatIf(
  catalog: Catalog,
  state: PolicyState,
  now: EpochSeconds,
  whatIf: WhatIf,
): { ok: true; status: PolicyStatus } | { ok: false; error: PolicyError } {
  const error = whatIf.preset === undefined ? null : checkPreset(catalog, whatIf.preset);
  if (error) return { ok: false, error };
  return { ok: true, status: derive(catalog, state, now, whatIf) };
}
