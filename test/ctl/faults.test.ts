import { mkdtempSync, readdirSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../temp-dir.js";
import { call, ctl, POLICY, tp, twin } from "./helpers.js";

const scratch = tempDir("ctl-faults-test");

const STATUS = `${POLICY}/status`;

type Twin = Awaited<ReturnType<typeof twin>>;

async function withFault(t: Twin, rule: Record<string, unknown>) {
  // Enough for both runs of a case, each making up to three attempts.
  await call(t, "POST", "/__twin/faults", { body: { times: 6, ...rule } });
}

const statusRequests = async (t: Twin) =>
  (await call(t, "GET", "/__twin/requests")).json.requests.filter((r: { path: string }) => r.path === STATUS)
    .length;

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

/** Each fault: how to arm it, the argv, the exit code, and what the message must say. */
const READ_FAULTS: [string, Record<string, unknown>, string[], number, RegExp][] = [
  [
    "HTTP 500",
    { path: STATUS, kind: "status(500)" },
    [],
    1,
    /the twin injected HTTP 500 \(HTTP 500 injected_fault\)/,
  ],
  ["HTTP 503", { path: STATUS, kind: "status(503)" }, [], 1, /\(HTTP 503 injected_fault\)/],
  [
    "a delay past --timeout",
    { path: STATUS, kind: "delay(3000)" },
    ["--timeout", "1"],
    5,
    /no answer from http:\/\/127\.0\.0\.1:\d+ within 1s/,
  ],
  [
    "a reset connection",
    { path: STATUS, kind: "reset" },
    [],
    5,
    /the connection to http:\/\/127\.0\.0\.1:\d+ was reset/,
  ],
  [
    "malformed JSON",
    { path: STATUS, kind: "malformed_json" },
    [],
    1,
    /the API answered HTTP 200 with malformed JSON/,
  ],
  ["a truncated body", { path: STATUS, kind: "truncated_body" }, [], 1, /the API's answer was cut short/],
  ["a hang past --timeout", { path: STATUS, kind: "hang" }, ["--timeout", "1"], 5, /within 1s/],
];

describe("nemesis-ctl: faults", () => {
  it.each(READ_FAULTS)(
    "%s: documented exit code, clear message, no snapshot file",
    async (_l, rule, extra, code, message) => {
      const t = await twin();
      await withFault(t, rule);
      const status = await ctl(t, tp("status", ...extra));
      expect(status.exitCode).toBe(code);
      expect(status.stderr).toMatch(message);
      expect(status.stderr.split("\n")).toHaveLength(1);
      const dir = mkdtempSync(join(scratch, "snap-"));
      const snap = await ctl(t, tp("snapshot", "--out", join(dir, "s.json"), ...extra));
      expect(snap.exitCode).toBe(code);
      expect(readdirSync(dir)).toEqual([]);
    },
  );

  it("retries a read a bounded number of times: three attempts, then gives up", async () => {
    const t = await twin();
    await withFault(t, { path: STATUS, kind: "status(503)", times: 10 });
    expect((await ctl(t, tp("status"))).exitCode).toBe(1);
    expect(await statusRequests(t)).toBe(3);
  });

  it("recovers when a retry succeeds", async () => {
    const t = await twin();
    await withFault(t, { path: STATUS, kind: "status(500)", times: 1 });
    const r = await ctl(t, tp("status", "--debug"));
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe("nemesis-ctl: retry 1 after HTTP 500");
    expect(await statusRequests(t)).toBe(2);
  });

  it("never retries a write", async () => {
    const t = await twin();
    await withFault(t, { method: "PUT", path: `${POLICY}/preset`, kind: "status(503)", times: 1 });
    const r = await ctl(t, tp("set", "aggressive", "--reason", "x"));
    expect(r.exitCode).toBe(1);
    const puts = (await call(t, "GET", "/__twin/requests")).json.requests.filter(
      (q: { method: string }) => q.method === "PUT",
    );
    expect(puts).toHaveLength(1);
    expect((await call(t, "GET", STATUS)).json.base_preset).toBe("balanced");
  });

  it("401: exit 4, with a hint about credentials", async () => {
    const t = await twin();
    const r = await ctl(t, tp("status", "--password", "wrong"));
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toMatch(
      /missing or wrong credentials \(HTTP 401 unauthorized\); check --user\/--password or --token/,
    );
    const dir = mkdtempSync(join(scratch, "snap-"));
    expect((await ctl(t, tp("snapshot", "--out", join(dir, "s.json"), "--password", "wrong"))).exitCode).toBe(
      4,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it("a bearer token from the environment", async () => {
    const t = await twin({ credentials: { tokens: { tok: "ci" } } });
    expect((await ctl(t, tp("status"), { NEMESIS_API_TOKEN: "tok" })).exitCode).toBe(0);
    expect((await ctl(t, tp("status"), { NEMESIS_API_TOKEN: "bad" })).exitCode).toBe(4);
  });

  it("409: exit 3 for a second override without --replace", async () => {
    const t = await twin();
    await ctl(t, tp("override", "aggressive", "--ttl", "20m", "--reason", "x"));
    const r = await ctl(t, tp("override", "conservative", "--ttl", "20m", "--reason", "y"));
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(
      /override ovr-1 \(aggressive\) is active for 1200s more; clear it or replace it \(HTTP 409 override_conflict\)/,
    );
  });

  it("412: exit 3", async () => {
    const t = await twin();
    await withFault(t, { method: "PUT", path: `${POLICY}/preset`, kind: "status(412)", times: 1 });
    const r = await ctl(t, tp("set", "aggressive", "--reason", "x"));
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/\(HTTP 412 injected_fault\)/);
  });

  it("404 on clear with no override: exit 1", async () => {
    const r = await ctl(await twin(), tp("clear", "--reason", "x"));
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe("nemesis-ctl: no override is active (HTTP 404 no_active_override)");
  });

  it("a closed port: exit 5, and no snapshot file", async () => {
    const url = `http://127.0.0.1:${await closedPort()}/api`;
    const r = await ctl(null, tp("status", "--api-url", url));
    expect(r.exitCode).toBe(5);
    expect(r.stderr).toMatch(/cannot reach http:\/\/127\.0\.0\.1:\d+: connection refused/);
    const dir = mkdtempSync(join(scratch, "snap-"));
    expect((await ctl(null, tp("snapshot", "--out", join(dir, "s.json"), "--api-url", url))).exitCode).toBe(
      5,
    );
    expect(readdirSync(dir)).toEqual([]);
  });
});
