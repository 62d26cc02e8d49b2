import { describe, expect, it } from "vitest";
import { call, POLICY, twin } from "./helpers.js";

const STATUS = `${POLICY}/status`;
const AUTH = { authorization: `Basic ${Buffer.from("n:n").toString("base64")}` };

async function inject(t: Awaited<ReturnType<typeof twin>>, rules: unknown) {
  return call(t, "POST", "/__twin/faults", { body: rules });
}

/** A raw request, for answers the JSON helper could not parse. */
const raw = (origin: string, path: string, signal?: AbortSignal) =>
  fetch(`${origin}${path}`, { headers: AUTH, signal });

describe("twin: fault injection", () => {
  it.each([500, 503])(
    "status(%i) answers that code with the error body, as many times as asked",
    async (code) => {
      const t = await twin();
      await inject(t, { method: "GET", path: STATUS, kind: `status(${code})`, times: 2 });
      for (let i = 0; i < 2; i++) {
        const r = await call(t, "GET", STATUS, { schema: "Error" });
        expect(r.status).toBe(code);
        expect(r.json.error.code).toBe("injected_fault");
      }
      expect((await call(t, "GET", STATUS)).status).toBe(200);
      const book = await call(t, "GET", "/__twin/faults");
      expect(book.json.faults).toEqual([
        { method: "GET", path: STATUS, kind: `status(${code})`, times: 2, remaining: 0, hits: 2 },
      ]);
    },
  );

  it("delay(ms) holds the answer back, so a client with a shorter timeout gives up", async () => {
    const t = await twin();
    await inject(t, { rules: [{ path: STATUS, kind: "delay(400)", times: 2 }] });
    await expect(raw(t.origin, STATUS, AbortSignal.timeout(100))).rejects.toThrow(/aborted|timeout/i);
    const patient = await raw(t.origin, STATUS);
    expect(patient.status).toBe(200);
  });

  it("reset drops the connection", async () => {
    const t = await twin();
    await inject(t, { path: STATUS, kind: "reset" });
    await expect(raw(t.origin, STATUS)).rejects.toThrow(/fetch failed/);
    expect((await raw(t.origin, STATUS)).status).toBe(200);
  });

  it("malformed_json answers 200 with a body that is not JSON", async () => {
    const t = await twin();
    await inject(t, { path: STATUS, kind: "malformed_json" });
    const r = await raw(t.origin, STATUS);
    expect(r.status).toBe(200);
    const text = await r.text();
    expect(() => JSON.parse(text)).toThrow();
  });

  it("truncated_body sends less than its Content-Length, then closes", async () => {
    const t = await twin();
    await inject(t, { path: STATUS, kind: "truncated_body" });
    const r = await raw(t.origin, STATUS);
    expect(r.status).toBe(200);
    await expect(r.text()).rejects.toThrow();
  });

  it("hang never answers, and the twin still closes cleanly", async () => {
    const t = await twin();
    await inject(t, { path: STATUS, kind: "hang" });
    await expect(raw(t.origin, STATUS, AbortSignal.timeout(200))).rejects.toThrow(/aborted|timeout/i);
    expect((await raw(t.origin, STATUS)).status).toBe(200);
  });

  it("matches by method and by path prefix, and never touches the twin's own controls", async () => {
    const t = await twin();
    await inject(t, { method: "PUT", path: `${POLICY}/*`, kind: "status(503)", times: 5 });
    expect((await call(t, "GET", STATUS)).status).toBe(200);
    const put = await call(t, "PUT", `${POLICY}/preset`, {
      body: { preset: "aggressive", reason: "x" },
      schema: "Error",
    });
    expect(put.status).toBe(503);
    expect((await call(t, "GET", STATUS)).json.version).toBe(1);
    await inject(t, { path: "/__twin/*", kind: "reset", times: 5 });
    expect((await call(t, "GET", "/__twin/clock")).status).toBe(200);
  });

  it("DELETE /__twin/faults clears every rule", async () => {
    const t = await twin();
    await inject(t, { path: STATUS, kind: "status(500)", times: 10 });
    await call(t, "DELETE", "/__twin/faults");
    expect((await call(t, "GET", STATUS)).status).toBe(200);
  });

  it.each([
    [{ path: STATUS, kind: "explode" }, /kind must be/],
    [{ path: "status", kind: "reset" }, /path must be/],
    [{ path: STATUS, kind: "reset", times: 0 }, /times must be/],
    [{ path: STATUS, kind: "status(42)" }, /kind must be/],
    [{ path: STATUS, kind: "reset", when: "now" }, /unknown field "when"/],
  ])("refuses a bad rule %j", async (rule, message) => {
    const t = await twin();
    const r = await inject(t, rule);
    expect(r.status).toBe(400);
    expect(r.json.error.message).toMatch(message);
  });

  it("logs each request with its status, user, body digest and fault, and never a secret", async () => {
    const t = await twin();
    await inject(t, { path: STATUS, kind: "status(503)" });
    await call(t, "GET", STATUS, { schema: "Error" });
    await call(t, "PUT", `${POLICY}/preset`, { body: { preset: "aggressive", reason: "x" } });
    await call(t, "GET", STATUS, { auth: "n:bad" });
    const log = (await call(t, "GET", "/__twin/requests")).json.requests;
    expect(log.map((e: Record<string, unknown>) => [e.method, e.path, e.status, e.user, e.fault])).toEqual([
      ["POST", "/__twin/faults", 200, "n", null],
      ["GET", STATUS, 503, "n", "status(503)"],
      ["PUT", `${POLICY}/preset`, 200, "n", null],
      ["GET", STATUS, 401, null, null],
    ]);
    expect(log[2].body_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(log[1].body_sha256).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(JSON.stringify(log)).not.toMatch(/bad|Basic/);
  });
});
