import { mkdtempSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { formatFindings } from "../../src/docs-check/index.js";
import { builtBin } from "../cli.js";
import { tempDir } from "../temp-dir.js";

const scratch = tempDir("docs-cli-test");

const CLI = builtBin("gate/cli.js");
const dir = mkdtempSync(join(scratch, "docs-contract-"));

function contractFor(fixture: string): string {
  const file = join(dir, `${fixture}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      catalog: resolve("gates/policy/catalog.json"),
      trigger_ids: ["RT-DRAIN-REGRESSION", "RT-STATE-DRIFT"],
      files: [
        { path: resolve(`fixtures/docs/${fixture}`), min_lines: 40, trigger_ids_in: "Rollback triggers" },
      ],
    }),
  );
  return file;
}

const docs = (...args: string[]) => execa("node", [CLI, "docs", ...args], { reject: false });

describe("throughput-gate docs", () => {
  it("exits 0 on a clean runbook", async () => {
    const r = await docs("--contract", contractFor("base-runbook.md"));
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("docs: pass");
  });

  it("exits 1 with file:line:column findings", async () => {
    const r = await docs("--contract", contractFor("broken-unknown-flag.md"));
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(
      /^fixtures\/docs\/broken-unknown-flag\.md:8:1: command-alignment: "nemesis-ctl throughput status --verbose": unknown option --verbose/,
    );
  });

  it("prints JSON findings", async () => {
    const r = await docs("--contract", contractFor("broken-missing-trigger-id.md"), "--format", "json");
    expect(JSON.parse(r.stdout).findings).toEqual([
      expect.objectContaining({
        file: "fixtures/docs/broken-missing-trigger-id.md",
        line: 17,
        rule: "trigger-ids",
      }),
    ]);
  });

  it("prints GitHub annotations", async () => {
    const r = await docs("--contract", contractFor("broken-dead-anchor.md"), "--format", "github");
    expect(r.stdout).toBe(
      '::error file=fixtures/docs/broken-dead-anchor.md,line=35,col=14,title=link-target::link to missing anchor "#command" in fixtures/docs/broken-dead-anchor.md',
    );
  });

  it.each([
    [["--contract", "gates/absent.json"], /absent\.json: cannot read the docs contract \(ENOENT\)/],
    [["--format", "xml"], /--format must be one of text, json, github/],
    [["--strict"], /unknown option --strict for "docs"/],
  ])("exits 2 on %j", async (args, message) => {
    const r = await docs(...args);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("exits 2 on a contract that breaks its schema", async () => {
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ files: [{ path: "x.md", min_lines: "many" }] }));
    const r = await docs("--contract", file);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/bad\.json: \/files\/0\/min_lines must be integer/);
  });
});

describe("throughput-gate docs FILE…", () => {
  it("checks the given files only: a listed one against its entry, any other against the rules that need none", async () => {
    const r = await docs(
      "--contract",
      "fixtures/docs/contract.json",
      "fixtures/docs/base-runbook.md",
      "fixtures/docs/legacy-runbook.md",
    );
    expect(r.exitCode).toBe(1);
    const lines = r.stdout.trim().split("\n");
    expect(lines.every((l) => l.startsWith("fixtures/docs/legacy-runbook.md:"))).toBe(true);
    expect(lines.map((l) => l.split(": ")[1])).toEqual(Array(5).fill("legacy-command"));
  });

  it("checks a listed file against its entry when given by itself", async () => {
    const r = await docs(
      "--contract",
      "fixtures/gate/docs-contract-missing-trigger.json",
      "fixtures/docs/broken-missing-trigger-id.md",
    );
    expect(r.stdout).toMatch(/^fixtures\/docs\/broken-missing-trigger-id\.md:17: trigger-ids: /);
  });

  it("passes the shipped contract, whose paths are relative to itself, from another directory too", async () => {
    const root = process.cwd();
    expect((await docs()).exitCode).toBe(0);
    const elsewhere = await execa(
      "node",
      [resolve(CLI), "docs", "--contract", join(root, "gates/docs-contract.json")],
      {
        cwd: join(root, "src"),
        reject: false,
      },
    );
    expect([elsewhere.exitCode, elsewhere.stdout]).toEqual([0, ""]);
  });

  it("explains FILE… and contract-relative paths in --help", async () => {
    const r = await docs("--help");
    expect(r.stdout).toContain(
      "usage: throughput-gate docs [FILE…] [--contract FILE] [--format text|json|github]",
    );
    expect(r.stdout).toMatch(/FILE\s+check only these files/);
    expect(r.stdout).toContain("the paths in it are relative to the contract file");
  });
});

describe("GitHub annotation format", () => {
  it("escapes the file, rule and message of each finding as workflow commands need", () => {
    const line = formatFindings(
      [{ file: "docs/a,b:c.md", line: 3, rule: "x:y", message: "100%\nsure, yes: ok" }],
      "github",
    );
    expect(line).toBe("::error file=docs/a%2Cb%3Ac.md,line=3,title=x%3Ay::100%25%0Asure, yes: ok\n");
  });
});
