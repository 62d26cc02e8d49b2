import { REPORT_OPTIONS } from "../bench-options.js";
import { command } from "../command.js";

export const benchAb = command({
  name: "bench ab",
  summary:
    "Build GIT_REF in a temporary worktree and run it against the working copy, interleaved in one process.",
  args: [],
  options: [
    {
      name: "baseline-ref",
      value: "text",
      placeholder: "GIT_REF",
      required: true,
      description: "the baseline to build",
    },
    { name: "rounds", value: "number", placeholder: "N", default: "10", description: "interleaved rounds" },
    {
      name: "round-time",
      value: "number",
      placeholder: "MS",
      default: "100",
      description: "milliseconds per round",
    },
    {
      name: "budget",
      value: "number",
      placeholder: "S",
      default: "30",
      description: "rerun inconclusive results until this many seconds have gone",
    },
    ...REPORT_OPTIONS,
  ],
  async run({ options }) {
    const { DEFAULT_STATS, progressOn, runAb } = await import("../../bench/index.js");
    const { printReport, statsOf } = await import("../bench-report.js");
    // Errors quote the input (file names, patterns, benchmark names, a git ref): shown inert, whatever they hold.
    const { withTerminalSafeErrors } = await import("../terminal-safe.js");
    return withTerminalSafeErrors(async () => {
      const report = await runAb({
        repoRoot: process.cwd(),
        baselineRef: options["baseline-ref"],
        rounds: options.rounds,
        roundTimeMs: options["round-time"],
        budgetSeconds: options.budget,
        stats: statsOf(options, DEFAULT_STATS),
        progress: progressOn(process.stderr),
      });
      return printReport(report, options);
    });
  },
});
