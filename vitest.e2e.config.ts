import { defineConfig } from "vitest/config";
import { E2E_TESTS } from "./vitest.config.js";

/** `npm run test:e2e`: whole gate runs as subprocesses (negative gates, second clones, the Chromium report). */
export default defineConfig({
  test: {
    include: [...E2E_TESTS],
    reporters: ["default", "json"],
    outputFile: { json: "evidence/out/test-e2e-results.json" },
    testTimeout: 600_000,
    // One whole-gate run at a time: each runs benchmark processes that must not compete with another's.
    fileParallelism: false,
  },
});
