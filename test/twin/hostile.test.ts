import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import type { Twin } from "../../src/twin/index.js";
import {
  MAX_LOGGED_BYTES,
  MAX_LOGGED_REQUESTS,
  MAX_PAGE_BYTES,
  RequestLog,
} from "../../src/twin/request-log.js";
import { builtBin } from "../cli.js";
import { type Handler, hostile, stalled } from "../ctl/hostile-server.js";
import { runHostile } from "../hostile-run.js";
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
  /** The field a 400 names in its typed error body. */
  field?: string;
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
  {
    name: "a delay of 2^31 ms, past what a timer holds",
    method: "POST",
    path: "/__twin/faults",
    body: { path: "/api/*", kind: "delay(2147483648)" },
    status: 400,
    says: /rules\[0\]\.kind must be a delay of at most 600000 ms \(10 minutes\), got delay\(2147483648\)/,
    field: "rules",
  },
  {
    name: "a delay of 400 digits",
    method: "POST",
    path: "/__twin/faults",
    body: { path: "/api/*", kind: `delay(${"9".repeat(400)})` },
    status: 400,
    says: /got delay\(9{20}…\)"/,
  },
  {
    name: "a delay at the longest, 600000 ms, is armed",
    method: "POST",
    path: "/__twin/faults",
    body: { path: "/api/nowhere", kind: "delay(600000)" },
    status: 200,
    says: /"kind":"delay\(600000\)"/,
  },
  {
    name: "a log page of limit=0",
    method: "GET",
    path: "/__twin/requests?limit=0",
    status: 400,
    says: /invalid_request.*limit must be a whole number from 1 to 10000, got \\"0\\"/,
    field: "limit",
  },
  {
    name: "a log page past the ring, limit=10001",
    method: "GET",
    path: "/__twin/requests?limit=10001",
    status: 400,
    says: /limit must be a whole number from 1 to 10000, got \\"10001\\"/,
    field: "limit",
  },
  {
    name: "a log page after=-1",
    method: "GET",
    path: "/__twin/requests?after=-1",
    status: 400,
    says: /after must be a whole number >= 0 \(the seq of the last entry read\), got \\"-1\\"/,
    field: "after",
  },
  {
    name: "a log page after a 1000-digit seq, quoted short",
    method: "GET",
    path: `/__twin/requests?after=${"1".repeat(1000)}`,
    status: 400,
    says: /got \\"1{40}…\\""/,
    field: "after",
  },
  {
    name: "a log page with an unknown cursor parameter",
    method: "GET",
    path: "/__twin/requests?cursor=5",
    status: 400,
    says: /unknown query parameter \\"cursor\\"; use after and limit/,
    field: "cursor",
  },
  {
    name: "a log page with limit given twice",
    method: "GET",
    path: "/__twin/requests?limit=5&limit=6",
    status: 400,
    says: /query parameter \\"limit\\" is given more than once/,
    field: "limit",
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
    if (c.field) {
      expect(JSON.parse(answer.text)).toEqual({
        error: { code: "invalid_request", message: expect.any(String), field: c.field },
      });
    }
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

type Sent = { path: string; body?: string };

/** Reads the whole log a page at a time, `limit` entries a page; returns the entries and every page read. */
async function walkLog(t: Twin, limit: number) {
  const pages: { requests: { seq: number }[]; next_after: number | null }[] = [];
  let after = 0;
  for (;;) {
    const { json } = await call(t, "GET", `/__twin/requests?after=${after}&limit=${limit}`);
    pages.push(json);
    if (json.next_after === null) break;
    after = json.next_after;
  }
  return { seqs: pages.flatMap((p) => p.requests.map((r) => r.seq)), pages };
}

interface LogCase {
  name: string;
  bounds: { maxEntries?: number; maxBytes?: number };
  /** The requests sent, in order. */
  sends: Sent[];
  /** How many entries the log keeps, and how many it reports dropped. */
  kept: number | ((sent: number) => boolean);
  dropped?: number;
  /** A walk with this page size must read every kept entry once, in order, in this many pages. */
  walkLimit?: number;
  pages?: number;
}

const times = (n: number, sent: (i: number) => Sent): Sent[] => Array.from({ length: n }, (_, i) => sent(i));
const pad = (bytes: number) => "x".repeat(bytes);

/** One row per flood of requests: the log keeps the newest within its bounds and says what fell off. */
const LOG_CASES: LogCase[] = [
  {
    name: "more requests than the count bound: exactly the bound kept, the rest reported dropped",
    bounds: { maxEntries: 50 },
    sends: times(80, () => ({ path: "/api/queues" })),
    kept: 50,
    dropped: 30,
  },
  {
    name: "large bodies with long targets: the byte bound is hit before the count bound",
    bounds: { maxBytes: 64 * 1024 },
    sends: times(40, () => ({ path: `${POLICY}/evaluate?pad=${pad(4000)}`, body: `"${pad(512 * 1024)}"` })),
    kept: (n) => n > 1 && n < 20,
  },
  {
    name: "a walk of pages of 7 reads every kept entry once, oldest first",
    bounds: { maxEntries: 50 },
    sends: times(80, (i) => ({ path: `/api/queues?n=${i}` })),
    kept: 50,
    dropped: 30,
    walkLimit: 7,
    pages: 8,
  },
  {
    name: "a page stops at 1 MB of entries, and the walk still reads them all",
    bounds: {},
    sends: times(200, () => ({ path: `/api/queues?pad=${pad(8000)}` })),
    kept: 200,
    dropped: 0,
    walkLimit: 10_000,
    pages: 2,
  },
];

describe("the twin's request log against a flood of requests", () => {
  it.each(LOG_CASES)("$name", async (c) => {
    const t = await twin({ requestLog: c.bounds });
    for (const sent of c.sends) {
      const headers = { authorization: `Basic ${Buffer.from("n:n").toString("base64")}` };
      const init = sent.body ? { headers: { ...headers, "content-type": "application/json" } } : { headers };
      await fetch(`${t.origin}${sent.path}`, {
        method: sent.body ? "POST" : "GET",
        ...init,
        body: sent.body,
      });
    }
    const { seqs, pages } = await walkLog(t, c.walkLimit ?? 10_000);
    const last = pages.at(-1) as unknown as Record<string, unknown>;
    if (c.pages) expect(pages).toHaveLength(c.pages);
    const kept = seqs.length;
    if (typeof c.kept === "number") expect(kept).toBe(c.kept);
    else expect(c.kept(kept), `kept ${kept}`).toBe(true);
    expect(last.dropped).toBe(c.dropped ?? c.sends.length - kept);
    // Exactly once and in order: the newest `kept` seqs, ending at the last request sent.
    expect(seqs).toEqual(Array.from({ length: kept }, (_, i) => c.sends.length - kept + 1 + i));
    expect(last).toMatchObject({ oldest_seq: seqs[0], newest_seq: c.sends.length, next_after: null });
    const bytes = pages
      .flatMap((p) => p.requests)
      .reduce((n, e) => n + Buffer.byteLength(JSON.stringify(e)), 0);
    expect(bytes).toBeLessThanOrEqual(c.bounds.maxBytes ?? MAX_LOGGED_BYTES);
    for (const page of pages)
      expect(Buffer.byteLength(JSON.stringify(page))).toBeLessThan(MAX_PAGE_BYTES + 4096);
  });

  it("a cursor older than the ring gets the oldest entries, and `missed` counts the gap", async () => {
    const t = await twin({ requestLog: { maxEntries: 10 } });
    for (let i = 0; i < 25; i++) await call(t, "GET", "/api/queues");
    const { json } = await call(t, "GET", "/__twin/requests?after=3&limit=4");
    expect(json.requests.map((r: { seq: number }) => r.seq)).toEqual([16, 17, 18, 19]);
    expect(json).toMatchObject({ dropped: 15, missed: 12, oldest_seq: 16, newest_seq: 25, next_after: 19 });
    const past = await call(t, "GET", "/__twin/requests?after=25");
    expect(past.json).toMatchObject({ requests: [], missed: 0, next_after: null });
  });
});

describe("the request log at its shipped bounds", () => {
  const entry = (path: string) => ({
    seq: 0,
    method: "GET",
    path,
    query: "",
    status: 200,
    user: "n",
    body_sha256: "0".repeat(64),
    fault: null,
  });

  it(`keeps the newest ${MAX_LOGGED_REQUESTS} entries and reports the rest dropped`, () => {
    const log = new RequestLog();
    for (let i = 0; i < MAX_LOGGED_REQUESTS + 257; i++) log.append(entry("/api/queues"));
    expect(log.length).toBe(MAX_LOGGED_REQUESTS);
    expect(log.page(0, 1)).toMatchObject({ dropped: 257, oldest_seq: 258, requests: [{ seq: 258 }] });
  });

  it(`keeps at most ${MAX_LOGGED_BYTES / 2 ** 20} MB of entries, however few`, () => {
    const log = new RequestLog();
    for (let i = 0; i < 3000; i++) log.append(entry(`/api/${pad(16 * 1024)}`));
    expect(log.byteSize).toBeLessThanOrEqual(MAX_LOGGED_BYTES);
    expect(log.length).toBeLessThan(MAX_LOGGED_REQUESTS);
    expect(log.length + log.page(0, 1).dropped).toBe(3000);
  });
});

interface CliCase {
  name: string;
  /** What --api-url points at: a twin, a misbehaving server, or nothing (port 9: nothing may be sent). */
  server: "twin" | Handler | null;
  /** Requests sent to the twin first. */
  before?: (t: Twin) => Promise<void>;
  /** Give the API URL with a user and password in it. */
  password?: boolean;
  argv: string[];
  exit: number;
  /** The one line on stderr, or what stdout must say for a run that succeeds. */
  stderr?: RegExp;
  stdout?: (stdout: string) => void;
}

const GATE = builtBin("gate/cli.js");
const REQUESTS_STALLED =
  /^throughput-gate: GET \/api\/__twin\/requests on http:\/\/127\.0\.0\.1:\d+: the answer's body did not finish within 0\.5 s$/;

/** One row per hostile input to the twin's control commands: one line, a documented exit, never a password. */
const CLI_CASES: CliCase[] = [
  {
    name: "twin requests: a body that stalls after the headers times out, naming the call and the server",
    server: stalled,
    argv: ["twin", "requests", "--timeout", "0.5"],
    exit: 1,
    stderr: REQUESTS_STALLED,
  },
  {
    name: "twin requests: a stalled body behind a URL with a password",
    server: stalled,
    password: true,
    argv: ["twin", "requests", "--timeout", "0.5"],
    exit: 1,
    stderr: REQUESTS_STALLED,
  },
  {
    name: "twin reset: a 404 from something else, behind a URL with a password",
    server: (_req, res) =>
      res
        .writeHead(404, { "content-type": "application/json" })
        .end('{"error":{"code":"not_found","message":"no such page"}}'),
    password: true,
    argv: ["twin", "reset"],
    exit: 1,
    stderr:
      /^throughput-gate: no such page \(HTTP 404 not_found\); is http:\/\/admin:\*\*\*@127\.0\.0\.1:\d+\/api the twin\?$/,
  },
  {
    name: "twin telemetry: an --api-url that is not http keeps its password to itself",
    server: null,
    argv: ["twin", "telemetry", "ok", "--api-url", "ftp://admin:hunter2@twin/api"],
    exit: 2,
    stderr: /got "ftp:\/\/admin:\*\*\*@twin\/api"/,
  },
  {
    name: "twin fault delay(2^31) is refused before anything is sent",
    server: null,
    argv: ["twin", "fault", "delay(2147483648)"],
    exit: 2,
    stderr:
      /^throughput-gate: kind must be a delay of at most 600000 ms \(10 minutes\), got delay\(2147483648\)$/,
  },
  {
    name: "twin fault delay(600000), the longest, is armed",
    server: "twin",
    argv: ["twin", "fault", "delay(600000)", "--path", "/api/nowhere"],
    exit: 0,
    stdout: (out) => expect(out).toBe("fault armed: delay(600000) on the next request to * /api/nowhere"),
  },
  {
    name: "twin requests: a --timeout past an hour",
    server: null,
    argv: ["twin", "requests", "--timeout", "3601"],
    exit: 2,
    stderr: /^throughput-gate: --timeout must be at most 3600 seconds \(1h\), got 3601/,
  },
  {
    name: "twin requests walks every page of a log past 1 MB, once each and in order",
    server: "twin",
    before: async (t) => {
      for (let i = 0; i < 200; i++) await call(t, "GET", `/api/queues?pad=${pad(8000)}`);
    },
    argv: ["twin", "requests", "--json"],
    exit: 0,
    stdout: (out) => {
      const all = JSON.parse(out);
      expect(all.requests.map((r: { seq: number }) => r.seq)).toEqual(
        Array.from({ length: 200 }, (_, i) => i + 1),
      );
      expect(all).toMatchObject({ dropped: 0, missed: 0, oldest_seq: 1, newest_seq: 200, next_after: null });
    },
  },
];

describe("the twin's control commands against hostile input", () => {
  it.each(CLI_CASES)("$name", async (c) => {
    let url = "http://127.0.0.1:9/api";
    if (c.server === "twin") {
      const t = await twin();
      await c.before?.(t);
      url = t.url;
    } else if (c.server) url = await hostile(c.server);
    if (c.password) url = url.replace("http://", "http://admin:hunter2@");
    const r = await runHostile(GATE, c.argv, { env: { NEMESIS_API_URL: url }, extendEnv: false });
    expect(r.exitCode).toBe(c.exit);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/hunter2/);
    if (c.stderr) {
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr.trim()).toMatch(c.stderr);
    } else expect(r.stderr).toBe("");
    c.stdout?.(r.stdout);
  });
});
