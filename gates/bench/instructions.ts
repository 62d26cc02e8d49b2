/**
 * `npm run bench:instructions`: what the instruction metric does on this machine, measured, never asserted in a
 * timed test. Writes evidence/out/bench-instructions.json and prints each figure as it is measured.
 *
 * - A/A: one process a side, every benchmark of the pytest fixture and of our own Node suites, AA_RUNS repeats;
 *   every other repeat runs beside two busy loops. Each repeat must call every benchmark unchanged.
 * - Noise floor: over every process of the A/A (two per repeat), each benchmark's largest count over its smallest.
 * - Detection: one process a side, +2% work in one benchmark of the pytest fixture (each benchmark in turn),
 *   DETECTION_RUNS repeats: that one must be regressed, the other two unchanged.
 * - A realistic change (fixtures/nemesis-like, md5 and sha1 added to file_hashes()): the truth per benchmark from
 *   TRUTH_PROCESSES time processes a side, interleaved, beside the verdict of one counted process a side.
 * - Wall time: the pytest example gate under instructions and under time (5 processes a side), and the default
 *   gate, in the same run.
 */
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { execa } from "execa";
import {
  compareRuns,
  countSuite,
  judgeCounts,
  measureSuite,
  PROCESS_STATS,
  type SuiteSpec,
} from "../../src/bench/index.js";

const AA_RUNS = Number(process.env.AA_RUNS ?? 20);
const DETECTION_RUNS = Number(process.env.DETECTION_RUNS ?? 21);
const TRUTH_PROCESSES = Number(process.env.TRUTH_PROCESSES ?? 15);
const ROOT = process.cwd();
const scratch = mkdtempSync(join(tmpdir(), "bench-instructions-"));

const PYTEST: SuiteSpec = {
  id: "basic-analysis",
  command: ["fixtures/bench-python/pytest-bench", "--benchmark-json={out}"],
  format: "pytest-benchmark",
  metric: "instructions",
  processes: 1,
};
const NODE: SuiteSpec = {
  id: "throughput-gate",
  command: ["node", "dist/gate/cli.js", "bench", "run", "--processes", "1", "--out", "{out}"],
  format: "throughput-gate",
  metric: "instructions",
  processes: 1,
};

const seconds = (started: number) => Math.round((performance.now() - started) / 100) / 10;
const short = (name: string) => name.replace(/^.*::/, "");

/** Two busy loops, one per core of the build machine, for as long as `work` runs. */
async function underLoad<T>(work: () => Promise<T>): Promise<T> {
  const loops = [0, 1].map(() => spawn(process.execPath, ["-e", "for(;;){}"], { stdio: "ignore" }));
  try {
    return await work();
  } finally {
    for (const loop of loops) loop.kill("SIGKILL");
  }
}

async function counted(spec: SuiteSpec, root = ROOT, tag = "run") {
  const outDir = mkdtempSync(join(scratch, `${spec.id}-${tag}-`));
  const started = performance.now();
  const suite = await countSuite(spec, { roots: { baseline: root, candidate: root }, outDir });
  const judged = judgeCounts(suite.baseline.counts, suite.candidate.counts);
  rmSync(outDir, { recursive: true, force: true });
  return { suite, judged, seconds: seconds(started) };
}

async function aaOf(spec: SuiteSpec) {
  const repeats = [];
  const all = new Map<string, number[]>();
  for (let run = 1; run <= AA_RUNS; run++) {
    const loaded = run % 2 === 0;
    const r = loaded ? await underLoad(() => counted(spec)) : await counted(spec);
    for (const side of [r.suite.baseline, r.suite.candidate])
      for (const c of side.counts) all.set(c.name, [...(all.get(c.name) ?? []), c.instructions]);
    const off = r.judged.benchmarks
      .filter((b) => b.verdict !== "unchanged")
      .map((b) => `${b.name}: ${b.verdict}`);
    repeats.push({ run, loaded, seconds: r.seconds, not_unchanged: off });
    console.log(
      `A/A ${spec.id} ${run}/${AA_RUNS}${loaded ? " (two busy loops)" : ""}: ${off.length ? off.join("; ") : "all unchanged"} (${r.seconds} s)`,
    );
  }
  const floor = [...all].map(([name, counts]) => ({
    name,
    processes: counts.length,
    min: Math.min(...counts),
    max: Math.max(...counts),
    spread: Math.max(...counts) / Math.min(...counts) - 1,
  }));
  for (const f of floor)
    console.log(`noise floor ${f.name}: ${(f.spread * 100).toFixed(5)}% over ${f.processes} processes`);
  return {
    repeats,
    all_unchanged: repeats.filter((r) => r.not_unchanged.length === 0).length,
    noise_floor: floor,
  };
}

