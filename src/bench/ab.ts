import { execFileSync } from "node:child_process";
import { cpSync } from "node:fs";
import { join } from "node:path";
import { errorMessage } from "../common/index.js";
import { type CompareReport, compareInterleaved, type RoundSeries } from "./compare.js";
import { BenchInputError } from "./formats.js";
import type { Progress } from "./progress.js";
import { measure } from "./runner.js";
import { slowed } from "./slowdown.js";
import type { StatsOptions } from "./stats.js";
import { allTasks, loaderFor, loadSuites } from "./suite.js";
import { createWorktree } from "./worktree.js";

export interface AbOptions {
  repoRoot: string;
  baselineRef: string;
  /** Rounds before the first verdict. */
  rounds: number;
  /** Sampling time per task and round, in milliseconds. */
  roundTimeMs: number;
  /** Inconclusive results are rerun with more rounds until this many seconds have gone. */
  budgetSeconds: number;
  stats: StatsOptions;
  progress?: Progress;
  /** For negative tests of the gate: make one candidate task this many times slower. */
  slowdown?: { task: string; factor: number };
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();

/**
 * A build of `ref` in a temporary worktree, sharing the repository's node_modules. When `ref` has the same tree as
 * the working copy, the current build is copied instead of compiled again: identical sources, identical output.
 */
export function prepareBaseline(
  repoRoot: string,
  ref: string,
): { root: string; sha: string; cleanup(): void } {
  let sha: string;
  try {
    sha = git(repoRoot, "rev-parse", "--verify", "--quiet", `${ref}^{commit}`);
  } catch {
    throw new BenchInputError(`baseline ref "${ref}" matches no commit`);
  }
  const { root, cleanup } = createWorktree(repoRoot, sha);
  try {
    // Everything that goes into a build: sources, configs, and the dependency versions.
    const built = [
      "src",
      "gates",
      "contract",
      "tsconfig.json",
      "tsconfig.build.json",
      "package.json",
      "package-lock.json",
    ];
    const unchanged = git(repoRoot, "status", "--porcelain", "--", ...built).length === 0;
    const sameTree =
      unchanged && git(repoRoot, "rev-parse", `${sha}^{tree}`) === git(repoRoot, "rev-parse", "HEAD^{tree}");
    if (sameTree) cpSync(join(repoRoot, "dist"), join(root, "dist"), { recursive: true });
    else {
      const tsc = join(repoRoot, "node_modules", "typescript", "bin", "tsc");
      execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: root, stdio: "pipe" });
    }
  } catch (err) {
    cleanup();
    throw new BenchInputError(`cannot build baseline ${ref}: ${errorMessage(err).split("\n")[0]}`);
  }
  return { root, sha, cleanup };
}

/** Runs the suites of the working copy against both builds, in alternating rounds (ABBA) of one process. */
export async function runAb(
  options: AbOptions,
): Promise<CompareReport & { baseline_ref: string; baseline_sha: string; rounds: number }> {
  const baseline = prepareBaseline(options.repoRoot, options.baselineRef);
  try {
    const suites = await loadSuites(options.repoRoot);
    const a = await allTasks(suites, loaderFor(baseline.root));
    const bRaw = await allTasks(suites, loaderFor(options.repoRoot));
    const b = bRaw.map((t) =>
      options.slowdown && t.name === options.slowdown.task ? slowed(t, options.slowdown.factor) : t,
    );
    const series: RoundSeries[] = a.map((t) => ({ name: t.name, rounds: [], saturation: null }));
    const started = performance.now();
    const runRound = async (index: number) => {
      const tasks = a.flatMap((ta, i) => {
        const tb = b[i];
        if (!tb)
          throw new Error(`the working copy's build has no task ${i + 1} (the baseline's "${ta.name}")`);
        const pair = [
          { name: `A ${ta.name}`, fn: ta.fn },
          { name: `B ${ta.name}`, fn: tb.fn },
        ];
        return index % 2 === 0 ? pair : pair.reverse();
      });
      options.progress?.update(`round ${index + 1}`);
      const { results } = await measure(tasks, {
        timeMs: options.roundTimeMs,
        warmupMs: 5,
        minIterations: 8,
        keep: 400,
      });
      series.forEach((s) => {
        const ra = results.find((r) => r.name === `A ${s.name}`);
        const rb = results.find((r) => r.name === `B ${s.name}`);
        s.rounds.push({ baseline: ra?.samples ?? [], candidate: rb?.samples ?? [] });
        s.saturation = s.saturation ?? ra?.saturation ?? rb?.saturation ?? null;
      });
    };
    let round = 0;
    for (; round < options.rounds; round++) await runRound(round);
    let report = compareInterleaved(series, options.stats);
    const open = () => report.benchmarks.some((x) => x.verdict === "inconclusive" && x.flags.length === 0);
    while (open() && (performance.now() - started) / 1000 < options.budgetSeconds) {
      await runRound(round++);
      report = compareInterleaved(series, options.stats);
    }
    options.progress?.done();
    return { ...report, baseline_ref: options.baselineRef, baseline_sha: baseline.sha, rounds: round };
  } finally {
    baseline.cleanup();
  }
}
