#!/usr/bin/env node
// Bundles each CLI from its source into one file over its compiled entry (dist/ctl/main.js, dist/gate/cli.js).
// A CLI starts in about half the time when Node loads one file instead of a few hundred modules, and operators and
// the tests start them many times. The rest of dist/ stays as tsc wrote it, for the benchmark suites and for
// importers. The bundle is made from src/, never from dist/: an incremental tsc leaves an entry it did not
// recompile as it was, which may be the previous bundle.
import { build } from "esbuild";

const BINS = { "dist/ctl/main": "src/ctl/main.ts", "dist/gate/cli": "src/gate/cli.ts" };

await build({
  entryPoints: Object.entries(BINS).map(([out, source]) => ({ in: source, out })),
  outdir: ".",
  allowOverwrite: true,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  // Bundled CommonJS dependencies (ajv, markdown-it) call require(); ESM has none, so give them Node's.
  banner: {
    js: 'import { createRequire as createRequireForBundle } from "node:module";\nconst require = createRequireForBundle(import.meta.url);',
  },
  logLevel: "error",
});
