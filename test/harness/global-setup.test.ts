import { mkdirSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BUILD_STAMP, buildIsStale } from "../global-setup.js";
import { tempDir } from "../temp-dir.js";

const scratch = tempDir("global-setup");
let n = 0;

/** A checkout with one source file and, when `builtAt` is given, a build stamp, with fixed times in seconds. */
function checkout(sourceAt: number, builtAt?: number): string {
  const root = join(scratch, `checkout-${n++}`);
  mkdirSync(join(root, "src/part"), { recursive: true });
  const source = join(root, "src/part/file.ts");
  writeFileSync(source, "export {};\n");
  utimesSync(source, sourceAt, sourceAt);
  if (builtAt !== undefined) {
    mkdirSync(join(root, "dist"));
    writeFileSync(join(root, BUILD_STAMP), "{}");
    utimesSync(join(root, BUILD_STAMP), builtAt, builtAt);
  }
  return root;
}

describe("the test run's global setup: rebuild when the source is newer than the build", () => {
  it("rebuilds when there is no build", () => {
    expect(buildIsStale(checkout(1_000))).toBe(true);
  });

  it("rebuilds when a source file changed after the build, however deep", () => {
    expect(buildIsStale(checkout(2_000, 1_000))).toBe(true);
  });

  it("keeps a build that is newer than every source file", () => {
    expect(buildIsStale(checkout(1_000, 2_000))).toBe(false);
  });
});
