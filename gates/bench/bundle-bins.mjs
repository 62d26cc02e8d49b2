#!/usr/bin/env node
// Bundles each CLI from its source: nemesis-ctl into one CommonJS file (dist/ctl/main.cjs), throughput-gate over
// its compiled entry (dist/gate/cli.js) with each command's code in chunks (dist/chunks/) loaded when it runs. A CLI
// starts in about half the time when Node loads a few files instead of a few hundred modules. The rest of dist/
// stays as tsc wrote it, for the benchmark suites and for importers. The bundle is made from src/, never from dist/: an incremental tsc leaves an
// entry it did not recompile as it was, which may be the previous bundle.
import { readdirSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
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

/**
 * The response validators are two thirds of nemesis-ctl's code (250 kB of 370 kB), and a command needs one of
 * them. Node parses a whole CommonJS file before it runs a line, so they stay out of dist/ctl/main.cjs: each is a
 * CommonJS file of its own in dist/ctl/responses/, required when a command first checks an answer of its schema.
 */
const responseValidatorsApart = {
  name: "response-validators-apart",
  setup(bundler) {
    bundler.onResolve({ filter: /^\.\/[A-Za-z]+\.generated\.js$/ }, ({ path, importer }) =>
      importer.endsWith(join("responses", "index.generated.ts"))
        ? { path: `./responses/${path.slice(2).replace(".generated.js", ".cjs")}`, external: true }
        : undefined,
    );
  },
};

const CHUNKS = "dist/chunks";

// Chunks from an earlier build have other hashes; left behind they would only take space.
rmSync(CHUNKS, { recursive: true, force: true });
rmSync("dist/gate-commands", { recursive: true, force: true });
await bundleNemesisCtl();
await bundleGate();
await bundleGateEntry();

/**
 * nemesis-ctl is CommonJS: Node loads a CommonJS file about 4 ms sooner than an ES module (its ES module loader costs
 * that once per process). The CLI is one bundle (dist/ctl/nemesis-ctl.cjs) and its response validators are files of
 * their own; the bin (dist/ctl/main.cjs) runs the bundle from the V8 code cache gates/build/code-cache.ts makes.
 * `import.meta.url` becomes the file's own URL, so paths relative to it resolve as they did.
 */
async function bundleNemesisCtl() {
  await build({
    entryPoints: ["src/ctl/bin.ts"],
    outfile: "dist/ctl/main.cjs",
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    define: { "import.meta.url": "importMetaUrl" },
    banner: { js: 'const importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
    logLevel: "error",
  });
  await build({
    entryPoints: ["src/ctl/main.ts"],
    outfile: "dist/ctl/nemesis-ctl.cjs",
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    // An import() left in a CommonJS file starts Node's ES module loader when it runs, about 4 ms; the API client
    // imports node:http that way. Told that import() is not there, esbuild writes a require() instead.
    supported: { "dynamic-import": false },
    define: { "import.meta.url": "importMetaUrl" },
    banner: { js: 'const importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
    plugins: [bundledValidatorRuntime, responseValidatorsApart],
    logLevel: "error",
  });
  await bundleResponseValidators();
}

async function bundleResponseValidators() {
  const folder = "src/contract/responses";
  const names = readdirSync(folder).filter((f) => f.endsWith(".generated.ts") && f !== "index.generated.ts");
  rmSync("dist/ctl/responses", { recursive: true, force: true });
  await build({
    entryPoints: names.map((f) => ({ in: `${folder}/${f}`, out: f.replace(".generated.ts", "") })),
    outdir: "dist/ctl/responses",
    outExtension: { ".js": ".cjs" },
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    plugins: [bundledValidatorRuntime],
    logLevel: "error",
  });
}

/**
 * throughput-gate is an ES module split into chunks (dist/chunks/gate-*): its commands carry markdown-it, execa,
 * the twin and the policy engine, 2 MB in all, and each is loaded only when its command runs.
 */
async function bundleGate() {
  await build({
    entryPoints: [{ in: "src/gate/cli.ts", out: "dist/gate/cli" }],
    outdir: ".",
    chunkNames: `${CHUNKS}/gate-[name]-[hash]`,
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

/**
 * throughput-gate's bin (dist/gate/cli.cjs) is CommonJS for the same 4 ms as nemesis-ctl: the parser and the
 * commands' declarations (the manifest), nothing else. A command's code is the ES module bundle of its file in
 * dist/gate-commands/ (with chunks), imported when the command runs. dist/gate/cli.js stays the whole CLI as an ES module.
 */
async function bundleGateEntry() {
  const commands = readdirSync("src/gate/commands")
    .filter((f) => f.endsWith(".ts") && f !== "index.ts" && !f.endsWith(".generated.ts"))
    .map((f) => ({ in: `src/gate/commands/${f}`, out: f.replace(/\.ts$/, "") }));
  await build({
    entryPoints: commands,
    // Two folders below the package's root, as every bundle here: modules find the package's files from
    // import.meta.url (`../../`), so a bundle one folder deeper would look for them inside dist/.
    outdir: "dist/gate-commands",
    chunkNames: "[name]-[hash]",
    splitting: true,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    banner: {
      js: 'import { createRequire as createRequireForBundle } from "node:module";\nconst require = createRequireForBundle(import.meta.url);',
    },
    plugins: [bundledValidatorRuntime],
    logLevel: "error",
  });
  const lazyCommands = {
    name: "lazy-commands",
    setup(bundler) {
      bundler.onResolve({ filter: /^\.\/[a-z0-9-]+\.js$/ }, ({ path, importer }) =>
        importer.endsWith("manifest.generated.ts")
          ? { path: `../gate-commands/${path.slice(2)}`, external: true }
          : undefined,
      );
    },
  };
  await build({
    entryPoints: ["src/gate/cli.ts"],
    outfile: "dist/gate/cli.cjs",
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    define: { "import.meta.url": "importMetaUrl" },
    banner: { js: 'const importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
    plugins: [bundledValidatorRuntime, lazyCommands],
    logLevel: "error",
  });
}
