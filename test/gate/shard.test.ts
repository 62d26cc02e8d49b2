import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { beforeAll, describe, expect, it } from "vitest";
import { type Bundle, sealBundle } from "../../src/evidence/index.js";
import { tempDir } from "../temp-dir.js";
import { CLI, gate } from "./helpers.js";

const scratch = tempDir("gate-shard");

const merge = (dirs: string[], out = mkdtempSync(join(scratch, "merged-"))) =>
  execa("node", [CLI, "evidence", "merge", ...dirs, "--out", out], { reject: false }).then((r) => ({
    exitCode: r.exitCode ?? -1,
    stdout: String(r.stdout),
    stderr: String(r.stderr),
    out,
  }));

const bundleIn = (dir: string) => JSON.parse(readFileSync(join(dir, "bundle.json"), "utf8")) as Bundle;

/** A copy of a shard's folder whose bundle `forge` changes, sealed again: the merge must catch it by content. */
function forgedShard(dir: string, forge: (d: Bundle["deterministic"]) => void): string {
  const copy = mkdtempSync(join(scratch, "forged-"));
  const { determinism: _, ...bundle } = bundleIn(dir);
  forge(bundle.deterministic);
  writeFileSync(join(copy, "bundle.json"), JSON.stringify(sealBundle(bundle)));
  writeFileSync(join(copy, "shard-parts.json"), readFileSync(join(dir, "shard-parts.json")));
  return copy;
}

