import { createServer } from "node:http";
import { describe, expect, it } from "vitest";
import {
  type ApiClientOptions,
  ApiError,
  type ApiErrorKind,
  createApiClient,
  MAX_RESPONSE_BYTES,
} from "../../src/api-client/index.js";
import { endless, type Handler, hostile, json, stalled } from "../ctl/hostile-server.js";
import { tempDir } from "../temp-dir.js";

const STATUS = "/workflows/throughput-policy/status";
const PRESET = "/workflows/throughput-policy/preset";
const CALL = /^GET \/api\/workflows\/throughput-policy\/status on http:\/\/127\.0\.0\.1:\d+/;
const scratch = tempDir("api-client-failures");

/** A client for `url`, with a password written into the URL as someone might paste it. */
const clientFor = (url: string, options: Partial<ApiClientOptions> = {}) =>
  createApiClient({
    baseUrl: url.replace("http://", "http://admin:hunter2@"),
    credentials: { user: "ops", password: "s3cret" },
    ...options,
  });

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(err)}`);
  return err;
}

/** A server that answers each request with the next handler, and counts what it was sent. */
async function scripted(...handlers: Handler[]) {
  const seen: { method: string; authorization: string | undefined; ifMatch: string | undefined }[] = [];
  const url = await hostile((req, res) => {
    seen.push({
      method: req.method ?? "",
      authorization: req.headers.authorization,
      ifMatch: req.headers["if-match"],
    });
    (handlers[seen.length - 1] ?? handlers[handlers.length - 1] ?? json({}))(req, res);
  });
  return { url, seen };
}

const apiError = (status: number, code: string, message: string) =>
  json({ error: { code, message, field: null } }, status);

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

interface Case {
  name: string;
  server: Handler;
  options?: Partial<ApiClientOptions>;
  kind: ApiErrorKind;
  message: RegExp;
}

/** One row per failure: its kind, and its one line naming the call, never the password in the URL. */
const CASES: Case[] = [
  {
    name: "headers that never come",
    server: () => {},
    options: { timeoutSeconds: 0.3 },
    kind: "timeout",
    message: new RegExp(`${CALL.source}: no answer within 0\\.3 s$`),
  },
  {
    name: "a body that never finishes",
    server: stalled,
    options: { timeoutSeconds: 0.3 },
    kind: "timeout",
    message: new RegExp(`${CALL.source}: the answer's body did not finish within 0\\.3 s$`),
  },
  {
    name: "a 1 GB body",
    server: endless(),
    kind: "too-large",
    message: new RegExp(`${CALL.source}: the answer is larger than 8 MB$`),
  },
  {
    name: "a Content-Length of 1 GB",
    server: (_req, res) => {
      res.writeHead(200, { "content-length": String(1024 ** 3) });
      res.write("{");
    },
    kind: "too-large",
    message: /larger than 8 MB$/,
  },
  {
    name: "a 9 MB error body",
    server: (req, res) => {
      res.statusCode = 500;
      endless(9 * 1024 * 1024)(req, res);
    },
    options: { readAttempts: 1 },
    kind: "too-large",
    message: /larger than 8 MB$/,
  },
  {
    name: "a body cut short of its Content-Length",
    server: (req, res) => {
      res.writeHead(200, { "content-length": "100" });
      res.write('{"a":', () => req.socket.destroy());
    },
    kind: "cut-short",
    message: new RegExp(`${CALL.source}: the answer was cut short$`),
  },
  {
    name: "malformed JSON",
    server: (_req, res) => res.writeHead(200).end("{,,}"),
    kind: "bad-json",
    message: new RegExp(`${CALL.source} answered HTTP 200 with malformed JSON$`),
  },
  {
    name: "401",
    server: apiError(401, "unauthorized", "missing or wrong credentials"),
    kind: "auth",
    message: new RegExp(`${CALL.source} answered HTTP 401: missing or wrong credentials$`),
  },
  {
    name: "409",
    server: apiError(409, "override_conflict", "an override is active"),
    kind: "conflict",
    message: /answered HTTP 409: an override is active$/,
  },
  {
    name: "412",
    server: apiError(412, "version_mismatch", "stale"),
    kind: "conflict",
    message: /answered HTTP 412: stale$/,
  },
  {
    name: "503 with a body that is not JSON, after the retries",
    server: (_req, res) => res.writeHead(503).end("<html>\n  down\n</html>"),
    kind: "api",
    message: /answered HTTP 503: <html> down <\/html>$/,
  },
  {
    name: "a redirect to a URL with a password",
    server: (_req, res) => res.writeHead(307, { location: "http://root:hunter2@elsewhere.example/" }).end(),
    kind: "redirect",
    message:
      /answered HTTP 307, a redirect to http:\/\/root:\*\*\*@elsewhere\.example\/; no redirect is followed$/,
  },
  {
    name: "a status that breaks the contract, when it is checked",
    server: json({ summary: 42 }),
    options: { checkContract: true },
    kind: "contract-violation",
    message: new RegExp(`${CALL.source}: the answer breaks the contract: missing field "\\w+"$`),
  },
];

