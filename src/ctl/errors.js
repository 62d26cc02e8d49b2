import { EXIT } from "./spec.js";
/** An error for the operator: one line, with the exit code it maps to. */
export class CtlError extends Error {
  exitCode;
  constructor(message, exitCode) {
    super(message);
    this.exitCode = exitCode;
    this.name = "CtlError";
  }
}
export class UsageError extends CtlError {
  constructor(message) {
    super(message, EXIT.usage);
    this.name = "UsageError";
  }
}
