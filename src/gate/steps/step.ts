import type { GateConfig, TriggerSpec } from "../config.js";

/** One check inside a step, as JUnit and annotations show it. */
export interface Check {
  name: string;
  pass: boolean;
  message: string;
  file?: string;
  line?: number;
}

/** pass/fail are verdicts; error means the step could not run, which fails the gate just the same. */
export type StepStatus = "pass" | "fail" | "error" | "skipped";

export interface StepResult {
  status: StepStatus;
  summary: string;
  checks: Check[];
  /** What goes into the digest: the same on every run with the same inputs. */
  deterministic: Record<string, unknown>;
  /** Timings, noisy measurements, environment: kept apart from the digest. */
  measured: Record<string, unknown>;
}

/** Where the controls run: the gate's own twin, or a live API. */
export interface Target {
  mode: "twin" | "live";
  url: string;
  /** The twin's control root (for /__twin); null when live. */
  twinOrigin: string | null;
}

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
  out: string;
  log(line: string): void;
  /** Results of the steps that ran before. */
  results: Partial<Record<StepId, StepResult>>;
}

export const STEP_IDS = ["suites", "controls", "docs", "benchmark", "queue-drain", "rollback"] as const;
export type StepId = (typeof STEP_IDS)[number];

export interface GateStep {
  id: StepId;
  title: string;
  run(ctx: GateContext): Promise<StepResult>;
}

export function errorResult(summary: string): StepResult {
  return {
    status: "error",
    summary,
    checks: [{ name: "could run", pass: false, message: summary }],
    deterministic: { error: summary },
    measured: {},
  };
}

export function statusOf(checks: readonly Check[]): StepStatus {
  return checks.every((c) => c.pass) ? "pass" : "fail";
}
