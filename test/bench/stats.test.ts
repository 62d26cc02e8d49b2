import { mkdirSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  bootstrapMedians,
  DEFAULT_STATS,
  decide,
  holm,
  pairedRounds,
  welchMeans,
} from "../../src/bench/stats.js";
import { type NoiseModel, pytestMeanRuleFails, trial } from "./synthetic.js";

const TRIALS = 1000;
const MODELS: NoiseModel[] = ["lognormal-3cv", "outlier-bursts", "slow-drift"];

function verdictOf(t: ReturnType<typeof trial>, seed: number) {
  const opts = { ...DEFAULT_STATS, seed };
  const estimate = pairedRounds(t.rounds, opts);
  return decide([{ ...estimate, name: "x", samples: { baseline: 400, candidate: 400 } }], opts)[0]?.verdict;
}

describe("statistical self-test: seeded synthetic samples, 1,000 trials per row", () => {
  const table: Record<string, unknown>[] = [];

  it.each(MODELS)(
    "%s: A/A false positives at most 1%, a 10% slowdown found at least 95% of the time",
    (model) => {
      let falsePositives = 0;
      let detected = 0;
      let pytestFalse = 0;
      let pytestDetected = 0;
      for (let i = 0; i < TRIALS; i++) {
        const same = trial(1_000_000 + i, model, 1.0);
        const slower = trial(2_000_000 + i, model, 1.1);
        const v = verdictOf(same, i);
        if (v === "regressed" || v === "improved") falsePositives += 1;
        if (verdictOf(slower, i) === "regressed") detected += 1;
        if (pytestMeanRuleFails(same)) pytestFalse += 1;
        if (pytestMeanRuleFails(slower)) pytestDetected += 1;
      }
      table.push({
        model,
        trials: TRIALS,
        aa_false_positive_rate: falsePositives / TRIALS,
        slowdown_10pct_detection_rate: detected / TRIALS,
        pytest_mean_5pct_aa_false_alarm_rate: pytestFalse / TRIALS,
        pytest_mean_5pct_detection_rate: pytestDetected / TRIALS,
      });
      expect(falsePositives / TRIALS).toBeLessThanOrEqual(0.01);
      expect(detected / TRIALS).toBeGreaterThanOrEqual(0.95);
    },
  );

  it("writes the table for docs/benchmarks.md", () => {
    mkdirSync("evidence/out", { recursive: true });
    writeFileSync("evidence/out/bench-selftest.json", `${JSON.stringify(table, null, 2)}\n`);
    expect(table).toHaveLength(MODELS.length);
  });
});

describe("statistics", () => {
  it("gives the same answer for the same samples", () => {
    const t = trial(7, "outlier-bursts", 1.03);
    expect(pairedRounds(t.rounds, DEFAULT_STATS)).toEqual(pairedRounds(t.rounds, DEFAULT_STATS));
  });

  it("Holm rejects step-down", () => {
    expect(holm([0.01, 0.04, 0.03, 0.005], 0.05)).toEqual([true, false, false, true]);
    expect(holm([0.001, 0.012, 0.02], 0.05)).toEqual([true, true, true]);
  });

  it("holds back a verdict that a flag taints", () => {
    const e = pairedRounds(trial(3, "lognormal-3cv", 1.3).rounds, DEFAULT_STATS);
    const [flagged] = decide(
      [{ ...e, name: "x", samples: { baseline: 1, candidate: 1 }, flags: ["timer_resolution"] }],
      DEFAULT_STATS,
    );
    expect(flagged?.verdict).toBe("inconclusive");
  });

  it("needs Holm's correction before it calls a regression among many benchmarks", () => {
    const estimates = Array.from({ length: 20 }, (_, i) => ({
      ...pairedRounds(trial(100 + i, "outlier-bursts", 1.0, 4, 10).rounds, DEFAULT_STATS),
      name: `b${i}`,
      samples: { baseline: 40, candidate: 40 },
    }));
    expect(
      decide(estimates, DEFAULT_STATS).filter((c) => c.verdict === "regressed" || c.verdict === "improved"),
    ).toEqual([]);
  });

  it("compares unpaired sample sets and bare summaries", () => {
    const a = trial(11, "lognormal-3cv", 1).rounds.flatMap((r) => r.baseline);
    const b = trial(12, "lognormal-3cv", 1.2).rounds.flatMap((r) => r.candidate);
    const byMedian = bootstrapMedians(a, b, DEFAULT_STATS);
    expect(byMedian.ratio).toBeCloseTo(1.2, 1);
    expect(byMedian.interval[0]).toBeGreaterThan(1.15);
    const bySummary = welchMeans({ mean: 10, sd: 0.3, n: 100 }, { mean: 12, sd: 0.4, n: 100 }, DEFAULT_STATS);
    expect(bySummary.ratio).toBeCloseTo(1.2, 5);
    expect(bySummary.interval[0]).toBeGreaterThan(1.18);
    expect(bySummary.p_regressed).toBeLessThan(0.001);
  });
});
