import type { Arrival, StressProfile } from "../../contract/index.js";
import { type Catalog, classifyFile } from "../../policy/index.js";
import { outOfRange } from "./out-of-range.js";
import { exponential, type Random, sample, weighted } from "./random.js";

/** Every job of a profile, in arrival order. Ids are positions in these arrays. */
export interface JobTable {
  count: number;
  arrival: Float64Array;
  service: Float64Array;
  queue: Int32Array;
  klass: Int32Array;
}

function arrivalTimes(random: Random, a: Arrival): number[] {
  const start = a.start_seconds ?? 0;
  const end = start + a.duration_seconds;
  const times: number[] = [];
  if (a.pattern === "burst") {
    const burst = new Float64Array(a.count);
    for (let i = 0; i < a.count; i++) burst[i] = start + random.uniform() * a.duration_seconds;
    return Array.from(burst.sort());
  }
  if (a.pattern === "steady") {
    for (
      let t = start + exponential(random, 1 / a.rate_per_second);
      t < end;
      t += exponential(random, 1 / a.rate_per_second)
    ) {
      times.push(t);
    }
    return times;
  }
  // A linear ramp: a non-homogeneous Poisson process by thinning.
  const peak = Math.max(a.from_rate_per_second, a.to_rate_per_second);
  if (peak <= 0) return times;
  for (let t = start + exponential(random, 1 / peak); t < end; t += exponential(random, 1 / peak)) {
    const rate =
      a.from_rate_per_second +
      ((a.to_rate_per_second - a.from_rate_per_second) * (t - start)) / a.duration_seconds;
    if (random.uniform() * peak < rate) times.push(t);
  }
  return times;
}

/** Draws arrivals, file types and service times from one seeded stream, in the profile's order. */
export function generateJobs(catalog: Catalog, profile: StressProfile, random: Random): JobTable {
  const queues = catalog.queues.map((q) => q.name);
  const classes = catalog.classes.map((c) => c.name);
  const cumulative: number[] = [];
  let sum = 0;
  for (const m of profile.mix) {
    sum += m.weight;
    cumulative.push(sum);
  }
  const classOfMix = profile.mix.map((m) => classes.indexOf(classifyFile(catalog, `file${m.extension}`)));
  const t: number[] = [];
  const q: number[] = [];
  const c: number[] = [];
  const service: number[] = [];
  for (const a of profile.arrivals) {
    const queue = queues.indexOf(a.queue);
    for (const time of arrivalTimes(random, a)) {
      const klass = classOfMix[weighted(random, cumulative)] ?? 0;
      const distribution = profile.service_time[classes[klass] ?? ""];
      t.push(time);
      q.push(queue);
      c.push(klass);
      service.push(distribution ? sample(random, distribution) : 1);
    }
  }
  return inArrivalOrder({
    count: t.length,
    arrival: Float64Array.from(t),
    service: Float64Array.from(service),
    queue: Int32Array.from(q),
    klass: Int32Array.from(c),
  });
}

/** The jobs by arrival time; equal times keep the profile's order. One stream is already in order. */
function inArrivalOrder(jobs: JobTable): JobTable {
  const timeOf = (id: number) => jobs.arrival[id] ?? outOfRange("job", id);
  if (!jobs.arrival.some((x, id) => id > 0 && x < timeOf(id - 1))) return jobs;
  const order = Array.from(jobs.arrival.keys()).sort((x, y) => timeOf(x) - timeOf(y) || x - y);
  return {
    count: jobs.count,
    arrival: Float64Array.from(order, timeOf),
    service: Float64Array.from(order, (id) => jobs.service[id] ?? outOfRange("job", id)),
    queue: Int32Array.from(order, (id) => jobs.queue[id] ?? outOfRange("job", id)),
    klass: Int32Array.from(order, (id) => jobs.klass[id] ?? outOfRange("job", id)),
  };
}
