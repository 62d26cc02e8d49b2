import { CliError } from "../cli/index.js";
import type { ExitCode } from "./spec.js";

export { UsageError } from "../cli/index.js";

/** An error for the operator: one line, with the exit code it maps to (the API's answer, not the input's fault). */
export class CtlError extends CliError {
  constructor(
    message: string,
    override readonly exitCode: ExitCode,
  ) {
    super(message, exitCode);
  }
}
