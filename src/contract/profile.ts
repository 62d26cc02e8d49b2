import { fileURLToPath } from "node:url";
import type { ErrorObject } from "ajv/dist/2020.js";
import { validateStressProfile } from "./validators.generated.js";

export const PROFILE_SCHEMA_PATH = fileURLToPath(
  new URL("../../contract/stress-profile.schema.json", import.meta.url),
);

export type Distribution =
  | { distribution: "lognormal"; mean_seconds: number; cv: number }
  | { distribution: "exponential"; mean_seconds: number }
  | { distribution: "constant"; seconds: number };

interface Window {
  queue: string;
  start_seconds?: number;
  duration_seconds: number;
}

export type Arrival =
  | (Window & { pattern: "burst"; count: number })
  | (Window & { pattern: "steady"; rate_per_second: number })
  | (Window & { pattern: "ramp"; from_rate_per_second: number; to_rate_per_second: number });

/** A stress profile, as contract/stress-profile.schema.json describes it. */
export interface StressProfile {
  name: string;
  description?: string;
  seed: number;
  max_seconds?: number;
  workers: Record<string, number>;
  arrivals: Arrival[];
  mix: { extension: string; weight: number }[];
  service_time: Record<string, Distribution>;
}

/** The catalog's names a profile may use. */
export interface ProfileNames {
  queues: readonly string[];
  classes: readonly string[];
}

export interface ProfileProblem {
  path: string;
  message: string;
}

function jsonPath(pointer: string): string {
  return pointer
    .split("/")
    .slice(1)
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : `${path}.${part}`), "$");
}

function problem(e: ErrorObject): ProfileProblem {
  const { missingProperty, additionalProperty } = e.params;
  if (typeof missingProperty === "string" && missingProperty)
    return { path: jsonPath(e.instancePath), message: `missing "${missingProperty}"` };
  if (typeof additionalProperty === "string" && additionalProperty) {
    return { path: jsonPath(e.instancePath), message: `unknown field "${additionalProperty}"` };
  }
  return { path: jsonPath(e.instancePath), message: e.message ?? "is invalid" };
}

function nameProblems(profile: StressProfile, names: ProfileNames): ProfileProblem[] {
  const out: ProfileProblem[] = [];
  const queue = (name: string, path: string) => {
    if (!names.queues.includes(name))
      out.push({ path, message: `unknown queue "${name}" (known: ${names.queues.join(", ")})` });
  };
  for (const name of Object.keys(profile.workers)) queue(name, `$.workers.${name}`);
  profile.arrivals.forEach((a, i) => {
    queue(a.queue, `$.arrivals[${i}].queue`);
    if (profile.workers[a.queue] === undefined && names.queues.includes(a.queue)) {
      out.push({ path: `$.arrivals[${i}].queue`, message: `queue "${a.queue}" has arrivals but no workers` });
    }
  });
  for (const name of Object.keys(profile.service_time)) {
    if (!names.classes.includes(name)) {
      out.push({
        path: `$.service_time.${name}`,
        message: `unknown class "${name}" (known: ${names.classes.join(", ")})`,
      });
    }
  }
  for (const name of names.classes) {
    if (!(name in profile.service_time))
      out.push({ path: "$.service_time", message: `no service time for class "${name}"` });
  }
  return out;
}

/**
 * The most jobs a profile's arrivals may expect in all. Each job is three simulated events (arrive, start,
 * complete), and the whole run happens in one process: this keeps a run to seconds and memory to megabytes.
 */
export const MAX_PROFILE_JOBS = 100_000;

/** The expected jobs of one arrival stream, and the field that sets how many. */
function expectedJobs(a: Arrival): { jobs: number; field: string } {
  if (a.pattern === "burst") return { jobs: a.count, field: "count" };
  if (a.pattern === "steady")
    return { jobs: a.rate_per_second * a.duration_seconds, field: "rate_per_second" };
  const mean = (a.from_rate_per_second + a.to_rate_per_second) / 2;
  return { jobs: mean * a.duration_seconds, field: "to_rate_per_second" };
}

function jobLimitProblems(profile: StressProfile): ProfileProblem[] {
  const each = profile.arrivals.map(expectedJobs);
  const total = each.reduce((sum, e) => sum + e.jobs, 0);
  if (total <= MAX_PROFILE_JOBS) return [];
  const biggest = each.reduce((top, e, i) => (e.jobs > (each[top]?.jobs ?? 0) ? i : top), 0);
  return [
    {
      path: `$.arrivals[${biggest}].${each[biggest]?.field}`,
      message: `the arrivals expect about ${Math.round(total)} jobs; the limit is ${MAX_PROFILE_JOBS} per profile`,
    },
  ];
}

/** Everything wrong with a profile: its schema first, then the catalog names it uses. Empty when usable. */
export function checkProfile(raw: unknown, names?: ProfileNames): ProfileProblem[] {
  const checked = checkedProfile(raw, names);
  return checked.profile ? [] : checked.problems;
}

/** The profile, typed, when nothing is wrong with it; else everything that is (see checkProfile). */
export function checkedProfile(
  raw: unknown,
  names?: ProfileNames,
): { profile: StressProfile; problems: [] } | { profile: null; problems: ProfileProblem[] } {
  if (!validateStressProfile(raw)) {
    return { profile: null, problems: (validateStressProfile.errors ?? []).map(problem) };
  }
  const problems = [...jobLimitProblems(raw), ...(names ? nameProblems(raw, names) : [])];
  return problems.length > 0 ? { profile: null, problems } : { profile: raw, problems: [] };
}
