/** Epoch seconds on the injected clock. The engine never reads a clock itself. */
export type EpochSeconds = number;

export interface ClassDefinition {
  name: string;
  description?: string;
  default?: boolean;
  extensions: string[];
}

export interface QueueDefinition {
  name: string;
  rabbitmq_queue: string;
}

export interface Thresholds {
  warning: number;
  critical: number;
}

export interface ClassLimits {
  parallelism: number;
  floor: number;
}

export interface Preset {
  name: string;
  description?: string;
  queues: Record<string, Thresholds>;
  sustained_seconds: number;
  cooldown_seconds: number;
  baseline_headroom: number;
  classes: Record<string, ClassLimits>;
}

export interface Catalog {
  deployment: { workers: number };
  /** Tier order: the first class has priority over the ones after it. */
  classes: ClassDefinition[];
  queues: QueueDefinition[];
  presets: Preset[];
  default_preset: string;
  known_good_preset: string;
  fail_safe_preset: string;
  max_override_ttl_seconds: number;
  telemetry_stale_after_seconds: number;
}

export type Severity = "normal" | "warning" | "critical";
export type PressureLevel = Severity | "unknown";
export type ClassSource = "preset" | "override" | "fail_safe";

export interface Override {
  id: string;
  preset: string;
  reason: string;
  actor: string;
  createdAt: EpochSeconds;
  expiresAt: EpochSeconds;
}

export type Telemetry =
  | { kind: "none" }
  | { kind: "sample"; at: EpochSeconds; depths: Readonly<Record<string, number>> }
  | { kind: "failed"; at: EpochSeconds; reason: string; lastDepths: Readonly<Record<string, number>> };

/**
 * What the activation window needs to remember between samples. Activation itself is derived from this and the
 * clock at read time, so a read never has to move a timer.
 */
export interface PressureTracker {
  elevatedSince: EpochSeconds | null;
  /** The policy was active at the last sample and stays so until a cooldown ends. */
  latched: boolean;
  cooldownStartedAt: EpochSeconds | null;
}

export type HistoryAction =
  | "set_preset"
  | "override_created"
  | "override_replaced"
  | "override_cleared"
  | "override_expired"
  | "revert";

export interface HistoryEntry {
  at: EpochSeconds;
  action: HistoryAction;
  actor: string;
  reason: string;
  from: string;
  to: string;
  /** The version after this entry; synthesized expiries carry the version they happened under. */
  version: number;
  override_id: string | null;
}

export interface PolicyState {
  version: number;
  basePreset: string;
  override: Override | null;
  telemetry: Telemetry;
  pressure: PressureTracker;
  history: readonly HistoryEntry[];
  overrideSeq: number;
}

export type PolicyErrorCode =
  | "unknown_preset"
  | "invalid_ttl"
  | "ttl_too_long"
  | "empty_reason"
  | "empty_actor"
  | "override_conflict"
  | "no_active_override"
  | "unknown_queue"
  | "invalid_depth";

/** A refused operation. The engine never falls back silently; it says which field and why. */
export interface PolicyError {
  code: PolicyErrorCode;
  field: string;
  message: string;
}

export type OpResult = { ok: true; state: PolicyState; changed: boolean } | { ok: false; error: PolicyError };

export interface WhatIf {
  preset?: string;
  telemetryStale?: boolean;
}

export interface QueueState {
  queue: string;
  rabbitmq_queue: string;
  queued_messages: number | null;
  warning_threshold: number;
  critical_threshold: number;
  severity: PressureLevel;
}

export interface ClassState {
  class_name: string;
  active_parallelism: number;
  minimum_floor: number;
  deferred_admission: boolean;
  source: ClassSource;
  reason: string;
}

export interface OverrideView {
  id: string;
  preset: string;
  reason: string;
  actor: string;
  created_at: string;
  expires_at: string;
  remaining_seconds: number;
}

export interface PolicyStatus {
  summary: string;
  version: number;
  timestamp: string;
  base_preset: string;
  requested_preset: string;
  active_preset: string;
  policy_active: boolean;
  queue_pressure_level: PressureLevel;
  telemetry_stale: boolean;
  fail_safe: boolean;
  fail_safe_reason: string | null;
  sustained_seconds: number;
  sustained_seconds_required: number;
  cooldown_seconds: number;
  cooldown_remaining_seconds: number;
  override: OverrideView | null;
  what_if: { preset: string | null; telemetry_stale: boolean } | null;
  class_states: ClassState[];
  queue_states: QueueState[];
}
