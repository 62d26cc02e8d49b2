import { describe, expect, it } from "vitest";
import { loadScenarioFile, parseScenario, ScenarioError } from "../../src/twin/index.js";
import { advance, call, POLICY, twin } from "./helpers.js";

const spike = loadScenarioFile("fixtures/twin/scenarios/pressure-spike.json");
const status = async (t: Awaited<ReturnType<typeof twin>>) => (await call(t, "GET", `${POLICY}/status`)).json;

describe("twin: scenario telemetry drives activation on the virtual clock", () => {
  it("activates after the sustained window, cools down, and releases", async () => {
    const t = await twin({ scenario: spike });
    await advance(t, 60);
    expect(await status(t)).toMatchObject({
      queue_pressure_level: "warning",
      sustained_seconds: 0,
      policy_active: false,
    });
    await advance(t, 59);
    expect(await status(t)).toMatchObject({ sustained_seconds: 59, policy_active: false });
    await advance(t, 1);
    expect(await status(t)).toMatchObject({ sustained_seconds: 60, policy_active: true });
    await advance(t, 180);
    expect(await status(t)).toMatchObject({ queue_pressure_level: "critical", policy_active: true });
    await advance(t, 300);
    expect(await status(t)).toMatchObject({
      queue_pressure_level: "normal",
      cooldown_remaining_seconds: 120,
    });
    await advance(t, 120);
    expect(await status(t)).toMatchObject({ policy_active: false, cooldown_remaining_seconds: 0 });
    const queues = (await call(t, "GET", "/api/queues")).json.queues;
    expect(queues[0].ready).toBe(0);
  });

  it("loads a scenario over HTTP, and resets to it", async () => {
    const t = await twin();
    await call(t, "POST", "/__twin/scenario", { body: { ...spike, epoch: "2026-06-01T12:00:00Z" } });
    await advance(t, 300);
    expect((await call(t, "GET", "/api/queues")).json.queues[0].ready).toBe(150);
    await call(t, "PUT", `${POLICY}/preset`, { body: { preset: "aggressive", reason: "x" } });
    await call(t, "POST", "/__twin/reset");
    expect(await status(t)).toMatchObject({
      version: 1,
      base_preset: "balanced",
      timestamp: "2026-06-01T12:00:00Z",
    });
  });

  it.each([
    [{ ...spike, epoch: "yesterday" }, /\$\.epoch: must match format/],
    [{ ...spike, telemetry: [] }, /\$\.telemetry: must NOT have fewer than 1 items/],
    [{ ...spike, defects: ["melt"] }, /\$\.defects\[0\]: must be equal to one of the allowed values/],
    [
      { ...spike, telemetry: [spike.telemetry[1], spike.telemetry[0]] },
      /\$\.telemetry\[1\]\.at: must be after/,
    ],
  ])("refuses a bad scenario, naming the JSON path", async (scenario, message) => {
    expect(() => parseScenario(scenario, "s.json")).toThrow(ScenarioError);
    expect(() => parseScenario(scenario, "s.json")).toThrow(message);
    const t = await twin();
    const r = await call(t, "POST", "/__twin/scenario", { body: scenario });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toMatch(message);
  });
});

describe("twin: a scenario must use the catalog's names, never fall back", () => {
  it.each([
    [{ ...spike, base_preset: "turbo" }, /\$\.base_preset: unknown preset "turbo"/],
    [
      { ...spike, telemetry: [{ at: 0, depths: { bogus: 3 } }] },
      /\$\.telemetry\[0\]\.depths\.bogus: unknown queue/,
    ],
  ])("refuses %#, over HTTP and at start", async (scenario, message) => {
    const t = await twin();
    const r = await call(t, "POST", "/__twin/scenario", { body: scenario });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toMatch(message);
    await expect(twin({ scenario })).rejects.toThrow(message);
  });
});
