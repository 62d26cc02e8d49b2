import { describe, expect, it } from "vitest";
import { checkMarkdown } from "../../../src/docs-check/index.js";

const SPEC = { path: "runbook.md", trigger_ids_in: "Rollback triggers" };
const IDS = ["RT-DRAIN-REGRESSION", "RT-STATE-DRIFT"];

/** A runbook whose "Rollback triggers" section is the given body. */
function triggerFindings(body: string) {
  const source = `# Runbook\n\n## Rollback triggers\n\n${body}\n\n## Next\n\nRT-STATE-DRIFT named after the section.\n`;
  return checkMarkdown("runbook.md", source, SPEC, { triggerIds: IDS }).filter(
    (f) => f.rule === "trigger-ids",
  );
}

describe("docs rule trigger-ids", () => {
  it("passes a section that names every trigger in prose", () => {
    expect(triggerFindings("Roll back on RT-DRAIN-REGRESSION or RT-STATE-DRIFT.")).toEqual([]);
  });

  it("does not count a trigger that appears only inside a code fence", () => {
    const body = "Roll back on RT-DRAIN-REGRESSION.\n\n```sh\necho RT-STATE-DRIFT\n```";
    expect(triggerFindings(body)).toEqual([
      {
        file: "runbook.md",
        line: 3,
        rule: "trigger-ids",
        message: 'section "Rollback triggers" does not name rollback trigger RT-STATE-DRIFT',
      },
    ]);
  });

  it("does not count a trigger that appears only in a code span", () => {
    const body = "Roll back on RT-DRAIN-REGRESSION, and see `RT-STATE-DRIFT`.";
    expect(triggerFindings(body).map((f) => f.message)).toEqual([
      'section "Rollback triggers" does not name rollback trigger RT-STATE-DRIFT',
    ]);
  });
});
