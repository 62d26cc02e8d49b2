import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sealBundle } from "../../src/evidence/index.js";
import { serveTwin } from "../twin/serve-process.js";
import { CLI, gate } from "./helpers.js";

// biome-ignore lint/suspicious/noExplicitAny: the tests read and tamper with bundle JSON
type Json = Record<string, any>;

/**
 * Inside the repository (its ignored evidence/out), removed when the file's tests end: a run names its inputs from
 * the repository, and evidence verify reads none outside it, so a config in the system's temp folder would not verify.
 */
mkdirSync("evidence/out", { recursive: true });
const scratch = mkdtempSync(resolve("evidence/out", "live-verdicts-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * The replayed-benchmark config, live: a one-second sampling interval and a two-second window, so a live run takes
 * the time of its local steps and not the ten minutes the live drain collects by default.
 */
const CONFIG = join(scratch, "live.json");
writeFileSync(
  CONFIG,
  JSON.stringify({
    extends: resolve("fixtures/gate/replay.json"),
    name: "live-test",
    target: { kind: "twin", live: { interval_seconds: 1, duration_seconds: 2 } },
  }),
);

/** `throughput-gate twin serve` as a separate process, standing in for staging; its URL as it announces it. */
const serve = () => serveTwin(["--port", "0"]);

const run = (url: string, ...args: string[]) =>
  gate(["--quick", "--config", CONFIG, "--api-url", url, ...args]);
const verify = (file: string) => execa("node", [CLI, "evidence", "verify", file], { reject: false });

let staging: Awaited<ReturnType<typeof serve>>;
let base: Awaited<ReturnType<typeof gate>>;
const baseFile = () => join(base.out, "bundle.json");

beforeAll(async () => {
  staging = await serve();
  base = await run(staging.url, "--record-base");
}, 300_000);

afterAll(async () => {
  staging?.proc.kill("SIGTERM");
  await staging?.proc;
});

describe("live verdicts against a twin standing in for staging", () => {
  it("without a base bundle: INCOMPLETE, exit 3, naming each trigger it could not evaluate", async () => {
    const r = await run(staging.url);
    expect(r.exitCode).toBe(3);
    expect(r.stdout).toMatch(/^gate: INCOMPLETE \(digest [0-9a-f]{64}\)/m);
    for (const id of ["RT-DRAIN-REGRESSION", "RT-SUSTAINED-CRITICAL"])
      expect(r.stdout).toContain(
        `  - ${id} could not be evaluated: no base run; record one with --record-base\n`,
      );
    expect(r.bundle?.deterministic.verdict).toMatchObject({ result: "incomplete", exit_code: 3 });
    expect(readFileSync(join(r.out, "summary.md"), "utf8")).toMatch(
      /^# throughput-gate: INCOMPLETE\n[\s\S]*## Why it is incomplete/,
    );
    expect(readFileSync(join(r.out, "report.html"), "utf8")).toContain(
      '<span class="incomplete" id="verdict">INCOMPLETE',
    );
    const v = await verify(join(r.out, "bundle.json"));
    expect(v.stdout).toMatch(/^evidence: verified/m);
  }, 300_000);

  it("--record-base writes a base recording; --base-bundle then judges the candidate: PASS", async () => {
    expect(base.exitCode).toBe(0);
    expect(base.stdout).toContain(`base recording: judge candidate runs with --base-bundle ${baseFile()}`);
    expect(base.bundle?.deterministic.gate.live).toEqual({ url: staging.url, role: "base" });
    const controls = base.bundle?.deterministic.steps.controls?.result as Json;
    expect(controls.candidate.preset).toBe("balanced");

    const r = await run(staging.url, "--base-bundle", baseFile());
    expect(r.stderr.split("\n").filter((l) => l && !l.startsWith("gate: "))).toEqual([]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^gate: PASS /m);
    expect(r.bundle?.deterministic.gate.live).toEqual({ url: staging.url, role: "candidate" });
    expect(r.bundle?.deterministic.inputs).toContainEqual({
      name: `base:${relative(process.cwd(), baseFile())}`,
      kind: "bundle",
      digest: base.bundle?.determinism.digest,
    });
    const drain = r.bundle?.deterministic.steps["queue-drain"]?.result as Json;
    expect(drain.base_from).toBe("bundle");
    // The live drain measured each side with its own preset in effect.
    const baseDrain = base.bundle?.deterministic.steps["queue-drain"]?.result as Json;
    expect(baseDrain.runs.map((x: Json) => x.candidate.policy)).toEqual(["balanced"]);
    const candidatePreset = (r.bundle?.deterministic.steps.controls?.result as Json | undefined)?.candidate
      .preset;
    expect(candidatePreset).not.toBe("balanced");
    expect(drain.runs.map((x: Json) => x.candidate.policy)).toEqual([candidatePreset]);
    // Conformance would change staging's policy: live, it runs only when the config allows it.
    expect(r.bundle?.deterministic.steps.conformance?.status).toBe("skipped");
    const triggers = ((r.bundle?.deterministic.steps.rollback?.result ?? {}) as Json).triggers as Json[];
    expect(triggers.find((t) => t.id === "RT-DRAIN-REGRESSION")).toMatchObject({ observed: 1, fired: false });
    expect((await verify(join(r.out, "bundle.json"))).exitCode).toBe(0);
  }, 300_000);
});

describe("a busy staging system", () => {
  it("moving queue depths are no drift: the controls compare the policy fields", async () => {
    const origin = new URL(staging.url).origin;
    const twin = (path: string, body: unknown) =>
      fetch(`${origin}/__twin/${path}`, {
        method: "POST",
        headers: {
          authorization: `Basic ${Buffer.from("n:n").toString("base64")}`,
          "content-type": "application/json",
        },
        body: JSON.stringify(body),
      });
    const profile = JSON.parse(readFileSync("fixtures/profiles/bulk-upload-burst.json", "utf8"));
    expect((await twin("profile", { profile, dispatch: "policy" })).ok).toBe(true);
    // The twin's clock moves only when told: move it all through the run, as a busy system's queues move.
    let moving = true;
    const mover = (async () => {
      while (moving) {
        await twin("clock/advance", { seconds: 2 });
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    let r: Awaited<ReturnType<typeof gate>>;
    try {
      r = await run(staging.url, "--only", "controls");
    } finally {
      moving = false;
      await mover;
    }
    const controls = r.bundle?.deterministic.steps.controls;
    expect(controls?.status).toBe("pass");
    const result = (controls?.result ?? {}) as Json;
    expect(result.drift).toEqual([]);
    const depths = (name: string) =>
      (result.snapshots[name].status.queue_states as Json[]).map((q) => q.queued_messages);
    expect(depths("after_revert")).not.toEqual(depths("before"));
  }, 300_000);
});

describe("a base bundle that does not fit is refused: exit 2, one line", () => {
  const refused = async (file: string, url: string, message: RegExp, config = CONFIG) => {
    const r = await gate(["--quick", "--config", config, "--api-url", url, "--base-bundle", file]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.bundle).toBeNull();
  };

  it("one recorded against another URL names both", async () => {
    const other = staging.url.replace("127.0.0.1", "localhost");
    await refused(baseFile(), other, new RegExp(`was recorded against ${staging.url}, not ${other}$`, "m"));
  });

  it("a trailing slash is the same target", async () => {
    // The base was recorded with --quick: one profile, which the candidate must run too.
    const r = await gate([
      "--quick",
      "--only",
      "docs",
      "--config",
      CONFIG,
      "--api-url",
      `${staging.url}/`,
      "--base-bundle",
      baseFile(),
    ]);
    expect(r.stderr).not.toMatch(/base bundle/);
    expect(r.exitCode).toBe(0);
  });

  it("one without a run of a profile the candidate runs", async () => {
    const r = await gate(["--config", CONFIG, "--api-url", staging.url, "--base-bundle", baseFile()]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/has no drain run of steady-mixed \(it ran bulk-upload-burst\)/);
  });

  it("a twin run", async () => {
    const twinRun = join(scratch, "twin-run.json");
    const { determinism: _, ...bundle } = structuredClone(base.bundle) as Json;
    delete bundle.deterministic.gate.live;
    bundle.deterministic.gate.mode = "twin";
    writeFileSync(twinRun, JSON.stringify(sealBundle(bundle as Parameters<typeof sealBundle>[0])));
    await refused(
      twinRun,
      staging.url,
      /twin-run\.json: is not a base recording but a twin run; record one with --record-base$/m,
    );
  });

  it("a live candidate run", async () => {
    const r = await run(staging.url, "--only", "docs");
    await refused(
      join(r.out, "bundle.json"),
      staging.url,
      /is not a base recording but a partial run \(only docs\); record one with --record-base$/m,
    );
  });

  it("a tampered one names what changed", async () => {
    const tampered = join(scratch, "tampered.json");
    const bundle = structuredClone(base.bundle) as Json;
    bundle.deterministic.steps["queue-drain"].result.runs[0].candidate.kpis.drain_seconds = 1;
    writeFileSync(tampered, JSON.stringify(bundle));
    await refused(
      tampered,
      staging.url,
      /does not verify: determinism\.digest does not match the content; changed: deterministic\.steps\.queue-drain\.result\.runs\[0\]\.candidate$/m,
    );
  });

  it("one recorded with another triggers file", async () => {
    const triggers = join(scratch, "triggers.json");
    const spec = JSON.parse(readFileSync("gates/triggers.json", "utf8"));
    spec.triggers[0].threshold = 2;
    writeFileSync(triggers, JSON.stringify(spec));
    const config = join(scratch, "other-triggers.json");
    writeFileSync(config, JSON.stringify({ extends: CONFIG, triggers }));
    await refused(
      baseFile(),
      staging.url,
      /records no digest of .*triggers\.json: recorded with another catalog or triggers file$/m,
      config,
    );
  });

  it("--record-base and --base-bundle need a live target", async () => {
    const r = await gate(["--config", CONFIG, "--record-base"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(
      /--record-base needs a live target: give --api-url URL, or target.kind "api" in the config/,
    );
  });
});

describe("the conformance step against a live target", () => {
  it("runs against the live URL when the config sets conformance.live", async () => {
    const config = join(scratch, "live-conformance.json");
    writeFileSync(config, JSON.stringify({ extends: CONFIG, conformance: { live: true } }));
    const r = await gate(["--quick", "--config", config, "--api-url", staging.url, "--only", "conformance"]);
    expect(r.exitCode).toBe(0);
    const step = r.bundle?.deterministic.steps.conformance;
    expect(step?.status).toBe("pass");
    const result = (step?.result ?? {}) as Json;
    expect(result.target).toEqual({ twin_controls: true, real_clock: false, kind: "live" });
    expect(result.totals).toMatchObject({ pass: 16, fail: 0, skip: 0 });
  }, 300_000);
});
