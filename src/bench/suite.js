import { join } from "node:path";
import { pathToFileURL } from "node:url";
export function loaderFor(packageRoot) {
  return (path) => import(pathToFileURL(join(packageRoot, "dist", path)).href);
}
/** Every compiled suite of a build, in file-name order. */
export async function loadSuites(packageRoot) {
  const { readdir } = await import("node:fs/promises");
  const dir = join(packageRoot, "dist", "bench-suites");
  const files = (await readdir(dir)).filter((f) => f.endsWith(".bench.js")).sort();
  const suites = [];
  for (const file of files) {
    const mod = await import(pathToFileURL(join(dir, file)).href);
    suites.push(mod.default);
  }
  return suites;
}
/** Every task of every suite, named "suite: task". */
export async function allTasks(suites, load) {
  const out = [];
  for (const suite of suites) {
    for (const task of await suite.tasks(load))
      out.push({ name: `${suite.name}: ${task.name}`, fn: task.fn });
  }
  return out;
}
