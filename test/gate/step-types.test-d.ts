/**
 * Type tests, checked by `npm run typecheck` (tsc includes test/); nothing here runs. They fail the build when a
 * step's result and its readers (triggers, verdict, reports) come apart: rename `runs` in QueueDrainResult and the
 * lines below, the triggers and the call to the reports in src/gate/evidence-folder.ts stop compiling.
 */
import { expectTypeOf } from "vitest";
import type { Bundle, ReportedBundle, StepResult } from "../../src/evidence/index.js";
import type { GateBundle } from "../../src/gate/run.js";
import type { QueueDrainResult } from "../../src/gate/steps/queue-drain.js";
import type { STEP_IDS, StepId, StepResults } from "../../src/gate/steps/step.js";
import { drainRuns, type Results } from "../../src/gate/triggers/trigger.js";

type Deterministic<Id extends StepId> = Exclude<StepResults[Id], { status: "error" }>["deterministic"];

// The run order names every step that has a result type, and no other.
expectTypeOf<(typeof STEP_IDS)[number]>().toEqualTypeOf<StepId>();

// Triggers read the queue-drain step's own runs, not a re-declared shape.
expectTypeOf(drainRuns).returns.toEqualTypeOf<Deterministic<"queue-drain">["runs"]>();

// The gate's bundle is what the reports read; a bundle whose queue-drain step renamed a field is not.
expectTypeOf<GateBundle>().toExtend<ReportedBundle>();
type RenamedRuns = Omit<StepResults, "queue-drain"> & {
  "queue-drain": StepResult<
    { drains: Deterministic<"queue-drain">["runs"]; kpis: Deterministic<"queue-drain">["kpis"] },
    Exclude<QueueDrainResult, { status: "error" }>["measured"]
  >;
};
expectTypeOf<Bundle<RenamedRuns>>().not.toExtend<ReportedBundle>();

/** Never called: each line reads a field no step records, which must not compile. */
export function readersOfMissingFields(results: Results, bundle: GateBundle): unknown[] {
  return [
    // @ts-expect-error the queue-drain step records runs, not drains
    results["queue-drain"]?.deterministic.drains,
    // @ts-expect-error a drain record keeps the KPIs, not the timeline (that is measured)
    drainRuns(results)[0]?.candidate.timeline,
    // @ts-expect-error the controls step records drift, not drifts
    results.controls?.deterministic.drifts,
    // @ts-expect-error the benchmark step records which benchmarks regressed, not failed
    results.benchmark?.deterministic.failed,
    // @ts-expect-error the rollback step's triggers have fired, not firing
    bundle.deterministic.steps.rollback?.result.triggers[0]?.firing,
    // @ts-expect-error queue-drain measures timelines, not samples
    bundle.measured.steps["queue-drain"]?.samples,
  ];
}
