import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { validateAction, validateWorkflow } from "@action-validator/core";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseMarkdown } from "../../src/docs-check/index.js";
import { DEFAULT_CONFIG } from "../../src/gate/commands/init.js";
import { run } from "../../src/gate/commands/run.js";
import { tempDir } from "../temp-dir.js";

const dir = tempDir("action");
const actionSource = readFileSync("action.yml", "utf8");
const workflowSource = readFileSync(".github/workflows/gate.yml", "utf8");

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}

/** A GitHub Actions expression as workflow YAML writes it. */
const expression = (body: string) => `\${{ ${body} }}`;

const action = parse(actionSource) as {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: Step[] };
};
const workflow = parse(workflowSource) as {
  on: Record<string, unknown>;
  jobs: Record<string, { steps: Step[] }>;
};

describe("the GitHub Action and the workflow that uses it", () => {
  it("action.yml is a valid action and gate.yml a valid workflow, by the published schemas", () => {
    expect(validateAction(actionSource).errors).toEqual([]);
    expect(validateWorkflow(workflowSource).errors).toEqual([]);
  });

  it("action-validator's command accepts action.yml and the workflow, and refuses a broken copy", async () => {
    const cli = (file: string) => execa("node_modules/.bin/action-validator", [file], { reject: false });
    expect((await cli("action.yml")).exitCode).toBe(0);
    expect((await cli(".github/workflows/gate.yml")).exitCode).toBe(0);
    const broken = join(dir, "action.yml");
    writeFileSync(broken, actionSource.replace("shell: bash", ""));
    expect((await cli(broken)).exitCode).toBe(1);
  });

  it("the validator would catch a broken action (it is not a no-op)", () => {
    const broken = actionSource.replace("shell: bash", "");
    expect(validateAction(broken).errors).not.toEqual([]);
  });

  it("takes the config, the baseline ref and the API URL, with the gate's own defaults", () => {
    expect(Object.keys(action.inputs)).toEqual([
      "config",
      "baseline-ref",
      "api-url",
      "record-base",
      "base-bundle",
      "shard",
      "merge",
    ]);
    // A consumer's config is where init writes it.
    expect(action.inputs.config?.default).toBe(DEFAULT_CONFIG);
  });

  it("runs the gate with every input as a flag of throughput-gate run, and uploads the evidence always", () => {
    expect(action.runs.using).toBe("composite");
    const gate = action.runs.steps.find((s) => s.run?.includes("dist/gate/cli.js"));
    const flags = run.options.map((o) => `--${o.name}`);
    for (const flag of [
      "--config",
      "--baseline-ref",
      "--api-url",
      "--record-base",
      "--base-bundle",
      "--shard",
      "--out",
    ]) {
      expect(flags).toContain(flag);
      expect(gate?.run).toContain(flag);
    }
    // Inputs reach the script as environment variables, never spliced into it.
    expect(gate?.run).not.toContain("${{");
    const upload = action.runs.steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"));
    expect(upload).toMatchObject({ if: "always()" });
    // The artifact is the run's, the base recording's or the shard's, as the plan step says.
    expect(upload?.with).toMatchObject({
      name: expression("steps.plan.outputs.artifact"),
      path: `${expression("steps.plan.outputs.out")}/`,
    });
  });

  it("builds once: npm ci runs the package's prepare script, which builds", () => {
    const install = action.runs.steps.find((s) => s.name === "Install and build the gate");
    expect(install?.run?.trim()).toBe("npm ci --no-audit --no-fund");
    const manifest = JSON.parse(readFileSync("package.json", "utf8"));
    expect(manifest.scripts.prepare).toMatch(/npm run build/);
    expect(action.runs.steps.filter((s) => s.run?.includes("npm run build"))).toEqual([]);
  });

  it("the workflow runs the action from this repository on pull requests, with the history it needs", () => {
    expect(Object.keys(workflow.on)).toEqual(["pull_request"]);
    const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
    expect(steps.find((s) => s.uses?.startsWith("actions/checkout@"))?.with).toMatchObject({
      "fetch-depth": 0,
    });
    expect(steps.some((s) => s.uses === "./")).toBe(true);
  });

  it("the sharded workflow in the usage guide is valid, and a matrix of shards feeds a merge job that needs it", async () => {
    const guide = parseMarkdown("docs/usage_guide.md", readFileSync("docs/usage_guide.md", "utf8"));
    const section = guide.headings.findIndex((h) => h.text === "Sharding the gate across a CI matrix");
    const start = guide.headings[section]?.line ?? -1;
    const end = guide.headings[section + 1]?.line ?? Number.POSITIVE_INFINITY;
    const yaml = guide.fences.find((f) => f.info === "yaml" && f.line > start && f.line < end)?.content ?? "";
    const file = join(dir, "sharded.yml");
    writeFileSync(file, yaml);
    const cli = await execa("node_modules/.bin/action-validator", [file], { reject: false });
    expect(cli.exitCode, String(cli.stdout)).toBe(0);
    const sharded = parse(yaml) as {
      jobs: Record<
        string,
        { needs?: string; if?: string; strategy?: { matrix: { shard: number[] } }; steps: Step[] }
      >;
    };
    const uses = (job: string) => sharded.jobs[job]?.steps.find((x) => x.uses?.includes("throughput-gate@"));
    const shards = sharded.jobs.shard?.strategy?.matrix.shard ?? [];
    expect(uses("shard")?.with?.shard).toBe(`${expression("matrix.shard")}/${shards.length}`);
    expect(sharded.jobs.gate).toMatchObject({ needs: "shard", if: expression("!cancelled()") });
    expect(uses("gate")?.with?.merge).toBe("true");
    // Every input the guide gives is one the Action declares.
    for (const job of ["shard", "gate"])
      for (const input of Object.keys(uses(job)?.with ?? {}))
        expect(Object.keys(action.inputs)).toContain(input);
  });
});
