import { defineConfig } from "vitest/config";
import { E2E_TESTS } from "./vitest.config.js";

/** `npm run test:e2e`: whole gate runs as subprocesses (negative gates, second clones, the Chromium report). */
export default defineConfig({
  test: {
    include: [...E2E_TESTS],
    reporters: ["default", "json"],
    outputFile: { json: "evidence/out/test-e2e-results.json" },
    testTimeout: 600_000,
    hookTimeout: 600_000,
    // The benchmark steps here replay saved runs, so gate runs may share the machine: two files at a time, and
    // within a file at most three runs at once.
    maxWorkers: 2,
    maxConcurrency: 3,
  },
});
