/**
 * What the bench commands declare alike: where saved baselines live and the options of every command that prints
 * a comparison. Data only, so declaring the commands loads none of the measuring code.
 */

import { DEFAULT_STATS, REPORT_FORMATS } from "../bench/index.js";
import type { OptionSpec } from "../cli/index.js";

export const BASELINE_DIR = "gates/bench/baselines";

/** The options every report-printing bench command shares. */
export const REPORT_OPTIONS = [
  {
    name: "format",
    value: "text",
    choices: REPORT_FORMATS,
    default: "text",
    description: "how to print the report",
  },
  {
    name: "inconclusive",
    value: "text",
    choices: ["fail", "warn"],
    default: "fail",
    description:
      "what an inconclusive verdict does to the exit code: fail exits 1, warn reports it and exits 0 when nothing regressed",
  },
  {
    name: "min-effect",
    value: "fraction",
    placeholder: "F",
    default: String(DEFAULT_STATS.minEffect),
    description: "the smallest relative change that counts",
  },
] as const satisfies readonly OptionSpec[];
