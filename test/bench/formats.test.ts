import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import {
  compareFiles,
  compareInterleaved,
  DEFAULT_STATS,
  readBenchFile,
  showProgress,
} from "../../src/bench/index.js";
import { builtBin } from "../cli.js";
import { tempDir } from "../temp-dir.js";

const scratch = tempDir("formats-test");

const CLI = builtBin("gate/cli.js");
const F = "fixtures/formats";
const dir = mkdtempSync(join(scratch, "bench-inputs-"));
const bench = (...args: string[]) =>
  execa("node", [CLI, "bench", ...args], { reject: false, env: { CI: "true" } });

/** A result file of ours; with `processes` above 1, rounds from that many (synthetic) processes. */
function ours(name: string, cpu: string, scale = 1, processes = 3): string {
  const round = (base: number, p: number) =>
    Array.from(
      { length: 60 },
      (_, i) => base * scale * (1 + ((i * 7919) % 97) / 2000) * (1 + ((p * 37) % 5) / 500),
    );
  const rounds = (base: number) => Array.from({ length: processes }, (_, p) => round(base, p));
  const entry = (benchName: string, base: number) => ({
    name: benchName,
    unit: "ms",
    samples: rounds(base).flat(),
    ...(processes > 1 ? { rounds: rounds(base) } : {}),
    saturation: null,
  });
  const doc = {
    format: "throughput-gate-bench@1",
    name,
    environment: { node: "v20.20.2", cpu, cores: 2, os: "linux x64", tinybench: "6.2.4", timer: "hrtimeNow" },
    settings: { time_ms: 300 },
    benchmarks: [entry("a", 1), entry("b", 2)],
  };
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

describe("importers, on files made by the real tools", () => {
  it("reads pytest-benchmark --benchmark-json, with its raw data, in milliseconds", () => {
    const f = readBenchFile(`${F}/pytest-benchmark-json.json`);
    expect(f.format).toBe("pytest-benchmark");
    expect(f.entries.map((e) => e.name)).toEqual([
      "test_hot.py::test_json_roundtrip",
      "test_hot.py::test_sha256_64k",
    ]);
    const raw = JSON.parse(readFileSync(`${F}/pytest-benchmark-json.json`, "utf8"));
    expect(f.entries[0]?.samples?.length).toBe(raw.benchmarks[0].stats.rounds);
    expect(f.entries[0]?.summary.mean).toBeCloseTo(raw.benchmarks[0].stats.mean * 1000, 9);
  });

  it("reads a saved pytest-benchmark run, with and without --benchmark-save-data", () => {
    expect(readBenchFile(`${F}/pytest-benchmark-0001_baseline.json`).entries[0]?.samples).not.toBeNull();
    const nodata = readBenchFile(`${F}/pytest-benchmark-0003_nodata.json`);
    expect(nodata.entries[0]?.samples).toBeNull();
    expect(nodata.entries[0]?.summary.n).toBeGreaterThan(0);
  });

  it("reads tinybench's tasks, as made by tinybench itself", () => {
    const f = readBenchFile(`${F}/tinybench-tasks.json`);
    expect(f.format).toBe("tinybench");
    expect(f.entries.map((e) => e.name)).toEqual(["json roundtrip", "array sort"]);
    const raw = JSON.parse(readFileSync(`${F}/tinybench-tasks.json`, "utf8"));
    expect(f.entries[0]?.samples).toHaveLength(raw[0].result.latency.samples.length);
  });

  it("reads hyperfine --export-json", () => {
    const f = readBenchFile(`${F}/hyperfine-baseline.json`);
    expect(f.format).toBe("hyperfine");
    expect(f.entries.map((e) => e.name)).toEqual(["python3 -c pass", 'python3 -c "import json"']);
    expect(f.entries[0]?.samples).toHaveLength(12);
  });

  it.each([
    // One saved run a side: an interval from within one process, shown, but no verdict.
    [
      "pytest-benchmark-0001_baseline.json",
      "pytest-benchmark-0002_candidate.json",
      "bootstrap-medians",
      "inconclusive",
    ],
    [
      "pytest-benchmark-0001_baseline.json",
      "pytest-benchmark-0003_nodata.json",
      "welch-means",
      "inconclusive",
    ],
    // Every hyperfine time is a process of its own: enough processes for a verdict across them, on the same commands.
    ["hyperfine-baseline.json", "hyperfine-candidate.json", "across-processes", "unchanged"],
  ])("compares %s with %s", async (a, b, method, verdict) => {
    const r = await bench("compare", `${F}/${a}`, `${F}/${b}`, "--format", "json", "--inconclusive", "warn");
    expect(r.exitCode).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.benchmarks.length).toBeGreaterThan(0);
    for (const x of report.benchmarks) {
      expect(x).toMatchObject({ method, verdict });
      expect(x.interval[0]).toBeLessThanOrEqual(x.ratio);
      expect(x.interval[1]).toBeGreaterThanOrEqual(x.ratio);
      expect(x.samples.baseline).toBeGreaterThan(0);
    }
  });
});

