import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BenchInputError, readBenchFile } from "../../src/bench/index.js";
import { tempDir } from "../temp-dir.js";
import { ours, pytest } from "./result-shapes.js";

const dir = tempDir("bench-shapes");

/** [what, the document, the line it must give]: valid JSON of the wrong shape, each refused naming the field. */
const rows: [string, unknown, RegExp][] = [
  ["null", null, /not a benchmark result this tool reads/],
  ["a number", 5, /not a benchmark result this tool reads/],
  ["an empty list", [], /no benchmarks in it/],
  ["a list holding null", [null], /\$\[0\] must be an object, not null \(read as tinybench results\)/],
  ["a tinybench task without latency", [{ name: "a" }], /\$\[0\]\.latency is missing/],
  [
    "tinybench samples that are not numbers",
    { tasks: [{ name: "a", result: { latency: { samples: [1, "2"] } } }] },
    /\$\.tasks\[0\]\.result\.latency\.samples\[1\] must be a number, not a string/,
  ],
  ["pytest benchmarks that are a number", pytest(5), /\$\.benchmarks must be a list, not a number/],
  ["pytest benchmarks holding null", pytest([null]), /\$\.benchmarks\[0\] must be an object, not null/],
  ["pytest stats that are null", pytest([{ name: "a", stats: null }]), /\$\.benchmarks\[0\]\.stats must be/],
  ["pytest stats missing", pytest([{ name: "a" }]), /\$\.benchmarks\[0\]\.stats is missing/],
  [
    "pytest data that is an object",
    pytest([{ name: "a", stats: { data: { x: 1 } } }]),
    /\$\.benchmarks\[0\]\.stats\.data must be a list, not an object/,
  ],
  [
    "a pytest name that is a number",
    pytest([{ fullname: 7, stats: { data: [1] } }]),
    /\$\.benchmarks\[0\]\.fullname must be a string, not a number/,
  ],
  ["hyperfine results holding null", { results: [null] }, /\$\.results\[0\] must be an object, not null/],
  [
    "hyperfine times with a string",
    { results: [{ command: "a", times: [1, "2"] }] },
    /\$\.results\[0\]\.times\[1\] must be a number, not a string \(read as hyperfine results\)/,
  ],
  ["ours: benchmarks a number", ours(5), /\$\.benchmarks must be a list, not a number/],
  ["ours: benchmarks holding null", ours([null]), /\$\.benchmarks\[0\] must be an object, not null/],
  [
    "ours: samples a string",
    ours([{ name: "a", samples: "1,2" }]),
    /\$\.benchmarks\[0\]\.samples must be a list, not a string \(read as throughput-gate results\)/,
  ],
  ["ours: samples missing", ours([{ name: "a" }]), /\$\.benchmarks\[0\]\.samples is missing/],
  [
    "ours: a name that is a list",
    ours([{ name: ["a"], samples: [1] }]),
    /\.name must be a string, not a list/,
  ],
  ["ours: no name", ours([{ samples: [1] }]), /a benchmark has no name \(\$\.benchmarks\[0\]\.name\)/],
  [
    "ours: saturation a number",
    ours([{ name: "a", samples: [1], saturation: 5 }]),
    /\$\.benchmarks\[0\]\.saturation must be a string, not a number/,
  ],
  [
    "ours: environment a string",
    ours([{ name: "a", samples: [1] }], { environment: "x" }),
    /\$\.environment must be an object, not a string/,
  ],
];

describe("result files of the right kind and the wrong shape: one line naming the file and the field", () => {
  it.each(rows)("%s", (what, doc, message) => {
    const file = join(dir, `${what.replace(/\W+/g, "-")}.json`);
    writeFileSync(file, JSON.stringify(doc));
    let error: unknown;
    try {
      readBenchFile(file);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(BenchInputError);
    const line = (error as Error).message;
    expect(line.startsWith(`${file}: `)).toBe(true);
    expect(line).not.toContain("\n");
    expect(line).toMatch(message);
  });
});
