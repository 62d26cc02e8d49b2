import type { Bundle } from "../bundle.js";
import { escapeXml } from "./escape.js";

const esc = escapeXml;

const W = 640;
const H = 220;
const PAD = { left: 56, right: 16, top: 16, bottom: 32 };
const COLORS = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2"];

interface Series {
  label: string;
  points: [number, number][];
  dashed?: boolean;
}

function axes(xMax: number, yMax: number, xLabel: string, yLabel: string): string {
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  const x = (f: number) => PAD.left + f * (W - PAD.left - PAD.right);
  const y = (f: number) => H - PAD.bottom - f * (H - PAD.top - PAD.bottom);
  return [
    `<line x1="${PAD.left}" y1="${H - PAD.bottom}" x2="${W - PAD.right}" y2="${H - PAD.bottom}" stroke="#555"/>`,
    `<line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${H - PAD.bottom}" stroke="#555"/>`,
    ...ticks.map(
      (f) =>
        `<text x="${x(f)}" y="${H - PAD.bottom + 14}" font-size="10" text-anchor="middle">${Math.round(f * xMax)}</text>`,
    ),
    ...ticks.map(
      (f) =>
        `<text x="${PAD.left - 6}" y="${y(f) + 3}" font-size="10" text-anchor="end">${Math.round(f * yMax)}</text>`,
    ),
    `<text x="${(W + PAD.left) / 2}" y="${H - 4}" font-size="11" text-anchor="middle">${esc(xLabel)}</text>`,
    `<text x="12" y="${H / 2}" font-size="11" text-anchor="middle" transform="rotate(-90 12 ${H / 2})">${esc(yLabel)}</text>`,
  ].join("");
}

function legend(labels: string[], dashed: boolean[] = []): string {
  return labels
    .map(
      (l, i) =>
        `<g transform="translate(${PAD.left + 8 + (i % 2) * 280},${PAD.top + 4 + Math.floor(i / 2) * 14})"><line x1="0" y1="4" x2="16" y2="4" stroke="${COLORS[i % COLORS.length]}" stroke-width="2"${dashed[i] ? ' stroke-dasharray="4 3"' : ""}/><text x="20" y="8" font-size="10">${esc(l)}</text></g>`,
    )
    .join("");
}

export function lineChart(
  name: string,
  title: string,
  series: Series[],
  xLabel: string,
  yLabel: string,
): string {
  const xMax = Math.max(1, ...series.flatMap((s) => s.points.map((p) => p[0])));
  const yMax = Math.max(1, ...series.flatMap((s) => s.points.map((p) => p[1])));
  const px = (x: number) => PAD.left + (x / xMax) * (W - PAD.left - PAD.right);
  const py = (y: number) => H - PAD.bottom - (y / yMax) * (H - PAD.top - PAD.bottom);
  const paths = series.map((s, i) => {
    const d = s.points.map(([x, y], j) => `${j ? "L" : "M"}${px(x).toFixed(1)},${py(y).toFixed(1)}`).join("");
    return `<path class="series" data-series="${esc(s.label)}" d="${d}" fill="none" stroke="${COLORS[i % COLORS.length]}" stroke-width="1.5"${s.dashed ? ' stroke-dasharray="4 3"' : ""}/>`;
  });
  return `<figure><figcaption>${esc(title)}</figcaption><svg class="chart" data-chart="${esc(name)}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(title)}">${axes(xMax, yMax, xLabel, yLabel)}${paths.join("")}${legend(
    series.map((s) => s.label),
    series.map((s) => s.dashed === true),
  )}</svg></figure>`;
}

