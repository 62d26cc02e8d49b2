import { dirname, isAbsolute, join, resolve } from "node:path";
import type { ValidateFunction } from "ajv/dist/2020.js";
import type { ProcessLocation, SuiteSpec } from "../bench/index.js";
import { UserError } from "../cli/index.js";
import { errorMessage, readJsonFile, readRegularFile } from "../common/index.js";
import { configFile } from "./builtin.js";
import { validateGateConfig, validateTriggersFile } from "./validators.generated.js";

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
    live?: { interval_seconds?: number; duration_seconds?: number; volatile_fields?: string[] };
  };
  profiles: string[];
  quick_profiles?: string[];
  kpis: KpiSpec[];
  triggers: string;
  benchmark: {
    baseline_ref: string;
    budget_seconds?: number;
    min_effect?: number;
    location?: ProcessLocation;
    inconclusive: "fail" | "warn";
    quick?: { processes?: number };
    /** The instruction metric's band and stability (see docs/benchmarks.md). */
    instructions?: { band?: number; stability?: number };
    suites: SuiteSpec[];
  };
  docs_contract: string;
  invariants?: { runs?: number; quick_runs?: number; seed?: number };
  conformance?: { runs?: number; quick_runs?: number; seed?: number; live?: boolean };
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

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * `patch` laid over `base` as a JSON merge patch (RFC 7396): objects merge key by key, arrays and scalars replace,
 * and a null removes the key. Merged objects are built from entries, never by assignment, so a key named
 * `__proto__` can only ever be an own property, never the object's prototype.
 */
export function mergeConfig(base: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const merged = new Map(Object.entries(isObject(base) ? base : {}));
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) merged.delete(key);
    else merged.set(key, mergeConfig(merged.get(key), value));
  }
  return Object.fromEntries(merged);
}

/** How many configs an `extends` chain may hold, the one named on the command line included. */
export const MAX_EXTENDS_DEPTH = 16;

/** How deep objects and arrays may nest in one config file; the real ones nest five levels. */
export const MAX_CONFIG_NESTING = 64;

/**
 * Keys that name an object's prototype machinery: as a patch key, `__proto__` once gave the merged config a
 * prototype whose keys passed the schema's `required` (a live target, say) without being in any file.
 */
const PROTOTYPE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

const shortened = (path: string) => (path.length > 80 ? `${path.slice(0, 80)}…` : path);
const pointer = (key: string) => key.replaceAll("~", "~0").replaceAll("/", "~1");

/**
 * Refuses a config that nests deeper than MAX_CONFIG_NESTING (the merge and the schema check recurse, and a deep
 * enough file overflowed the stack) or uses a prototype key anywhere. The walk itself stops at the bound.
 */
function checkShape(file: string, value: unknown, path = "", depth = 1): void {
  if (typeof value !== "object" || value === null) return;
  if (depth > MAX_CONFIG_NESTING)
    throw new ConfigError(
      `${file}: objects and arrays nest deeper than ${MAX_CONFIG_NESTING} levels (the limit), under ${shortened(path)}`,
    );
  for (const [key, child] of Object.entries(value)) {
    const at = `${path}/${pointer(key)}`;
    if (!Array.isArray(value) && PROTOTYPE_KEYS.has(key))
      throw new ConfigError(`${file}: ${at}: the key "${key}" is not allowed in a gate config`);
    checkShape(file, child, at, depth + 1);
  }
}

/**
 * A config with everything it `extends` merged in, base first. `extends` is a path relative to the file that
 * says it; paths inside a config (catalog, profiles, triggers, docs_contract...) are not rebased, they stay
 * relative to the working directory as in any config. A chain longer than MAX_EXTENDS_DEPTH is refused.
 */
function readExtended(file: string, chain: readonly string[] = []): unknown {
  const extender = chain.at(-1);
  const what = extender === undefined ? "gate config" : `gate config that ${extender} extends`;
  const raw = readJsonFile(file, { what, error: ConfigError });
  checkShape(file, raw);
  if (!isObject(raw) || raw.extends === undefined) return raw;
  if (typeof raw.extends !== "string" || raw.extends === "")
    throw new ConfigError(`${file}: /extends must be the path of another gate config`);
  const base = isAbsolute(raw.extends) ? raw.extends : join(dirname(file), raw.extends);
  const seen = [...chain, file];
  if (seen.some((f) => resolve(f) === resolve(base)))
    throw new ConfigError(`${file}: /extends makes a cycle: ${[...seen, base].join(" → ")}`);
  if (seen.length >= MAX_EXTENDS_DEPTH)
    throw new ConfigError(
      `${file}: /extends goes more than ${MAX_EXTENDS_DEPTH} configs deep (the limit), starting from ${seen[0]}`,
    );
  const { extends: _, ...patch } = raw;
  return mergeConfig(readExtended(base, seen), patch);
}

