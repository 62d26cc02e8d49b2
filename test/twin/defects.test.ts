import { describe, expect, it } from "vitest";
import { HEALTHY_RULES, twinRules } from "../../src/twin/defects.js";
import {
  DEFAULT_SCENARIO,
  DEFECT_TABLE,
  DEFECTS,
  type Defect,
  loadScenarioFile,
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
