import { readRegularFile } from "./file-kind.js";

/** The error a caller wants thrown, so each part keeps its own user-facing error type. */
export type ErrorClass = new (message: string) => Error;

export interface JsonFileOptions {
  /** What the file is, for the message ("the gate config"); "file" when absent. */
  what?: string;
  /** Thrown for an unreadable file or invalid JSON; `Error` when absent. */
  error?: ErrorClass;
  /** The size limit in bytes; 16 MB (MAX_INPUT_BYTES) when absent. */
  maxBytes?: number;
}

/**
 * Reads and parses a JSON file: a regular file (a link to one is followed) of at most 16 MB, so a device or FIFO
 * never hangs the read nor fills memory. Every failure is one error naming the file and the reason:
 * `FILE: cannot read the WHAT (ENOENT)`, `FILE: cannot read the WHAT (a directory, not a regular file)`,
 * `FILE: cannot read the WHAT (larger than the 16 MB limit)` or `FILE: the WHAT is not valid JSON: ...`
 * (`cannot read file (...)` and `not valid JSON: ...` when no `what` is given).
 */
export function readJsonFile(file: string, options: JsonFileOptions = {}): unknown {
  const Failure = options.error ?? Error;
  const what = options.what;
  const text = readRegularFile(file, { what, error: Failure, maxBytes: options.maxBytes }).toString("utf8");
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Failure(
      `${file}: ${what ? `the ${what} is not` : "not"} valid JSON: ${(err as Error).message}`,
    );
  }
}
