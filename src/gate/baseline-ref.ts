import { execFileSync } from "node:child_process";
import { ConfigError } from "./config.js";

/** The tree the benchmark step compares the candidate with, and where that choice came from. */
export interface BaselineRef {
  ref: string;
  source: "--baseline-ref" | "GATE_BASELINE_REF" | "pull request merge-base" | "gate config";
  sha: string;
  /** The baseline's tree is the candidate's own (working copy included): an A/A check, not a comparison. */
  sameTree: boolean;
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();

function tryGit(cwd: string, ...args: string[]): string | null {
  try {
    return git(cwd, ...args);
  } catch {
    return null;
  }
}

/** On a GitHub pull request: where the branch left its base, so the baseline is what the PR would merge into. */
function pullRequestBase(root: string, env: NodeJS.ProcessEnv): string | null {
  const base = env.GITHUB_BASE_REF;
  if (!base) return null;
  for (const candidate of [`origin/${base}`, base]) {
    const mergeBase = tryGit(root, "merge-base", "HEAD", candidate);
    if (mergeBase) return mergeBase;
  }
  throw new ConfigError(
    `GITHUB_BASE_REF is "${base}" but no merge-base with it was found: fetch it (actions/checkout with fetch-depth: 0), or set --baseline-ref`,
  );
}

/** Whether the working copy, untracked files included, is exactly the tree of `sha`. */
function sameTreeAs(root: string, sha: string): boolean {
  const changed = tryGit(root, "diff", "--quiet", sha, "--") === null;
  if (changed) return false;
  const untracked = tryGit(root, "ls-files", "--others", "--exclude-standard");
  return untracked === "";
}

/**
 * The baseline ref, first found of: the `--baseline-ref` flag, `GATE_BASELINE_REF`, the merge-base with
 * `GITHUB_BASE_REF` on a pull request, the config's `benchmark.baseline_ref`.
 */
export function resolveBaselineRef(
  root: string,
  configured: string,
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): BaselineRef {
  const pr = flag || env.GATE_BASELINE_REF ? null : pullRequestBase(root, env);
  const [ref, source]: [string, BaselineRef["source"]] = flag
    ? [flag, "--baseline-ref"]
    : env.GATE_BASELINE_REF
      ? [env.GATE_BASELINE_REF, "GATE_BASELINE_REF"]
      : pr
        ? [pr, "pull request merge-base"]
        : [configured, "gate config"];
  const sha = tryGit(root, "rev-parse", "--verify", "--quiet", `${ref}^{commit}`);
  if (!sha) throw new ConfigError(`baseline ref "${ref}" (from ${source}) matches no commit`);
  return { ref, source, sha, sameTree: sameTreeAs(root, sha) };
}
