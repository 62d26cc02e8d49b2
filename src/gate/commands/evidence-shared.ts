import { execFileSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { UserError } from "../../cli/index.js";
import { escapeForTerminal, jsonSyntaxError, readRegularFile } from "../../common/index.js";
import {
  type Bundle,
  bundleSchemaProblems,
  canonicalJson,
  checkedInput,
  type DsseEnvelope,
  ed25519Key,
  envelopeProblem,
  recordedSteps,
  verifyBundle,
} from "../../evidence/index.js";
import { locateInput } from "../builtin.js";
import type { TriggerSpec } from "../config.js";
import type { StepId, StepResults } from "../steps/index.js";
import { evaluateTriggers, type TriggerOutcome } from "../triggers/index.js";
import { validateTriggersFile } from "../validators.generated.js";
import { decideVerdict } from "../verdict.js";

/** What evidence sign writes beside the bundle, and evidence verify --pub reads there, unless told otherwise. */
export const ENVELOPE_FILE = "bundle.dsse.json";

/**
 * Runs a command with every error's message made inert for a terminal: the messages name files and inputs the
 * user (or a crafted bundle) chose, and the CLI prints them as they are.
 */
export async function withTerminalSafeErrors(run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof Error) err.message = escapeForTerminal(err.message);
    throw err;
  }
}

/** One line of human output, with anything a file name or a bundle put in it shown inert. */
export function say(stream: NodeJS.WriteStream, line: string): void {
  stream.write(`${escapeForTerminal(line)}\n`);
}

/** The repository the bundle's folder is in (its git top level), else the working directory. */
export function defaultRoot(bundleFile: string): string {
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

/** The bytes of a file the user named, and a key read from them: any problem is theirs to fix, exit 2. */
export function readKey(file: string, kind: "private" | "public") {
  const pem = readRegularFile(file, { what: `${kind} key`, error: UserError, maxBytes: 64 * 1024 });
  try {
    return ed25519Key(pem, kind);
  } catch (err) {
    throw new UserError(`${file}: ${(err as Error).message}`);
  }
}

/**
 * The bundle's bytes and the bundle they parse to, checked against the schema here at the edge: JSON that is no
 * bundle (`null`, `[]`, `{"deterministic": 5}`) is refused in one line naming the file, before any code reads a
 * field of it. Exit 2.
 */
export function readBundle(file: string): { bytes: Buffer; bundle: Bundle } {
  const bytes = readRegularFile(file, { what: "bundle", error: UserError });
  const value = parsedJson(file, "bundle", bytes);
  const problems = bundleSchemaProblems(value);
  if (problems.length)
    throw new UserError(
      `${file}: not a gate bundle: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ""}`,
    );
  return { bytes, bundle: value as Bundle };
}

/** The file's JSON, or one line naming the file and where its syntax breaks, never quoting its bytes. */
function parsedJson(file: string, what: string, bytes: Buffer): unknown {
  const text = bytes.toString("utf8");
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UserError(`${file}: the ${what} is not valid JSON: ${jsonSyntaxError(text, err)}`);
  }
}

/** A DSSE envelope the user named, its shape and its number of signatures checked at the edge; exit 2 otherwise. */
export function readEnvelope(file: string): DsseEnvelope {
  const bytes = readRegularFile(file, { what: "envelope", error: UserError });
  const value = parsedJson(file, "envelope", bytes);
  const problem = envelopeProblem(value);
  if (problem) throw new UserError(`${file}: ${problem}`);
  return value as DsseEnvelope;
}

/** The rollback triggers a bundle was judged by: the triggers file among its inputs, and the specs it holds. */
export interface RecordedTriggersFile {
  name: string;
  specs: TriggerSpec[];
}

/**
 * The triggers file among a bundle's file inputs: the one input that is a JSON object with a `triggers` list, read
 * from the very bytes whose sha256 matched the bundle's record (an input outside the root or with another digest
 * is never used). A problem when the rollback step recorded triggers and no such input is there, or more than one:
 * without it a bundle could raise a threshold and call a failing run a pass.
 */
