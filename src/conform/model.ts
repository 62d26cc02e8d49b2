/**
 * The oracle, pure: what a conforming implementation must answer, computed with the policy engine on the target's
 * own clock. Only the policy fields are modelled (presets, the override, the version, the history); telemetry and
 * pressure belong to the target, so the model takes `fail_safe` from the answer and checks what follows from it.
 */
import type { PresetCatalog, Status } from "../contract/index.js";
import {
  type Catalog,
  clearOverride,
  createOverride,
  deriveStatus,
  evaluateWhatIf,
  historyAt,
  initialState,
  isoTime,
  type OpResult,
  type Override,
  type PolicyErrorCode,
  type PolicyState,
  revert,
  setBasePreset,
} from "../policy/index.js";
import { bodyAs } from "./checks.js";

/** The model's actor. Each server names its own (the user, the token's name), so actors are never compared. */
export const MODEL_ACTOR = "conform";

/** The HTTP status the contract gives each refusal of the policy engine. */
export const STATUS_OF_REFUSAL: Record<PolicyErrorCode, number> = {
  unknown_preset: 422,
  invalid_ttl: 422,
  ttl_too_long: 422,
  empty_reason: 422,
  empty_actor: 422,
  unknown_queue: 422,
  invalid_depth: 422,
  override_conflict: 409,
  no_active_override: 404,
};

export interface Model {
  catalog: Catalog;
  state: PolicyState;
  /** Epoch seconds on the target's clock at the last answer. */
  now: number;
  /** History entries the target held before the sequence started; the model compares only those after. */
  historyOffset: number;
}

export type Mutation =
  | { kind: "set_preset"; preset: string; reason: string }
  | { kind: "create_override"; preset: string; ttlSeconds: number; reason: string; replace: boolean }
  | { kind: "clear_override"; reason: string }
  | { kind: "revert"; toPreset?: string; reason: string };

export interface HttpRequest {
  method: "PUT" | "POST" | "DELETE";
  path: string;
  body: Record<string, unknown>;
}

const POLICY = "/workflows/throughput-policy";

/** The request a mutation is sent as, in the contract's words. */
export function requestOf(m: Mutation): HttpRequest {
  switch (m.kind) {
    case "set_preset":
      return { method: "PUT", path: `${POLICY}/preset`, body: { preset: m.preset, reason: m.reason } };
    case "create_override":
      return {
        method: "POST",
        path: `${POLICY}/overrides`,
        body: { preset: m.preset, ttl_seconds: m.ttlSeconds, reason: m.reason, replace: m.replace },
      };
    case "clear_override":
      return { method: "DELETE", path: `${POLICY}/overrides/current`, body: { reason: m.reason } };
    case "revert":
      return {
        method: "POST",
        path: `${POLICY}/revert`,
        body: m.toPreset === undefined ? { reason: m.reason } : { to_preset: m.toPreset, reason: m.reason },
      };
  }
}

/** The policy engine's catalog from the contract's `GET presets` answer. */
export function catalogFromContract(c: PresetCatalog): Catalog {
  return {
    deployment: { workers: c.workers },
    classes: c.classes,
    queues: c.queues,
    presets: c.presets,
    default_preset: c.default_preset,
    known_good_preset: c.known_good_preset,
    fail_safe_preset: c.fail_safe_preset,
    max_override_ttl_seconds: c.max_override_ttl_seconds,
    telemetry_stale_after_seconds: c.telemetry_stale_after_seconds,
  };
}

export const epochOf = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

/** A model that starts where the target is: its version, base and override, with an empty history after it. */
export function modelFromStatus(catalog: Catalog, status: Status, historyLength: number): Model {
  const o = status.override;
  const override: Override | null = o
    ? {
        id: o.id,
        preset: o.preset,
        reason: o.reason,
        actor: o.actor,
        createdAt: epochOf(o.created_at),
        expiresAt: epochOf(o.expires_at),
      }
    : null;
  const state = {
    ...initialState(catalog),
    version: status.version,
    basePreset: status.base_preset,
    override,
  };
  return { catalog, state, now: epochOf(status.timestamp), historyOffset: historyLength };
}

export interface Expectation {
  /** The HTTP status a conforming target answers. */
  status: number;
  /** The policy's refusal code, when it refuses. */
  code: PolicyErrorCode | null;
  changed: boolean | null;
  /** The model after the call; the same model when the call is refused. */
  next: PolicyState;
}

function operate(model: Model, m: Mutation, now: number): OpResult {
  const audit = { reason: m.reason, actor: MODEL_ACTOR };
  switch (m.kind) {
    case "set_preset":
      return setBasePreset(model.catalog, model.state, { ...audit, preset: m.preset }, now);
    case "create_override":
      return createOverride(
        model.catalog,
        model.state,
        { ...audit, preset: m.preset, ttlSeconds: m.ttlSeconds, replace: m.replace },
        now,
      );
    case "clear_override":
      return clearOverride(model.catalog, model.state, audit, now);
    case "revert":
      return revert(model.catalog, model.state, { ...audit, toPreset: m.toPreset }, now);
  }
}

