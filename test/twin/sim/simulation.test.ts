import { describe, expect, it } from "vitest";
import type { StressProfile } from "../../../src/contract/index.js";
import { loadCatalogFile, presetOf } from "../../../src/policy/index.js";
import { Simulation } from "../../../src/twin/sim/simulation.js";

const catalog = loadCatalogFile();
const WORKERS = 4;

/** Ten archives at once on new_file, 10 s each, nothing else: expensive work alone, free to borrow idle workers. */
const expensiveOnly: StressProfile = {
  name: "expensive-only",
  seed: 7,
  workers: { new_file: WORKERS, document_conversion_input: 1, titus_input: 1 },
  arrivals: [{ queue: "new_file", pattern: "burst", count: 10, start_seconds: 0, duration_seconds: 1 }],
  mix: [{ extension: ".zip", weight: 1 }],
  service_time: { expensive: { distribution: "constant", seconds: 10 } },
};

/** Runs the profile to the end under one preset, always active; returns the most expensive jobs run at once. */
function drain(presetName: string) {
  const preset = presetOf(catalog, presetName);
  const sim = new Simulation(catalog, expensiveOnly, 0, "policy");
  while (!sim.done) sim.step(() => ({ active: true, preset }));
  const records = sim.jobRecords();
  const edges = records.flatMap(([, , , start, end]): [number, number][] => [
    [start, 1],
    [end, -1],
  ]);
  // Ends before starts at the same instant: a worker freed at t is reused at t.
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let running = 0;
  let peak = 0;
  for (const [, delta] of edges) {
    running += delta;
    peak = Math.max(peak, running);
  }
  return { peak, classes: new Set(records.map((r) => r[1])), result: sim.result() };
}

describe("twin: the queue-drain simulation", () => {
  it("lets expensive work borrow idle workers only up to the pool less the preset's baseline headroom", () => {
    const conservative = presetOf(catalog, "conservative");
    expect(conservative.baseline_headroom).toBe(1);
    const { peak, classes, result } = drain("conservative");
    expect(classes).toEqual(new Set(["expensive"]));
    expect(result.jobs_completed).toBe(10);
    expect(peak).toBe(WORKERS - conservative.baseline_headroom);
    expect(result.first_violations).toEqual([]);
  });

  it("lets expensive work borrow every idle worker when the preset keeps no headroom", () => {
    expect(presetOf(catalog, "balanced").baseline_headroom).toBe(0);
    const { peak, result } = drain("balanced");
    expect(peak).toBe(WORKERS);
    expect(result.first_violations).toEqual([]);
  });
});