describe("the API client's failures, each one line naming the call", () => {
  it.each(CASES)("$name", async (c) => {
    const url = await hostile(c.server);
    const err = await failure(clientFor(url, c.options).get(STATUS));
    expect(err.kind).toBe(c.kind);
    expect(err.message).toMatch(c.message);
    expect(err.message.split("\n")).toHaveLength(1);
    expect(`${err.message} ${JSON.stringify(err.problem)} ${JSON.stringify(err.call)}`).not.toMatch(
      /hunter2/,
    );
  });

  it("a refused connection is unreachable, naming the server", async () => {
    const url = `http://127.0.0.1:${await closedPort()}/api`;
    const err = await failure(clientFor(url).get(STATUS));
    expect(err.problem).toMatchObject({ kind: "unreachable", reason: "refused", code: "ECONNREFUSED" });
    expect(err.message).toMatch(new RegExp(`${CALL.source}: cannot reach the server: connection refused$`));
    expect(err.message).not.toMatch(/hunter2/);
  });

  it("without a contract check, any JSON body is the caller's", async () => {
    const url = await hostile(json({ summary: 42 }));
    expect((await clientFor(url).get(STATUS)).body).toEqual({ summary: 42 });
  });

  it("the cap is 8 MB: a body just under it is read whole", async () => {
    const padding = " ".repeat(MAX_RESPONSE_BYTES - 2);
    const url = await hostile((_req, res) => res.writeHead(200).end(`{}${padding}`));
    expect((await clientFor(url).get(STATUS)).body).toEqual({});
  });
});

describe("retries: reads a bounded number of times, writes never", () => {
  const boom = apiError(500, "boom", "down");

  it("a read that gets 500 then 200 is tried again, and says so first", async () => {
    const { url, seen } = await scripted(boom, json({ ok: true }));
    const retries: string[] = [];
    const reply = await clientFor(url, { onRetry: (n, why) => retries.push(`${n} ${why}`) }).get(STATUS);
    expect(reply.body).toEqual({ ok: true });
    expect(retries).toEqual(["1 HTTP 500"]);
    expect(seen.map((s) => s.method)).toEqual(["GET", "GET"]);
  });

  it("a read is tried three times in all, then the last answer is the error", async () => {
    const { url, seen } = await scripted(boom);
    const err = await failure(clientFor(url).get(STATUS));
    expect(err.problem).toMatchObject({ kind: "api", status: 500, code: "boom" });
    expect(seen).toHaveLength(3);
  });

  it("a read whose connection is reset is tried again", async () => {
    const { url, seen } = await scripted((req) => req.socket.destroy(), json({ ok: true }));
    expect((await clientFor(url).get(STATUS)).body).toEqual({ ok: true });
    expect(seen).toHaveLength(2);
  });

  it("a connection reset on every try is a reset, after three", async () => {
    const { url, seen } = await scripted((req) => req.socket.destroy());
    const err = await failure(clientFor(url).get(STATUS));
    expect(err.kind).toBe("reset");
    expect(err.message).toMatch(new RegExp(`${CALL.source}: the connection was reset$`));
    expect(seen).toHaveLength(3);
  });

  it("a write that gets 500 is sent once, however a 200 would follow", async () => {
    const { url, seen } = await scripted(boom, json({ ok: true }));
    const err = await failure(clientFor(url).put(PRESET, { preset: "aggressive", reason: "r" }));
    expect(err.problem).toMatchObject({ kind: "api", status: 500 });
    expect(err.message).toMatch(
      /^PUT \/api\/workflows\/throughput-policy\/preset on .* answered HTTP 500: down$/,
    );
    expect(seen.map((s) => s.method)).toEqual(["PUT"]);
  });

  it("a write whose connection is reset is not sent again", async () => {
    const { url, seen } = await scripted((req) => req.socket.destroy(), json({ ok: true }));
    const err = await failure(clientFor(url).call("POST", "/__twin/reset"));
    expect(err.kind).toBe("reset");
    expect(seen).toHaveLength(1);
  });

  it("readAttempts 1 turns retries off, for a caller that judges every answer", async () => {
    const { url, seen } = await scripted(boom, json({ ok: true }));
    const reply = await clientFor(url, { readAttempts: 1 }).exchange("GET", STATUS);
    expect(reply.status).toBe(500);
    expect(seen).toHaveLength(1);
  });
});

