import type { CompareReport } from "./compare.js";

/**
 * A regression is cleared only by a second, independent look that does not repeat it. One look can be unlucky: a
 * burst of load on the candidate's processes alone reads as a slowdown. A regression the second look does not
 * repeat is held at inconclusive, flagged `unconfirmed`. With no second look (the budget had no room for one), the
 * regression stands, flagged `single_look`: nothing contradicted it, so it fails safe.
 */
export function confirmRegressions(first: CompareReport, second: CompareReport | null): CompareReport {
  return {
    ...first,
    benchmarks: first.benchmarks.map((b) => {
      if (b.verdict !== "regressed") return b;
      if (second === null) return { ...b, flags: [...b.flags, "single_look"] };
      const again = second.benchmarks.find((x) => x.name === b.name);
      if (again?.verdict === "regressed") return b;
      return { ...b, verdict: "inconclusive", flags: [...b.flags, "unconfirmed"] };
    }),
  };
}

/** Whether a look found anything that needs a second look. */
export const needsConfirmation = (report: CompareReport): boolean =>
  report.benchmarks.some((b) => b.verdict === "regressed");
