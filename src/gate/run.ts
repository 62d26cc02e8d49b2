import { appendFileSync, existsSync, readFileSync } from "node:fs";
import os from "node:os";
import { join, relative, resolve } from "node:path";
import { removeStaleWorktrees } from "../bench/index.js";
import { UsageError } from "../cli/index.js";
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
import { resolveBaselineRef } from "./baseline-ref.js";
import { ConfigError, type GateConfig, loadGateConfig, loadTriggers, type TriggerSpec } from "./config.js";
import {
  type GateContext,
  gateSteps,
  recordResult,
  STEP_IDS,
  type StepError,
  type StepId,
  type StepResults,
  type Target,
} from "./steps/index.js";

export interface RunOptions {
  configPath: string;
  quick: boolean;
  only?: StepId;
  apiUrl?: string;
  /** `--baseline-ref`: what the benchmark step compares with, before the environment and the config. */
  baselineRef?: string;
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
  exitCode: 0 | 1;
}

/**
 * Pass only if every step ran and passed, no KPI regressed critically, one improved, and no trigger fired. A run
 * with `--only` is "partial" when its step passed (exit 0) and "fail" when it did not (exit 1).
 */
export function decideVerdict(
  steps: Partial<StepResults>,
  only: StepId | undefined,
): Bundle["deterministic"]["verdict"] {
  const reasons: string[] = [];
  for (const [id, step] of Object.entries(steps)) {
    if (step.status === "error") reasons.push(`${id} could not run: ${step.summary}`);
    else if (step.status === "fail") reasons.push(`${id} failed: ${step.summary}`);
  }
  const kpis = steps["queue-drain"]?.deterministic.kpis ?? [];
  const fired = (steps.rollback?.deterministic.triggers ?? []).filter((t) => t.fired);
  for (const t of fired) reasons.push(`${t.id} fired: ${t.detail}`);
  const improved = kpis.filter((k) => k.improved).map((k) => k.id);
  if (!only || only === "queue-drain") {
    if (steps["queue-drain"]?.status !== "error" && improved.length === 0)
      reasons.push("no declared KPI measurably improved");
  }
  if (!only) {
    for (const id of STEP_IDS) if (!steps[id]) reasons.push(`${id} did not run`);
  }
  // A run of one step never passes the gate: it is partial at best, and fails like any run when its step fails.
  const result = reasons.length > 0 ? "fail" : only ? "partial" : "pass";
  return {
    result,
    exit_code: result === "fail" ? 1 : 0,
    reasons,
    kpis_improved: improved,
    triggers_fired: fired.map((t) => t.id),
  };
}

function inputsOf(config: GateConfig, options: RunOptions): InputDigest[] {
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
    const contract = loadDocsContract(resolve(root, config.docs_contract));
    for (const f of contract.files) files.add(f.path);
  } catch {
    // The docs step reports an unusable contract; its digest is still taken below when the file exists.
  }
  const digests = [...files]
    .filter((f) => existsSync(resolve(root, f)))
    .sort()
    .map((f) => fileDigest(root, f));
  try {
    const base = resolveBaselineRef(root, config.benchmark.baseline_ref, options.baselineRef);
    digests.push({ name: `baseline:${base.ref}`, kind: "git-commit", digest: base.sha });
  } catch {
    // No such ref: the benchmark step fails for it; there is nothing to record.
  }
  return digests;
}

function scenarioFor(config: GateConfig, root: string): Scenario {
  const scenario = config.target.scenario
    ? loadScenarioFile(resolve(root, config.target.scenario))
    : DEFAULT_SCENARIO;
  return {
    ...scenario,
    defects: [...(scenario.defects ?? []), ...((config.target.defects ?? []) as Defect[])],
  };
}

export const DEFAULT_OUT = "evidence/out";

/**
 * Where a run's evidence goes: `--out` when given, else evidence/out, except that a partial run (`--only STEP`)
 * without `--out` goes to evidence/out/partial-STEP, beside the complete run's bundle and never over it.
 */
