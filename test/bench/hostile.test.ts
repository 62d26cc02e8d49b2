import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { builtBin } from "../cli.js";
import { type HostileRun, runHostile } from "../hostile-run.js";
import { tempDir } from "../temp-dir.js";
import { ours as oursShape, pytest as pytestShape } from "./result-shapes.js";

const GATE = builtBin("gate/cli.js");
const scratch = tempDir("bench-hostile");
const path = (...parts: string[]) => join(scratch, ...parts);
const ESC = "\u001b";
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const RAW_CONTROL = /[\u001b\u009b]/;

/** The shapes as files' text. */
const ours = (benchmarks: unknown, extra: object = {}) => JSON.stringify(oursShape(benchmarks, extra));
const pytest = (benchmarks: unknown) => JSON.stringify(pytestShape(benchmarks));
/** `n` benchmarks named by `name`, one time each, slower by `scale`. */
const hyperfine = (n: number, scale: number, name = (i: number) => `b${i}`) =>
  JSON.stringify({ results: Array.from({ length: n }, (_, i) => ({ command: name(i), times: [scale] })) });
/** One benchmark of `n` samples, written as text: a million-element list through JSON.stringify is slow. */
const manySamples = (n: number, sample: string) =>
  ours([{ name: "a", unit: "ms", samples: [], saturation: null }]).replace(
    '"samples":[]',
    `"samples":[${`${sample},`.repeat(n - 1)}${sample}]`,
  );

const write = (name: string, text: string) => {
  writeFileSync(path(name), text);
  return path(name);
};

/** A file that says it holds `bytes` without holding them (sparse): its size is all the byte limit looks at. */
function sparse(name: string, bytes: number): string {
  writeFileSync(path(name), "[");
  truncateSync(path(name), bytes);
  return path(name);
}

/** `levels` folders deep, with one result at the bottom. */
function deepTree(name: string, levels: number): string {
  const bottom = path(name, ...Array.from({ length: levels }, (_, i) => `d${i}`));
  mkdirSync(bottom, { recursive: true });
  writeFileSync(join(bottom, "r.json"), hyperfine(1, 1));
  return path(name);
}

const good = () => path("good.json");

beforeAll(() => {
  write("good.json", hyperfine(3, 1));
  deepTree("deep", 9);
  mkdirSync(path("many"));
  for (let i = 0; i <= 1000; i++) writeFileSync(path("many", `${i}.json`), "{}");
  mkdirSync(path("looped"));
  write("looped/a.json", hyperfine(3, 1));
  symlinkSync(".", path("looped", "loop"));
  symlinkSync("/", path("looped", "root"));
  symlinkSync("a.json", path("looped", "b.json"));
});

const compare = (args: readonly string[]) =>
  runHostile(GATE, ["bench", "compare", ...args], { timeoutMs: 60_000 });

