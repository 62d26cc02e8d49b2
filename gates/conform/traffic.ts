/**
 * The fixed traffic every proxy-style tool sees, in one place: each endpoint of the contract, its bad inputs
 * (unknown preset, bad TTL, unknown query parameter, stale If-Match, no credentials), eight concurrent override
 * creates, repeated status reads, an override followed by reads until past its expiry, and a revert.
 *
 * Contract calls go through the tool under test. Clock moves and telemetry switches go straight to the twin's own
 * control routes: they stand in for time passing and a telemetry source failing on a real deployment, and the
 * tool never sees them.
 */
import type { ProxiedExchange } from "./verdict.js";

const POLICY = "/workflows/throughput-policy";

interface ApiCall {
  kind: "api";
  name: string;
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** A raw body with its own content type, for the wrong-media-type call. */
  rawBody?: { contentType: string; text: string };
  /** Send no credentials. */
  anonymous?: boolean;
  /** `current`: the ETag of the last status read; `stale`: one the policy has moved past. */
  ifMatch?: "current" | "stale";
  /** The request breaks the contract on purpose, so a tool that flags the request is right on every target. */
  breaksContract?: boolean;
  /** Send this many copies at once. */
  concurrent?: number;
}

interface ControlCall {
  kind: "control";
  name: string;
  path: string;
  body: unknown;
}

export type TrafficStep = ApiCall | ControlCall;

const read = (name: string, path: string, extra: Partial<ApiCall> = {}): ApiCall => ({
  kind: "api",
  name,
  method: "GET",
  path,
  ...extra,
});

const change = (
  name: string,
  method: ApiCall["method"],
  path: string,
  body: unknown,
  extra: Partial<ApiCall> = {},
): ApiCall => ({ kind: "api", name, method, path, body, ifMatch: "current", ...extra });

const advance = (seconds: number): ControlCall => ({
  kind: "control",
  name: `clock +${seconds}s`,
  path: "/__twin/clock/advance",
  body: { seconds },
});

const telemetry = (mode: "ok" | "failing"): ControlCall => ({
  kind: "control",
  name: `telemetry ${mode}`,
  path: "/__twin/telemetry",
  body: { mode },
});

const statusReads = (label: string, count: number): ApiCall[] =>
  Array.from({ length: count }, (_, i) => read(`status ${label} #${i + 1}`, `${POLICY}/status`));

export const TRAFFIC: readonly TrafficStep[] = [
  read("presets", `${POLICY}/presets`),
  read("queues", "/queues"),
  ...statusReads("at start", 3),
  read("status what-if aggressive", `${POLICY}/status`, { query: { preset: "aggressive" } }),
  read("status what-if stale telemetry", `${POLICY}/status`, { query: { telemetry_stale: "true" } }),
  read("status what-if unknown preset", `${POLICY}/status`, { query: { preset: "no_such_preset" } }),
  read("status unknown query parameter", `${POLICY}/status`, { query: { bogus: "1" } }),
  read("status without credentials", `${POLICY}/status`, { anonymous: true, breaksContract: true }),
  read("history without credentials", `${POLICY}/history`, { anonymous: true, breaksContract: true }),
  {
    kind: "api",
    name: "evaluate conservative",
    method: "POST",
    path: `${POLICY}/evaluate`,
    query: { preset: "conservative" },
  },
  advance(120),
  ...statusReads("under pressure", 2),
  change("set unknown preset", "PUT", `${POLICY}/preset`, {
    preset: "no_such_preset",
    reason: "conform: bad input",
  }),
  change("set preset aggressive", "PUT", `${POLICY}/preset`, {
    preset: "aggressive",
    reason: "conform: traffic",
  }),
  change(
    "set preset with stale If-Match",
    "PUT",
    `${POLICY}/preset`,
    { preset: "balanced", reason: "conform" },
    { ifMatch: "stale" },
  ),
  read("status after set", `${POLICY}/status`),
  change("override TTL zero", "POST", `${POLICY}/overrides`, {
    preset: "conservative",
    ttl_seconds: 0,
    reason: "conform: bad TTL",
  }),
  change("override TTL too long", "POST", `${POLICY}/overrides`, {
    preset: "conservative",
    ttl_seconds: 10_000_000,
    reason: "conform: bad TTL",
  }),
  change(
    "override TTL not an integer",
    "POST",
    `${POLICY}/overrides`,
    { preset: "conservative", ttl_seconds: "ten", reason: "conform: bad TTL" },
    { breaksContract: true },
  ),
  change("override unknown preset", "POST", `${POLICY}/overrides`, {
    preset: "no_such_preset",
    ttl_seconds: 600,
    reason: "conform: bad input",
  }),
  change("override wrong media type", "POST", `${POLICY}/overrides`, undefined, {
    rawBody: { contentType: "text/plain", text: "preset=conservative" },
    breaksContract: true,
  }),
  change(
    "override create (8 at once)",
    "POST",
    `${POLICY}/overrides`,
    { preset: "conservative", ttl_seconds: 600, reason: "conform: concurrent creates" },
    { concurrent: 8, ifMatch: undefined },
  ),
  ...statusReads("with override", 3),
  read("history", `${POLICY}/history`),
  read("history since 60 s", `${POLICY}/history`, { query: { since_seconds: "60" } }),
  advance(300),
  ...statusReads("mid override", 2),
  advance(400),
  ...statusReads("after override expiry", 3),
  change("clear override", "DELETE", `${POLICY}/overrides/current`, { reason: "conform: clear" }),
  change(
    "clear override with stale If-Match",
    "DELETE",
    `${POLICY}/overrides/current`,
    { reason: "conform" },
    { ifMatch: "stale" },
  ),
  telemetry("failing"),
  advance(30),
  read("queues while telemetry fails", "/queues"),
  ...statusReads("while telemetry fails", 2),
  telemetry("ok"),
  advance(30),
  change("revert", "POST", `${POLICY}/revert`, { reason: "conform: revert" }),
  change(
    "revert with stale If-Match",
    "POST",
    `${POLICY}/revert`,
    { reason: "conform" },
    { ifMatch: "stale" },
  ),
  ...statusReads("after revert", 2),
  read("history at end", `${POLICY}/history`),
];

