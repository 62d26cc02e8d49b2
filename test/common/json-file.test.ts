import { mkdtempSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readJsonFile } from "../../src/common/index.js";
import { tempDir } from "../temp-dir.js";

const scratch = tempDir("json-file-test");

class PartError extends Error {
  override name = "PartError";
}

const dir = mkdtempSync(join(scratch, "json-file-"));

describe("readJsonFile", () => {
  it("parses a file", () => {
    const file = join(dir, "ok.json");
    writeFileSync(file, '{"a": [1, 2]}');
    expect(readJsonFile(file)).toEqual({ a: [1, 2] });
  });

  it("a missing file: names the file, what it is, and the error code", () => {
    const file = join(dir, "absent.json");
    expect(() => readJsonFile(file, { what: "gate config" })).toThrow(
      `${file}: cannot read the gate config (ENOENT)`,
    );
    expect(() => readJsonFile(file)).toThrow(`${file}: cannot read file (ENOENT)`);
  });

  it("invalid JSON: names the file and the parser's reason", () => {
    const file = join(dir, "bad.json");
    writeFileSync(file, '{"a": ');
    expect(() => readJsonFile(file, { what: "docs contract" })).toThrow(
      new RegExp(`^${file.replace(/[.]/g, "\\.")}: the docs contract is not valid JSON: .+`),
    );
    expect(() => readJsonFile(file)).toThrow(/bad\.json: not valid JSON: /);
  });

  it("invalid JSON: says where, and never quotes the file", () => {
    const cases: [string, string][] = [
      ["password=HUNTER2\n", "unexpected character at line 1, column 1"],
      ['{\n  "key": HUNTER2\n}', "unexpected character at line 2, column 10"],
      ['{"a": [1, 2,]} HUNTER2', "unexpected character at line 1, column 13"],
      ['{"a": 1} "HUNTER2"', "unexpected non-whitespace character after JSON at line 1, column 10"],
      ['{"a": "HUNTER2', "unterminated string at line 1, column 15"],
      ["", "unexpected end of input at line 1, column 1"],
    ];
    for (const [text, says] of cases) {
      const file = join(dir, "secret.json");
      writeFileSync(file, text);
      expect(() => readJsonFile(file)).toThrow(`${file}: not valid JSON: ${says}`);
      expect(() => readJsonFile(file)).not.toThrow(/HUNTER2/);
    }
  });

  it("throws the caller's error class", () => {
    const attempt = () => readJsonFile(join(dir, "absent.json"), { error: PartError });
    expect(attempt).toThrow(PartError);
    expect(attempt).toThrow(/absent\.json: cannot read file \(ENOENT\)/);
  });
});
