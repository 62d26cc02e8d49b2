import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { validateWorkflow } from "@action-validator/core";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { loadGateConfig } from "../../src/gate/config.js";
import { tempDir } from "../temp-dir.js";
import { CLI } from "./helpers.js";

const dir = tempDir("init");
let n = 0;

/** A fresh repository laid out like Nemesis, as a git checkout. */
async function nemesisLike(): Promise<string> {
  const repo = join(dir, `repo-${++n}`);
  cpSync("fixtures/nemesis-like", repo, { recursive: true });
  await execa("git", ["init", "-q"], { cwd: repo });
  return repo;
}

const init = (cwd: string, ...args: string[]) =>
  execa("node", [CLI, "init", ...args], { cwd, reject: false, env: { CI: "true" } });

describe("throughput-gate init in a repository laid out like Nemesis", () => {
  it("writes the config, the docs contract, the workflow and the ignore line, and says so", async () => {
    const repo = await nemesisLike();
    const r = await init(join(repo, "projects"));
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split("\n").slice(0, 4)).toEqual([
      "wrote .github/throughput-gate.config.json",
      "wrote .github/throughput-gate.docs.json",
      "wrote .github/workflows/throughput-gate.yml",
      "wrote .gitignore",
    ]);
    // A valid gate config as written: no hand edits.
    const config = loadGateConfig(join(repo, ".github/throughput-gate.config.json"), repo);
    expect(config.catalog).toBe("builtin:nemesis");
    expect(config.benchmark.suites).toEqual([
      expect.objectContaining({
        id: "file_enrichment-basic_analysis",
        format: "pytest-benchmark",
        metric: "instructions",
        command: expect.arrayContaining([
          "projects/file_enrichment/tests/benchmarks/bench_basic_analysis.py",
        ]),
      }),
    ]);
    const contract = JSON.parse(readFileSync(join(repo, ".github/throughput-gate.docs.json"), "utf8"));
    expect(contract.files.map((f: { path: string }) => f.path)).toEqual([
      "../docs/performance.md",
      "../docs/troubleshooting.md",
      "../docs/usage_guide.md",
    ]);
    const workflowFile = join(repo, ".github/workflows/throughput-gate.yml");
    const workflow = readFileSync(workflowFile, "utf8");
    expect(validateWorkflow(workflow).errors).toEqual([]);
    // And by action-validator's own command, as a CI lint step runs it.
    const validator = await execa("node_modules/.bin/action-validator", [workflowFile], { reject: false });
    expect(validator.exitCode).toBe(0);
    expect(workflow).toContain("config: .github/throughput-gate.config.json");
    expect(readFileSync(join(repo, ".gitignore"), "utf8")).toMatch(/^evidence\/$/m);
  });

  it("never overwrites: a second init is refused with one line and exit 2, and --force replaces", async () => {
    const repo = await nemesisLike();
    await init(repo);
    writeFileSync(join(repo, ".github/throughput-gate.config.json"), "{}\n");
    const again = await init(repo);
    expect(again.exitCode).toBe(2);
    expect(again.stderr.trim().split("\n")).toEqual([
      "throughput-gate: .github/throughput-gate.config.json, .github/throughput-gate.docs.json, .github/workflows/throughput-gate.yml already exist: init never overwrites a file; pass --force to replace them",
    ]);
    expect(readFileSync(join(repo, ".github/throughput-gate.config.json"), "utf8")).toBe("{}\n");
    expect((await init(repo, "--force")).exitCode).toBe(0);
    expect(readFileSync(join(repo, ".github/throughput-gate.config.json"), "utf8")).toContain(
      "builtin:nemesis",
    );
    // The ignore line is added once.
    expect(readFileSync(join(repo, ".gitignore"), "utf8").match(/^evidence\/$/gm)).toHaveLength(1);
  });

  it("the gate then runs from any folder of the repository, finding init's config and the paths inside it", async () => {
    const repo = await nemesisLike();
    await init(repo);
    const r = await execa("node", [CLI, "run", "--only", "docs", "--quick"], {
      cwd: join(repo, "projects", "file_enrichment"),
      reject: false,
      env: { CI: "true" },
    });
    expect(r.stderr).toMatch(/docs: pass: every runbook meets its contract/);
    expect(r.stdout).toContain(`evidence in ${join(repo, "evidence/out/partial-docs")}`);
  });

  it("a built-in name that does not exist is refused with the nearest one: one line, exit 2", async () => {
    const repo = await nemesisLike();
    await init(repo);
    const file = join(repo, ".github/throughput-gate.config.json");
    writeFileSync(file, readFileSync(file, "utf8").replace('"builtin:nemesis"', '"builtin:nemesys"'));
    const r = await execa("node", [CLI, "run", "--only", "docs"], {
      cwd: repo,
      reject: false,
      env: { CI: "true" },
    });
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim().split("\n")).toEqual([
      'throughput-gate: "builtin:nemesys" is not a built-in catalog: did you mean "builtin:nemesis"? (built-in: builtin:nemesis)',
    ]);
  });

  it.each([
    [
      "outside a git repository",
      async () => dir,
      [],
      /is not inside a git repository: run throughput-gate init in the checkout/,
    ],
    [
      "with a config path outside the repository",
      nemesisLike,
      ["--config", "../elsewhere.json"],
      /--config \.\.\/elsewhere\.json is outside the repository/,
    ],
    [
      "in a repository with no pytest-benchmark file",
      async () => {
        const repo = join(dir, `empty-${++n}`);
        cpSync("fixtures/nemesis-like/docs", join(repo, "docs"), { recursive: true });
        await execa("git", ["init", "-q"], { cwd: repo });
        return repo;
      },
      [],
      /no pytest-benchmark file in .* add one, or write the config's benchmark\.suites by hand/,
    ],
  ] as const)("is refused %s: one line, exit 2, nothing written", async (_, where, args, message) => {
    const cwd = await where();
    const r = await init(cwd, ...args);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(existsSync(join(cwd, ".github"))).toBe(false);
  });
});
