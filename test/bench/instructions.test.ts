import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { CLI, gate } from "../gate/helpers.js";
import { tempDir } from "../temp-dir.js";

/**
 * Real instruction counts, under valgrind, through the gate as a release engineer runs it. Counts repeat whatever
 * the machine is doing, so these runs may share it, and every verdict here is asserted exactly.
 */
const dir = tempDir("instructions");
const EXAMPLE = "gates/examples/pytest-benchmark.config.json";

interface Row {
  name: string;
  verdict: string;
  metric?: string;
  flags: string[];
  baseline_instructions?: number;
  candidate_instructions?: number;
}

function benchmarkOf(bundle: Awaited<ReturnType<typeof gate>>["bundle"]) {
  const step = bundle?.deterministic.steps.benchmark?.result as
    | { counted: { name: string; verdict: string }[]; regressed: string[] }
    | undefined;
  const measured = bundle?.measured.steps.benchmark as { report: { benchmarks: Row[] } } | undefined;
  return {
    counted: step?.counted ?? [],
    regressed: step?.regressed ?? [],
    rows: measured?.report.benchmarks ?? [],
  };
}

/** A config that extends `base` with one benchmark suite, written to the test's folder; returns its path. */
function withSuite(name: string, suite: Record<string, unknown>, base = EXAMPLE): string {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ extends: resolve(base), name, benchmark: { suites: [suite] } }));
  return file;
}

/** The pytest example's suite, counted, with the changes a test makes to it. */
const pytestSuite = (change: Record<string, unknown>) => ({
  id: "basic-analysis",
  command: ["fixtures/bench-python/pytest-bench", "--benchmark-json={out}"],
  format: "pytest-benchmark",
  metric: "instructions",
  ...change,
});

const verdicts = (rows: readonly { name: string; verdict: string }[]) =>
  Object.fromEntries(rows.map((r) => [r.name.replace(/^.*::/, ""), r.verdict]));

