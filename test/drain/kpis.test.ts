import { describe, expect, it } from "vitest";
import { type JobRecord, jobKpis, maxStarvation, percentile } from "../../src/drain/index.js";

describe("KPIs", () => {
  it("nearest-rank percentiles", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(sorted, 0.5), percentile(sorted, 0.95), percentile(sorted, 0.99)]).toEqual([
      50, 95, 99,
    ]);
    expect(percentile([7], 0.99)).toBe(7);
  });

  it("starvation: the longest stretch with work queued and no completion", () => {
    const jobs: JobRecord[] = [
      ["q", "expensive", 0, 0, 10], // runs 0-10, nothing waiting
      ["q", "expensive", 5, 10, 40], // waits 5-10; completion at 10 ends a 5 s stretch
      ["q", "expensive", 12, 40, 50], // waits 12-40; no completion from 12 until 40 → 28 s
    ];
    expect(maxStarvation(jobs, "expensive")).toBe(28);
    expect(maxStarvation(jobs, "baseline")).toBeNull();
  });

  it("time at each pressure level and activations from samples", () => {
    const samples = [
      { t: 0, level: "normal", policy_active: false, depths: {} },
      { t: 10, level: "critical", policy_active: false, depths: {} },
      { t: 20, level: "critical", policy_active: true, depths: {} },
      { t: 30, level: "normal", policy_active: false, depths: {} },
      { t: 40, level: "warning", policy_active: true, depths: {} },
    ];
    const k = jobKpis([["q", "baseline", 0, 1, 2]], samples, 10, ["baseline", "expensive"], { q: 1 });
    expect(k.seconds_at_level).toEqual({ normal: 20, warning: 10, critical: 20, unknown: 0 });
    expect(k.policy_activations).toBe(2);
    expect(k.drain_seconds).toBe(2);
    expect(k.wait_seconds.baseline).toEqual({ p50: 1, p95: 1, p99: 1, max: 1 });
    expect(k.wait_seconds.expensive).toBeNull();
  });
});
