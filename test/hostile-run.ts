import { existsSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { expect } from "vitest";

/** The most memory one CLI run on a hostile input may take: the hardening issue's bound. */
export const MAX_RSS_MB = 256;

const PRELOAD = fileURLToPath(new URL("./max-rss-preload.mjs", import.meta.url));
let runs = 0;

export interface HostileRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** The CLI process's peak resident set size. */
  maxRssMb: number;
}

export interface HostileRunOptions {
  env?: Record<string, string>;
  cwd?: string;
  /** Pass only `env` (and PATH), not the test's environment. */
  extendEnv?: boolean;
  timeoutMs?: number;
}

/**
 * Runs a built CLI as users do, with a preload that reports the process's peak RSS, and checks what every hostile
 * row must hold: it ended (no timeout, no signal), printed no stack trace and stayed within MAX_RSS_MB.
 */
export async function runHostile(
  bin: string,
  args: readonly string[],
  options: HostileRunOptions = {},
): Promise<HostileRun> {
  runs += 1;
  const rssFile = join(tmpdir(), `hostile-rss-${process.pid}-${runs}`);
  const extendEnv = options.extendEnv ?? true;
  try {
    const r = await execa("node", ["--import", PRELOAD, bin, ...args], {
      reject: false,
      cwd: options.cwd,
      timeout: options.timeoutMs ?? 20_000,
      extendEnv,
      env: {
        NO_COLOR: "1",
        ...(extendEnv ? {} : { PATH: process.env.PATH ?? "" }),
        ...options.env,
        HOSTILE_RSS_FILE: rssFile,
      },
    });
    expect(r.timedOut, `${args.join(" ")} timed out`).toBe(false);
    const stdout = String(r.stdout);
    const stderr = String(r.stderr);
    expect(`${stdout}\n${stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+\)?$/m);
    expect(existsSync(rssFile), `${args.join(" ")} reported no peak RSS`).toBe(true);
    const maxRssMb = Number(readFileSync(rssFile, "utf8")) / 1024;
    expect(maxRssMb).toBeLessThanOrEqual(MAX_RSS_MB);
    return { exitCode: r.exitCode ?? -1, stdout, stderr, maxRssMb };
  } finally {
    rmSync(rssFile, { force: true });
  }
}
