import { errorMessage, isJsonObject } from "../common/index.js";
import { type Bundle, canonicalJson, checkedInput, recordedSteps, verifyBundle } from "../evidence/index.js";
import { locateInput } from "./builtin.js";
import type { TriggerSpec } from "./config.js";
import type { StepId, StepResults } from "./steps/index.js";
import { evaluateTriggers, type TriggerOutcome } from "./triggers/index.js";
import { validateTriggersFile } from "./validators.generated.js";
import { decideVerdict } from "./verdict.js";

// Evidence reads and checks a bundle as a file (schema, digest, inputs, signature); what needs the gate's own rules,
// its verdict and its rollback triggers, is checked here, so base bundles and the evidence commands share it.

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
  const rollback = bundle.deterministic.steps.rollback?.result;
  if (!isJsonObject(rollback) || rollback.triggers === undefined) return undefined;
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
    if (isJsonObject(value) && Array.isArray(value.triggers)) found.push({ name: input.name, value });
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

const isOutcome = (o: unknown): o is TriggerOutcome => {
  return (
    isJsonObject(o) &&
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
  const rollback = results.rollback?.deterministic;
  const recordedList = isJsonObject(rollback) ? rollback.triggers : undefined;
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
      return [...problems, `verdict: ${errorMessage(err)}`];
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
    return [...problems, `verdict: cannot be recomputed from the recorded steps: ${errorMessage(err)}`];
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
