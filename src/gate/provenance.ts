import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import os from "node:os";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import type { GateConfig } from "./config.js";

/** The commit the candidate was measured at, and whether the working copy held more than that commit. */
export interface CandidateSource {
  commit: string | null;
  dirty: boolean;
  /** sha256 over the uncommitted changes (tracked diffs and untracked files); null on a clean tree. */
  uncommitted: string | null;
}

function git(root: string, ...args: string[]): string | null {
  try {
    return execFileSync("git", args, {
      cwd: root,
      encoding: "buffer",
      stdio: ["ignore", "pipe", "ignore"],
    }).toString("utf8");
  } catch {
    return null;
  }
}

/**
 * The repository a folder lives in: a config's paths are relative to it, wherever the gate is started from. Null
 * outside git (a config in a scratch folder), where paths stay relative to the working directory.
 */
export function repositoryOf(dir: string): string | null {
  return git(dir, "rev-parse", "--show-toplevel")?.trim() || null;
}

/**
 * The candidate's source: HEAD, and a digest of what the working copy adds to it, so that two runs on different
 * uncommitted edits never share a digest. Ignored files (the evidence folder, node_modules) are not the source.
 */
export function candidateSource(root: string, out: string): CandidateSource {
  const commit = git(root, "rev-parse", "--verify", "--quiet", "HEAD")?.trim() || null;
  // The gate's own output (and its staging folders beside it) is never the candidate's source.
  const outside = relative(root, resolve(root, out));
  const skip =
    outside.startsWith("..") || isAbsolute(outside)
      ? []
      : [`:(exclude)${dirname(outside)}/.${basename(outside)}.*`, `:(exclude)${outside}`];
  const diff = commit ? (git(root, "diff", "--binary", "HEAD", "--", ".", ...skip) ?? "") : "";
  const untracked = (git(root, "ls-files", "--others", "--exclude-standard", "-z", "--", ".", ...skip) ?? "")
    .split("\0")
    .filter(Boolean);
  if (diff === "" && untracked.length === 0) return { commit, dirty: false, uncommitted: null };
  const hash = createHash("sha256").update(diff);
  for (const file of untracked.sort()) {
    hash.update(`\0${file}\0`);
    try {
      hash.update(readFileSync(join(root, file)));
    } catch {
      hash.update("unreadable");
    }
  }
  return { commit, dirty: true, uncommitted: hash.digest("hex") };
}

function duration(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} m`;
  return `${seconds} s`;
}

/** The change under test in words: "aggressive override for 20 m over balanced", or "base preset conservative (from balanced)". */
export function changeUnderTest(config: GateConfig): string {
  const base = config.base_preset ?? "balanced";
  const { preset, ttl_seconds: ttl } = config.candidate;
  return ttl
    ? `${preset} override for ${duration(ttl)} over ${base}`
    : `base preset ${preset} (from ${base})`;
}

/** Where a run happened: the machine, and the CI run when there is one. Measured, never digested. */
export function whereItRan(env: NodeJS.ProcessEnv = process.env): Record<string, unknown> {
  const run =
    env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
      ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
      : null;
  return { host: os.hostname(), ...(run ? { ci_run: run } : {}) };
}
