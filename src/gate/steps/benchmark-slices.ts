import type { SuiteOutcome } from "./benchmark.js";

/** Names in the order a side ran them: a slice keeps that order, and the joined suite takes it back. */
function byRunOrder(order: readonly string[]): <T>(items: T[], nameOf: (item: T) => string) => T[] {
  const position = new Map(order.map((name, i) => [name, i]));
  const at = (name: string) => position.get(name) ?? Number.MAX_SAFE_INTEGER;
  return (items, nameOf) => [...items].sort((a, b) => at(nameOf(a)) - at(nameOf(b)));
}

/**
 * A counted suite's slices, measured on several runners, as the one outcome an unsharded run would have made:
 * its rows in the order the candidate ran them, the names only one side has in that side's order. A suite that
 * ran whole passes through.
 */
function joined(slices: readonly SuiteOutcome[]): SuiteOutcome {
  const [first] = slices;
  const seen = first?.counts?.slice?.seen;
  if (!first || !seen || slices.length === 1) return first as SuiteOutcome;
  const candidateOrder = byRunOrder(seen.candidate);
  const baselineOrder = byRunOrder(seen.baseline);
  const all = <T>(pick: (o: SuiteOutcome) => T[]) => slices.flatMap(pick);
  return {
    ...first,
    report: {
      ...first.report,
      benchmarks: candidateOrder(
        all((o) => o.report.benchmarks),
        (b) => b.name,
      ),
      only_in_baseline: baselineOrder(
        all((o) => o.report.only_in_baseline),
        (n) => n,
      ),
      only_in_candidate: candidateOrder(
        all((o) => o.report.only_in_candidate),
        (n) => n,
      ),
    },
    looks: all((o) => o.looks),
    counts: first.counts && {
      ...first.counts,
      seconds: Math.max(...slices.map((o) => o.counts?.seconds ?? 0)),
      benchmarks: candidateOrder(
        all((o) => o.counts?.benchmarks ?? []),
        (b) => b.name,
      ),
    },
  };
}

/** The suites' outcomes in the order they came, each counted suite's slices joined into one. */
export function joinSlices(outcomes: readonly SuiteOutcome[]): SuiteOutcome[] {
  const bySuite = new Map<string, SuiteOutcome[]>();
  for (const o of outcomes) bySuite.set(o.id, [...(bySuite.get(o.id) ?? []), o]);
  return [...bySuite.values()].map(joined);
}
