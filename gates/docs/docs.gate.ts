import { describe, expect, it } from "vitest";
import { checkDocs, formatFindings, loadDocsContract } from "../../src/docs-check/index.js";

describe("docs: the runbook contract (gates/docs-contract.json)", () => {
  it("every runbook meets its contract", () => {
    const findings = checkDocs(loadDocsContract("gates/docs-contract.json"));
    expect(formatFindings(findings, "text")).toBe("");
  });
});
