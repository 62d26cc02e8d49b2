import type { RunningTwin } from "../twin.js";
import type { Violation } from "../verdict.js";

/** What every tool runner gets: where the repository, the contract, the install cache and a scratch folder are. */
export interface HarnessContext {
  repoRoot: string;
  contractFile: string;
  /** Throwaway installs live here, one folder per tool and version, so a rerun does not install again. */
  cacheDir: string;
  /** A temporary folder for this run: scenarios, reports. */
  workDir: string;
  user: string;
  password: string;
}

export type Availability =
  | { runnable: true; version: string }
  | { runnable: false; version: string | null; reason: string };

/** A tool's findings on one target, raw enough to explain the verdict. */
export interface ToolRun {
  violations: Violation[];
  /** Anything worth keeping from the tool's own output: log lines, exit code. */
  raw: Record<string, unknown>;
}

/** One OpenAPI-only tester: it knows the contract and the twin's URL, nothing of the twin's inside. */
export interface ConformTool {
  /** The column's name in the table. */
  name: string;
  /** Installs or finds the tool once; says exactly why when it cannot run. */
  prepare(ctx: HarnessContext): Promise<Availability>;
  /** Runs against a twin already serving one target. */
  run(twin: RunningTwin, ctx: HarnessContext): Promise<ToolRun>;
}
