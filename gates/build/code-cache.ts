/**
 * Makes the V8 code caches nemesis-ctl starts from (src/common/code-cache.ts). Each bundle in dist/ctl gets a last line
 * naming the hash of its content, and the CLI's everyday reads then run against a twin with a recorder preloaded,
 * which writes at exit the code V8 compiled for each bundle. The runs add up: each starts from the cache the one
 * before wrote and adds what it compiled, so `throughput status` finds everything it runs already compiled.
 * `npm run build` runs this after bundling; a cache made by one Node is refused by another and costs nothing then.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { CODE_CACHE_MARK } from "../../src/common/code-cache.js";
import { startTwin } from "../../src/twin/index.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CTL = join(ROOT, "dist/ctl");
const RECORDER = fileURLToPath(new URL("./code-cache-recorder.cjs", import.meta.url));

/** What an operator runs most: help, the presets, the history, and the status in both forms, the status last. */
const WARMING_RUNS = [
  ["--help"],
  ["throughput", "presets"],
  ["throughput", "history"],
  ["throughput", "status"],
  ["throughput", "status", "--json"],
];

function bundles(): string[] {
  const responses = join(CTL, "responses");
  return [
    join(CTL, "nemesis-ctl.cjs"),
    ...readdirSync(responses)
      .filter((f) => f.endsWith(".cjs"))
      .map((f) => join(responses, f)),
  ];
}

/** Marks a bundle with the hash of its content, replacing an earlier mark, and removes its earlier caches. */
function markBundle(file: string): void {
  const text = readFileSync(file, "utf8");
  const at = text.lastIndexOf(CODE_CACHE_MARK);
  const content = at < 0 ? text : text.slice(0, at);
  const id = createHash("sha256").update(content).digest("hex").slice(0, 32);
  writeFileSync(file, `${content}${CODE_CACHE_MARK}${id}\n`);
  const folder = join(file, "..");
  const name = file.slice(folder.length + 1);
  for (const old of readdirSync(folder))
    if (old.startsWith(`${name}.`) && old.endsWith(".v8-cache")) rmSync(join(folder, old));
}

export async function makeCodeCaches(): Promise<void> {
  for (const file of bundles()) markBundle(file);
  const twin = await startTwin();
  try {
    for (const args of WARMING_RUNS)
      await execa(process.execPath, ["--require", RECORDER, join(CTL, "main.cjs"), ...args], {
        env: { NEMESIS_API_URL: twin.url, NO_COLOR: "1" },
        extendEnv: false,
        stdout: "ignore",
      });
  } finally {
    await twin.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await makeCodeCaches();
