import { EXIT, type ExitCode } from "./spec.js";

/** An error for the operator: one line, with the exit code it maps to. */
export class CtlError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = "CtlError";
  }
}

export class UsageError extends CtlError {
  constructor(message: string) {
    super(message, EXIT.usage);
    this.name = "UsageError";
  }
}
