import { existsSync, realpathSync } from "node:fs";
import { isAbsolute, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { errorMessage, readRegularFile } from "../common/index.js";
import { canonicalDigest, sha256Hex } from "./canonical.js";
import type { Check, StepResult } from "./step-result.js";
import { validateBundle } from "./validators.generated.js";

export const BUNDLE_SCHEMA_ID = "https://throughput-gate.dev/schema/bundle.schema.json";
export const BUNDLE_SCHEMA_PATH = fileURLToPath(
  new URL("../../evidence/schema/bundle.schema.json", import.meta.url),
);
export const DIGEST_ALGORITHM = "sha256 over RFC 8785 canonical JSON of .deterministic";

export interface InputDigest {
  name: string;
  /** "bundle": another gate bundle this run was judged against, by its determinism digest (a live base run). */
  kind: "file" | "git-commit" | "worktree" | "bundle";
  digest: string;
}

/** What a live run records about its target; absent on the twin, so a twin run's digest does not know of it. */
export interface LiveTarget {
  /** The API's origin and path, normalised: what a base recording and a candidate run must share. */
  url: string;
  /** "base": a recording made with --record-base, for candidate runs to compare with; else a candidate run. */
  role: "base" | "candidate";
}

/** One check of a step, as the reports show it. */
export type BundleCheck = Check;

/** A step as the bundle records it: its deterministic part is the `result`; its measured part sits in `measured.steps`. */
export interface BundleStep<Result extends StepResult = StepResult> {
  status: Result["status"];
  summary: string;
  checks: Check[];
  result: Result["deterministic"];
}

/** Step id -> that step's result type. The default knows no step; the gate passes its own map. */
export type StepResultsOf<Steps> = { [Id in keyof Steps]: StepResult };

/** The deterministic part of each step that ran, by id. */
export type BundleSteps<Steps extends StepResultsOf<Steps>> = { [Id in keyof Steps]?: BundleStep<Steps[Id]> };

/** The measured part of each step that ran, by id. */
export type MeasuredSteps<Steps extends StepResultsOf<Steps>> = {
  [Id in keyof Steps]?: Steps[Id]["measured"];
};

export interface Bundle<Steps extends StepResultsOf<Steps> = Record<string, StepResult>> {
  $schema: string;
  bundle_format: "throughput-gate-bundle@1";
  created_at: string;
  deterministic: {
    gate: {
      name: string;
      config: string;
      mode: "twin" | "live";
      quick: boolean;
      only: string | null;
      /** What was tested: the commit, whether the working copy held more, and the change in words. */
      candidate?: { commit: string | null; dirty: boolean; change: string };
      /** What the benchmark step compared with; null when the ref matched nothing. */
      baseline?: { ref: string; commit: string; same_tree: boolean } | null;
      live?: LiveTarget;
      /** One shard of a run: which, its units, and the digest of the parts it hands to the merge. */
      shard?: { index: number; count: number; units: string[]; parts_sha256: string };
    };
    inputs: InputDigest[];
    steps: BundleSteps<Steps>;
    verdict: {
      /**
       * "partial" when only one step ran (`gate.only`) and it passed: never a pass of the gate, though exit 0.
       * "incomplete" when nothing failed but a live run could not evaluate a trigger (no base run): exit 3.
       */
      result: "pass" | "fail" | "partial" | "incomplete";
      exit_code: 0 | 1 | 3;
      reasons: string[];
      kpis_improved: string[];
      triggers_fired: string[];
    };
  };
  determinism: { algorithm: string; digest: string; sections: Record<string, string> };
  measured: {
    environment: Record<string, unknown>;
    timings_ms: Record<string, number>;
    steps: MeasuredSteps<Steps>;
  };
}

/** Splits the results of the steps that ran, in the given order, into the bundle's deterministic and measured parts. */
export function bundleSteps<Steps extends StepResultsOf<Steps>>(
  results: Partial<Steps>,
  order: readonly (keyof Steps)[],
): { steps: BundleSteps<Steps>; measured: MeasuredSteps<Steps> } {
  const steps: BundleSteps<Steps> = {};
  const measured: MeasuredSteps<Steps> = {};
  for (const id of order) {
    const result = results[id];
    if (!result) continue;
    const { status, summary, checks } = result;
    steps[id] = { status, summary, checks, result: result.deterministic };
    measured[id] = result.measured;
  }
  return { steps, measured };
}

/** The steps a bundle records, by id, in the order they ran. */
export function recordedSteps<Steps extends StepResultsOf<Steps>>(
  bundle: Bundle<Steps>,
): [string, BundleStep][] {
  return Object.entries<BundleStep | undefined>(bundle.deterministic.steps).filter(
    (entry): entry is [string, BundleStep] => entry[1] !== undefined,
  );
}

/** Time stamps honour SOURCE_DATE_EPOCH, for reproducible builds; the wall clock otherwise. Never in the digest. */
export function createdAt(env: NodeJS.ProcessEnv = process.env): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  const ms = epoch !== undefined && /^\d+$/.test(epoch) ? Number(epoch) * 1000 : Date.now();
  return new Date(ms).toISOString().replace(".000Z", "Z");
}

/**
 * Where an input named in a bundle is: by default relative to the root; the gate passes its own locator, which
 * also knows the files a config names as `builtin:`.
 */
export type InputLocator = (root: string, name: string) => string;
const relativeToRoot: InputLocator = (root, name) => resolve(root, name);

