import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Bundle, verifyBundle } from "../../src/evidence/index.js";
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
