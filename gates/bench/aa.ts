/**
 * `npm run bench:aa`: runs `bench ab` of HEAD against HEAD twenty times and counts the verdicts that were not
 * "unchanged". A trustworthy compare says "unchanged" about identical code; the target is at most 1 run in 20.
 */
import { mkdir, rename, writeFile } from "node:fs/promises";
import { execa } from "execa";

const RUNS = 20;
const runs: { run: number; verdicts: Record<string, string>; seconds: number }[] = [];
for (let run = 1; run <= RUNS; run++) {
  const started = performance.now();
  const r = await execa(
    "node",
    [
      "dist/gate/cli.js",
      "bench",
      "ab",
      "--baseline-ref",
      "HEAD",
      "--format",
      "json",
      "--inconclusive",
      "warn",
    ],
    {
      reject: false,
      env: { CI: "true" },
    },
  );
  if (r.exitCode !== 0 && r.exitCode !== 1) throw new Error(`bench ab failed: ${r.stderr}`);
  const report = JSON.parse(r.stdout) as { benchmarks: { name: string; verdict: string }[] };
  const verdicts = Object.fromEntries(report.benchmarks.map((b) => [b.name, b.verdict]));
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  runs.push({ run, verdicts, seconds });
  const off = Object.entries(verdicts).filter(([, v]) => v !== "unchanged");
  console.log(
    `run ${run}/${RUNS}: ${off.length === 0 ? "all unchanged" : off.map(([n, v]) => `${n}: ${v}`).join("; ")} (${seconds} s)`,
  );
}
const runsNotUnchanged = runs.filter((r) => Object.values(r.verdicts).some((v) => v !== "unchanged")).length;
const verdictsNotUnchanged = runs.reduce(
  (n, r) => n + Object.values(r.verdicts).filter((v) => v !== "unchanged").length,
  0,
);
const verdictsTotal = runs.reduce((n, r) => n + Object.keys(r.verdicts).length, 0);
const summary = {
  runs: RUNS,
  runs_not_unchanged: runsNotUnchanged,
  verdicts_not_unchanged: verdictsNotUnchanged,
  verdicts_total: verdictsTotal,
  target: "at most 1 run in 20",
};
console.log(JSON.stringify(summary));
await mkdir("evidence/out", { recursive: true });
await writeFile("evidence/out/bench-aa.json.tmp", `${JSON.stringify({ summary, runs }, null, 2)}\n`);
await rename("evidence/out/bench-aa.json.tmp", "evidence/out/bench-aa.json");
