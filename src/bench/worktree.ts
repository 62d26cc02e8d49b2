import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { isProcessAlive } from "../common/index.js";

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();

/** `tg-baseline-<pid>-XXXXXX` in the temp folder: named after the process that made it. */
const PREFIX = "tg-baseline-";
const OWNED_NAME = /^tg-baseline-(\d+)-/;

/** The process that made a worktree folder, or null when the folder is not one of ours. */
function ownerOf(path: string): number | null {
  const match = OWNED_NAME.exec(basename(path));
  return match ? Number(match[1]) : null;
}

const isTempFolder = (dir: string) => {
  const temp = tmpdir();
  return dir === temp || (existsSync(temp) && dir === realpathSync(temp));
};

/** Worktrees and temporary folders of a run that was killed (its process is gone). */
function isStale(path: string): boolean {
  const owner = ownerOf(path);
  return owner !== null && isTempFolder(dirname(path)) && !isProcessAlive(owner);
}

/**
 * Removes the baseline worktrees that a killed run left behind: the repository's registered ones whose process is
 * gone, their temporary folders, and any such folder that never got registered; then prunes what git still lists.
 * Folders of a live run, and worktrees named otherwise, are left alone. Returns the folders it removed.
 */
export function removeStaleWorktrees(repoRoot: string): string[] {
  let listing: string;
  try {
    listing = git(repoRoot, "worktree", "list", "--porcelain");
  } catch {
    return [];
  }
  const registered = listing
    .split("\n")
    .filter((line) => line.startsWith("worktree "))
    .map((line) => line.slice("worktree ".length));
  const unregistered = readdirSync(tmpdir())
    .filter((name) => name.startsWith(PREFIX))
    .map((name) => join(tmpdir(), name));
  const stale = [...new Set([...registered, ...unregistered])].filter(isStale).filter(removeFolder);
  git(repoRoot, "worktree", "prune");
  return stale;
}

/**
 * Removes a folder, retrying while a process that is ending still writes into it (ENOTEMPTY). One that will not go
 * is left for the next run, which removes it once its process is gone: never an error for this one.
 */
function removeFolder(path: string): boolean {
  try {
    rmSync(path, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    return true;
  } catch {
    return false;
  }
}

/**
 * A detached checkout of `sha` in a temporary folder, sharing the repository's node_modules. Worktrees left behind
 * by a run that was killed are removed first, so they never pile up.
 */
export function createWorktree(repoRoot: string, sha: string): { root: string; cleanup(): void } {
  removeStaleWorktrees(repoRoot);
  const root = mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-`));
  git(repoRoot, "worktree", "add", "--detach", "--force", root, sha);
  const cleanup = () => {
    try {
      git(repoRoot, "worktree", "remove", "--force", root);
    } catch {
      if (removeFolder(root)) git(repoRoot, "worktree", "prune");
    }
  };
  const modules = join(repoRoot, "node_modules");
  if (existsSync(modules)) symlinkSync(modules, join(root, "node_modules"), "dir");
  return { root, cleanup };
}
