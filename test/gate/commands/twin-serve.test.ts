import { execa, type ResultPromise } from "execa";
import { describe, expect, it } from "vitest";
import { builtBin } from "../../cli.js";

const GATE = builtBin("gate/cli.js");
const CTL = builtBin("ctl/main.cjs");

/** Starts `throughput-gate twin serve` and returns the export line it prints, once it has printed it. */
async function serve(): Promise<{ proc: ResultPromise; exportLine: string }> {
  const proc = execa("node", [GATE, "twin", "serve"], { reject: false });
  let printed = "";
  const exportLine = await new Promise<string>((resolve, reject) => {
    proc.stdout?.on("data", (chunk: Buffer) => {
      printed += chunk.toString();
      const match = /^export NEMESIS_API_URL=\S+$/m.exec(printed);
      if (match) resolve(match[0]);
    });
    proc.once("exit", () =>
      reject(new Error(`twin serve exited before printing the export line:\n${printed}`)),
    );
  });
  return { proc, exportLine };
}

/** nemesis-ctl as a user runs it: with only what the shell has, NEMESIS_API_URL included when given. */
const ctl = (argv: string[], apiUrl?: string) =>
  execa("node", [CTL, ...argv], {
    reject: false,
    extendEnv: false,
    env: { PATH: process.env.PATH, NO_COLOR: "1", ...(apiUrl ? { NEMESIS_API_URL: apiUrl } : {}) },
  });

describe("finding the twin", () => {
  it("twin serve prints the one line to paste, and nemesis-ctl reads the twin with it", async () => {
    const { proc, exportLine } = await serve();
    expect(exportLine).toMatch(/^export NEMESIS_API_URL=http:\/\/127\.0\.0\.1:\d+\/api$/);
    const apiUrl = exportLine.slice("export NEMESIS_API_URL=".length);
    const status = await ctl(["throughput", "status"], apiUrl);
    expect(status.stderr).toBe("");
    expect(status.stdout).toMatch(/^policy /);
    proc.kill("SIGTERM");
    expect((await proc).exitCode).toBe(0);

    // The twin is gone now: nothing listens there, and the error says how to point the CLI elsewhere.
    const refused = await ctl(["throughput", "status"], apiUrl);
    expect(refused.exitCode).toBe(5);
    expect(refused.stderr).toMatch(
      /^nemesis-ctl: cannot reach http:\/\/127\.0\.0\.1:\d+: connection refused; set the API base URL with --api-url URL or NEMESIS_API_URL$/,
    );
  });

  it("an unknown host names --api-url and NEMESIS_API_URL", async () => {
    // .invalid never resolves (RFC 6761), so this needs no network and no DNS answer.
    const r = await ctl(["throughput", "status", "--api-url", "http://nemesis.invalid:7443/api"]);
    expect(r.exitCode).toBe(5);
    expect(r.stderr).toBe(
      "nemesis-ctl: cannot reach http://nemesis.invalid:7443: unknown host; set the API base URL with --api-url URL or NEMESIS_API_URL",
    );
  });
});