export function barChart(
  name: string,
  title: string,
  groups: string[],
  bars: { label: string; values: number[] }[],
  yLabel: string,
): string {
  const yMax = Math.max(1, ...bars.flatMap((b) => b.values));
  const inner = W - PAD.left - PAD.right;
  const groupW = inner / Math.max(1, groups.length);
  const barW = (groupW * 0.8) / Math.max(1, bars.length);
  const py = (y: number) => H - PAD.bottom - (y / yMax) * (H - PAD.top - PAD.bottom);
  const rects = groups.flatMap((g, gi) =>
    bars.map((b, bi) => {
      const v = b.values[gi] ?? 0;
      const x = PAD.left + gi * groupW + groupW * 0.1 + bi * barW;
      return `<rect class="bar" data-series="${esc(b.label)}" x="${x.toFixed(1)}" y="${py(v).toFixed(1)}" width="${(barW - 2).toFixed(1)}" height="${(H - PAD.bottom - py(v)).toFixed(1)}" fill="${COLORS[bi % COLORS.length]}"><title>${esc(b.label)} ${esc(g)}: ${v}</title></rect>`;
    }),
  );
  const labels = groups.map(
    (g, gi) =>
      `<text x="${PAD.left + gi * groupW + groupW / 2}" y="${H - PAD.bottom + 14}" font-size="10" text-anchor="middle">${esc(g)}</text>`,
  );
  const yTicks = [0, 0.5, 1].map(
    (f) =>
      `<text x="${PAD.left - 6}" y="${py(f * yMax) + 3}" font-size="10" text-anchor="end">${Math.round(f * yMax)}</text>`,
  );
  return `<figure><figcaption>${esc(title)}</figcaption><svg class="chart" data-chart="${esc(name)}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(title)}"><line x1="${PAD.left}" y1="${H - PAD.bottom}" x2="${W - PAD.right}" y2="${H - PAD.bottom}" stroke="#555"/>${yTicks.join("")}<text x="12" y="${H / 2}" font-size="11" text-anchor="middle" transform="rotate(-90 12 ${H / 2})">${esc(yLabel)}</text>${rects.join("")}${labels.join("")}${legend(bars.map((b) => b.label))}</svg></figure>`;
}

export function intervalChart(
  name: string,
  title: string,
  rows: { label: string; ratio: number; lo: number; hi: number; verdict: string }[],
  minEffect: number,
): string {
  const rowH = 26;
  const h = PAD.top + PAD.bottom + rowH * Math.max(1, rows.length);
  const lo = Math.min(1 - 2 * minEffect, ...rows.map((r) => r.lo));
  const hi = Math.max(1 + 2 * minEffect, ...rows.map((r) => r.hi));
  const left = 260;
  const px = (x: number) => left + ((x - lo) / (hi - lo)) * (W - left - PAD.right);
  const band = `<rect class="band" x="${px(1 - minEffect)}" y="${PAD.top}" width="${px(1 + minEffect) - px(1 - minEffect)}" height="${h - PAD.top - PAD.bottom}" fill="#e5e7eb"/><line x1="${px(1)}" y1="${PAD.top}" x2="${px(1)}" y2="${h - PAD.bottom}" stroke="#555" stroke-dasharray="3 3"/>`;
  const marks = rows.map((r, i) => {
    const y = PAD.top + rowH * i + rowH / 2;
    const color =
      r.verdict === "regressed"
        ? "#dc2626"
        : r.verdict === "improved"
          ? "#16a34a"
          : r.verdict === "unchanged"
            ? "#2563eb"
            : "#ea580c";
    return `<g class="interval" data-verdict="${esc(r.verdict)}"><text x="${left - 8}" y="${y + 3}" font-size="10" text-anchor="end">${esc(r.label)}</text><line x1="${px(r.lo)}" y1="${y}" x2="${px(r.hi)}" y2="${y}" stroke="${color}" stroke-width="2"/><circle cx="${px(r.ratio)}" cy="${y}" r="4" fill="${color}"><title>${esc(r.label)}: ${r.ratio.toFixed(3)} [${r.lo.toFixed(3)}, ${r.hi.toFixed(3)}] ${esc(r.verdict)}</title></circle></g>`;
  });
  const ticks = [lo, 1, hi].map(
    (t) =>
      `<text x="${px(t)}" y="${h - PAD.bottom + 14}" font-size="10" text-anchor="middle">${t.toFixed(2)}</text>`,
  );
  return `<figure><figcaption>${esc(title)}</figcaption><svg class="chart" data-chart="${esc(name)}" viewBox="0 0 ${W} ${h}" width="${W}" height="${h}" role="img" aria-label="${esc(title)}">${band}${marks.join("")}${ticks.join("")}</svg></figure>`;
}

