import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { execaInGroup } from "../common/index.js";
import { type BenchFile, BenchInputError } from "./formats.js";
import type { Progress } from "./progress.js";
import { type RunSelection, type RunSet, readRunSet } from "./runs.js";

/**
 * One benchmark suite of the system under change, as the gate config declares it: a command that measures once
 * and writes its result to `{out}`, in a format this tool reads. Each process is one process-level round.
 */
export interface SuiteSpec {
  id: string;
  /** argv; every `{out}` is replaced by the result file of that process. */
  command: string[];
  format: BenchFile["format"];
  /**
   * "instructions": one process a side under callgrind, each benchmark's count judged against a small band.
   * "time": several processes a side, alternating, judged across processes. Time when absent.
   */
  metric?: "instructions" | "time";
  /** Processes per side and look. */
  processes: number;
  /** Where the command runs, relative to the tree it measures. */
  cwd?: string;
  env?: Record<string, string>;
  /** For negative gates: extra environment on the candidate side only (e.g. a knob that slows one benchmark). */
  candidate_env?: Record<string, string>;
  /** Run once in each tree before measuring it (a build), unless the tree is the candidate's and already built. */
  prepare?: string[];
  /** A saved history stands in for the baseline: no baseline process runs. */
  history?: { path: string } & RunSelection;
}

export type Side = "baseline" | "candidate";

export interface SuiteLook {
  baseline: RunSet;
  candidate: RunSet;
  /** Result files, in the order the processes ran. */
  files: { side: Side; file: string }[];
  seconds: number;
}

export interface SuiteRunOptions {
  /** The tree each side measures. `baseline` is null when the suite reads a history. */
  roots: { baseline: string | null; candidate: string };
  /** Where the result files go: `<outDir>/<side>-<NN>.json`. */
  outDir: string;
  progress?: Progress;
}

/**
 * The line of a failed process's output that says why: an `Error: …` line when there is one (Node ends a crash
 * with its own version line, which says nothing), else the last line.
 */
export function lastErrorLine(output: string): string | undefined {
  const lines = output
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.filter((l) => /^(\w*Error|error)\b/.test(l)).at(-1) ?? lines.at(-1);
}

async function runOnce(spec: SuiteSpec, side: Side, root: string, out: string): Promise<void> {
  const [file, ...args] = spec.command.map((a) => a.replaceAll("{out}", out));
  if (!file) throw new BenchInputError(`suite ${spec.id}: the command is empty`);
  const env = { ...process.env, ...spec.env, ...(side === "candidate" ? spec.candidate_env : {}) };
  const r = await execaInGroup(file, args, {
    cwd: resolve(root, spec.cwd ?? "."),
    env,
    reject: false,
    stdin: "ignore",
  });
  if (r.exitCode !== 0) {
    const why = lastErrorLine(`${r.stderr}\n${r.stdout}`) ?? r.shortMessage;
    throw new Error(`suite ${spec.id}: the ${side} process exited ${r.exitCode ?? "by a signal"}: ${why}`);
  }
}

/** Runs `prepare` in a tree; a failed build is the suite's failure, never a silent skip. */
export async function prepareTree(spec: SuiteSpec, root: string): Promise<void> {
  const [file, ...args] = spec.prepare ?? [];
  if (file === undefined) return;
  const r = await execaInGroup(file, args, { cwd: resolve(root, spec.cwd ?? "."), reject: false });
  if (r.exitCode !== 0)
    throw new Error(`suite ${spec.id}: prepare failed in ${root}: ${String(r.stderr).split("\n")[0]}`);
}

/**
 * One look: `processes` processes per side, alternating (base, candidate, candidate, base, ...) so that drift on a
 * shared machine lands on both sides alike. With a history baseline only the candidate runs.
 */
export async function measureSuite(spec: SuiteSpec, options: SuiteRunOptions): Promise<SuiteLook> {
  const started = performance.now();
  mkdirSync(options.outDir, { recursive: true });
  const files: SuiteLook["files"] = [];
  for (let i = 0; i < spec.processes; i++) {
    const pair: Side[] = i % 2 === 0 ? ["baseline", "candidate"] : ["candidate", "baseline"];
    for (const side of pair) {
      const root = options.roots[side];
      if (root === null) continue;
      options.progress?.update(`${spec.id}: ${side} process ${i + 1}/${spec.processes}`);
      const out = join(options.outDir, `${side}-${String(i + 1).padStart(2, "0")}.json`);
      await runOnce(spec, side, root, out);
      files.push({ side, file: out });
    }
  }
  const read = (side: Side) => files.filter((f) => f.side === side).map((f) => f.file);
  const candidate = readRunSet(read("candidate"));
  const baseline = spec.history
    ? readRunSet([resolve(options.roots.candidate, spec.history.path)], spec.history)
    : readRunSet(read("baseline"));
  for (const set of [baseline, candidate]) {
    if (set.format !== spec.format)
      throw new BenchInputError(`suite ${spec.id}: expected ${spec.format} results, got ${set.format}`);
  }
  return { baseline, candidate, files, seconds: (performance.now() - started) / 1000 };
}
