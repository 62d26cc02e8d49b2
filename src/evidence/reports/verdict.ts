import type { Bundle } from "../bundle.js";

type Judged = Pick<Bundle, "deterministic">;

/** The step a partial run (`--only`) ran, or null when every step ran. */
export function partialStep(bundle: Judged): string | null {
  return bundle.deterministic.gate.only;
}

/** The verdict as every report heads it: PASS, FAIL, or for a partial run PARTIAL (only STEP) / FAIL (only STEP). */
export function verdictLine(bundle: Judged): string {
  const word = bundle.deterministic.verdict.result.toUpperCase();
  const only = partialStep(bundle);
  return only === null ? word : `${word} (only ${only})`;
}

/** What every report says of a partial run, so none of them can be read as a gate pass; null for a complete run. */
export function partialNote(bundle: Judged): string | null {
  const only = partialStep(bundle);
  return only === null
    ? null
    : `Partial run: only ${only} ran, so this is not a gate verdict. The gate passes only when every step ran.`;
}

/** The heading over the verdict's reasons: an incomplete live run did not fail, it could not judge everything. */
export function reasonsHeading(result: Judged["deterministic"]["verdict"]["result"]): string {
  return result === "incomplete" ? "Why it is incomplete" : "Why it failed";
}
