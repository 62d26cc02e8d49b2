import { readFileSync } from "node:fs";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { builtBin } from "../cli.js";

const GATE = builtBin("gate/cli.js");
const run = (...args: string[]) => execa("node", [GATE, ...args], { reject: false, timeout: 20_000 });
const version = (JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version;

describe("throughput-gate: version, group help and typos", () => {
  it("--version prints the package's version", async () => {
    const r = await run("--version");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`throughput-gate ${version}`);
  });

  it.each([
    ["bench", ["bench run", "bench ab", "bench compare"]],
    ["evidence", ["evidence verify", "evidence keygen", "evidence sign"]],
    ["twin", ["twin serve"]],
  ])("%s on its own prints that group's help, exit 0", async (group, commands) => {
    const r = await run(group);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(new RegExp(`^usage: throughput-gate ${group} <command>`));
    for (const c of commands) expect(r.stdout).toContain(`throughput-gate ${c} `);
    expect(r.stdout).not.toContain("throughput-gate docs");
  });

  it.each([
    [["bnech", "run"], 'unknown command "bnech run"; did you mean "bench run"? (see throughput-gate --help)'],
    [
      ["bench", "compair"],
      'unknown command "bench compair"; did you mean "bench compare"? (see throughput-gate bench --help)',
    ],
    [["docz"], 'unknown command "docz"; did you mean "docs"? (see throughput-gate --help)'],
    [["evidnce"], 'unknown command "evidnce"; did you mean "evidence"? (see throughput-gate --help)'],
    [
      ["run", "--qiuck"],
      'unknown option --qiuck for "run"; did you mean "--quick"? (see throughput-gate run --help)',
    ],
    [
      ["bench", "xyz"],
      'unknown command "bench xyz"; commands: bench run, bench ab, bench compare; see throughput-gate bench --help',
    ],
  ])("%j: one line of its own, the nearest name, exit 2", async (argv, message) => {
    const r = await run(...argv);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`throughput-gate: ${message}`);
  });

  it("never shows Node's own argument-parser messages", async () => {
    for (const argv of [
      ["run", "--port"],
      ["docs", "--strict=1"],
      ["run", "-q"],
      ["twin", "serve", "--port", "x"],
    ]) {
      const r = await run(...argv);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(/^throughput-gate: [^\n]+$/);
      expect(r.stderr).not.toMatch(/ERR_PARSE_ARGS|TypeError|Unknown option '|parseArgs/);
    }
  });
});

describe("throughput-gate's bin: one CommonJS file, each command's code loaded when it runs", () => {
  const bin = (JSON.parse(readFileSync("package.json", "utf8")) as { bin: Record<string, string> }).bin[
    "throughput-gate"
  ];
  const runBin = (...args: string[]) =>
    execa("node", [builtBin((bin ?? "").replace(/^dist\//, "")), ...args], {
      reject: false,
      timeout: 60_000,
    });

  it("is the CommonJS build, and answers --help and --version", async () => {
    expect(bin).toBe("dist/gate/cli.cjs");
    expect((await runBin("--version")).stdout).toBe(`throughput-gate ${version}`);
    expect((await runBin("--help")).stdout).toMatch(/^usage: throughput-gate <command>/);
  });

  it("runs a command from its ES module bundle, with that command's own exit codes", async () => {
    const docs = await runBin("docs");
    expect(docs.stderr).toBe("docs: pass");
    expect(docs.exitCode).toBe(0);
    // twin serve reads the package's own catalog: its bundle finds the package's files where the ES module CLI does.
    const twin = execa("node", [builtBin((bin ?? "").replace(/^dist\//, "")), "twin", "serve"], {
      reject: false,
    });
    const listening = await new Promise<string>((found, failed) => {
      twin.stdout?.on("data", (chunk: Buffer) => {
        const match = /twin listening on (\S+)/.exec(String(chunk));
        if (match?.[1]) found(match[1]);
      });
      twin.once("exit", () => failed(new Error("twin serve ended before listening")));
    });
    expect(listening).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
    twin.kill("SIGTERM");
    expect((await twin).exitCode).toBe(0);
    const missing = await runBin("evidence", "verify", "no-such-bundle.json");
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/^throughput-gate: no-such-bundle\.json: cannot read the bundle/);
  });
});