export function evidenceFolder(root: string, out: string | undefined, only: StepId | undefined): string {
  if (out !== undefined) return resolve(root, out);
  return resolve(root, DEFAULT_OUT, ...(only ? [`partial-${only}`] : []));
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
function ownedByGate(path: string, isDirectory: boolean): boolean {
  if (GATE_FILES.has(path)) return true;
  // bench/<suite>/ holds the benchmark step's looks; other files under bench/ are other tools' results.
  return isDirectory && /^bench\/[^/]+$/.test(path);
}

const GATE_FILES = new Set([
  "bundle.json",
  "summary.md",
  "junit.xml",
  "report.html",
  "statement.intoto.json",
  "gate-suites.json",
  "snapshots",
]);

/**
 * Runs the configured steps, then the verdict; builds, seals, validates and writes the evidence. Everything is
 * written to a staging folder beside `out` and swapped in at the end, so a run that dies leaves `out` as it was.
 */
export async function runGate(options: RunOptions): Promise<RunOutcome> {
  const config = loadGateConfig(options.configPath);
  const triggers = loadTriggers(resolve(options.root, config.triggers));
  const catalog = loadCatalogFile(resolve(options.root, config.catalog));
  if (options.only && holdsCompleteRun(options.out))
    throw new UsageError(
      `${options.out} holds the evidence of a complete run, which a partial run (--only ${options.only}) never replaces: choose another --out, or leave --out out to write to ${DEFAULT_OUT}/partial-${options.only}`,
    );
  removeStaleWorktrees(options.root);
  return replaceFolder(
    options.out,
    async (staging) => {
      const { results, timings, mode } = await runSteps(config, triggers, catalog, {
        ...options,
        out: staging,
      });
      // Paths into the staging folder are given as where they end up once it is swapped in.
      const bundle = gateBundle(config, options, relocatePaths(results, staging, options.out), timings, mode);
      writeReports(bundle, staging, options, config);
      return { bundle, exitCode: bundle.deterministic.verdict.exit_code };
    },
    { owned: ownedByGate },
  );
}

async function runSteps(
  config: GateConfig,
  triggers: TriggerSpec[],
  catalog: Catalog,
  options: RunOptions,
): Promise<{ results: Partial<StepResults>; timings: Record<string, number>; mode: Target["mode"] }> {
  const apiUrl = options.apiUrl ?? (config.target.kind === "api" ? config.target.url : undefined);
  const scenario = scenarioFor(config, options.root);
  const twin = apiUrl ? null : await startTwin({ scenario, catalog });
  const ctx: GateContext = {
    config,
    configPath: options.configPath,
    triggers,
    root: options.root,
    quick: options.quick,
    apiUrl,
    baselineRef: options.baselineRef,
    out: options.out,
    log: options.log,
    results: {},
    target: twin
      ? { mode: "twin", url: twin.url, twinOrigin: twin.origin }
      : { mode: "live", url: apiUrl ?? "", twinOrigin: null },
    freshTwin: () => startTwin({ scenario, catalog }),
  };
  const timings: Record<string, number> = {};
  const started = performance.now();
  try {
    for (const step of gateSteps) {
      if (options.only && step.id !== options.only) continue;
      const t0 = performance.now();
      options.log(`${step.id}: running`);
      let result: StepResults[StepId];
      try {
        result = await step.run(ctx);
      } catch (err) {
        result = crashed(err as Error);
      }
      timings[step.id] = Math.round(performance.now() - t0);
      recordResult(ctx.results, step.id, result);
      options.log(`${step.id}: ${result.status}: ${result.summary}`);
    }
  } finally {
    await twin?.close();
  }
  timings.total = Math.round(performance.now() - started);
  return { results: ctx.results, timings, mode: ctx.target.mode };
}

/** The sealed bundle of a run, validated against its schema. */
function gateBundle(
  config: GateConfig,
  options: RunOptions,
  results: Partial<StepResults>,
  timings: Record<string, number>,
  mode: Target["mode"],
): GateBundle {
  const verdict = decideVerdict(results, options.only);
  const { steps, measured: measuredSteps } = bundleSteps(results, STEP_IDS);
  const bundle = sealBundle<StepResults>({
    $schema: "https://throughput-gate.dev/schema/bundle.schema.json",
    bundle_format: "throughput-gate-bundle@1",
    created_at: createdAt(),
    deterministic: {
      gate: {
        name: config.name,
        config: relative(options.root, options.configPath),
        mode,
        quick: options.quick,
        only: options.only ?? null,
      },
      inputs: inputsOf(config, options),
      steps,
      verdict,
    },
    measured: {
      environment: {
        node: process.version,
        cpu: os.cpus()[0]?.model ?? "unknown",
        cores: os.cpus().length,
        os: `${os.platform()} ${os.release()}`,
      },
      timings_ms: timings,
      steps: measuredSteps,
    },
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

function writeReports(bundle: GateBundle, folder: string, options: RunOptions, config: GateConfig): void {
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
