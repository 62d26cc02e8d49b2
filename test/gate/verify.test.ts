import { describe, expect, it } from "vitest";
import { type Bundle, sealBundle } from "../../src/evidence/index.js";
import { integrityProblems, recordedTriggersFile, verdictProblems } from "../../src/gate/verify.js";
import { smallBundle } from "../evidence/small-bundle.js";
import { tempDir } from "../temp-dir.js";

const root = tempDir("gate-verify");

/** The small bundle with `edit` applied to its deterministic part, sealed again as a forger would. */
function resealed(edit: (d: Bundle["deterministic"]) => void): Bundle {
  const bundle = smallBundle(root, []);
  edit(bundle.deterministic);
  const { determinism: _, ...unsealed } = bundle;
  return sealBundle(unsealed);
}

const withRollbackTriggers = (triggers: unknown) =>
  resealed((d) => {
    d.steps.rollback = { status: "pass", summary: "no trigger fired", checks: [], result: { triggers } };
  });

describe("verdictProblems", () => {
  it("finds none when the recorded verdict follows from the recorded steps", () => {
    expect(verdictProblems(smallBundle(root, []))).toEqual([]);
  });

  it("names a verdict edited and sealed again", () => {
    const forged = resealed((d) => {
      d.verdict.result = "pass";
    });
    expect(verdictProblems(forged)).toEqual([
      expect.stringMatching(/^verdict: recorded pass but the steps give/),
    ]);
  });

  it("refuses recorded triggers that are no list of outcomes", () => {
    expect(verdictProblems(withRollbackTriggers("none"))).toEqual([
      "verdict: steps.rollback.result.triggers is not a list of trigger outcomes",
    ]);
  });
});

describe("recordedTriggersFile", () => {
  it("is not needed when the rollback step recorded no triggers", () => {
    expect(recordedTriggersFile(smallBundle(root, []), root)).toBeUndefined();
  });

  it("is a problem when triggers are recorded and no input is a triggers file", () => {
    expect(recordedTriggersFile(withRollbackTriggers([]), root)).toEqual({
      problem: expect.stringMatching(/no input that matches its digest is a triggers file/),
    });
  });
});

describe("integrityProblems", () => {
  it("finds none in an intact bundle", () => {
    expect(integrityProblems(smallBundle(root, []), root)).toEqual([]);
  });

  it("adds the missing triggers file to the digest and input checks", () => {
    expect(integrityProblems(withRollbackTriggers([]), root)).toEqual([
      expect.stringMatching(/no input that matches its digest is a triggers file/),
    ]);
  });
});
