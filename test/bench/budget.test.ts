import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BenchInputError, InputBudget, jsonValues, readRunSet } from "../../src/bench/index.js";
import { tempDir } from "../temp-dir.js";

const dir = tempDir("bench-budget");
const bytes = (text: string) => Buffer.from(text, "utf8");

/** A hyperfine result with `n` benchmarks of three times each. */
function hyperfine(name: string, n: number): string {
  const file = join(dir, name);
  const results = Array.from({ length: n }, (_, i) => ({ command: `b${i}`, times: [1, 1.1, 0.9] }));
  writeFileSync(file, JSON.stringify({ results }));
  return file;
}

describe("jsonValues: what a parse will make, counted before it", () => {
  it.each([
    ["a number", "1", 0],
    ["an empty list", "[]", 1],
    ["a list of three", "[1,2,3]", 3],
    ["objects", '[{"a":1,"b":2},{}]', 5],
    ["commas and brackets inside strings", '["a,b[{", "c\\",d"]', 2],
    ["an escaped backslash before a closing quote", '["a\\\\", 1, 2]', 3],
  ])("%s", (_, text, count) => {
    expect(jsonValues(bytes(text))).toBe(count);
  });
});

describe("InputBudget: the limits of one compare, both sides together", () => {
  it("refuses files whose sizes together pass the byte limit, before reading one", () => {
    const budget = new InputBudget({ bytes: 100, values: 1_000 });
    const file = join(dir, "big.json");
    writeFileSync(file, " ".repeat(60));
    budget.chargeSizes([file]);
    expect(() => budget.chargeSizes([file])).toThrowError(
      /^bench compare: the result files total 0 MB, more than the 0 MB limit for one compare; compare fewer or smaller files$/,
    );
  });

  it("charges sizes of what is not a regular file as nothing: reading it refuses it", () => {
    const budget = new InputBudget({ bytes: 1, values: 1 });
    expect(() => budget.chargeSizes(["/dev/zero", join(dir, "missing.json")])).not.toThrow();
  });

  it("refuses the file that takes the values past the limit, naming it", () => {
    const budget = new InputBudget({ bytes: 1e9, values: 5 });
    budget.chargeValues("a.json", bytes("[1,2,3]"));
    expect(() => budget.chargeValues("b.json", bytes("[1,2,3]"))).toThrowError(
      /^bench compare: b\.json brings the result files to more than 5 JSON values, the limit for one compare/,
    );
  });

  it("is shared by the two sides of a compare", () => {
    const budget = new InputBudget({ bytes: 1e9, values: 20 });
    readRunSet([hyperfine("side-a.json", 2)], {}, budget);
    let error: unknown;
    try {
      readRunSet([hyperfine("side-b.json", 2)], {}, budget);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(BenchInputError);
    expect((error as Error).message).toMatch(/side-b\.json brings the result files to more than 20 JSON/);
  });

  it("refuses a side of more benchmarks than the limit", () => {
    expect(() => readRunSet([hyperfine("many.json", 10_001)])).toThrowError(
      /many\.json hold more than 10000 benchmarks, the limit for one side/,
    );
  });

  it("refuses a benchmark name longer than the limit, and takes one at it", () => {
    const named = (name: string) => {
      const file = join(dir, `named-${name.length}.json`);
      writeFileSync(file, JSON.stringify({ results: [{ command: name, times: [1, 1.1, 0.9] }] }));
      return file;
    };
    expect(readRunSet([named("x".repeat(256))]).files).toHaveLength(1);
    expect(() => readRunSet([named("x".repeat(257))])).toThrowError(
      /named-257\.json: a benchmark name is 257 characters long, over the 256 limit/,
    );
  });
});
