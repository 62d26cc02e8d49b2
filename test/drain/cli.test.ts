import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { builtBin } from "../cli.js";
import { tempDir } from "../temp-dir.js";

const scratch = tempDir("drain-cli-test");

const CLI = builtBin("gate/cli.js");
const dir = mkdtempSync(join(scratch, "profiles-"));
const base = JSON.parse(readFileSync("fixtures/profiles/idle.json", "utf8"));

// biome-ignore lint/suspicious/noExplicitAny: the tests edit arbitrary profile JSON
type Json = Record<string, any>;

function writeProfile(name: string, edit: (p: Json) => void): string {
  const p = structuredClone(base);
  edit(p);
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(p));
  return file;
}

const drain = (...args: string[]) => execa("node", [CLI, "drain", ...args], { reject: false });

describe("throughput-gate drain", () => {
  it("prints a table and the trace digest", async () => {
    const r = await drain("--profile", "fixtures/profiles/idle.json", "--preset", "aggressive");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^profile idle \(seed 20260104\), twin\nPOLICY +DRAIN s/);
    expect(r.stdout).toMatch(/^aggressive: trace [0-9a-f]{64}$/m);
  });

  it("--compare runs the policy off and every preset, and --json gives every KPI", async () => {
    const r = await drain("--profile", "fixtures/profiles/idle.json", "--compare", "--json");
    const runs = JSON.parse(r.stdout).runs;
    expect(runs.map((x: { policy: string }) => x.policy)).toEqual([
      "off",
      "conservative",
      "balanced",
      "aggressive",
    ]);
    expect(Object.keys(runs[0].kpis)).toEqual([
      "drain_seconds",
      "jobs",
      "wait_seconds",
      "peak_depth",
      "throughput_per_second",
      "max_starvation_seconds",
      "seconds_at_level",
      "policy_activations",
    ]);
  });

  it.each([
    [
      "negative-rate",
      (p: Json) => (p.arrivals[0].rate_per_second = -1),
      /\$\.arrivals\[0\]\.rate_per_second: must be > 0/,
    ],
    [
      "unknown-class",
      (p: Json) => (p.service_time.gpu = { distribution: "constant", seconds: 1 }),
      /\$\.service_time\.gpu: unknown class "gpu"/,
    ],
    [
      "unknown-queue",
      (p: Json) => (p.arrivals[0].queue = "dotnet_input"),
      /\$\.arrivals\[0\]\.queue: unknown queue "dotnet_input"/,
    ],
    ["missing-seed", (p: Json) => delete p.seed, /\$: missing "seed"/],
    [
      "bad-distribution",
      (p: Json) => (p.service_time.expensive.cv = 0),
      /\$\.service_time\.expensive\.cv: must be > 0/,
    ],
    [
      "unknown-distribution",
      (p: Json) => (p.service_time.expensive = { distribution: "pareto", alpha: 2 }),
      /\$\.service_time\.expensive\.distribution: must be equal to one of the allowed values/,
    ],
    ["zero-workers", (p: Json) => (p.workers.new_file = 0), /\$\.workers\.new_file: must be >= 1/],
  ])("refuses a profile with %s: exit 2, the file and the JSON path", async (name, edit, message) => {
    const file = writeProfile(name, edit);
    const r = await drain("--profile", file);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(file);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it.each([
    [["--profile", "fixtures/profiles/idle.json", "--preset", "turbo"], /unknown preset "turbo"/],
    [
      ["--profile", "fixtures/profiles/idle.json", "--preset", "balanced", "--policy-off"],
      /use either --preset or --(policy-off|compare), not both/,
    ],
    [["--preset", "balanced"], /"drain" needs --profile FILE/],
    [["--profile", "fixtures/profiles/absent.json"], /absent\.json: cannot read file \(ENOENT\)/],
  ])("refuses %j with exit 2", async (args, message) => {
    const r = await drain(...args);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it("an API it cannot reach is a DrainError: exit 2 and one line naming the address", async () => {
    const r = await drain("--profile", "fixtures/profiles/idle.json", "--api-url", "http://127.0.0.1:1/api");
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^throughput-gate: cannot reach http:\/\/127\.0\.0\.1:1/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});
