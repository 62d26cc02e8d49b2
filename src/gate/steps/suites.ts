import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { readJsonFile } from "../../common/index.js";
import { errorResult, type GateStep, type NoMeasurements, type StepResult } from "./step.js";

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  testResults: { assertionResults: { fullName: string; status: string; failureMessages: string[] }[] }[];
}

export type SuitesResult = StepResult<
  { runs: number; checks: { name: string; pass: boolean }[] },
  NoMeasurements
>;

/** The vitest gate suites in gates/: the policy invariants over the candidate catalog, with a fixed seed. */
export const suites: GateStep<"suites"> = {
  id: "suites",
  title: "gate suites (policy invariants)",
  async run(ctx) {
    const vitest = join(ctx.root, "node_modules", "vitest", "vitest.mjs");
    if (!existsSync(vitest)) return errorResult("vitest is not installed: run npm ci");
    const out = join(ctx.out, "gate-suites.json");
    rmSync(out, { force: true });
    const runs = ctx.quick
      ? (ctx.config.invariants?.quick_runs ?? 300)
      : (ctx.config.invariants?.runs ?? 1000);
    const env = {
      GATE_CATALOG: ctx.config.catalog,
      GATE_RUNS: String(runs),
      GATE_SEED: String(ctx.config.invariants?.seed ?? 20_261_125),
    };
    await execa(
      process.execPath,
      [vitest, "run", "--config", "gates/vitest.config.ts", "--reporter=json", `--outputFile=${out}`],
      {
        cwd: ctx.root,
        env,
        reject: false,
      },
    );
    if (!existsSync(out)) return errorResult("the gate suites wrote no results");
    const report = readJsonFile(out, { what: "vitest report" }) as VitestJson;
    const checks = report.testResults.flatMap((f) =>
      f.assertionResults.map((a) => ({
        name: a.fullName,
        pass: a.status === "passed",
        message:
          a.status === "passed"
            ? "passed"
            : (a.failureMessages[0] ?? a.status).split("\n").slice(0, 3).join(" "),
      })),
    );
    const status = checks.length > 0 && checks.every((c) => c.pass) ? "pass" : "fail";
    return {
      status,
      summary: `${report.numPassedTests} passed, ${report.numFailedTests} failed (${runs} runs per property)`,
      checks,
      deterministic: { runs, checks: checks.map((c) => ({ name: c.name, pass: c.pass })) },
      measured: {},
    };
  },
};
