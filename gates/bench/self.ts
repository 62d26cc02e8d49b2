/** `npm run bench`: the project's own benchmarks, written to evidence/out/bench-self.json. */
import { mkdir, rename, writeFile } from "node:fs/promises";
import os from "node:os";
import { Bench } from "tinybench";
import { measureCtlStartup } from "./ctl-startup.js";
import { addPolicyBenchmarks } from "./policy.bench.js";
import { measureSimulationSpeed } from "./simulation.js";
import { measureTwinThroughput } from "./twin-throughput.js";

const OUT = "evidence/out/bench-self.json";

async function microBenchmarks() {
  const bench = new Bench({ name: "throughput-gate self", time: 500, warmupTime: 100 });
  addPolicyBenchmarks(bench);
  await bench.run();
  return bench.tasks.map((task) => {
    const r = task.result;
    if (r.state !== "completed") return { name: task.name, state: r.state };
    return {
      name: task.name,
      state: r.state,
      samples: r.latency.samplesCount,
      latency_ms: { mean: r.latency.mean, p50: r.latency.p50, p99: r.latency.p99, rme: r.latency.rme },
      throughput_ops_per_s: { mean: r.throughput.mean, p50: r.throughput.p50 },
    };
  });
}

const micro = await microBenchmarks();
console.table(
  micro.map((r) => ({
    name: r.name,
    "ops/s": r.throughput_ops_per_s ? Math.round(r.throughput_ops_per_s.mean) : r.state,
  })),
);
const twin = await measureTwinThroughput();
console.log(
  `twin GET status: ${twin.twin_median_rps} req/s, bare node:http: ${twin.bare_median_rps} req/s, ratio ${twin.ratio} (target >= ${twin.target_ratio}); server CPU per request: twin ${twin.twin_cpu_us_per_request} us, bare ${twin.bare_cpu_us_per_request} us`,
);

const ctl = await measureCtlStartup();
console.log(
  `nemesis-ctl status --json: median ${ctl.ctl_median_ms} ms, node -e fetch floor: ${ctl.floor_median_ms} ms, ratio ${ctl.ratio} (target <= ${ctl.target_ratio})`,
);

const sim = measureSimulationSpeed();
console.log(
  `simulation: ${sim.files} files, ${sim.events} events in ${sim.wall_seconds} s (target < ${sim.target_wall_seconds} s), ${sim.events_per_second} events/s; heap loop ${sim.heap_loop_events_per_second} events/s; ratio ${sim.ratio} (target >= ${sim.target_ratio})`,
);

const report = {
  environment: {
    node: process.version,
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    os: `${os.platform()} ${os.release()}`,
  },
  micro,
  twin_status_throughput: twin,
  ctl_status_startup: ctl,
  simulation_speed: sim,
};
await mkdir("evidence/out", { recursive: true });
await writeFile(`${OUT}.tmp`, `${JSON.stringify(report, null, 2)}\n`);
await rename(`${OUT}.tmp`, OUT);
console.log(`bench: wrote ${OUT}`);
