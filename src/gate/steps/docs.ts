import { resolve } from "node:path";
import { checkDocs, DocsContractError, type Finding, loadDocsContract } from "../../docs-check/index.js";
import { errorResult, type GateStep, type NoMeasurements, type StepResult } from "./step.js";

export type DocsResult = StepResult<{ findings: Finding[] }, NoMeasurements>;

export const docs: GateStep<"docs"> = {
  id: "docs",
  title: "runbook contract",
  async run(ctx) {
    let findings: ReturnType<typeof checkDocs>;
    try {
      findings = checkDocs(loadDocsContract(resolve(ctx.root, ctx.config.docs_contract), ctx.root), ctx.root);
    } catch (err) {
      if (err instanceof DocsContractError) return errorResult(err.message);
      throw err;
    }
    const checks = findings.map((f) => ({
      name: f.rule,
      pass: false,
      message: f.message,
      file: f.file,
      line: f.line,
    }));
    return {
      status: findings.length === 0 ? "pass" : "fail",
      summary: findings.length === 0 ? "every runbook meets its contract" : `${findings.length} finding(s)`,
      checks: checks.length
        ? checks
        : [{ name: "runbook contract", pass: true, message: ctx.config.docs_contract }],
      deterministic: { findings },
      measured: {},
    };
  },
};
