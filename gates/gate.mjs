#!/usr/bin/env node
// `npm run gate`: runs every gate suite in gates/ and prints one verdict line. Exit 0 pass, 1 fail, 2 could not run.
import { readFile } from "node:fs/promises";
import { $, fs } from "zx";

const RESULTS = "evidence/out/gate-results.json";

await fs.remove(RESULTS);
const run = await $({ nothrow: true, stdio: "inherit" })`npx vitest run --config gates/vitest.config.ts`;

let results;
try {
  results = JSON.parse(await readFile(RESULTS, "utf8"));
} catch {
  console.error(
    `gate: could not run: the gate suites wrote no results to ${RESULTS} (vitest exit ${run.exitCode})`,
  );
  process.exit(2);
}
const { numPassedTests: passed, numFailedTests: failed, numTotalTests: total } = results;
const pass = run.exitCode === 0 && failed === 0 && total > 0;
console.log(`gate: ${pass ? "PASS" : "FAIL"}: ${passed} of ${total} gate checks passed`);
process.exit(pass ? 0 : 1);
