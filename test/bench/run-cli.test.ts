import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { builtBin } from "../cli.js";
import { tempDir } from "../temp-dir.js";

const CLI = builtBin("gate/cli.js");
const dir = tempDir("bench-run-cli");

// A real measurement in two processes, twenty seconds: it runs with the end-to-end tests.
describe("bench run", () => {
  it("writes results, raw samples and the environment fingerprint; silent progress when CI=true", async () => {
    const out = join(dir, "run.json");
    // Its own temp folder, so that what the run leaves there can be seen: nothing.
    const tmp = mkdtempSync(join(dir, "tmp-"));
    const r = await execa("node", [CLI, "bench", "run", "--time", "20", "--processes", "2", "--out", out], {
      reject: false,
      env: { CI: "true", TMPDIR: tmp },
    });
    expect(r.exitCode).toBe(0);
    expect(readdirSync(tmp)).toEqual([]);
    expect(r.stderr).toBe("");
    const doc = JSON.parse(readFileSync(out, "utf8"));
    expect(doc.environment).toEqual({
      node: process.version,
      cpu: expect.any(String),
      cores: expect.any(Number),
      os: expect.any(String),
      tinybench: "6.2.4",
      timer: expect.any(String),
    });
    // When it measured, so a compare can warn of sides run in two blocks.
    expect(Date.parse(doc.measured_at)).toBeGreaterThan(Date.parse("2026-01-01T00:00:00Z"));
    expect(doc.benchmarks.map((b: { name: string }) => b.name)).toContain("policy: status derivation");
    expect(doc.benchmarks[0].samples.length).toBeGreaterThan(0);
    expect(doc.benchmarks[0].rounds).toHaveLength(2);
    expect(doc.benchmarks[0].rounds.flat()).toEqual(doc.benchmarks[0].samples);
  });
});
