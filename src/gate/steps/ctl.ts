import { tmpdir } from "node:os";
import { join } from "node:path";
import { execaInGroup, packagePath, readJsonFile } from "../../common/index.js";

const CTL = packagePath("dist/ctl/main.cjs");

/** A config folder with no nemesis-ctl config in it, and no context chosen. */
const OPERATOR_CONTEXT_OFF = {
  XDG_CONFIG_HOME: join(tmpdir(), "throughput-gate-without-ctl-config"),
  NEMESIS_CONTEXT: undefined,
};

export interface CtlRun {
  argv: string[];
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** nemesis-ctl as a real subprocess, the way an operator runs it, pointed at the gate's target. */
export async function ctl(apiUrl: string, argv: string[]): Promise<CtlRun> {
  const r = await execaInGroup(process.execPath, [CTL, ...argv], {
    reject: false,
    // The gate's target, not the operator's: no named context from their nemesis-ctl config may fill in a user.
    env: { ...OPERATOR_CONTEXT_OFF, NEMESIS_API_URL: apiUrl, NO_COLOR: "1" },
    timeout: 30_000,
  });
  return { argv, exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** A snapshot taken with `nemesis-ctl throughput snapshot`, read back. */
export async function snapshot(
  apiUrl: string,
  dir: string,
  name: string,
): Promise<{ run: CtlRun; doc: Record<string, unknown> | null }> {
  const file = join(dir, `status-${name}.json`);
  const run = await ctl(apiUrl, ["throughput", "snapshot", "--out", file]);
  if (run.exitCode !== 0) return { run, doc: null };
  return { run, doc: readJsonFile(file, { what: "snapshot" }) as Record<string, unknown> };
}

/** The operator's command line, quoted as it would be typed. */
export function commandLine(argv: readonly string[]): string {
  return [
    "nemesis-ctl",
    ...argv.map((a) => (/^[\w./:=-]+$/.test(a) ? a : `"${a.replace(/"/g, '\\"')}"`)),
  ].join(" ");
}

/** The nemesis-ctl call that applies the candidate: an override when it has a TTL, else a base preset. */
export function applyCandidateArgv(
  candidate: { preset: string; ttl_seconds?: number; reason: string },
  replace = false,
): string[] {
  if (!candidate.ttl_seconds) return ["throughput", "set", candidate.preset, "--reason", candidate.reason];
  const argv = [
    "throughput",
    "override",
    candidate.preset,
    "--ttl",
    `${candidate.ttl_seconds}s`,
    "--reason",
    candidate.reason,
  ];
  return replace ? [...argv, "--replace"] : argv;
}
