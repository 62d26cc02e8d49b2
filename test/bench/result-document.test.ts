import { describe, expect, it } from "vitest";
import { RESULT_FORMAT, resultDocumentOf } from "../../src/bench/formats.js";

const written = {
  format: RESULT_FORMAT,
  name: "latest",
  environment: { node: "v20", cpu: "cpu", cores: 2, os: "linux", tinybench: "6", timer: "hrtimeNow" },
  measured_at: "2026-01-01T00:00:00.000Z",
  settings: { time_ms: 50 },
  benchmarks: [{ name: "policy: status", unit: "ms", samples: [0.2, 0.3], saturation: null }],
};

describe("resultDocumentOf", () => {
  it("gives back what a child wrote, field for field and in the same order", () => {
    const read = resultDocumentOf(JSON.parse(JSON.stringify(written)), "round-1.json");
    expect(JSON.stringify(read)).toBe(JSON.stringify(written));
  });

  it("refuses a document with a field of the wrong type, naming it", () => {
    const broken = { ...written, environment: { ...written.environment, cores: "2" } };
    expect(() => resultDocumentOf(broken, "round-1.json")).toThrow(
      /round-1\.json: \$\.environment\.cores must be a number, not a string/,
    );
    expect(() => resultDocumentOf({ ...written, format: "other" }, "round-1.json")).toThrow(
      /not a throughput-gate-bench@1 result document/,
    );
  });
});
