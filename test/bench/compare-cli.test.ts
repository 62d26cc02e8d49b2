import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { builtBin } from "../cli.js";
import { tempDir } from "../temp-dir.js";

const CLI = builtBin("gate/cli.js");
/** 120 real pytest-benchmark runs: aa-a and aa-b the same code, slowN one benchmark N% slower. */
const RUNS = "fixtures/formats/pytest-runs/Linux-CPython-3.11-64bit";
const compare = (...args: string[]) =>
  execa("node", [CLI, "bench", "compare", ...args], { reject: false, env: { CI: "true" } });
const changed = "bench_basic_analysis.py::test_hash_64k";
const elsewhere = tempDir("compare-elsewhere");

interface Report {
  location: string;
  benchmarks: { name: string; verdict: string; processes: { baseline: number; candidate: number } }[];
}

describe("bench compare with several runs per side", () => {
  it("calls a +20% benchmark regressed from five saved runs a side, and exits 1", async () => {
    const r = await compare(
      "--baseline",
      `${RUNS}/0001_aa-a.json`,
      `${RUNS}/0010_aa-a.json`,
      `${RUNS}/0014_aa-a.json`,
      `${RUNS}/0018_aa-a.json`,
      `${RUNS}/0022_aa-a.json`,
      "--candidate",
      `${RUNS}/000[5-9]_slow20.json`,
      `${RUNS}/001[0-9]_slow20.json`,
      "--format",
      "json",
    );
    expect(r.exitCode).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    const hash = report.benchmarks.find((b) => b.name === changed);
    expect(hash?.verdict).toBe("regressed");
    expect(hash?.processes.baseline).toBe(5);
    expect(report.location).toBe("min");
    for (const b of report.benchmarks.filter((x) => x.name !== changed))
      expect(b.verdict).not.toBe("regressed");
  });

  it("takes a pytest-benchmark storage folder with --baseline-name and --baseline-last as a history", async () => {
    const r = await compare(
      "--baseline",
      "fixtures/formats/pytest-runs",
      "--baseline-name",
      "aa-a",
      "--baseline-last",
      "10",
      "--candidate",
      RUNS,
      "--candidate-name",
      "slow20",
      "--format",
      "json",
    );
    const report = JSON.parse(r.stdout) as Report;
    expect(report.benchmarks.find((b) => b.name === changed)?.processes).toEqual({
      baseline: 10,
      candidate: 24,
    });
    expect(r.exitCode).toBe(1);
  });

  it("never calls the same code regressed, and says how many runs would settle what it cannot", async () => {
    const r = await compare(
      "--baseline",
      RUNS,
      "--baseline-name",
      "aa-a",
      "--candidate",
      RUNS,
      "--candidate-name",
      "aa-b",
      "--inconclusive",
      "warn",
    );
    expect(r.exitCode).toBe(0);
    expect(r.stdout).not.toMatch(/\]\s+regressed/);
    expect(r.stdout).toMatch(/^PASS: nothing regressed/m);
    expect(r.stdout).toMatch(/runs per side that would settle it: .*test_magic_sniff: /);
  });

  it("holds one run per side at inconclusive, exits 1 by default wherever it runs, and says so", async () => {
    // A folder whose gate config says "warn" must not change the command's default.
    mkdirSync(join(elsewhere, "gates"));
    writeFileSync(
      join(elsewhere, "gates", "gate.config.json"),
      JSON.stringify({ benchmark: { inconclusive: "warn" } }),
    );
    const files = [`${RUNS}/0001_aa-a.json`, `${RUNS}/0005_slow20.json`].map((f) => resolve(f));
    for (const cwd of [process.cwd(), elsewhere]) {
      const r = await execa("node", [CLI, "bench", "compare", ...files], {
        reject: false,
        cwd,
        env: { CI: "true" },
      });
      expect(r.exitCode).toBe(1);
      expect(r.stdout).toMatch(/inconclusive with 1 run\(s\) per side; .*at least 3/);
    }
  });

  it.each([
    [["--baseline", `${RUNS}/*.xml`, "--candidate", RUNS], /the pattern matches no file/],
    [["--baseline", RUNS, "--baseline-name", "nope", "--candidate", RUNS], /no saved run is named "nope"/],
    [
      ["--baseline", RUNS, "fixtures/formats/hyperfine-baseline.json", "--candidate", RUNS],
      /mixes result formats/,
    ],
    [["--baseline", RUNS], /--baseline and --candidate go together/],
    [[`${RUNS}/0001_aa-a.json`, "--candidate", RUNS], /not both/],
    [
      ["fixtures/formats/hyperfine-baseline.json", `${RUNS}/0001_aa-a.json`],
      /share no benchmark name.*closest in the baseline/,
    ],
  ])("refuses %j with one line and exit 2", async (args, message) => {
    const r = await compare(...args);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});

describe("bench compare says its verdict, and warns of runs made in two blocks", () => {
  const early = ["0001_aa-a", "0010_aa-a", "0014_aa-a"].map((f) => `${RUNS}/${f}.json`);
  const late = ["0102_aa-b", "0106_aa-b", "0115_aa-b"].map((f) => `${RUNS}/${f}.json`);
  const mixed = ["0002_aa-b", "0102_aa-b", "0119_aa-b"].map((f) => `${RUNS}/${f}.json`);

  it("ends with the reason for its exit code: FAIL with N regressed", async () => {
    const r = await compare("--baseline", ...early, "--candidate", `${RUNS}/00[0-2]?_slow20.json`);
    expect(r.exitCode).toBe(1);
    expect(r.stdout.trim().split("\n").at(-1)).toMatch(/^FAIL: 1 regressed \(3 benchmarks: 1 regressed, /);
  });

  it("under --inconclusive fail an inconclusive exits 1 and says so; under warn it exits 0 and says so", async () => {
    const fail = await compare("--baseline", early[0] as string, "--candidate", late[0] as string);
    expect(fail.exitCode).toBe(1);
    expect(fail.stdout.trim().split("\n").at(-1)).toBe(
      "FAIL: 3 inconclusive under --inconclusive fail (3 benchmarks: 3 inconclusive)",
    );
    const warn = await compare(
      "--baseline",
      early[0] as string,
      "--candidate",
      late[0] as string,
      "--inconclusive",
      "warn",
    );
    expect(warn.exitCode).toBe(0);
    expect(warn.stdout.trim().split("\n").at(-1)).toBe(
      "PASS: nothing regressed; 3 inconclusive, allowed by --inconclusive warn (3 benchmarks: 3 inconclusive)",
    );
  });

  it("keeps a machine-readable stdout to itself: the verdict line goes to stderr", async () => {
    const r = await compare(
      "--baseline",
      ...early,
      "--candidate",
      ...mixed,
      "--format",
      "json",
      "--inconclusive",
      "warn",
    );
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    expect(r.stderr).toMatch(/^PASS: nothing regressed/);
  });

  it("warns when every baseline run came before every candidate run, and not when they overlap", async () => {
    const blocks = await compare("--baseline", ...early, "--candidate", ...late, "--inconclusive", "warn");
    expect(blocks.stdout).toMatch(
      /^warning: the baseline runs \(2026-\S+Z to 2026-\S+Z\) all came before the candidate runs \(2026-\S+Z to 2026-\S+Z\): a shift in the machine's speed between the two blocks reads as a change; interleave them/m,
    );
    const interleaved = await compare(
      "--baseline",
      ...early,
      "--candidate",
      ...mixed,
      "--inconclusive",
      "warn",
    );
    expect(interleaved.stdout).not.toMatch(/warning: the/);
  });
});
