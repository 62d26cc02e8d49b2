import { describe, expect, it } from "vitest";
import { describeChange, kpiVerdict } from "../../src/evidence/reports/kpi-change.js";
import type { KpiSpec } from "../../src/gate/config.js";
import { judgeKpi } from "../../src/gate/steps/queue-drain.js";

describe("describeChange", () => {
  it.each([
    [0.121, "12.1% better"],
    [-0.087, "8.7% worse"],
    [0, "no change"],
    [-0, "no change"],
    [0.0004, "no change"],
    [-0.0004, "no change"],
    [0.0005, "0.1% better"],
    [1, "100.0% better"],
    [-2.5, "250.0% worse"],
    [Number.POSITIVE_INFINITY, "better (base was 0)"],
    [Number.NEGATIVE_INFINITY, "worse (base was 0)"],
    [null, "-"],
    [Number.NaN, "-"],
  ])("%s reads %s", (improvement, words) => {
    expect(describeChange(improvement)).toBe(words);
  });
});

/** The change as the gate judges it from a KPI's direction, then as the reports word it. */
describe("a KPI's change follows its direction", () => {
  const spec = (direction: KpiSpec["direction"]): KpiSpec => ({
    id: "k",
    profile: "p",
    metric: "m",
    direction,
    improve_by: 0.1,
    critical_regression: 0.5,
  });

  it.each([
    ["lower", 100, 108.7, "8.7% worse", "no material change"],
    ["lower", 100, 87.9, "12.1% better", "improved"],
    ["lower", 100, 100, "no change", "no material change"],
    ["lower", 100, 160, "60.0% worse", "critical regression"],
    ["lower", 0, 5, "worse (base was 0)", "critical regression"],
    ["higher", 100, 108.7, "8.7% better", "no material change"],
    ["higher", 100, 87.9, "12.1% worse", "no material change"],
    ["higher", 100, 112.1, "12.1% better", "improved"],
    ["higher", 0, 0, "no change", "no material change"],
  ] as const)("%s is better: %s → %s reads %s, %s", (direction, base, candidate, change, verdict) => {
    const kpi = judgeKpi(spec(direction), base, candidate);
    expect(describeChange(kpi.improvement)).toBe(change);
    expect(kpiVerdict(kpi)).toBe(verdict);
  });

  it("reads - for a KPI that was not measured", () => {
    expect(describeChange(judgeKpi(spec("lower"), null, 3).improvement)).toBe("-");
  });
});
