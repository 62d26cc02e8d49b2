import { describe, expect, it } from "vitest";
import {
  annotations,
  type Bundle,
  bundleSchemaProblems,
  bundleSteps,
  partialNote,
  reportHtml,
  type StepResult,
  sealBundle,
  summaryMarkdown,
  verdictLine,
} from "../../src/evidence/index.js";

const docs: StepResult<{ findings: string[] }, Record<never, never>> = {
  status: "pass",
  summary: "every runbook meets its contract",
  checks: [{ name: "runbooks", pass: true, message: "ok" }],
  deterministic: { findings: [] },
  measured: {},
};

/** A bundle of a run of the docs step alone (`only: "docs"`) or of a run judged complete (`only: null`). */
function bundleOf(only: string | null, result: Bundle["deterministic"]["verdict"]["result"]): Bundle {
  const { steps, measured } = bundleSteps({ docs }, ["docs"]);
  return sealBundle({
    $schema: "https://throughput-gate.dev/schema/bundle.schema.json",
    bundle_format: "throughput-gate-bundle@1",
    created_at: "2026-01-01T00:00:00Z",
    deterministic: {
      gate: { name: "test", config: "gates/gate.config.json", mode: "twin", quick: false, only },
      inputs: [],
      steps,
      verdict: {
        result,
        exit_code: result === "fail" ? 1 : 0,
        reasons: result === "fail" ? ["docs failed: 1 finding(s)"] : [],
        kpis_improved: [],
        triggers_fired: [],
      },
    },
    measured: { environment: {}, timings_ms: { docs: 1 }, steps: measured },
  });
}

describe("the reports of a partial run", () => {
  const partial = bundleOf("docs", "partial");

  it("validates against the schema", () => {
    expect(bundleSchemaProblems(partial)).toEqual([]);
  });

  it("heads every report PARTIAL (only STEP) and says it is not a gate verdict", () => {
    expect(verdictLine(partial)).toBe("PARTIAL (only docs)");
    const summary = summaryMarkdown(partial);
    expect(summary.split("\n")[0]).toBe("# throughput-gate: PARTIAL (only docs)");
    expect(summary).toContain("Partial run: only docs ran, so this is not a gate verdict.");
    const html = reportHtml(partial);
    expect(html).toContain('id="verdict">PARTIAL (only docs)</span>');
    expect(html).toContain('<p class="partial" id="partial">Partial run: only docs ran');
    expect(html).not.toMatch(/>PASS</);
    expect(annotations(partial)).toEqual([
      expect.stringMatching(/^::warning title=throughput-gate::Partial run: only docs ran/),
    ]);
  });

  it("keeps the partial mark when the step failed", () => {
    const failed = bundleOf("docs", "fail");
    expect(verdictLine(failed)).toBe("FAIL (only docs)");
    expect(summaryMarkdown(failed).split("\n")[0]).toBe("# throughput-gate: FAIL (only docs)");
    expect(partialNote(failed)).toMatch(/^Partial run/);
  });

  it("says nothing of partial runs for a complete one", () => {
    const complete = bundleOf(null, "pass");
    expect(verdictLine(complete)).toBe("PASS");
    expect(partialNote(complete)).toBeNull();
    expect(summaryMarkdown(complete)).not.toMatch(/partial/i);
    expect(reportHtml(complete)).not.toContain("Partial run");
    expect(annotations(complete)).toEqual(["::notice title=throughput-gate::pass"]);
  });
});
