/**
 * `npm run bench:stats-table`: the statistical self-test's table in docs/benchmarks.md ("Self-test"). Seeded
 * synthetic trials, the same ones the unit test checks its targets on, so the same numbers on every run. Writes
 * evidence/out/bench-selftest.json and prints the table's rows.
 */
import { writeFileAtomic } from "../../src/common/index.js";
import { SELF_TEST_MODELS, selfTestRow } from "../../test/bench/self-test.js";

const rows = SELF_TEST_MODELS.map((model) => selfTestRow(model));

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
console.log(
  "model            A/A false positives  10% slowdown found  mean:5% A/A alarms  mean:5% slowdown found",
);
for (const r of rows)
  console.log(
    [
      r.model.padEnd(15),
      pct(r.aa_false_positive_rate).padEnd(19),
      pct(r.slowdown_10pct_detection_rate).padEnd(18),
      pct(r.pytest_mean_5pct_aa_false_alarm_rate).padEnd(18),
      pct(r.pytest_mean_5pct_detection_rate),
    ].join("  "),
  );

const out = "evidence/out/bench-selftest.json";
writeFileAtomic(out, `${JSON.stringify(rows, null, 2)}\n`, { createDirectory: true });
console.log(`wrote ${out}`);
