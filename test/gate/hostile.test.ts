import { lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { beforeAll, describe, expect, it } from "vitest";
import type { GateConfig, KpiSpec } from "../../src/gate/config.js";
import { builtBin } from "../cli.js";
import { tempDir } from "../temp-dir.js";

const GATE = builtBin("gate/cli.js");
const CTL = builtBin("ctl/main.js");
const scratch = tempDir("gate-hostile");

const fifo = join(scratch, "fifo");
const devNull = join(scratch, "dev-null");
const folder = join(scratch, "folder");
const folderLink = join(scratch, "folder-link");

/** A gate config like the default one, with `change` applied, written to the scratch folder. */
function config(name: string, change: (c: GateConfig) => void): string {
  const c = JSON.parse(readFileSync("gates/gate.config.json", "utf8")) as GateConfig & { $schema?: string };
  delete c.$schema;
  change(c);
  const file = join(scratch, name);
  writeFileSync(file, JSON.stringify(c));
  return file;
}

const kpi = (c: GateConfig, i: number, change: Partial<KpiSpec>) => {
  c.kpis[i] = { ...(c.kpis[i] as KpiSpec), ...change };
};

beforeAll(async () => {
  await execa("mkfifo", [fifo]);
  symlinkSync("/dev/null", devNull);
  mkdirSync(folder);
  symlinkSync(folder, folderLink);
});

async function run(bin: string, args: string[]) {
  const r = await execa("node", [bin, ...args], {
    reject: false,
    timeout: 20_000,
    env: { NEMESIS_API_URL: "http://127.0.0.1:9/api", NO_COLOR: "1" },
  });
  return { exitCode: r.exitCode, stderr: String(r.stderr), stdout: String(r.stdout) };
}

/** [what, which CLI, its arguments, the one line it must print]: each exits 2, one line, no stack trace. */
const rows: [string, string, () => string[], RegExp][] = [
  [
    "snapshot --out a FIFO",
    CTL,
    () => ["throughput", "snapshot", "--out", fifo],
    /fifo: refusing to write over a FIFO/,
  ],
  [
    "snapshot --out a link to /dev/null",
    CTL,
    () => ["throughput", "snapshot", "--out", devNull],
    /dev-null: refusing to write over a symbolic link/,
  ],
  [
    "snapshot --out a folder",
    CTL,
    () => ["throughput", "snapshot", "--out", folder],
    /folder: refusing to write over a directory/,
  ],
  [
    "run --out a FIFO",
    GATE,
    () => ["run", "--only", "docs", "--out", fifo],
    /fifo: refusing to replace a FIFO; give the path of a folder/,
  ],
  [
    "run --out a link to a folder",
    GATE,
    () => ["run", "--only", "docs", "--out", folderLink],
    /folder-link: refusing to replace a symbolic link/,
  ],
  [
    "evidence verify of /dev/zero",
    GATE,
    () => ["evidence", "verify", "/dev/zero"],
    /\/dev\/zero: cannot read the bundle \(a character device, not a regular file\)/,
  ],
  [
    "evidence verify of a FIFO",
    GATE,
    () => ["evidence", "verify", fifo],
    /fifo: cannot read the bundle \(a FIFO, not a regular file\)/,
  ],
  [
    "--config /dev/zero",
    GATE,
    () => ["run", "--config", "/dev/zero"],
    /cannot read the gate config \(a character/,
  ],
  [
    "a profile that is a folder",
    GATE,
    () => ["run", "--config", config("profile-folder.json", (c) => c.profiles.push(folder))],
    /folder: cannot read the profile \(a directory, not a regular file\)/,
  ],
  [
    "a profile that is /dev/zero",
    GATE,
    () => ["run", "--config", config("profile-zero.json", (c) => c.profiles.push("/dev/zero"))],
    /\/dev\/zero: cannot read the profile \(a character device, not a regular file\)/,
  ],
  [
    "a KPI on an unknown profile",
    GATE,
    () => ["run", "--config", config("kpi-profile.json", (c) => kpi(c, 0, { profile: "no-such-profile" }))],
    /\/kpis\/0 \(burst\.expensive_starvation\): profile "no-such-profile" is not among the config's profiles/,
  ],
  [
    "a KPI on an unknown metric",
    GATE,
    () => ["run", "--config", config("kpi-metric.json", (c) => kpi(c, 1, { metric: "drain_secs" }))],
    /\/kpis\/1 \(burst\.drain\): metric "drain_secs" is unknown: "drain_secs" is not a drain KPI/,
  ],
  [
    "a KPI on a malformed wait metric",
    GATE,
    () => [
      "run",
      "--config",
      config("kpi-p97.json", (c) => kpi(c, 2, { metric: "wait_seconds.baseline.p97" })),
    ],
    /\/kpis\/2 \(burst\.baseline_p95\): metric "wait_seconds\.baseline\.p97" is unknown: "p97" is not one of/,
  ],
];

describe("hostile paths and configs: exit 2, one line naming the cause, no stack trace", () => {
  it.each(rows)("%s", async (_, bin, args, message) => {
    const r = await run(bin, args());
    expect(r.exitCode).toBe(2);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("leaves the refused targets as they were", () => {
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(lstatSync(devNull).isSymbolicLink()).toBe(true);
    expect(lstatSync(folderLink).isSymbolicLink()).toBe(true);
    expect(lstatSync("/dev/null").isCharacterDevice()).toBe(true);
  });
});
