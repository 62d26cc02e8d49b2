import { appendFileSync, existsSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import { join, relative, resolve } from "node:path";
import { InstructionSetupError, removeStaleWorktrees } from "../bench/index.js";
import { UsageError } from "../cli/index.js";
import { endOrphanedGroups, readJsonFile } from "../common/index.js";
import { loadDocsContract } from "../docs-check/index.js";
import {
  annotations,
  type Bundle,
  bundleSchemaProblems,
  bundleSteps,
  createdAt,
  fileDigest,
  type InputDigest,
  intotoStatement,
  junitXml,
  relocatePaths,
  replaceFolder,
  reportHtml,
  sealBundle,
  summaryMarkdown,
  writeAtomically,
} from "../evidence/index.js";
import { type Catalog, loadCatalogFile } from "../policy/index.js";
import { DEFAULT_SCENARIO, type Defect, loadScenarioFile, type Scenario, startTwin } from "../twin/index.js";
import { loadBaseBundle, normalisedTarget } from "./base-bundle.js";
import { resolveBaselineRef } from "./baseline-ref.js";
import { configFile, locateInput } from "./builtin.js";
import { ConfigError, type GateConfig, loadGateConfig, loadTriggers, type TriggerSpec } from "./config.js";
import { type CandidateSource, candidateSource, changeUnderTest, whereItRan } from "./provenance.js";
import { type ShardSpec, unitsOf, type WorkUnit } from "./shard.js";
import { SHARD_PARTS, type ShardParts, type ShardRecord, writeShardParts } from "./shard-parts.js";
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
import { onStop } from "./stop.js";
import { decideVerdict } from "./verdict.js";

export interface RunOptions {
  configPath: string;
  quick: boolean;
  only?: StepId;
  apiUrl?: string;
  /** `--baseline-ref`: what the benchmark step compares with, before the environment and the config. */
  baselineRef?: string;
  /** `--record-base`: a live run under the base preset, written as a base recording for later candidate runs. */
  recordBase?: boolean;
  /** `--base-bundle`: the base recording a live candidate run compares its drain runs with. */
  baseBundle?: string;
  /** `--shard I/N`: run this shard's units only, for `evidence merge` to join with the others. */
  shard?: ShardSpec;
  /** Where the evidence goes; see `evidenceFolder` for the default. */
  out: string;
  intoto: boolean;
  root: string;
  log(line: string): void;
}

/** The bundle of a gate run, typed by the gate's own steps. */
export type GateBundle = Bundle<StepResults>;

export interface RunOutcome {
  bundle: GateBundle;
  exitCode: GateBundle["deterministic"]["verdict"]["exit_code"];
}

export { decideVerdict };

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

export function scenarioFor(config: GateConfig, root: string): Scenario {
  const scenario = config.target.scenario
    ? loadScenarioFile(resolve(root, config.target.scenario))
    : DEFAULT_SCENARIO;
  return {
    ...scenario,
    defects: [...(scenario.defects ?? []), ...((config.target.defects ?? []) as Defect[])],
  };
}

export const DEFAULT_OUT = "evidence/out";

/** Where a base recording goes without `--out`: beside the candidate runs' bundle, never over it. */
export const BASE_OUT = `${DEFAULT_OUT}/base`;

/**
 * Where a run's evidence goes: `--out` when given, else evidence/out, except that a partial run (`--only STEP`)
 * without `--out` goes to evidence/out/partial-STEP, beside the complete run's bundle and never over it, and a
 * base recording (`--record-base`) to evidence/out/base.
 */
export function evidenceFolder(
  root: string,
  out: string | undefined,
  only: StepId | undefined,
  recordBase = false,
  shard?: ShardSpec,
): string {
  if (out !== undefined) return resolve(root, out);
  if (shard) return resolve(root, DEFAULT_OUT, `shard-${shard.index}-of-${shard.count}`);
  if (recordBase && !only) return resolve(root, BASE_OUT);
  return resolve(root, DEFAULT_OUT, ...(only ? [`partial-${only}`] : []));
}

/** The names the config's profiles declare, read from their files; a file that cannot be read is the drain step's to report. */
function declaredProfiles(config: GateConfig, root: string, quick: boolean): string[] {
  const files = quick ? (config.quick_profiles ?? config.profiles) : config.profiles;
  return files.flatMap((file) => {
    try {
      const name = (
        readJsonFile(configFile(root, "profile", file), { what: "profile" }) as { name?: unknown }
      ).name;
      return typeof name === "string" ? [name] : [];
    } catch {
      return [];
    }
  });
}

/**
 * The live target and what its run compares with, checked before any step runs: --record-base and --base-bundle
 * need a live target and exclude each other; a base bundle that does not fit is refused (exit 2).
 */
function liveSetup(
  config: GateConfig,
  options: RunOptions,
): { apiUrl: string | undefined; config: GateConfig; base: LiveBase } {
  const apiUrl = options.apiUrl ?? (config.target.kind === "api" ? config.target.url : undefined);
  const flag = options.recordBase ? "--record-base" : options.baseBundle ? "--base-bundle" : null;
  if (flag && !apiUrl)
    throw new UsageError(
      `${flag} needs a live target: give --api-url URL, or target.kind "api" in the config`,
    );
  if (options.recordBase && options.baseBundle)
    throw new UsageError("--record-base makes a base bundle and --base-bundle reads one: give one of them");
  if (options.shard) refuseShardWith(options, apiUrl);
  if (!apiUrl) return { apiUrl, config, base: { kind: "none" } };
  if (options.recordBase) {
    const preset = config.base_preset ?? "balanced";
    const candidate = { preset, reason: "base recording: the base preset, no candidate change" };
    return { apiUrl, config: { ...config, candidate }, base: { kind: "recording" } };
  }
  if (!options.baseBundle) return { apiUrl, config, base: { kind: "none" } };
  const expect = {
    root: options.root,
    url: apiUrl,
    config,
    profiles: declaredProfiles(config, options.root, options.quick),
  };
  return { apiUrl, config, base: { kind: "bundle", ...loadBaseBundle(options.baseBundle, expect) } };
}

/**
 * A shard runs on the gate's own twins: a live target's policy cannot be changed by several runners at once, and
 * a run of one step or a base recording is already one runner's work.
 */
function refuseShardWith(options: RunOptions, apiUrl: string | undefined): void {
  const clash = options.only
    ? `--only ${options.only}`
    : options.recordBase
      ? "--record-base"
      : options.baseBundle
        ? "--base-bundle"
        : apiUrl
          ? "a live target"
          : null;
  if (clash)
    throw new UsageError(
      `--shard splits a whole run on the gate's twins across runners; it cannot be combined with ${clash}`,
    );
}

/** Whether `out` holds the bundle of a run of every step, which no partial run may replace. */
function holdsCompleteRun(out: string): boolean {
  try {
    const bundle = JSON.parse(readFileSync(join(out, "bundle.json"), "utf8")) as Partial<GateBundle>;
    return bundle.deterministic?.gate.only === null;
  } catch {
    return false;
  }
}

/**
 * What the gate writes in its out folder, at any depth: a new run replaces all of it, so nothing of an older run
 * stays beside it. Anything else there (test reports, other tools' results, partial runs' folders) is kept.
 */
export function ownedByGate(path: string, isDirectory: boolean): boolean {
  if (GATE_FILES.has(path)) return true;
  // bench/<suite>/ holds the benchmark step's looks; other files under bench/ are other tools' results. A partial
  // run's folder (partial-STEP/) is older evidence than the run replacing it, and must not be uploaded beside it.
  return (
    isDirectory && (/^bench\/[^/]+$/.test(path) || new RegExp(`^partial-(${STEP_IDS.join("|")})$`).test(path))
  );
}

const GATE_FILES = new Set([
  "bundle.json",
  // A signature of the previous run's bundle would sign another bundle than the one beside it.
  "bundle.dsse.json",
  "summary.md",
  "junit.xml",
  "report.html",
  "statement.intoto.json",
  "gate-suites.json",
  SHARD_PARTS,
  "snapshots",
]);

/**
 * Runs the configured steps, then the verdict; builds, seals, validates and writes the evidence. Everything is
 * written to a staging folder beside `out` and swapped in at the end, so a run that dies leaves `out` as it was.
 */
export async function runGate(options: RunOptions): Promise<RunOutcome> {
  const live = liveSetup(loadGateConfig(options.configPath), options);
  const config = live.config;
  const triggers = loadTriggers(configFile(options.root, "triggers", config.triggers));
  const catalog = loadCatalogFile(configFile(options.root, "catalog", config.catalog));
  if (options.only && holdsCompleteRun(options.out))
    throw new UsageError(
      `${options.out} holds the evidence of a complete run, which a partial run (--only ${options.only}) never replaces: choose another --out, or leave --out out to write to ${DEFAULT_OUT}/partial-${options.only}`,
    );
  // A run killed outright (SIGKILL) left its builds running in the folders removed next: end them first.
  endOrphanedGroups();
  removeStaleWorktrees(options.root);
  // Read before anything is written: the source under test, not what this run leaves behind.
  const source = candidateSource(options.root, options.out);
  return replaceFolder(
    options.out,
    async (staging) => {
      // A signal ends the process before replaceFolder can remove the staging folder as it does on a failure.
      const forget = onStop(() => rmSync(staging, { recursive: true, force: true, maxRetries: 5 }));
      try {
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
      } finally {
        forget();
      }
    },
    { owned: ownedByGate },
  );
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
  live: { apiUrl: string | undefined; base: LiveBase },
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
  live: { apiUrl: string | undefined; base: LiveBase },
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

/** Writes the bundle and its reports into `folder`. */
export function writeReports(
  bundle: GateBundle,
  folder: string,
  options: Pick<RunOptions, "intoto" | "root" | "configPath">,
  config: GateConfig,
): void {
  const out = (name: string) => resolve(folder, name);
  writeAtomically(out("bundle.json"), `${JSON.stringify(bundle, null, 2)}\n`);
  const summary = summaryMarkdown(bundle);
  writeAtomically(out("summary.md"), summary);
  writeAtomically(out("junit.xml"), junitXml(bundle));
  writeAtomically(out("report.html"), reportHtml(bundle));
  if (options.intoto) {
    const statement = intotoStatement(bundle, [config.catalog, relative(options.root, options.configPath)]);
    writeAtomically(out("statement.intoto.json"), `${JSON.stringify(statement, null, 2)}\n`);
  }
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, summary);
  if (process.env.GITHUB_ACTIONS === "true")
    for (const line of annotations(bundle)) process.stdout.write(`${line}\n`);
}

export { ConfigError };
