/**
 * Simulation speed: a 100,000-file profile run to completion in the twin's model (job generation, policy
 * evaluation and telemetry sampling included), against a bare binary-heap event loop over the same number of
 * events in the same run: schedule every event, then pop them all in time order.
 *
 * It measures the compiled code in dist/, as the twin runs it, not the TypeScript sources through a loader.
 */
import { readFileSync } from "node:fs";
import type { StressProfile } from "../../src/contract/index.js";

/** The compiled twin, typed by its sources. `npm run bench` builds first. */
const compiled = <T>(path: string): Promise<T> => import(new URL(`../../dist/${path}`, import.meta.url).href);
const { loadCatalogFile } = await compiled<typeof import("../../src/policy/index.js")>("policy/index.js");
const { DEFAULT_SCENARIO, TwinModel } =
  await compiled<typeof import("../../src/twin/index.js")>("twin/index.js");
const { EventHeap } = await compiled<typeof import("../../src/twin/sim/heap.js")>("twin/sim/heap.js");
const { seededRandom } = await compiled<typeof import("../../src/twin/sim/random.js")>("twin/sim/random.js");

export interface SimulationSpeed {
  files: number;
  events: number;
  simulated_seconds: number;
  wall_seconds: number;
  events_per_second: number;
  heap_loop_events_per_second: number;
  ratio: number;
  target_ratio: number;
  target_wall_seconds: number;
}

export function hundredThousandFiles(): StressProfile {
  const burst = JSON.parse(readFileSync("fixtures/profiles/bulk-upload-burst.json", "utf8")) as StressProfile;
  return {
    ...burst,
    name: "bench-100k",
    max_seconds: 10_000_000,
    arrivals: [
      { queue: "new_file", pattern: "burst", count: 100_000, start_seconds: 0, duration_seconds: 3600 },
    ],
  };
}

function simulate(profile: StressProfile): { events: number; seconds: number; wall: number } {
  const model = new TwinModel(loadCatalogFile(), DEFAULT_SCENARIO);
  const start = process.hrtime.bigint();
  model.loadProfile(profile, "policy");
  while (!model.simulation?.done) model.advance(3600);
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const result = model.simulation.result();
  if (result.jobs_completed !== 100_000) throw new Error(`only ${result.jobs_completed} jobs completed`);
  return { events: result.events, seconds: model.now - model.simulation.origin, wall };
}

/** The floor: push every event with a random time, then pop them all. */
function heapLoop(events: number): number {
  const heap = new EventHeap(1024);
  const random = seededRandom(1);
  const start = process.hrtime.bigint();
  for (let i = 0; i < events; i++) heap.push(random.uniform() * 1e5, i);
  for (let i = 0; i < events; i++) heap.pop();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export function measureSimulationSpeed(): SimulationSpeed {
  const profile = hundredThousandFiles();
  simulate(profile); // warm-up, both sides
  heapLoop(300_000);
  const sim = simulate(profile);
  const loop = heapLoop(sim.events);
  const eps = sim.events / sim.wall;
  const loopEps = sim.events / loop;
  return {
    files: 100_000,
    events: sim.events,
    simulated_seconds: Math.round(sim.seconds),
    wall_seconds: Number(sim.wall.toFixed(3)),
    events_per_second: Math.round(eps),
    heap_loop_events_per_second: Math.round(loopEps),
    ratio: Number((eps / loopEps).toFixed(4)),
    target_ratio: 0.25,
    target_wall_seconds: 2,
  };
}