describe.concurrent("the instruction metric in the gate", () => {
  it("A/A on the pytest example: one process a side, every benchmark unchanged, the same digest twice", async () => {
    const [a, b] = await Promise.all([0, 1].map(() => gate(["--only", "benchmark", "--config", EXAMPLE])));
    for (const r of [a, b])
      expect(r?.stderr).toMatch(/3 benchmarks: 3 unchanged; measured by instruction counts/);
    const counted = benchmarkOf(a?.bundle ?? null).counted;
    expect(verdicts(counted)).toEqual({
      test_hash_64k: "unchanged",
      test_magic_sniff: "unchanged",
      test_json_round_trip: "unchanged",
    });
    // The step line, summary.md and the report count the verdicts, and say the A/A was steady.
    // A clean checkout is an A/A of the same tree, and says the benchmarks were steady; with uncommitted edits the
    // baseline is HEAD's tree, and the fixture's benchmarks are unchanged all the same.
    const step = a?.bundle?.deterministic.steps.benchmark?.result as { same_tree?: boolean } | undefined;
    const sameTree = step?.same_tree === true;
    const said = new RegExp(
      `${sameTree ? "the benchmarks were steady; " : ""}3 benchmarks: 3 unchanged; measured by instruction counts \\(basic-analysis\\)`,
    );
    expect(readFileSync(join(a?.out ?? "", "summary.md"), "utf8")).toMatch(said);
    expect(readFileSync(join(a?.out ?? "", "report.html"), "utf8")).toMatch(said);
    // The benchmark verdicts are in the digest, and it repeats.
    expect(a?.bundle?.determinism.digest).toBe(b?.bundle?.determinism.digest);
  });

  it("+2% work in one benchmark: regressed, RT-BENCH-REGRESSION names it, the other two stay unchanged", async () => {
    const r = await gate(["--quick", "--config", "fixtures/gate/pytest-slowdown.json"]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/RT-BENCH-REGRESSION fired: regressed: basic-analysis: \S*::test_hash_64k\n/);
    const { counted, rows } = benchmarkOf(r.bundle);
    expect(verdicts(counted)).toEqual({
      test_hash_64k: "regressed",
      test_magic_sniff: "unchanged",
      test_json_round_trip: "unchanged",
    });
    const hash = rows.find((x) => x.name.endsWith("::test_hash_64k"));
    const ratio = (hash?.candidate_instructions ?? 0) / (hash?.baseline_instructions ?? 1);
    expect(ratio).toBeGreaterThan(1.015);
    expect(ratio).toBeLessThan(1.025);
  });

  it("a benchmark that reads the clock or unseeded randomness is named, flagged unstable_count and judged on time", async () => {
    const r = await gate(["--only", "benchmark", "--config", "fixtures/gate/pytest-unstable.json"]);
    const { counted, rows } = benchmarkOf(r.bundle);
    const row = (name: string) => rows.find((x) => x.name.endsWith(`::${name}`));
    for (const name of ["test_work_follows_the_clock", "test_unseeded_random"]) {
      expect(row(name)?.metric).toBe("time");
      expect(row(name)?.flags).toContain("unstable_count");
      expect(r.stderr).toContain(name);
    }
    expect(row("test_steady_sum")).toMatchObject({ metric: "instructions", verdict: "unchanged", flags: [] });
    // Only the count verdict joins the digest; the time verdicts are measurements.
    expect(verdicts(counted)).toEqual({ test_steady_sum: "unchanged" });
    expect(r.stderr).toMatch(/2 judged on time instead \(unstable count\)/);
  });

  it("our own Node suites: a task made to do twice the work regresses, the other four stay unchanged", async () => {
    const config = withSuite(
      "node-slowdown",
      {
        id: "throughput-gate",
        command: ["node", "dist/gate/cli.js", "bench", "run", "--processes", "1", "--out", "{out}"],
        format: "throughput-gate",
        metric: "instructions",
        candidate_env: { THROUGHPUT_GATE_BENCH_SLOWDOWN: "policy: status derivation=2" },
        prepare: ["npm", "run", "build", "--silent"],
      },
      "gates/gate.config.json",
    );
    const r = await gate(["--only", "benchmark", "--config", config]);
    expect(verdicts(benchmarkOf(r.bundle).counted)).toEqual({
      "throughput-gate: evidence: canonicalize and hash a bundle": "unchanged",
      "throughput-gate: policy: status derivation": "regressed",
      "throughput-gate: policy: override resolution": "unchanged",
      "throughput-gate: docs: check a large runbook": "unchanged",
      "throughput-gate: simulation: simulate 300 files to drained": "unchanged",
    });
  });
});

/** A consuming repository laid out like Nemesis, its baseline committed and the candidate change applied. */
async function nemesisLike(): Promise<string> {
  const repo = join(dir, "nemesis-like");
  cpSync("fixtures/nemesis-like", repo, { recursive: true });
  const git = (...args: string[]) => execa("git", args, { cwd: repo });
  await git("init", "-q");
  await git("add", "-A");
  await git(
    "-c",
    "user.name=release",
    "-c",
    "user.email=release@example.invalid",
    "commit",
    "-qm",
    "baseline",
  );
  await git("apply", "changes/add-md5-sha1.patch");
  const own = (path: string) => resolve(path);
  mkdirSync(join(repo, ".github"));
  writeFileSync(
    join(repo, ".github/throughput-gate.config.json"),
    JSON.stringify({
      extends: own("gates/gate.config.json"),
      name: "nemesis-like",
      catalog: own("gates/policy/catalog.json"),
      triggers: own("gates/triggers.json"),
      docs_contract: own("gates/docs-contract.json"),
      profiles: [own("fixtures/profiles/bulk-upload-burst.json"), own("fixtures/profiles/steady-mixed.json")],
      quick_profiles: [own("fixtures/profiles/bulk-upload-burst.json")],
      benchmark: {
        suites: [
          {
            id: "basic-analysis",
            // pytest with pytest-benchmark, as the fixture's wrapper finds it, on the repository's own file.
            command: [own("fixtures/bench-python/pytest-bench"), "--benchmark-json={out}"],
            format: "pytest-benchmark",
            metric: "instructions",
            env: { BENCH_FILE: "projects/file_enrichment/tests/benchmarks/bench_basic_analysis.py" },
          },
        ],
      },
    }),
  );
  return repo;
}

