import { escapeXml as esc } from "../escape.js";
import { benchmarkVerdictColour } from "./verdict-colours.js";

/** Hand-drawn SVG: the same bundle gives the same bytes, with no library and no DOM (see docs/architecture.md). */
const WIDTH = 640;
const HEIGHT = 220;
const PAD = { left: 56, right: 16, top: 16, bottom: 32 };
const SERIES_COLOURS = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2"];

const seriesColour = (index: number) => SERIES_COLOURS[index % SERIES_COLOURS.length];
const DASHED = ' stroke-dasharray="4 3"';

export interface Series {
  label: string;
  points: [number, number][];
  dashed?: boolean;
}

/** The figure around a chart: its caption, and an svg that names the chart for tests and screen readers. */
function figure(name: string, title: string, height: number, body: string): string {
  const svg =
    `<svg class="chart" data-chart="${esc(name)}" viewBox="0 0 ${WIDTH} ${height}"` +
    ` width="${WIDTH}" height="${height}" role="img" aria-label="${esc(title)}">`;
  return `<figure><figcaption>${esc(title)}</figcaption>${svg}${body}</svg></figure>`;
}

const xAxisLine = () =>
  `<line x1="${PAD.left}" y1="${HEIGHT - PAD.bottom}" x2="${WIDTH - PAD.right}" y2="${HEIGHT - PAD.bottom}" stroke="#555"/>`;

const yAxisLabel = (label: string) =>
  `<text x="12" y="${HEIGHT / 2}" font-size="11" text-anchor="middle"` +
  ` transform="rotate(-90 12 ${HEIGHT / 2})">${esc(label)}</text>`;

const tickLabel = (x: number, y: number, anchor: "middle" | "end", text: string | number) =>
  `<text x="${x}" y="${y}" font-size="10" text-anchor="${anchor}">${text}</text>`;

function axes(xMax: number, yMax: number, xLabel: string, yLabel: string): string {
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  const x = (f: number) => PAD.left + f * (WIDTH - PAD.left - PAD.right);
  const y = (f: number) => HEIGHT - PAD.bottom - f * (HEIGHT - PAD.top - PAD.bottom);
  return [
    xAxisLine(),
    `<line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${HEIGHT - PAD.bottom}" stroke="#555"/>`,
    ...ticks.map((f) => tickLabel(x(f), HEIGHT - PAD.bottom + 14, "middle", Math.round(f * xMax))),
    ...ticks.map((f) => tickLabel(PAD.left - 6, y(f) + 3, "end", Math.round(f * yMax))),
    `<text x="${(WIDTH + PAD.left) / 2}" y="${HEIGHT - 4}" font-size="11" text-anchor="middle">${esc(xLabel)}</text>`,
    yAxisLabel(yLabel),
  ].join("");
}

function legend(labels: string[], dashed: boolean[] = []): string {
  return labels
    .map((label, i) => {
      const at = `${PAD.left + 8 + (i % 2) * 280},${PAD.top + 4 + Math.floor(i / 2) * 14}`;
      const line = `<line x1="0" y1="4" x2="16" y2="4" stroke="${seriesColour(i)}" stroke-width="2"${dashed[i] ? DASHED : ""}/>`;
      return `<g transform="translate(${at})">${line}<text x="20" y="8" font-size="10">${esc(label)}</text></g>`;
    })
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
  const px = (x: number) => PAD.left + (x / xMax) * (WIDTH - PAD.left - PAD.right);
  const py = (y: number) => HEIGHT - PAD.bottom - (y / yMax) * (HEIGHT - PAD.top - PAD.bottom);
  const paths = series.map((s, i) => {
    const pathData = s.points
      .map(([x, y], j) => `${j ? "L" : "M"}${px(x).toFixed(1)},${py(y).toFixed(1)}`)
      .join("");
    return (
      `<path class="series" data-series="${esc(s.label)}" d="${pathData}" fill="none"` +
      ` stroke="${seriesColour(i)}" stroke-width="1.5"${s.dashed ? DASHED : ""}/>`
    );
  });
  const key = legend(
    series.map((s) => s.label),
    series.map((s) => s.dashed === true),
  );
  return figure(name, title, HEIGHT, `${axes(xMax, yMax, xLabel, yLabel)}${paths.join("")}${key}`);
}

