import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { relocatePaths, removeLeftovers, replaceFolder } from "../../src/evidence/index.js";
import { tempDir } from "../temp-dir.js";

const root = tempDir("staging");

/** A fresh parent folder holding `out` with the given files (path -> text). */
function folderWith(files: Record<string, string>): { parent: string; out: string } {
  const parent = mkdtempSync(join(root, "case-"));
  const out = join(parent, "out");
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(out, path, ".."), { recursive: true });
    writeFileSync(join(out, path), text);
  }
  return { parent, out };
}

/** Every file under `dir`, by its path relative to `dir`, with its text. */
function filesIn(dir: string, prefix = ""): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) Object.assign(files, filesIn(path, `${prefix}${name}/`));
    else files[`${prefix}${name}`] = readFileSync(path, "utf8");
  }
  return files;
}

/** The id of a process that has ended. */
const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid;

const write = (dir: string, files: Record<string, string>) => {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
};

describe("replaceFolder", () => {
  it("swaps the filled staging folder in and leaves nothing else beside it", async () => {
    const { parent, out } = folderWith({ "bundle.json": "old" });
    let staged = "";
    const result = await replaceFolder(out, async (staging) => {
      staged = staging;
      expect(readdirSync(parent).sort()).toEqual([staging.slice(parent.length + 1), "out"].sort());
      write(staging, { "bundle.json": "new", "summary.md": "new summary" });
      return 7;
    });
    expect(result).toBe(7);
    expect(staged).toMatch(/\.out\.gate-staging-\d+-[0-9a-f]{8}$/);
    expect(filesIn(out)).toEqual({ "bundle.json": "new", "summary.md": "new summary" });
    expect(readdirSync(parent)).toEqual(["out"]);
  });

  it("creates the out folder, and its parents, when there was none", async () => {
    const parent = mkdtempSync(join(root, "case-"));
    const out = join(parent, "a", "b", "out");
    await replaceFolder(out, async (staging) => write(staging, { "bundle.json": "first" }));
    expect(filesIn(out)).toEqual({ "bundle.json": "first" });
  });

  it("leaves the previous folder as it was when filling fails, and removes the staging folder", async () => {
    const previous = { "bundle.json": "old", "snapshots/status-before.json": "{}" };
    const { parent, out } = folderWith(previous);
    await expect(
      replaceFolder(out, async (staging) => {
        write(staging, { "bundle.json": "half", "snapshots/status-before.json": "[]" });
        throw new Error("the bundle does not validate");
      }),
    ).rejects.toThrow("the bundle does not validate");
    expect(filesIn(out)).toEqual(previous);
    expect(readdirSync(parent)).toEqual(["out"]);
  });

  it("keeps what the writer does not own from the previous folder, and drops what it owns", async () => {
    const { out } = folderWith({
      "bundle.json": "old",
      "statement.intoto.json": "old statement",
      "test-results.json": "vitest's",
      "bench/suite/look-2/candidate-01.json": "old look",
      "bench/pytest-verdicts.json": "another tool's",
      "partial-docs/bundle.json": "a partial run",
    });
    const owned = (path: string, isDirectory: boolean) =>
      ["bundle.json", "statement.intoto.json"].includes(path) || (isDirectory && /^bench\/[^/]+$/.test(path));
    await replaceFolder(
      out,
      async (staging) =>
        write(staging, { "bundle.json": "new", "bench/suite/look-1/candidate-01.json": "new look" }),
      { owned },
    );
    expect(filesIn(out)).toEqual({
      "bench/pytest-verdicts.json": "another tool's",
      "bench/suite/look-1/candidate-01.json": "new look",
      "bundle.json": "new",
      "partial-docs/bundle.json": "a partial run",
      "test-results.json": "vitest's",
    });
  });

  it("removes the staging and set-aside folders a killed run left, and keeps a live run's", async () => {
    const { parent, out } = folderWith({ "bundle.json": "old" });
    const dead = deadPid();
    const leftovers = [`.out.gate-staging-${dead}-0badf00d`, `.out.gate-previous-${dead}-0badf00d`];
    const live = `.out.gate-staging-${process.ppid}-0badf00d`;
    const unrelated = ".other.gate-staging-1-0badf00d";
    for (const name of [...leftovers, live, unrelated]) write(join(parent, name), { "bundle.json": "half" });
    await replaceFolder(out, async (staging) => write(staging, { "bundle.json": "new" }));
    expect(readdirSync(parent).sort()).toEqual([live, unrelated, "out"].sort());
    expect(removeLeftovers(out)).toEqual([]);
  });

  it("removes leftovers even when the run then fails", async () => {
    const { parent, out } = folderWith({ "bundle.json": "old" });
    write(join(parent, `.out.gate-staging-${deadPid()}-0badf00d`), { "bundle.json": "half" });
    await expect(
      replaceFolder(out, async () => {
        throw new Error("no twin");
      }),
    ).rejects.toThrow("no twin");
    expect(readdirSync(parent)).toEqual(["out"]);
    expect(filesIn(out)).toEqual({ "bundle.json": "old" });
  });
});

describe("relocatePaths", () => {
  it("gives every path into the staging folder as its final place, inside strings, arrays and objects", () => {
    const value = {
      files: [{ side: "baseline", file: "/x/.out.gate-staging-1-ab/bench/a.json" }],
      message: "cannot read /x/.out.gate-staging-1-ab/snapshots/s.json: ENOENT",
      count: 3,
      none: null,
    };
    expect(relocatePaths(value, "/x/.out.gate-staging-1-ab", "/x/out")).toEqual({
      files: [{ side: "baseline", file: "/x/out/bench/a.json" }],
      message: "cannot read /x/out/snapshots/s.json: ENOENT",
      count: 3,
      none: null,
    });
  });
});
