import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { UserError } from "../cli/index.js";
import { readJsonFile } from "../common/index.js";
import { canonicalDigest, fileDigest, type InputDigest, sha256Hex } from "../evidence/index.js";
import { loadCatalogFile } from "../policy/index.js";
import { startTwin } from "../twin/index.js";
import { configFile, locateInput } from "./builtin.js";
import { loadGateConfig, loadTriggers } from "./config.js";
import { replaceEvidence, writeReports } from "./evidence-folder.js";
import { type GateBundle, sealGateBundle } from "./run.js";
import { assignUnits, type WorkUnit } from "./shard.js";
import { SHARD_PARTS, type ShardParts, type ShardRecord } from "./shard-parts.js";
import {
  type GateContext,
  type GateStep,
  gateSteps,
  recordResult,
  rollback,
  type SplitStep,
  type StepId,
  type StepResults,
} from "./steps/index.js";
import { scenarioFor } from "./target.js";

/** A shard's bundle may carry drain timelines and benchmark looks: more than a config, less than this. */
const MAX_SHARD_FILE_BYTES = 128 * 1024 * 1024;

interface Shard {
  dir: string;
  bundle: GateBundle;
  record: ShardRecord;
  parts: ShardParts;
}

export interface MergeOptions {
  dirs: readonly string[];
  out: string;
  /** The repository the shards ran in: their config, catalog and triggers are read from it. */
  root: string;
  intoto: boolean;
  log(line: string): void;
}

const refuse = (message: string): never => {
  throw new UserError(`evidence merge: ${message}`);
};

/** A shard's folder: its sealed bundle, which must be a shard's, and the parts whose digest it records. */
function readShard(dir: string): Shard {
  const file = join(dir, "bundle.json");
  const read = { what: "shard bundle", error: UserError, maxBytes: MAX_SHARD_FILE_BYTES };
  const bundle = readJsonFile(file, read) as GateBundle;
  const record = bundle?.deterministic?.gate?.shard;
  if (!record) refuse(`${file} is not a shard's bundle: make shards with throughput-gate run --shard I/N`);
  if (canonicalDigest(bundle.deterministic) !== bundle.determinism?.digest)
    refuse(
      `${file}: its digest does not match its content; the shard's evidence was changed after it was sealed`,
    );
  const partsFile = join(dir, SHARD_PARTS);
  const text = readFileSync(partsFile, "utf8");
  if (sha256Hex(text) !== record?.parts_sha256)
    refuse(`${partsFile}: its sha256 is not the one the shard's bundle records; the parts were changed`);
  return { dir, bundle, record: record as ShardRecord, parts: JSON.parse(text) as ShardParts };
}

const label = (s: Shard) => `shard ${s.record.index}/${s.record.count} (${s.dir})`;

/** What a difference between two shards' inputs means, in the words a release engineer looks for. */
function inputDifference(name: string): string {
  if (name === "candidate:HEAD") return "different candidate commits";
  if (name === "candidate:uncommitted changes") return "different uncommitted changes";
  if (name.startsWith("baseline:")) return "different baseline commits";
  return `different ${name}`;
}

/** Every shard must come from the same run: config, inputs, candidate and baseline commits, and split. */
function checkSameRun(first: Shard, rest: readonly Shard[]): void {
  const gate = first.bundle.deterministic.gate;
  const digests = new Map(first.bundle.deterministic.inputs.map((i) => [i.name, i.digest]));
  for (const s of rest) {
    const other = s.bundle.deterministic.gate;
    if (other.config !== gate.config)
      refuse(
        `the shards ran different configs: ${gate.config} in ${label(first)}, ${other.config} in ${label(s)}`,
      );
    const inputs = s.bundle.deterministic.inputs;
    const names = new Set([...digests.keys(), ...inputs.map((i) => i.name)]);
    for (const name of names) {
      const theirs = inputs.find((i) => i.name === name)?.digest;
      if (theirs !== digests.get(name))
        refuse(
          `the shards come from ${inputDifference(name)}: ${name} is ${short(digests.get(name))} in ${label(first)} and ${short(theirs)} in ${label(s)}`,
        );
    }
    if (other.quick !== gate.quick) refuse(`${label(first)} and ${label(s)} differ in --quick`);
    if (s.record.count !== first.record.count)
      refuse(`the shards split the run differently: ${label(first)} and ${label(s)}`);
  }
}

const short = (digest: string | undefined) => (digest ? digest.slice(0, 12) : "absent");

