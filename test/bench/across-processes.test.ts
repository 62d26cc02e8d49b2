import { describe, expect, it } from "vitest";
import {
  acrossProcesses,
  DEFAULT_STATS,
  decide,
  PROCESS_STATS,
  processesNeeded,
} from "../../src/bench/index.js";
import { studentTCdf, studentTQuantile } from "../../src/bench/student-t.js";

const verdictOf = (a: number[], b: number[], opts = PROCESS_STATS) => {
  const e = acrossProcesses(a, b, opts);
  return decide([{ ...e, name: "x", samples: { baseline: a.length, candidate: b.length } }], opts)[0];
};

describe("Student's t", () => {
  // Published two-sided table values (one-sided 95%, 97.5% and 99% quantiles).
  it.each([
    [0.95, 1, 6.3138],
    [0.95, 4, 2.1318],
    [0.95, 8, 1.8595],
    [0.975, 10, 2.2281],
    [0.99, 3, 4.5407],
    [0.95, 30, 1.6973],
  ])("quantile(%f, df=%i) is %f", (p, df, t) => {
    expect(studentTQuantile(p, df)).toBeCloseTo(t, 3);
    expect(studentTCdf(t, df)).toBeCloseTo(p, 4);
  });

  it("is symmetric around zero", () => {
    expect(studentTCdf(0, 5)).toBeCloseTo(0.5, 12);
    expect(studentTCdf(-2, 5) + studentTCdf(2, 5)).toBeCloseTo(1, 12);
  });
});

describe("a verdict across processes", () => {
  const base = [1.0, 1.01, 0.99, 1.02, 0.98];

  it("calls a 20% slowdown regressed, with the interval past the band", () => {
    const v = verdictOf(
      base,
      base.map((x) => x * 1.2),
    );
    expect(v?.verdict).toBe("regressed");
    expect(v?.interval[0]).toBeGreaterThan(1.05);
    expect(v?.method).toBe("across-processes");
  });

  it("calls the same times unchanged, and a 20% speed-up improved", () => {
    expect(verdictOf(base, [...base].reverse())?.verdict).toBe("unchanged");
    expect(
      verdictOf(
        base,
        base.map((x) => x * 0.8),
      )?.verdict,
    ).toBe("improved");
  });

  it("holds a 7% slowdown that may be no change at all at inconclusive, never unchanged", () => {
    // The band is ±5%: an interval from below 1 to above 1.05 says neither "no change" nor "regressed".
    const noisy = [1.0, 1.06, 0.95, 1.04, 0.97];
    const v = verdictOf(
      noisy,
      noisy.map((x, i) => x * 1.07 * (i % 2 ? 1.03 : 0.97)),
    );
    expect(v?.interval[0]).toBeLessThan(1);
    expect(v?.verdict).toBe("inconclusive");
    expect(v?.interval[0]).toBeLessThan(1.05);
    expect(v?.interval[1]).toBeGreaterThan(1.05);
  });

  it("calls a clear 8% slowdown regressed by its estimate, where the interval rule would not", () => {
    const spread = [1.0, 1.03, 0.97, 1.02, 0.98];
    const slower = spread.map((x) => x * 1.08);
    expect(verdictOf(spread, slower)?.interval[0]).toBeLessThan(1.05);
    expect(verdictOf(spread, slower)?.verdict).toBe("regressed");
    expect(verdictOf(spread, slower, DEFAULT_STATS)?.verdict).toBe("inconclusive");
  });

  it("says how many processes per side a noisy pair would need", () => {
    const spread = [1.0, 1.08, 0.93];
    const needed = processesNeeded(spread, spread, DEFAULT_STATS);
    expect(needed).toBeGreaterThan(3);
    expect(processesNeeded([1], [1], DEFAULT_STATS)).toBeNull();
    // Less spread needs fewer processes.
    expect(processesNeeded([1, 1.01, 0.99], [1, 1.01, 0.99], DEFAULT_STATS)).toBeLessThan(needed as number);
  });
});
