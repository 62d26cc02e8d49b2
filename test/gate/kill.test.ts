import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import type { Bundle } from "../../src/evidence/index.js";
import { tempDir } from "../temp-dir.js";
import { CLI } from "./helpers.js";

const root = tempDir("gate-kill");
const out = join(root, "out");

/** Every file under `dir` with the sha256 of its bytes: equal only when the folder holds the very same files. */
function fingerprint(dir: string, prefix = ""): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) Object.assign(files, fingerprint(path, `${prefix}${name}/`));
    else files[`${prefix}${name}`] = createHash("sha256").update(readFileSync(path)).digest("hex");
  }
  return files;
}

const stagingFolders = () => readdirSync(root).filter((name) => name.startsWith(".out.gate-staging-"));

/** Resolves once `ready()` holds, polling; rejects when the process ends first or after `ms`. */
function waitFor(child: ChildProcess, ready: () => boolean, ms: number): Promise<void> {
  return new Promise((done, fail) => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (ready()) {
        clearInterval(timer);
        done();
      } else if (child.exitCode !== null || Date.now() - started > ms) {
        clearInterval(timer);
        fail(
          new Error(
            `the gate ${child.exitCode === null ? "took too long" : "ended"} before the staging folder filled`,
          ),
        );
      }
    }, 25);
  });
}

const gate = (...args: string[]) =>
  execa("node", [CLI, "run", "--out", out, ...args], { reject: false, env: { CI: "true" } });

describe("a gate run killed with SIGKILL", () => {
  it("leaves the previous run's folder as it was, and the next run removes what it staged", async () => {
    const previous = await gate("--only", "docs");
    expect(previous.exitCode).toBe(0);
    const before = fingerprint(out);
    expect(Object.keys(before)).toEqual(expect.arrayContaining(["bundle.json", "summary.md", "report.html"]));

    // A whole run, killed (with its children: its own process group) once a step has written into staging.
    const child = spawn(process.execPath, [CLI, "run", "--quick", "--out", out], {
      detached: true,
      stdio: "ignore",
      env: { ...process.env, CI: "true" },
    });
    const exited = new Promise((done) => child.once("exit", done));
    try {
      await waitFor(child, () => stagingFolders().some((s) => readdirSync(join(root, s)).length > 0), 60_000);
    } finally {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGKILL");
      await exited;
    }
    expect(child.signalCode).toBe("SIGKILL");

    // The previous run, every file of it and nothing else, or no folder at all.
    if (existsSync(out)) expect(fingerprint(out)).toEqual(before);
    expect(stagingFolders()).toHaveLength(1);

    const next = await gate("--only", "docs");
    expect(next.exitCode).toBe(0);
    expect(stagingFolders()).toEqual([]);
    expect(readdirSync(root)).toEqual(["out"]);
    const bundle = JSON.parse(readFileSync(join(out, "bundle.json"), "utf8")) as Bundle;
    expect(bundle.deterministic.verdict.result).toBe("partial");
  }, 120_000);
});
