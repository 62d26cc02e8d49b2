import type { DepthSample, TimelineRow } from "../reported-steps.js";
import { lineChart, type Series } from "./charts.js";

const DIFFERENCE_HEIGHT = 160;

/** A queue's depth at time t: straight between samples, and held at its last sample once the side has drained. */
export function depthAt(samples: readonly DepthSample[], queue: string, t: number): number {
  const depth = (s: DepthSample | undefined) => s?.depths[queue] ?? 0;
  const next = samples.findIndex((s) => s.t >= t);
  if (next === -1) return depth(samples.at(-1));
  const after = samples[next];
  const before = samples[next - 1];
  if (!after || !before || after.t === t) return depth(after);
  return depth(before) + ((t - before.t) / (after.t - before.t)) * (depth(after) - depth(before));
}

/** Candidate minus base for one queue, at every time either side sampled: above zero the candidate has more waiting. */
export function depthDifference(
  base: readonly DepthSample[],
  candidate: readonly DepthSample[],
  queue: string,
): [number, number][] {
  const times = [...new Set([...base, ...candidate].map((s) => s.t))].sort((a, b) => a - b);
  return times.map((t) => [t, depthAt(candidate, queue, t) - depthAt(base, queue, t)]);
}

const queuesOf = (timeline: TimelineRow) => Object.keys(timeline.candidate[0]?.depths ?? {});

const pointsOf = (samples: readonly DepthSample[], queue: string) =>
  samples.map((s): [number, number] => [s.t, s.depths[queue] ?? 0]);

/** Each queue in its own colour: the base dashed, the candidate solid. */
function depthChart(timeline: TimelineRow): string {
  const series: Series[] = queuesOf(timeline).flatMap((queue, colour) => [
    ...(timeline.base
      ? [{ label: `${queue} (base)`, points: pointsOf(timeline.base, queue), dashed: true, colour }]
      : []),
    { label: `${queue} (candidate)`, points: pointsOf(timeline.candidate, queue), colour },
  ]);
  return lineChart(
    `queue-depth-${timeline.profile}`,
    `Queue depth over time: ${timeline.profile}, base (dashed) against candidate (solid)`,
    series,
    "seconds",
    "messages waiting",
  );
}

/** Where the two lines overlap, their difference still shows: a panel of candidate minus base per queue. */
function differenceChart(timeline: TimelineRow, base: readonly DepthSample[]): string {
  const series: Series[] = queuesOf(timeline).map((queue, colour) => ({
    label: `${queue}: candidate − base`,
    points: depthDifference(base, timeline.candidate, queue),
    colour,
  }));
  return lineChart(
    `queue-depth-difference-${timeline.profile}`,
    `Queue depth, candidate minus base: ${timeline.profile} (above zero the candidate has more waiting)`,
    series,
    "seconds",
    "messages",
    { signed: true, height: DIFFERENCE_HEIGHT },
  );
}

/** The depth chart of a profile, and under it the difference panel when there is a base to compare with. */
export function queueDepthCharts(timeline: TimelineRow): string[] {
  return timeline.base
    ? [depthChart(timeline), differenceChart(timeline, timeline.base)]
    : [depthChart(timeline)];
}
