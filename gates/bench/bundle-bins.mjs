#!/usr/bin/env node
// Bundles each CLI from its source over its compiled entry (dist/ctl/main.js, dist/gate/cli.js), split into chunks
// (dist/chunks/). A CLI starts in about half the time when Node loads a few files instead of a few hundred modules,
// and each command's code is a chunk of its own that loads only when that command runs, so `--help` and
// `nemesis-ctl throughput status` read a small entry and no more. The rest of dist/ stays as tsc wrote it, for the
// benchmark suites and for importers. The bundle is made from src/, never from dist/: an incremental tsc leaves an
// entry it did not recompile as it was, which may be the previous bundle.
import { rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { build } from "esbuild";

/**
 * The generated validators reach ajv's runtime helpers (formats, string length, deep equality) through a
 * `require` they make with createRequire, which works the same under Node, the test runner and tsc's output. In a
 * bundle that would leave them to Node's CommonJS loader at start-up, resolving node_modules file by file; without
 * the made `require`, esbuild sees plain require calls and bundles the helpers in.
 */
const MADE_REQUIRE =
  /^import \{ createRequire \} from "node:module";\nconst require = createRequire\(import\.meta\.url\);\n/m;
const bundledValidatorRuntime = {
  name: "bundled-validator-runtime",
  setup(bundler) {
    bundler.onLoad({ filter: /\.generated\.ts$/ }, async ({ path }) => {
      const source = await readFile(path, "utf8");
      if (!MADE_REQUIRE.test(source)) return undefined;
      return { contents: source.replace(MADE_REQUIRE, ""), loader: "ts" };
    });
  },
};

const BINS = { "dist/ctl/main": "src/ctl/main.ts", "dist/gate/cli": "src/gate/cli.ts" };
const CHUNKS = "dist/chunks";

// Chunks from an earlier build have other hashes; left behind they would only take space.
rmSync(CHUNKS, { recursive: true, force: true });
// One build per CLI: a chunk shared by both would hold what either needs, and nemesis-ctl would load the gate's.
for (const [out, source] of Object.entries(BINS)) await bundle(out, source);

async function bundle(out, source) {
  await build({
    entryPoints: [{ in: source, out }],
    outdir: ".",
    chunkNames: `${CHUNKS}/${out.split("/")[1]}-[name]-[hash]`,
    splitting: true,
    allowOverwrite: true,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    // Bundled CommonJS dependencies (markdown-it, the validators' runtime) call require(); ESM has none, so give
    // them Node's. Each chunk gets the line, as each is a module of its own.
    banner: {
      js: 'import { createRequire as createRequireForBundle } from "node:module";\nconst require = createRequireForBundle(import.meta.url);',
    },
    plugins: [bundledValidatorRuntime],
    logLevel: "error",
  });
}
