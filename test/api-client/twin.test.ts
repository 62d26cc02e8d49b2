import { describe, expect, it } from "vitest";
import { ApiError, createApiClient, credentialsOf } from "../../src/api-client/index.js";
import type { Twin } from "../../src/twin/index.js";
import { twin } from "../twin/helpers.js";

const OPS = { user: "ops", password: "s3cret" };
const STATUS = "/workflows/throughput-policy/status";
const PRESET = "/workflows/throughput-policy/preset";
const OVERRIDES = "/workflows/throughput-policy/overrides";
const CURRENT = "/workflows/throughput-policy/overrides/current";

/** A twin that knows one Basic user and one token, and a client for it. */
async function setUp(credentials = credentialsOf(OPS)) {
  const t: Twin = await twin({ credentials: { users: { ops: OPS.password }, tokens: { tok: "ci" } } });
  return { t, client: createApiClient({ baseUrl: t.url, credentials }) };
}

/** The ApiError a call rejects with. */
async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(err)}`);
  return err;
}

describe("the API client against the twin", () => {
  it("reads a contract path with its typed body and the ETag of its version", async () => {
    const { client } = await setUp();
    const { status, etag, body } = await client.get(STATUS);
    expect(status).toBe(200);
    expect(body.requested_preset).toBe("balanced");
    expect(etag).toBe(`"${body.version}"`);
    expect(client.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
  });

  it("sends a typed query: the what-if status changes nothing", async () => {
    const { client } = await setUp();
    const whatIf = await client.get(STATUS, { query: { preset: "aggressive" } });
    expect(whatIf.body.what_if).toEqual({ preset: "aggressive", telemetry_stale: false });
    expect((await client.get(STATUS)).body.what_if).toBeNull();
  });

  it("writes with the current If-Match, and a stale one is a conflict (412) that changes nothing", async () => {
    const { client } = await setUp();
    const read = await client.get(STATUS);
    const set = await client.put(PRESET, { preset: "aggressive", reason: "r" }, { ifMatch: read.etag ?? "" });
    expect(set.body.status.base_preset).toBe("aggressive");
    expect(set.etag).toBe(`"${read.body.version + 1}"`);
    const stale = await failure(
      client.put(PRESET, { preset: "conservative", reason: "r" }, { ifMatch: read.body.version }),
    );
    expect(stale.problem).toMatchObject({ kind: "conflict", status: 412, code: "version_mismatch" });
    expect(stale.message).toMatch(
      /^PUT \/api\/workflows\/throughput-policy\/preset on http:\/\/127\.0\.0\.1:\d+ answered HTTP 412: /,
    );
    expect((await client.get(STATUS)).body.base_preset).toBe("aggressive");
  });

  it("a second override is a conflict (409); clearing none is not-found (404)", async () => {
    const { client } = await setUp();
    const created = await client.post(OVERRIDES, {
      preset: "aggressive",
      ttl_seconds: 600,
      reason: "r",
      replace: false,
    });
    expect(created.status).toBe(201);
    const again = await failure(
      client.post(OVERRIDES, { preset: "conservative", ttl_seconds: 600, reason: "r", replace: false }),
    );
    expect(again.problem).toMatchObject({ kind: "conflict", status: 409, code: "override_conflict" });
    await client.delete(CURRENT, { reason: "done" });
    const none = await failure(client.delete(CURRENT, { reason: "again" }));
    expect(none.problem).toMatchObject({ kind: "not-found", status: 404, code: "no_active_override" });
  });

  it("input the API refuses is invalid (422), with the API's own message", async () => {
    const { client } = await setUp();
    const err = await failure(client.put(PRESET, { preset: "turbo", reason: "r" }));
    expect(err.problem).toMatchObject({ kind: "invalid", status: 422, code: "unknown_preset" });
    expect(err.problem.kind === "invalid" && err.problem.message).toMatch(/turbo/);
  });

  it("wrong credentials are auth (401); a bearer token the twin knows is let in", async () => {
    const { t } = await setUp();
    const wrong = createApiClient({ baseUrl: t.url, credentials: { user: "ops", password: "nope" } });
    const err = await failure(wrong.get(STATUS));
    expect(err.problem).toMatchObject({ kind: "auth", status: 401, code: "unauthorized" });
    expect(err.message).not.toMatch(/nope/);
    const token = createApiClient({ baseUrl: t.url, credentials: credentialsOf({ ...OPS, token: "tok" }) });
    expect((await token.get(STATUS)).status).toBe(200);
  });

  it("a password in the base URL is neither sent nor shown: the credentials given are", async () => {
    const { t } = await setUp();
    const url = t.url.replace("http://", "http://ops:hunter2@");
    const client = createApiClient({ baseUrl: url, credentials: null });
    const err = await failure(client.get(STATUS));
    expect(err.kind).toBe("auth");
    expect(`${err.message} ${JSON.stringify(err.call)}`).not.toMatch(/hunter2|ops:/);
    expect(client.baseUrl).not.toMatch(/hunter2/);
  });

  it("calls a path the contract does not type (the twin's controls)", async () => {
    const { client } = await setUp();
    const moved = await client.call<{ now: string }>("POST", "/__twin/clock/advance", {
      body: { seconds: 60 },
    });
    expect(moved.body.now).toBe("2026-01-01T00:01:00Z");
  });

  it("exchange answers every status as a reply, with or without credentials", async () => {
    const { client } = await setUp();
    const anonymous = await client.exchange("GET", STATUS, {
      auth: false,
      headers: { authorization: "Basic x" },
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ error: { code: "unauthorized" } });
    const form = await client.exchange("PUT", PRESET, {
      raw: { text: "preset=aggressive", contentType: "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(415);
  });

  it("holds the twin's answers to the contract when asked, and they pass", async () => {
    const { t } = await setUp();
    const client = createApiClient({ baseUrl: t.url, credentials: credentialsOf(OPS), checkContract: true });
    expect((await client.get("/workflows/throughput-policy/presets")).body.presets.length).toBeGreaterThan(0);
    expect((await client.get("/queues")).body.queues.length).toBeGreaterThan(0);
  });
});
