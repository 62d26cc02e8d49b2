import { mkdtempSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import type { Bundle } from "../../src/evidence/index.js";
import { builtBin } from "../cli.js";
import { tempDir } from "../temp-dir.js";

export const CLI = builtBin("gate/cli.js");
/** Every run's evidence goes under one folder per test file, removed when the file's tests end. */
const outRoot = tempDir("gate-out");

/** Runs `throughput-gate run` as a subprocess into a fresh output folder; returns its exit, output and bundle. */
export async function gate(args: string[], env: Record<string, string> = {}) {
  const out = mkdtempSync(join(outRoot, "run-"));
  const r = await execa("node", [CLI, "run", "--out", out, ...args], {
    reject: false,
    env: { CI: "true", ...env },
  });
  let bundle: Bundle | null = null;
  try {
    bundle = JSON.parse(readFileSync(join(out, "bundle.json"), "utf8")) as Bundle;
  } catch {
    bundle = null;
  }
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr), out, bundle };
}
