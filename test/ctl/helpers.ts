import { execa } from "execa";
import type { Twin } from "../../src/twin/index.js";
import { builtBin } from "../cli.js";

export { advance, call, POLICY, twin } from "../twin/helpers.js";

const CTL = builtBin("ctl/main.cjs");

export interface CtlResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs the built nemesis-ctl as a subprocess, pointed at the twin through its environment variable. */
export async function ctl(
  t: Twin | null,
  args: string[],
  env: Record<string, string> = {},
): Promise<CtlResult> {
  const result = await execa("node", [CTL, ...args], {
    reject: false,
    env: { NEMESIS_API_URL: t?.url ?? "http://127.0.0.1:9/api", NO_COLOR: "1", ...env },
    extendEnv: false,
    timeout: 20_000,
  });
  return { exitCode: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export const tp = (...args: string[]) => ["throughput", ...args];
