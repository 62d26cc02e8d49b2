import { describe, expect, it } from "vitest";
import { SELF_TEST_MODELS, selfTestRow } from "./self-test.js";

// 1,000 seeded trials per row, seconds each: they run with the long property runs, in `npm run test:props`.
// The table in docs/benchmarks.md comes from the same rows: `npm run bench:stats-table`.
describe("statistical self-test: seeded synthetic samples, 1,000 trials per row", () => {
  it.each(SELF_TEST_MODELS)(
    "%s: A/A false positives at most 1%, a 10% slowdown found at least 95% of the time",
    (model) => {
      const row = selfTestRow(model);
      expect(row.aa_false_positive_rate).toBeLessThanOrEqual(0.01);
      expect(row.slowdown_10pct_detection_rate).toBeGreaterThanOrEqual(0.95);
    },
  );
});