/** The digest of an input file: a regular file of at most 16 MB (see `readRegularFile`). */
export function fileDigest(root: string, name: string, locate: InputLocator = relativeToRoot): InputDigest {
  return { name, kind: "file", digest: sha256Hex(readRegularFile(locate(root, name), { what: "input" })) };
}

/** Digests of the objects and arrays inside .deterministic, six levels down, keyed by path: a verifier names what changed. */
export function sectionDigests(deterministic: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (value: unknown, path: string, depth: number) => {
    out[path] = canonicalDigest(value);
    if (depth === 0 || !value || typeof value !== "object") return;
    const children: [string, unknown][] = Array.isArray(value)
      ? value.map((v, i) => [`${path}[${i}]`, v])
      : Object.entries(value).map(([k, v]) => [`${path}.${k}`, v]);
    for (const [childPath, child] of children) walk(child, childPath, depth - 1);
  };
  walk(deterministic, "deterministic", 6);
  return out;
}

export function sealBundle<Steps extends StepResultsOf<Steps>>(
  partial: Omit<Bundle<Steps>, "determinism">,
): Bundle<Steps> {
  return {
    ...partial,
    determinism: {
      algorithm: DIGEST_ALGORITHM,
      digest: canonicalDigest(partial.deterministic),
      sections: sectionDigests(partial.deterministic),
    },
  };
}

/** Schema problems of a bundle, as "/json/pointer message" lines; empty when it validates (ajv strict, 2020-12). */
export function bundleSchemaProblems(bundle: unknown): string[] {
  return checkedBundle(bundle).problems;
}

/** The bundle a parsed JSON value is, typed, when it validates; else its schema problems (see bundleSchemaProblems). */
export function checkedBundle(
  value: unknown,
): { bundle: Bundle; problems: [] } | { bundle: null; problems: string[] } {
  if (validateBundle(value)) return { bundle: value, problems: [] };
  return {
    bundle: null,
    problems: (validateBundle.errors ?? []).map(
      (e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`,
    ),
  };
}

/**
 * Checks a bundle: its schema, its digest recomputed, and its file inputs against the files. Returns what
 * differs, naming the section or file; empty when it verifies.
 */
export function verifyBundle(bundle: Bundle, root: string, locate: InputLocator = relativeToRoot): string[] {
  const problems = bundleSchemaProblems(bundle).map((p) => `schema: ${p}`);
  if (problems.length) return problems;
  if (canonicalDigest(bundle.deterministic) !== bundle.determinism.digest) {
    const now = sectionDigests(bundle.deterministic);
    const changed = Object.keys(bundle.determinism.sections).filter(
      (k) => now[k] !== bundle.determinism.sections[k],
    );
    const inside = (child: string, parent: string) =>
      child.startsWith(`${parent}.`) || child.startsWith(`${parent}[`);
    const deepest = changed.filter((k) => !changed.some((other) => other !== k && inside(other, k)));
    problems.push(
      `determinism.digest does not match the content; changed: ${deepest.join(", ") || "deterministic"}`,
    );
  }
  for (const input of bundle.deterministic.inputs) {
    if (input.kind !== "file") continue;
    const checked = checkedInput(input, root, locate);
    if ("problem" in checked) problems.push(checked.problem);
  }
  return problems;
}

/**
 * Where a file input named in a bundle is, or why it is not read. A name is taken from the root, and a crafted
 * bundle must not make verify read, nor tell anything of, a file outside it: an absolute name, a name with `..`,
 * and a name whose real path (links followed) leaves the root are refused. A name the locator places elsewhere (a
 * file this package ships, named `builtin:`) is the locator's to vouch for.
 */
export function inputPath(
  root: string,
  name: string,
  locate: InputLocator = relativeToRoot,
): { file: string } | { refused: string } {
  const file = locate(root, name);
  if (file !== resolve(root, name)) return { file };
  if (isAbsolute(name)) return { refused: "an absolute path, outside the root; not read" };
  if (name.split(/[\\/]/).includes(".."))
    return { refused: "a path with .., which may leave the root; not read" };
  if (!existsSync(file)) return { file };
  const real = realPath(file);
  const realRoot = realPath(root);
  if (real !== realRoot && !real.startsWith(realRoot.endsWith(sep) ? realRoot : `${realRoot}${sep}`))
    return { refused: "a link that resolves outside the root; not read" };
  return { file };
}

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/**
 * The bytes of a file input when it is as recorded, else the one problem with it: refused as outside the root, a
 * missing file, one that is not a regular file or is over the size limit (a crafted bundle naming /dev/zero must
 * not make verify read forever), another digest.
 */
export function checkedInput(
  input: InputDigest,
  root: string,
  locate: InputLocator = relativeToRoot,
): { bytes: Buffer } | { problem: string } {
  const where = inputPath(root, input.name, locate);
  if ("refused" in where) return { problem: `input ${input.name}: ${where.refused}` };
  const { file } = where;
  if (!existsSync(file)) return { problem: `input ${input.name}: missing` };
  let bytes: Buffer;
  try {
    bytes = readRegularFile(file, { what: "input" });
  } catch (err) {
    return { problem: `input ${input.name}: ${errorMessage(err).replace(`${file}: `, "")}` };
  }
  return sha256Hex(bytes) === input.digest
    ? { bytes }
    : { problem: `input ${input.name}: sha256 differs from the file` };
}
