import { escapeXml as esc } from "../escape.js";
import { benchmarkVerdictColour } from "./verdict-colours.js";

/** Hand-drawn SVG: the same bundle gives the same bytes, with no library and no DOM (see docs/architecture.md). */
const WIDTH = 640;
const HEIGHT = 220;
const PAD = { left: 56, right: 16, top: 16, bottom: 32 };
const SERIES_COLOURS = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2"];

const seriesColour = (index: number) => SERIES_COLOURS[index % SERIES_COLOURS.length];
const DASHED = ' stroke-dasharray="4 3"';

/** The key sits under the x-axis, outside the plot, so it never hides a line: two entries a row. */
const LEGEND_COLUMNS = 2;
const LEGEND_COLUMN_WIDTH = 280;
const LEGEND_ROW_HEIGHT = 14;

export interface Series {
  label: string;
  points: [number, number][];
  dashed?: boolean;
  /** Index into the palette; series that belong together (a queue's base and candidate) share one. */
  colour?: number;
}

interface LegendEntry {
  label: string;
  colour: number;
  dashed?: boolean;
  box?: boolean;
}

const legendHeight = (entries: number) =>
  entries ? Math.ceil(entries / LEGEND_COLUMNS) * LEGEND_ROW_HEIGHT + 8 : 0;

/** The figure around a chart: its caption, and an svg that names the chart for tests and screen readers. */
function figure(name: string, title: string, height: number, body: string): string {
  const svg =
    `<svg class="chart" data-chart="${esc(name)}" viewBox="0 0 ${WIDTH} ${height}"` +
    ` width="${WIDTH}" height="${height}" role="img" aria-label="${esc(title)}">`;
  return `<figure><figcaption>${esc(title)}</figcaption>${svg}${body}</svg></figure>`;
}

const xAxisLine = (height: number) =>
  `<line x1="${PAD.left}" y1="${height - PAD.bottom}" x2="${WIDTH - PAD.right}" y2="${height - PAD.bottom}" stroke="#555"/>`;

const yAxisLabel = (label: string, height: number) =>
  `<text x="12" y="${height / 2}" font-size="11" text-anchor="middle"` +
  ` transform="rotate(-90 12 ${height / 2})">${esc(label)}</text>`;

const tickLabel = (x: number, y: number, anchor: "start" | "middle" | "end", text: string | number) =>
  `<text x="${x}" y="${y}" font-size="10" text-anchor="${anchor}">${text}</text>`;

/** Whole numbers on a wide axis; one decimal on a narrow one, where rounding would print 0, 0, 1, 1, 1. */
const tickText = (value: number, span: number) => (span >= 10 ? Math.round(value) : value.toFixed(1));

/** A plot's frame: its height and the range of its y-axis, which may run below zero. */
interface Frame {
  height: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

const plotX = (f: Frame, x: number) => PAD.left + (x / f.xMax) * (WIDTH - PAD.left - PAD.right);
const plotY = (f: Frame, y: number) =>
  f.height - PAD.bottom - ((y - f.yMin) / (f.yMax - f.yMin)) * (f.height - PAD.top - PAD.bottom);

function axes(f: Frame, xLabel: string, yLabel: string): string {
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  const yAt = (t: number) => f.yMin + t * (f.yMax - f.yMin);
  const zero =
    f.yMin < 0
      ? `<line class="zero" x1="${PAD.left}" y1="${plotY(f, 0)}" x2="${WIDTH - PAD.right}" y2="${plotY(f, 0)}" stroke="#999" stroke-dasharray="2 2"/>`
      : "";
  return [
    xAxisLine(f.height),
    `<line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${f.height - PAD.bottom}" stroke="#555"/>`,
    zero,
    ...ticks.map((t) =>
      tickLabel(plotX(f, t * f.xMax), f.height - PAD.bottom + 14, "middle", Math.round(t * f.xMax)),
    ),
    ...ticks.map((t) =>
      tickLabel(PAD.left - 6, plotY(f, yAt(t)) + 3, "end", tickText(yAt(t), f.yMax - f.yMin)),
    ),
    `<text x="${(WIDTH + PAD.left) / 2}" y="${f.height - 4}" font-size="11" text-anchor="middle">${esc(xLabel)}</text>`,
    yAxisLabel(yLabel, f.height),
  ].join("");
}

/** The key, under the plot of height `top`: a line per series (dashed as its series is), or a box per bar. */
function legend(entries: LegendEntry[], top: number): string {
  const items = entries.map((entry, i) => {
    const at = `${(i % LEGEND_COLUMNS) * LEGEND_COLUMN_WIDTH},${Math.floor(i / LEGEND_COLUMNS) * LEGEND_ROW_HEIGHT}`;
    const colour = seriesColour(entry.colour);
    const mark = entry.box
      ? `<rect x="4" y="0" width="8" height="8" fill="${colour}"/>`
      : `<line x1="0" y1="4" x2="16" y2="4" stroke="${colour}" stroke-width="2"${entry.dashed ? DASHED : ""}/>`;
    return `<g transform="translate(${at})">${mark}<text x="20" y="8" font-size="10">${esc(entry.label)}</text></g>`;
  });
  return `<g class="legend" transform="translate(${PAD.left + 8},${top + 4})">${items.join("")}</g>`;
}

export interface LineChartOptions {
  /** Lets the y-axis run below zero, for a chart of differences; a line marks zero. */
  signed?: boolean;
  height?: number;
}

export function lineChart(
  name: string,
  title: string,
  series: Series[],
  xLabel: string,
  yLabel: string,
  options: LineChartOptions = {},
): string {
  const ys = series.flatMap((s) => s.points.map((p) => p[1]));
  const reach = Math.max(1, ...ys.map(Math.abs));
  const frame: Frame = {
    height: options.height ?? HEIGHT,
    xMax: Math.max(1, ...series.flatMap((s) => s.points.map((p) => p[0]))),
    yMin: options.signed ? -reach : 0,
    yMax: options.signed ? reach : Math.max(1, ...ys),
  };
  const colourOf = (s: Series, i: number) => s.colour ?? i;
  const paths = series.map((s, i) => {
    const pathData = s.points
      .map(([x, y], j) => `${j ? "L" : "M"}${plotX(frame, x).toFixed(1)},${plotY(frame, y).toFixed(1)}`)
      .join("");
    return (
      `<path class="series" data-series="${esc(s.label)}" d="${pathData}" fill="none"` +
      ` stroke="${seriesColour(colourOf(s, i))}" stroke-width="1.5"${s.dashed ? DASHED : ""}/>`
    );
  });
  const key = legend(
    series.map((s, i) => ({ label: s.label, colour: colourOf(s, i), dashed: s.dashed === true })),
    frame.height,
  );
  const height = frame.height + legendHeight(series.length);
  return figure(name, title, height, `${axes(frame, xLabel, yLabel)}${paths.join("")}${key}`);
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
    xAxisLine(HEIGHT),
    ...yTicks,
    yAxisLabel(yLabel, HEIGHT),
    ...rects,
    ...labels,
    legend(
      bars.map((b, i) => ({ label: b.label, colour: i, box: true })),
      HEIGHT,
    ),
  ];
  return figure(name, title, HEIGHT + legendHeight(bars.length), body.join(""));
}

