import { UsageError } from "../cli/index.js";
import type { GateConfig } from "./config.js";
import type { StepId } from "./steps/index.js";

/** One runner's share of a gate run: shard `index` of `count`, counted from 1 as CI matrices show it. */
export interface ShardSpec {
  index: number;
  count: number;
}

/** More runners than this would each pay the fixed cost for almost nothing; a CI matrix rarely goes wider. */
export const MAX_SHARDS = 32;

/**
 * A piece of the gate that runs whole on one runner. The steps that do not split are one unit each; the queue
 * drain is a unit per profile; a benchmark suite measured by time is one unit, its baseline and candidate processes
 * paired on one runner; a suite measured by instruction count is one unit per shard, each counting the
 * benchmarks whose name falls to it (see `sliceOf`). The rollback step is no unit: it judges every other step,
 * so it runs where the shards are merged.
 */
export interface WorkUnit {
  id: string;
  step: StepId;
  /** The profile file, or the suite id; null for a whole step. */
  key: string | null;
  /** Set for a counted suite's slice: the shard whose benchmarks it counts. */
  slice?: number;
}

/** Parses `--shard I/N`. */
export function parseShard(text: string): ShardSpec {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || index < 1 || count < 1 || index > count)
    throw new UsageError(`--shard takes I/N with 1 ≤ I ≤ N, e.g. 2/4, not "${text}"`);
  if (count > MAX_SHARDS) throw new UsageError(`--shard ${text}: at most ${MAX_SHARDS} shards`);
  return { index, count };
}

const WHOLE_STEPS: readonly StepId[] = ["suites", "controls", "conformance", "docs"];

/** Every unit of a run of `config`, in the order an unsharded run takes them. */
export function workUnits(config: GateConfig, quick: boolean, count: number): WorkUnit[] {
  const profiles = quick ? (config.quick_profiles ?? config.profiles) : config.profiles;
  const units: WorkUnit[] = WHOLE_STEPS.map((step) => ({ id: step, step, key: null }));
  for (const suite of config.benchmark.suites) {
    if (suite.metric === "instructions") {
      for (let slice = 1; slice <= count; slice++)
        units.push({
          id: `benchmark:${suite.id}#${slice}/${count}`,
          step: "benchmark",
          key: suite.id,
          slice,
        });
    } else units.push({ id: `benchmark:${suite.id}`, step: "benchmark", key: suite.id });
  }
  for (const file of profiles) units.push({ id: `queue-drain:${file}`, step: "queue-drain", key: file });
  return units;
}

/**
 * Every unit with the shard that runs it: a counted slice runs on the shard of its number; the other units go
 * round the shards in run order, so each shard gets a share of them beside its slices.
 */
export function assignUnits(
  config: GateConfig,
  quick: boolean,
  count: number,
): { unit: WorkUnit; shard: number }[] {
  let position = 0;
  return workUnits(config, quick, count).map((unit) => ({
    unit,
    shard: unit.slice ?? (position++ % count) + 1,
  }));
}

/** The units shard `spec` runs, in run order. */
export function unitsOf(config: GateConfig, quick: boolean, spec: ShardSpec): WorkUnit[] {
  return assignUnits(config, quick, spec.count)
    .filter((a) => a.shard === spec.index)
    .map((a) => a.unit);
}
