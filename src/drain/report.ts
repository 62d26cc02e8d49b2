import { roundTo, table } from "../common/index.js";
import type { DrainRun } from "./collect.js";

const fmt = (x: number | null | undefined) => (x === null || x === undefined ? "-" : String(roundTo(x, 1)));

/** A table for people: one row per run, the KPIs that decide a policy change. */
export function drainTable(runs: readonly DrainRun[]): string {
  const headers = [
    "POLICY",
    "DRAIN s",
    "BASE p50",
    "BASE p95",
    "BASE p99",
    "EXP p95",
    "STARVE s",
    "PEAK",
    "ACTIVATIONS",
  ];
  const rows = runs.map((r) => {
    const [first, second] = Object.keys(r.kpis.wait_seconds);
    const base = r.kpis.wait_seconds[first ?? ""];
    const exp = r.kpis.wait_seconds[second ?? ""];
    const starve = r.kpis.max_starvation_seconds[second ?? ""];
    const peak = Math.max(0, ...Object.values(r.kpis.peak_depth));
    return [
      r.policy,
      fmt(r.kpis.drain_seconds),
      fmt(base?.p50),
      fmt(base?.p95),
      fmt(base?.p99),
      fmt(exp?.p95),
      fmt(starve),
      String(peak),
      String(r.kpis.policy_activations),
    ];
  });
  return table(headers, rows);
}
