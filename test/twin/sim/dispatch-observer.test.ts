import { describe, expect, it } from "vitest";
import { loadCatalogFile } from "../../../src/policy/index.js";
import type { JobTable } from "../../../src/twin/sim/arrivals.js";
import { type DispatchDecision, dispatchDecisions } from "../../../src/twin/sim/dispatch.js";
import { DispatchObserver } from "../../../src/twin/sim/dispatch-observer.js";

const catalog = loadCatalogFile();
const balanced = catalog.presets.find((p) => p.name === "balanced");
if (!balanced) throw new Error("the catalog has no balanced preset");
const BASELINE = 0;
const EXPENSIVE = 1;
const decide = dispatchDecisions(catalog.classes.length);
const expensiveFloor = decide.floor[EXPENSIVE] as DispatchDecision;
const expensiveLimit = decide.limit[EXPENSIVE] as DispatchDecision;
const baselineFifo = decide.fifo[BASELINE] as DispatchDecision;

/** Jobs on the first queue, of the classes given, in id order. */
function jobs(...tiers: number[]): JobTable {
  return {
    count: tiers.length,
    arrival: new Float64Array(tiers.length),
    service: new Float64Array(tiers.length).fill(1),
    queue: new Int32Array(tiers.length),
    klass: Int32Array.from(tiers),
  };
}

function observer(table: JobTable, workers: number, mode: "policy" | "fifo" = "policy") {
  const o = new DispatchObserver(catalog, table, [workers, workers, workers], mode, 0);
  for (let id = 0; id < table.count; id++) o.arrived(id);
  return o;
}

describe("twin: the dispatch observer", () => {
  it("passes the floor first, then the baseline", () => {
    const o = observer(jobs(BASELINE, EXPENSIVE), 2);
    o.roundStarted({ active: true, preset: balanced });
    o.started(0, 1, expensiveFloor);
    o.started(0, 0, decide.baselinePriority);
    o.poolDispatched(0, 0);
    expect(o.violations).toBe(0);
  });

  it("counts a worker given to the baseline while the expensive class waits below its floor", () => {
    const o = observer(jobs(BASELINE, EXPENSIVE), 1);
    o.roundStarted({ active: true, preset: balanced });
    o.started(1.5, 0, decide.baselinePriority);
    o.poolDispatched(1.5, 0);
    expect(o.violations).toBe(1);
    expect(o.firstViolations).toEqual([
      "t=1.500s new_file: a worker went to baseline while expensive waited below its floor 1",
    ]);
  });

  it("counts a worker left idle while the expensive class waits below its floor", () => {
    const o = observer(jobs(EXPENSIVE), 1);
    o.roundStarted({ active: true, preset: balanced });
    o.poolDispatched(2, 0);
    expect(o.firstViolations).toEqual(["t=2.000s new_file: expensive below its floor 1 with a worker idle"]);
  });

  it("counts a start above the limit: the preset's parallelism while baseline work waits", () => {
    const o = observer(jobs(EXPENSIVE, EXPENSIVE, BASELINE), 5);
    o.roundStarted({ active: true, preset: balanced });
    o.started(0, 0, expensiveFloor);
    o.started(0, 1, expensiveLimit);
    expect(o.firstViolations).toEqual(["t=0.000s new_file: expensive started above its limit 1"]);
  });

  it("reads the floors from the catalog by preset name, not from the preset it is handed", () => {
    const o = observer(jobs(BASELINE, EXPENSIVE), 1);
    const misread = {
      ...balanced,
      classes: { ...balanced.classes, expensive: { parallelism: 1, floor: 0 } },
    };
    o.roundStarted({ active: true, preset: misread });
    o.started(0, 0, decide.baselinePriority);
    expect(o.violations).toBe(1);
  });

  it("checks nothing while the policy is inactive or dispatch is FIFO", () => {
    for (const [active, mode] of [
      [false, "policy"],
      [true, "fifo"],
    ] as const) {
      const o = observer(jobs(BASELINE, EXPENSIVE), 1, mode);
      o.roundStarted({ active, preset: balanced });
      o.started(0, 0, baselineFifo);
      o.poolDispatched(0, 0);
      expect(o.violations).toBe(0);
    }
  });
});
