import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { fingerprint } from "./fingerprint.js";
import { RESULT_FORMAT, type ResultDocument, resultDocumentOf } from "./formats.js";
import type { Progress } from "./progress.js";
import { measure } from "./runner.js";
import { slowed } from "./slowdown.js";
import { allTasks, loaderFor, loadSuites } from "./suite.js";

/**
 * For negative gates only: `name=factor[,name=factor]` makes the named tasks that many times slower, as the
 * Python fixture's ENRICHMENT_BENCH_SLOWDOWN does for its benchmarks.
 */
export const SLOWDOWN_ENV = "THROUGHPUT_GATE_BENCH_SLOWDOWN";

export function slowdowns(spec: string | undefined = process.env[SLOWDOWN_ENV]): Map<string, number> {
  const factors = new Map<string, number>();
  for (const item of (spec ?? "").split(",").filter(Boolean)) {
    const at = item.lastIndexOf("=");
    factors.set(item.slice(0, at).trim(), Number(item.slice(at + 1)));
  }
  return factors;
}

/** One process's measurement of every suite task, in the current directory's suites. */
export async function measureHere(timeMs: number, progress: Progress): Promise<ResultDocument> {
  const root = process.cwd();
  const factors = slowdowns(process.env[SLOWDOWN_ENV]);
  const tasks = (await allTasks(await loadSuites(root), loaderFor(root))).map((t) => {
    const factor = factors.get(t.name);
    return factor === undefined ? t : slowed(t, factor);
  });
  const measuredAt = new Date().toISOString();
  const { results, timer } = await measure(tasks, { timeMs, progress });
  return {
    format: RESULT_FORMAT,
    name: "latest",
    environment: fingerprint(timer),
    measured_at: measuredAt,
    settings: { time_ms: timeMs },
    benchmarks: results.map((r) => ({
      name: r.name,
      unit: "ms",
      samples: r.samples,
      saturation: r.saturation,
    })),
  };
}

export interface ProcessRounds {
  timeMs: number;
  processes: number;
  progress: Progress;
  /** Node's argv for one child that runs `measureHere` once and writes its result document to `out`. */
  childArgv(out: string): string[];
}

/**
 * Rounds in separate processes: a compare needs to see how runs vary, not only how calls in one run vary. Each
 * child measures every task once; the parent keeps each child's samples as one round.
 */
export async function measureInProcesses(options: ProcessRounds): Promise<ResultDocument> {
  const { timeMs, processes, progress } = options;
  const docs: ResultDocument[] = [];
  // One folder for every child's result, removed when the rounds are read, whatever happened.
  const dir = mkdtempSync(join(tmpdir(), "bench-round-"));
  try {
    for (let i = 0; i < processes; i++) {
      progress.update(`process ${i + 1}/${processes}`);
      const out = join(dir, `round-${i + 1}.json`);
      const r = await execa(process.execPath, options.childArgv(out), {
        reject: false,
        env: { ...process.env, CI: "true" },
      });
      if (r.exitCode !== 0)
        throw new Error(`benchmark process ${i + 1} failed: ${String(r.stderr).split("\n")[0]}`);
      docs.push(resultDocumentOf(JSON.parse(readFileSync(out, "utf8")), out));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const [first] = docs;
  if (!first) throw new Error(`no benchmark process ran (processes: ${processes})`);
  return {
    ...first,
    settings: { time_ms: timeMs },
    benchmarks: first.benchmarks.map((b) => {
      const rounds = docs.map((d) => d.benchmarks.find((x) => x.name === b.name)?.samples ?? []);
      const saturation =
        docs.map((d) => d.benchmarks.find((x) => x.name === b.name)?.saturation).find(Boolean) ?? null;
      return { name: b.name, unit: "ms", samples: rounds.flat(), rounds, saturation };
    }),
  };
}
