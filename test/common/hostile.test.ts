import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { beforeAll, describe, expect, it } from "vitest";
import {
  FileKindError,
  MAX_INPUT_BYTES,
  readJsonFile,
  readRegularFile,
  writeFileAtomic,
} from "../../src/common/index.js";
import { tempDir } from "../temp-dir.js";

const scratch = tempDir("common-hostile");

/** A FIFO, a folder, links to /dev/null and to a regular file, and a file over the size limit, in a fresh folder. */
const paths = {
  fifo: join(scratch, "fifo"),
  folder: join(scratch, "folder"),
  devNullLink: join(scratch, "dev-null-link"),
  regular: join(scratch, "regular.json"),
  regularLink: join(scratch, "regular-link.json"),
  dangling: join(scratch, "dangling-link"),
  huge: join(scratch, "huge.json"),
  missing: join(scratch, "missing.json"),
};

beforeAll(async () => {
  await execa("mkfifo", [paths.fifo]);
  mkdirSync(paths.folder);
  symlinkSync("/dev/null", paths.devNullLink);
  writeFileSync(paths.regular, '{"ok": true}\n');
  symlinkSync(paths.regular, paths.regularLink);
  symlinkSync(join(scratch, "nowhere"), paths.dangling);
  // Sparse: the size is over the limit without writing 16 MB.
  writeFileSync(paths.huge, "");
  await execa("truncate", ["-s", String(MAX_INPUT_BYTES + 1), paths.huge]);
});

describe("writeFileAtomic refuses a target that exists and is not a regular file", () => {
  const refused: [string, keyof typeof paths, RegExp][] = [
    ["a FIFO", "fifo", /refusing to write over a FIFO/],
    ["a folder", "folder", /refusing to write over a directory/],
    ["a link to /dev/null", "devNullLink", /refusing to write over a symbolic link/],
    ["a link to a regular file", "regularLink", /refusing to write over a symbolic link/],
    ["a dangling link", "dangling", /refusing to write over a symbolic link/],
  ];
  it.each(refused)("%s", (_, key, message) => {
    const target = paths[key];
    let error: unknown;
    try {
      writeFileAtomic(target, "x");
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(FileKindError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain(target);
    expect((error as Error).message).not.toContain("\n");
  });

  it("leaves the refused targets as they were and no temporary file", () => {
    expect(readFileSync(paths.regular, "utf8")).toBe('{"ok": true}\n');
    const dir = mkdtempSync(join(scratch, "clean-"));
    symlinkSync("/dev/null", join(dir, "out"));
    expect(() => writeFileAtomic(join(dir, "out"), "x")).toThrow(FileKindError);
    expect(readFileSync(join(dir, "out"), "utf8")).toBe("");
  });

  it("throws the caller's error class", () => {
    class Mine extends Error {}
    expect(() => writeFileAtomic(paths.fifo, "x", { error: Mine })).toThrow(Mine);
  });

  it("writes a missing or regular target as before", () => {
    const dir = mkdtempSync(join(scratch, "ok-"));
    writeFileAtomic(join(dir, "new.txt"), "a");
    writeFileAtomic(join(dir, "new.txt"), "b");
    expect(readFileSync(join(dir, "new.txt"), "utf8")).toBe("b");
  });
});

describe("readRegularFile and readJsonFile refuse what is not a bounded regular file", () => {
  class ConfigProblem extends Error {}
  const rows: [string, keyof typeof paths, RegExp][] = [
    ["a FIFO (would block)", "fifo", /cannot read the config \(a FIFO, not a regular file\)/],
    ["a folder", "folder", /cannot read the config \(a directory, not a regular file\)/],
    [
      "a link to /dev/null",
      "devNullLink",
      /cannot read the config \(a character device, not a regular file\)/,
    ],
    ["a file over the limit", "huge", /cannot read the config \(larger than the 16 MB limit\)/],
    ["a missing file", "missing", /cannot read the config \(ENOENT\)/],
    ["a dangling link", "dangling", /cannot read the config \(ENOENT\)/],
  ];
  it.each(rows)("%s", (_, key, message) => {
    const file = paths[key];
    for (const read of [
      () => readRegularFile(file, { what: "config", error: ConfigProblem }),
      () => readJsonFile(file, { what: "config", error: ConfigProblem }),
    ]) {
      let error: unknown;
      try {
        read();
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(ConfigProblem);
      expect((error as Error).message).toBe(`${file}: ${(error as Error).message.slice(file.length + 2)}`);
      expect((error as Error).message).toMatch(message);
    }
  });

  it("reads /dev/zero as refused, not forever", () => {
    expect(() => readJsonFile("/dev/zero")).toThrow("/dev/zero: cannot read file (a character device");
  });

  it("follows a link to a regular file, and honours a smaller limit", () => {
    expect(readJsonFile(paths.regularLink)).toEqual({ ok: true });
    expect(() => readRegularFile(paths.regular, { maxBytes: 4 })).toThrow(/larger than the 0 MB limit/);
  });
});
