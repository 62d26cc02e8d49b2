import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  BenchInputError,
  boundedGlob,
  GLOB_LIMITS,
  type GlobLimits,
  MAX_GLOB_DEPTH,
  MAX_RESULT_FILES,
  splitPattern,
} from "../../src/bench/index.js";
import { tempDir } from "../temp-dir.js";

const dir = tempDir("bench-glob");

/** A folder `levels` deep under `root`, with one result at the bottom. */
function deepTree(root: string, levels: number): void {
  const bottom = join(root, ...Array.from({ length: levels }, (_, i) => `d${i}`));
  mkdirSync(bottom, { recursive: true });
  writeFileSync(join(bottom, "r.json"), "{}");
}

const refusal = (run: () => unknown): string => {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(BenchInputError);
    return (err as Error).message;
  }
  throw new Error("no refusal");
};

describe("splitPattern: the folder a search starts from", () => {
  it.each([
    ["results/**/*.json", "results", "**/*.json"],
    ["/proc/**", "/proc", "**"],
    ["/**/*.json", "/", "**/*.json"],
    ["*.json", ".", "*.json"],
    ["a/b/000[12]_*.json", "a/b", "000[12]_*.json"],
    ["a/{b,c}/x.json", "a", "{b,c}/x.json"],
    ["a/b\\*c/*.json", "a", "b\\*c/*.json"],
  ])("%s", (pattern, base, rest) => {
    expect(splitPattern(pattern)).toEqual({ base, rest });
  });
});

describe("boundedGlob: searches within depth, count, entry and time limits", () => {
  it("finds a result at the depth limit, and refuses a tree deeper than it", () => {
    deepTree(join(dir, "at-limit"), MAX_GLOB_DEPTH);
    expect(boundedGlob(join(dir, "at-limit", "**", "*.json"))).toHaveLength(1);
    deepTree(join(dir, "too-deep"), MAX_GLOB_DEPTH + 1);
    expect(refusal(() => boundedGlob(join(dir, "too-deep", "**", "*.json")))).toMatch(
      /the pattern ".*too-deep\/\*\*\/\*\.json" searches deeper than 8 folders below ".*too-deep" \(the limit\)/,
    );
  });

  it("leaves a fixed-depth pattern unbounded by depth: it cannot go further than it says", () => {
    deepTree(join(dir, "fixed"), MAX_GLOB_DEPTH + 2);
    const stars = Array.from({ length: MAX_GLOB_DEPTH + 2 }, () => "*");
    expect(boundedGlob(join(dir, "fixed", ...stars, "r.json"))).toHaveLength(1);
  });

  it("refuses a pattern that matches more files than the limit, and takes one at the limit", () => {
    const many = join(dir, "many");
    mkdirSync(many);
    for (let i = 0; i < MAX_RESULT_FILES; i++) writeFileSync(join(many, `${i}.json`), "{}");
    expect(boundedGlob(join(many, "*.json"))).toHaveLength(MAX_RESULT_FILES);
    writeFileSync(join(many, "one-more.json"), "{}");
    expect(refusal(() => boundedGlob(join(many, "*.json")))).toMatch(
      /^bench compare: the pattern ".*many\/\*\.json" matched more than 1000 files \(the limit\); name the result files more narrowly$/,
    );
  });

  it("stops a search that looks at more entries than the limit", () => {
    const limits: GlobLimits = { ...GLOB_LIMITS, entries: 5 };
    const wide = join(dir, "wide");
    mkdirSync(wide);
    for (let i = 0; i < 10; i++) writeFileSync(join(wide, `${i}.txt`), "");
    expect(refusal(() => boundedGlob(join(wide, "*.json"), limits))).toMatch(
      /made the search look at more than 5 folder entries \(the limit\)/,
    );
  });

  it("stops a search that runs past the time limit, on a clock that moves a second per folder", () => {
    let t = 0;
    const limits: GlobLimits = { ...GLOB_LIMITS, ms: 3_000, now: () => (t += 1_000) };
    deepTree(join(dir, "slow"), 6);
    expect(refusal(() => boundedGlob(join(dir, "slow", "**", "*.json"), limits))).toMatch(
      /took more than 3 s to search \(the limit\)/,
    );
  });

  it("matches a link to a file, and does not follow a link to a folder, a loop or a way out", () => {
    const linked = join(dir, "linked");
    mkdirSync(linked);
    writeFileSync(join(linked, "a.json"), "{}");
    symlinkSync("a.json", join(linked, "b.json"));
    symlinkSync(".", join(linked, "loop"));
    symlinkSync("/", join(linked, "root"));
    expect(boundedGlob(join(linked, "**", "*.json")).map((f) => f.slice(linked.length + 1))).toEqual([
      "a.json",
      "b.json",
    ]);
  });
});
