import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { CODE_CACHE_MARK, codeCacheFile } from "../../src/common/code-cache.js";
import { builtBin } from "../cli.js";
import { twin } from "../twin/helpers.js";

const ID = "0123456789abcdef0123456789abcdef";

describe("codeCacheFile", () => {
  it("names the cache beside a bundle after the id on its last line", () => {
    expect(codeCacheFile(`code();${CODE_CACHE_MARK}${ID}\n`, "/x/b.cjs")).toBe(`/x/b.cjs.${ID}.v8-cache`);
  });

  it("names none for a bundle the build made no cache for, or a mark that is not an id", () => {
    expect(codeCacheFile("code();\n", "/x/b.cjs")).toBeNull();
    expect(codeCacheFile(`code();${CODE_CACHE_MARK}../../etc/passwd\n`, "/x/b.cjs")).toBeNull();
    expect(codeCacheFile(`code();${CODE_CACHE_MARK}\n`, "/x/b.cjs")).toBeNull();
  });
});

/**
 * Runs nemesis-ctl's bin (`node <bin> throughput status --json`) with a recorder in the loader's seam, and returns
 * its exit code, its output and, for each file compiled from a cache, whether V8 refused the cache.
 */
async function statusWithRecorder(bin: string, apiUrl: string) {
  const recorder = `const seen = {};
globalThis[Symbol.for("throughput-gate.code-cache.recorder")] = (script, file) => {
  const bundle = file.replace(/.[0-9a-f]+.v8-cache$/, "");
  seen[bundle.split("/").slice(-2).join("/")] = script.cachedDataRejected ?? "no cache";
};
process.on("exit", () => process.stderr.write(JSON.stringify(seen)));
require(process.argv[1]);`;
  const run = await execa("node", ["-e", recorder, bin, "throughput", "status", "--json"], {
    env: { NEMESIS_API_URL: apiUrl },
    reject: false,
  });
  const refused: Record<string, boolean | string> = run.exitCode === 0 ? JSON.parse(run.stderr) : {};
  return { exitCode: run.exitCode, stdout: run.stdout, stderr: run.stderr, refused };
}

const copies: string[] = [];
afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the built dist/ctl, to break its caches without touching the build. */
function copyOfCtl(): string {
  const root = mkdtempSync(join(tmpdir(), "ctl-cache-"));
  copies.push(root);
  cpSync(join(builtBin("ctl/main.cjs"), ".."), join(root, "dist/ctl"), { recursive: true });
  return join(root, "dist/ctl");
}

describe("nemesis-ctl's code cache", () => {
  const bin = builtBin("ctl/main.cjs");

  it("marks each cached bundle with the hash of the content above the mark", () => {
    const bundle = readFileSync(builtBin("ctl/nemesis-ctl.cjs"), "utf8");
    const at = bundle.lastIndexOf(CODE_CACHE_MARK);
    expect(at).toBeGreaterThan(0);
    const id = createHash("sha256").update(bundle.slice(0, at)).digest("hex").slice(0, 32);
    expect(bundle.slice(at + CODE_CACHE_MARK.length).trim()).toBe(id);
  });

  it("compiles the CLI and the status validator from caches V8 accepts", async () => {
    const t = await twin();
    const run = await statusWithRecorder(bin, t.url);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.refused).toEqual({ "ctl/nemesis-ctl.cjs": false, "responses/Status.cjs": false });
  });

  it("answers the same when V8 refuses a cache, and when the build made none", async () => {
    const t = await twin();
    const cached = await statusWithRecorder(bin, t.url);
    const ctl = copyOfCtl();
    const caches = readdirSync(ctl).filter((f) => f.endsWith(".v8-cache"));
    expect(caches).toHaveLength(1);
    for (const cache of caches) writeFileSync(join(ctl, cache), "not a code cache");
    const refused = await statusWithRecorder(join(ctl, "main.cjs"), t.url);
    expect(refused.exitCode, refused.stderr).toBe(0);
    expect(refused.refused["ctl/nemesis-ctl.cjs"]).toBe(true);
    const bundle = join(ctl, "nemesis-ctl.cjs");
    const text = readFileSync(bundle, "utf8");
    writeFileSync(bundle, text.slice(0, text.lastIndexOf(CODE_CACHE_MARK)));
    const unmarked = await statusWithRecorder(join(ctl, "main.cjs"), t.url);
    expect(unmarked.exitCode, unmarked.stderr).toBe(0);
    expect(unmarked.refused["ctl/nemesis-ctl.cjs"]).toBeUndefined();
    for (const run of [refused, unmarked]) {
      expect(JSON.parse(run.stdout).version).toBe(JSON.parse(cached.stdout).version);
      expect(Object.keys(JSON.parse(run.stdout))).toEqual(Object.keys(JSON.parse(cached.stdout)));
    }
  });
});
