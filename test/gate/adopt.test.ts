import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { execa } from "execa";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { tempDir } from "../temp-dir.js";
import { CLI } from "./helpers.js";

/**
 * The gate in the repository it guards, as its CI runs it: a repository laid out like Nemesis, `init`, then the
 * Action's own run script, read from action.yml so that the two cannot drift.
 */
const dir = tempDir("adopt");
const ACTION_PATH = resolve(".");

interface Step {
  name?: string;
  run?: string;
  env?: Record<string, string>;
}
const action = parse(readFileSync("action.yml", "utf8")) as {
  inputs: Record<string, { default?: string }>;
  runs: { steps: Step[] };
};
const gateStep = action.runs.steps.find((s) => s.name === "Run the gate") as Step;
const planStep = action.runs.steps.find((s) => s.name === "Plan the evidence") as Step;

/** A bin folder whose python3 has pytest-benchmark, as the generated workflow installs it. */
async function pythonWithPytestBenchmark(): Promise<string> {
  const bin = join(dir, "bin");
  mkdirSync(bin, { recursive: true });
  for (const python of ["python3", "/usr/bin/python3"]) {
    const probe = await execa(python, ["-c", "import sys, pytest_benchmark; print(sys.executable)"], {
      reject: false,
    });
    if (probe.exitCode === 0) {
      symlinkSync(probe.stdout.trim(), join(bin, "python3"));
      return bin;
    }
  }
  throw new Error("no python3 with pytest-benchmark (apt-get install python3-pytest-benchmark)");
}

let stepRuns = 0;

/** An Action step's script, run as the runner does: its env, the action's path, and $GITHUB_OUTPUT. */
async function runStep(step: Step, repo: string, bin: string, env: Record<string, string>) {
  stepRuns += 1;
  const outputs = join(dir, `outputs-${stepRuns}`);
  writeFileSync(outputs, "");
  expect(Object.keys(env).sort()).toEqual(Object.keys(step.env ?? {}).sort());
  const r = await execa("bash", ["-c", step.run as string], {
    cwd: repo,
    reject: false,
    env: {
      CI: "true",
      GITHUB_ACTION_PATH: ACTION_PATH,
      GITHUB_OUTPUT: outputs,
      PATH: `${bin}:${process.env.PATH}`,
      ...env,
    },
  });
  const set = Object.fromEntries(
    readFileSync(outputs, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]),
  );
  return { ...r, outputs: set };
}

/** The Action's "Plan the evidence" and "Run the gate" scripts, with its inputs as the workflow gives them (defaults unless named). */
async function runAction(repo: string, bin: string, inputs: Record<string, string> = {}) {
  const value = (name: string) => inputs[name] ?? action.inputs[name]?.default ?? "";
  const plan = await runStep(planStep, repo, bin, {
    GATE_RECORD_BASE: value("record-base"),
    GATE_SHARD: value("shard"),
  });
  expect(plan.exitCode).toBe(0);
  const gate = await runStep(gateStep, repo, bin, {
    GATE_CONFIG: value("config"),
    GATE_BASELINE: value("baseline-ref"),
    GATE_API_URL: value("api-url"),
    GATE_RECORD_BASE: value("record-base"),
    GATE_BASE_BUNDLE: value("base-bundle"),
    GATE_SHARD: value("shard"),
    GATE_MERGE: value("merge"),
    GATE_OUT: plan.outputs.out ?? "",
  });
  return { ...gate, artifact: plan.outputs.artifact ?? "", out: plan.outputs.out ?? "" };
}

const git = (repo: string, ...args: string[]) =>
  execa("git", ["-c", "user.name=release", "-c", "user.email=release@example.invalid", ...args], {
    cwd: repo,
  });

