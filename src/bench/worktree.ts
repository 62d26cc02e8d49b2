import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();

/**
 * A detached checkout of `sha` in a temporary folder, sharing the repository's node_modules. Worktrees left behind
 * by a run that was killed are pruned first, so they never pile up.
 */
export function createWorktree(repoRoot: string, sha: string): { root: string; cleanup(): void } {
  git(repoRoot, "worktree", "prune");
  const root = mkdtempSync(join(tmpdir(), "tg-baseline-"));
  git(repoRoot, "worktree", "add", "--detach", "--force", root, sha);
  const cleanup = () => {
    try {
      git(repoRoot, "worktree", "remove", "--force", root);
    } catch {
      rmSync(root, { recursive: true, force: true });
      git(repoRoot, "worktree", "prune");
    }
  };
  const modules = join(repoRoot, "node_modules");
  if (existsSync(modules)) symlinkSync(modules, join(root, "node_modules"), "dir");
  return { root, cleanup };
}
