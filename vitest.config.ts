import { defineConfig } from "vitest/config";

/**
 * Runs as users make them, seconds to minutes each, in `npm run test:e2e`: whole gate runs, a gate run killed
 * halfway, a real benchmark measurement, and the hostile-input suites, which start a CLI process per row.
 */
export const E2E_TESTS = [
  "test/gate/gate.test.ts",
  "test/gate/negative.test.ts",
  "test/gate/report.test.ts",
  "test/gate/kill.test.ts",
  "test/bench/run-cli.test.ts",
  "test/bench/instructions.test.ts",
  "test/bench/hostile.test.ts",
  "test/gate/adopt.test.ts",
  "test/ctl/hostile.test.ts",
  "test/gate/hostile.test.ts",
  "test/gate/hostile-evidence.test.ts",
  "test/docs-check/hostile.test.ts",
  "test/docs-check/two-minutes.test.ts",
  "test/gate/live-verdicts.test.ts",
  "test/conform/defects.test.ts",
  "test/conform/live-target.test.ts",
  "test/gate/shard.test.ts",
] as const;

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["**/node_modules/**", ...E2E_TESTS],
    reporters: ["default", "json"],
    outputFile: { json: "evidence/out/test-results.json" },
    // Generous: a CLI test on a busy 2-core machine can take many times its quiet time, and that is not a failure.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // The CLI tests run the built CLIs: rebuild first when the source is newer than the build.
    globalSetup: ["test/global-setup.ts"],
    // A missing or changed snapshot fails, here as in CI; `vitest run -u` writes them on purpose.
    update: "none",
    // Most files wait on CLI subprocesses, so one more worker than cores keeps both cores busy.
    maxWorkers: 3,
    // A worker keeps the modules it loaded from one file to the next: loading them again for each of seventy files
    // cost more than half a minute. The tests share no module state (fixed seeds, own twins, own temp folders).
    isolate: false,
  },
});
