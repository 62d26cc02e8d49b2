import { appendFileSync, readFileSync, rmSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { UsageError } from "../cli/index.js";
import {
  annotations,
  type Bundle,
  intotoStatement,
  junitXml,
  replaceFolder,
  reportHtml,
  summaryMarkdown,
  writeAtomically,
} from "../evidence/index.js";
import type { GateConfig } from "./config.js";
import type { ShardSpec } from "./shard.js";
import { SHARD_PARTS } from "./shard-parts.js";
import { STEP_IDS, type StepId, type StepResults } from "./steps/index.js";
import { onStop } from "./stop.js";

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

/** Whether `out` holds the bundle of a run of every step, which no partial run may replace. */
function holdsCompleteRun(out: string): boolean {
  try {
    const bundle = JSON.parse(readFileSync(join(out, "bundle.json"), "utf8")) as Partial<Bundle>;
    return bundle.deterministic?.gate.only === null;
  } catch {
    return false;
  }
}

/** Refuses, before anything runs, a partial run whose evidence would replace a complete run's. */
export function refuseToReplaceCompleteRun(out: string, only: StepId | undefined): void {
  if (only && holdsCompleteRun(out))
    throw new UsageError(
      `${out} holds the evidence of a complete run, which a partial run (--only ${only}) never replaces: choose another --out, or leave --out out to write to ${DEFAULT_OUT}/partial-${only}`,
    );
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
 * Fills a staging folder beside `out` and swaps it in at the end, so a run that dies leaves `out` as it was; what
 * the gate owned in `out` goes, anything else there is kept. A signal ends the process before the swap can remove
 * the staging folder as it does on a failure, so a stop removes it too.
 */
export function replaceEvidence<T>(out: string, fill: (staging: string) => Promise<T>): Promise<T> {
  return replaceFolder(
    out,
    async (staging) => {
      const forget = onStop(() => rmSync(staging, { recursive: true, force: true, maxRetries: 5 }));
      try {
        return await fill(staging);
      } finally {
        forget();
      }
    },
    { owned: ownedByGate },
  );
}

/** What the reports need to know of the run beyond its bundle: the in-toto statement names the config. */
export interface ReportOptions {
  intoto: boolean;
  root: string;
  configPath: string;
}

/** Writes the bundle and its reports into `folder`. */
export function writeReports(
  bundle: Bundle<StepResults>,
  folder: string,
  options: ReportOptions,
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