export interface TrafficEndpoints {
  /** Where contract calls go: the tool's proxy, or the twin itself. */
  apiBase: string;
  /** The twin's own API URL, for the control calls. */
  twinApiUrl: string;
  user: string;
  password: string;
}

const STALE_ETAG = '"0"';

/** Sends the traffic in order and hands back every answer the client got, one per request sent. */
export async function runTraffic(
  endpoints: TrafficEndpoints,
  steps: readonly TrafficStep[] = TRAFFIC,
): Promise<ProxiedExchange[]> {
  const authorization = `Basic ${Buffer.from(`${endpoints.user}:${endpoints.password}`).toString("base64")}`;
  const exchanges: ProxiedExchange[] = [];
  let etag: string | undefined;
  for (const step of steps) {
    if (step.kind === "control") {
      const reply = await fetch(`${endpoints.twinApiUrl}${step.path}`, {
        method: "POST",
        headers: { authorization, "content-type": "application/json" },
        body: JSON.stringify(step.body),
      });
      await reply.text();
      if (!reply.ok) throw new Error(`twin control ${step.name} answered ${reply.status}`);
      continue;
    }
    const request = buildRequest(
      step,
      endpoints.apiBase,
      authorization,
      step.ifMatch === "stale" ? STALE_ETAG : etag,
    );
    const replies = await Promise.all(
      Array.from({ length: step.concurrent ?? 1 }, () => fetch(request.url, request.init)),
    );
    for (const reply of replies) {
      const headers = Object.fromEntries(reply.headers.entries());
      exchanges.push({
        step: step.name,
        breaksContract: step.breaksContract ?? false,
        status: reply.status,
        headers,
        body: await reply.text(),
      });
      // A later change names the version the client last saw, as a careful client would.
      if (reply.ok && headers.etag !== undefined) etag = headers.etag;
    }
  }
  return exchanges;
}

function buildRequest(
  step: ApiCall,
  apiBase: string,
  authorization: string,
  ifMatch: string | undefined,
): { url: string; init: RequestInit } {
  const query = step.query ? `?${new URLSearchParams(step.query).toString()}` : "";
  const headers: Record<string, string> = { accept: "application/json" };
  if (!step.anonymous) headers.authorization = authorization;
  if (step.ifMatch !== undefined && ifMatch !== undefined) headers["if-match"] = ifMatch;
  let body: string | undefined;
  if (step.rawBody) {
    headers["content-type"] = step.rawBody.contentType;
    body = step.rawBody.text;
  } else if (step.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(step.body);
  }
  return { url: `${apiBase}${step.path}${query}`, init: { method: step.method, headers, body } };
}

/** The number of requests the traffic sends through the tool. */
export function requestCount(steps: readonly TrafficStep[] = TRAFFIC): number {
  return steps.reduce((n, s) => n + (s.kind === "api" ? (s.concurrent ?? 1) : 0), 0);
}