describe("what the client sends", () => {
  it("the credentials given, never those in the URL; If-Match as a quoted version or a tag as given", async () => {
    const { url, seen } = await scripted(json({}));
    const client = clientFor(url);
    await client.put(PRESET, { preset: "aggressive", reason: "r" }, { ifMatch: 7 });
    await client.put(PRESET, { preset: "aggressive", reason: "r" }, { ifMatch: '"8"' });
    expect(seen.map((s) => s.ifMatch)).toEqual(['"7"', '"8"']);
    expect(seen[0]?.authorization).toBe(`Basic ${Buffer.from("ops:s3cret").toString("base64")}`);
  });

  it("a bearer token instead of Basic", async () => {
    const { url, seen } = await scripted(json({}));
    await clientFor(url, { credentials: { token: "t0k" } }).get(STATUS);
    expect(seen[0]?.authorization).toBe("Bearer t0k");
  });
});

describe("a client that cannot be set up says why, before anything is sent", () => {
  it("a token Node will not put in a header is refused, and the token is not repeated", async () => {
    const { url, seen } = await scripted(json({}));
    const err = await failure(clientFor(url, { credentials: { token: "t0k\nX-Evil: 1" } }).get(STATUS));
    expect(err.kind).toBe("setup");
    expect(err.message).toMatch(/authorization/i);
    expect(err.message).not.toMatch(/t0k|Evil/);
    expect(seen).toHaveLength(0);
  });

  it.each([
    [
      "an ftp URL",
      { baseUrl: "ftp://admin:hunter2@nemesis/api" },
      /must be an http:\/\/ or https:\/\/ URL, got "ftp:\/\/admin:\*\*\*@nemesis\/api"$/,
    ],
    ["a URL without a scheme", { baseUrl: "admin:hunter2@nemesis" }, /got "admin:\*\*\*@nemesis"$/],
    [
      "a CA file that is not there",
      { caFile: `${scratch}/absent.pem` },
      /^cannot read the CA file .*absent\.pem \(ENOENT\)$/,
    ],
    [
      "a timeout no timer holds",
      { timeoutSeconds: 2_147_484 },
      /timeout must be above 0 and below 2147483\.647 seconds/,
    ],
    ["a timeout of 0", { timeoutSeconds: 0 }, /timeout must be above 0/],
  ])("%s", (_name, options, message) => {
    let thrown: unknown;
    try {
      createApiClient({ baseUrl: "http://127.0.0.1:9/api", ...options });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ApiError);
    expect((thrown as ApiError).kind).toBe("setup");
    expect((thrown as ApiError).message).toMatch(message);
    expect((thrown as ApiError).message).not.toMatch(/hunter2/);
  });
});
