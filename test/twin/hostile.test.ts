import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { call, POLICY, twin } from "./helpers.js";

const idle = () => JSON.parse(readFileSync("fixtures/profiles/idle.json", "utf8"));
const withArrival = (arrival: Record<string, unknown>) => ({
  profile: { ...idle(), arrivals: [{ queue: "new_file", start_seconds: 0, ...arrival }] },
});
const scenario = (extra: Record<string, unknown>) => ({
  name: "hostile",
  epoch: "2026-01-01T00:00:00Z",
  telemetry: [{ at: 0, depths: {} }],
  ...extra,
});

interface Case {
  name: string;
  method: string;
  path: string;
  body?: unknown;
  /** Raw text sent as the body, with its own headers. */
  raw?: { text: string | Buffer; headers: Record<string, string> };
  auth?: string | null;
  status: number;
  /** The request must show in the twin's request log with its status. */
  logged?: boolean;
  /** What the error body (code and message, or the whole text) must say. */
  says: RegExp;
}

/** One row per hostile request: the twin answers it with a specific error and stays up. */
const CASES: Case[] = [
  {
    name: "a profile with rate_per_second 1e12",
    method: "POST",
    path: "/__twin/profile",
    body: withArrival({ pattern: "steady", rate_per_second: 1e12, duration_seconds: 60 }),
    status: 400,
    says: /invalid_profile.*rate_per_second: must be <= 1000/,
  },
  {
    name: "a burst of 1e12 jobs",
    method: "POST",
    path: "/__twin/profile",
    body: withArrival({ pattern: "burst", count: 1e12, duration_seconds: 60 }),
    status: 400,
    says: /count: must be <= 100000/,
  },
  {
    name: "a profile expecting more jobs than the limit",
    method: "POST",
    path: "/__twin/profile",
    body: withArrival({ pattern: "steady", rate_per_second: 1000, duration_seconds: 600 }),
    status: 400,
    says: /\$\.arrivals\[0\]\.rate_per_second: the arrivals expect about 600000 jobs; the limit is 100000/,
  },
  {
    name: "a ramp expecting more jobs than the limit",
    method: "POST",
    path: "/__twin/profile",
    body: withArrival({
      pattern: "ramp",
      from_rate_per_second: 0,
      to_rate_per_second: 1000,
      duration_seconds: 600,
    }),
    status: 400,
    says: /\$\.arrivals\[0\]\.to_rate_per_second: the arrivals expect about 300000 jobs/,
  },
  {
    name: "a service time of 1e12 seconds",
    method: "POST",
    path: "/__twin/profile",
    body: {
      profile: {
        ...idle(),
        service_time: { ...idle().service_time, baseline: { distribution: "constant", seconds: 1e12 } },
      },
    },
    status: 400,
    says: /service_time\.baseline\.seconds: must be <= 86400/,
  },
  {
    name: "a clock move of 1e12 seconds",
    method: "POST",
    path: "/__twin/clock/advance",
    body: { seconds: 1e12 },
    status: 400,
    says: /seconds must be a whole number from 0 to 86400/,
  },
  {
    name: "a scenario point 1e15 seconds out",
    method: "POST",
    path: "/__twin/scenario",
    body: scenario({ telemetry: [{ at: 1e15, depths: {} }] }),
    status: 400,
    says: /telemetry\[0\]\.at: must be <= 31622400/,
  },
  {
    name: "a scenario depth of 1e300",
    method: "POST",
    path: "/__twin/scenario",
    body: scenario({ telemetry: [{ at: 0, depths: { new_file: 1e300 } }] }),
    status: 400,
    says: /depths\.new_file: must be <= 1000000000/,
  },
  {
    name: "a scenario sampling once a year",
    method: "POST",
    path: "/__twin/scenario",
    body: scenario({ sample_interval_seconds: 31_536_000 }),
    status: 400,
    says: /sample_interval_seconds: must be <= 3600/,
  },
  {
    name: "a Basic user named constructor",
    method: "GET",
    path: `${POLICY}/status`,
    auth: "constructor:x",
    status: 401,
    logged: true,
    says: /unauthorized/,
  },
  {
    name: "a Basic user named __proto__",
    method: "GET",
    path: `${POLICY}/status`,
    auth: "__proto__:x",
    status: 401,
    logged: true,
    says: /unauthorized/,
  },
  {
    name: "a Basic user named toString",
    method: "GET",
    path: `${POLICY}/status`,
    auth: "toString:x",
    status: 401,
    logged: true,
    says: /unauthorized/,
  },
  {
    name: "a Basic user named hasOwnProperty",
    method: "GET",
    path: `${POLICY}/status`,
    auth: "hasOwnProperty:x",
    status: 401,
    logged: true,
    says: /unauthorized/,
  },
  {
    name: "telemetry_stale=constructor",
    method: "GET",
    path: `${POLICY}/status?telemetry_stale=constructor`,
    status: 400,
    says: /telemetry_stale must be true or false, got \\"constructor\\"/,
  },
  {
    name: "telemetry_stale=__proto__",
    method: "GET",
    path: `${POLICY}/status?telemetry_stale=__proto__`,
    status: 400,
    says: /telemetry_stale must be true or false/,
  },
  {
    name: "preset=constructor",
    method: "GET",
    path: `${POLICY}/status?preset=constructor`,
    status: 422,
    says: /unknown_preset/,
  },
  {
    name: "a JSON body sent as text/plain",
    method: "PUT",
    path: `${POLICY}/preset`,
    raw: { text: '{"preset":"balanced","reason":"x"}', headers: { "content-type": "text/plain" } },
    status: 415,
    says: /unsupported_media_type.*must be sent as application\/json, not \\"text\/plain\\"/,
  },
  {
    name: "a reason that is not UTF-8",
    method: "PUT",
    path: `${POLICY}/preset`,
    raw: {
      text: Buffer.concat([
        Buffer.from('{"preset":"balanced","reason":"'),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('"}'),
      ]),
      headers: { "content-type": "application/json" },
    },
    status: 400,
    says: /not valid UTF-8/,
  },
  {
    name: "a reason of 1001 characters",
    method: "PUT",
    path: `${POLICY}/preset`,
    body: { preset: "balanced", reason: "r".repeat(1001) },
    status: 400,
    says: /reason\\" must NOT have more than 1000 characters/,
  },
  {
    name: "a reason of 1000 characters is fine",
    method: "POST",
    path: `${POLICY}/overrides`,
    body: { preset: "aggressive", ttl_seconds: 60, reason: "r".repeat(1000) },
    status: 201,
    says: /"override"/,
  },
  {
    name: "a query parameter given twice",
    method: "GET",
    path: `${POLICY}/status?preset=balanced&preset=aggressive`,
    status: 400,
    logged: true,
    says: /query parameter \\"preset\\" is given more than once/,
  },
  {
    name: "a 1xx fault code",
    method: "POST",
    path: "/__twin/faults",
    body: { path: "/api/*", kind: "status(101)" },
    status: 400,
    says: /kind must be status\(CODE\)/,
  },
];

