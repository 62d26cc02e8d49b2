import type { KpiRow } from "./reported-steps.js";

/**
 * A KPI's change in words: "12.1% better", "8.7% worse", "no change", or "-" when it was not measured.
 *
 * `improvement` is already signed by the KPI's declared direction (the gate config's `direction`: a drop is
 * better for "lower", a rise for "higher"), so +0.121 is 12.1% better whichever way the metric runs. A change that
 * rounds to 0.0% is no change, so the report never prints "0.0% better" or "-0.0% worse". From a base of 0 there
 * is no percentage, only the way it went.
 */
export function describeChange(improvement: number | null): string {
  if (improvement === null || Number.isNaN(improvement)) return "-";
  if (!Number.isFinite(improvement)) return improvement > 0 ? "better (base was 0)" : "worse (base was 0)";
  const percent = (Math.abs(improvement) * 100).toFixed(1);
  if (percent === "0.0") return "no change";
  return `${percent}% ${improvement > 0 ? "better" : "worse"}`;
}

/** What the gate made of a KPI: a critical regression fails it; an improvement counts toward the verdict. */
export function kpiVerdict(kpi: Pick<KpiRow, "critical" | "improved">): string {
  if (kpi.critical) return "critical regression";
  return kpi.improved ? "improved" : "no material change";
}

/** The unit of a drain KPI, by its metric's first key: "s" for every time, counts for the rest. */
export function kpiUnit(metric: string): string {
  const family = metric.split(".")[0] ?? "";
  if (family === "throughput_per_second") return "jobs/s";
  if (family.endsWith("seconds") || family === "seconds_at_level") return "s";
  if (family === "peak_depth") return "messages";
  if (family === "jobs") return "jobs";
  if (family === "policy_activations") return "activations";
  return "";
}

/** A KPI value with its unit: "2521 s", "35.16 s", "-" when it was not measured. */
export function withUnit(value: number | null, metric: string): string {
  if (value === null || value === undefined) return "-";
  const unit = kpiUnit(metric);
  return unit ? `${value} ${unit}` : String(value);
}
