import { defineConfig } from "vitest/config";

/** Gate suites: acceptance checks on the candidate policy, run by `npm run gate`. */
export default defineConfig({
  test: {
    root: new URL("..", import.meta.url).pathname,
    include: ["gates/**/*.gate.ts"],
    reporters: ["default", "json"],
    outputFile: { json: "evidence/out/gate-results.json" },
    testTimeout: 60_000,
  },
});
