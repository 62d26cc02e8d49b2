import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import { UserError } from "../cli/index.js";

const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface KpiSpec {
  id: string;
  profile: string;
  metric: string;
  direction: "lower" | "higher";
  improve_by: number;
  critical_regression: number;
}

export interface GateConfig {
  name: string;
  description?: string;
  catalog: string;
  candidate: { preset: string; ttl_seconds?: number; reason: string };
  base_preset?: string;
  target: {
    kind: "twin" | "api";
    url?: string;
    scenario?: string;
    defects?: string[];
    live?: { interval_seconds?: number; duration_seconds?: number };
  };
  profiles: string[];
  quick_profiles?: string[];
  kpis: KpiSpec[];
  triggers: string;
  benchmark: {
    baseline_ref: string;
    rounds?: number;
    round_time_ms?: number;
    budget_seconds?: number;
    min_effect?: number;
    inconclusive: "fail" | "warn";
    quick?: { rounds?: number; round_time_ms?: number; budget_seconds?: number };
    inject_slowdown?: { task: string; factor: number };
  };
  docs_contract: string;
  invariants?: { runs?: number; quick_runs?: number; seed?: number };
}

export interface TriggerSpec {
  id: string;
  metric: string;
  source: "controls" | "queue-drain" | "benchmark";
  comparison: "above";
  threshold: number;
  description: string;
}

/** A configuration the gate cannot use: exit 2. */
export class ConfigError extends UserError {
  override name = "ConfigError";
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new ConfigError(`${file}: cannot read the ${what} (${(err as NodeJS.ErrnoException).code})`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${file}: the ${what} is not valid JSON: ${(err as Error).message}`);
  }
}

const ajv = new Ajv2020({ allErrors: true, strict: true });
const schemas = new Map<string, ReturnType<typeof ajv.compile>>();

function validated<T>(file: string, what: string, schemaFile: string): T {
  const raw = readJson(file, what);
  let validate = schemas.get(schemaFile);
  if (!validate) {
    validate = ajv.compile(readJson(resolve(PACKAGE_ROOT, schemaFile), "schema") as object);
    schemas.set(schemaFile, validate);
  }
  if (!validate(raw)) {
    const e = validate.errors?.[0];
    const extra = (e?.params as { additionalProperty?: string })?.additionalProperty;
    throw new ConfigError(
      `${file}: ${e?.instancePath || "/"} ${e?.message ?? "is invalid"}${extra ? ` "${extra}"` : ""}`,
    );
  }
  return raw as T;
}

export function loadGateConfig(file: string): GateConfig {
  const config = validated<GateConfig>(file, "gate config", "gates/gate.config.schema.json");
  if (config.target.kind === "api" && !config.target.url)
    throw new ConfigError(`${file}: /target needs a url when kind is api`);
  return config;
}

export function loadTriggers(file: string): TriggerSpec[] {
  return validated<{ triggers: TriggerSpec[] }>(file, "triggers file", "gates/triggers.schema.json").triggers;
}