describe("bench compare", () => {
  it("calls a 20% slowdown a regression and exits 1; the same result exits 0", async () => {
    const base = ours("base", "cpu-x");
    expect((await bench("compare", base, ours("same", "cpu-x"))).exitCode).toBe(0);
    const slow = await bench("compare", base, ours("slow", "cpu-x", 1.2), "--format", "json");
    expect(slow.exitCode).toBe(1);
    expect(JSON.parse(slow.stdout).benchmarks.map((b: { verdict: string }) => b.verdict)).toEqual([
      "regressed",
      "regressed",
    ]);
  });

  it("holds a verdict from single-process files at inconclusive: calls vary less than runs do", async () => {
    const a = ours("one-a", "cpu-x", 1, 1);
    const b = ours("one-b", "cpu-x", 1.2, 1);
    const r = await bench("compare", a, b, "--format", "json", "--inconclusive", "warn");
    const report = JSON.parse(r.stdout);
    expect(report.benchmarks.map((x: { verdict: string; flags: string[] }) => [x.verdict, x.flags])).toEqual([
      ["inconclusive", ["single_process"]],
      ["inconclusive", ["single_process"]],
    ]);
  });

  it("flags a baseline from another environment, and trusts it only when told to", async () => {
    const base = ours("other-env", "cpu-y");
    const cand = ours("this-env", "cpu-x", 1.2);
    const flagged = await bench("compare", base, cand, "--format", "json", "--inconclusive", "warn");
    const report = JSON.parse(flagged.stdout);
    expect(report.environment_mismatch).toEqual(["cpu"]);
    expect(
      report.benchmarks.every(
        (b: { verdict: string; flags: string[] }) =>
          b.verdict === "inconclusive" && b.flags.includes("environment_mismatch"),
      ),
    ).toBe(true);
    expect(flagged.exitCode).toBe(0);
    expect((await bench("compare", base, cand, "--inconclusive", "fail")).exitCode).toBe(1);
    const allowed = await bench("compare", base, cand, "--allow-env-mismatch", "--format", "json");
    expect(JSON.parse(allowed.stdout).benchmarks[0].verdict).toBe("regressed");
  });

  it("exports github-action-benchmark's custom format and Bencher's BMF", async () => {
    const base = ours("e1", "cpu-x");
    const cand = ours("e2", "cpu-x", 1.01);
    const gab = JSON.parse(
      (await bench("compare", base, cand, "--format", "github-action-benchmark")).stdout,
    );
    expect(gab[0]).toEqual({
      name: "a",
      unit: "ms",
      value: expect.any(Number),
      extra: expect.stringMatching(/^ratio 1\.0\d* \[/),
    });
    const bmf = JSON.parse((await bench("compare", base, cand, "--format", "bencher")).stdout);
    expect(Object.keys(bmf)).toEqual(["a", "b"]);
    expect(bmf.a.latency.lower_value).toBeLessThanOrEqual(bmf.a.latency.upper_value);
    expect(bmf.a.latency.value).toBeGreaterThan(1e5);
  });

  const bad = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  const good = () => ours("good", "cpu-x");

  it.each<[string, () => string, RegExp]>([
    ["an empty file", () => bad("empty.json", ""), /empty\.json: the file is empty/],
    [
      "a truncated file",
      () => bad("cut.json", '{"format": "throughput-gate-bench@1", "benchmarks": [{"na'),
      /cut\.json: not valid JSON, truncated or corrupt/,
    ],
    [
      "the wrong format",
      () => bad("other.json", '{"hello": "world"}'),
      /other\.json: not a benchmark result this tool reads/,
    ],
    [
      "NaN stats",
      () =>
        bad("nan.json", JSON.stringify({ results: [{ command: "x", mean: "NaN", stddev: 1, times: null }] })),
      /nan\.json: benchmark "x" has NaN or negative stats/,
    ],
    [
      "negative stats",
      () =>
        bad(
          "neg.json",
          JSON.stringify({ results: [{ command: "x", mean: 1, stddev: 0.1, times: [0.1, -0.2] }] }),
        ),
      /neg\.json: benchmark "x" has a zero, NaN, infinite or negative sample: timings must be positive and finite/,
    ],
    [
      "a zero timing, which would make any ratio infinite or zero",
      () =>
        bad(
          "zero-time.json",
          JSON.stringify({ results: [{ command: "x", mean: 1, stddev: 0.1, times: [0.1, 0] }] }),
        ),
      /zero-time\.json: benchmark "x" has a zero, NaN, infinite or negative sample/,
    ],
    ...(
      [
        ["empty rounds", []],
        ["a round that is a string", ["fast"]],
        ["a negative round time", [[0.2, -1]]],
        ["an empty round", [[]]],
      ] as const
    ).map(
      ([label, rounds]) =>
        [
          `our format with ${label}`,
          () =>
            bad(
              "rounds.json",
              JSON.stringify({
                format: "throughput-gate-bench@1",
                name: "x",
                environment: {},
                settings: { time_ms: 1 },
                benchmarks: [{ name: "x", unit: "ms", samples: [0.2, 0.3], rounds, saturation: null }],
              }),
            ),
          /rounds\.json: benchmark "x" has malformed rounds: each round must be a non-empty list of positive, finite timings/,
        ] as [string, () => string, RegExp],
    ),
    [
      "zero samples",
      () =>
        bad("zero.json", JSON.stringify({ results: [{ command: "x", mean: 1, stddev: 0.1, times: [] }] })),
      /zero\.json: benchmark "x" has zero samples/,
    ],
    [
      "duplicate names",
      () =>
        bad(
          "dup.json",
          JSON.stringify({
            results: [
              { command: "x", mean: 1, stddev: 0, times: [1] },
              { command: "x", mean: 1, stddev: 0, times: [1] },
            ],
          }),
        ),
      /dup\.json: duplicate benchmark name "x"/,
    ],
    [
      "a baseline that is not found",
      () => "no-such-baseline",
      /no-such-baseline: not found \(neither a file nor a baseline in gates\/bench\/baselines\/\)/,
    ],
  ])("refuses %s: exit 2, the file and the reason", async (_label, make, message) => {
    const r = await bench("compare", make(), good());
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});

describe("bench run", () => {
  it("shows progress only on a terminal outside CI", () => {
    expect(showProgress({ isTTY: true }, {})).toBe(true);
    expect(showProgress({ isTTY: true }, { CI: "true" })).toBe(false);
    expect(showProgress({ isTTY: false }, {})).toBe(false);
  });
});

describe("timer resolution", () => {
  it("holds a verdict at inconclusive when tinybench warned that its timer was too coarse", () => {
    const rounds = Array.from({ length: 6 }, () => ({ baseline: [1, 1, 1], candidate: [2, 2, 2] }));
    const report = compareInterleaved(
      [{ name: "tiny", rounds, saturation: "zero-dominated" }],
      DEFAULT_STATS,
    );
    expect(report.benchmarks[0]).toMatchObject({ verdict: "inconclusive", flags: ["timer_resolution"] });
    const clean = compareInterleaved([{ name: "tiny", rounds, saturation: null }], DEFAULT_STATS);
    expect(clean.benchmarks[0]?.verdict).toBe("regressed");
    expect(compareFiles).toBeTypeOf("function");
  });
});
