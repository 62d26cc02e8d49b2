import { mkdtempSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runToEnd, tail } from "../process.js";
import { type ConformReport, conformViolations } from "../verdict.js";
import type { ConformTool } from "./tool.js";

/**
 * Our own `throughput-gate conform`, run from the build. Until the command exists (or takes the flag) the entry is
 * skipped with the CLI's own refusal as the reason.
 */
/** The CLI's refusal without the list of commands that follows it. */
const firstLine = (output: string): string => output.trim().split("\n")[0]?.split("; commands:")[0] ?? "";

export function conformTool(name: string, extraArgs: readonly string[]): ConformTool {
  return {
    name,
    async prepare(ctx) {
      const help = await runToEnd(process.execPath, ["dist/gate/cli.js", "conform", "--help"], {
        cwd: ctx.repoRoot,
        timeoutMs: 60_000,
      });
      if (help.exitCode !== 0) {
        return {
          runnable: false,
          version: null,
          reason: `conform --help exited ${help.exitCode}: ${firstLine(help.output)}`,
        };
      }
      const missing = extraArgs.filter((flag) => flag.startsWith("--") && !help.output.includes(flag));
      if (missing.length > 0) {
        return {
          runnable: false,
          version: null,
          reason: `throughput-gate conform takes no ${missing.join(", ")} yet`,
        };
      }
      return { runnable: true, version: "(this build)" };
    },
    async run(twin, ctx) {
      const report = join(mkdtempSync(join(ctx.workDir, "conform-")), "report.json");
      const ran = await runToEnd(
        process.execPath,
        ["dist/gate/cli.js", "conform", "--api-url", twin.apiUrl, ...extraArgs, "--json", report],
        { cwd: ctx.repoRoot, timeoutMs: 600_000 },
      );
      if (ran.exitCode !== 0 && ran.exitCode !== 1) {
        throw new Error(`conform exited ${ran.exitCode}: ${tail(ran.output)}`);
      }
      let parsed: ConformReport | undefined;
      try {
        parsed = JSON.parse(readFileSync(report, "utf8")) as ConformReport;
      } catch {
        parsed = undefined;
      }
      return { violations: conformViolations(ran.exitCode, parsed), raw: { exit_code: ran.exitCode } };
    },
  };
}

export const conform = conformTool("conform", []);
