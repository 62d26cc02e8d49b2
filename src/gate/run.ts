import { existsSync } from "node:fs";
import os from "node:os";
import { relative, resolve } from "node:path";
import { InstructionSetupError, removeStaleWorktrees } from "../bench/index.js";
import { endOrphanedGroups } from "../common/index.js";
import { loadDocsContract } from "../docs-check/index.js";
import {
  type Bundle,
  bundleSchemaProblems,
  bundleSteps,
  createdAt,
  fileDigest,
  type InputDigest,
  relocatePaths,
  sealBundle,
} from "../evidence/index.js";
import { type Catalog, loadCatalogFile } from "../policy/index.js";
import { startTwin } from "../twin/index.js";
import { normalisedTarget } from "./base-bundle.js";
import { resolveBaselineRef } from "./baseline-ref.js";
import { configFile, locateInput } from "./builtin.js";
import { type GateConfig, loadGateConfig, loadTriggers, type TriggerSpec } from "./config.js";
import { refuseToReplaceCompleteRun, replaceEvidence, writeReports } from "./evidence-folder.js";
import { type CandidateSource, candidateSource, changeUnderTest, whereItRan } from "./provenance.js";
import { unitsOf, type WorkUnit } from "./shard.js";
import { type ShardParts, type ShardRecord, writeShardParts } from "./shard-parts.js";
import {
  type GateContext,
  type GateStep,
  gateSteps,
  type LiveBase,
  recordResult,
  type SplitStep,
  STEP_IDS,
  type StepError,
  type StepId,
  type StepResults,
} from "./steps/index.js";
import { type LiveSetup, liveSetup, scenarioFor, type TargetOptions } from "./target.js";
import { decideVerdict } from "./verdict.js";

export interface RunOptions extends TargetOptions {
  configPath: string;
  /** `--baseline-ref`: what the benchmark step compares with, before the environment and the config. */
  baselineRef?: string;
  /** Where the evidence goes; see `evidenceFolder` for the default. */
  out: string;
  intoto: boolean;
  log(line: string): void;
}

/** The bundle of a gate run, typed by the gate's own steps. */
export type GateBundle = Bundle<StepResults>;

export interface RunOutcome {
  bundle: GateBundle;
  exitCode: GateBundle["deterministic"]["verdict"]["exit_code"];
}

function inputsOf(config: GateConfig, options: RunOptions, base: LiveBase): InputDigest[] {
  const { configPath, root, quick } = options;
  const files = new Set<string>([
    relative(root, configPath),
    config.catalog,
    config.triggers,
    config.docs_contract,
  ]);
  for (const p of quick ? (config.quick_profiles ?? config.profiles) : config.profiles) files.add(p);
  if (config.target.scenario) files.add(config.target.scenario);
  try {
    const contract = loadDocsContract(resolve(root, config.docs_contract), root);
    for (const f of contract.files) files.add(f.path);
  } catch {
    // The docs step reports an unusable contract; its digest is still taken below when the file exists.
  }
  const digests = [...files]
    .filter((f) => existsSync(locateInput(root, f)))
    .sort()
    .map((f) => fileDigest(root, f, locateInput));
  try {
    const base = resolveBaselineRef(root, config.benchmark.baseline_ref, options.baselineRef);
    digests.push({ name: `baseline:${base.ref}`, kind: "git-commit", digest: base.sha });
  } catch {
    // No such ref: the benchmark step fails for it; there is nothing to record.
  }
  if (base.kind === "bundle" && options.baseBundle)
    digests.push({
      name: `base:${relative(options.root, resolve(options.root, options.baseBundle))}`,
      kind: "bundle",
      digest: base.digest,
    });
  return digests;
}

/**
 * Runs the configured steps, then the verdict; builds, seals, validates and writes the evidence. Everything is
 * written to a staging folder beside `out` and swapped in at the end, so a run that dies leaves `out` as it was.
 */
