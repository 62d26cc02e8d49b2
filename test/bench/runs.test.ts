import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compareRuns, DEFAULT_STATS, readRunSet, savedRunName } from "../../src/bench/index.js";
import { tempDir } from "../temp-dir.js";

const F = "fixtures/formats";
const dir = tempDir("bench-runs");
const empty = tempDir("bench-empty");
/** A pytest-benchmark storage folder, as `--benchmark-save` lays it out. */
const storage = join(dir, ".benchmarks", "Linux-CPython-3.11-64bit");
mkdirSync(storage, { recursive: true });
const saved = [
  ["0001_phase6_baseline.json", "pytest-benchmark-0001_baseline.json"],
  ["0002_phase6_baseline.json", "pytest-benchmark-0002_candidate.json"],
  ["0003_phase6_baseline.json", "pytest-benchmark-0003_nodata.json"],
  ["0004_tuned.json", "pytest-benchmark-0002_candidate.json"],
];
for (const [name, from] of saved) copyFileSync(join(F, from as string), join(storage, name as string));

describe("one side of a compare: files, folders, globs and saved runs", () => {
  it("reads a pytest-benchmark storage folder and picks the runs saved under a name", () => {
    const set = readRunSet([storage], { name: "phase6_baseline" });
    expect(set.files.map((f) => savedRunName(f.file))).toEqual([
      "phase6_baseline",
      "phase6_baseline",
      "phase6_baseline",
    ]);
    expect(set.format).toBe("pytest-benchmark");
  });

  it("finds the runs one level down from the storage root, and keeps the last N as a history", () => {
    const set = readRunSet([join(dir, ".benchmarks")], { name: "phase6_baseline", last: 2 });
    expect(set.files.map((f) => f.file.split("/").at(-1))).toEqual([
      "0002_phase6_baseline.json",
      "0003_phase6_baseline.json",
    ]);
  });

  it("expands a glob, in name order", () => {
    const set = readRunSet([join(storage, "000[12]_*.json")]);
    expect(set.files).toHaveLength(2);
  });

  it.each([
    [
      "a folder with no run of that name",
      () => readRunSet([storage], { name: "nope" }),
      /no saved run is named "nope".*phase6_baseline/,
    ],
    [
      "a glob that matches nothing",
      () => readRunSet([join(storage, "*.xml")]),
      /the pattern matches no file/,
    ],
    ["a path that does not exist", () => readRunSet([join(dir, "missing")]), /missing: not found/],
    ["an empty folder", () => readRunSet([empty]), /holds no .json result/],
    [
      "mixed formats on one side",
      () => readRunSet([storage, join(F, "hyperfine-baseline.json")]),
      /mixes result formats: pytest-benchmark .*hyperfine/,
    ],
  ])("refuses %s with one line", (_what, read, message) => {
    expect(read).toThrowError(message);
  });

  it("refuses sides that share no benchmark name, naming the closest", () => {
    const a = readRunSet([join(F, "hyperfine-baseline.json")]);
    const renamed = join(dir, "renamed.json");
    writeFileSync(
      renamed,
      JSON.stringify({
        results: [{ command: "python3 -c pas", mean: 0.01, stddev: 0.001, times: [0.01, 0.011, 0.012] }],
      }),
    );
    expect(() => compareRuns(a, readRunSet([renamed]), { ...DEFAULT_STATS, location: "min" })).toThrowError(
      /share no benchmark name.*"python3 -c pas" \(closest in the baseline: "python3 -c pass"\)/,
    );
  });

  it("holds fewer than three processes a side at inconclusive and says how many are needed", () => {
    const one = readRunSet([join(storage, "0001_phase6_baseline.json")]);
    const two = readRunSet([join(storage, "0002_phase6_baseline.json"), join(storage, "0004_tuned.json")]);
    const report = compareRuns(one, two, { ...DEFAULT_STATS, location: "min" });
    for (const b of report.benchmarks) {
      expect(b.verdict).toBe("inconclusive");
      expect(b.flags).toContain("too_few_processes");
      expect(b.processes).toEqual({ baseline: 1, candidate: 2 });
      // One run on a side shows no spread: how many more it needs cannot be estimated yet.
      expect(b.needed_per_side).toBeNull();
    }
  });

  it("says when the runs of one side come from different environments", () => {
    const other = join(dir, "other-machine.json");
    const doc = JSON.parse(readFileSync(join(F, "pytest-benchmark-0002_candidate.json"), "utf8"));
    doc.machine_info.python_version = "3.12.1";
    writeFileSync(other, JSON.stringify(doc));
    const set = readRunSet([join(storage, "0001_phase6_baseline.json"), other]);
    expect(set.history_mismatch).toEqual(["runtime"]);
  });

  it("counts a file once, however many paths lead to it: a link, a loop, a folder beside its file", () => {
    const looped = join(dir, "looped");
    mkdirSync(looped);
    copyFileSync(join(F, "hyperfine-baseline.json"), join(looped, "a.json"));
    symlinkSync("a.json", join(looped, "b.json"));
    symlinkSync(".", join(looped, "loop"));
    const set = readRunSet([join(looped, "**", "*.json"), looped, join(looped, "loop", "a.json")]);
    expect(set.files.map((f) => f.file)).toEqual([join(looped, "a.json")]);
  });
});
