import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { evidenceVerify } from "../../../src/gate/commands/evidence-verify.js";
import { smallBundle } from "../../evidence/small-bundle.js";
import { tempDir } from "../../temp-dir.js";

const dir = tempDir("evidence-verify");

afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * Seals a bundle over one input file in the temp folder (named from it, the root given to the command), lets
 * `damage` act on the bundle and the file, then runs `evidence verify` on it in-process.
 */
async function verify(input: string, damage: (bundle: ReturnType<typeof smallBundle>, file: string) => void) {
  const file = join(dir, input);
  writeFileSync(file, `{"input": "${input}"}\n`);
  const bundle = smallBundle(dir, [input]);
  damage(bundle, file);
  const bundleFile = join(dir, `${input}.bundle.json`);
  writeFileSync(bundleFile, JSON.stringify(bundle));
  const out: string[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  const code = await evidenceVerify.run({ args: { bundle: bundleFile }, options: { root: dir } }, undefined);
  vi.restoreAllMocks();
  return { code, out: out.join("") };
}

describe("evidence verify", () => {
  it("exits 0 on an intact bundle", async () => {
    const r = await verify("intact.json", () => {});
    expect(r.code).toBe(0);
    expect(r.out).toContain("evidence: verified");
    // An unsigned check says what it proves, and what it does not.
    expect(r.out).toContain("integrity against the inputs; authenticity needs --pub");
  });

  it("exits 1 when the content no longer matches the stored digest", async () => {
    const r = await verify("edited-bundle.json", (bundle) => {
      bundle.deterministic.verdict.reasons.push("added after sealing");
    });
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      "determinism.digest does not match the content; changed: deterministic.verdict.reasons",
    );
  });

  it("exits 1 when an input file was deleted", async () => {
    const r = await verify("deleted.json", (_bundle, file) => rmSync(file));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/input deleted\.json: missing/);
  });
});
