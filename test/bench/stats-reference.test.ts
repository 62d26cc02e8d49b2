import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { acrossProcesses, DEFAULT_STATS, type Estimate, fromBootstrap, holm } from "../../src/bench/stats.js";

/**
 * The statistics pinned to an independent implementation: scipy computed these values
 * (fixtures/stats-reference/make-reference.py), and ours must agree to 1e-9.
 */
type Case = Omit<Estimate, "method"> & { name: string };
const reference = JSON.parse(readFileSync("fixtures/stats-reference/reference.json", "utf8")) as {
  min_effect: number;
  alpha: number;
  across_processes: (Case & { baseline: number[]; candidate: number[] })[];
  holm: { name: string; p_values: number[]; alpha: number; rejected: boolean[] }[];
  bootstrap: (Case & { log_ratios: number[]; point: number })[];
};
const opts = { ...DEFAULT_STATS, minEffect: reference.min_effect, alpha: reference.alpha };
const TOLERANCE = 1e-9;

function expectClose(actual: Estimate, expected: Case): void {
  const fields = ["ratio", "p_regressed", "p_improved", "p_slower", "p_faster"] as const;
  for (const f of fields)
    expect(Math.abs(actual[f] - expected[f]), `${expected.name}: ${f}`).toBeLessThan(TOLERANCE);
  for (const i of [0, 1])
    expect(
      Math.abs((actual.interval[i] as number) - (expected.interval[i] as number)),
      `${expected.name}: interval[${i}]`,
    ).toBeLessThan(TOLERANCE);
}

describe("the statistics against scipy's", () => {
  it.each(reference.across_processes.map((c) => [c.name, c] as const))(
    "across processes, %s: the geometric-mean ratio, Welch's interval and its one-sided p-values",
    (_, c) => {
      expectClose(acrossProcesses(c.baseline, c.candidate, opts), c);
    },
  );

  it.each(reference.holm.map((c) => [c.name, c] as const))("Holm's step-down procedure, %s", (_, c) => {
    expect(holm(c.p_values, c.alpha)).toEqual(c.rejected);
  });

  it.each(reference.bootstrap.map((c) => [c.name, c] as const))(
    "a bootstrap distribution's interval and p-values, %s",
    (_, c) => {
      expectClose(fromBootstrap(c.log_ratios, c.point, opts, "paired-rounds"), c);
    },
  );
});
