import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runToEnd, tail } from "./process.js";

/**
 * A throwaway npm install of `pkg@version` into its own folder under the cache, kept for reruns: the comparison
 * tools are never dependencies of the product. Returns the path of the installed `bin`, or why it failed.
 */
export async function throwawayInstall(
  cacheDir: string,
  pkg: string,
  version: string,
  bin: string,
): Promise<{ binPath: string } | { error: string }> {
  const dir = join(cacheDir, `${pkg.replace(/[@/]/g, "_")}-${version}`);
  const binPath = join(dir, "node_modules", ".bin", bin);
  if (existsSync(binPath)) return { binPath };
  mkdirSync(dir, { recursive: true });
  // Its own package.json stops npm from walking up into the project's.
  writeFileSync(join(dir, "package.json"), '{ "private": true }\n');
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const installed = await runToEnd(
    npm,
    ["install", "--no-save", "--no-audit", "--no-fund", "--prefix", dir, `${pkg}@${version}`],
    { cwd: dir, timeoutMs: 600_000 },
  );
  if (installed.exitCode !== 0 || !existsSync(binPath)) {
    return { error: `npm install ${pkg}@${version} exited ${installed.exitCode}: ${tail(installed.output)}` };
  }
  return { binPath };
}
