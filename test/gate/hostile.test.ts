import { lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { execa } from "execa";
import { beforeAll, describe, expect, it } from "vitest";
import type { GateConfig, KpiSpec } from "../../src/gate/config.js";
import { builtBin } from "../cli.js";
import { runHostile } from "../hostile-run.js";
import { tempDir } from "../temp-dir.js";
import { xmlProblem } from "../well-formed-xml.js";

const GATE = builtBin("gate/cli.js");
const CTL = builtBin("ctl/main.cjs");
const scratch = tempDir("gate-hostile");

const fifo = join(scratch, "fifo");
const devNull = join(scratch, "dev-null");
const folder = join(scratch, "folder");
const folderLink = join(scratch, "folder-link");
/** Sparse: over the 16 MB limit without writing it. */
const huge = join(scratch, "huge.json");
const empty = join(scratch, "empty.json");
const notJson = join(scratch, "not-json.json");
/** Not JSON, and a line no error may quote: a result file or bundle may be any file a glob or a user named. */
const secret = join(scratch, "secret.json");

/** A gate config like the default one, with `change` applied, written to the scratch folder. */
function config(name: string, change: (c: GateConfig) => void): string {
  const c = JSON.parse(readFileSync("gates/gate.config.json", "utf8")) as GateConfig & { $schema?: string };
  delete c.$schema;
  change(c);
  const file = join(scratch, name);
  writeFileSync(file, JSON.stringify(c));
  return file;
}

/** A config file with exactly this text: for what JSON.stringify cannot write (keys named __proto__). */
function rawConfig(name: string, text: string): string {
  const file = join(scratch, name);
  writeFileSync(file, text);
  return file;
}

const DEFAULT_CONFIG = JSON.stringify(resolve("gates/gate.config.json"));

/** A chain of `length` configs, each extending the next, the last the default config; returns the first. */
function extendsChain(length: number): string {
  const dir = join(scratch, "chain");
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < length; i++)
    writeFileSync(join(dir, `c${i}.json`), JSON.stringify({ extends: `c${i + 1}.json` }));
  writeFileSync(join(dir, `c${length}.json`), readFileSync("gates/gate.config.json"));
  return join(dir, "c0.json");
}

/** A patch that would turn the twin run into a live one, if the merge let a prototype key through. */
const LIVE = '{"target": {"kind": "api", "url": "http://127.0.0.1:9/live"}}';
const SECRET = "root:$6$HUNTER2-not-a-real-hash:19000:0:99999:7:::";

const kpi = (c: GateConfig, i: number, change: Partial<KpiSpec>) => {
  c.kpis[i] = { ...(c.kpis[i] as KpiSpec), ...change };
};

beforeAll(async () => {
  await execa("mkfifo", [fifo]);
  symlinkSync("/dev/null", devNull);
  mkdirSync(folder);
  symlinkSync(folder, folderLink);
  writeFileSync(huge, "");
  await execa("truncate", ["-s", String(16 * 1024 * 1024 + 1), huge]);
  writeFileSync(empty, "");
  writeFileSync(notJson, "{ this is not json");
  writeFileSync(secret, "root:x:0:0:hunter2-shadow-line\n");
});

const run = (bin: string, args: string[]) =>
  runHostile(bin, args, { env: { NEMESIS_API_URL: "http://127.0.0.1:9/api" } });

