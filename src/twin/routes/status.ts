import type { WhatIf } from "../../policy/index.js";
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

function statusReply({ model, query }: RouteContext, read: boolean): Reply {
  const whatIf = whatIfFromQuery(query, model.rules);
  if ("status" in whatIf) return whatIf;
  const result = read ? model.read(whatIf) : model.status(whatIf);
  if (!result.ok) return errorReply(422, result.error.code, result.error.message, result.error.field);
  return { status: 200, body: model.rules.statusBody(result.value), version: result.value.version };
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
