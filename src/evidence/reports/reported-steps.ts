import type { Bundle } from "../bundle.js";
import type { StepResult } from "../step-result.js";

/** Wait percentiles of one class, in seconds. */
export interface WaitPercentiles {
  p50: number;
  p95: number;
  p99: number;
}

/** One side (base or candidate) of a profile's drain. */
export interface DrainSide {
  policy: string;
  kpis: { wait_seconds: Record<string, WaitPercentiles | null> };
}

export interface DrainRunRow {
  profile: string;
  base: DrainSide | null;
  candidate: DrainSide;
}

export interface KpiRow {
  id: string;
  metric: string;
  profile: string;
  base: number | null;
  candidate: number | null;
  improvement: number | null;
  improved: boolean;
  critical: boolean;
}

/** Queue depths at one sample, `t` seconds into the profile. */
export interface DepthSample {
  t: number;
  depths: Record<string, number>;
}

export interface TimelineRow {
  profile: string;
  base: DepthSample[] | null;
  candidate: DepthSample[];
}

export interface BenchmarkRow {
  name: string;
  ratio: number;
  interval: [number, number];
  verdict: string;
}

export interface TriggerRow {
  id: string;
  metric: string;
  observed: number | null;
  threshold: number;
  fired: boolean;
  detail: string;
}

/** The status snapshots the controls step took, in the order it took them; null where none was taken. */
export interface Snapshots {
  before: unknown;
  during: unknown;
  after_expiry: unknown;
  after_revert: unknown;
}

export interface CommandRun {
  command: string;
  exit_code: number;
}

/** The rollback step's run of the revert path, checked against the status it left. */
export interface RevertRun extends CommandRun {
  verified: boolean;
}

/**
 * What the reports read from the steps. The evidence part cannot import the gate, so it states what it reads, and
 * the gate hands over its bundle typed by its own steps' results: a field renamed or retyped in a step no longer
 * fits here, and the build fails where the gate calls the reports.
 */
export type ReportedSteps = {
  controls: StepResult<{ snapshots: Snapshots; commands: CommandRun[] }, unknown>;
  "queue-drain": StepResult<{ runs: DrainRunRow[]; kpis: KpiRow[] }, { timelines: TimelineRow[] }>;
  benchmark: StepResult<unknown, { report: { min_effect: number; benchmarks: BenchmarkRow[] } }>;
  rollback: StepResult<
    { triggers: TriggerRow[]; revert_commands: string[]; revert: RevertRun | null },
    unknown
  >;
};

export type ReportedBundle = Bundle<ReportedSteps>;
