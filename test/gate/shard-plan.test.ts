import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sliceOf } from "../../src/bench/index.js";
import { loadGateConfig } from "../../src/gate/config.js";
import { assignUnits, parseShard, unitsOf, workUnits } from "../../src/gate/shard.js";

const config = loadGateConfig("gates/gate.config.json");
const pytest = loadGateConfig("gates/examples/pytest-benchmark.config.json");

describe("parseShard", () => {
  it.each([
    ["1/1", { index: 1, count: 1 }],
    ["2/4", { index: 2, count: 4 }],
    [" 32/32 ", { index: 32, count: 32 }],
  ])("reads %s", (text, spec) => expect(parseShard(text)).toEqual(spec));

  it.each([
    ["0/3", /1 ≤ I ≤ N/],
    ["4/3", /1 ≤ I ≤ N/],
    ["1/0", /1 ≤ I ≤ N/],
    ["a/b", /takes I\/N/],
    ["1/2/3", /takes I\/N/],
    ["33/33", /at most 32 shards/],
  ])("refuses %s in one line", (text, message) => {
    expect(() => parseShard(text)).toThrow(message);
  });
});

describe("the work units and their shards", () => {
  it("an unsharded run's units: the whole steps, one slice of each counted suite, then each profile", () => {
    expect(workUnits(config, false, 1).map((u) => u.id)).toEqual([
      "suites",
      "controls",
      "conformance",
      "docs",
      "benchmark:throughput-gate#1/1",
      "queue-drain:fixtures/profiles/bulk-upload-burst.json",
      "queue-drain:fixtures/profiles/steady-mixed.json",
    ]);
    // --quick drains the quick profiles only.
    expect(workUnits(config, true, 1).filter((u) => u.step === "queue-drain")).toHaveLength(1);
  });

  it("for any number of shards, every unit runs on exactly one shard, and each shard counts its own slice", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 32 }), fc.boolean(), fc.boolean(), (count, quick, python) => {
        const c = python ? pytest : config;
        const all = workUnits(c, quick, count).map((u) => u.id);
        const perShard = Array.from({ length: count }, (_, i) =>
          unitsOf(c, quick, { index: i + 1, count }).map((u) => u.id),
        );
        expect(perShard.flat().sort()).toEqual([...all].sort());
        for (const [i, units] of perShard.entries())
          expect(units).toContain(`benchmark:${c.benchmark.suites[0]?.id}#${i + 1}/${count}`);
      }),
      { seed: 20260101, numRuns: 200 },
    );
  });

  it("spreads the whole units round the shards in run order", () => {
    const shardOf = new Map(assignUnits(config, false, 2).map((a) => [a.unit.id, a.shard]));
    expect([...shardOf].filter(([id]) => !id.startsWith("benchmark:"))).toEqual([
      ["suites", 1],
      ["controls", 2],
      ["conformance", 1],
      ["docs", 2],
      ["queue-drain:fixtures/profiles/bulk-upload-burst.json", 1],
      ["queue-drain:fixtures/profiles/steady-mixed.json", 2],
    ]);
  });
});

describe("sliceOf", () => {
  it("puts a name in the same slice every time, from the name alone, in 1..count", () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 32 }), (name, count) => {
        const slice = sliceOf(name, count);
        expect(slice).toBeGreaterThanOrEqual(1);
        expect(slice).toBeLessThanOrEqual(count);
        expect(sliceOf(name, count)).toBe(slice);
        expect(sliceOf(name, 1)).toBe(1);
      }),
      { seed: 20260101, numRuns: 500 },
    );
  });

  it("is sha256 of the name, first four bytes big-endian, modulo the count: the pytest plugin's formula", () => {
    // Pinned from Python's hashlib, as the plugin computes it: int.from_bytes(sha256(name)[:4], "big") % 7 + 1.
    const names = [
      "tests/bench_basic_analysis.py::test_hash_64k",
      "policy: status derivation",
      "a",
      "test_magic_sniff[100]",
      "",
    ];
    expect(names.map((n) => sliceOf(n, 7))).toEqual([4, 6, 3, 6, 2]);
  });
});
