import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type Bundle, inputPath, sha256Hex, verifyBundle } from "../../src/evidence/index.js";
import { tempDir } from "../temp-dir.js";
import { smallBundle } from "./small-bundle.js";

const root = tempDir("evidence-bundle");

/** Writes input files under the temp root and seals a bundle over them; read back as `evidence verify` reads it. */
function bundleOver(...files: string[]): Bundle {
  for (const f of files) writeFileSync(join(root, f), `{"file": "${f}"}\n`);
  return JSON.parse(JSON.stringify(smallBundle(root, files))) as Bundle;
}

describe("verifyBundle", () => {
  it("verifies a sealed bundle whose inputs are as recorded", () => {
    expect(verifyBundle(bundleOver("intact.json"), root)).toEqual([]);
  });

  it("recomputes the digest: a result changed after sealing is found and named", () => {
    const bundle = bundleOver("digest.json");
    bundle.deterministic.verdict.result = "fail";
    expect(verifyBundle(bundle, root)).toEqual([
      "determinism.digest does not match the content; changed: deterministic.verdict.result",
    ]);
  });

  it("refuses a bundle whose input file was deleted", () => {
    const bundle = bundleOver("deleted.json", "kept.json");
    rmSync(join(root, "deleted.json"));
    expect(verifyBundle(bundle, root)).toEqual(["input deleted.json: missing"]);
  });

  it("refuses a bundle whose input file changed", () => {
    const bundle = bundleOver("edited.json");
    writeFileSync(join(root, "edited.json"), "{}\n");
    expect(verifyBundle(bundle, root)).toEqual(["input edited.json: sha256 differs from the file"]);
  });
});

describe("verifyBundle reads no file outside the root", () => {
  // A root inside the temp folder, and a file beside it: outside the root, still removed with the folder.
  const box = tempDir("evidence-bundle-root");
  const inner = join(box, "root");
  const outside = join(box, "outside.json");
  beforeAll(() => {
    mkdirSync(inner);
    writeFileSync(join(inner, "kept.json"), "{}\n");
    writeFileSync(outside, '{"secret": true}\n');
    symlinkSync(outside, join(inner, "link-out.json"));
  });

  // Each name reaches the same file with its true digest: read, it would verify.
  it.each([
    ["a path with ..", () => "../outside.json", /a path with \.\., which may leave the root; not read/],
    ["an absolute path", () => outside, /an absolute path, outside the root; not read/],
    ["a link that leads out", () => "link-out.json", /a link that resolves outside the root; not read/],
  ])("%s", (_, name, message) => {
    const bundle = JSON.parse(JSON.stringify(smallBundle(inner, ["kept.json"]))) as Bundle;
    bundle.deterministic.inputs.push({
      name: name(),
      kind: "file",
      digest: sha256Hex(readFileSync(outside)),
    });
    const problems = verifyBundle(bundle, inner).filter((p) => !p.startsWith("determinism"));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.startsWith(`input ${name()}: `)).toBe(true);
    expect(problems[0]).toMatch(message);
  });

  it("a link inside the root is followed", () => {
    symlinkSync(join(inner, "kept.json"), join(inner, "link-in.json"));
    expect(inputPath(inner, "link-in.json")).toEqual({ file: join(inner, "link-in.json") });
  });

  it("a name the locator places elsewhere (a packaged file) is the locator's to vouch for", () => {
    expect(inputPath(inner, "builtin:x", () => outside)).toEqual({ file: outside });
  });
});
