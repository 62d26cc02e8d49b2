/** `npm run bench`: the project's own benchmarks, written to evidence/out/bench-self.json. */
import { mkdir, rename, writeFile } from "node:fs/promises";
import os from "node:os";
import { allTasks, loaderFor, loadSuites, measure } from "../../src/bench/index.js";
import { countCasts } from "./casts.js";
import { measureGateWallTime } from "./gate-wall-time.js";
import { measureShardWallTime } from "./shard-wall-time.js";
import { measureSimulationSpeed } from "./simulation.js";
import { measureStartup } from "./startup.js";
import { type Target, targetsSummary, targetText } from "./targets.js";
import { measureTwinThroughput } from "./twin-throughput.js";

const OUT = "evidence/out/bench-self.json";

/** The suites in gates/bench/*.bench.ts, run against the compiled build. */
async function microBenchmarks() {
  const root = process.cwd();
  const tasks = await allTasks(await loadSuites(root), loaderFor(root));
  const { results } = await measure(tasks, { timeMs: 500 });
  return results.map((r) => {
    const sorted = [...r.samples].sort((a, b) => a - b);
    const med = sorted[sorted.length >> 1] ?? Number.NaN;
    return {
      name: r.name,
      samples: r.samples.length,
      median_ms: med,
      ops_per_second: Math.round(1000 / med),
      saturation: r.saturation,
    };
  });
}

const micro = await microBenchmarks();
console.table(
  micro.map((r) => ({ name: r.name, "median ms": r.median_ms.toFixed(4), "calls/s": r.ops_per_second })),
);
const targets: Target[] = [];
/** Records a target for the closing line and returns how it reads in its own line. */
const check = (target: Target): string => {
  targets.push(target);
  return targetText(target);
};

const twin = await measureTwinThroughput();
console.log(
  `twin GET status: ${twin.twin_median_rps} req/s, bare node:http: ${twin.bare_median_rps} req/s, ratio ${check({ what: "twin throughput ratio", value: twin.ratio, op: ">=", limit: twin.target_ratio })}; server CPU per request: twin ${twin.twin_cpu_us_per_request} us, bare ${twin.bare_cpu_us_per_request} us`,
);

const startup = await measureStartup();
const ms = startup.median_ms;
const r = startup.ratios;
console.log(
  `start-up, medians of ${startup.rounds} rounds: ${Object.entries(ms)
    .map(([name, v]) => `${name} ${v} ms`)
    .join(", ")}`,
);
console.log(
  `nemesis-ctl throughput status / node -e 0: ${check({ what: "nemesis-ctl status start-up ratio", value: r.ctl_status_to_node, op: "<=", limit: startup.targets.ctl_status_to_node })}; --help / node -e 0: nemesis-ctl ${check({ what: "nemesis-ctl --help ratio", value: r.ctl_help_to_node, op: "<=", limit: startup.targets.help_to_node })}, throughput-gate ${check({ what: "throughput-gate --help ratio", value: r.gate_help_to_node, op: "<=", limit: startup.targets.help_to_node })}`,
);
console.log(
  `the floor (a bare node:http GET in an ES module) / node -e 0: ${r.floor_to_node}; nemesis-ctl status / the floor: ${r.ctl_status_to_floor}`,
);
console.log(
  r.ctl_status_to_bash_client === null
    ? "nemesis-ctl status / the earlier Bash client: not measured (set NEMESIS_CTL_SH to its tools/nemesis-ctl.sh)"
    : `nemesis-ctl status / the earlier Bash client: ${check({ what: "nemesis-ctl status / Bash client", value: r.ctl_status_to_bash_client, op: "<=", limit: startup.targets.ctl_status_to_bash_client })}`,
);
const casts = countCasts();
console.log(
  `type assertions in src/ (without as const and generated code): ${check({ what: "as casts in src/", value: casts.total, op: "<=", limit: casts.target })}`,
);

const sim = measureSimulationSpeed();
console.log(
  `simulation: ${sim.files} files, ${sim.events} events in ${check({ what: "simulation wall time", value: sim.wall_seconds, op: "<", limit: sim.target_wall_seconds, unit: " s" })}, ${sim.events_per_second} events/s; heap loop ${sim.heap_loop_events_per_second} events/s; ratio ${check({ what: "simulation ratio", value: sim.ratio, op: ">=", limit: sim.target_ratio })}`,
);

const gate = await measureGateWallTime();
for (const g of gate) {
  const total = check({
    what: `gate ${g.mode}`,
    value: g.total_seconds,
    op: "<=",
    limit: g.target_seconds,
    unit: " s",
  });
  const outside = check({
    what: `gate ${g.mode} outside benchmark sampling`,
    value: g.outside_sampling_seconds,
    op: "<=",
    limit: 5,
    unit: " s",
  });
  const steps = Object.entries(g.steps_seconds)
    .map(([k, v]) => `${k} ${v} s`)
    .join(", ");
  console.log(`gate ${g.mode}: ${total}, outside benchmark sampling ${outside}; ${steps}`);
}
// Last: it runs the gate 14 times and its shards two and four at once, which would load the measurements above.
const sharded = await measureShardWallTime();
for (const g of sharded) {
  const runs = g.runs
    .map(
      (r) =>
        `${r.shards} shards ${r.wall_seconds} s (merge ${r.merge_seconds} s${r.merge_seconds === null ? "" : `, ${check({ what: `merge of ${r.shards} shards (${g.config})`, value: r.merge_seconds, op: "<=", limit: 2, unit: " s" })}`}; same digest: ${r.same_digest_as_unsharded})`,
    )
    .join(", ");
  console.log(`gate ${g.config} sharded: unsharded ${g.unsharded_wall_seconds} s, ${runs}`);
}
const report = {
  environment: {
    node: process.version,
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    os: `${os.platform()} ${os.release()}`,
  },
  micro,
  twin_status_throughput: twin,
  startup,
  casts,
  simulation_speed: sim,
  gate_wall_time: gate,
  shard_wall_time: sharded,
};
await mkdir("evidence/out", { recursive: true });
await writeFile(`${OUT}.tmp`, `${JSON.stringify(report, null, 2)}\n`);
await rename(`${OUT}.tmp`, OUT);
console.log(`bench: wrote ${OUT}`);
console.log(targetsSummary(targets));
