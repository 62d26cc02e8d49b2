/** The targets `npm run bench` reports against, and how a met or missed one reads. Pure: no measuring here. */

export interface Target {
  /** What was measured, as the closing line names it, e.g. "gate quick". */
  what: string;
  value: number;
  op: "<=" | "<" | ">=";
  limit: number;
  /** Printed after the value and the limit, e.g. " s"; none for a ratio. */
  unit?: string;
}

export function isMet(t: Target): boolean {
  if (t.op === "<=") return t.value <= t.limit;
  if (t.op === "<") return t.value < t.limit;
  return t.value >= t.limit;
}

/** `12.4 s (target <= 10 s)`, and ` MISSED` after it when the value misses, so a miss stands out in its line. */
export function targetText(t: Target): string {
  const unit = t.unit ?? "";
  return `${t.value}${unit} (target ${t.op} ${t.limit}${unit})${isMet(t) ? "" : " MISSED"}`;
}

/** The closing line: every target met, or each missed one by name. */
export function targetsSummary(targets: readonly Target[]): string {
  const missed = targets.filter((t) => !isMet(t));
  if (missed.length === 0) return `bench: all ${targets.length} targets met`;
  const list = missed.map((t) => `${t.what} ${targetText(t).replace(/ MISSED$/, "")}`).join("; ");
  return `bench: MISSED ${missed.length} of ${targets.length} targets: ${list}`;
}
