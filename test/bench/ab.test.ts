import { describe, expect, it } from "vitest";
import { BenchInputError, prepareBaseline } from "../../src/bench/index.js";

// The verdicts of a real A/B run rest on timings taken during it: `npm run bench:aa` measures them, no test does.
describe("bench ab: the baseline", () => {
  it("refuses a ref that matches no commit", () => {
    expect(() => prepareBaseline(process.cwd(), "no-such-ref-xyz")).toThrow(BenchInputError);
    expect(() => prepareBaseline(process.cwd(), "no-such-ref-xyz")).toThrow(
      /baseline ref "no-such-ref-xyz" matches no commit/,
    );
  });
});
