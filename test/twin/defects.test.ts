import { describe, expect, it } from "vitest";
import { checkResponse } from "../../src/contract/index.js";
import { HEALTHY_RULES, twinRules } from "../../src/twin/defects.js";
import {
  DEFAULT_SCENARIO,
  DEFECT_TABLE,
  DEFECTS,
  type Defect,
  loadScenarioFile,
  type Twin,
} from "../../src/twin/index.js";
import { advance, call, POLICY, twin } from "./helpers.js";

const spike = loadScenarioFile("fixtures/twin/scenarios/pressure-spike.json");
const withDefect = (defect: Defect, base = DEFAULT_SCENARIO) =>
  twin({ scenario: { ...base, defects: [defect] } });
const status = async (t: Awaited<ReturnType<typeof twin>>, query = "") =>
  (await call(t, "GET", `${POLICY}/status${query}`)).json;

/** Each defect is a known-bad deployment. Each test shows the bad behaviour, against a healthy twin's answer. */
describe("twin: defect switches", () => {
  it("ignore_expensive_floor: the expensive class gets no workers under pressure", async () => {
    for (const [defects, expected] of [
      [[], 1],
      [["ignore_expensive_floor"], 0],
    ] as const) {
      const t = await twin({ scenario: { ...spike, defects: [...defects] } });
      await advance(t, 120);
      const s = await status(t);
      expect(s.policy_active).toBe(true);
      expect(s.class_states[1]).toMatchObject({
        class_name: "expensive",
        minimum_floor: 1,
        active_parallelism: expected,
      });
    }
  });

  it("override_never_expires: the override outlives its TTL", async () => {
    const t = await withDefect("override_never_expires");
    await call(t, "POST", `${POLICY}/overrides`, {
      body: { preset: "aggressive", ttl_seconds: 60, reason: "x" },
    });
    await advance(t, 3600);
    const s = await status(t);
    expect(s.override).toMatchObject({ preset: "aggressive" });
    expect(s.requested_preset).toBe("aggressive");
  });

  it("unknown_preset_falls_back: an unknown preset is accepted as balanced", async () => {
    const t = await withDefect("unknown_preset_falls_back");
    await call(t, "PUT", `${POLICY}/preset`, { body: { preset: "conservative", reason: "x" } });
    const r = await call(t, "PUT", `${POLICY}/preset`, { body: { preset: "turbo", reason: "x" } });
    expect(r.status).toBe(200);
    expect(r.json.status.base_preset).toBe("balanced");
    expect((await status(t, "?preset=turbo")).requested_preset).toBe("balanced");
  });

  it("telemetry_error_reads_normal: failing telemetry reads as zero messages, not fail-safe", async () => {
    const t = await withDefect("telemetry_error_reads_normal");
    await call(t, "POST", "/__twin/telemetry", { body: { mode: "failing" } });
    const s = await status(t);
    expect(s).toMatchObject({ fail_safe: false, queue_pressure_level: "normal", active_preset: "balanced" });
    expect(s.queue_states.every((q: { queued_messages: number }) => q.queued_messages === 0)).toBe(true);
  });

  it("status_read_mutates: each read moves the version and restarts the pressure timer", async () => {
    const t = await twin({ scenario: { ...spike, defects: ["status_read_mutates"] } });
    await advance(t, 100);
    const first = await status(t);
    const second = await status(t);
    expect(second.version).toBe(first.version + 1);
    expect(second.sustained_seconds).toBe(0);
    const healthy = await twin({ scenario: spike });
    await advance(healthy, 100);
    expect((await status(healthy)).sustained_seconds).toBe(40);
  });
});

/**
 * The defects a conformance tester looks for over HTTP. Each test runs a healthy twin and one with the defect side
 * by side. `call` holds every answer to the contract, so where it is used the defect is one only a domain oracle
 * sees; the schema-visible defects are read with plain fetch and shown to break the contract.
 */
const pair = async (defect: Defect): Promise<[healthy: Twin, broken: Twin]> => [
  await twin(),
  await twin({ scenario: { ...DEFAULT_SCENARIO, defects: [defect] } }),
];

const N = 8;
const BASIC_N = { authorization: `Basic ${Buffer.from("n:n").toString("base64")}` };

