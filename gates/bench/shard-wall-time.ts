/**
 * The gate split across N runners: wall time of the run unsharded and with 2 and 4 shards started at once on this
 * machine, the merge's own time, and whether the merged digest is the unsharded run's. From the bundles, a cost
 * model: what each extra shard costs in fixed work (start-up, the twin, the instrumented runtime's start), and
 * what the units cost.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";

interface Bundle {
  determinism: { digest: string };
  measured: { timings_ms: Record<string, number> };
}

export interface ShardedRun {
  shards: number;
  /** From starting the shards, all at once on this machine, to the last one ending. */
  wall_seconds: number;
  /** Each shard's own `total`, as its bundle records it, when they ran at once. */
  shard_seconds: number[];
  /** Each shard run alone, one after another: what it takes on a runner of its own. */
  alone_seconds: number[];
  /** On N runners of this machine's kind: the slowest shard alone, then the merge. */
  projected_runners_seconds: number;
  /** The `evidence merge` process, start to end, and the merge's own time inside it. */
  merge_process_seconds: number | null;
  merge_seconds: number | null;
  same_digest_as_unsharded: boolean | null;
}

export interface ShardWallTime {
  config: string;
  unsharded_wall_seconds: number;
  unsharded_steps_seconds: Record<string, number>;
  runs: ShardedRun[];
  /** Σ shard totals alone minus the unsharded total, per extra shard: the work every shard repeats. */
  fixed_seconds_per_extra_shard: Record<string, number>;
}

const CONFIGS: Record<string, string[]> = {
  default: [],
  "pytest-benchmark example": ["--config", "gates/examples/pytest-benchmark.config.json"],
};

const seconds = (ms: number) => Math.round(ms) / 1000;
const bundleIn = (dir: string) => JSON.parse(readFileSync(join(dir, "bundle.json"), "utf8")) as Bundle;

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await work();
  return { value, seconds: seconds(performance.now() - started) };
}

const gateRun = (args: string[], out: string) =>
  execa("node", ["dist/gate/cli.js", "run", "--out", out, ...args], { reject: false, env: { CI: "true" } });

async function sharded(args: string[], count: number, scratch: string, digest: string): Promise<ShardedRun> {
  const dirs = Array.from({ length: count }, (_, i) => join(scratch, `shard-${count}-${i + 1}`));
  const { seconds: wall } = await timed(() =>
    Promise.all(dirs.map((dir, i) => gateRun([...args, "--shard", `${i + 1}/${count}`], dir))),
  );
  const alone: number[] = [];
  for (const [i, dir] of dirs.entries()) {
    const run = await timed(() => gateRun([...args, "--shard", `${i + 1}/${count}`], `${dir}-alone`));
    alone.push(run.seconds);
  }
  const out = join(scratch, `merged-${count}`);
  const merge = await timed(() =>
    execa("node", ["dist/gate/cli.js", "evidence", "merge", ...dirs, "--out", out], { reject: false }),
  );
  const merged = merge.value.exitCode === 2 ? null : bundleIn(out);
  return {
    shards: count,
    wall_seconds: wall,
    shard_seconds: dirs.map((d) => seconds(bundleIn(d).measured.timings_ms.total ?? 0)),
    alone_seconds: alone,
    projected_runners_seconds: Math.round((Math.max(...alone) + merge.seconds) * 10) / 10,
    merge_process_seconds: merged ? merge.seconds : null,
    merge_seconds: merged ? seconds(merged.measured.timings_ms.merge ?? 0) : null,
    same_digest_as_unsharded: merged ? merged.determinism.digest === digest : null,
  };
}

async function measureConfig(config: string, args: string[]): Promise<ShardWallTime> {
  const scratch = mkdtempSync(join(tmpdir(), "gate-shards-"));
  try {
    const whole = await timed(() => gateRun(args, join(scratch, "whole")));
    const bundle = bundleIn(join(scratch, "whole"));
    const timings = bundle.measured.timings_ms;
    const runs: ShardedRun[] = [];
    for (const count of [2, 4]) runs.push(await sharded(args, count, scratch, bundle.determinism.digest));
    return {
      config,
      unsharded_wall_seconds: whole.seconds,
      unsharded_steps_seconds: Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, seconds(v)])),
      runs,
      fixed_seconds_per_extra_shard: Object.fromEntries(
        runs.map((r) => [
          String(r.shards),
          Math.round(((r.alone_seconds.reduce((a, b) => a + b, 0) - whole.seconds) / (r.shards - 1)) * 10) /
            10,
        ]),
      ),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export async function measureShardWallTime(): Promise<ShardWallTime[]> {
  const results: ShardWallTime[] = [];
  for (const [config, args] of Object.entries(CONFIGS)) results.push(await measureConfig(config, args));
  return results;
}
