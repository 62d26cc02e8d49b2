import { recordedSteps } from "../../bundle.js";
import { escapeXml as esc } from "../escape.js";
import type { DrainSide, ReportedBundle, TimelineRow } from "../reported-steps.js";
import { partialNote, verdictLine } from "../verdict.js";
import { barChart, intervalChart, lineChart, type Series } from "./charts.js";
import { GATE_VERDICT_COLOURS } from "./verdict-colours.js";

function queueDepthChart(timeline: TimelineRow): string {
  const queues = Object.keys(timeline.candidate[0]?.depths ?? {});
  const series: Series[] = queues.flatMap((queue) => [
    ...(timeline.base
      ? [
          {
            label: `${queue} (base)`,
            points: timeline.base.map((s) => [s.t, s.depths[queue] ?? 0] as [number, number]),
            dashed: true,
          },
        ]
      : []),
    {
      label: `${queue} (candidate)`,
      points: timeline.candidate.map((s) => [s.t, s.depths[queue] ?? 0] as [number, number]),
    },
  ]);
  return lineChart(
    `queue-depth-${timeline.profile}`,
    `Queue depth over time: ${timeline.profile}, base against candidate`,
    series,
    "seconds",
    "messages waiting",
  );
}

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
  const out = [...timelines.map(queueDepthChart), ...(drain?.runs ?? []).map(waitPercentilesChart)];
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

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#111;max-width:760px}
h1 .pass{color:${GATE_VERDICT_COLOURS.pass}}h1 .fail{color:${GATE_VERDICT_COLOURS.fail}}h1 .partial,p.partial{color:${GATE_VERDICT_COLOURS.partial}}
p.partial{font-weight:600}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
tr.fail td:nth-child(2),tr.error td:nth-child(2){color:${GATE_VERDICT_COLOURS.fail};font-weight:600}
figure{margin:24px 0}figcaption{font-weight:600;margin-bottom:6px}code{font-size:12px}`;

/** A self-contained page: the verdict, the steps, and SVG charts drawn from the bundle. No script, no network. */
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
${partial ? `<p class="partial" id="partial">${esc(partial)}</p>\n` : ""}<p>Config <code>${esc(gate.config)}</code>, ${esc(gate.mode)}${gate.quick ? ", quick" : ""}${gate.only ? `, only ${esc(gate.only)}` : ""}. Digest <code>${esc(bundle.determinism.digest)}</code>.</p>
${reasons ? `<h2>Why it failed</h2><ul>${reasons}</ul>` : ""}
<h2>Steps</h2><table><thead><tr><th>step</th><th>status</th><th>summary</th></tr></thead><tbody>${stepRows}</tbody></table>
<h2>Charts</h2>
${charts(bundle).join("\n")}
</body></html>
`;
}
