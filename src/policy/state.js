import { IDLE_TRACKER } from "./pressure.js";
/** A fresh deployment: the catalog's default preset, no override, no telemetry yet (so fail-safe). */
export function initialState(catalog) {
  return {
    version: 1,
    basePreset: catalog.default_preset,
    override: null,
    telemetry: { kind: "none" },
    pressure: IDLE_TRACKER,
    history: [],
    overrideSeq: 0,
  };
}
/**
 * Writes a lapsed override's expiry into the history and drops it. Expiry is already in effect at read time; this
 * only makes the record explicit before the next mutation, and it never moves the version.
 */
export function settleExpiry(state, now) {
  const lapsed = state.override;
  if (!lapsed || now < lapsed.expiresAt) return state;
  const entry = {
    at: lapsed.expiresAt,
    action: "override_expired",
    actor: "system",
    reason: `TTL of override ${lapsed.id} ran out`,
    from: lapsed.preset,
    to: state.basePreset,
    version: state.version,
    override_id: lapsed.id,
  };
  return { ...state, override: null, history: [...state.history, entry] };
}
/** Applies an accepted mutation: one version up, one history entry. */
export function commit(state, changes, entry) {
  const version = state.version + 1;
  return { ...state, ...changes, version, history: [...state.history, { ...entry, version }] };
}
