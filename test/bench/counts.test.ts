import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type BenchmarkCount,
  countsFromDumps,
  DEFAULT_COUNT_SETTINGS,
  judgeCounts,
  parseCallgrindDump,
  readCounts,
  WARMUP_DUMP,
} from "../../src/bench/index.js";
import { tempDir } from "../temp-dir.js";

const fixture = (name: string) => readFileSync(`fixtures/callgrind/${name}`, "utf8");
const count = (name: string, calls: number[]): BenchmarkCount =>
  countsFromDumps(calls.map((c, i) => ({ name: `${name}#${i + 1}`, instructions: c })))[0] as BenchmarkCount;

describe("parseCallgrindDump", () => {
  it("reads the client request's name and its totals from a real dump", () => {
    expect(parseCallgrindDump(fixture("dump-client-request.txt"))).toEqual({
      name: "projects/file_enrichment/tests/benchmarks/bench_basic_analysis.py::test_analysis_by_file_size[100]#1",
      instructions: 691542,
    });
  });

  it("ignores the dump written at program termination (its summary wraps around)", () => {
    expect(parseCallgrindDump(fixture("dump-program-end.txt"))).toBeNull();
  });

  it("refuses a client-request dump without a count, naming the benchmark", () => {
    expect(() => parseCallgrindDump("desc: Trigger: Client Request: b#1\nevents: Ir\n")).toThrow(
      /"b#1" has no totals/,
    );
  });
});

describe("countsFromDumps", () => {
  it("groups calls by benchmark in the order they ran; the median stands for them", () => {
    const counts = countsFromDumps([
      { name: "a::x#1", instructions: 100 },
      { name: "a::x#2", instructions: 102 },
      { name: "a::x#3", instructions: 101 },
      { name: "b#1#1", instructions: 50 },
    ]);
    expect(counts).toEqual([
      { name: "a::x", calls: [100, 102, 101], instructions: 101, spread: 2 / 101 },
      { name: "b#1", calls: [50], instructions: 50, spread: 0 },
    ]);
  });
});

describe("judgeCounts", () => {
  it("calls a count past the band regressed or improved, and within it unchanged", () => {
    const base = [
      count("slower", [1000, 1000, 1000]),
      count("same", [1000, 1001, 1000]),
      count("faster", [1000, 1000, 1000]),
    ];
    const cand = [
      count("slower", [1020, 1020, 1020]),
      count("same", [1005, 1005, 1005]),
      count("faster", [970, 970, 970]),
    ];
    const report = judgeCounts(base, cand);
    expect(report.benchmarks.map((b) => [b.name, b.verdict, b.metric])).toEqual([
      ["slower", "regressed", "instructions"],
      ["same", "unchanged", "instructions"],
      ["faster", "improved", "instructions"],
    ]);
    expect(report.benchmarks[0]?.ratio).toBeCloseTo(1.02, 10);
    expect(report.benchmarks[1]?.interval).toEqual([1005 / 1001, 1005 / 1000]);
    expect(report.unstable).toEqual([]);
  });

  it("flags a benchmark whose calls disagree as unstable_count, inconclusive, whatever its ratio", () => {
    const report = judgeCounts([count("clock", [1000, 1500, 800])], [count("clock", [1000, 1000, 1000])]);
    expect(report.benchmarks[0]).toMatchObject({ verdict: "inconclusive", flags: ["unstable_count"] });
    expect(report.unstable).toEqual(["clock"]);
  });

  it("names benchmarks only one side counted", () => {
    const report = judgeCounts([count("a", [1]), count("gone", [1])], [count("a", [1]), count("new", [1])]);
    expect(report.only_in_baseline).toEqual(["gone"]);
    expect(report.only_in_candidate).toEqual(["new"]);
    expect(report.benchmarks.map((b) => b.name)).toEqual(["a"]);
  });

  it("a band of 1% splits the ratio line exactly: regressed above 1.01, improved below 0.99, else unchanged", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_000_000, max: 1_000_000_000 }),
        fc.double({ min: 0.5, max: 1.5, noNaN: true }),
        (base, factor) => {
          const cand = Math.round(base * factor);
          const [row] = judgeCounts([count("b", [base])], [count("b", [cand])]).benchmarks;
          const ratio = cand / base;
          const band = DEFAULT_COUNT_SETTINGS.band;
          const expected = ratio > 1 + band ? "regressed" : ratio < 1 - band ? "improved" : "unchanged";
          expect(row?.verdict).toBe(expected);
        },
      ),
      { seed: 20261205, numRuns: 300 },
    );
  });

  it("judges the same counts the same way every time (no clock, no randomness)", () => {
    const base = [count("x", [123456789, 123456790, 123456788])];
    const cand = [count("x", [125000000, 125000001, 124999999])];
    expect(JSON.stringify(judgeCounts(base, cand))).toBe(JSON.stringify(judgeCounts(base, cand)));
  });
});

describe("readCounts", () => {
  const dir = tempDir("counts");

  it("drops the dry cycle's warm-up dump and keeps each benchmark's calls in dump order", () => {
    const real = fixture("dump-client-request.txt");
    const named = (name: string) =>
      real.replace(/^desc: Trigger: Client Request: .*$/m, `desc: Trigger: Client Request: ${name}`);
    writeFileSync(join(dir, "callgrind.out.1"), named(`${WARMUP_DUMP}#0`));
    writeFileSync(join(dir, "callgrind.out.2"), named("bench_a#1"));
    writeFileSync(join(dir, "callgrind.out.10"), named("bench_a#2"));
    expect(readCounts(dir)).toEqual([
      { name: "bench_a", calls: [691542, 691542], instructions: 691542, spread: 0 },
    ]);
  });
});
