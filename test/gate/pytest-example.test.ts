import { execaSync } from "execa";
import { describe, expect, it } from "vitest";
import { gate } from "./helpers.js";

/** pytest-benchmark comes from Debian here; CI installs it, a developer's machine may not have it. */
const hasPytestBenchmark =
  execaSync("fixtures/bench-python/pytest-bench", ["--version"], { reject: false }).exitCode === 0;
const inCi = process.env.CI === "true";

describe.skipIf(!hasPytestBenchmark && !inCi)(
  "the gate on a pytest-benchmark suite of the system under change",
  () => {
    it("fails a candidate with one benchmark 20% slower with RT-BENCH-REGRESSION, naming it, after a second look agrees", async () => {
      const r = await gate(["--config", "fixtures/gate/pytest-slowdown.json"]);
      expect(r.exitCode).toBe(1);
      expect(r.bundle?.deterministic.verdict.triggers_fired).toEqual(["RT-BENCH-REGRESSION"]);
      expect(r.stdout).toMatch(/RT-BENCH-REGRESSION fired: regressed: basic-analysis: \S*test_hash_64k\n/);
      const step = r.bundle?.deterministic.steps.benchmark?.result as { regressed?: string[] } | undefined;
      expect(step?.regressed).toEqual([expect.stringMatching(/::test_hash_64k$/)]);
      const measured = r.bundle?.measured.steps.benchmark as { suites?: { looks: unknown[] }[] } | undefined;
      expect(measured?.suites?.[0]?.looks).toHaveLength(2);
    }, 600_000);
  },
);
