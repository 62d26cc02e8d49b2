import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Bundle } from "../../src/evidence/index.js";
import { tempDir } from "../temp-dir.js";
import { CLI } from "./helpers.js";

const root = tempDir("gate-kill");
const out = join(root, "out");

/** Every file under `dir` with the sha256 of its bytes: equal only when the folder holds the very same files. */
function fingerprint(dir: string, prefix = ""): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) Object.assign(files, fingerprint(path, `${prefix}${name}/`));
    else files[`${prefix}${name}`] = createHash("sha256").update(readFileSync(path)).digest("hex");
  }
  return files;
}

const stagingFolders = () => readdirSync(root).filter((name) => name.startsWith(".out.gate-staging-"));

const gate = (...args: string[]) =>
  execa("node", [CLI, "run", "--out", out, ...args], { reject: false, env: { CI: "true" } });

describe("a gate run killed with SIGKILL", () => {
  it("leaves the previous run's folder as it was, and the next run removes what it staged", async () => {
    const previous = await gate("--only", "docs");
    expect(previous.exitCode).toBe(0);
    const before = fingerprint(out);
    expect(Object.keys(before)).toEqual(expect.arrayContaining(["bundle.json", "summary.md", "report.html"]));

    // A whole run, killed (with its children: its own process group) once a step has written into staging.
    const child = spawn(process.execPath, [CLI, "run", "--quick", "--out", out], {
      detached: true,
      stdio: "ignore",
      env: { ...process.env, CI: "true" },
    });
    const exited = new Promise((done) => child.once("exit", done));
    try {
      await until(
        child,
        () => stagingFolders().some((s) => readdirSync(join(root, s)).length > 0),
        60_000,
        "the staging folder filled",
      );
    } finally {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGKILL");
      await exited;
    }
    expect(child.signalCode).toBe("SIGKILL");

    // The previous run, every file of it and nothing else, or no folder at all.
    if (existsSync(out)) expect(fingerprint(out)).toEqual(before);
    expect(stagingFolders()).toHaveLength(1);

    const next = await gate("--only", "docs");
    expect(next.exitCode).toBe(0);
    expect(stagingFolders()).toEqual([]);
    expect(readdirSync(root)).toEqual(["out"]);
    const bundle = JSON.parse(readFileSync(join(out, "bundle.json"), "utf8")) as Bundle;
    expect(bundle.deterministic.verdict.result).toBe("partial");
  }, 120_000);
});

/**
 * A repository whose gate config builds its baseline with a script that, when KILL_TEST_MARK names a file, writes
 * its pid (its process group, as the gate starts it) and its working folder there and then waits: the test knows
 * the run is in the middle of the baseline build without timing anything. Without the variable the build is done
 * at once, and the suite measures nothing slowly.
 */
const repos = tempDir("gate-kill-repo");
const BUILD = [
  'if [ -z "$KILL_TEST_MARK" ]; then exit 0; fi',
  // A grandchild too, as npm → sh → tsc: ending the build must end every process of it.
  "sleep 600 &",
  'printf "%s %s\\n" "$$" "$(pwd)" > "$KILL_TEST_MARK.tmp"',
  'mv "$KILL_TEST_MARK.tmp" "$KILL_TEST_MARK"',
  "wait",
].join("\n");
const MEASURE =
  "require('fs').writeFileSync(process.argv[1], JSON.stringify({results: [{command: 'noop', mean: 1, stddev: 0.1, times: [1, 1.1, 0.9]}]}))";

let repo = "";
const marks: string[] = [];

