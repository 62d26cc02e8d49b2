import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { runGate } from "../run.js";
import { STEP_IDS, type StepId } from "../steps/index.js";
import { type GateCommand, UsageError } from "./command.js";

export const run: GateCommand = {
  path: ["run"],
  usage:
    "throughput-gate run [--config gates/gate.config.json] [--quick] [--only STEP] [--api-url URL] [--out evidence/out] [--format intoto]",
  summary:
    "The acceptance gate: every step, the verdict, and the evidence bundle. Exit 0 pass, 1 fail, 2 usage or config error.",
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        config: { type: "string" },
        quick: { type: "boolean" },
        only: { type: "string" },
        "api-url": { type: "string" },
        out: { type: "string" },
        format: { type: "string" },
      },
      strict: true,
    });
    if (values.only !== undefined && !STEP_IDS.includes(values.only as StepId)) {
      throw new UsageError(`--only must be one of ${STEP_IDS.join(", ")}, got "${values.only}"`);
    }
    if (values.format !== undefined && values.format !== "intoto")
      throw new UsageError(`--format takes intoto, got "${values.format}"`);
    if (values["api-url"] !== undefined && !/^https?:\/\//.test(values["api-url"])) {
      throw new UsageError(`--api-url must be an http:// or https:// URL, got "${values["api-url"]}"`);
    }
    const root = process.cwd();
    const out = resolve(root, values.out ?? "evidence/out");
    const { bundle, exitCode } = await runGate({
      configPath: resolve(root, values.config ?? "gates/gate.config.json"),
      quick: values.quick === true,
      only: values.only as StepId | undefined,
      apiUrl: values["api-url"],
      out,
      intoto: values.format === "intoto",
      root,
      log: (line) => process.stderr.write(`gate: ${line}\n`),
    });
    const v = bundle.deterministic.verdict;
    for (const reason of v.reasons) process.stdout.write(`  - ${reason}\n`);
    const commands = (bundle.deterministic.steps.rollback?.result.revert_commands ?? []) as string[];
    if (v.triggers_fired.length)
      process.stdout.write(`revert with:\n${commands.map((c) => `  ${c}`).join("\n")}\n`);
    process.stdout.write(
      `gate: ${v.result.toUpperCase()} (digest ${bundle.determinism.digest}); evidence in ${out}\n`,
    );
    return exitCode;
  },
};