export function recordedTriggersFile(
  bundle: Bundle,
  root: string,
): { file: RecordedTriggersFile } | { problem: string } | undefined {
  const rollback = bundle.deterministic.steps.rollback?.result as { triggers?: unknown } | undefined;
  if (rollback?.triggers === undefined) return undefined;
  const found: { name: string; value: unknown }[] = [];
  for (const input of bundle.deterministic.inputs) {
    if (input.kind !== "file") continue;
    const checked = checkedInput(input, root, locateInput);
    if (!("bytes" in checked)) continue;
    let value: unknown;
    try {
      value = JSON.parse(checked.bytes.toString("utf8"));
    } catch {
      continue;
    }
    if (value && typeof value === "object" && Array.isArray((value as { triggers?: unknown }).triggers))
      found.push({ name: input.name, value });
  }
  const [only, ...more] = found;
  if (!only)
    return {
      problem:
        "verdict: the rollback step records triggers, but no input that matches its digest is a triggers file to check their thresholds against",
    };
  if (more.length)
    return {
      problem: `verdict: more than one input is a triggers file (${found.map((f) => f.name).join(", ")}); a gate run records one`,
    };
  const validate = validateTriggersFile;
  if (!validate(only.value)) {
    const e = validate.errors?.[0];
    return {
      problem: `verdict: input ${only.name}: not a valid triggers file: ${e?.instancePath || "/"} ${e?.message}`,
    };
  }
  return { file: { name: only.name, specs: only.value.triggers } };
}

const isOutcome = (t: unknown): t is TriggerOutcome => {
  const o = t as Partial<TriggerOutcome> | null;
  return (
    typeof o === "object" &&
    o !== null &&
    typeof o.id === "string" &&
    typeof o.threshold === "number" &&
    (o.observed === null || typeof o.observed === "number") &&
    typeof o.fired === "boolean"
  );
};

/**
 * The verdict recomputed by the gate's own rules from the recorded steps, each trigger observed again from them: a
 * bundle whose verdict was edited and re-sealed says pass while its steps say fail. The thresholds are the
 * triggers file's when it is given (`evidence verify` finds it among the inputs), so a threshold raised inside the
 * bundle is caught; without it, the recorded ones.
 */
export function verdictProblems(bundle: Bundle, triggersFile?: RecordedTriggersFile): string[] {
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
  const recordedList = (results.rollback?.deterministic as { triggers?: unknown } | undefined)?.triggers;
  if (results.rollback && recordedList !== undefined) {
    if (!Array.isArray(recordedList) || !recordedList.every(isOutcome))
      return ["verdict: steps.rollback.result.triggers is not a list of trigger outcomes"];
    const recorded = recordedList;
    const specs = triggersFile?.specs ?? (recorded as unknown as TriggerSpec[]);
    if (triggersFile) {
      const from = triggersFile.name;
      for (const r of recorded)
        if (!specs.some((s) => s.id === r.id))
          problems.push(`verdict: trigger ${r.id} is recorded, but ${from} has no such trigger`);
      for (const s of specs) {
        const r = recorded.find((t) => t.id === s.id);
        if (!r) problems.push(`verdict: trigger ${s.id} of ${from} is not recorded`);
        else if (r.threshold !== s.threshold)
          problems.push(
            `verdict: trigger ${s.id} is recorded with threshold ${r.threshold} but ${from} gives ${s.threshold}`,
          );
      }
    }
    let observed: TriggerOutcome[];
    try {
      observed = evaluateTriggers(specs, results);
    } catch (err) {
      return [...problems, `verdict: ${(err as Error).message}`];
    }
    for (const t of observed) {
      const r = recorded.find((x) => x.id === t.id);
      if (r && (r.fired !== t.fired || r.observed !== t.observed))
        problems.push(
          `verdict: trigger ${t.id} is recorded ${r.fired ? "fired" : "not fired"} (observed ${r.observed}) but the steps give ${t.fired ? "fired" : "not fired"} (observed ${t.observed})`,
        );
    }
    Object.assign(results.rollback.deterministic, { triggers: observed });
  }
  const only = (bundle.deterministic.gate?.only ?? undefined) as StepId | undefined;
  let verdict: ReturnType<typeof decideVerdict>;
  try {
    verdict = decideVerdict(results, only, bundle.deterministic.gate?.shard !== undefined);
  } catch (err) {
    // A step result of the wrong shape (the schema leaves results free): the verdict cannot follow from it.
    return [...problems, `verdict: cannot be recomputed from the recorded steps: ${(err as Error).message}`];
  }
  if (canonicalJson(verdict) !== canonicalJson(bundle.deterministic.verdict))
    problems.push(
      `verdict: recorded ${bundle.deterministic.verdict.result} but the steps give ${verdict.result}${verdict.reasons.length ? ` (${verdict.reasons[0]})` : ""}`,
    );
  return problems;
}

/**
 * What `evidence verify` checks without a key, and `evidence sign` before it signs: the digest, the inputs against
 * the files under the root, and the verdict recomputed with the thresholds of the triggers file the inputs name.
 */
export function integrityProblems(bundle: Bundle, root: string): string[] {
  const problems = verifyBundle(bundle, root, locateInput);
  if (problems.some((p) => p.startsWith("schema:"))) return problems;
  const triggers = recordedTriggersFile(bundle, root);
  if (triggers && "problem" in triggers) problems.push(triggers.problem);
  problems.push(...verdictProblems(bundle, triggers && "file" in triggers ? triggers.file : undefined));
  return problems;
}