beforeAll(async () => {
  repo = join(repos, "repo");
  mkdirSync(repo);
  const config = JSON.parse(readFileSync("gates/gate.config.json", "utf8"));
  delete config.$schema;
  Object.assign(config, {
    catalog: "builtin:nemesis",
    triggers: "builtin:nemesis-triggers",
    profiles: ["builtin:bulk-upload-burst", "builtin:steady-mixed"],
    quick_profiles: ["builtin:bulk-upload-burst"],
    benchmark: {
      baseline_ref: "HEAD",
      inconclusive: "warn",
      suites: [
        {
          id: "slow-build",
          command: ["node", "-e", MEASURE, "{out}"],
          format: "hyperfine",
          processes: 1,
          prepare: ["sh", "-c", BUILD],
        },
      ],
    },
  });
  writeFileSync(join(repo, "gate.config.json"), JSON.stringify(config, null, 2));
  const git = (...args: string[]) =>
    execa("git", ["-c", "user.name=t", "-c", "user.email=t@example.invalid", ...args], { cwd: repo });
  await git("init", "-q");
  await git("add", "-A");
  await git("commit", "-qm", "baseline");
  // An uncommitted file: the candidate is not the baseline's tree, so the baseline gets a worktree and a build.
  writeFileSync(join(repo, "candidate.txt"), "changed\n");
});

afterAll(() => {
  // Whatever an assertion left running: never a build waiting ten minutes after the tests.
  for (const mark of marks.filter(existsSync)) {
    try {
      process.kill(-Number(readFileSync(mark, "utf8").split(" ")[0]), "SIGKILL");
    } catch {
      // Gone, as it should be.
    }
  }
});

/** /proc/PID/stat's state and process group, or null once the process is gone. */
function procStat(pid: string): { state: string; pgrp: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { state: fields[0] ?? "", pgrp: Number(fields[2]) };
  } catch {
    return null;
  }
}

const pids = () => readdirSync("/proc").filter((name) => /^\d+$/.test(name));

/**
 * The processes of group `pgid` that still run. An ended process can stay a zombie until init collects it, which
 * some containers' init never does, so `process.kill(-pgid, 0)` is no test of it here.
 */
function liveMembers(pgid: number): string[] {
  return pids().filter((pid) => {
    const stat = procStat(pid);
    return stat !== null && stat.state !== "Z" && stat.pgrp === pgid;
  });
}

/** The processes whose working folder is `dir` or inside it. */
function workingIn(dir: string): string[] {
  return pids().filter((pid) => {
    try {
      const cwd = readlinkSync(`/proc/${pid}/cwd`);
      return cwd === dir || cwd.startsWith(`${dir}/`);
    } catch {
      return false;
    }
  });
}

/** Resolves once `ready()` holds, polling; rejects when the process ends first or after `ms`. */
function until(child: ChildProcess, ready: () => boolean, ms: number, what: string): Promise<void> {
  return new Promise((done, fail) => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (ready()) {
        clearInterval(timer);
        done();
      } else if (child.exitCode !== null || Date.now() - started > ms) {
        clearInterval(timer);
        fail(new Error(`the gate ${child.exitCode === null ? "took too long" : "ended"} before ${what}`));
      }
    }, 25);
  });
}

interface Building {
  child: ChildProcess;
  exited: Promise<void>;
  stderr: () => string;
  /** The build's process group and the baseline worktree it runs in. */
  pgid: number;
  worktree: string;
  out: string;
}

/** A gate run of the benchmark step, once it is in the middle of the baseline build. */
async function duringTheBuild(name: string): Promise<Building> {
  const mark = join(repos, `${name}.mark`);
  marks.push(mark);
  const out = join(repos, `${name}-out`);
  const child = spawn(
    process.execPath,
    [CLI, "run", "--only", "benchmark", "--config", join(repo, "gate.config.json"), "--out", out],
    {
      cwd: repo,
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, CI: "true", GITHUB_BASE_REF: "", GATE_BASELINE_REF: "", KILL_TEST_MARK: mark },
    },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const exited = new Promise<void>((done) => child.once("close", () => done()));
  await until(child, () => existsSync(mark), 120_000, "the baseline build started");
  const [pgid, worktree] = readFileSync(mark, "utf8").trim().split(" ");
  // The gate records a group just after starting it, while the build may already be running: wait for both.
  await until(child, () => recorded(child.pid, Number(pgid)), 120_000, "the build's group was recorded");
  return { child, exited, stderr: () => stderr, pgid: Number(pgid), worktree: worktree ?? "", out };
}

