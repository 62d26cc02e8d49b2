import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { type StartedProcess, startUntil } from "./process.js";
import type { Target } from "./result.js";

/** A twin serving one target on loopback; `apiUrl` ends in `/api`, as `twin serve` prints it. */
export interface RunningTwin {
  apiUrl: string;
  process: StartedProcess;
}

/**
 * The scenario every row runs: quiet queues that turn critical 20 s in, so the traffic's clock moves switch the
 * policy on and let an override expire. The row's defect is switched on by `twin serve --defect`.
 */
export function scenarioFor(target: Target): Record<string, unknown> {
  return {
    name: `conform-${target.name}`,
    description: "Conformance-tool comparison: quiet, then critical queues from 20 s.",
    epoch: "2026-01-01T00:00:00Z",
    sample_interval_seconds: 10,
    telemetry: [
      { at: 0, depths: { new_file: 0, document_conversion_input: 0, titus_input: 0 } },
      { at: 20, depths: { new_file: 150, document_conversion_input: 90, titus_input: 70 } },
    ],
  };
}

/** The `twin serve` command line of a row: the shared scenario, and the row's defect if it has one. */
export function twinServeArgs(scenarioFile: string, target: Target): string[] {
  const defect = target.defect === null ? [] : ["--defect", target.defect];
  return ["dist/gate/cli.js", "twin", "serve", "--scenario", scenarioFile, ...defect];
}

export async function startTwinFor(target: Target, repoRoot: string, workDir: string): Promise<RunningTwin> {
  const scenarioFile = join(workDir, `scenario-${target.name}.json`);
  writeFileSync(scenarioFile, `${JSON.stringify(scenarioFor(target), null, 2)}\n`);
  const { process, match } = await startUntil(
    globalThis.process.execPath,
    twinServeArgs(scenarioFile, target),
    /twin listening on (http:\/\/\S+)/,
    { cwd: repoRoot, timeoutMs: 30_000 },
  );
  return { apiUrl: match[1] ?? "", process };
}
