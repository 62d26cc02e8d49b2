import { recordedSteps } from "../../bundle.js";
import { escapeXml as esc } from "../escape.js";
import type { DrainSide, ReportedBundle } from "../reported-steps.js";
import { signOffLines } from "../sign-off.js";
import { partialNote, reasonsHeading, verdictLine } from "../verdict.js";
import { barChart, intervalChart } from "./charts.js";
import { queueDepthCharts } from "./queue-depth.js";
import { benchmarkTable, kpiTable, revertPathTable, triggerTable } from "./sign-off-tables.js";
import { snapshotSection } from "./snapshots.js";
import { GATE_VERDICT_COLOURS } from "./verdict-colours.js";

function waitPercentilesChart(run: {
  profile: string;
  base: DrainSide | null;
  candidate: DrainSide;
}): string {
  const classes = Object.keys(run.candidate.kpis.wait_seconds);
  const groups = classes.flatMap((c) => [`${c} p50`, `${c} p95`, `${c} p99`]);
  const values = (side: DrainSide) =>
    classes.flatMap((c) => {
      const wait = side.kpis.wait_seconds[c];
      return [wait?.p50 ?? 0, wait?.p95 ?? 0, wait?.p99 ?? 0];
    });
  const bars = [
    ...(run.base ? [{ label: `base (${run.base.policy})`, values: values(run.base) }] : []),
    { label: `candidate (${run.candidate.policy})`, values: values(run.candidate) },
  ];
  return barChart(
    `wait-percentiles-${run.profile}`,
    `Wait percentiles per class: ${run.profile}`,
    groups,
    bars,
    "seconds",
  );
}

function charts(bundle: ReportedBundle): string[] {
  const drain = bundle.deterministic.steps["queue-drain"]?.result;
  const timelines = bundle.measured.steps["queue-drain"]?.timelines ?? [];
  const report = bundle.measured.steps.benchmark?.report;
  const out = [...timelines.flatMap(queueDepthCharts), ...(drain?.runs ?? []).map(waitPercentilesChart)];
  if (report?.benchmarks.length) {
    out.push(
      intervalChart(
        "benchmark-ratios",
        `Benchmark ratios (candidate / baseline) with their intervals; the band is ±${report.min_effect * 100}%`,
        report.benchmarks.map((b) => ({
          label: b.name,
          ratio: b.ratio,
          lo: b.interval[0],
          hi: b.interval[1],
          verdict: b.verdict,
        })),
        report.min_effect,
      ),
    );
  }
  return out;
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#111;max-width:980px}
h1 .pass{color:${GATE_VERDICT_COLOURS.pass}}h1 .fail{color:${GATE_VERDICT_COLOURS.fail}}h1 .partial,p.partial{color:${GATE_VERDICT_COLOURS.partial}}h1 .incomplete{color:${GATE_VERDICT_COLOURS.incomplete}}
p.partial{font-weight:600}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
tr.fail td:nth-child(2),tr.error td:nth-child(2){color:${GATE_VERDICT_COLOURS.fail};font-weight:600}
td.changed{background:#fef3c7;font-weight:600}td.bad{color:${GATE_VERDICT_COLOURS.fail};font-weight:600}
table[data-table="snapshots"] td:first-child,table[data-table="revert-path"] td:nth-child(2){font-family:monospace;font-size:12px}
pre{font-size:12px;overflow-x:auto;background:#f6f6f6;padding:8px}
dl#sign-off{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0 0 12px}dl#sign-off dt{font-weight:600}dl#sign-off dd{margin:0}
figure{margin:24px 0}figcaption{font-weight:600;margin-bottom:6px}code{font-size:12px}`;

/** The sections a release engineer signs off on, each only when its step recorded something to show. */
function signOffSections(bundle: ReportedBundle): string[] {
  const { steps } = bundle.deterministic;
  const drain = steps["queue-drain"]?.result;
  const rollback = steps.rollback?.result;
  const controls = steps.controls?.result;
  const benchmarks = bundle.measured.steps.benchmark?.report?.benchmarks;
  const out: string[] = [];
  if (drain?.kpis) out.push(`<h2>KPIs</h2>${kpiTable(drain.kpis)}`);
  if (rollback?.triggers) out.push(`<h2>Rollback triggers</h2>${triggerTable(rollback.triggers)}`);
  if (controls?.commands || rollback?.revert_commands)
    out.push(
      `<h2>Revert path</h2>${revertPathTable(controls?.commands ?? [], rollback?.revert ?? null, rollback?.revert_commands ?? [])}`,
    );
  if (controls?.snapshots) out.push(`<h2>Status snapshots</h2>${snapshotSection(controls.snapshots)}`);
  if (benchmarks) out.push(`<h2>Benchmarks</h2>${benchmarkTable(benchmarks)}`);
  return out;
}

/**
 * A self-contained page: the verdict, the steps, the tables a release engineer signs off on, and SVG charts drawn
 * from the bundle. No script, no network, no clock; every string from the bundle is escaped.
 */
export function reportHtml(bundle: ReportedBundle): string {
  const { gate, verdict } = bundle.deterministic;
  const stepRows = recordedSteps(bundle)
    .map(
      ([id, step]) =>
        `<tr class="${esc(step.status)}"><td>${esc(id)}</td><td>${esc(step.status)}</td><td>${esc(step.summary)}</td></tr>`,
    )
    .join("");
  const reasons = verdict.reasons.map((reason) => `<li>${esc(reason)}</li>`).join("");
  const result = esc(verdict.result);
  const partial = partialNote(bundle);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>throughput-gate: ${esc(verdictLine(bundle))}</title>
<style>
${STYLE}
</style></head>
<body>
<h1>throughput-gate: <span class="${result}" id="verdict">${esc(verdictLine(bundle))}</span></h1>
<dl id="sign-off">${signOffLines(bundle)
    .map((l) => `<dt>${esc(l.label)}</dt><dd data-sign-off="${l.id}">${esc(l.text)}</dd>`)
    .join("")}</dl>
${partial ? `<p class="partial" id="partial">${esc(partial)}</p>\n` : ""}<p>Config <code>${esc(gate.config)}</code>, ${esc(gate.mode)}${gate.quick ? ", quick" : ""}${gate.only ? `, only ${esc(gate.only)}` : ""}. Digest <code>${esc(bundle.determinism.digest)}</code>.</p>
${reasons ? `<h2>${reasonsHeading(verdict.result)}</h2><ul>${reasons}</ul>` : ""}
<h2>Steps</h2><table data-table="steps"><thead><tr><th>step</th><th>status</th><th>summary</th></tr></thead><tbody>${stepRows}</tbody></table>
${signOffSections(bundle).join("\n")}
<h2>Charts</h2>
${charts(bundle).join("\n")}
</body></html>
`;
}