const ledgerOf = (pid: number | undefined) => join(tmpdir(), `throughput-gate-groups-${pid}`);

/** Whether the ledger of the run `pid` names the group `pgid`. */
function recorded(pid: number | undefined, pgid: number): boolean {
  try {
    return readFileSync(ledgerOf(pid), "utf8")
      .split("\n")
      .some((line) => line.startsWith(`${pgid} `));
  } catch {
    return false;
  }
}

/** What the processes are, and where they run, is read from /proc. */
const onLinux = existsSync("/proc/self/stat");

describe.runIf(onLinux)("a gate run stopped by a signal during the baseline build", () => {
  it.each([
    ["SIGTERM", 143],
    ["SIGINT", 130],
  ] as const)(
    "%s: ends the build's whole process group, removes the worktree, exits %i with one line",
    async (signal, code) => {
      const run = await duringTheBuild(signal);
      expect(run.worktree).toContain("tg-baseline-");
      expect(liveMembers(run.pgid).length).toBeGreaterThanOrEqual(2);
      expect(workingIn(run.worktree).length).toBeGreaterThanOrEqual(2);

      run.child.kill(signal);
      await run.exited;

      expect(run.child.exitCode).toBe(code);
      const stopped = run
        .stderr()
        .split("\n")
        .filter((line) => line.includes("stopped by"));
      expect(stopped).toEqual([`gate: stopped by ${signal}; ended 1 child process`]);
      expect(run.stderr()).not.toMatch(/\n\s+at /);
      expect(liveMembers(run.pgid)).toEqual([]);
      expect(workingIn(run.worktree)).toEqual([]);
      expect(existsSync(run.worktree)).toBe(false);
      expect((await execa("git", ["worktree", "list"], { cwd: repo })).stdout).not.toContain(run.worktree);
      // Nothing of the run is left: no evidence, no staging folder beside it, no ledger of its children.
      expect(readdirSync(repos).filter((name) => name.includes(`${signal}-out`))).toEqual([]);
      expect(existsSync(ledgerOf(run.child.pid))).toBe(false);
    },
    180_000,
  );
});

describe.runIf(onLinux)("a gate run killed with SIGKILL during the baseline build", () => {
  it("leaves the build running, and the next run ends it, removes the stale worktree and succeeds", async () => {
    const run = await duringTheBuild("SIGKILL");
    run.child.kill("SIGKILL");
    await run.exited;
    expect(run.child.signalCode).toBe("SIGKILL");
    // What a killed run cannot help: its build goes on in the worktree, and the run's ledger names its group.
    expect(liveMembers(run.pgid).length).toBeGreaterThanOrEqual(2);
    expect(existsSync(run.worktree)).toBe(true);
    expect(recorded(run.child.pid, run.pgid)).toBe(true);

    const next = await execa(
      "node",
      [CLI, "run", "--only", "benchmark", "--config", join(repo, "gate.config.json"), "--out", run.out],
      { cwd: repo, reject: false, env: { CI: "true", GITHUB_BASE_REF: "", GATE_BASELINE_REF: "" } },
    );
    expect(next.stderr).not.toMatch(/ENOTEMPTY|\n\s+at /);
    expect(next.exitCode).toBe(0);
    expect(liveMembers(run.pgid)).toEqual([]);
    expect(workingIn(run.worktree)).toEqual([]);
    expect(existsSync(run.worktree)).toBe(false);
    expect(existsSync(ledgerOf(run.child.pid))).toBe(false);
    expect(readdirSync(tmpdir()).filter((name) => name.startsWith(`tg-baseline-${run.child.pid}-`))).toEqual(
      [],
    );
    expect(readdirSync(repos).filter((name) => name.includes("gate-staging"))).toEqual([]);
    const bundle = JSON.parse(readFileSync(join(run.out, "bundle.json"), "utf8")) as Bundle;
    expect(bundle.deterministic.verdict.result).toBe("partial");
  }, 180_000);
});
