import { describe, expect, it } from "vitest";
import { bundleSchemaProblems, summaryMarkdown } from "../../src/evidence/index.js";
import { reportedBundle } from "./reported-bundle.js";

describe("summary.md of a complete run", () => {
  const bundle = reportedBundle();
  const summary = summaryMarkdown(bundle);
  const row = (id: string) => summary.split("\n").find((line) => line.startsWith(`| ${id} |`));

  it("opens with the sign-off header: verdict, candidate commit and tree, change, baseline, when and where", () => {
    expect(summary.split("\n").slice(0, 7)).toEqual([
      "# throughput-gate: PASS",
      "",
      "- **Candidate:** 0123456789ab with uncommitted changes",
      "- **Change under test:** aggressive override for 20 m over balanced",
      "- **Baseline:** origin/main at 89abcdef0123",
      "- **Ran:** 2026-01-01T00:00:00Z on ci-runner-7 (linux 6.1, Example CPU, 2 cores, Node v20.20.2), https://github.com/example/nemesis/actions/runs/42",
      "",
    ]);
  });

  it("is made from a bundle the schema accepts", () => {
    expect(bundleSchemaProblems(bundle)).toEqual([]);
  });

  it("words each KPI's change as better, worse or no change", () => {
    expect(row("burst.starvation")).toBe(
      "| burst.starvation | burst | 40 | 35.16 | 12.1% better | improved |",
    );
    expect(row("burst.p95")).toBe("| burst.p95 | burst | 10 | 10.87 | 8.7% worse | no material change |");
    expect(row("burst.drain")).toBe("| burst.drain | burst | 2521 | 2521 | no change | no material change |");
    expect(summary).not.toMatch(/-\d[\d.]*% better|0\.0% better/);
  });

  it("lists the rollback triggers and the revert path", () => {
    expect(row("RT-DRAIN-REGRESSION")).toBe(
      "| RT-DRAIN-REGRESSION | 1x the base drain time on burst | 1.15 | no |",
    );
    expect(summary).toContain(
      'nemesis-ctl throughput revert --to balanced --reason "gate: revert path check"',
    );
  });
});
