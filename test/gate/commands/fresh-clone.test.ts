import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { builtBin } from "../../cli.js";
import { tempDir } from "../../temp-dir.js";

const dir = tempDir("fresh-clone");
const root = resolve(import.meta.dirname, "../../..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  version: string;
  bin: Record<string, string>;
  scripts: Record<string, string>;
  allowScripts?: Record<string, boolean>;
};
const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")) as {
  packages: Record<string, { version?: string; hasInstallScript?: boolean }>;
};

/**
 * A clone as `npm ci` leaves it: this package.json, its node_modules, and dist/ built by the `prepare` script. npm links no bins of
 * the root package into node_modules/.bin, but `npx <bin>` finds them in the root's package.json, links the
 * package into its own cache and runs the bin from there. It only works when dist/ exists on the first call:
 * npx keeps the cached link, and a link made before the build has no bins. So `npm ci` must build.
 */
describe("npx runs the package's own bins from a clone", () => {
  it("npm ci builds: the prepare script runs the build", () => {
    expect(pkg.scripts.prepare).toBe("npm run build --silent");
  });

  it("every dependency with an install script is reviewed in allowScripts, so npm 11's ci prints no warning", () => {
    // npm 11 warns about each dependency whose install script allowScripts does not cover (and still runs it).
    const withScripts = Object.entries(lock.packages)
      .filter(([, entry]) => entry.hasInstallScript)
      .map(([path]) => path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length));
    expect(withScripts.length).toBeGreaterThan(0);
    for (const name of withScripts) expect(pkg.allowScripts?.[name], name).toBe(true);
  });

  it("npx nemesis-ctl and npx throughput-gate run the built CLIs", async () => {
    builtBin("ctl/main.cjs"); // fails with "run npm run build first" when there is nothing to run
    const clone = join(dir, "clone");
    const cache = join(dir, "npm-cache");
    mkdirSync(clone);
    writeFileSync(join(clone, "package.json"), JSON.stringify(pkg, null, 2));
    // A copy, not a link: npm links no bin whose file lies outside the package.
    cpSync(join(root, "dist"), join(clone, "dist"), { recursive: true });
    symlinkSync(join(root, "node_modules"), join(clone, "node_modules"));
    // Only what a user's shell has: the npm_* variables of the npm that runs this test would steer the inner npx.
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      npm_config_cache: cache, // a fresh npx cache, as on a new machine, and nothing left in the user's
      npm_config_update_notifier: "false",
      npm_config_audit: "false",
      npm_config_fund: "false",
      npm_config_yes: "true",
      // npx runs the package's prepare (the build) when it links it into its cache; this clone has dist/ already,
      // as `npm ci` leaves it, and no sources to build from.
      npm_config_ignore_scripts: "true",
    };
    const ctl = await execa("npx", ["nemesis-ctl", "--version"], {
      cwd: clone,
      env,
      extendEnv: false,
      reject: false,
    });
    expect(ctl.stderr).toBe("");
    expect(ctl.stdout).toBe(`nemesis-ctl ${pkg.version}`);
    const gate = await execa("npx", ["throughput-gate", "--help"], {
      cwd: clone,
      env,
      extendEnv: false,
      reject: false,
    });
    expect(gate.exitCode).toBe(0);
    expect(gate.stdout).toMatch(/^usage: throughput-gate <command>/);
    expect(Object.keys(pkg.bin).sort()).toEqual(["nemesis-ctl", "throughput-gate"]);
  }, 60_000);
});