describe("a realistic change in a repository laid out like Nemesis", () => {
  it("adding md5 and sha1 to file_hashes(): every benchmark that hashes regressed, every other unchanged", async () => {
    const repo = await nemesisLike();
    const out = join(dir, "nemesis-like-out");
    const r = await execa(
      "node",
      [CLI, "run", "--only", "benchmark", "--config", ".github/throughput-gate.config.json", "--out", out],
      { cwd: repo, reject: false, env: { CI: "true" } },
    );
    const bundle = JSON.parse(readFileSync(join(out, "bundle.json"), "utf8"));
    // The truth, by construction: these three call file_hashes(); the last two never do.
    expect(verdicts(benchmarkOf(bundle).counted)).toEqual({
      "test_analysis_by_file_size[100]": "regressed",
      "test_analysis_by_file_size[65536]": "regressed",
      test_single_json_file_analysis: "regressed",
      test_magic_sniff_only: "unchanged",
      test_metadata_json_round_trip: "unchanged",
    });
    expect(r.stderr).toMatch(/5 benchmarks: 3 regressed, 2 unchanged; measured by instruction counts/);
  });
});

describe.concurrent("the instruction metric refuses, exit 2, one line, no bundle", () => {
  const refused = (r: Awaited<ReturnType<typeof gate>>) => {
    expect(r.exitCode).toBe(2);
    expect(r.bundle).toBeNull();
    // Past the gate's own progress lines ("gate: …"), one line says why.
    const said = r.stderr
      .trim()
      .split("\n")
      .filter((l) => !l.startsWith("gate: "));
    expect(said).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    return said[0] ?? "";
  };

  it("when valgrind is missing: names the Debian package and the time metric", async () => {
    const bin = join(dir, "no-valgrind-bin");
    mkdirSync(bin);
    for (const tool of ["node", "git"]) {
      const found = (await execa("sh", ["-c", `command -v ${tool}`])).stdout.trim();
      symlinkSync(found, join(bin, tool));
    }
    const r = await gate(["--only", "benchmark", "--config", EXAMPLE], { PATH: bin });
    expect(refused(r)).toMatch(
      /suite basic-analysis: "metric": "instructions" needs valgrind, which is not installed: install the Debian package valgrind .*"metric": "time"/,
    );
  });

  it("when a benchmark fails under valgrind: names it, the suite and the side", async () => {
    const config = withSuite(
      "fails",
      pytestSuite({ candidate_env: { ENRICHMENT_BENCH_FAIL: "test_magic_sniff" } }),
    );
    const r = await gate(["--only", "benchmark", "--config", config]);
    expect(refused(r)).toMatch(
      /suite basic-analysis, candidate side: benchmark \S*::test_magic_sniff failed under valgrind \(exit 1\)/,
    );
  });

  it("when the two sides have different fingerprints: names the field", async () => {
    // -O: the candidate's interpreter drops asserts, so its counts are not comparable.
    const config = withSuite("fingerprints", pytestSuite({ candidate_env: { PYTHONOPTIMIZE: "1" } }));
    const r = await gate(["--only", "benchmark", "--config", config]);
    expect(refused(r)).toMatch(
      /suite basic-analysis: the two sides were counted on different fingerprints \(runtime\): runtime ".*" against ".*flags: optimize=1"/,
    );
  });

  it("a suite format that cannot be counted names the time metric", async () => {
    const config = withSuite("hyperfine", {
      id: "hf",
      command: ["true", "{out}"],
      format: "hyperfine",
      metric: "instructions",
    });
    const r = await gate(["--only", "benchmark", "--config", config]);
    expect(refused(r)).toMatch(
      /suite hf: "metric": "instructions" counts pytest-benchmark and throughput-gate suites, not hyperfine; set "metric": "time"/,
    );
  });
});
