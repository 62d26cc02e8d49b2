import { describe, expect, it } from "vitest";
import { drainLive } from "../../src/drain/index.js";
import { call, twin } from "../twin/helpers.js";
import { drainRun, profile } from "./helpers.js";

const burst = profile("bulk-upload-burst");

describe("queue drain: determinism", () => {
  it("the same profile and seed give identical KPI JSON and trace digest; another seed gives another trace", async () => {
    const a = await drainRun(burst, { preset: "balanced" });
    const b = await drainRun(burst, { preset: "balanced" });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(a.trace_sha256).toMatch(/^[0-9a-f]{64}$/);
    const other = await drainRun({ ...burst, seed: burst.seed + 1 }, { preset: "balanced" });
    expect(other.trace_sha256).not.toBe(a.trace_sha256);
    expect(other.kpis).not.toEqual(a.kpis);
  });
});

describe("queue drain: bulk-upload-burst, balanced against the policy off", () => {
  it("improves baseline p95 by a large factor, keeps expensive work moving, and drains within +15%", async () => {
    const off = await drainRun(burst, { off: true });
    const balanced = await drainRun(burst, { preset: "balanced" });
    const p95 = (r: typeof off) => r.kpis.wait_seconds.baseline?.p95 ?? Number.NaN;
    expect(p95(off) / p95(balanced)).toBeGreaterThan(5);
    expect(balanced.kpis.max_starvation_seconds.expensive).toBeLessThan(120);
    expect(balanced.kpis.drain_seconds).toBeLessThanOrEqual((off.kpis.drain_seconds ?? 0) * 1.15);
    expect(balanced.kpis.jobs).toEqual(off.kpis.jobs);
    expect(balanced.kpis.policy_activations).toBeGreaterThanOrEqual(1);
    expect(balanced.invariant_violations).toBe(0);
  });
});

describe("queue drain: the dispatch invariant, checked at every event", () => {
  it("catches a deployment that ignores the expensive floor, and starvation grows", async () => {
    const healthy = await drainRun(burst, { preset: "balanced" });
    const broken = await drainRun(burst, { preset: "balanced" }, ["ignore_expensive_floor"]);
    expect(broken.invariant_violations).toBeGreaterThan(0);
    expect(broken.kpis.max_starvation_seconds.expensive).toBeGreaterThan(
      3 * (healthy.kpis.max_starvation_seconds.expensive ?? 0),
    );
  });

  it("never activates the policy on the idle profile", async () => {
    const run = await drainRun(profile("idle"), { preset: "balanced" });
    expect(run.kpis.policy_activations).toBe(0);
    expect(run.kpis.seconds_at_level).toMatchObject({ warning: 0, critical: 0 });
  });
});

describe("queue drain: the twin's API reflects the simulation", () => {
  it("GET /queues shows ready, unacked and consumers, and the status activates on the real thresholds", async () => {
    const t = await twin();
    await call(t, "POST", "/__twin/profile", { body: { profile: burst } });
    await call(t, "POST", "/__twin/clock/advance", { body: { seconds: 50 } });
    const queues = (await call(t, "GET", "/api/queues")).json.queues;
    expect(queues[0]).toMatchObject({ name: "files-new_file", unacked: 5, consumers: 5 });
    expect(queues[0].ready).toBeGreaterThan(1000);
    expect(queues[0].publish_rate).toBeGreaterThan(10);
    const early = (await call(t, "GET", "/api/workflows/throughput-policy/status")).json;
    expect(early).toMatchObject({ queue_pressure_level: "critical", policy_active: false });
    await call(t, "POST", "/__twin/clock/advance", { body: { seconds: 20 } });
    const later = (await call(t, "GET", "/api/workflows/throughput-policy/status")).json;
    expect(later).toMatchObject({ policy_active: true, sustained_seconds: 60 });
  });

  it("refuses a bad profile over HTTP with its JSON path", async () => {
    const t = await twin();
    const r = await call(t, "POST", "/__twin/profile", {
      body: { profile: { ...burst, workers: { new_file: 0 } } },
    });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toBe("$.workers.new_file: must be >= 1");
  });
});

describe("queue drain: live mode samples GET /queues on the clock, bounded", () => {
  it("reports what sampling can see, and null for per-job waits", async () => {
    const t = await twin();
    await call(t, "POST", "/__twin/profile", { body: { profile: profile("expensive-flood") } });
    // The twin's clock stands in for the wall clock: each wait advances it.
    const sleep = async (ms: number) =>
      void (await call(t, "POST", "/__twin/clock/advance", { body: { seconds: ms / 1000 } }));
    const run = await drainLive({ url: t.url }, profile("expensive-flood"), {
      intervalSeconds: 30,
      durationSeconds: 7200,
      sleep,
    });
    expect(run.mode).toBe("live");
    expect(run.kpis.wait_seconds).toEqual({ baseline: null, expensive: null });
    expect(run.kpis.drain_seconds).toBeGreaterThan(2000);
    expect(run.kpis.peak_depth.new_file).toBeGreaterThan(100);
    expect(run.timeline.length).toBeLessThan(7200 / 30 + 2);
  });

  it("stops at its duration when the queues never drain", async () => {
    const t = await twin();
    await call(t, "POST", "/__twin/profile", { body: { profile: burst } });
    await call(t, "POST", "/__twin/clock/advance", { body: { seconds: 30 } });
    const run = await drainLive({ url: t.url }, burst, {
      intervalSeconds: 10,
      durationSeconds: 50,
      sleep: async () => {},
    });
    expect(run.timeline.map((s) => s.t)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(run.kpis.drain_seconds).toBeNull();
  });
});
