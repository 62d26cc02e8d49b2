import { POLICY, policyErrorReply } from "./route.js";

function mutationReply(result, created = false) {
  if (!result.ok) return policyErrorReply(result.error);
  const status = result.value;
  return { status: created ? 201 : 200, body: { changed: result.changed, status }, version: status.version };
}
export const setPreset = {
  method: "PUT",
  path: `${POLICY}/preset`,
  request: "SetPresetRequest",
  mutates: true,
  handle({ model, body, actor }) {
    const { preset, reason } = body;
    return mutationReply(model.setPreset(preset, reason, actor));
  },
};
export const createOverride = {
  method: "POST",
  path: `${POLICY}/overrides`,
  request: "CreateOverrideRequest",
  mutates: true,
  handle({ model, body, actor }) {
    const { preset, ttl_seconds, reason, replace = false } = body;
    return mutationReply(model.createOverride(preset, ttl_seconds, reason, actor, replace), true);
  },
};
export const clearOverride = {
  method: "DELETE",
  path: `${POLICY}/overrides/current`,
  request: "ClearOverrideRequest",
  mutates: true,
  handle({ model, body, actor }) {
    return mutationReply(model.clearOverride(body.reason, actor));
  },
};
export const revert = {
  method: "POST",
  path: `${POLICY}/revert`,
  request: "RevertRequest",
  mutates: true,
  handle({ model, body, actor }) {
    const { to_preset, reason } = body;
    const result = model.revert(to_preset, reason, actor);
    if (!result.ok) return policyErrorReply(result.error);
    const { before, after } = result.value;
    return { status: 200, body: { changed: result.changed, before, after }, version: after.version };
  },
};
