import { readFileSync } from "node:fs";

/** The error a caller wants thrown, so each part keeps its own user-facing error type. */
export type ErrorClass = new (message: string) => Error;

export interface JsonFileOptions {
  /** What the file is, for the message ("the gate config"); "file" when absent. */
  what?: string;
  /** Thrown for an unreadable file or invalid JSON; `Error` when absent. */
  error?: ErrorClass;
}

/**
 * Reads and parses a JSON file. Every failure is one error naming the file and the reason:
 * `FILE: cannot read the WHAT (ENOENT)` or `FILE: the WHAT is not valid JSON: ...`
 * (`cannot read file (ENOENT)` and `not valid JSON: ...` when no `what` is given).
 */
export function readJsonFile(file: string, options: JsonFileOptions = {}): unknown {
  const Failure = options.error ?? Error;
  const what = options.what;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "error";
    throw new Failure(`${file}: cannot read ${what ? `the ${what}` : "file"} (${code})`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Failure(
      `${file}: ${what ? `the ${what} is not` : "not"} valid JSON: ${(err as Error).message}`,
    );
  }
}
