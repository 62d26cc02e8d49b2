import { resolve } from "node:path";
import { UserError } from "../cli/index.js";
import { readJsonFile } from "../common/index.js";
import { type Bundle, fileDigest, verifyBundle } from "../evidence/index.js";
import { locateInput } from "./builtin.js";
import type { GateConfig } from "./config.js";
import type { ProfileRuns } from "./steps/queue-drain.js";
import { verdictProblems } from "./verify.js";

/** A base recording a live candidate run is judged against: its digest and its drain runs. */
export interface BaseBundle {
  digest: string;
  runs: ProfileRuns[];
}

/**
 * A target URL as base and candidate must share it: origin (scheme, host, port as the URL parser normalises them)
 * and path without trailing slashes; credentials, query and fragment are not part of where the API is.
 */
export function normalisedTarget(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname.replace(/\/+$/, "")}`;
}

/** What the file is, for a refusal that names it: a twin run, a live candidate run, a partial run. */
function describeRun(bundle: Bundle): string {
  const { gate } = bundle.deterministic;
  if (gate.mode === "twin") return "a twin run";
  if (gate.only !== null) return `a partial run (only ${gate.only})`;
  return "a live candidate run";
}

/**
 * Reads and checks a base bundle for a live candidate run; throws a one-line UserError (exit 2) naming what
 * differs: a bundle that does not verify (schema, digest, verdict), is not a base recording, was recorded against
 * another API, or under another catalog or triggers file, or lacks a profile the candidate runs. Other inputs
 * (docs, the gate config) may differ: a base is recorded once, before the change that candidate runs bring.
 */
export function loadBaseBundle(
  file: string,
  expect: { root: string; url: string; config: GateConfig; profiles: readonly string[] },
): BaseBundle {
  const refuse = (why: string) => new UserError(`base bundle ${file}: ${why}`);
  const bundle = readJsonFile(resolve(expect.root, file), {
    what: "base bundle",
    error: UserError,
  }) as Bundle;
  const guarded = new Set([expect.config.catalog, expect.config.triggers]);
  const integrity = verifyBundle(bundle, expect.root, locateInput).filter((p) => !p.startsWith("input "));
  if (integrity.length === 0) integrity.push(...verdictProblems(bundle));
  if (integrity.length) throw refuse(`does not verify: ${integrity[0]}`);
  const { gate, inputs, steps } = bundle.deterministic;
  if (gate.live?.role !== "base" || gate.only !== null)
    throw refuse(`is not a base recording but ${describeRun(bundle)}; record one with --record-base`);
  if (gate.live.url !== normalisedTarget(expect.url))
    throw refuse(`was recorded against ${gate.live.url}, not ${normalisedTarget(expect.url)}`);
  for (const name of guarded) {
    const recorded = inputs.find((i) => i.kind === "file" && i.name === name);
    const here = fileDigest(expect.root, name, locateInput).digest;
    if (!recorded)
      throw refuse(`records no digest of ${name}: recorded with another catalog or triggers file`);
    if (recorded.digest !== here)
      throw refuse(
        `was recorded with another ${name} (sha256 ${recorded.digest.slice(0, 12)}, here ${here.slice(0, 12)})`,
      );
  }
  const runs = ((steps["queue-drain"]?.result as { runs?: ProfileRuns[] } | undefined)?.runs ?? []).filter(
    (r) => r.candidate,
  );
  const missing = expect.profiles.filter((p) => !runs.some((r) => r.profile === p));
  if (missing.length)
    throw refuse(
      `has no drain run of ${missing.join(", ")} (it ran ${runs.map((r) => r.profile).join(", ") || "none"})`,
    );
  return { digest: bundle.determinism.digest, runs };
}
