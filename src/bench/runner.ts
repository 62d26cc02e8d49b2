import { Bench, type BenchEvent, classifyTimerSaturation } from "tinybench";
import type { Progress } from "./progress.js";
import type { BenchTask } from "./suite.js";

export interface Measured {
  name: string;
  /** Latency of each call, in milliseconds, sorted (as tinybench keeps them). */
  samples: number[];
  /** tinybench's timer-saturation reason when the timer was too coarse for this task, else null. */
  saturation: string | null;
}

export interface MeasureOptions {
  /** Sampling time per task, in milliseconds. */
  timeMs: number;
  warmupMs?: number;
  /** The fewest calls per task, whatever the time (tinybench's default is 64). */
  minIterations?: number;
  /** Keep at most this many samples per task (evenly spaced); all of them by default. */
  keep?: number;
  progress?: Progress;
}

/** Evenly spaced through the sorted samples, so the spread survives the thinning. */
function thin(samples: readonly number[], keep: number): number[] {
  if (samples.length <= keep) return [...samples];
  const step = samples.length / keep;
  // Every index is below samples.length, since step is samples.length / keep.
  return Array.from({ length: keep }, (_, i) => samples[Math.floor(i * step)] ?? Number.NaN);
}

/** Runs tasks with tinybench, one after another, and keeps their samples and timer warnings. */
export async function measure(
  tasks: readonly BenchTask[],
  options: MeasureOptions,
): Promise<{ results: Measured[]; timer: string }> {
  const bench = new Bench({
    time: options.timeMs,
    warmupTime: options.warmupMs ?? 20,
    iterations: options.minIterations ?? 64,
    retainSamples: true,
  });
  const warned = new Map<string, string>();
  bench.addEventListener("warning", (event: BenchEvent<"warning">) => {
    warned.set(event.task.name, event.reason ?? "timer-saturation");
  });
  for (const task of tasks) bench.add(task.name, task.fn);
  let done = 0;
  bench.addEventListener("cycle", () => options.progress?.update(`sampling ${++done}/${tasks.length}`));
  await bench.run();
  let timer = "unknown";
  const results = bench.tasks.map((task) => {
    const r = task.result;
    if (r.state !== "completed") throw new Error(`benchmark "${task.name}" did not complete (${r.state})`);
    timer = r.timestampProviderName ?? timer;
    const samples = [...(r.latency.samples ?? [])];
    const sorted = r.latency.samples;
    const saturation =
      warned.get(task.name) ?? (sorted ? classifyTimerSaturation(sorted, r.latency.mad) : undefined) ?? null;
    return { name: task.name, samples: thin(samples, options.keep ?? Number.POSITIVE_INFINITY), saturation };
  });
  return { results, timer };
}