function validated<T>(file: string, raw: unknown, validate: ValidateFunction<T>): T {
  if (validate(raw)) return raw;
  const e = validate.errors?.[0];
  const extra = e?.params.additionalProperty;
  throw new ConfigError(
    `${file}: ${e?.instancePath || "/"} ${e?.message ?? "is invalid"}${typeof extra === "string" ? ` "${extra}"` : ""}`,
  );
}

/**
 * A gate config, with what it extends merged in, checked against gates/gate.config.schema.json; its profile paths
 * (relative to `root`) must be regular files, and each KPI must name a profile it declares and a drain metric.
 */
export function loadGateConfig(file: string, root: string = process.cwd()): GateConfig {
  const config = validated(file, readExtended(file), validateGateConfig);
  if (config.target.kind === "api" && !config.target.url)
    throw new ConfigError(`${file}: /target needs a url when kind is api`);
  checkKpis(file, config, profileNames(config, root));
  return config;
}

/**
 * The names of the profiles the config lists, read from their files. A path that is a folder, a device or over
 * the size limit is a config error; undefined when a file is missing or is no profile, which the queue-drain step
 * reports with its own message (so no KPI is judged against a partial list of names).
 */
function profileNames(config: GateConfig, root: string): Set<string> | undefined {
  const names = new Set<string>();
  for (const path of new Set([...config.profiles, ...(config.quick_profiles ?? [])])) {
    const file = configFile(root, "profile", path);
    let text: string;
    try {
      text = readRegularFile(file, { what: "profile", error: ConfigError }).toString("utf8");
    } catch (err) {
      if (/\(ENOENT\)$/.test(errorMessage(err))) return undefined;
      throw err;
    }
    try {
      const name = (JSON.parse(text) as { name?: unknown } | null)?.name;
      if (typeof name !== "string") return undefined;
      names.add(name);
    } catch {
      return undefined;
    }
  }
  return names;
}

/** Drain KPIs a metric path may name, by their first key: how many keys follow, and which last keys are allowed. */
const METRICS: Record<string, { keys: number; last?: readonly string[] }> = {
  drain_seconds: { keys: 0 },
  policy_activations: { keys: 0 },
  jobs: { keys: 1 },
  peak_depth: { keys: 1 },
  throughput_per_second: { keys: 1 },
  max_starvation_seconds: { keys: 1 },
  seconds_at_level: { keys: 1 },
  wait_seconds: { keys: 2, last: ["p50", "p95", "p99", "max"] },
};

/** Why a metric path names no drain KPI; undefined when it does. */
function metricProblem(metric: string): string | undefined {
  const [first = "", ...rest] = metric.split(".");
  const family = METRICS[first];
  if (!family) return `"${first}" is not a drain KPI (one of ${Object.keys(METRICS).join(", ")})`;
  const shape = first === "wait_seconds" ? "wait_seconds.CLASS.p50|p95|p99|max" : first;
  if (rest.length !== family.keys || rest.some((k) => k === ""))
    return `takes ${family.keys ? `${family.keys} key(s) after ${first}` : "no key"} (${family.keys === 1 ? `${first}.NAME` : shape})`;
  const last = rest.at(-1);
  if (family.last && last !== undefined && !family.last.includes(last))
    return `"${last}" is not one of ${family.last.join(", ")}`;
  return undefined;
}

/** A KPI on a profile the config does not run, or on no drain metric, would never be judged: a config error. */
function checkKpis(file: string, config: GateConfig, names: Set<string> | undefined): void {
  for (const [i, kpi] of config.kpis.entries()) {
    const problem = metricProblem(kpi.metric);
    if (problem)
      throw new ConfigError(`${file}: /kpis/${i} (${kpi.id}): metric "${kpi.metric}" is unknown: ${problem}`);
    if (names && !names.has(kpi.profile))
      throw new ConfigError(
        `${file}: /kpis/${i} (${kpi.id}): profile "${kpi.profile}" is not among the config's profiles (${[...names].join(", ")})`,
      );
  }
}

export function loadTriggers(file: string): TriggerSpec[] {
  const raw = readJsonFile(file, { what: "triggers file", error: ConfigError });
  return validated(file, raw, validateTriggersFile).triggers;
}
