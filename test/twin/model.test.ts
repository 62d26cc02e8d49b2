import { describe, expect, it } from "vitest";
import { loadCatalogFile, type PolicyStatus } from "../../src/policy/index.js";
import { DEFAULT_SCENARIO, type Scenario, TwinModel } from "../../src/twin/index.js";

const catalog = loadCatalogFile();

/** No sample falls due within the hour, so moving the clock changes nothing but the clock. */
const HOURLY: Scenario = { ...DEFAULT_SCENARIO, name: "hourly samples", sample_interval_seconds: 3600 };

/** The titus queue fills at 30 s: the sample taken then is a change of state. */
const FILLS_AT_30: Scenario = {
  ...DEFAULT_SCENARIO,
  name: "titus fills at 30 s",
  telemetry: [
    { at: 0, depths: { new_file: 0, document_conversion_input: 0, titus_input: 0 } },
    { at: 30, depths: { new_file: 0, document_conversion_input: 0, titus_input: 100 } },
  ],
};

function plain(model: TwinModel): PolicyStatus {
  const read = model.read();
  if (!read.ok) throw new Error(read.error.message);
  return read.value;
}

function titusDepth(status: PolicyStatus): number | null | undefined {
  return status.queue_states.find((q) => q.queue === "titus_input")?.queued_messages;
}

describe("twin model: the plain status is shared between reads until the state or the clock moves", () => {
  it("hands the same status to reads with nothing changed, frozen so no reader can change it", () => {
    const model = new TwinModel(catalog, DEFAULT_SCENARIO);
    const first = plain(model);
    expect(plain(model)).toBe(first);
    expect(model.status()).toMatchObject({ ok: true, value: first });
    expect(() => {
      (first as { version: number }).version = 99;
    }).toThrow(TypeError);
    expect(() => {
      (first.class_states[0] as { active_parallelism: number }).active_parallelism = 0;
    }).toThrow(TypeError);
    expect(plain(model).version).toBe(1);
  });

  it("derives it again when only the clock moves: the timestamp, an override's expiry, stale telemetry", () => {
    const model = new TwinModel(catalog, HOURLY);
    expect(plain(model).timestamp).toBe("2026-01-01T00:00:00Z");
    model.advance(1);
    expect(plain(model).timestamp).toBe("2026-01-01T00:00:01Z");

    expect(model.createOverride("aggressive", 30, "load test", "n", false).ok).toBe(true);
    expect(plain(model).override?.remaining_seconds).toBe(30);
    const version = plain(model).version;
    model.advance(29);
    expect(plain(model).override?.remaining_seconds).toBe(1);
    model.advance(1);
    expect(plain(model)).toMatchObject({ override: null, active_preset: "balanced", version });

    expect(plain(model).fail_safe).toBe(false);
    model.advance(30); // the only sample, at 0 s, is now 61 s old: past the 60 s limit
    expect(plain(model)).toMatchObject({ fail_safe: true, telemetry_stale: true, version });
  });

  it("derives it again after each change of state at the same instant", () => {
    const model = new TwinModel(catalog, DEFAULT_SCENARIO);
    const steps: [string, () => unknown, (s: PolicyStatus) => void][] = [
      [
        "set the preset",
        () => model.setPreset("aggressive", "more", "n"),
        (s) => expect(s.base_preset).toBe("aggressive"),
      ],
      [
        "create an override",
        () => model.createOverride("conservative", 600, "calm", "n", false),
        (s) => expect(s.override?.preset).toBe("conservative"),
      ],
      ["clear the override", () => model.clearOverride("done", "n"), (s) => expect(s.override).toBeNull()],
      ["revert", () => model.revert(undefined, "back", "n"), (s) => expect(s.base_preset).toBe("balanced")],
      ["fail telemetry", () => model.setTelemetryMode("failing"), (s) => expect(s.fail_safe).toBe(true)],
    ];
    for (const [what, act, check] of steps) {
      const before = plain(model);
      act();
      const after = plain(model);
      expect(after, what).not.toBe(before);
      check(after);
    }
  });

  it("derives it again after a telemetry sample the clock brings", () => {
    const model = new TwinModel(catalog, FILLS_AT_30);
    model.advance(29);
    expect(titusDepth(plain(model))).toBe(0);
    model.advance(1);
    expect(titusDepth(plain(model))).toBe(100);
  });

  it("derives it again on every read when reads change the state (status_read_mutates)", () => {
    const model = new TwinModel(catalog, { ...DEFAULT_SCENARIO, defects: ["status_read_mutates"] });
    expect([plain(model).version, plain(model).version, plain(model).version]).toEqual([2, 3, 4]);
  });
});
