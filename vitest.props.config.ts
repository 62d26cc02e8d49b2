import { defineConfig } from "vitest/config";

/**
 * `npm run test:props`: the long property runs with a fresh seed each time, sized for a busy machine. A failure
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