/** Each shard index once, none missing, and each shard ran exactly the units the config assigns it. */
function checkCoverage(shards: readonly Shard[], assigned: { unit: WorkUnit; shard: number }[]): void {
  const count = shards[0]?.record.count ?? 0;
  const byIndex = new Map<number, Shard>();
  for (const s of shards) {
    const twin = byIndex.get(s.record.index);
    if (twin) refuse(`shard ${s.record.index}/${count} is given twice: ${twin.dir} and ${s.dir}`);
    byIndex.set(s.record.index, s);
  }
  for (let index = 1; index <= count; index++) {
    const expected = assigned.filter((a) => a.shard === index).map((a) => a.unit.id);
    const shard = byIndex.get(index);
    if (!shard) refuse(`shard ${index}/${count} is missing: its units ${expected.join(", ")} were not run`);
    const ran = new Set(shard?.record.units);
    const missing = expected.filter((u) => !ran.has(u));
    const extra = [...ran].filter((u) => !expected.includes(u));
    if (missing.length || extra.length)
      refuse(
        `${label(shard as Shard)} ran other units than the config assigns it${missing.length ? `; missing ${missing.join(", ")}` : ""}${extra.length ? `; not its own ${extra.join(", ")}` : ""}`,
      );
  }
}

/** The config, catalog and triggers here must be the ones the shards ran with: the merge judges with them. */
function checkSameFiles(root: string, inputs: readonly InputDigest[], names: readonly string[]): void {
  for (const name of names) {
    const recorded = inputs.find((i) => i.name === name);
    const here = fileDigest(root, name, locateInput).digest;
    if (recorded && recorded.digest !== here)
      refuse(
        `${name} here differs from the one the shards ran with (${short(here)} against ${short(recorded.digest)}): merge in a checkout of the same commit`,
      );
  }
}

const isSplit = (step: GateStep): step is SplitStep<StepId, unknown> => "measure" in step;

/** The step results an unsharded run would have made, from every shard's parts. */
function assembleSteps(ctx: GateContext, shards: readonly Shard[], units: readonly WorkUnit[]) {
  const parts = new Map(shards.flatMap((s) => s.parts.map((p) => [p.unit, p] as const)));
  for (const step of gateSteps) {
    const mine = units.filter((u) => u.step === step.id);
    if (mine.length === 0) continue;
    const given = mine.flatMap((u) => {
      const part = parts.get(u.id);
      return part ? [part] : [];
    });
    const result = isSplit(step) ? step.assemble(ctx, given) : (given[0]?.part as StepResults[StepId]);
    if (result) recordResult(ctx.results, step.id, result);
  }
}

/** Per step, the work of every shard summed; `total` is the slowest shard's, as the matrix's wall time. */
function mergedTimings(shards: readonly Shard[], mergeMs: number): Record<string, number> {
  const timings: Record<string, number> = {};
  for (const s of shards)
    for (const [step, ms] of Object.entries(s.bundle.measured.timings_ms))
      timings[step] = step === "total" ? Math.max(timings[step] ?? 0, ms) : (timings[step] ?? 0) + ms;
  timings.merge = mergeMs;
  return timings;
}

/**
 * Joins the shards of one run into the bundle an unsharded run would have written: it checks that they come from
 * the same run and cover every unit once, assembles each step from their parts, runs the rollback step on a fresh
 * twin, and decides the verdict once. The deterministic section, and so the digest, equal an unsharded run's.
 */
export async function mergeShards(options: MergeOptions): Promise<GateBundle> {
  const started = performance.now();
  if (options.dirs.length === 0) refuse("name the shards' folders");
  const shards = options.dirs.map((d) => readShard(resolve(d)));
  const [first, ...rest] = shards;
  if (first === undefined) return refuse("name the shards' folders");
  checkSameRun(first, rest);
  const { gate: shardGate, inputs } = first.bundle.deterministic;
  const configPath = resolve(options.root, shardGate.config);
  const config = loadGateConfig(configPath);
  checkSameFiles(options.root, inputs, [shardGate.config, config.catalog, config.triggers]);
  const assigned = assignUnits(config, shardGate.quick, first.record.count);
  checkCoverage(shards, assigned);
  const { shard: _, ...gate } = shardGate;
  const catalog = loadCatalogFile(configFile(options.root, "catalog", config.catalog));
  const scenario = scenarioFor(config, options.root);
  const twin = await startTwin({ scenario, catalog });
  const ctx: GateContext = {
    config,
    configPath,
    triggers: loadTriggers(configFile(options.root, "triggers", config.triggers)),
    root: options.root,
    quick: gate.quick,
    liveBase: { kind: "none" },
    out: options.out,
    log: options.log,
    results: {},
    target: { mode: "twin", url: twin.url, twinOrigin: twin.origin },
    freshTwin: () => startTwin({ scenario, catalog }),
  };
  try {
    assembleSteps(
      ctx,
      shards,
      assigned.map((a) => a.unit),
    );
    recordResult(ctx.results, "rollback", await rollback.run(ctx));
  } finally {
    await twin.close();
  }
  return replaceEvidence(options.out, async (staging) => {
    const bundle = sealGateBundle({
      gate,
      inputs,
      results: ctx.results,
      timings: mergedTimings(shards, Math.round(performance.now() - started)),
      environment: {
        merged_from: shards.map((s) => ({ shard: s.record.index, ...s.bundle.measured.environment })),
      },
    });
    writeReports(bundle, staging, { intoto: options.intoto, root: options.root, configPath }, config);
    return bundle;
  });
}
