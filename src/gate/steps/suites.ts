import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { execaInGroup, packagePath, readJsonFile } from "../../common/index.js";
import { configFile } from "../builtin.js";
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

/**
 * The vitest gate suites in gates/: the policy invariants over the candidate catalog, with a fixed seed. They are
 * this package's own, so they run from its install (the Action's checkout), never from the repository under test,
 * which need not have vitest or even Node.
 */
export const suites: GateStep<"suites"> = {
  id: "suites",
  title: "gate suites (policy invariants)",
  async run(ctx) {
    const home = packagePath();
    const vitest = join(home, "node_modules", "vitest", "vitest.mjs");
    if (!existsSync(vitest))
      return errorResult(
        `the gate suites need vitest in throughput-gate's own install (${home}): run npm ci there, with its dev dependencies (the Action does)`,
      );
    const out = join(ctx.out, "gate-suites.json");
    rmSync(out, { force: true });
    const runs = ctx.quick
      ? (ctx.config.invariants?.quick_runs ?? 300)
      : (ctx.config.invariants?.runs ?? 1000);
    const env = {
      GATE_CATALOG: configFile(ctx.root, "catalog", ctx.config.catalog),
      // The name the checks carry: as the config gives it, so it is the same in every checkout.
      GATE_CATALOG_NAME: ctx.config.catalog,
      GATE_RUNS: String(runs),
      GATE_SEED: String(ctx.config.invariants?.seed ?? 20_261_125),
    };
    await execaInGroup(
      process.execPath,
      [
        vitest,
        "run",
        "--config",
        join(home, "gates", "vitest.config.ts"),
        "--reporter=json",
        `--outputFile=${out}`,
      ],
      {
        cwd: home,
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
