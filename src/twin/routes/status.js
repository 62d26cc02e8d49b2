import { errorReply, POLICY } from "./route.js";

const BOOLEAN = { true: true, 1: true, false: false, 0: false };
/** Reads `preset` and `telemetry_stale` from the query; anything else there is refused. */
export function whatIfFromQuery(query) {
  for (const key of query.keys()) {
    if (key !== "preset" && key !== "telemetry_stale") {
      return errorReply(400, "invalid_request", `unknown query parameter "${key}"`, key);
    }
  }
  const stale = query.get("telemetry_stale");
  const telemetryStale = stale === null ? undefined : BOOLEAN[stale];
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
function statusReply({ model, query }, read) {
  const whatIf = whatIfFromQuery(query);
  if ("status" in whatIf) return whatIf;
  const result = read ? model.read(whatIf) : model.status(whatIf);
  if (!result.ok) return errorReply(422, result.error.code, result.error.message, result.error.field);
  return { status: 200, body: result.value, version: result.value.version };
}
export const getStatus = {
  method: "GET",
  path: `${POLICY}/status`,
  handle: (ctx) => statusReply(ctx, true),
};
/** The earlier client's what-if call: same answer as GET status with the same query, never a change. */
export const evaluate = {
  method: "POST",
  path: `${POLICY}/evaluate`,
  handle: (ctx) => statusReply(ctx, false),
};
