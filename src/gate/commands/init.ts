import { command } from "../command.js";

export const DEFAULT_CONFIG = ".github/throughput-gate.config.json";

export const init = command({
  name: "init",
  summary:
    "In the repository the gate guards: write its gate config, docs contract and workflow, a suite for each pytest-benchmark file, and an ignore line for the evidence. Never overwrites without --force.",
  args: [],
  options: [
    {
      name: "config",
      value: "file",
      placeholder: "FILE",
      default: DEFAULT_CONFIG,
      description: "where the gate config goes, relative to the repository's root",
    },
    {
      name: "action",
      value: "text",
      placeholder: "REF",
      default: "throughput-gate/throughput-gate@v0",
      description: "the Action the workflow uses",
    },
    { name: "force", description: "replace files that already exist" },
  ],
  async run({ options }) {
    const { planInit, writeInit } = await import("../init.js");
    const plan = planInit({
      cwd: process.cwd(),
      config: String(options.config),
      force: options.force === true,
      action: String(options.action),
    });
    const written = writeInit(plan, options.force === true);
    for (const file of written) process.stdout.write(`wrote ${file}\n`);
    const config = String(options.config);
    const runLine =
      config === DEFAULT_CONFIG ? "throughput-gate run" : `throughput-gate run --config ${config}`;
    process.stdout.write(
      `${plan.suites.length} benchmark suite(s), counted in instructions: ${plan.suites.join(", ")}\nnext: commit them, then run the gate: ${runLine}\n`,
    );
    return 0;
  },
});