/** About how many characters of 10 px text fit across the chart; a longer label loses its middle, never its ends. */
const LABEL_CHARS = 104;

/** "basic-analysis: projects/…/bench_basic_analysis.py::test_x": the suite and the benchmark's own name stay. */
export function fitLabel(label: string, chars = LABEL_CHARS): string {
  if (label.length <= chars) return label;
  const head = Math.floor((chars - 1) * 0.3);
  return `${label.slice(0, head)}…${label.slice(label.length - (chars - 1 - head))}`;
}

/**
 * One row per benchmark: its name on a line of its own across the whole width (a long name is never cut off at
 * the left edge), and under it the ratio with its interval against the ±band.
 */
export function intervalChart(
  name: string,
  title: string,
  rows: { label: string; ratio: number; lo: number; hi: number; verdict: string }[],
  minEffect: number,
): string {
  const rowHeight = 34;
  const height = PAD.top + PAD.bottom + rowHeight * Math.max(1, rows.length);
  const lo = Math.min(1 - 2 * minEffect, ...rows.map((r) => r.lo));
  const hi = Math.max(1 + 2 * minEffect, ...rows.map((r) => r.hi));
  const left = PAD.right;
  const px = (x: number) => left + ((x - lo) / (hi - lo)) * (WIDTH - left - PAD.right);
  const band =
    `<rect class="band" x="${px(1 - minEffect)}" y="${PAD.top}" width="${px(1 + minEffect) - px(1 - minEffect)}"` +
    ` height="${height - PAD.top - PAD.bottom}" fill="#e5e7eb"/>` +
    `<line x1="${px(1)}" y1="${PAD.top}" x2="${px(1)}" y2="${height - PAD.bottom}" stroke="#555" stroke-dasharray="3 3"/>`;
  const marks = rows.map((r, i) => {
    const top = PAD.top + rowHeight * i;
    const y = top + 24;
    const colour = benchmarkVerdictColour(r.verdict);
    const tip = `${esc(r.label)}: ${r.ratio.toFixed(3)} [${r.lo.toFixed(3)}, ${r.hi.toFixed(3)}] ${esc(r.verdict)}`;
    return [
      `<g class="interval" data-verdict="${esc(r.verdict)}">`,
      `<text class="label" x="${left}" y="${top + 11}" font-size="10" text-anchor="start">${esc(fitLabel(r.label))}<title>${esc(r.label)}</title></text>`,
      `<line x1="${px(r.lo)}" y1="${y}" x2="${px(r.hi)}" y2="${y}" stroke="${colour}" stroke-width="2"/>`,
      `<circle cx="${px(r.ratio)}" cy="${y}" r="4" fill="${colour}"><title>${tip}</title></circle></g>`,
    ].join("");
  });
  const ticks = [lo, 1, hi].map((t) => tickLabel(px(t), height - PAD.bottom + 14, "middle", t.toFixed(2)));
  return figure(name, title, height, `${band}${marks.join("")}${ticks.join("")}`);
}
