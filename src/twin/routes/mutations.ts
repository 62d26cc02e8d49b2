import type { PolicyStatus } from "../../policy/index.js";
import type { Outcome } from "../model.js";
import { POLICY, policyErrorReply, type Reply, type Route } from "./route.js";

interface Body {
  preset: string;
  reason: string;
  ttl_seconds: number;
  replace?: boolean;
  to_preset?: string;
}

function mutationReply(result: Outcome<PolicyStatus>, created = false): Reply {
  if (!result.ok) return policyErrorReply(result.error);
  const status = result.value;
  return { status: created ? 201 : 200, body: { changed: result.changed, status }, version: status.version };
}

export const setPreset: Route = {
  method: "PUT",
  path: `${POLICY}/preset`,
  request: "SetPresetRequest",
  mutates: true,
  handle({ model, body, actor }) {
    const { preset, reason } = body as Body;
    return mutationReply(model.setPreset(preset, reason, actor));
  },
};

export const createOverride: Route = {
  method: "POST",
  path: `${POLICY}/overrides`,
  request: "CreateOverrideRequest",
  mutates: true,
  handle({ model, body, actor }) {
    const { preset, ttl_seconds, reason, replace = false } = body as Body;
    return mutationReply(model.createOverride(preset, ttl_seconds, reason, actor, replace), true);
  },
};

export const clearOverride: Route = {
  method: "DELETE",
  path: `${POLICY}/overrides/current`,
  request: "ClearOverrideRequest",
  mutates: true,
  handle({ model, body, actor }) {
    return mutationReply(model.clearOverride((body as Body).reason, actor));
  },
};

export const revert: Route = {
  method: "POST",
  path: `${POLICY}/revert`,
  request: "RevertRequest",
  mutates: true,
  handle({ model, body, actor }) {
    const { to_preset, reason } = body as Body;
    const result = model.revert(to_preset, reason, actor);
    if (!result.ok) return policyErrorReply(result.error);
    const { before, after } = result.value;
    return { status: 200, body: { changed: result.changed, before, after }, version: after.version };
  },
};
