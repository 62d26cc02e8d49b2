import { cpSync, existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { beforeAll, describe, expect, it } from "vitest";
import { bundleSchemaProblems } from "../../src/evidence/index.js";
import { startTwin } from "../../src/twin/index.js";
import { tempDir } from "../temp-dir.js";
import { CLI, gate } from "./helpers.js";

const scratch = tempDir("gate-test");

// biome-ignore lint/suspicious/noExplicitAny: the tests read and tamper with bundle JSON
type Json = Record<string, any>;

const verify = (file: string, cwd = process.cwd()) =>
  execa("node", [CLI, "evidence", "verify", file], { reject: false, cwd });

/**
 * The default config with its benchmark suite replaced by saved runs (fixtures/gate/replay.json): every step runs
 * as it does by default, and no digest or verdict below rests on a timing taken during the test.
 */
const REPLAY = ["--config", "fixtures/gate/replay.json"];

describe("throughput-gate run on the default config, benchmarks replayed", () => {
  // One gate run that every test below reads: each test stands alone, whichever runs first or alone.
  let first: Awaited<ReturnType<typeof gate>>;
  beforeAll(async () => {
    first = await gate(["--quick", ...REPLAY, "--format", "intoto"], { SOURCE_DATE_EPOCH: "1767225600" });
  }, 300_000);

  it("passes, writes a bundle that validates, and evidence verify agrees", async () => {
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toMatch(/^gate: PASS \(digest [0-9a-f]{64}\)/m);
    expect(bundleSchemaProblems(first.bundle)).toEqual([]);
    expect(first.bundle?.created_at).toBe("2026-01-01T00:00:00Z");
    expect(Object.keys(first.bundle?.deterministic.steps ?? {})).toEqual([
      "suites",
      "controls",
      "conformance",
      "docs",
      "benchmark",
      "queue-drain",
      "rollback",
    ]);
    expect(first.bundle?.deterministic.verdict.kpis_improved).toContain("burst.expensive_starvation");
    const names = first.bundle?.deterministic.inputs.map((i) => i.name) ?? [];
    expect(names).toEqual(
      expect.arrayContaining([
        "fixtures/gate/replay.json",
        "gates/policy/catalog.json",
        "fixtures/profiles/bulk-upload-burst.json",
        "docs/usage_guide.md",
        "baseline:HEAD",
        "candidate:HEAD",
      ]),
    );
    // The candidate commit is a digested input, and the header names it.
    const head = (await execa("git", ["rev-parse", "HEAD"])).stdout;
    expect(first.bundle?.deterministic.inputs).toContainEqual({
      name: "candidate:HEAD",
      kind: "git-commit",
      digest: head,
    });
    expect(first.bundle?.deterministic.gate.candidate?.commit).toBe(head);
    const summary = readFileSync(join(first.out, "summary.md"), "utf8").split("\n");
    expect(summary[2]).toMatch(new RegExp(`^- \\*\\*Candidate:\\*\\* ${head.slice(0, 12)} `));
    expect(summary[3]).toBe("- **Change under test:** aggressive override for 20 m over balanced");
    const v = await verify(join(first.out, "bundle.json"));
    expect(v.exitCode).toBe(0);
    expect(v.stdout).toMatch(/^evidence: verified/m);
  }, 90_000);

  it("records the controls: snapshots before, during, after expiry and after the revert", () => {
    const controls = first.bundle?.deterministic.steps.controls?.result as Json;
    expect(controls.snapshots.during.status.override.preset).toBe("aggressive");
    expect(controls.snapshots.after_expiry.status.override).toBeNull();
    expect(controls.snapshots.after_revert.status.base_preset).toBe("balanced");
    expect(controls.commands.map((c: { command: string }) => c.command)).toContain(
      'nemesis-ctl throughput revert --to balanced --reason "gate: revert path"',
    );
    const rollback = first.bundle?.deterministic.steps.rollback?.result as Json;
    expect(rollback.triggers.map((t: { id: string }) => t.id)).toEqual([
      "RT-DRAIN-REGRESSION",
      "RT-BASELINE-RESPONSIVENESS",
      "RT-EXPENSIVE-STARVATION",
      "RT-SUSTAINED-CRITICAL",
      "RT-BENCH-REGRESSION",
      "RT-STATE-DRIFT",
    ]);
    expect(rollback.triggers.every((t: { observed: number | null }) => typeof t.observed === "number")).toBe(
      true,
    );
    expect(rollback.revert.verified).toBe(true);
  });

  it("writes the reports and the in-toto statement", () => {
    const read = (f: string) => readFileSync(join(first.out, f), "utf8");
    expect(read("summary.md")).toMatch(/^# throughput-gate: PASS/);
    const junit = read("junit.xml");
    expect(junit).toMatch(/<testsuite name="controls" tests="\d+" failures="0"/);
    expect(junit).toMatch(/<testsuite name="rollback"/);
    const statement = JSON.parse(read("statement.intoto.json"));
    expect(statement._type).toBe("https://in-toto.io/Statement/v1");
    expect(statement.predicateType).toBe("https://throughput-gate.dev/attestation/gate-verdict/v1");
    expect(statement.subject.map((s: { name: string }) => s.name)).toEqual([
      "gates/policy/catalog.json",
      "fixtures/gate/replay.json",
    ]);
    expect(statement.subject[0].digest.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(read("report.html")).toContain('data-chart="benchmark-ratios"');
  });

  it("gives the same digest on a second run", async () => {
    const second = await gate(["--quick", ...REPLAY]);
    expect(second.bundle?.determinism.digest).toBe(first.bundle?.determinism.digest);
  }, 90_000);

  it("names the field when a value in the bundle is edited", () => {
    const bundle = structuredClone(first.bundle) as Json;
    bundle.deterministic.steps["queue-drain"].result.kpis[0].candidate = 1;
    const file = join(first.out, "tampered.json");
    writeFileSync(file, JSON.stringify(bundle));
    return verify(file).then((r) => {
      expect(r.exitCode).toBe(1);
      expect(r.stdout).toMatch(
        /determinism\.digest does not match the content; changed: deterministic\.steps\.queue-drain\.result\.kpis\[0\]\.candidate$/m,
      );
    });
  });

  it("names an input whose file changed", async () => {
    const dir = mkdtempSync(join(scratch, "verify-"));
    cpSync("gates", join(dir, "gates"), { recursive: true });
    cpSync("fixtures", join(dir, "fixtures"), { recursive: true });
    cpSync("docs", join(dir, "docs"), { recursive: true });
    writeFileSync(
      join(dir, "gates/policy/catalog.json"),
      `${readFileSync("gates/policy/catalog.json", "utf8")} `,
    );
    const r = await verify(join(first.out, "bundle.json"), dir);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain("input gates/policy/catalog.json: sha256 differs from the file");
  });

  it("prints GitHub annotations and appends the step summary in GitHub Actions", async () => {
    const summary = join(mkdtempSync(join(scratch, "gh-")), "summary.md");
    writeFileSync(summary, "before\n");
    const r = await gate(["--quick", "--config", "fixtures/gate/docs-missing-trigger.json"], {
      GITHUB_ACTIONS: "true",
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(r.stdout).toMatch(
      /^::error file=fixtures\/docs\/broken-missing-trigger-id\.md,line=17,title=docs%3A trigger-ids::section "Rollback triggers" does not name rollback trigger RT-/m,
    );
    expect(readFileSync(summary, "utf8")).toMatch(/^before\n# throughput-gate: FAIL/);
  }, 90_000);
});

describe("throughput-gate run: usage and configuration errors exit 2", () => {
  it.each([
    [
      ["--only", "everything"],
      /--only must be one of suites, controls, conformance, docs, benchmark, queue-drain, rollback/,
    ],
    [["--config", "gates/absent.json"], /absent\.json: cannot read the gate config \(ENOENT\)/],
    [["--api-url", "nemesis:7443"], /--api-url must be an http/],
    [["--format", "pdf"], /--format takes intoto/],
  ])("%j", async (args, message) => {
    const r = await gate(args);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("a config that breaks its schema", async () => {
    const file = join(mkdtempSync(join(scratch, "cfg-")), "bad.json");
    const config = JSON.parse(readFileSync("gates/gate.config.json", "utf8"));
    config.candidate.ttl_seconds = 0;
    writeFileSync(file, JSON.stringify(config));
    const r = await gate(["--config", file]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/bad\.json: \/candidate\/ttl_seconds must be >= 1/);
  });
});

describe("throughput-gate run --only", () => {
  it("runs one step and judges only it", async () => {
    const r = await gate(["--only", "docs"]);
    expect(r.exitCode).toBe(0);
    expect(Object.keys(r.bundle?.deterministic.steps ?? {})).toEqual(["docs"]);
    expect(r.bundle?.deterministic.gate.only).toBe("docs");
  });
});

describe("throughput-gate run --api-url: live mode is the same code", () => {
  it("runs the controls against the given API and samples its queues on the wall clock", async () => {
    const twin = await startTwin();
    try {
      const config = JSON.parse(readFileSync("gates/gate.config.json", "utf8"));
      config.target = { kind: "twin", live: { interval_seconds: 1, duration_seconds: 1 } };
      const file = join(mkdtempSync(join(scratch, "cfg-")), "live.json");
      writeFileSync(file, JSON.stringify(config));
      const r = await gate(["--config", file, "--only", "queue-drain", "--api-url", twin.url]);
      expect(r.bundle?.deterministic.gate.mode).toBe("live");
      const drain = r.bundle?.deterministic.steps["queue-drain"]?.result as Json | undefined;
      const runs = (drain?.runs ?? []) as { candidate: { policy: string } }[];
      // The live drain samples with the candidate in effect, and leaves the target at the base preset.
      expect(runs[0]?.candidate.policy).toBe(config.candidate.preset);
      const after = await fetch(`${twin.url}/workflows/throughput-policy/status`, {
        headers: { authorization: `Basic ${Buffer.from("n:n").toString("base64")}` },
      });
      const status = (await after.json()) as { requested_preset: string; override: unknown };
      expect(status).toMatchObject({ requested_preset: config.base_preset ?? "balanced", override: null });
      const controls = await gate(["--config", file, "--only", "controls", "--api-url", twin.url]);
      expect(controls.bundle?.deterministic.steps.controls?.status).toBe("pass");
    } finally {
      await twin.close();
    }
  }, 60_000);
});

describe("a second clone in another directory", () => {
  it("gives the same digest", async () => {
    // Both clones run this checkout's build: the digest must not depend on the folder a run is made in.
    const digestOfClone = async () => {
      const dir = mkdtempSync(join(scratch, "clone-"));
      await execa("git", ["clone", "--quiet", process.cwd(), dir]);
      symlinkSync(join(process.cwd(), "node_modules"), join(dir, "node_modules"), "dir");
      const out = join(dir, "evidence", "out");
      await execa("node", [CLI, "run", "--quick", ...REPLAY, "--out", out], {
        cwd: dir,
        reject: false,
        env: { CI: "true" },
      });
      expect(existsSync(join(out, "bundle.json"))).toBe(true);
      const bundle = JSON.parse(readFileSync(join(out, "bundle.json"), "utf8"));
      // A clean clone measured against HEAD compares the code with itself: it must say so in words.
      const benchmark = bundle.deterministic.steps.benchmark;
      expect(benchmark.result.same_tree).toBe(true);
      expect(benchmark.summary).toMatch(/^A\/A \(same tree\): .*not a change/);
      for (const report of ["summary.md", "report.html"])
        expect(readFileSync(join(out, report), "utf8")).toContain("A/A (same tree)");
      return bundle.determinism.digest as string;
    };
    const [a, b] = await Promise.all([digestOfClone(), digestOfClone()]);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toBe(a);
  }, 300_000);
});