/** What a conforming target answers to `m` at `now`. */
export function expectMutation(model: Model, m: Mutation, now: number): Expectation {
  const result = operate(model, m, now);
  if (!result.ok) {
    return {
      status: STATUS_OF_REFUSAL[result.error.code],
      code: result.error.code,
      changed: null,
      next: model.state,
    };
  }
  const status = m.kind === "create_override" ? 201 : 200;
  return { status, code: null, changed: result.changed, next: result.state };
}

/** The model with the target's id for the override it just created: ids are the server's to choose. */
export function adoptOverrideId(state: PolicyState, id: string): PolicyState {
  const current = state.override;
  if (!current || current.id === id) return state;
  const old = current.id;
  return {
    ...state,
    override: { ...current, id },
    history: state.history.map((e) => (e.override_id === old ? { ...e, override_id: id } : e)),
  };
}

const field = (name: string, got: unknown, want: unknown): string[] =>
  got === want ? [] : [`${name} is ${JSON.stringify(got)}, the model says ${JSON.stringify(want)}`];

/** Where a status's policy fields disagree with the model's status at `now`. Empty when they agree. */
export function statusMismatches(model: Model, now: number, actual: Status, label = "status"): string[] {
  const want = deriveStatus(model.catalog, model.state, now);
  return policyFieldMismatches(model.catalog, want, actual).map((m) => `${label}: ${m}`);
}

function policyFieldMismatches(
  catalog: Catalog,
  want: ReturnType<typeof deriveStatus>,
  actual: Status,
): string[] {
  const activeWanted = actual.fail_safe ? catalog.fail_safe_preset : want.requested_preset;
  const out = [
    ...field("version", actual.version, want.version),
    ...field("base_preset", actual.base_preset, want.base_preset),
    ...field("requested_preset", actual.requested_preset, want.requested_preset),
    ...field("active_preset", actual.active_preset, activeWanted),
  ];
  const o = actual.override;
  const w = want.override;
  if ((o === null) !== (w === null)) {
    out.push(
      `override is ${o ? `${o.preset} until ${o.expires_at}` : "none"}, the model says ${w ? `${w.preset} until ${w.expires_at}` : "none"}`,
    );
  } else if (o && w) {
    out.push(
      ...field("override.id", o.id, w.id),
      ...field("override.preset", o.preset, w.preset),
      ...field("override.created_at", o.created_at, w.created_at),
      ...field("override.expires_at", o.expires_at, w.expires_at),
      ...field("override.remaining_seconds", o.remaining_seconds, w.remaining_seconds),
    );
  }
  return out;
}

export interface WhatIfQuery {
  preset?: string;
  telemetryStale?: boolean;
}

/** The what-if answer's expectation: 422 for an unknown preset, else a status as if the what-if held. */
export function whatIfMismatches(
  model: Model,
  now: number,
  query: WhatIfQuery,
  httpStatus: number,
  actual: unknown,
): string[] {
  // Neither a preset nor telemetry_stale=true asks for no what-if: the plain status.
  const plain = query.preset === undefined && query.telemetryStale !== true;
  const result = plain
    ? { ok: true as const, status: deriveStatus(model.catalog, model.state, now) }
    : evaluateWhatIf(model.catalog, model.state, now, query);
  if (!result.ok) {
    return httpStatus === 422
      ? []
      : [`what-if answered HTTP ${httpStatus}, the model says 422 (${result.error.code})`];
  }
  if (httpStatus !== 200) return [`what-if answered HTTP ${httpStatus}, the model says 200`];
  const status = bodyAs(actual, "Status");
  if (!status) return ["what-if answered HTTP 200 with a body that is no Status"];
  const out = policyFieldMismatches(model.catalog, result.status, status).map((m) => `what-if: ${m}`);
  const wantWhatIf = result.status.what_if;
  if (JSON.stringify(status.what_if) !== JSON.stringify(wantWhatIf)) {
    out.push(
      `what-if: what_if is ${JSON.stringify(status.what_if)}, the model says ${JSON.stringify(wantWhatIf)}`,
    );
  }
  if (query.telemetryStale && !status.fail_safe)
    out.push("what-if: telemetry_stale=true did not read as fail-safe");
  return out;
}

export interface HistoryRow {
  at: string;
  action: string;
  reason: string;
  from: string;
  to: string;
  version: number;
  override_id: string | null;
}

const rowText = (e: HistoryRow) =>
  `${e.action} ${e.from}->${e.to} v${e.version} at ${e.at}${e.override_id ? ` ${e.override_id}` : ""} "${e.reason}"`;

/** Where the target's history since the sequence started disagrees with the model's at `now`. */
export function historyMismatches(model: Model, now: number, entries: readonly HistoryRow[]): string[] {
  const want = historyAt(model.state, now).map((e) => rowText({ ...e, at: isoTime(e.at) }));
  const got = entries.slice(model.historyOffset).map(rowText);
  const out: string[] = [];
  for (let i = 0; i < Math.max(want.length, got.length); i++) {
    if (want[i] !== got[i]) {
      out.push(`history entry ${i + 1} is ${got[i] ?? "missing"}, the model says ${want[i] ?? "none"}`);
      break;
    }
  }
  return out;
}