/** [what, the arguments after `bench compare`, the one line it must print]: each exits 2. */
const refused: [string, () => string[], RegExp][] = [
  [
    "a glob searching deeper than the depth limit",
    () => ["--baseline", path("deep", "**", "*.json"), "--candidate", good()],
    /the pattern ".*deep\/\*\*\/\*\.json" searches deeper than 8 folders below ".*deep" \(the limit\); name the result files more narrowly$/,
  ],
  [
    "a glob matching more files than the limit",
    () => ["--baseline", path("many", "*.json"), "--candidate", good()],
    /^throughput-gate: bench compare: the pattern ".*many\/\*\.json" matched more than 1000 files \(the limit\); name the result files more narrowly$/,
  ],
  [
    "a glob of every JSON file on the machine",
    () => ["--baseline", "/**/*.json", "--candidate", good()],
    /the pattern "\/\*\*\/\*\.json" (searches deeper than 8 folders|matched more than 1000 files|made the search look at more than 100000 folder entries|took more than 5 s to search) .*\(the limit\)/,
  ],
  [
    "a glob of /proc",
    () => ["--baseline", "/proc/**", "--candidate", good()],
    /the pattern "\/proc\/\*\*" (searches deeper than 8 folders|matched more than 1000 files|made the search look at more than 100000 folder entries|took more than 5 s to search) .*\(the limit\)/,
  ],
  [
    "result files over the byte limit for one compare, refused before one is read",
    () => [
      "--baseline",
      ...["big-1.json", "big-2.json", "big-3.json"].map((f) => sparse(f, 12e6)),
      "--candidate",
      good(),
    ],
    /^throughput-gate: bench compare: the result files total 34\.3 MB, more than the 32 MB limit for one compare; compare fewer or smaller files$/,
  ],
  [
    "result files over the JSON-value limit for one compare",
    () => [
      write("values-a.json", manySamples(600_000, "1")),
      write("values-b.json", manySamples(600_000, "1")),
    ],
    /bench compare: .*values-b\.json brings the result files to more than 1000000 JSON values, the limit for one compare/,
  ],
  [
    "a side of more benchmarks than the limit",
    () => [write("wide.json", hyperfine(10_001, 1)), good()],
    /bench compare: .*wide\.json hold more than 10000 benchmarks, the limit for one side/,
  ],
  [
    "a benchmark name over the length limit",
    () => [
      write(
        "long-name.json",
        hyperfine(1, 1, () => "x".repeat(257)),
      ),
      good(),
    ],
    /long-name\.json: a benchmark name is 257 characters long, over the 256 limit$/,
  ],
  [
    "a document that is null",
    () => [write("null.json", "null"), good()],
    /null\.json: not a benchmark result/,
  ],
  ["an empty list", () => [write("empty-list.json", "[]"), good()], /empty-list\.json: no benchmarks in it$/],
  [
    "pytest-benchmark: benchmarks a number",
    () => [write("py-number.json", pytest(5)), good()],
    /py-number\.json: \$\.benchmarks must be a list, not a number \(read as pytest-benchmark results\)$/,
  ],
  [
    "pytest-benchmark: a benchmark that is null",
    () => [write("py-null.json", pytest([null])), good()],
    /py-null\.json: \$\.benchmarks\[0\] must be an object, not null \(read as pytest-benchmark results\)$/,
  ],
  [
    "pytest-benchmark: stats that are null",
    () => [write("py-stats.json", pytest([{ name: "a", stats: null }])), good()],
    /py-stats\.json: \$\.benchmarks\[0\]\.stats must be an object, not null/,
  ],
  [
    "pytest-benchmark: data that is an object",
    () => [write("py-data.json", pytest([{ name: "a", stats: { data: { x: 1 } } }])), good()],
    /py-data\.json: \$\.benchmarks\[0\]\.stats\.data must be a list, not an object/,
  ],
  [
    "hyperfine: a result that is null",
    () => [write("hf-null.json", JSON.stringify({ results: [null] })), good()],
    /hf-null\.json: \$\.results\[0\] must be an object, not null \(read as hyperfine results\)$/,
  ],
  [
    "hyperfine: a time that is a string",
    () => [write("hf-time.json", JSON.stringify({ results: [{ command: "a", times: [1, "2"] }] })), good()],
    /hf-time\.json: \$\.results\[0\]\.times\[1\] must be a number, not a string/,
  ],
  [
    "tinybench: a task without latency",
    () => [write("tb-latency.json", JSON.stringify([{ name: "a" }])), good()],
    /tb-latency\.json: \$\[0\]\.latency is missing \(read as tinybench results\)$/,
  ],
  [
    "ours: benchmarks a number",
    () => [write("ours-number.json", ours(5)), good()],
    /ours-number\.json: \$\.benchmarks must be a list, not a number \(read as throughput-gate results\)$/,
  ],
  [
    "ours: a benchmark that is null",
    () => [write("ours-null.json", ours([null])), good()],
    /ours-null\.json: \$\.benchmarks\[0\] must be an object, not null/,
  ],
  [
    "ours: samples that are a string",
    () => [write("ours-samples.json", ours([{ name: "a", samples: "1,2" }])), good()],
    /ours-samples\.json: \$\.benchmarks\[0\]\.samples must be a list, not a string/,
  ],
  [
    "ours: a name that is a number",
    () => [write("ours-name.json", ours([{ name: 5, samples: [1] }])), good()],
    /ours-name\.json: \$\.benchmarks\[0\]\.name must be a string, not a number/,
  ],
  [
    "ours: saturation that is a number",
    () => [write("ours-saturation.json", ours([{ name: "a", samples: [1], saturation: 5 }])), good()],
    /ours-saturation\.json: \$\.benchmarks\[0\]\.saturation must be a string, not a number/,
  ],
  [
    "ours: an environment that is a string",
    () => [write("ours-env.json", ours([{ name: "a", samples: [1] }], { environment: "x" })), good()],
    /ours-env\.json: \$\.environment must be an object, not a string/,
  ],
];

