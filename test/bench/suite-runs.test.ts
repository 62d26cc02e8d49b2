import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  type CompareReport,
  confirmRegressions,
  measureSuite,
  needsConfirmation,
  type SuiteSpec,
} from "../../src/bench/index.js";
import { tempDir } from "../temp-dir.js";

/** A measuring command that writes a hyperfine result: 1 ms, times SLOWER when the environment sets it. */
const WRITER = [
  "const f = process.argv[1];",
  "const t = 0.001 * Number(process.env.SLOWER ?? 1) * (1 + (process.pid % 7) / 1000);",
  "require('node:fs').writeFileSync(f, JSON.stringify({ results: [{ command: 'work', mean: t, stddev: 0, times: [t] }] }));",
].join(" ");
const suite = (extra: Partial<SuiteSpec> = {}): SuiteSpec => ({
  id: "fake",
  command: [process.execPath, "-e", WRITER, "{out}"],
  format: "hyperfine",
  processes: 3,
  ...extra,
});
const root = process.cwd();
const dir = tempDir("suite-runs");

describe("a suite's command in separate processes", () => {
  it("alternates base and candidate processes, and applies candidate_env to the candidate only", async () => {
    const look = await measureSuite(suite({ candidate_env: { SLOWER: "2" } }), {
      roots: { baseline: root, candidate: root },
      outDir: join(dir, "alternate"),
    });
    expect(look.files.map((f) => f.side)).toEqual([
      "baseline",
      "candidate",
      "candidate",
      "baseline",
      "baseline",
      "candidate",
    ]);
    const time = (file: string) => JSON.parse(readFileSync(file, "utf8")).results[0].mean as number;
    for (const f of look.files) expect(time(f.file)).toBeCloseTo(f.side === "candidate" ? 0.002 : 0.001, 4);
    expect(look.baseline.files).toHaveLength(3);
  });

  it("reads the baseline from a saved history and runs only the candidate", async () => {
    const saved = "fixtures/formats/pytest-runs/Linux-CPython-3.11-64bit/0005_slow20.json";
    const copy = `require('node:fs').copyFileSync(${JSON.stringify(saved)}, process.argv[1])`;
    const look = await measureSuite(
      suite({
        format: "pytest-benchmark",
        command: [process.execPath, "-e", copy, "{out}"],
        history: { path: "fixtures/formats/pytest-runs", name: "aa-a", last: 4 },
      }),
      { roots: { baseline: null, candidate: root }, outDir: join(dir, "history") },
    );
    expect(look.files.map((f) => f.side)).toEqual(["candidate", "candidate", "candidate"]);
    expect(look.baseline.files.map((f) => f.file.split("/").at(-1))).toEqual([
      "0101_aa-a.json",
      "0110_aa-a.json",
      "0114_aa-a.json",
      "0118_aa-a.json",
    ]);
  });

  it("names the suite and the side when a process fails", async () => {
    const failing = suite({
      command: [process.execPath, "-e", "console.error('no such benchmark'); process.exit(3)"],
    });
    await expect(
      measureSuite(failing, { roots: { baseline: root, candidate: root }, outDir: join(dir, "fail") }),
    ).rejects.toThrow(/suite fake: the baseline process exited 3: no such benchmark/);
  });
});

describe("a second look before a regression counts", () => {
  const report = (verdict: string): CompareReport => ({
    method: "files",
    min_effect: 0.05,
    alpha: 0.01,
    environment_mismatch: [],
    benchmarks: [
      {
        name: "x",
        verdict: verdict as "regressed",
        ratio: 1.2,
        interval: [1.1, 1.3],
        p_regressed: 0,
        p_improved: 1,
        p_slower: 0,
        p_faster: 1,
        method: "across-processes",
        samples: { baseline: 5, candidate: 5 },
        flags: [],
        baseline_median_ms: 1,
        candidate_median_ms: 1.2,
      },
    ],
    only_in_baseline: [],
    only_in_candidate: [],
  });

  it("keeps a regression the second look repeats, and holds one it does not at inconclusive, unconfirmed", () => {
    expect(needsConfirmation(report("regressed"))).toBe(true);
    expect(needsConfirmation(report("unchanged"))).toBe(false);
    expect(confirmRegressions(report("regressed"), report("regressed")).benchmarks[0]?.verdict).toBe(
      "regressed",
    );
    const held = confirmRegressions(report("regressed"), report("unchanged")).benchmarks[0];
    expect(held?.verdict).toBe("inconclusive");
    expect(held?.flags).toContain("unconfirmed");
    // No room for a second look: nothing contradicted the regression, so it stands.
    const single = confirmRegressions(report("regressed"), null).benchmarks[0];
    expect(single?.verdict).toBe("regressed");
    expect(single?.flags).toEqual(["single_look"]);
  });
});
