import { DEFAULT_STATS, decide, pairedRounds, type Verdict } from "../../src/bench/stats.js";
import { type NoiseModel, pytestMeanRuleFails, type SyntheticTrial, trial } from "./synthetic.js";

export const SELF_TEST_TRIALS = 1000;
export const SELF_TEST_MODELS: readonly NoiseModel[] = ["lognormal-3cv", "outlier-bursts", "slow-drift"];

/** One row of the statistical self-test: rates over seeded trials of one noise model. */
export interface SelfTestRow {
  model: NoiseModel;
  trials: number;
  aa_false_positive_rate: number;
  slowdown_10pct_detection_rate: number;
  pytest_mean_5pct_aa_false_alarm_rate: number;
  pytest_mean_5pct_detection_rate: number;
}

function verdictOf(t: SyntheticTrial, seed: number): Verdict | undefined {
  const opts = { ...DEFAULT_STATS, seed };
  const estimate = pairedRounds(t.rounds, opts);
  return decide([{ ...estimate, name: "x", samples: { baseline: 400, candidate: 400 } }], opts)[0]?.verdict;
}

/**
 * Same code (A/A) and a 10% slowdown, `trials` seeded trials each: how often the paired-rounds verdict is wrong or
 * right, and how often pytest-benchmark's `mean:5%` rule fires on the same trials. The unit test checks the first
 * two; `npm run bench:stats-table` writes all four for docs/benchmarks.md.
 */
export function selfTestRow(model: NoiseModel, trials = SELF_TEST_TRIALS): SelfTestRow {
  let falsePositives = 0;
  let detected = 0;
  let pytestFalse = 0;
  let pytestDetected = 0;
  for (let i = 0; i < trials; i++) {
    const same = trial(1_000_000 + i, model, 1.0);
    const slower = trial(2_000_000 + i, model, 1.1);
    const v = verdictOf(same, i);
    if (v === "regressed" || v === "improved") falsePositives += 1;
    if (verdictOf(slower, i) === "regressed") detected += 1;
    if (pytestMeanRuleFails(same)) pytestFalse += 1;
    if (pytestMeanRuleFails(slower)) pytestDetected += 1;
  }
  return {
    model,
    trials,
    aa_false_positive_rate: falsePositives / trials,
    slowdown_10pct_detection_rate: detected / trials,
    pytest_mean_5pct_aa_false_alarm_rate: pytestFalse / trials,
    pytest_mean_5pct_detection_rate: pytestDetected / trials,
  };
}
