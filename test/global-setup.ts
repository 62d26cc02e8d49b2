import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";

/** What the build reads: when any of it is newer than the last build, the CLIs under test would be stale. */
export const BUILD_INPUTS = ["src", "gates/bench", "gates/build", "tsconfig.json", "tsconfig.build.json"];
/** The compiler rewrites it on every build that changes anything. */
export const BUILD_STAMP = "dist/.tsbuildinfo";

function newestChange(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestChange(join(path, name))), 0);
}

/** True when there is no build under `root`, or something the build reads changed after it. */
export function buildIsStale(root: string): boolean {
  const built = statSync(join(root, BUILD_STAMP), { throwIfNoEntry: false })?.mtimeMs ?? -1;
  return BUILD_INPUTS.some((input) => newestChange(join(root, input)) > built);
}

/** The CLI tests run the built CLIs as users do; this makes sure they run a build of the current source. */
export async function setup(): Promise<void> {
  if (!buildIsStale(process.cwd())) return;
  console.log("the build is older than the source: npm run build");
  await execa("npm", ["run", "build", "--silent"], { stdio: "inherit" });
}
