import { readJsonFile, UserError } from "../common/index.js";
import { toJsonPath } from "../policy/index.js";
import type { Defect } from "./defects.js";
import { TELEMETRY_MODES, type TelemetryMode } from "./scenario-schema.js";
import { validateScenario } from "./validators.generated.js";

export { TELEMETRY_MODES, type TelemetryMode };

export interface TelemetryPoint {
  /** Seconds after the scenario's epoch from which these depths hold. */
  at: number;
  depths: Record<string, number>;
}

/** A twin scenario: where the virtual clock starts, what the queues look like over time, and known-bad behaviours. */
export interface Scenario {
  name: string;
  description?: string;
  epoch: string;
  base_preset?: string;
  sample_interval_seconds?: number;
  telemetry_mode?: TelemetryMode;
  telemetry: TelemetryPoint[];
  defects?: Defect[];
}

export const DEFAULT_SCENARIO: Scenario = {
  name: "built-in",
  description: "Quiet queues from 2026-01-01T00:00:00Z, telemetry every 10 s, no defects.",
  epoch: "2026-01-01T00:00:00Z",
  sample_interval_seconds: 10,
  telemetry: [{ at: 0, depths: { new_file: 0, document_conversion_input: 0, titus_input: 0 } }],
};

/** Problems with a scenario, each naming its JSON path; empty when it is usable. */
export function scenarioProblems(raw: unknown): string[] {
  return validateScenario(raw) ? orderProblems(raw) : schemaProblems();
}

function schemaProblems(): string[] {
  return (validateScenario.errors ?? []).map(
    (e) => `${toJsonPath(e.instancePath)}: ${e.message ?? "is invalid"}`,
  );
}

function orderProblems(scenario: Scenario): string[] {
  const points = scenario.telemetry;
  return points.flatMap((p, i) => {
    const prev = points[i - 1];
    return prev && p.at <= prev.at
      ? [`$.telemetry[${i}].at: must be after the point before it (${prev.at})`]
      : [];
  });
}

/** What the schema cannot know: the scenario's preset and queues must be the catalog's. Never a silent fallback. */
export function catalogProblems(
  scenario: Scenario,
  catalog: { presets: { name: string }[]; queues: { name: string }[] },
): string[] {
  const presets = catalog.presets.map((p) => p.name);
  const queues = catalog.queues.map((q) => q.name);
  const problems: string[] = [];
  if (scenario.base_preset !== undefined && !presets.includes(scenario.base_preset)) {
    problems.push(`$.base_preset: unknown preset "${scenario.base_preset}" (known: ${presets.join(", ")})`);
  }
  scenario.telemetry.forEach((point, i) => {
    for (const queue of Object.keys(point.depths)) {
      if (!queues.includes(queue))
        problems.push(`$.telemetry[${i}].depths.${queue}: unknown queue (known: ${queues.join(", ")})`);
    }
  });
  return problems;
}

export class ScenarioError extends UserError {
  override name = "ScenarioError";
}

export function parseScenario(raw: unknown, source: string): Scenario {
  if (!validateScenario(raw)) throw new ScenarioError(`${source}: ${schemaProblems().join("; ")}`);
  const problems = orderProblems(raw);
  if (problems.length > 0) throw new ScenarioError(`${source}: ${problems.join("; ")}`);
  return raw;
}

/** Reads a scenario: a regular JSON file of at most 16 MB, so a device or FIFO never hangs the twin's start. */
export function loadScenarioFile(file: string): Scenario {
  return parseScenario(readJsonFile(file, { error: ScenarioError }), file);
}

export function epochSeconds(scenario: Scenario): number {
  return Math.floor(Date.parse(scenario.epoch) / 1000);
}

/** The depths in force `offset` seconds after the epoch: the last point at or before it. */
export function depthsAt(scenario: Scenario, offset: number): Record<string, number> {
  let current = scenario.telemetry[0]?.depths ?? {};
  for (const point of scenario.telemetry) {
    if (point.at > offset) break;
    current = point.depths;
  }
  return current;
}

/** The scenario with `extra` defects switched on besides its own; the same scenario when there are none. */
export function withDefects(scenario: Scenario, extra: readonly Defect[]): Scenario {
  if (extra.length === 0) return scenario;
  return { ...scenario, defects: [...new Set([...(scenario.defects ?? []), ...extra])] };
}