describe("the twin against hostile requests", () => {
  it.each(CASES)("$name", async (c) => {
    const t = await twin();
    const answer = c.raw
      ? await fetch(`${t.origin}${c.path}`, {
          method: c.method,
          headers: { authorization: `Basic ${Buffer.from("n:n").toString("base64")}`, ...c.raw.headers },
          body: c.raw.text,
        }).then(async (r) => ({ status: r.status, text: await r.text() }))
      : await call(t, c.method, c.path, { body: c.body, auth: c.auth });
    expect(answer.text).toMatch(c.says);
    expect(answer.status).toBe(c.status);
    if (c.logged) {
      const { json } = await call(t, "GET", "/__twin/requests");
      expect(json.requests).toContainEqual(
        expect.objectContaining({ path: new URL(c.path, "http://x").pathname, status: c.status }),
      );
    }
    // Still up, and still answering at once.
    expect((await call(t, "GET", `${POLICY}/status`)).status).toBe(200);
  });
});

/** Sends raw bytes on a fresh connection; resolves with all it hears until the twin closes it. */
function rawExchange(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(text));
    let heard = "";
    socket.on("data", (d) => {
      heard += d.toString();
    });
    socket.on("close", () => resolve(heard));
    socket.on("error", reject);
  });
}

describe("the twin's connections", () => {
  it("answers a request target that is not a URL with 400, and logs it", async () => {
    const t = await twin();
    const port = Number(new URL(t.origin).port);
    const auth = Buffer.from("n:n").toString("base64");
    const heard = await rawExchange(
      port,
      `GET //:99999/x HTTP/1.1\r\nHost: x\r\nAuthorization: Basic ${auth}\r\nConnection: close\r\n\r\n`,
    );
    expect(heard).toMatch(/^HTTP\/1.1 400/);
    expect(heard).toMatch(/the request target is not a URL path/);
    const { json } = await call(t, "GET", "/__twin/requests");
    expect(json.requests).toContainEqual(expect.objectContaining({ path: "//:99999/x", status: 400 }));
  });

  it("drops a client that never finishes its headers", async () => {
    const t = await twin({ timeouts: { headersMs: 200, requestMs: 300 } });
    const started = performance.now();
    const heard = await rawExchange(
      Number(new URL(t.origin).port),
      "GET /api/queues HTTP/1.1\r\nHost: x\r\n",
    );
    expect(heard).toMatch(/^HTTP\/1.1 408/);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