export async function runGate(options: RunOptions): Promise<RunOutcome> {
  const live = liveSetup(loadGateConfig(options.configPath), options);
  const config = live.config;
  const triggers = loadTriggers(configFile(options.root, "triggers", config.triggers));
  const catalog = loadCatalogFile(configFile(options.root, "catalog", config.catalog));
  refuseToReplaceCompleteRun(options.out, options.only);
  // A run killed outright (SIGKILL) left its builds running in the folders removed next: end them first.
  endOrphanedGroups();
  removeStaleWorktrees(options.root);
  // Read before anything is written: the source under test, not what this run leaves behind.
  const source = candidateSource(options.root, options.out);
  return replaceEvidence(options.out, async (staging) => {
    const { results, timings, parts } = await runSteps(config, triggers, catalog, live, {
      ...options,
      out: staging,
    });
    // Paths into the staging folder are given as where they end up once it is swapped in.
    const shard =
      parts && options.shard
        ? writeShardParts(staging, options.shard, relocatePaths(parts, staging, options.out))
        : undefined;
    const bundle = sealGateBundle({
      gate: gateSection(config, options, live, source, shard),
      inputs: [...inputsOf(config, options, live.base), ...sourceInputs(source)],
      results: relocatePaths(results, staging, options.out),
      timings,
      environment: environmentHere(),
    });
    writeReports(bundle, staging, options, config);
    return { bundle, exitCode: bundle.deterministic.verdict.exit_code };
  });
}

interface StepsRun {
  results: Partial<StepResults>;
  timings: Record<string, number>;
  /** Set on a shard run: its units' parts. */
  parts?: ShardParts;
}

const isSplit = (step: GateStep): step is SplitStep<StepId, unknown> => "measure" in step;

/** Runs a step, or on a shard run the step's units there; a split step's parts go to `parts` for the merge. */
async function runStep(
  step: GateStep,
  ctx: GateContext,
  parts: ShardParts | undefined,
): Promise<StepResults[StepId]> {
  const units = ctx.shard?.units.filter((u) => u.step === step.id);
  if (!units || !parts) return step.run(ctx);
  if (!isSplit(step)) {
    const result = await step.run(ctx);
    parts.push({ unit: step.id, part: result });
    return result;
  }
  const measured = await step.measure(ctx, units);
  parts.push(...measured);
  return step.assemble(ctx, measured);
}

/** Whether a run takes this step: --only names one; a shard takes the steps it has units of, and never rollback. */
function takes(step: GateStep, options: RunOptions, shardUnits: readonly WorkUnit[] | undefined): boolean {
  if (options.only && step.id !== options.only) return false;
  return !shardUnits || shardUnits.some((u) => u.step === step.id);
}

async function runSteps(
  config: GateConfig,
  triggers: TriggerSpec[],
  catalog: Catalog,
  live: LiveSetup,
  options: RunOptions,
): Promise<StepsRun> {
  const { apiUrl } = live;
  const scenario = scenarioFor(config, options.root);
  const twin = apiUrl ? null : await startTwin({ scenario, catalog });
  const shardUnits = options.shard ? unitsOf(config, options.quick, options.shard) : undefined;
  const ctx: GateContext = {
    config,
    configPath: options.configPath,
    triggers,
    root: options.root,
    quick: options.quick,
    apiUrl,
    liveBase: live.base,
    baselineRef: options.baselineRef,
    out: options.out,
    log: options.log,
    results: {},
    target: twin
      ? { mode: "twin", url: twin.url, twinOrigin: twin.origin }
      : { mode: "live", url: apiUrl ?? "", twinOrigin: null },
    freshTwin: () => startTwin({ scenario, catalog }),
    ...(options.shard && shardUnits ? { shard: { spec: options.shard, units: shardUnits } } : {}),
  };
  const parts: ShardParts | undefined = options.shard ? [] : undefined;
  const timings: Record<string, number> = {};
  const started = performance.now();
  try {
    for (const step of gateSteps) {
      if (!takes(step, options, shardUnits)) continue;
      const t0 = performance.now();
      options.log(`${step.id}: running`);
      let result: StepResults[StepId];
      try {
        result = await runStep(step, ctx, parts);
      } catch (err) {
        // The instruction metric cannot run or compare here: a setup error (exit 2), not a verdict.
        if (err instanceof InstructionSetupError) throw err;
        result = crashed(err as Error);
        const done = new Set(parts?.map((p) => p.unit));
        for (const unit of shardUnits?.filter((u) => u.step === step.id && !done.has(u.id)) ?? [])
          parts?.push({ unit: unit.id, part: isSplit(step) ? { error: result.summary } : result });
      }
      timings[step.id] = Math.round(performance.now() - t0);
      recordResult(ctx.results, step.id, result);
      options.log(`${step.id}: ${result.status}: ${result.summary}`);
    }
  } finally {
    await twin?.close();
  }
  timings.total = Math.round(performance.now() - started);
  return { results: ctx.results, timings, ...(parts ? { parts } : {}) };
}

