import { errorMessage } from "./errors.js";
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
 * Whether a parsed JSON value is an object (not null, not an array), whose fields are then read as `unknown` and
 * checked one by one.
 */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
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
      `${file}: ${what ? `the ${what} is not` : "not"} valid JSON: ${jsonSyntaxError(text, err)}`,
    );
  }
}

/**
 * Why `text` is not JSON and where: "unexpected character at line 3, column 7". The parser's own message quotes
 * the text around the error, and the text may be any file a config points at (/etc/shadow included), so only its
 * wording of the syntax is kept, never a byte of the file.
 */
export function jsonSyntaxError(text: string, err: unknown): string {
  const message = errorMessage(err);
  const at = /(?: in JSON)? at position (\d+)/.exec(message);
  const position = at ? Number(at[1]) : firstErrorAt(text);
  // "Unexpected token 'r', "root:x:0:..." is not valid JSON" quotes the file; the other wordings quote only syntax.
  const ownWords = at && !message.startsWith("Unexpected token") && !message.slice(0, at.index).includes('"');
  const reason = ownWords
    ? message.slice(0, at.index)
    : position >= text.length
      ? "unexpected end of input"
      : "unexpected character";
  return `${reason.charAt(0).toLowerCase()}${reason.slice(1)} at ${lineAndColumn(text, position)}`;
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split("\n").length;
  return `line ${line}, column ${position - before.lastIndexOf("\n")}`;
}

/**
 * Where the first character that no JSON document may continue with is, when the parser's message does not say:
 * the shortest prefix that fails for another reason than its end. Every longer prefix fails too, so a binary search
 * finds it in a few dozen parses, whatever the file's size.
 */
function firstErrorAt(text: string): number {
  if (!failsBeforeItsEnd(text, text.length)) return text.length;
  let low = 1;
  let high = text.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (failsBeforeItsEnd(text, mid)) high = mid;
    else low = mid + 1;
  }
  return low - 1;
}

function failsBeforeItsEnd(text: string, length: number): boolean {
  try {
    JSON.parse(text.slice(0, length));
    return false;
  } catch (err) {
    const message = errorMessage(err);
    if (message.startsWith("Unexpected end")) return false;
    const at = / at position (\d+)/.exec(message);
    return !at || Number(at[1]) < length;
  }
}
