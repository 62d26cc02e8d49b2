import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/cli/index.js";
import { ownedByGate, refuseToReplaceCompleteRun } from "../../src/gate/evidence-folder.js";
import { tempDir } from "../temp-dir.js";

const dir = tempDir("evidence-folder");

/** An out folder holding a bundle whose run was `only` (null: a complete run). */
function outHolding(name: string, only: string | null): string {
  const out = join(dir, name);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "bundle.json"), JSON.stringify({ deterministic: { gate: { only } } }));
  return out;
}

describe("ownedByGate", () => {
  it.each(["bundle.json", "bundle.dsse.json", "summary.md", "shard-parts.json", "snapshots"])(
    "owns %s, which a new run replaces",
    (name) => {
      expect(ownedByGate(name, false)).toBe(true);
    },
  );

  it("owns the benchmark step's suite folders and partial runs' folders, not other files beside them", () => {
    expect(ownedByGate("bench/self", true)).toBe(true);
    expect(ownedByGate("partial-docs", true)).toBe(true);
    expect(ownedByGate("bench/results.json", false)).toBe(false);
    expect(ownedByGate("partial-unknown-step", true)).toBe(false);
    expect(ownedByGate("test-results.json", false)).toBe(false);
  });
});

describe("refuseToReplaceCompleteRun", () => {
  it("refuses a partial run over a complete run's evidence, naming where a partial run goes", () => {
    const out = outHolding("complete", null);
    expect(() => refuseToReplaceCompleteRun(out, "docs")).toThrow(UsageError);
    expect(() => refuseToReplaceCompleteRun(out, "docs")).toThrow(/evidence\/out\/partial-docs/);
  });

  it("lets a complete run replace it, and a partial run replace a partial run", () => {
    expect(() => refuseToReplaceCompleteRun(outHolding("complete-again", null), undefined)).not.toThrow();
    expect(() => refuseToReplaceCompleteRun(outHolding("partial", "docs"), "docs")).not.toThrow();
    expect(() => refuseToReplaceCompleteRun(join(dir, "empty"), "docs")).not.toThrow();
  });
});
