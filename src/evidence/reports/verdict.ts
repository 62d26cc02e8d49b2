import type { Bundle } from "../bundle.js";

type Judged = Pick<Bundle, "deterministic">;

/** What a partial run covered: "only STEP" (`--only`), "shard I/N" (`--shard`); null when every step ran. */
export function partialScope(bundle: Judged): string | null {
  const { only, shard } = bundle.deterministic.gate;
  if (shard) return `shard ${shard.index}/${shard.count}`;
  return only === null ? null : `only ${only}`;
}

/** The verdict as every report heads it: PASS, FAIL, or for a partial run PARTIAL (only STEP) / FAIL (shard I/N). */
export function verdictLine(bundle: Judged): string {
  const word = bundle.deterministic.verdict.result.toUpperCase();
  const scope = partialScope(bundle);
  return scope === null ? word : `${word} (${scope})`;
}

/** What every report says of a partial run, so none of them can be read as a gate pass; null for a complete run. */
export function partialNote(bundle: Judged): string | null {
  const { only, shard } = bundle.deterministic.gate;
  if (shard)
    return `Partial run: shard ${shard.index} of ${shard.count}, so this is not a gate verdict. Merge every shard with throughput-gate evidence merge for the verdict.`;
  return only === null
    ? null
    : `Partial run: only ${only} ran, so this is not a gate verdict. The gate passes only when every step ran.`;
}

/** The heading over the verdict's reasons: an incomplete live run did not fail, it could not judge everything. */
export function reasonsHeading(result: Judged["deterministic"]["verdict"]["result"]): string {
  return result === "incomplete" ? "Why it is incomplete" : "Why it failed";
}
