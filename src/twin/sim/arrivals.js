import { classifyFile } from "../../policy/index.js";
import { exponential, sample, weighted } from "./random.js";

function arrivalTimes(random, a) {
  const start = a.start_seconds ?? 0;
  const end = start + a.duration_seconds;
  const times = [];
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
export function generateJobs(catalog, profile, random) {
  const queues = catalog.queues.map((q) => q.name);
  const classes = catalog.classes.map((c) => c.name);
  const cumulative = [];
  let sum = 0;
  for (const m of profile.mix) {
    sum += m.weight;
    cumulative.push(sum);
  }
  const classOfMix = profile.mix.map((m) => classes.indexOf(classifyFile(catalog, `file${m.extension}`)));
  const t = [];
  const q = [];
  const c = [];
  const service = [];
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
  // Arrival order; equal times keep the profile's order. One stream is already in order.
  const order = Array.from(t.keys());
  if (t.some((x, i) => i > 0 && x < t[i - 1])) order.sort((x, y) => t[x] - t[y] || x - y);
  const n = order.length;
  const table = {
    count: n,
    arrival: new Float64Array(n),
    service: new Float64Array(n),
    queue: new Int32Array(n),
    klass: new Int32Array(n),
  };
  order.forEach((from, i) => {
    table.arrival[i] = t[from];
    table.service[i] = service[from];
    table.queue[i] = q[from];
    table.klass[i] = c[from];
  });
  return table;
}
