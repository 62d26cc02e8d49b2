import { type Bundle, fileDigest, sealBundle } from "../../src/evidence/index.js";

/** A small sealed bundle with one passing step, whose file inputs are the named files under `root`. */
export function smallBundle(root: string, inputFiles: readonly string[]): Bundle {
  return sealBundle({
    $schema: "https://throughput-gate.dev/schema/bundle.schema.json",
    bundle_format: "throughput-gate-bundle@1",
    created_at: "2026-01-01T00:00:00Z",
    deterministic: {
      gate: { name: "test", config: "gate.config.json", mode: "twin", quick: true, only: "docs" },
      inputs: [
        ...inputFiles.map((name) => fileDigest(root, name)),
        { name: "HEAD", kind: "git-commit", digest: "a".repeat(40) },
      ],
      steps: {
        docs: {
          status: "pass",
          summary: "every runbook meets its contract",
          checks: [{ name: "runbook", pass: true, message: "ok" }],
          result: { findings: [] },
        },
      },
      verdict: { result: "partial", exit_code: 0, reasons: [], kpis_improved: [], triggers_fired: [] },
    },
    measured: { environment: {}, timings_ms: { docs: 1 }, steps: { docs: {} } },
  });
}