export function barChart(
  name: string,
  title: string,
  groups: string[],
  bars: { label: string; values: number[] }[],
  yLabel: string,
): string {
  const yMax = Math.max(1, ...bars.flatMap((b) => b.values));
  const inner = WIDTH - PAD.left - PAD.right;
  const groupWidth = inner / Math.max(1, groups.length);
  const barWidth = (groupWidth * 0.8) / Math.max(1, bars.length);
  const py = (y: number) => HEIGHT - PAD.bottom - (y / yMax) * (HEIGHT - PAD.top - PAD.bottom);
  const rects = groups.flatMap((group, gi) =>
    bars.map((bar, bi) => {
      const value = bar.values[gi] ?? 0;
      const x = PAD.left + gi * groupWidth + groupWidth * 0.1 + bi * barWidth;
      const box =
        `x="${x.toFixed(1)}" y="${py(value).toFixed(1)}" width="${(barWidth - 2).toFixed(1)}"` +
        ` height="${(HEIGHT - PAD.bottom - py(value)).toFixed(1)}"`;
      const tip = `<title>${esc(bar.label)} ${esc(group)}: ${value}</title>`;
      return `<rect class="bar" data-series="${esc(bar.label)}" ${box} fill="${seriesColour(bi)}">${tip}</rect>`;
    }),
  );
  const labels = groups.map((group, gi) =>
    tickLabel(PAD.left + gi * groupWidth + groupWidth / 2, HEIGHT - PAD.bottom + 14, "middle", esc(group)),
  );
  const yTicks = [0, 0.5, 1].map((f) =>
    tickLabel(PAD.left - 6, py(f * yMax) + 3, "end", Math.round(f * yMax)),
  );
  const body = [
    xAxisLine(),
    ...yTicks,
    yAxisLabel(yLabel),
    ...rects,
    ...labels,
    legend(bars.map((b) => b.label)),
  ];
  return figure(name, title, HEIGHT, body.join(""));
}

export function intervalChart(
  name: string,
  title: string,
  rows: { label: string; ratio: number; lo: number; hi: number; verdict: string }[],
  minEffect: number,
): string {
  const rowHeight = 26;
  const height = PAD.top + PAD.bottom + rowHeight * Math.max(1, rows.length);
  const lo = Math.min(1 - 2 * minEffect, ...rows.map((r) => r.lo));
  const hi = Math.max(1 + 2 * minEffect, ...rows.map((r) => r.hi));
  const left = 260;
  const px = (x: number) => left + ((x - lo) / (hi - lo)) * (WIDTH - left - PAD.right);
  const band =
    `<rect class="band" x="${px(1 - minEffect)}" y="${PAD.top}" width="${px(1 + minEffect) - px(1 - minEffect)}"` +
    ` height="${height - PAD.top - PAD.bottom}" fill="#e5e7eb"/>` +
    `<line x1="${px(1)}" y1="${PAD.top}" x2="${px(1)}" y2="${height - PAD.bottom}" stroke="#555" stroke-dasharray="3 3"/>`;
  const marks = rows.map((r, i) => {
    const y = PAD.top + rowHeight * i + rowHeight / 2;
    const colour = benchmarkVerdictColour(r.verdict);
    const tip = `${esc(r.label)}: ${r.ratio.toFixed(3)} [${r.lo.toFixed(3)}, ${r.hi.toFixed(3)}] ${esc(r.verdict)}`;
    return [
      `<g class="interval" data-verdict="${esc(r.verdict)}">`,
      tickLabel(left - 8, y + 3, "end", esc(r.label)),
      `<line x1="${px(r.lo)}" y1="${y}" x2="${px(r.hi)}" y2="${y}" stroke="${colour}" stroke-width="2"/>`,
      `<circle cx="${px(r.ratio)}" cy="${y}" r="4" fill="${colour}"><title>${tip}</title></circle></g>`,
    ].join("");
  });
  const ticks = [lo, 1, hi].map((t) => tickLabel(px(t), height - PAD.bottom + 14, "middle", t.toFixed(2)));
  return figure(name, title, height, `${band}${marks.join("")}${ticks.join("")}`);
}
