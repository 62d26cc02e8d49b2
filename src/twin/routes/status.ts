import type { PolicyStatus, WhatIf } from "../../policy/index.js";
import type { TwinRules } from "../defects.js";
import { errorReply, POLICY, type Reply, type Route, type RouteContext } from "./route.js";

const BOOLEAN = new Map([
  ["true", true],
  ["1", true],
  ["false", false],
  ["0", false],
]);

/** Reads `preset` and `telemetry_stale` from the query; anything else there is refused. */
export function whatIfFromQuery(query: URLSearchParams, rules: TwinRules): WhatIf | Reply {
  if (query.size === 0) return {};
  const unknown = rules.unknownQueryParameter([...query.keys()], ["preset", "telemetry_stale"]);
  if (unknown !== undefined) {
    return errorReply(400, "invalid_request", `unknown query parameter "${unknown}"`, unknown);
  }
  const stale = query.get("telemetry_stale");
  const telemetryStale = stale === null ? undefined : BOOLEAN.get(stale);
  if (stale !== null && telemetryStale === undefined) {
    return errorReply(
      400,
      "invalid_request",
      `telemetry_stale must be true or false, got "${stale}"`,
      "telemetry_stale",
    );
  }
  return { preset: query.get("preset") ?? undefined, telemetryStale };
}

/**
 * The served text of each status the model shares between reads (it hands out the same frozen object until the
 * state or the clock moves), so a run of reads serializes it once. Each status belongs to one model, and so to the
 * one `statusBody` rule that writes its body.
 */
const servedText = new WeakMap<PolicyStatus, string>();

function statusText(status: PolicyStatus, body: unknown): string {
  const kept = servedText.get(status);
  if (kept !== undefined) return kept;
  const text = JSON.stringify(body);
  // Only a shared status is frozen; a what-if's is made for one answer and not worth keeping.
  if (Object.isFrozen(status)) servedText.set(status, text);
  return text;
}

function statusReply({ model, query }: RouteContext, read: boolean): Reply {
  const whatIf = whatIfFromQuery(query, model.rules);
  if ("status" in whatIf) return whatIf;
  const result = read ? model.read(whatIf) : model.status(whatIf);
  if (!result.ok) return errorReply(422, result.error.code, result.error.message, result.error.field);
  const status = result.value;
  const body = model.rules.statusBody(status);
  return { status: 200, body, version: status.version, text: statusText(status, body) };
}

export const getStatus: Route = {
  method: "GET",
  path: `${POLICY}/status`,
  handle: (ctx) => statusReply(ctx, true),
};

/** The earlier client's what-if call: same answer as GET status with the same query, never a change. */
export const evaluate: Route = {
  method: "POST",
  path: `${POLICY}/evaluate`,
  handle: (ctx) => statusReply(ctx, false),
};