/** [what, which CLI, its arguments, the one line it must print]: each exits 2, one line, no stack trace. */
const rows: [string, string, () => string[], RegExp][] = [
  [
    "snapshot --out a FIFO",
    CTL,
    () => ["throughput", "snapshot", "--out", fifo],
    /fifo: refusing to write over a FIFO/,
  ],
  [
    "snapshot --out a link to /dev/null",
    CTL,
    () => ["throughput", "snapshot", "--out", devNull],
    /dev-null: refusing to write over a symbolic link/,
  ],
  [
    "snapshot --out a folder",
    CTL,
    () => ["throughput", "snapshot", "--out", folder],
    /folder: refusing to write over a directory/,
  ],
  [
    "run --out a FIFO",
    GATE,
    () => ["run", "--only", "docs", "--out", fifo],
    /fifo: refusing to replace a FIFO; give the path of a folder/,
  ],
  [
    "run --out a link to a folder",
    GATE,
    () => ["run", "--only", "docs", "--out", folderLink],
    /folder-link: refusing to replace a symbolic link/,
  ],
  [
    "evidence verify of /dev/zero",
    GATE,
    () => ["evidence", "verify", "/dev/zero"],
    /\/dev\/zero: cannot read the bundle \(a character device, not a regular file\)/,
  ],
  [
    "evidence verify of a FIFO",
    GATE,
    () => ["evidence", "verify", fifo],
    /fifo: cannot read the bundle \(a FIFO, not a regular file\)/,
  ],
  [
    "--config /dev/zero",
    GATE,
    () => ["run", "--config", "/dev/zero"],
    /cannot read the gate config \(a character/,
  ],
  [
    "a profile that is a folder",
    GATE,
    () => ["run", "--config", config("profile-folder.json", (c) => c.profiles.push(folder))],
    /folder: cannot read the profile \(a directory, not a regular file\)/,
  ],
  [
    "a profile that is /dev/zero",
    GATE,
    () => ["run", "--config", config("profile-zero.json", (c) => c.profiles.push("/dev/zero"))],
    /\/dev\/zero: cannot read the profile \(a character device, not a regular file\)/,
  ],
  [
    "a KPI on an unknown profile",
    GATE,
    () => ["run", "--config", config("kpi-profile.json", (c) => kpi(c, 0, { profile: "no-such-profile" }))],
    /\/kpis\/0 \(burst\.expensive_starvation\): profile "no-such-profile" is not among the config's profiles/,
  ],
  [
    "a KPI on an unknown metric",
    GATE,
    () => ["run", "--config", config("kpi-metric.json", (c) => kpi(c, 1, { metric: "drain_secs" }))],
    /\/kpis\/1 \(burst\.drain\): metric "drain_secs" is unknown: "drain_secs" is not a drain KPI/,
  ],
  [
    "a KPI on a malformed wait metric",
    GATE,
    () => [
      "run",
      "--config",
      config("kpi-p97.json", (c) => kpi(c, 2, { metric: "wait_seconds.baseline.p97" })),
    ],
    /\/kpis\/2 \(burst\.baseline_p95\): metric "wait_seconds\.baseline\.p97" is unknown: "p97" is not one of/,
  ],
  [
    "a catalog that is /dev/zero",
    GATE,
    () => ["run", "--config", config("catalog-zero.json", (c) => Object.assign(c, { catalog: "/dev/zero" }))],
    /\/dev\/zero: \$: cannot read file \(not a regular file\) \[file\/readable\]/,
  ],
  [
    "a catalog that is a FIFO",
    GATE,
    () => ["run", "--config", config("catalog-fifo.json", (c) => Object.assign(c, { catalog: fifo }))],
    /fifo: \$: cannot read file \(not a regular file\)/,
  ],
  [
    "a catalog that is a folder",
    GATE,
    () => ["run", "--config", config("catalog-folder.json", (c) => Object.assign(c, { catalog: folder }))],
    /folder: \$: cannot read file \(not a regular file\)/,
  ],
  [
    "a catalog over 16 MB",
    GATE,
    () => ["run", "--config", config("catalog-huge.json", (c) => Object.assign(c, { catalog: huge }))],
    /huge\.json: \$: cannot read file \(larger than the 16 MB limit\)/,
  ],
  [
    "a catalog that is not JSON",
    GATE,
    () => ["run", "--config", config("catalog-text.json", (c) => Object.assign(c, { catalog: notJson }))],
    /not-json\.json: \$: .*\[file\/json\]/,
  ],
  [
    "a triggers file that is a FIFO",
    GATE,
    () => ["run", "--config", config("triggers-fifo.json", (c) => Object.assign(c, { triggers: fifo }))],
    /fifo: cannot read the triggers file \(a FIFO, not a regular file\)/,
  ],
  [
    "an extends chain 10,000 configs deep",
    GATE,
    () => ["run", "--config", extendsChain(10_000)],
    /chain\/c15\.json: \/extends goes more than 16 configs deep \(the limit\), starting from .*chain\/c0\.json$/,
  ],
  [
    "a patch nested 100,000 deep",
    GATE,
    () => [
      "run",
      "--config",
      rawConfig(
        "deep.json",
        `{"extends": ${DEFAULT_CONFIG}, "x": ${'{"a": '.repeat(100_000)}1${"}".repeat(100_000)}}`,
      ),
    ],
    /deep\.json: objects and arrays nest deeper than 64 levels \(the limit\), under \/x\/a\/a/,
  ],
  ...["__proto__", "constructor", "prototype"].map((key): (typeof rows)[number] => [
    `${key} in an extends patch`,
    GATE,
    () => ["run", "--config", rawConfig(`${key}.json`, `{"extends": ${DEFAULT_CONFIG}, "${key}": ${LIVE}}`)],
    new RegExp(`${key}\\.json: /${key}: the key "${key}" is not allowed in a gate config$`),
  ]),
  [
    "__proto__ nested in an extends patch",
    GATE,
    () => [
      "run",
      "--config",
      rawConfig("nested-proto.json", `{"extends": ${DEFAULT_CONFIG}, "benchmark": {"__proto__": ${LIVE}}}`),
    ],
    /nested-proto\.json: \/benchmark\/__proto__: the key "__proto__" is not allowed in a gate config$/,
  ],
  [
    "__proto__ in the base an extends names",
    GATE,
    () => [
      "run",
      "--config",
      rawConfig(
        "proto-child.json",
        `{"extends": ${JSON.stringify(rawConfig("proto-base.json", `{"__proto__": ${LIVE}}`))}}`,
      ),
    ],
    /proto-base\.json: \/__proto__: the key "__proto__" is not allowed in a gate config$/,
  ],
  [
    "an extends target that is not JSON: where it breaks, never its bytes",
    GATE,
    () => [
      "run",
      "--config",
      rawConfig("extends-secret.json", `{"extends": ${JSON.stringify(rawConfig("shadow", `${SECRET}\n`))}}`),
    ],
    /^(?!.*HUNTER2)(?!.*root:).*shadow: the gate config that .*extends-secret\.json extends is not valid JSON: unexpected character at line 1, column 1$/,
  ],
  [
    "an extends target of /etc/shadow",
    GATE,
    () => ["run", "--config", rawConfig("extends-shadow.json", '{"extends": "/etc/shadow"}')],
    /^(?!.*root:)[^$]*\/etc\/shadow: (cannot read the gate config that .* extends \((EACCES|ENOENT)\)|the gate config that .* extends is not valid JSON: unexpected character at line 1, column 1)$/,
  ],
  [
    "--config named with an escape sequence",
    GATE,
    () => ["run", "--config", join(scratch, "red\u001b[31m.json")],
    /red\\u001b\[31m\.json: cannot read the gate config \(ENOENT\)$/,
  ],
  [
    "--config named with a newline and a bidi override",
    GATE,
    () => ["run", "--config", join(scratch, "two\nlines\u202e.json")],
    /two\\nlines\\u202e\.json: cannot read the gate config \(ENOENT\)$/,
  ],
  [
    "a config value with escape sequences",
    GATE,
    () => [
      "run",
      "--config",
      config("kpi-escape.json", (c) => kpi(c, 0, { profile: "\u001b[2J\u001b]0;owned\u0007" })),
    ],
    /profile "\\u001b\[2J\\u001b\]0;owned\\u0007" is not among the config's profiles/,
  ],
  ["--config a FIFO", GATE, () => ["run", "--config", fifo], /fifo: cannot read the gate config \(a FIFO/],
  ["--config a folder", GATE, () => ["run", "--config", folder], /cannot read the gate config \(a directory/],
  ["--config over 16 MB", GATE, () => ["run", "--config", huge], /larger than the 16 MB limit/],
  [
    "twin serve --scenario /dev/zero",
    GATE,
    () => ["twin", "serve", "--scenario", "/dev/zero"],
    /\/dev\/zero: cannot read file \(a character device, not a regular file\)/,
  ],
  [
    "twin serve --scenario a FIFO",
    GATE,
    () => ["twin", "serve", "--scenario", fifo],
    /fifo: cannot read file \(a FIFO, not a regular file\)/,
  ],
  [
    "twin serve --scenario a folder",
    GATE,
    () => ["twin", "serve", "--scenario", folder],
    /folder: cannot read file \(a directory, not a regular file\)/,
  ],
  [
    "twin serve --scenario over 16 MB",
    GATE,
    () => ["twin", "serve", "--scenario", huge],
    /huge\.json: cannot read file \(larger than the 16 MB limit\)/,
  ],
  [
    "twin serve --scenario that is not JSON",
    GATE,
    () => ["twin", "serve", "--scenario", notJson],
    /not-json\.json: not valid JSON/,
  ],
  [
    "bench compare of /dev/zero",
    GATE,
    () => ["bench", "compare", "/dev/zero", "/dev/zero"],
    /\/dev\/zero: cannot read the benchmark result \(a character device, not a regular file\)/,
  ],
  [
    "bench compare of a FIFO",
    GATE,
    () => ["bench", "compare", fifo, fifo],
    /fifo: cannot read the benchmark result \(a FIFO, not a regular file\)/,
  ],
  [
    "bench compare of a link to /dev/null",
    GATE,
    () => ["bench", "compare", "--baseline", devNull, "--candidate", devNull],
    /dev-null: cannot read the benchmark result \(a character device, not a regular file\)/,
  ],
  [
    "bench compare of a result over 16 MB",
    GATE,
    () => ["bench", "compare", huge, huge],
    /huge\.json: cannot read the benchmark result \(larger than the 16 MB limit\)/,
  ],
  [
    "bench compare of an empty result",
    GATE,
    () => ["bench", "compare", empty, empty],
    /empty\.json: the file is empty/,
  ],
  [
    "bench compare of a result that is not JSON",
    GATE,
    () => ["bench", "compare", notJson, notJson],
    /not-json\.json: not valid JSON, truncated or corrupt/,
  ],
  [
    "bench compare of a file that is not JSON names where, never quoting it",
    GATE,
    () => ["bench", "compare", secret, secret],
    /secret\.json: not valid JSON, truncated or corrupt \(unexpected character at line 1, column 1\)$/,
  ],
  [
    "evidence verify of a file that is not JSON names where, never quoting it",
    GATE,
    () => ["evidence", "verify", secret],
    /secret\.json: the bundle is not valid JSON: unexpected character at line 1, column 1$/,
  ],
  [
    "bench compare of a folder with no result",
    GATE,
    () => ["bench", "compare", folder, folder],
    /folder: the folder holds no \.json result/,
  ],
  [
    "drain --profile /dev/zero",
    GATE,
    () => ["drain", "--profile", "/dev/zero"],
    /\/dev\/zero: cannot read file \(a character device/,
  ],
  ["drain --profile a FIFO", GATE, () => ["drain", "--profile", fifo], /fifo: cannot read file \(a FIFO/],
];

describe("hostile paths and configs: exit 2, one line naming the cause, no stack trace", () => {
  it.each(rows)("%s", async (_, bin, args, message) => {
    const r = await run(bin, args());
    expect(r.exitCode).toBe(2);
    expect(r.stderr).not.toContain("hunter2");
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    // No control character of any input reaches the terminal raw: the error line shows each as an escape.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
    expect(r.stderr.trimEnd()).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
  });

  it("leaves the refused targets as they were", () => {
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(lstatSync(devNull).isSymbolicLink()).toBe(true);
    expect(lstatSync(folderLink).isSymbolicLink()).toBe(true);
    expect(lstatSync("/dev/null").isCharacterDevice()).toBe(true);
  });
});

describe("junit.xml of a run whose messages hold characters XML cannot", () => {
  // The baseline ref reaches the benchmark step's error message as the config gives it, and from there junit.xml.
  it.each([
    ["NUL", "\u0000", "\\u0000"],
    ["BEL", "\u0007", "\\u0007"],
    ["ESC of a colour", "\u001b[31m", "\\u001b[31m"],
    ["vertical tab", "\u000b", "\\u000b"],
    ["U+FFFE", "\ufffe", "\\ufffe"],
    ["a lone surrogate", "\ud800", "\\ud800"],
  ])("%s: a well-formed junit.xml that shows it as an escape", async (name, char, shown) => {
    const file = config(`junit-${name.replace(/\W/g, "-")}.json`, (c) => {
      c.benchmark.baseline_ref = `probe${char}ref`;
    });
    const out = join(scratch, `junit-out-${name.replace(/\W/g, "-")}`);
    const r = await runHostile(GATE, ["run", "--only", "benchmark", "--config", file, "--out", out], {
      env: { CI: "true", GITHUB_BASE_REF: "", GATE_BASELINE_REF: "" },
    });
    expect(r.exitCode).toBe(1);
    const junit = readFileSync(join(out, "junit.xml"), "utf8");
    expect(xmlProblem(junit)).toBeNull();
    expect(junit).toContain(`baseline ref &quot;probe${shown}ref&quot; (from gate config) matches no commit`);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
    expect(`${r.stdout}${r.stderr}`.replace(/\n/g, "")).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
});

describe("bench compare of many benchmarks", () => {
  it("compares 10,000 names in linear time, the most one side may hold, within the run's time and memory bounds", async () => {
    // Quadratic name matching and a runs-needed search that inverted Student's t afresh for every name took
    // minutes here; the hostile runner gives a run 20 s and 256 MB.
    const side = (slower: number) =>
      JSON.stringify({
        results: Array.from({ length: 10_000 }, (_, i) => ({
          command: `bench-${i}`,
          mean: 1,
          stddev: 0.1,
          times: [1 * slower, 1.1, 0.9 + (i % 7) / 100],
        })),
      });
    const [a, b] = [join(scratch, "many-a.json"), join(scratch, "many-b.json")];
    writeFileSync(a, side(1));
    writeFileSync(b, side(1.01));
    const r = await runHostile(GATE, [
      "bench",
      "compare",
      a,
      b,
      "--inconclusive",
      "warn",
      "--format",
      "json",
    ]);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).benchmarks).toHaveLength(10_000);
  });
});
