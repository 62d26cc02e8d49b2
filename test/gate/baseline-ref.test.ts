import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { execaSync } from "execa";
import { describe, expect, it } from "vitest";
import { resolveBaselineRef } from "../../src/gate/baseline-ref.js";
import { tempDir } from "../temp-dir.js";

/** A small repository: main with one commit, a feature branch one commit ahead, as a pull request sees it. */
const repo = tempDir("baseline-ref");
const git = (...args: string[]) =>
  execaSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.invalid", ...args], { cwd: repo });
git("init", "-q", "-b", "main");
writeFileSync(join(repo, "a.txt"), "one\n");
git("add", ".");
git("commit", "-qm", "one");
const mainSha = git("rev-parse", "HEAD").stdout;
git("checkout", "-qb", "feature");
writeFileSync(join(repo, "a.txt"), "two\n");
git("commit", "-qam", "two");
const featureSha = git("rev-parse", "HEAD").stdout;

describe("the baseline ref", () => {
  it("is the config's when nothing else is said, and HEAD on a clean checkout is the candidate's own tree", () => {
    const base = resolveBaselineRef(repo, "HEAD", undefined, {});
    expect(base).toEqual({ ref: "HEAD", source: "gate config", sha: featureSha, sameTree: true });
  });

  it("is not the same tree once the working copy differs, tracked or untracked", () => {
    writeFileSync(join(repo, "new.txt"), "x\n");
    expect(resolveBaselineRef(repo, "HEAD", undefined, {}).sameTree).toBe(false);
    git("clean", "-qfd");
    writeFileSync(join(repo, "a.txt"), "edited\n");
    expect(resolveBaselineRef(repo, "HEAD", undefined, {}).sameTree).toBe(false);
    git("checkout", "-q", "--", "a.txt");
  });

  it("takes the flag over GATE_BASELINE_REF over a pull request's merge-base over the config", () => {
    const env = { GATE_BASELINE_REF: "main", GITHUB_BASE_REF: "main" };
    expect(resolveBaselineRef(repo, "HEAD", "main", env)).toMatchObject({
      source: "--baseline-ref",
      sha: mainSha,
    });
    expect(resolveBaselineRef(repo, "HEAD", undefined, env)).toMatchObject({ source: "GATE_BASELINE_REF" });
    const pr = resolveBaselineRef(repo, "HEAD", undefined, { GITHUB_BASE_REF: "main" });
    expect(pr).toMatchObject({ ref: mainSha, source: "pull request merge-base", sameTree: false });
  });

  it("refuses a ref that matches no commit, and a pull request base it cannot find, naming what to do", () => {
    expect(() => resolveBaselineRef(repo, "no-such-ref", undefined, {})).toThrowError(
      /baseline ref "no-such-ref" \(from gate config\) matches no commit/,
    );
    expect(() => resolveBaselineRef(repo, "HEAD", undefined, { GITHUB_BASE_REF: "gone" })).toThrowError(
      /fetch-depth: 0.*--baseline-ref/,
    );
  });
});