async function detection() {
  const names = ["test_hash_64k", "test_magic_sniff", "test_json_round_trip"];
  const runs = [];
  for (let run = 1; run <= DETECTION_RUNS; run++) {
    const target = names[(run - 1) % names.length] as string;
    const spec = { ...PYTEST, candidate_env: { ENRICHMENT_BENCH_SLOWDOWN: `${target}=1.02` } };
    const r = await counted(spec);
    const verdicts = Object.fromEntries(r.judged.benchmarks.map((b) => [short(b.name), b.verdict]));
    const ratio = r.judged.benchmarks.find((b) => short(b.name) === target)?.ratio ?? Number.NaN;
    const right = Object.entries(verdicts).every(
      ([n, v]) => v === (n === target ? "regressed" : "unchanged"),
    );
    runs.push({ run, target, ratio, verdicts, right, seconds: r.seconds });
    console.log(
      `+2% ${target} ${run}/${DETECTION_RUNS}: ratio ${ratio.toFixed(4)}, ${right ? "right" : `WRONG ${JSON.stringify(verdicts)}`}`,
    );
  }
  return { runs, right: runs.filter((r) => r.right).length };
}

/** A temp git repository laid out like Nemesis, the change applied to its working tree. */
async function nemesisLike(): Promise<string> {
  const repo = join(scratch, "nemesis-like");
  cpSync("fixtures/nemesis-like", repo, { recursive: true });
  const git = (...args: string[]) => execa("git", args, { cwd: repo });
  await git("init", "-q");
  await git("add", "-A");
  await git("-c", "user.name=bench", "-c", "user.email=bench@example.invalid", "commit", "-qm", "baseline");
  await git("worktree", "add", "-q", join(scratch, "nemesis-like-base"), "HEAD");
  await git("apply", "changes/add-md5-sha1.patch");
  return repo;
}

async function realisticChange() {
  const repo = await nemesisLike();
  const base = join(scratch, "nemesis-like-base");
  const spec: SuiteSpec = {
    id: "nemesis-basic-analysis",
    command: [resolve("fixtures/bench-python/pytest-bench"), "--benchmark-json={out}"],
    format: "pytest-benchmark",
    metric: "instructions",
    processes: TRUTH_PROCESSES,
    env: { BENCH_FILE: "projects/file_enrichment/tests/benchmarks/bench_basic_analysis.py" },
  };
  const countDir = mkdtempSync(join(scratch, "nemesis-count-"));
  const started = performance.now();
  const suite = await countSuite(spec, { roots: { baseline: base, candidate: repo }, outDir: countDir });
  const verdicts = judgeCounts(suite.baseline.counts, suite.candidate.counts);
  const countSeconds = seconds(started);
  // The truth, from time: TRUTH_PROCESSES pytest-benchmark processes a side, base and candidate alternating.
  const truthStarted = performance.now();
  const timed = await measureSuite(
    { ...spec, metric: "time" },
    { roots: { baseline: base, candidate: repo }, outDir: mkdtempSync(join(scratch, "nemesis-time-")) },
  );
  const truth = compareRuns(timed.baseline, timed.candidate, { ...PROCESS_STATS, location: "min" });
  const rows = verdicts.benchmarks.map((b) => {
    const t = truth.benchmarks.find((x) => x.name === b.name);
    return {
      name: short(b.name),
      count_ratio: b.ratio,
      count_verdict: b.verdict,
      time_ratio: t?.ratio ?? null,
      time_interval: t?.interval ?? null,
      time_verdict: t?.verdict ?? null,
    };
  });
  for (const r of rows)
    console.log(
      `realistic ${r.name}: counted ${r.count_ratio.toFixed(4)} ${r.count_verdict}; time (${TRUTH_PROCESSES}/side) ${r.time_ratio?.toFixed(3)} [${r.time_interval?.map((x) => x.toFixed(3)).join(", ")}] ${r.time_verdict}`,
    );
  return { rows, count_seconds: countSeconds, truth_seconds: seconds(truthStarted) };
}

async function gateWallTime(config: string, label: string) {
  const started = performance.now();
  const r = await execa(
    "node",
    ["dist/gate/cli.js", "run", "--config", config, "--out", join(scratch, `gate-${label}`)],
    {
      reject: false,
      env: { CI: "true" },
    },
  );
  const s = seconds(started);
  console.log(`gate ${label}: exit ${r.exitCode}, ${s} s`);
  return { config: label, exit_code: r.exitCode, seconds: s };
}

async function wallTimes() {
  const timeConfig = join(scratch, "pytest-time.json");
  writeFileSync(
    timeConfig,
    JSON.stringify({
      extends: resolve("gates/examples/pytest-benchmark.config.json"),
      name: "pytest-benchmark-example-time",
      benchmark: { suites: [{ ...PYTEST, metric: "time", processes: 5 }] },
    }),
  );
  return [
    await gateWallTime("gates/examples/pytest-benchmark.config.json", "pytest example, instructions"),
    await gateWallTime(timeConfig, "pytest example, time, 5 processes a side"),
    await gateWallTime("gates/gate.config.json", "default, instructions"),
  ];
}

try {
  const result = {
    machine: { cores: (await import("node:os")).cpus().length, node: process.version },
    aa: { pytest: await aaOf(PYTEST), node: await aaOf(NODE) },
    detection: await detection(),
    realistic_change: await realisticChange(),
    wall_time: await wallTimes(),
  };
  await mkdir("evidence/out", { recursive: true });
  const tmp = "evidence/out/.bench-instructions.json.tmp";
  await writeFile(tmp, `${JSON.stringify(result, null, 2)}\n`);
  await rename(tmp, "evidence/out/bench-instructions.json");
  console.log("wrote evidence/out/bench-instructions.json");
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
