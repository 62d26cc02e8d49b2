/** How the bench commands print a comparison and turn its verdict into an exit code. */
import {
  type CompareReport,
  exitCodeFor,
  formatReport,
  type InconclusivePolicy,
  type ReportFormat,
  type StatsOptions,
  verdictLine,
} from "../bench/index.js";
import { escapeForTerminal } from "../common/index.js";

/** The options every comparison reads, as their declarations type them. */
export interface ReportChoices {
  readonly format: ReportFormat;
  readonly inconclusive: InconclusivePolicy;
  readonly "min-effect": number;
}

export const statsOf = (options: ReportChoices, base: StatsOptions): StatsOptions => ({
  ...base,
  minEffect: options["min-effect"],
});

/**
 * The report, then one line with the verdict and the reason for the exit code. A machine-readable format keeps
 * stdout to itself, so the line goes to stderr there. The flag alone decides the policy: the same command gives
 * the same answer in any folder.
 */
export function printReport(report: CompareReport, options: ReportChoices): 0 | 1 {
  process.stdout.write(formatReport(report, options.format));
  const line = `${escapeForTerminal(verdictLine(report, options.inconclusive))}\n`;
  if (options.format === "text") process.stdout.write(line);
  else process.stderr.write(line);
  return exitCodeFor(report, options.inconclusive);
}
