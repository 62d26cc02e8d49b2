import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import type { Bundle } from "../../src/evidence/index.js";
import { evidenceFolder } from "../../src/gate/evidence-folder.js";
import type { StepResults } from "../../src/gate/steps/index.js";
import { decideVerdict } from "../../src/gate/verdict.js";
import { tempDir } from "../temp-dir.js";
import { CLI } from "./helpers.js";

const root = tempDir("partial-run");

const run = (...args: string[]) => execa("node", [CLI, ...args], { reject: false, env: { CI: "true" } });
const lastLine = (text: string) => text.trim().split("\n").at(-1) ?? "";

const docsPassed = {
  status: "pass",
  summary: "every runbook meets its contract",
  checks: [],
  deterministic: { findings: [] },
  measured: {},
} as const satisfies StepResults["docs"];

describe("decideVerdict with --only", () => {
  it("calls a run of one passing step partial, with exit 0, and never pass", () => {
    expect(decideVerdict({ docs: docsPassed }, "docs")).toMatchObject({ result: "partial", exit_code: 0 });
  });

  it("fails a run of one failing step", () => {
    const failed = { ...docsPassed, status: "fail", summary: "1 finding(s)" } as const;
    expect(decideVerdict({ docs: failed }, "docs")).toMatchObject({ result: "fail", exit_code: 1 });
  });

  it("fails a complete run that lacks a step, whatever ran", () => {
    expect(decideVerdict({ docs: docsPassed }, undefined).result).toBe("fail");
  });
});

describe("evidenceFolder", () => {
  it("puts a partial run beside the complete bundle unless --out is given", () => {
    expect(evidenceFolder("/repo", undefined, undefined)).toBe(resolve("/repo/evidence/out"));
    expect(evidenceFolder("/repo", undefined, "docs")).toBe(resolve("/repo/evidence/out/partial-docs"));
    expect(evidenceFolder("/repo", "elsewhere", "docs")).toBe(resolve("/repo/elsewhere"));
  });
});

describe("throughput-gate run --only", () => {
  it("ends with PARTIAL, and every report and evidence verify say the run was partial", async () => {
    const out = join(root, "partial");
    const r = await run("run", "--only", "docs", "--out", out);
    expect(r.exitCode).toBe(0);
    expect(lastLine(String(r.stdout))).toMatch(
      /^gate: PARTIAL \(only docs\) \(digest [0-9a-f]{64}\); evidence in /,
    );
    expect(String(r.stdout)).not.toMatch(/gate: PASS/);
    const bundle = JSON.parse(readFileSync(join(out, "bundle.json"), "utf8")) as Bundle;
    expect(bundle.deterministic.gate.only).toBe("docs");
    expect(bundle.deterministic.verdict).toMatchObject({ result: "partial", exit_code: 0 });
    expect(readFileSync(join(out, "summary.md"), "utf8")).toMatch(
      /^# throughput-gate: PARTIAL \(only docs\)\n/,
    );
    expect(readFileSync(join(out, "report.html"), "utf8")).toContain('id="verdict">PARTIAL (only docs)<');
    const verify = await run("evidence", "verify", join(out, "bundle.json"));
    expect(verify.exitCode).toBe(0);
    expect(lastLine(String(verify.stdout))).toMatch(
      /^evidence: verified PARTIAL run \(only docs\) \(digest /,
    );
  }, 60_000);

  it("refuses to write over the bundle of a complete run, and leaves its folder untouched", async () => {
    const out = join(root, "complete");
    mkdirSync(out);
    const complete = JSON.stringify({ deterministic: { gate: { only: null } } });
    writeFileSync(join(out, "bundle.json"), complete);
    writeFileSync(join(out, "summary.md"), "# throughput-gate: PASS\n");
    const r = await run("run", "--only", "docs", "--out", out);
    expect(r.exitCode).toBe(2);
    expect(String(r.stderr)).toMatch(
      /holds the evidence of a complete run, which a partial run \(--only docs\)/,
    );
    expect(readdirSync(out).sort()).toEqual(["bundle.json", "summary.md"]);
    expect(readFileSync(join(out, "bundle.json"), "utf8")).toBe(complete);
    expect(readdirSync(root)).not.toContainEqual(expect.stringMatching(/gate-staging/));
  }, 60_000);
});
