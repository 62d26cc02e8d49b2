import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createWorktree, removeStaleWorktrees } from "../../src/bench/index.js";
import { tempDir } from "../temp-dir.js";

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();

/** A repository with one commit. */
function repository(): { repo: string; sha: string } {
  const repo = join(tempDir("worktree-repo"), "repo");
  mkdirSync(repo);
  git(repo, "init", "--quiet");
  writeFileSync(join(repo, "file.txt"), "one\n");
  git(repo, "add", ".");
  git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "--quiet", "-m", "one");
  return { repo, sha: git(repo, "rev-parse", "HEAD") };
}

const { repo, sha } = repository();
const notARepository = tempDir("not-a-repo");
const deadPid = spawnSync(process.execPath, ["-e", ""]).pid;
/** Worktree folders the tests make in the temp folder, where the benchmark step makes them. */
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
  git(repo, "worktree", "prune");
});

const listed = () => git(repo, "worktree", "list", "--porcelain");

function worktreeOf(pid: number, register: boolean): string {
  const dir = join(tmpdir(), `tg-baseline-${pid}-${Math.random().toString(36).slice(2, 8)}`);
  made.push(dir);
  if (register) git(repo, "worktree", "add", "--detach", "--quiet", dir, sha);
  else mkdirSync(dir);
  return dir;
}

describe("removeStaleWorktrees", () => {
  it("removes the worktrees and temp folders of a process that is gone, and keeps a live one's", () => {
    const stale = worktreeOf(deadPid, true);
    const unregistered = worktreeOf(deadPid, false);
    const live = worktreeOf(process.ppid, true);
    const removed = removeStaleWorktrees(repo);
    expect(removed).toEqual(expect.arrayContaining([stale, unregistered]));
    expect(removed).not.toContain(live);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(unregistered)).toBe(false);
    expect(listed()).not.toContain(stale);
    expect(existsSync(live)).toBe(true);
    expect(listed()).toContain(live);
  });

  it("is a no-op outside a git repository", () => {
    expect(removeStaleWorktrees(notARepository)).toEqual([]);
  });
});

describe("createWorktree", () => {
  it("names its folder after the process, and its cleanup removes it", () => {
    const tree = createWorktree(repo, sha);
    made.push(tree.root);
    expect(tree.root).toContain(`tg-baseline-${process.pid}-`);
    expect(listed()).toContain(tree.root);
    tree.cleanup();
    expect(existsSync(tree.root)).toBe(false);
    expect(listed()).not.toContain(tree.root);
  });
});
