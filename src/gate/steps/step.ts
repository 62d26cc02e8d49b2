import type { Check, StepError } from "../../evidence/index.js";
import type { GateConfig, TriggerSpec } from "../config.js";
import { type ShardSpec, type WorkUnit, workUnits } from "../shard.js";
import type { BenchmarkResult } from "./benchmark.js";
import type { ConformanceResult } from "./conformance.js";
import type { ControlsResult } from "./controls.js";
import type { DocsResult } from "./docs.js";
import type { ProfileRuns, QueueDrainResult } from "./queue-drain.js";
import type { RollbackResult } from "./rollback.js";
import type { SuitesResult } from "./suites.js";

export type { Check, NoMeasurements, StepError, StepResult, StepStatus } from "../../evidence/index.js";

/** Where the controls run: the gate's own twin, or a live API. */
export interface Target {
  mode: "twin" | "live";
  url: string;
  /** The twin's control root (for /__twin); null when live. */
  twinOrigin: string | null;
}

/**
 * What a live run compares with: nothing, itself (a base recording, --record-base), or the drain runs a base
 * recording holds (--base-bundle), with that bundle's digest.
 */
export type LiveBase =
  | { kind: "none" }
  | { kind: "recording" }
  | { kind: "bundle"; digest: string; runs: readonly ProfileRuns[] };

export interface GateContext {
  target: Target;
  /** A fresh twin with the config's scenario and defects, for runs that must not share state. */
  freshTwin(): Promise<{ url: string; close(): Promise<void> }>;
  config: GateConfig;
  configPath: string;
  triggers: TriggerSpec[];
  root: string;
  quick: boolean;
  /** Set for live mode: the API to run against instead of a twin. */
  apiUrl?: string;
  /** Live only: what the ratio triggers compare with. */
  liveBase: LiveBase;
  /** `--baseline-ref`, when given. */
  baselineRef?: string;
  out: string;
  log(line: string): void;
  /** Results of the steps that ran before. */
  results: Partial<StepResults>;
  /**
   * Set on one shard of a run (--shard I/N): its units. A shard judges only what its units measured: a KPI on a
   * profile another shard ran is left to the merge, as --quick leaves the profiles it does not run.
   */
  shard?: { spec: ShardSpec; units: readonly WorkUnit[] };
}

/** Each step's typed result, by step id: what triggers, the verdict and the reports read. */
export type StepResults = {
  suites: SuitesResult;
  controls: ControlsResult;
  conformance: ConformanceResult;
  docs: DocsResult;
  benchmark: BenchmarkResult;
  "queue-drain": QueueDrainResult;
  rollback: RollbackResult;
};
export type StepId = keyof StepResults;

/** The steps in the order they run. */
export const STEP_IDS = [
  "suites",
  "controls",
  "conformance",
  "docs",
  "benchmark",
  "queue-drain",
  "rollback",
] as const satisfies readonly StepId[];

export interface GateStep<Id extends StepId = StepId> {
  id: Id;
  title: string;
  run(ctx: GateContext): Promise<StepResults[Id]>;
}

/** One unit's work, as a shard keeps it for the merge: the unit's id and what measuring it gave. */
export interface UnitPart<Part> {
  unit: string;
  part: Part;
}

/**
 * A step whose work splits into units that may run on different runners (see `WorkUnit`): `measure` runs some
 * units, `assemble` makes the step's result from the parts of all of them. An unsharded run does both in one
 * process, so a merged run's result is the same function of the same parts.
 */
export interface SplitStep<Id extends StepId, Part> extends GateStep<Id> {
  measure(ctx: GateContext, units: readonly WorkUnit[]): Promise<UnitPart<Part>[]>;
  assemble(ctx: GateContext, parts: readonly UnitPart<Part>[]): StepResults[Id];
}

/** A split step whose unsharded run measures every unit of the plan for one runner, then assembles them. */
export function splitStep<Id extends StepId, Part>(
  parts: Omit<SplitStep<Id, Part>, "run">,
): SplitStep<Id, Part> {
  return {
    ...parts,
    async run(ctx) {
      const units = workUnits(ctx.config, ctx.quick, 1).filter((u) => u.step === parts.id);
      return parts.assemble(ctx, await parts.measure(ctx, units));
    },
  };
}

/** Stores a step's result under its id; generic, so the id and the result's type cannot come apart. */
export function recordResult<Id extends StepId>(
  results: Partial<StepResults>,
  id: Id,
  result: StepResults[Id],
): void {
  results[id] = result;
}

/** The result of a step that could not run; it fits every step's result type. */
export function errorResult(summary: string): StepError {
  return {
    status: "error",
    summary,
    checks: [{ name: "could run", pass: false, message: summary }],
    deterministic: { error: summary },
    measured: {},
  };
}

export function statusOf(checks: readonly Check[]): "pass" | "fail" {
  return checks.every((c) => c.pass) ? "pass" : "fail";
}
