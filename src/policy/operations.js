import { overrideInEffect } from "./resolve.js";
import { commit, settleExpiry } from "./state.js";
import { checkActor, checkPreset, checkReason, checkTtl, firstError } from "./validate.js";

const unchanged = (state) => ({ ok: true, state, changed: false });
const changedTo = (state) => ({ ok: true, state, changed: true });
/** Sets the base preset. Setting the preset already in force is accepted and changes nothing. */
export function setBasePreset(catalog, state, input, now) {
  const error = firstError(
    checkPreset(catalog, input.preset),
    checkReason(input.reason),
    checkActor(input.actor),
  );
  if (error) return { ok: false, error };
  if (input.preset === state.basePreset) return unchanged(state);
  const settled = settleExpiry(state, now);
  return changedTo(
    commit(
      settled,
      { basePreset: input.preset },
      {
        at: now,
        action: "set_preset",
        actor: input.actor,
        reason: input.reason,
        from: state.basePreset,
        to: input.preset,
        override_id: null,
      },
    ),
  );
}
/** Creates a TTL override, or replaces the active one when `replace` is set. At most one is ever in effect. */
export function createOverride(catalog, state, input, now) {
  const error = firstError(
    checkPreset(catalog, input.preset),
    checkTtl(catalog, input.ttlSeconds),
    checkReason(input.reason),
    checkActor(input.actor),
  );
  if (error) return { ok: false, error };
  const current = overrideInEffect(state.override, now);
  if (current && !input.replace) {
    return {
      ok: false,
      error: {
        code: "override_conflict",
        field: "replace",
        message: `override ${current.id} (${current.preset}) is active for ${current.expiresAt - now}s more; clear it or replace it`,
      },
    };
  }
  const settled = settleExpiry(state, now);
  const id = `ovr-${settled.overrideSeq + 1}`;
  const override = {
    id,
    preset: input.preset,
    reason: input.reason,
    actor: input.actor,
    createdAt: now,
    expiresAt: now + input.ttlSeconds,
  };
  return changedTo(
    commit(
      settled,
      { override, overrideSeq: settled.overrideSeq + 1 },
      {
        at: now,
        action: current ? "override_replaced" : "override_created",
        actor: input.actor,
        reason: input.reason,
        from: current?.preset ?? state.basePreset,
        to: input.preset,
        override_id: id,
      },
    ),
  );
}
/** Ends the active override early. There must be one. */
export function clearOverride(_catalog, state, input, now) {
  const error = firstError(checkReason(input.reason), checkActor(input.actor));
  if (error) return { ok: false, error };
  const current = overrideInEffect(state.override, now);
  if (!current) {
    return {
      ok: false,
      error: { code: "no_active_override", field: "override", message: "no override is active" },
    };
  }
  return changedTo(
    commit(
      state,
      { override: null },
      {
        at: now,
        action: "override_cleared",
        actor: input.actor,
        reason: input.reason,
        from: current.preset,
        to: state.basePreset,
        override_id: current.id,
      },
    ),
  );
}
/**
 * The explicit revert path: no override, base set to the known-good preset (or `toPreset`). Reverting to where
 * the policy already is changes nothing, so running it twice is the same as once.
 */
export function revert(catalog, state, input, now) {
  const target = input.toPreset ?? catalog.known_good_preset;
  const error = firstError(
    checkPreset(catalog, target, "to_preset"),
    checkReason(input.reason),
    checkActor(input.actor),
  );
  if (error) return { ok: false, error };
  const current = overrideInEffect(state.override, now);
  if (!current && state.basePreset === target) return unchanged(state);
  const settled = settleExpiry(state, now);
  return changedTo(
    commit(
      settled,
      { override: null, basePreset: target },
      {
        at: now,
        action: "revert",
        actor: input.actor,
        reason: input.reason,
        from: current?.preset ?? state.basePreset,
        to: target,
        override_id: current?.id ?? null,
      },
    ),
  );
}