describe("adopting the gate in a repository laid out like Nemesis", () => {
  let repo: string;
  let bin: string;
  let base: string;
  beforeAll(async () => {
    bin = await pythonWithPytestBenchmark();
    repo = join(dir, "nemesis");
    cpSync("fixtures/nemesis-like", repo, { recursive: true });
    await git(repo, "init", "-q");
    const init = await execa("node", [CLI, "init"], { cwd: repo, env: { CI: "true" } });
    expect(init.exitCode).toBe(0);
    await git(repo, "add", "-A");
    await git(repo, "commit", "-qm", "baseline, with the gate's config from init");
    base = (await git(repo, "rev-parse", "HEAD")).stdout;
  }, 120_000);

  it("A/A: the Action's run script passes with init's config, no hand edits, and the report names the commits", async () => {
    // The previous run's signature, an older partial run, and a file of the team's own, beside the evidence.
    mkdirSync(join(repo, "evidence/out"), { recursive: true });
    writeFileSync(join(repo, "evidence/out/bundle.dsse.json"), "{}");
    writeFileSync(join(repo, "evidence/out/notes.txt"), "ours");
    mkdirSync(join(repo, "evidence/out/partial-docs"), { recursive: true });
    writeFileSync(join(repo, "evidence/out/partial-docs/bundle.json"), "{}");
    const r = await runAction(repo, bin);
    expect(r.stdout).toMatch(/^gate: PASS \(digest [0-9a-f]{64}\)/m);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(
      /benchmark: pass: A\/A \(same tree\).*5 benchmarks: 5 unchanged; measured by instruction counts/,
    );
    const summary = readFileSync(join(repo, "evidence/out/summary.md"), "utf8").split("\n");
    expect(summary[0]).toBe("# throughput-gate: PASS");
    expect(summary[2]).toBe(`- **Candidate:** ${base.slice(0, 12)} (clean tree)`);
    expect(summary[4]).toBe(`- **Baseline:** HEAD at ${base.slice(0, 12)} (A/A: the candidate's own tree)`);
    // The stale signature is gone; the team's file stays; nothing of the run is left for git to see.
    expect(existsSync(join(repo, "evidence/out/bundle.dsse.json"))).toBe(false);
    expect(existsSync(join(repo, "evidence/out/partial-docs"))).toBe(false);
    expect(readFileSync(join(repo, "evidence/out/notes.txt"), "utf8")).toBe("ours");
    expect((await git(repo, "status", "--porcelain")).stdout).toBe("");
  }, 300_000);

  let unsharded: { digest: string } | undefined;

  it("a candidate commit that does more work fails with RT-BENCH-REGRESSION against the base commit", async () => {
    await git(repo, "apply", "changes/add-md5-sha1.patch");
    await git(repo, "commit", "-qam", "analysis: md5 and sha1 beside sha256");
    const r = await runAction(repo, bin, { "baseline-ref": base });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/RT-BENCH-REGRESSION fired: regressed: .*test_analysis_by_file_size\[100\]/);
    expect(r.stdout).toMatch(/^gate: FAIL/m);
    const bundle = JSON.parse(readFileSync(join(repo, "evidence/out/bundle.json"), "utf8"));
    expect(bundle.deterministic.gate.baseline).toEqual({ ref: base, commit: base, same_tree: false });
    expect(bundle.deterministic.inputs).toContainEqual({
      name: "candidate:HEAD",
      kind: "git-commit",
      digest: (await git(repo, "rev-parse", "HEAD")).stdout,
    });
    unsharded = bundle.determinism;
  }, 300_000);

  it("sharded across two runners, then merged by the Action, the verdict and digest are the unsharded run's", async () => {
    // Each matrix job has its own checkout of the same commit; the merge job downloads every shard's artifact.
    const runners = await Promise.all(
      [1, 2].map(async (i) => {
        const clone = join(dir, `runner-${i}`);
        await execa("git", ["clone", "-q", repo, clone]);
        return { clone, run: await runAction(clone, bin, { "baseline-ref": base, shard: `${i}/2` }) };
      }),
    );
    for (const [i, { clone, run }] of runners.entries()) {
      expect(run.artifact).toBe(`throughput-gate-shard-${i + 1}-of-2`);
      expect(run.stdout).toMatch(new RegExp(`^gate: (PARTIAL|FAIL) \\(shard ${i + 1}/2\\) \\(digest`, "m"));
      cpSync(join(clone, run.out), join(repo, "evidence/shards", run.artifact), { recursive: true });
    }
    // The counted pytest suite is split by benchmark: each runner counted some of the five, none counted twice.
    const counted = runners.map(({ clone, run }) => {
      const b = JSON.parse(readFileSync(join(clone, run.out, "bundle.json"), "utf8"));
      return b.deterministic.steps.benchmark?.result.counted.map((c: { name: string }) => c.name) ?? [];
    });
    expect(counted.flat().sort()).toHaveLength(5);
    expect(new Set(counted.flat()).size).toBe(5);
    const merged = await runAction(repo, bin, { merge: "true" });
    expect(merged.stdout).toMatch(
      /RT-BENCH-REGRESSION fired: regressed: .*test_analysis_by_file_size\[100\]/,
    );
    expect(merged.stdout).toContain(`gate: merged 2 shard(s): FAIL (digest ${unsharded?.digest})`);
    expect(merged.exitCode).toBe(1);
    expect(merged.artifact).toBe("throughput-gate-evidence");
  }, 600_000);
});
