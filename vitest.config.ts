import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    reporters: ["default", "json"],
    outputFile: { json: "evidence/out/test-results.json" },
    testTimeout: 30_000,
  },
});