// The default config, counted benchmarks included, --quick: three shards as three processes at once, then the
// same run unsharded. The merged bundle must be the unsharded run's, digest for digest.
describe("run --shard I/N and evidence merge", () => {
  let shards: Awaited<ReturnType<typeof gate>>[];
  let whole: Awaited<ReturnType<typeof gate>>;
  beforeAll(async () => {
    shards = await Promise.all([1, 2, 3].map((i) => gate(["--quick", "--shard", `${i}/3`])));
    whole = await gate(["--quick"]);
  }, 600_000);

  it("writes shard bundles that say PARTIAL, each with its units, and verify as partial", async () => {
    for (const [i, s] of shards.entries()) {
      expect(s.exitCode, s.stderr).toBe(0);
      expect(s.stdout).toMatch(
        new RegExp(`^gate: PARTIAL \\(shard ${i + 1}/3\\) \\(digest [0-9a-f]{64}\\)`, "m"),
      );
      expect(readFileSync(join(s.out, "summary.md"), "utf8")).toMatch(
        /Partial run: shard \d of 3, so this is not a gate verdict/,
      );
      const verified = await execa("node", [CLI, "evidence", "verify", join(s.out, "bundle.json")], {
        reject: false,
      });
      expect(String(verified.stdout)).toMatch(
        new RegExp(`^evidence: verified PARTIAL run \\(shard ${i + 1}/3\\)`, "m"),
      );
      expect(verified.exitCode).toBe(0);
      expect(s.bundle?.deterministic.verdict.result).toBe("partial");
      expect(s.bundle?.deterministic.gate.shard).toMatchObject({ index: i + 1, count: 3 });
      expect(s.bundle?.deterministic.steps.rollback).toBeUndefined();
    }
    // Each shard counts its own slice of the counted suite.
    const units = shards.flatMap((s) => s.bundle?.deterministic.gate.shard?.units ?? []);
    expect(units.filter((u) => u.startsWith("benchmark:")).sort()).toEqual([
      "benchmark:throughput-gate#1/3",
      "benchmark:throughput-gate#2/3",
      "benchmark:throughput-gate#3/3",
    ]);
    expect(new Set(units).size).toBe(units.length);
  });

  it("merges them into the unsharded run's bundle: the same deterministic section and digest", async () => {
    expect(whole.exitCode, whole.stderr).toBe(0);
    const merged = await merge(shards.map((s) => s.out));
    expect(merged.exitCode, merged.stderr).toBe(0);
    const bundle = bundleIn(merged.out);
    expect(bundle.deterministic).toEqual(whole.bundle?.deterministic);
    expect(merged.stdout).toContain(
      `gate: merged 3 shard(s): PASS (digest ${whole.bundle?.determinism.digest})`,
    );
    // The merge writes the reports, and its bundle verifies like any other.
    for (const report of ["summary.md", "junit.xml", "report.html"])
      expect(readFileSync(join(merged.out, report), "utf8").length).toBeGreaterThan(0);
    const verified = await execa("node", [CLI, "evidence", "verify", join(merged.out, "bundle.json")], {
      reject: false,
    });
    expect(verified.exitCode, String(verified.stdout)).toBe(0);
    // Signed like any bundle.
    const keys = mkdtempSync(join(scratch, "keys-"));
    const cli = (...args: string[]) => execa("node", [CLI, "evidence", ...args], { reject: false });
    expect((await cli("keygen", "--out-dir", keys)).exitCode).toBe(0);
    const bundleFile = join(merged.out, "bundle.json");
    expect((await cli("sign", bundleFile, "--key", join(keys, "gate-signing.key"))).exitCode).toBe(0);
    const signed = await cli("verify", bundleFile, "--pub", join(keys, "gate-signing.pub"));
    expect(String(signed.stdout)).toMatch(/^evidence: verified, signed \(digest /m);
    expect(signed.exitCode).toBe(0);
  });

  const refusals: [string, () => string[], RegExp][] = [
    [
      "a missing shard",
      () => [shards[0]?.out ?? "", shards[2]?.out ?? ""],
      /^throughput-gate: evidence merge: shard 2\/3 is missing: its units .+ were not run$/,
    ],
    [
      "a duplicated shard",
      () => [shards[0]?.out ?? "", shards[1]?.out ?? "", shards[1]?.out ?? ""],
      /^throughput-gate: evidence merge: shard 2\/3 is given twice: .+ and .+$/,
    ],
    [
      "shards from different commits",
      () => [
        shards[0]?.out ?? "",
        forgedShard(shards[1]?.out ?? "", (d) => {
          const head = d.inputs.find((i) => i.name === "candidate:HEAD");
          if (head) head.digest = "0".repeat(40);
        }),
        shards[2]?.out ?? "",
      ],
      /^throughput-gate: evidence merge: the shards come from different candidate commits: candidate:HEAD is [0-9a-f]{12} in shard 1\/3 .+ and 000000000000 in shard 2\/3 .+$/,
    ],
    [
      "shards from different configs",
      () => [
        shards[0]?.out ?? "",
        shards[1]?.out ?? "",
        forgedShard(shards[2]?.out ?? "", (d) => {
          d.gate.config = "gates/examples/pytest-benchmark.config.json";
        }),
      ],
      /^throughput-gate: evidence merge: the shards ran different configs: gates\/gate\.config\.json in shard 1\/3 .+, gates\/examples\/pytest-benchmark\.config\.json in shard 3\/3 .+$/,
    ],
    [
      "a shard whose parts were changed",
      () => {
        const dir = forgedShard(shards[1]?.out ?? "", () => {});
        writeFileSync(join(dir, "shard-parts.json"), "[]\n");
        return [shards[0]?.out ?? "", dir, shards[2]?.out ?? ""];
      },
      /^throughput-gate: evidence merge: .+shard-parts\.json: its sha256 is not the one the shard's bundle records; the parts were changed$/,
    ],
    [
      "a complete run's folder given as a shard",
      () => [shards[0]?.out ?? "", whole.out],
      /^throughput-gate: evidence merge: .+bundle\.json is not a shard's bundle: make shards with throughput-gate run --shard I\/N$/,
    ],
  ];

  it.each(refusals)("refuses %s: one line, exit 2, nothing written", async (_, dirs, message) => {
    const out = join(mkdtempSync(join(scratch, "refused-")), "out");
    const r = await merge(dirs(), out);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(message);
    expect(() => readFileSync(join(out, "bundle.json"))).toThrow();
  });
});