/** Exit 2 and one line on stderr, with no control character in it. */
function expectOneLine(r: HostileRun, message: RegExp): void {
  expect(r.exitCode).toBe(2);
  const lines = r.stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(message);
  expect(r.stderr).not.toMatch(RAW_CONTROL);
}

describe("bench compare on hostile inputs: exit 2, one line naming the file or the limit", () => {
  it.each(refused)("%s", async (_, args, message) => {
    expectOneLine(await compare(args()), message);
  });
});

describe("bench compare within its limits, at them", () => {
  it("counts a file reached through a link, a loop and a link to / once, and does not hang", async () => {
    const r = await compare([
      "--baseline",
      path("looped", "**", "*.json"),
      path("looped"),
      "--candidate",
      good(),
      "--format",
      "json",
      "--inconclusive",
      "warn",
    ]);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).benchmarks[0].processes.baseline).toBe(1);
  });

  it("compares a million JSON values a side at the value limit, within the memory bound", async () => {
    const [a, b] = [
      write("cap-a.json", manySamples(499_000, "1")),
      write("cap-b.json", manySamples(499_000, "1.01")),
    ];
    const r = await compare([a, b, "--inconclusive", "warn"]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^PASS: nothing regressed/m);
  });

  it("prints 10,000 benchmarks a side with names at the length limit, within the memory bound", async () => {
    const name = (i: number) => `${i}`.padStart(256, "x");
    const [a, b] = [
      write("names-a.json", hyperfine(10_000, 1, name)),
      write("names-b.json", hyperfine(10_000, 1.01, name)),
    ];
    const r = await compare([a, b, "--inconclusive", "warn"]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^PASS: .*\(10000 benchmarks: /m);
  });
});

describe("escape codes in names and paths never reach the terminal raw", () => {
  const evil = `evil${ESC}[31mred${ESC}]0;title\u0007\nforged row`;
  const side = (file: string, scale: number) =>
    write(file, JSON.stringify({ results: [{ command: evil, times: [scale, 1.1 * scale, 0.9 * scale] }] }));

  it("in the text table, the notes and the verdict line", async () => {
    const r = await compare([side("evil-a.json", 1), side("evil-b.json", 1.5)]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^FAIL: 1 regressed/m);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toContain("evil\\u001b[31mred\\u001b]0;title\\u0007\\nforged row");
    expect(r.stdout.split("\n").filter((l) => l.includes("forged row"))).toHaveLength(1);
  });

  it("in JSON output, where the names stay exact", async () => {
    const r = await compare([side("evil-a.json", 1), side("evil-b.json", 1.5), "--format", "json"]);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(RAW_CONTROL);
    expect(JSON.parse(r.stdout).benchmarks[0].name).toBe(evil);
  });

  it.each<[string, () => string[], RegExp]>([
    [
      "a file name in an error",
      () => [write(`bad${ESC}[2J.json`, JSON.stringify({ results: [null] })), good()],
      /bad\\u001b\[2J\.json: \$\.results\[0\] must be an object/,
    ],
    [
      "a benchmark name in an error",
      () => [
        write(
          "dup.json",
          hyperfine(2, 1, () => `dup${ESC}[2J`),
        ),
        good(),
      ],
      /dup\.json: duplicate benchmark name "dup\\u001b\[2J"/,
    ],
    [
      "a name with a newline in an error, kept on its line",
      () => [
        write(
          "dup-newline.json",
          hyperfine(2, 1, () => "dup\nforged: line"),
        ),
        good(),
      ],
      /dup-newline\.json: duplicate benchmark name "dup\\nforged: line"$/,
    ],
    [
      "a path that is not found",
      () => [`missing${ESC}[2J.json`, good()],
      /missing\\u001b\[2J\.json: not found/,
    ],
    [
      "a saved-run name",
      () => ["--baseline", good(), "--baseline-name", `n${ESC}[2J`, "--candidate", good()],
      /got "n\\u001b\[2J"/,
    ],
  ])("%s", async (_, args, message) => {
    expectOneLine(await compare(args()), message);
  });
});
