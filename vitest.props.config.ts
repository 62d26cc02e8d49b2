import { defineConfig } from "vitest/config";

/**
 * `npm run test:props`: the long property runs with a fresh seed each time, sized for a busy machine, and the long
 * seeded runs (the statistics' self-test trials, the dispatch invariant on every profile). A failure of a property
 * prints fast-check's seed and shrunk counterexample, which replay it.
 */
export default defineConfig({
  test: {
    include: ["test/**/*.props.ts"],
    reporters: ["default", "json"],
    outputFile: { json: "evidence/out/test-props-results.json" },
    testTimeout: 600_000,
  },
});
