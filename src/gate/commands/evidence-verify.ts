import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { UserError } from "../../cli/index.js";
import { readJsonFile } from "../../common/index.js";
import {
  type Bundle,
  bundleStatement,
  canonicalJson,
  openEnvelope,
  partialNote,
  partialStep,
  recordedSteps,
  verifyBundle,
} from "../../evidence/index.js";
import { locateInput } from "../builtin.js";
import type { TriggerSpec } from "../config.js";
import type { StepId, StepResults } from "../steps/index.js";
import { evaluateTriggers, type TriggerOutcome } from "../triggers/index.js";
import { decideVerdict } from "../verdict.js";
import type { GateCommand } from "./command.js";
import { ENVELOPE_FILE, readBundle, readKey } from "./evidence-sign.js";

/** The repository the bundle's folder is in (its git top level), else the working directory. */
function defaultRoot(bundleFile: string): string {
  try {
    return execFileSync("git", ["rev-parse", "--show-toplevel"], {
      cwd: dirname(resolve(bundleFile)),
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return process.cwd();
  }
}

/**
 * The verdict recomputed by the gate's own rules from the recorded steps, each trigger observed again from them at
 * its recorded threshold: a bundle whose verdict was edited and re-sealed says pass while its steps say fail.
 */
export function verdictProblems(bundle: Bundle): string[] {
  const results: Partial<StepResults> = {};
  for (const [id, step] of recordedSteps(bundle))
    Object.assign(results, {
      [id]: {
        status: step.status,
        summary: step.summary,
        checks: step.checks,
        deterministic: step.result,
        measured: {},
      },
    });
  const problems: string[] = [];
  const recorded = (results.rollback?.deterministic.triggers ?? []) as TriggerOutcome[];
  if (results.rollback && recorded.length) {
    let observed: TriggerOutcome[];
    try {
      observed = evaluateTriggers(recorded as unknown as TriggerSpec[], results);
    } catch (err) {
      return [`verdict: ${(err as Error).message}`];
    }
    for (const [i, t] of observed.entries()) {
      const r = recorded[i];
      if (r && (r.fired !== t.fired || r.observed !== t.observed))
        problems.push(
          `verdict: trigger ${t.id} is recorded ${r.fired ? "fired" : "not fired"} (observed ${r.observed}) but the steps give ${t.fired ? "fired" : "not fired"} (observed ${t.observed})`,
        );
    }
    Object.assign(results.rollback.deterministic, { triggers: observed });
  }
  const only = (bundle.deterministic.gate?.only ?? undefined) as StepId | undefined;
  const verdict = decideVerdict(results, only);
  if (canonicalJson(verdict) !== canonicalJson(bundle.deterministic.verdict))
    problems.push(
      `verdict: recorded ${bundle.deterministic.verdict.result} but the steps give ${verdict.result}${verdict.reasons.length ? ` (${verdict.reasons[0]})` : ""}`,
    );
  return problems;
}

/** Whether the envelope beside the bundle is signed by `pub` and names this very bundle file as its subject. */
function signatureProblems(file: string, envelopeFile: string, pubFile: string): string[] {
  const key = readKey(pubFile, "public");
  if (!existsSync(envelopeFile)) return [`signature: ${envelopeFile} is missing`];
  const envelope = readJsonFile(envelopeFile, { what: "envelope", error: UserError });
  let payload: Buffer;
  try {
    payload = openEnvelope(envelope, key);
  } catch (err) {
    return [`signature: ${envelopeFile}: ${(err as Error).message} (${pubFile})`];
  }
  const { bytes, bundle } = readBundle(file);
  const expected = bundleStatement(bundle, file, bytes).subject[0]?.digest.sha256;
  let subject: unknown;
  try {
    subject = (JSON.parse(payload.toString("utf8")) as { subject?: { digest?: { sha256?: string } }[] })
      .subject?.[0]?.digest?.sha256;
  } catch {
    return [`signature: ${envelopeFile}: the signed payload is not an in-toto statement`];
  }
  return subject === expected ? [] : [`signature: ${envelopeFile} signs another bundle (sha256 ${subject})`];
}

export const evidenceVerify: GateCommand = {
  name: "evidence verify",
  summary:
    "Check a bundle against the schema this package ships, recompute its digest and its verdict, check its inputs against the files and, with --pub, its signature. Exit 0 verified, 1 not, 2 an unreadable bundle or key.",
  args: [{ name: "bundle", value: "file", required: true, description: "the bundle.json to check" }],
  options: [
    {
      name: "root",
      value: "file",
      placeholder: "DIR",
      description:
        "the repository the inputs are named from (default: the git top level of the bundle's folder, else the working directory)",
    },
    {
      name: "pub",
      value: "file",
      placeholder: "FILE",
      description: `also check the signature (${ENVELOPE_FILE} beside the bundle) with this Ed25519 public key`,
    },
    {
      name: "envelope",
      value: "file",
      placeholder: "FILE",
      description: `the signature envelope to check with --pub (default ${ENVELOPE_FILE} beside the bundle)`,
    },
  ],
  async run({ args, options }) {
    const file = String(args.bundle);
    // A regular file of at most 16 MB: a bundle path that is a device or a FIFO is refused, never read forever.
    const bundle = readJsonFile(file, { what: "bundle", error: UserError }) as Bundle;
    const root = options.root === undefined ? defaultRoot(file) : resolve(String(options.root));
    const problems = verifyBundle(bundle, root, locateInput);
    if (!problems.some((p) => p.startsWith("schema:"))) problems.push(...verdictProblems(bundle));
    if (options.pub !== undefined) {
      const envelope =
        options.envelope === undefined ? join(dirname(file), ENVELOPE_FILE) : String(options.envelope);
      problems.push(...signatureProblems(file, envelope, String(options.pub)));
    }
    for (const p of problems) process.stdout.write(`${file}: ${p}\n`);
    const partial = problems.length ? null : partialNote(bundle);
    if (partial) process.stdout.write(`${file}: ${partial}\n`);
    process.stdout.write(
      problems.length
        ? `evidence: FAILED, ${problems.length} problem(s)\n`
        : `evidence: verified${partial ? ` PARTIAL run (only ${partialStep(bundle)})` : ""}${options.pub !== undefined ? ", signed" : ""} (digest ${bundle.determinism?.digest})\n`,
    );
    return problems.length ? 1 : 0;
  },
};
