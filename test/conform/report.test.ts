import { describe, expect, it } from "vitest";
import { closingLine, jsonReport, resultLines } from "../../src/conform/report.js";
import type { ConformRun, PropertyResult } from "../../src/conform/run.js";

const pass: PropertyResult = {
  name: "bad-input-ttl",
  outcome: "pass",
  sequences: 1,
  calls: 10,
  reason: null,
  counterexample: null,
};
const fail: PropertyResult = {
  name: "model-sequences",
  outcome: "fail",
  sequences: 40,
  calls: 300,
  reason: "status: version is 3, the model says 2",
  counterexample: { commands: ["status"], seed: 7, path: "3:0" },
};
const skip: PropertyResult = {
  ...pass,
  name: "cooldown",
  outcome: "skip",
  calls: 0,
  reason: "needs the clock",
};

const run: ConformRun = {
  mode: "full",
  quick: false,
  seed: 7,
  runs: 40,
  twinControls: true,
  realClock: false,
  results: [pass, fail, skip],
  durations: { "bad-input-ttl": 12, total: 99 },
};

describe("the conformance report", () => {
  it("gives one line per property, and a failure its shrunk sequence and replay line", () => {
    expect(resultLines(pass, "R")).toEqual(["pass bad-input-ttl (1 sequence, 10 calls)"]);
    expect(resultLines(skip, "R")).toEqual(["skip cooldown: needs the clock"]);
    expect(resultLines(fail, "R")).toEqual([
      "FAIL model-sequences: status: version is 3, the model says 2",
      "  shrunk sequence (1 call):",
      "    1. status",
      "  replay: R --seed 7 --only model-sequences",
    ]);
    expect(closingLine(run)).toBe(
      "conform: 1 passed, 1 failed, 1 skipped (seed 7, 40 sequences asked, 310 calls)",
    );
  });

  it("keeps timings in measured only", () => {
    const report = jsonReport(run);
    const { measured, ...deterministic } = report;
    expect(measured.duration_ms.total).toBe(99);
    expect(JSON.stringify(deterministic)).not.toMatch(/duration|_ms/);
    expect(deterministic.totals).toEqual({ pass: 1, fail: 1, skip: 1, calls: 310 });
  });
});
