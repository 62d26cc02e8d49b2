import { isoTime } from "../../policy/index.js";
import { type FaultRule, parseFaultRule } from "../faults.js";
import { parseScenario, ScenarioError, TELEMETRY_MODES, type TelemetryMode } from "../scenario.js";
import { errorReply, type Reply, type Route } from "./route.js";

/** Control routes live under /__twin: they belong to the twin, never to the Nemesis contract. */
const TWIN = "/__twin";

const bodyObject = (body: unknown): Record<string, unknown> =>
  typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};

function clockBody(now: number, advanced?: number) {
  return {
    now: isoTime(now),
    epoch_seconds: now,
    ...(advanced === undefined ? {} : { advanced_seconds: advanced }),
  };
}

export const getClock: Route = {
  method: "GET",
  path: `${TWIN}/clock`,
  handle: ({ model }) => ({ status: 200, body: clockBody(model.now) }),
};

export const advanceClock: Route = {
  method: "POST",
  path: `${TWIN}/clock/advance`,
  handle({ model, body }) {
    const seconds = bodyObject(body).seconds;
    if (typeof seconds !== "number" || !Number.isInteger(seconds) || seconds < 0) {
      return errorReply(400, "invalid_request", "seconds must be a whole number >= 0", "seconds");
    }
    model.advance(seconds);
    return { status: 200, body: clockBody(model.now, seconds) };
  },
};

export const setTelemetry: Route = {
  method: "POST",
  path: `${TWIN}/telemetry`,
  handle({ model, body }) {
    const mode = bodyObject(body).mode;
    if (!TELEMETRY_MODES.includes(mode as TelemetryMode)) {
      return errorReply(400, "invalid_request", `mode must be one of ${TELEMETRY_MODES.join(", ")}`, "mode");
    }
    model.setTelemetryMode(mode as TelemetryMode);
    return { status: 200, body: { mode } };
  },
};

export const getFaults: Route = {
  method: "GET",
  path: `${TWIN}/faults`,
  handle: ({ control }) => ({ status: 200, body: { faults: control.faults.list() } }),
};

export const addFaults: Route = {
  method: "POST",
  path: `${TWIN}/faults`,
  handle({ control, body }): Reply {
    const raw = bodyObject(body);
    const list = Array.isArray(raw.rules) ? raw.rules : [body];
    const parsed = list.map((r, i) => parseFaultRule(r, i));
    const problem = parsed.find((p): p is string => typeof p === "string");
    if (problem) return errorReply(400, "invalid_request", problem, "rules");
    control.faults.add(parsed as FaultRule[]);
    return { status: 200, body: { faults: control.faults.list() } };
  },
};

export const clearFaults: Route = {
  method: "DELETE",
  path: `${TWIN}/faults`,
  handle({ control }) {
    control.faults.clear();
    return { status: 200, body: { faults: [] } };
  },
};

export const loadScenario: Route = {
  method: "POST",
  path: `${TWIN}/scenario`,
  handle({ control, body }) {
    try {
      control.load(parseScenario(body, "scenario"));
    } catch (err) {
      if (err instanceof ScenarioError) return errorReply(400, "invalid_scenario", err.message, "scenario");
      throw err;
    }
    return { status: 200, body: clockBody(control.model().now) };
  },
};

export const reset: Route = {
  method: "POST",
  path: `${TWIN}/reset`,
  handle({ control }) {
    control.reset();
    return { status: 200, body: clockBody(control.model().now) };
  },
};

export const getRequests: Route = {
  method: "GET",
  path: `${TWIN}/requests`,
  handle: ({ control }) => ({ status: 200, body: { requests: control.requests() } }),
};
