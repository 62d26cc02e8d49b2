import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { isObject } from "./json-shape.js";

/** Loads a compiled module of one build, by its path inside that build's dist/ (e.g. "policy/index.js"). */
export type ModuleLoader = <T = unknown>(path: string) => Promise<T>;

export interface BenchTask {
  name: string;
  fn: () => unknown;
}

/**
 * A benchmark suite: gates/bench/<name>.bench.ts, compiled to dist/bench-suites/. It imports the code it measures
 * through `load`, never directly, so `bench ab` can run the same suite against two builds in one process.
 */
export interface BenchSuite {
  name: string;
  tasks(load: ModuleLoader, context?: SuiteContext): Promise<BenchTask[]>;
}

/**
 * How the tasks will be measured. Under "time" a task repeats its work until one call stands far above the timer's
 * resolution; under "instructions" every call is counted exactly, and a smaller call keeps valgrind's run short.
 */
export interface SuiteContext {
  metric: "time" | "instructions";
}

export function loaderFor(packageRoot: string): ModuleLoader {
  return <T>(path: string) => import(pathToFileURL(join(packageRoot, "dist", path)).href) as Promise<T>;
}

/** Every compiled suite of a build, in file-name order. */
export async function loadSuites(packageRoot: string): Promise<BenchSuite[]> {
  const { readdir } = await import("node:fs/promises");
  const dir = join(packageRoot, "dist", "bench-suites");
  const files = (await readdir(dir)).filter((f) => f.endsWith(".bench.js")).sort();
  const suites: BenchSuite[] = [];
  for (const file of files) {
    const mod: unknown = await import(pathToFileURL(join(dir, file)).href);
    const suite = isObject(mod) ? mod.default : undefined;
    if (!isBenchSuite(suite)) throw new Error(`${join(dir, file)}: its default export is no benchmark suite`);
    suites.push(suite);
  }
  return suites;
}

function isBenchSuite(value: unknown): value is BenchSuite {
  return isObject(value) && typeof value.name === "string" && typeof value.tasks === "function";
}

/** Every task of every suite, named "suite: task". */
export async function allTasks(
  suites: readonly BenchSuite[],
  load: ModuleLoader,
  context: SuiteContext = { metric: "time" },
): Promise<BenchTask[]> {
  const out: BenchTask[] = [];
  for (const suite of suites) {
    for (const task of await suite.tasks(load, context))
      out.push({ name: `${suite.name}: ${task.name}`, fn: task.fn });
  }
  return out;
}
