import { throwawayInstall } from "../install.js";
import { runToEnd, tail } from "../process.js";
import { dreddViolations, stripAnsi } from "../verdict.js";
import type { ConformTool } from "./tool.js";

/**
 * Dredd reads the contract and sends one request per documented response itself, with no hooks: it is the
 * "contract alone" tester. Its OpenAPI 3 support stops at 3.0; on our 3.1 contract it warns and goes on.
 */
const VERSION = "14.1.0";
let binPath = "";

export const dredd: ConformTool = {
  name: "dredd",
  async prepare(ctx) {
    const installed = await throwawayInstall(ctx.cacheDir, "dredd", VERSION, "dredd");
    if ("error" in installed) return { runnable: false, version: VERSION, reason: installed.error };
    binPath = installed.binPath;
    const probe = await runToEnd(binPath, ["--version"], { cwd: ctx.repoRoot, timeoutMs: 60_000 });
    if (probe.exitCode !== 0) {
      return {
        runnable: false,
        version: VERSION,
        reason: `dredd --version exited ${probe.exitCode}: ${tail(probe.output)}`,
      };
    }
    return { runnable: true, version: /dredd v(\S+)/.exec(probe.output)?.[1] ?? VERSION };
  },
  async run(twin, ctx) {
    const ran = await runToEnd(
      binPath,
      [ctx.contractFile, twin.apiUrl, "--user", `${ctx.user}:${ctx.password}`, "--color", "false"],
      { cwd: ctx.repoRoot, timeoutMs: 300_000 },
    );
    const output = stripAnsi(ran.output);
    const summary = /complete: .*/.exec(output)?.[0] ?? null;
    const violations = dreddViolations(output);
    // Dredd exits 1 on failed tests; any other failure to run leaves no failed-tests section to read.
    if (ran.exitCode !== 0 && violations.length === 0) {
      throw new Error(`dredd exited ${ran.exitCode} without test results: ${tail(output)}`);
    }
    return {
      violations,
      raw: {
        exit_code: ran.exitCode,
        summary,
        parser_warnings: output.split("\n").filter((l) => l.includes("API description parser warning"))
          .length,
      },
    };
  },
};
