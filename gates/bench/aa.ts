/**
 * `npm run bench:aa`: the real verdicts of the benchmark compare, on this machine, which no test may assert on
 * because they rest on timings taken during the run.
 *
 * - A/A: runs `bench ab` of HEAD against HEAD twenty times and counts the verdicts that were not "unchanged". A
 *   trustworthy compare says "unchanged" about identical code; the target is at most 1 run in 20.
 * - Detection: runs `bench ab` five times with one task made 40% slower and counts the runs that call it
 *   "regressed" and nothing else; the target is 5 in 5.
 * The pytest example's slowdown (fixtures/gate/pytest-slowdown.json) is counted in instructions, so its verdict is
 * asserted by test/bench/instructions.test.ts instead; `npm run bench:instructions` measures the counted metric.
 *
 * Results go to evidence/out/bench-aa.json.
 */
import { mkdir, rename, writeFile } from "node:fs/promises";
import { DEFAULT_STATS, runAb } from "../../src/bench/index.js";

const AA_RUNS = Number(process.env.AA_RUNS ?? 20);
const DETECTION_RUNS = Number(process.env.DETECTION_RUNS ?? 5);
const SLOW_TASK = "policy: status derivation";

const seconds = (started: number) => Math.round((performance.now() - started) / 100) / 10;

async function abVerdicts(slowdown?: { task: string; factor: number }) {
  const report = await runAb({
    repoRoot: process.cwd(),
    baselineRef: "HEAD",
    rounds: 6,
    roundTimeMs: 40,
    budgetSeconds: 10,
    stats: DEFAULT_STATS,
    slowdown,
  });
  return Object.fromEntries(report.benchmarks.map((b) => [b.name, b.verdict]));
}

const aa: { run: number; verdicts: Record<string, string>; seconds: number }[] = [];
for (let run = 1; run <= AA_RUNS; run++) {
  const started = performance.now();
  const verdicts = await abVerdicts();
  aa.push({ run, verdicts, seconds: seconds(started) });
  const off = Object.entries(verdicts).filter(([, v]) => v !== "unchanged");
  console.log(
    `A/A run ${run}/${AA_RUNS}: ${off.length === 0 ? "all unchanged" : off.map(([n, v]) => `${n}: ${v}`).join("; ")}`,
  );
}

const detection: { run: number; slowed: string; others_regressed: string[]; seconds: number }[] = [];
for (let run = 1; run <= DETECTION_RUNS; run++) {
  const started = performance.now();
  const verdicts = await abVerdicts({ task: SLOW_TASK, factor: 1.4 });
  const othersRegressed = Object.entries(verdicts)
    .filter(([n, v]) => n !== SLOW_TASK && v === "regressed")
    .map(([n]) => n);
  detection.push({
    run,
    slowed: verdicts[SLOW_TASK] ?? "missing",
    others_regressed: othersRegressed,
    seconds: seconds(started),
  });
  console.log(`40% slower run ${run}/${DETECTION_RUNS}: ${SLOW_TASK}: ${verdicts[SLOW_TASK]}`);
}

const runsNotUnchanged = aa.filter((r) => Object.values(r.verdicts).some((v) => v !== "unchanged")).length;
const caught = detection.filter((d) => d.slowed === "regressed" && d.others_regressed.length === 0).length;
const summary = {
  aa_runs: AA_RUNS,
  aa_runs_not_unchanged: runsNotUnchanged,
  aa_target: "at most 1 run in 20",
  detection_runs: DETECTION_RUNS,
  detection_caught: caught,
  detection_target: `every run calls ${SLOW_TASK} regressed and nothing else`,
};
console.log(JSON.stringify(summary));
await mkdir("evidence/out", { recursive: true });
await writeFile("evidence/out/bench-aa.json.tmp", `${JSON.stringify({ summary, aa, detection }, null, 2)}\n`);
await rename("evidence/out/bench-aa.json.tmp", "evidence/out/bench-aa.json");
