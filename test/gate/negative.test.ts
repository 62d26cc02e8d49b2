import { describe, expect, it } from "vitest";
import { gate } from "./helpers.js";

/**
 * Each fixture is a deployment or change the gate must reject, naming the trigger or step that caught it. Their
 * benchmark step replays saved runs, so no verdict here rests on a timing taken during the test, and the runs can
 * share the machine.
 */
describe.concurrent("negative gates: each must exit 1 and name what caught it", () => {
  it.each([
    ["defect-ignore-expensive-floor", { trigger: "RT-EXPENSIVE-STARVATION" }],
    ["defect-override-never-expires", { trigger: "RT-STATE-DRIFT", step: "controls" }],
    ["defect-unknown-preset-falls-back", { trigger: "RT-STATE-DRIFT", step: "controls" }],
    ["defect-telemetry-error-reads-normal", { trigger: "RT-STATE-DRIFT", step: "controls" }],
    ["bench-slowdown", { trigger: "RT-BENCH-REGRESSION", step: "benchmark" }],
    ["drain-regression", { trigger: "RT-DRAIN-REGRESSION", step: "queue-drain" }],
    ["docs-missing-trigger", { step: "docs" }],
    ["missing-baseline", { step: "benchmark", error: true }],
    ["defect-override-race", { step: "conformance" }],
  ] as const)(
    "%s",
    async (name, expected) => {
      const r = await gate(["--quick", "--config", `fixtures/gate/${name}.json`]);
      expect(r.exitCode).toBe(1);
      const verdict = r.bundle?.deterministic.verdict;
      expect(verdict?.result).toBe("fail");
      if ("trigger" in expected) {
        expect(verdict?.triggers_fired).toContain(expected.trigger);
        expect(r.stdout).toContain(`${expected.trigger} fired`);
        expect(r.stdout).toMatch(
          /revert with:\n {2}nemesis-ctl throughput revert --to balanced --reason "rollback: RT-/,
        );
      }
      if ("step" in expected) {
        const status = r.bundle?.deterministic.steps[expected.step]?.status;
        expect(status).toBe("error" in expected ? "error" : "fail");
        expect(r.stdout).toMatch(new RegExp(`${expected.step} (failed|could not run)`));
      }
      if (name === "defect-override-race") {
        expect(r.stdout).toMatch(/concurrent-overrides-one-winner/);
      }
      if (name === "bench-slowdown") {
        // It names the one benchmark that slowed, and a regression stands only after a second look agrees.
        expect(r.stdout).toMatch(/RT-BENCH-REGRESSION fired: regressed: replay: \S*::test_hash_64k\n/);
        const step = r.bundle?.deterministic.steps.benchmark?.result as { regressed?: string[] } | undefined;
        expect(step?.regressed).toEqual([expect.stringMatching(/::test_hash_64k$/)]);
        const measured = r.bundle?.measured.steps.benchmark as
          | { suites?: { looks: unknown[] }[] }
          | undefined;
        expect(measured?.suites?.[0]?.looks).toHaveLength(2);
      }
    },
    300_000,
  );
});