interface Sample {
  t: number;
  depths: Record<string, number>;
}
interface TimelineSet {
  profile: string;
  base: Sample[] | null;
  candidate: Sample[];
}
interface Run {
  profile: string;
  base: {
    policy: string;
    kpis: { wait_seconds: Record<string, { p50: number; p95: number; p99: number } | null> };
  } | null;
  candidate: {
    policy: string;
    kpis: { wait_seconds: Record<string, { p50: number; p95: number; p99: number } | null> };
  };
}

/** A self-contained page: the verdict, the steps, and SVG charts drawn from the bundle. No script, no network. */
export function reportHtml(bundle: Bundle): string {
  const d = bundle.deterministic;
  const m = bundle.measured.steps as Record<string, Record<string, unknown>>;
  const charts: string[] = [];
  for (const set of (m["queue-drain"]?.timelines ?? []) as TimelineSet[]) {
    const queues = Object.keys(set.candidate[0]?.depths ?? {});
    const series: Series[] = queues.flatMap((q) => [
      ...(set.base
        ? [
            {
              label: `${q} (base)`,
              points: set.base.map((s) => [s.t, s.depths[q] ?? 0] as [number, number]),
              dashed: true,
            },
          ]
        : []),
      {
        label: `${q} (candidate)`,
        points: set.candidate.map((s) => [s.t, s.depths[q] ?? 0] as [number, number]),
      },
    ]);
    charts.push(
      lineChart(
        `queue-depth-${set.profile}`,
        `Queue depth over time: ${set.profile}, base against candidate`,
        series,
        "seconds",
        "messages waiting",
      ),
    );
  }
  for (const run of (d.steps["queue-drain"]?.result.runs ?? []) as Run[]) {
    const classes = Object.keys(run.candidate.kpis.wait_seconds);
    const groups = classes.flatMap((c) => [`${c} p50`, `${c} p95`, `${c} p99`]);
    const values = (r: Run["candidate"] | null) =>
      classes.flatMap((c) => {
        const w = r?.kpis.wait_seconds[c];
        return [w?.p50 ?? 0, w?.p95 ?? 0, w?.p99 ?? 0];
      });
    const bars = [
      ...(run.base ? [{ label: `base (${run.base.policy})`, values: values(run.base) }] : []),
      { label: `candidate (${run.candidate.policy})`, values: values(run.candidate) },
    ];
    charts.push(
      barChart(
        `wait-percentiles-${run.profile}`,
        `Wait percentiles per class: ${run.profile}`,
        groups,
        bars,
        "seconds",
      ),
    );
  }
  const report = m.benchmark?.report as
    | {
        min_effect: number;
        benchmarks: { name: string; ratio: number; interval: [number, number]; verdict: string }[];
      }
    | undefined;
  if (report?.benchmarks.length) {
    charts.push(
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
  const steps = Object.entries(d.steps)
    .map(
      ([id, s]) =>
        `<tr class="${esc(s.status)}"><td>${esc(id)}</td><td>${esc(s.status)}</td><td>${esc(s.summary)}</td></tr>`,
    )
    .join("");
  const reasons = d.verdict.reasons.map((r) => `<li>${esc(r)}</li>`).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>throughput-gate: ${esc(d.verdict.result)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#111;max-width:760px}
h1 .pass{color:#16a34a}h1 .fail{color:#dc2626}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
tr.fail td:nth-child(2),tr.error td:nth-child(2){color:#dc2626;font-weight:600}
figure{margin:24px 0}figcaption{font-weight:600;margin-bottom:6px}code{font-size:12px}
</style></head>
<body>
<h1>throughput-gate: <span class="${esc(d.verdict.result)}" id="verdict">${esc(d.verdict.result.toUpperCase())}</span></h1>
<p>Config <code>${esc(d.gate.config)}</code>, ${esc(d.gate.mode)}${d.gate.quick ? ", quick" : ""}. Digest <code>${esc(bundle.determinism.digest)}</code>.</p>
${reasons ? `<h2>Why it failed</h2><ul>${reasons}</ul>` : ""}
<h2>Steps</h2><table><thead><tr><th>step</th><th>status</th><th>summary</th></tr></thead><tbody>${steps}</tbody></table>
<h2>Charts</h2>
${charts.join("\n")}
</body></html>
`;
}
