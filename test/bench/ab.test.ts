import { describe, expect, it } from "vitest";
import { BenchInputError, DEFAULT_STATS, prepareBaseline, runAb } from "../../src/bench/index.js";

describe("bench ab: baseline and candidate interleaved in one process", () => {
  it("finds an injected 40% slowdown in one task, and calls the untouched ones unchanged", async () => {
    const report = await runAb({
      repoRoot: process.cwd(),
      baselineRef: "HEAD",
      rounds: 6,
      roundTimeMs: 40,
      budgetSeconds: 10,
      stats: DEFAULT_STATS,
      slowdown: { task: "policy: status derivation", factor: 1.4 },
    });
    const verdicts = Object.fromEntries(report.benchmarks.map((b) => [b.name, b.verdict]));
    expect(verdicts["policy: status derivation"]).toBe("regressed");
    expect(report.benchmarks.find((b) => b.name === "policy: status derivation")?.ratio).toBeGreaterThan(1.2);
    expect(Object.values(verdicts).filter((v) => v === "regressed")).toHaveLength(1);
    expect(report.baseline_sha).toMatch(/^[0-9a-f]{40}$/);
  }, 60_000);

  it("refuses a ref that matches no commit", () => {
    expect(() => prepareBaseline(process.cwd(), "no-such-ref-xyz")).toThrow(BenchInputError);
    expect(() => prepareBaseline(process.cwd(), "no-such-ref-xyz")).toThrow(
      /baseline ref "no-such-ref-xyz" matches no commit/,
    );
  });
});
