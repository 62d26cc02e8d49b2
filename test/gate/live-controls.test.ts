import { describe, expect, it } from "vitest";
import {
  LIVE_VOLATILE_FIELDS,
  policyDifferences,
  versionProblems,
  withoutFields,
} from "../../src/gate/steps/controls.js";

/** A status as the API answers it, trimmed to the fields the comparison looks at. */
const status = (over: Record<string, unknown> = {}) => ({
  requested_preset: "balanced",
  base_preset: "balanced",
  active_preset: "balanced",
  override: null,
  policy_active: false,
  queue_pressure_level: "normal",
  sustained_seconds: 0,
  timestamp: "2026-01-01T00:00:00Z",
  version: 3,
  summary: "policy inactive",
  queue_states: [{ queue: "new_file", queued_messages: 0, severity: "normal", warning_threshold: 50 }],
  class_states: [
    {
      class_name: "expensive",
      active_parallelism: 1,
      minimum_floor: 1,
      deferred_admission: false,
      reason: "x",
    },
  ],
  ...over,
});

const busy = status({
  policy_active: true,
  queue_pressure_level: "critical",
  sustained_seconds: 90,
  timestamp: "2026-01-01T00:05:00Z",
  summary: "policy active",
  queue_states: [{ queue: "new_file", queued_messages: 400, severity: "critical", warning_threshold: 50 }],
  class_states: [
    {
      class_name: "expensive",
      active_parallelism: 1,
      minimum_floor: 1,
      deferred_admission: true,
      reason: "y",
    },
  ],
});

describe("the live controls comparison", () => {
  it("does not read moving queue depths, pressure and clocks as drift", () => {
    expect(policyDifferences(status(), busy, LIVE_VOLATILE_FIELDS)).toEqual([]);
  });

  it("reads a change of a policy field as drift", () => {
    expect(
      policyDifferences(status(), status({ requested_preset: "aggressive" }), LIVE_VOLATILE_FIELDS),
    ).toEqual(["requested_preset"]);
    const limits = status({
      class_states: [{ class_name: "expensive", active_parallelism: 3, minimum_floor: 0, reason: "x" }],
    });
    expect(policyDifferences(busy, limits, LIVE_VOLATILE_FIELDS)).toEqual(["class_states"]);
    const threshold = status({
      queue_states: [{ queue: "new_file", queued_messages: 0, warning_threshold: 10 }],
    });
    expect(policyDifferences(status(), threshold, LIVE_VOLATILE_FIELDS)).toEqual(["queue_states"]);
  });

  it("on the twin compares everything but the time fields, as before", () => {
    expect(policyDifferences(status(), busy, null)).toEqual([
      "class_states",
      "policy_active",
      "queue_pressure_level",
      "queue_states",
      "summary",
      "sustained_seconds",
    ]);
  });

  it("strips dotted paths, * for each array item", () => {
    expect(withoutFields({ a: [{ b: 1, c: 2 }], d: 3 }, ["a.*.b", "d"])).toEqual({ a: [{ c: 2 }] });
  });

  it("judges the version sequence: never back, and up with every policy change", () => {
    const v = (version: number, preset = "balanced") => status({ version, requested_preset: preset });
    expect(versionProblems([v(3), v(4, "aggressive"), v(5)], LIVE_VOLATILE_FIELDS)).toEqual([]);
    expect(versionProblems([v(3), v(3), v(3)], LIVE_VOLATILE_FIELDS)).toEqual([]);
    expect(versionProblems([v(3), v(3, "aggressive")], LIVE_VOLATILE_FIELDS)).toEqual([
      "requested_preset changed but the version stayed 3",
    ]);
    expect(versionProblems([v(5), v(4)], LIVE_VOLATILE_FIELDS)).toEqual([
      "the version went back from 5 to 4",
    ]);
  });
});