/** The baseline the benchmark step compares with, for the sign-off header; null when no such ref exists. */
function baselineOf(
  config: GateConfig,
  options: RunOptions,
): { ref: string; commit: string; same_tree: boolean } | null {
  try {
    const base = resolveBaselineRef(options.root, config.benchmark.baseline_ref, options.baselineRef);
    return { ref: base.ref, commit: base.sha, same_tree: base.sameTree };
  } catch {
    return null;
  }
}

/** The candidate's commit, and its uncommitted changes when there are any, as digested inputs. */
function sourceInputs(source: CandidateSource): InputDigest[] {
  const inputs: InputDigest[] = [];
  if (source.commit) inputs.push({ name: "candidate:HEAD", kind: "git-commit", digest: source.commit });
  if (source.uncommitted)
    inputs.push({ name: "candidate:uncommitted changes", kind: "worktree", digest: source.uncommitted });
  return inputs;
}

type GateSection = GateBundle["deterministic"]["gate"];

/** The bundle's `gate` section: what ran, on what, against what. */
function gateSection(
  config: GateConfig,
  options: RunOptions,
  live: LiveSetup,
  source: CandidateSource,
  shard: ShardRecord | undefined,
): GateSection {
  return {
    name: config.name,
    config: relative(options.root, options.configPath),
    mode: live.apiUrl ? "live" : "twin",
    quick: options.quick,
    only: options.only ?? null,
    candidate: { commit: source.commit, dirty: source.dirty, change: changeUnderTest(config) },
    baseline: baselineOf(config, options),
    ...(shard ? { shard } : {}),
    ...(live.apiUrl
      ? {
          live: {
            url: normalisedTarget(live.apiUrl),
            role: live.base.kind === "recording" ? ("base" as const) : ("candidate" as const),
          },
        }
      : {}),
  };
}

/** Where this process runs, for the measured part. */
export function environmentHere(): Record<string, unknown> {
  return {
    node: process.version,
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    os: `${os.platform()} ${os.release()}`,
    ...whereItRan(),
  };
}

/** What a sealed bundle is made of: a run's, or the merge of its shards'. */
export interface BundleParts {
  gate: GateSection;
  inputs: InputDigest[];
  results: Partial<StepResults>;
  timings: Record<string, number>;
  environment: Record<string, unknown>;
}

/** The sealed bundle, its verdict decided from the results, validated against its schema. */
export function sealGateBundle(parts: BundleParts): GateBundle {
  const { gate, results } = parts;
  const only = (gate.only ?? undefined) as StepId | undefined;
  const verdict = decideVerdict(results, only, gate.shard !== undefined);
  const { steps, measured: measuredSteps } = bundleSteps(results, STEP_IDS);
  const bundle = sealBundle<StepResults>({
    $schema: "https://throughput-gate.dev/schema/bundle.schema.json",
    bundle_format: "throughput-gate-bundle@1",
    created_at: createdAt(),
    deterministic: { gate, inputs: parts.inputs, steps, verdict },
    measured: { environment: parts.environment, timings_ms: parts.timings, steps: measuredSteps },
  });
  const problems = bundleSchemaProblems(bundle);
  if (problems.length) throw new Error(`the bundle does not validate against its schema: ${problems[0]}`);
  return bundle;
}

/** A step that threw: an error result that keeps the whole message in its check. */
function crashed(err: Error): StepError {
  return {
    status: "error",
    summary: err.message.split("\n")[0] ?? "error",
    checks: [{ name: "could run", pass: false, message: err.message }],
    deterministic: {},
    measured: {},
  };
}
