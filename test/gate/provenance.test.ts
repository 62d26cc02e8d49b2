import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import type { GateConfig } from "../../src/gate/config.js";
import { candidateSource, changeUnderTest } from "../../src/gate/provenance.js";
import { tempDir } from "../temp-dir.js";

const dir = tempDir("provenance");

async function repo(name: string): Promise<string> {
  const root = join(dir, name);
  mkdirSync(root);
  const git = (...args: string[]) => execa("git", args, { cwd: root });
  await git("init", "-q");
  writeFileSync(join(root, "analysis.py"), "def f():\n    return 1\n");
  await git("add", "-A");
  await git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "base");
  return root;
}

describe("candidateSource: the commit under test and what the working copy adds to it", () => {
  it("a clean checkout is its commit, not dirty", async () => {
    const root = await repo("clean");
    const head = (await execa("git", ["rev-parse", "HEAD"], { cwd: root })).stdout;
    expect(candidateSource(root, "evidence/out")).toEqual({ commit: head, dirty: false, uncommitted: null });
  });

  it("an edit or a new file makes it dirty, and each different edit gives a different digest", async () => {
    const root = await repo("dirty");
    writeFileSync(join(root, "analysis.py"), "def f():\n    return 2\n");
    const edited = candidateSource(root, "evidence/out");
    expect(edited.dirty).toBe(true);
    expect(edited.uncommitted).toMatch(/^[0-9a-f]{64}$/);
    expect(candidateSource(root, "evidence/out").uncommitted).toBe(edited.uncommitted);
    writeFileSync(join(root, "new.py"), "x = 1\n");
    expect(candidateSource(root, "evidence/out").uncommitted).not.toBe(edited.uncommitted);
  });

  it("the gate's own out folder and its staging folders are never part of the source", async () => {
    const root = await repo("out");
    mkdirSync(join(root, "evidence/out"), { recursive: true });
    mkdirSync(join(root, "evidence/.out.gate-staging-1-abc"), { recursive: true });
    writeFileSync(join(root, "evidence/out/bundle.json"), "{}");
    writeFileSync(join(root, "evidence/.out.gate-staging-1-abc/bundle.json"), "{}");
    expect(candidateSource(root, "evidence/out").dirty).toBe(false);
  });

  it("outside a git checkout there is no commit", () => {
    expect(candidateSource(dir, "out").commit).toBeNull();
  });
});

describe("changeUnderTest", () => {
  const config = (candidate: GateConfig["candidate"], base?: string) =>
    ({ candidate, base_preset: base }) as GateConfig;
  it.each([
    [
      config({ preset: "aggressive", ttl_seconds: 1200, reason: "r" }, "balanced"),
      "aggressive override for 20 m over balanced",
    ],
    [
      config({ preset: "conservative", ttl_seconds: 7200, reason: "r" }),
      "conservative override for 2 h over balanced",
    ],
    [
      config({ preset: "aggressive", ttl_seconds: 90, reason: "r" }),
      "aggressive override for 90 s over balanced",
    ],
    [
      config({ preset: "conservative", reason: "r" }, "aggressive"),
      "base preset conservative (from aggressive)",
    ],
  ])("words the change: %#", (c, words) => {
    expect(changeUnderTest(c)).toBe(words);
  });
});
