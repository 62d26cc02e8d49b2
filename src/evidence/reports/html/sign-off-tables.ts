import { describeChange, kpiVerdict, withUnit } from "../kpi-change.js";
import type { BenchmarkRow, CommandRun, KpiRow, RevertRun, TriggerRow } from "../reported-steps.js";
import { type Cell, htmlTable } from "./table.js";

/** The tables a release engineer signs off on, each from one step's result. */

const REVERT_COMMAND = /^nemesis-ctl throughput revert\b/;

const marked = (text: string, flag: boolean, className: string): Cell => (flag ? { text, className } : text);

export function kpiTable(kpis: readonly KpiRow[]): string {
  return htmlTable(
    "kpis",
    ["KPI", "profile", "metric", "base", "candidate", "change", "verdict"],
    kpis.map((k) => [
      k.id,
      k.profile,
      k.metric,
      withUnit(k.base, k.metric),
      withUnit(k.candidate, k.metric),
      describeChange(k.improvement),
      marked(kpiVerdict(k), k.critical, "bad"),
    ]),
  );
}

export function triggerTable(triggers: readonly TriggerRow[]): string {
  return htmlTable(
    "triggers",
    ["trigger", "metric", "observed", "threshold", "fired", "detail"],
    triggers.map((t) => [
      t.id,
      t.metric,
      marked(t.observed === null ? "not observed" : String(t.observed), t.observed === null, "bad"),
      t.threshold,
      marked(t.fired ? "yes" : "no", t.fired, "bad"),
      t.detail,
    ]),
  );
}

/**
 * The revert commands that ran: the controls step's revert of the candidate, then the rollback step's, with what
 * the status said after it. A revert the rollback step only printed (live, no trigger fired) is shown as not run.
 */
export function revertPathTable(
  controls: readonly CommandRun[],
  revert: RevertRun | null,
  printed: readonly string[],
): string {
  const rows: Cell[][] = controls
    .filter((c) => REVERT_COMMAND.test(c.command))
    .map((c) => ["controls", c.command, marked(String(c.exit_code), c.exit_code !== 0, "bad"), "-"]);
  if (revert)
    rows.push([
      "rollback",
      revert.command,
      marked(String(revert.exit_code), revert.exit_code !== 0, "bad"),
      marked(revert.verified ? "yes" : "no", !revert.verified, "bad"),
    ]);
  else for (const command of printed) rows.push(["rollback", command, "not run", "-"]);
  return htmlTable("revert-path", ["step", "command", "exit code", "state verified"], rows);
}

export function benchmarkTable(benchmarks: readonly BenchmarkRow[]): string {
  return htmlTable(
    "benchmarks",
    ["benchmark", "ratio", "interval", "verdict"],
    benchmarks.map((b) => [
      b.name,
      b.ratio.toFixed(3),
      `[${b.interval[0].toFixed(3)}, ${b.interval[1].toFixed(3)}]`,
      marked(b.verdict, b.verdict === "regressed", "bad"),
    ]),
  );
}
