/** The run's report: one line per property for people, and a JSON document whose non-measured part is deterministic. */
import type { ConformRun, PropertyResult } from "./run.js";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The lines for one property: `pass`, `skip`, or `FAIL` with the shrunk sequence and the seed that replays it. */
export function resultLines(r: PropertyResult, replay: string): string[] {
  if (r.outcome === "pass")
    return [`pass ${r.name} (${plural(r.sequences, "sequence")}, ${plural(r.calls, "call")})`];
  if (r.outcome === "skip") return [`skip ${r.name}: ${r.reason}`];
  const lines = [`FAIL ${r.name}: ${r.reason}`];
  const c = r.counterexample;
  if (c) {
    lines.push(`  shrunk sequence (${plural(c.commands.length, "call")}):`);
    lines.push(...c.commands.map((cmd, i) => `    ${i + 1}. ${cmd}`));
    lines.push(`  replay: ${replay} --seed ${c.seed} --only ${r.name}`);
  } else {
    lines.push(`  replay: ${replay} --only ${r.name}`);
  }
  return lines;
}

export function counts(run: ConformRun): Record<"pass" | "fail" | "skip", number> {
  const n = { pass: 0, fail: 0, skip: 0 };
  for (const r of run.results) n[r.outcome] += 1;
  return n;
}

export function closingLine(run: ConformRun): string {
  const n = counts(run);
  const calls = run.results.reduce((sum, r) => sum + r.calls, 0);
  const mode = run.mode === "schema-only" ? ", schema only" : "";
  return `conform: ${n.pass} passed, ${n.fail} failed, ${n.skip} skipped (seed ${run.seed}, ${plural(run.runs, "sequence")} asked, ${plural(calls, "call")}${mode})`;
}

/** The JSON report. Everything but `measured` depends only on the target's behaviour and the options. */
export function jsonReport(run: ConformRun) {
  return {
    tool: "throughput-gate conform",
    mode: run.mode,
    quick: run.quick,
    seed: run.seed,
    runs: run.runs,
    target: { twin_controls: run.twinControls, real_clock: run.realClock },
    totals: { ...counts(run), calls: run.results.reduce((sum, r) => sum + r.calls, 0) },
    properties: run.results.map((r) => ({
      name: r.name,
      outcome: r.outcome,
      sequences: r.sequences,
      calls: r.calls,
      reason: r.reason,
      counterexample: r.counterexample,
    })),
    measured: { duration_ms: run.durations },
  };
}
