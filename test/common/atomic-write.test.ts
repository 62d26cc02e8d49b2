import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeFileAtomic } from "../../src/common/index.js";
import { tempDir } from "../temp-dir.js";

const scratch = tempDir("atomic-write-test");

const fresh = () => mkdtempSync(join(scratch, "atomic-"));

describe("writeFileAtomic", () => {
  it("writes the whole file and leaves nothing else beside it", () => {
    const dir = fresh();
    const file = join(dir, "out.json");
    writeFileAtomic(file, "first\n");
    writeFileAtomic(file, Buffer.from("second\n"));
    expect(readFileSync(file, "utf8")).toBe("second\n");
    expect(readdirSync(dir)).toEqual(["out.json"]);
  });

  it("creates the folder only when asked", () => {
    const dir = fresh();
    expect(() => writeFileAtomic(join(dir, "a", "b", "x.txt"), "x")).toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
    writeFileAtomic(join(dir, "a", "b", "x.txt"), "x", { createDirectory: true });
    expect(readFileSync(join(dir, "a", "b", "x.txt"), "utf8")).toBe("x");
  });

  it("a folder target is refused: it stays whole and no temporary file is left", () => {
    const dir = fresh();
    const target = join(dir, "target");
    // Refused before anything is written (a rename over it would fail anyway); see hostile.test.ts for the rest.
    mkdirSync(target);
    writeFileSync(join(target, "keep"), "old");
    expect(() => writeFileAtomic(target, "new")).toThrow(/refusing to write over a directory/);
    expect(readdirSync(dir)).toEqual(["target"]);
    expect(readFileSync(join(target, "keep"), "utf8")).toBe("old");
  });

  it("a failed write leaves the old target untouched and no temporary file", () => {
    const dir = fresh();
    const file = join(dir, "out.txt");
    writeFileAtomic(file, "old");
    const broken = {
      get length(): number {
        throw new Error("the data gave out halfway");
      },
    } as unknown as Uint8Array;
    expect(() => writeFileAtomic(file, broken)).toThrow("the data gave out halfway");
    expect(readFileSync(file, "utf8")).toBe("old");
    expect(readdirSync(dir)).toEqual(["out.txt"]);
  });
});
