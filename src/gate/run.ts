import { appendFileSync, existsSync } from "node:fs";
import os from "node:os";
import { relative, resolve } from "node:path";
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
  reportHtml,
  sealBundle,
  summaryMarkdown,
  writeAtomically,
} from "../evidence/index.js";
import { loadCatalogFile } from "../policy/index.js";
import { DEFAULT_SCENARIO, type Defect, loadScenarioFile, type Scenario, startTwin } from "../twin/index.js";
import { resolveBaselineRef } from "./baseline-ref.js";
import { ConfigError, type GateConfig, loadGateConfig, loadTriggers } from "./config.js";
import {
  type GateContext,
  gateSteps,
  recordResult,
  STEP_IDS,
  type StepError,
  type StepId,
  type StepResults,
} from "./steps/index.js";

export interface RunOptions {
  configPath: string;
  quick: boolean;
  only?: StepId;
  apiUrl?: string;
  /** `--baseline-ref`: what the benchmark step compares with, before the environment and the config. */
  baselineRef?: string;
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

/** Pass only if every step that ran passed, no KPI regressed critically, one improved, and no trigger fired. */
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
  const result = reasons.length === 0 ? "pass" : "fail";
  return {
    result,
    exit_code: result === "pass" ? 0 : 1,
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

/** Runs the configured steps, then the verdict; builds, seals, validates and writes the evidence. */
export async function runGate(options: RunOptions): Promise<RunOutcome> {
  const config = loadGateConfig(options.configPath);
  const triggers = loadTriggers(resolve(options.root, config.triggers));
  const catalog = loadCatalogFile(resolve(options.root, config.catalog));
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
  const verdict = decideVerdict(ctx.results, options.only);
  const { steps, measured: measuredSteps } = bundleSteps(ctx.results, STEP_IDS);
  const bundle = sealBundle<StepResults>({
    $schema: "https://throughput-gate.dev/schema/bundle.schema.json",
    bundle_format: "throughput-gate-bundle@1",
    created_at: createdAt(),
    deterministic: {
      gate: {
        name: config.name,
        config: relative(options.root, options.configPath),
        mode: ctx.target.mode,
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
  writeReports(bundle, options, config);
  return { bundle, exitCode: verdict.exit_code };
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

function writeReports(bundle: GateBundle, options: RunOptions, config: GateConfig): void {
  const out = (name: string) => resolve(options.out, name);
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
