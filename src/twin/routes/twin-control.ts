import { isJsonObject } from "../../common/index.js";
import { checkProfile, type StressProfile } from "../../contract/index.js";
import { isoTime } from "../../policy/index.js";
import { type FaultRule, parseFaultRule } from "../faults.js";
import type { TwinModel } from "../model.js";
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from "../request-log.js";
import { catalogProblems, parseScenario, ScenarioError, TELEMETRY_MODES } from "../scenario.js";
import { errorReply, type Reply, type Route } from "./route.js";

/** Control routes live under /__twin: they belong to the twin, never to the Nemesis contract. */
const TWIN = "/__twin";

const bodyObject = (body: unknown): Record<string, unknown> => (isJsonObject(body) ? body : {});

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

/**
 * The longest single clock move. A move runs every sample and simulated event on the way before it answers, so a
 * bounded move keeps the twin answering (and its signals handled) within seconds; move further in several steps.
 */
export const MAX_CLOCK_MOVE_SECONDS = 86_400;

export const advanceClock: Route = {
  method: "POST",
  path: `${TWIN}/clock/advance`,
  handle({ model, body }) {
    const seconds = bodyObject(body).seconds;
    if (
      typeof seconds !== "number" ||
      !Number.isInteger(seconds) ||
      seconds < 0 ||
      seconds > MAX_CLOCK_MOVE_SECONDS
    ) {
      return errorReply(
        400,
        "invalid_request",
        `seconds must be a whole number from 0 to ${MAX_CLOCK_MOVE_SECONDS} (one day); advance in steps`,
        "seconds",
      );
    }
    model.advance(seconds);
    return { status: 200, body: { ...clockBody(model.now, seconds), simulation: progress(model) } };
  },
};

export const setTelemetry: Route = {
  method: "POST",
  path: `${TWIN}/telemetry`,
  handle({ model, body }) {
    const mode = TELEMETRY_MODES.find((m) => m === bodyObject(body).mode);
    if (mode === undefined) {
      return errorReply(400, "invalid_request", `mode must be one of ${TELEMETRY_MODES.join(", ")}`, "mode");
    }
    model.setTelemetryMode(mode);
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
      const scenario = parseScenario(body, "scenario");
      const problems = catalogProblems(scenario, control.model().catalog);
      if (problems.length > 0) throw new ScenarioError(`scenario: ${problems.join("; ")}`);
      control.load(scenario);
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

/** A query value as the client sent it, cut short: the message quotes it, and a query can be 16 kB. */
const quoted = (value: string) => JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);

/** `after` and `limit` of a log page, or the 400 naming the first one that is wrong. */
function pageQuery(query: URLSearchParams): { after: number; limit: number } | Reply {
  const unknown = [...query.keys()].find((k) => k !== "after" && k !== "limit");
  if (unknown !== undefined) {
    return errorReply(
      400,
      "invalid_request",
      `unknown query parameter ${quoted(unknown)}; use after and limit`,
      unknown,
    );
  }
  const after = query.get("after") ?? "0";
  if (!/^\d{1,15}$/.test(after)) {
    return errorReply(
      400,
      "invalid_request",
      `after must be a whole number >= 0 (the seq of the last entry read), got ${quoted(after)}`,
      "after",
    );
  }
  const limit = query.get("limit") ?? String(DEFAULT_PAGE_LIMIT);
  if (!/^\d{1,6}$/.test(limit) || Number(limit) < 1 || Number(limit) > MAX_PAGE_LIMIT) {
    return errorReply(
      400,
      "invalid_request",
      `limit must be a whole number from 1 to ${MAX_PAGE_LIMIT}, got ${quoted(limit)}`,
      "limit",
    );
  }
  return { after: Number(after), limit: Number(limit) };
}

/** The request log, a page at a time: `?after=SEQ&limit=N`; the answer says what fell off the ring. */
export const getRequests: Route = {
  method: "GET",
  path: `${TWIN}/requests`,
  handle({ control, query }) {
    const page = pageQuery(query);
    return "status" in page ? page : { status: 200, body: control.requests(page.after, page.limit) };
  },
};

const DISPATCH_MODES = ["policy", "fifo"] as const;

/** Starts a stress profile's simulation now. `dispatch: "fifo"` runs it with the policy off. */
export const loadProfile: Route = {
  method: "POST",
  path: `${TWIN}/profile`,
  handle({ model, body }) {
    const { profile, dispatch = "policy", ...rest } = bodyObject(body);
    const unknown = Object.keys(rest)[0];
    if (unknown) return errorReply(400, "invalid_request", `unknown field "${unknown}"`, unknown);
    if (!DISPATCH_MODES.includes(dispatch as "policy")) {
      return errorReply(400, "invalid_request", `dispatch must be policy or fifo`, "dispatch");
    }
    const names = {
      queues: model.catalog.queues.map((q) => q.name),
      classes: model.catalog.classes.map((c) => c.name),
    };
    const [problem] = checkProfile(profile, names);
    if (problem) return errorReply(400, "invalid_profile", `${problem.path}: ${problem.message}`, "profile");
    model.loadProfile(profile as StressProfile, dispatch as "policy" | "fifo");
    return { status: 200, body: { ...clockBody(model.now), simulation: progress(model) } };
  },
};

function progress(model: TwinModel) {
  const sim = model.simulation;
  if (!sim) return null;
  const r = sim.result();
  return { done: r.done, jobs_total: r.jobs_total, jobs_completed: r.jobs_completed };
}

/** The simulation's result so far; `?jobs=true` adds every job's record. */
export const getSimulation: Route = {
  method: "GET",
  path: `${TWIN}/simulation`,
  handle({ model, query }) {
    const sim = model.simulation;
    if (!sim)
      return errorReply(404, "no_simulation", "no stress profile is loaded; POST /__twin/profile first");
    const body = { ...sim.result(), started_at: isoTime(sim.origin), now: isoTime(model.now) };
    return { status: 200, body: query.get("jobs") === "true" ? { ...body, jobs: sim.jobRecords() } : body };
  },
};
