import { DEFAULT_LOCATION, PROCESS_LOCATIONS } from "../../bench/index.js";
import { REPORT_OPTIONS } from "../bench-options.js";
import { command } from "../command.js";

export const benchCompare = command({
  name: "bench compare",
  summary:
    "Compare results (ours, tinybench, pytest-benchmark, hyperfine), one run or many per side. Exit 0 ok, 1 regressed, 2 bad input.",
  args: [
    {
      name: "baseline",
      value: "text",
      required: false,
      description: "one result file or a saved baseline's name (or use --baseline)",
    },
    {
      name: "candidate",
      value: "text",
      required: false,
      description: "one result file or a saved baseline's name (or use --candidate)",
    },
  ],
  options: [
    {
      name: "baseline",
      value: "text",
      many: true,
      placeholder: "PATH",
      requires: ["candidate"],
      description: "baseline runs: files, folders (a pytest-benchmark storage folder too) or globs",
    },
    {
      name: "candidate",
      value: "text",
      many: true,
      placeholder: "PATH",
      requires: ["baseline"],
      description: "candidate runs, as for --baseline",
    },
    {
      name: "baseline-name",
      value: "name",
      placeholder: "NAME",
      description: "keep the baseline runs saved under NAME (--benchmark-save=NAME)",
    },
    {
      name: "candidate-name",
      value: "name",
      placeholder: "NAME",
      description: "keep the candidate runs saved under NAME",
    },
    {
      name: "baseline-last",
      value: "count",
      placeholder: "N",
      description: "keep only the newest N baseline runs: a history of main-branch runs",
    },
    {
      name: "location",
      value: "text",
      choices: PROCESS_LOCATIONS,
      default: DEFAULT_LOCATION,
      description: "the number that stands for one run",
    },
    ...REPORT_OPTIONS,
    { name: "allow-env-mismatch", description: "compare results from different environments" },
  ],
  async run({ args, options }) {
    const { compareRuns, PROCESS_STATS } = await import("../../bench/index.js");
    const { printReport, statsOf } = await import("../bench-report.js");
    // Errors quote the input (file names, patterns, benchmark names, a git ref): shown inert, whatever they hold.
    const { withTerminalSafeErrors } = await import("../terminal-safe.js");
    const { comparedSides } = await import("../bench-sides.js");
    return withTerminalSafeErrors(async () => {
      const [baseline, candidate] = comparedSides(args, options);
      const stats = { ...statsOf(options, PROCESS_STATS), location: options.location };
      const report = compareRuns(baseline, candidate, stats, options["allow-env-mismatch"] === true);
      return printReport(report, options);
    });
  },
});