/** N identical requests at once, each on its own connection; their HTTP statuses, in no particular order. */
async function concurrently(t: Twin, method: string, path: string, body: unknown, headers = {}) {
  const send = () =>
    fetch(`${t.origin}${path}`, {
      method,
      headers: { ...BASIC_N, "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    }).then(async (r) => {
      await r.text();
      return r.status;
    });
  return Promise.all(Array.from({ length: N }, send));
}

const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

/** N concurrent copies of one change on a reset twin; with `ifMatch`, each names the version read just before. */
async function race(t: Twin, method: string, path: string, body: unknown, ifMatch = false) {
  await call(t, "POST", "/__twin/reset");
  const version = ifMatch ? (await call(t, "GET", `${POLICY}/status`)).json.version : undefined;
  return concurrently(t, method, path, body, ifMatch ? { "if-match": `"${version}"` } : {});
}

/**
 * The most copies of a racing change that succeeded in up to three rounds. A race shows only when the requests
 * overlap inside the twin, which a loaded machine may spread apart now and then.
 */
async function mostWins(t: Twin, ok: number, method: string, path: string, body: unknown, ifMatch = false) {
  let most = 0;
  for (let round = 0; round < 3 && most <= 1; round++) {
    most = Math.max(most, count(await race(t, method, path, body, ifMatch), ok));
  }
  return most;
}

/** A raw answer and the contract's complaints about it. */
async function raw(t: Twin, method: string, path: string, init: RequestInit = {}) {
  const r = await fetch(`${t.origin}${path}`, { method, ...init, headers: { ...BASIC_N, ...init.headers } });
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies field by field
  const json: any = await r.json();
  return {
    status: r.status,
    json,
    violations: checkResponse(method, path.slice(4).split("?")[0] ?? "", r.status, json),
  };
}

describe("twin: defects seen over HTTP", () => {
  it(`override_race: ${N} concurrent override creates all get 201; healthy, one does and the rest 409`, async () => {
    const [healthy, broken] = await pair("override_race");
    const body = { preset: "aggressive", ttl_seconds: 600, reason: "race" };
    const good = await race(healthy, "POST", `${POLICY}/overrides`, body);
    expect(count(good, 201)).toBe(1);
    expect(count(good, 409)).toBe(N - 1);
    expect(await mostWins(broken, 201, "POST", `${POLICY}/overrides`, body)).toBeGreaterThan(1);
  });

  it(`override_race: ${N} concurrent changes with one If-Match all pass; healthy, one does and the rest 412`, async () => {
    const [healthy, broken] = await pair("override_race");
    const body = { preset: "conservative", reason: "race" };
    const good = await race(healthy, "PUT", `${POLICY}/preset`, body, true);
    expect(count(good, 200)).toBe(1);
    expect(count(good, 412)).toBe(N - 1);
    expect(await mostWins(broken, 200, "PUT", `${POLICY}/preset`, body, true)).toBeGreaterThan(1);
  });

  it("override_race: one request at a time is still served correctly", async () => {
    const [, broken] = await pair("override_race");
    const body = { preset: "aggressive", ttl_seconds: 600, reason: "x" };
    expect((await call(broken, "POST", `${POLICY}/overrides`, { body })).status).toBe(201);
    expect((await call(broken, "POST", `${POLICY}/overrides`, { body })).status).toBe(409);
  });

  it("stale_if_match_accepted: If-Match naming an older version goes through; healthy, 412", async () => {
    const [healthy, broken] = await pair("stale_if_match_accepted");
    for (const [t, expected] of [
      [healthy, 412],
      [broken, 200],
    ] as const) {
      const { version } = (await call(t, "GET", `${POLICY}/status`)).json;
      await call(t, "PUT", `${POLICY}/preset`, { body: { preset: "conservative", reason: "first" } });
      const stale = await call(t, "PUT", `${POLICY}/preset`, {
        body: { preset: "aggressive", reason: "based on a stale read" },
        headers: { "if-match": `"${version}"` },
      });
      expect(stale.status).toBe(expected);
      if (expected === 412) expect(stale.json.error.code).toBe("version_mismatch");
      // A version the policy has never had is refused either way.
      const future = await call(t, "PUT", `${POLICY}/preset`, {
        body: { preset: "balanced", reason: "x" },
        headers: { "if-match": `"${version + 99}"` },
      });
      expect(future.status).toBe(412);
    }
  });

  it("unknown_query_ignored: GET status and history take unknown parameters; healthy, 400", async () => {
    const [healthy, broken] = await pair("unknown_query_ignored");
    for (const path of [`${POLICY}/status?colour=blue`, `${POLICY}/history?colour=blue`]) {
      const refused = await call(healthy, "GET", path);
      expect(refused.status).toBe(400);
      expect(refused.json.error).toMatchObject({ code: "invalid_request", field: "colour" });
      expect((await call(broken, "GET", path)).status).toBe(200);
    }
    // The known ones still count.
    const whatIf = await call(broken, "GET", `${POLICY}/status?colour=blue&preset=aggressive`);
    expect(whatIf.json.requested_preset).toBe("aggressive");
  });

  it("auth_not_required: a request without credentials is served; healthy, 401", async () => {
    const [healthy, broken] = await pair("auth_not_required");
    expect((await call(healthy, "GET", `${POLICY}/status`, { auth: null })).status).toBe(401);
    expect((await call(broken, "GET", `${POLICY}/status`, { auth: null })).status).toBe(200);
    const body = { preset: "conservative", reason: "nobody asked" };
    expect((await call(broken, "PUT", `${POLICY}/preset`, { body, auth: null })).status).toBe(200);
    const history = await call(broken, "GET", `${POLICY}/history`, { auth: null });
    expect(history.json.entries.at(-1)).toMatchObject({ actor: "anonymous" });
    // Wrong credentials are still refused.
    expect((await call(broken, "GET", `${POLICY}/status`, { auth: "n:wrong" })).status).toBe(401);
  });

  it("error_body_untyped: errors carry only a message, which the contract's schema refuses", async () => {
    const [healthy, broken] = await pair("error_body_untyped");
    const init = {
      body: JSON.stringify({ preset: "turbo", reason: "x" }),
      headers: { "content-type": "application/json" },
    };
    const good = await raw(healthy, "PUT", `${POLICY}/preset`, init);
    expect(good.status).toBe(422);
    expect(good.json.error).toMatchObject({ code: "unknown_preset", field: "preset" });
    expect(good.violations).toEqual([]);
    const bad = await raw(broken, "PUT", `${POLICY}/preset`, init);
    expect(bad.status).toBe(422);
    expect(bad.json).toEqual({ message: good.json.error.message });
    expect(bad.violations).not.toEqual([]);
    // The twin's own controls keep their error shape, so a tester can still drive it.
    const control = await fetch(`${broken.origin}/__twin/clock/advance`, {
      method: "POST",
      headers: { ...BASIC_N, "content-type": "application/json" },
      body: JSON.stringify({ seconds: -1 }),
    });
    expect(((await control.json()) as { error: unknown }).error).toMatchObject({ code: "invalid_request" });
  });

  it("status_missing_field: GET status leaves out summary, which the contract's schema refuses", async () => {
    const [healthy, broken] = await pair("status_missing_field");
    const good = await raw(healthy, "GET", `${POLICY}/status`);
    expect(good.json).toHaveProperty("summary");
    expect(good.violations).toEqual([]);
    const bad = await raw(broken, "GET", `${POLICY}/status`);
    expect(bad.status).toBe(200);
    expect(bad.json).not.toHaveProperty("summary");
    expect(bad.json.version).toBe(good.json.version);
    expect(bad.violations.map((v) => v.message).join("; ")).toMatch(/summary/);
  });
});

describe("twin: defects switched on by option", () => {
  it("startTwin's defects hold besides the scenario's own, and through a loaded scenario", async () => {
    const t = await twin({
      scenario: { ...DEFAULT_SCENARIO, defects: ["unknown_query_ignored"] },
      defects: ["auth_not_required"],
    });
    expect((await call(t, "GET", `${POLICY}/status?x=1`, { auth: null })).status).toBe(200);
    const loaded = await call(t, "POST", "/__twin/scenario", {
      body: { ...DEFAULT_SCENARIO, name: "other" },
    });
    expect(loaded.status).toBe(200);
    expect((await call(t, "GET", `${POLICY}/status`, { auth: null })).status).toBe(200);
    expect((await call(t, "GET", `${POLICY}/status?x=1`)).status).toBe(400);
  });
});

describe("twin: the defect table", () => {
  it("names each defect once, and each replaces rules no other defect replaces", () => {
    expect(new Set(DEFECTS).size).toBe(DEFECT_TABLE.length);
    const replaced = DEFECT_TABLE.flatMap((d) => Object.keys(d.rules));
    expect(DEFECT_TABLE.every((d) => Object.keys(d.rules).length > 0)).toBe(true);
    expect(new Set(replaced).size).toBe(replaced.length);
    expect(replaced.every((rule) => rule in HEALTHY_RULES)).toBe(true);
  });

  it("lays a defect's rules over the healthy ones, and only when it is switched on", () => {
    expect(twinRules([])).toEqual(HEALTHY_RULES);
    const rules = twinRules(["override_never_expires"]);
    expect(rules.stateSeen).not.toBe(HEALTHY_RULES.stateSeen);
    expect(rules.presetNamed).toBe(HEALTHY_RULES.presetNamed);
  });
});
