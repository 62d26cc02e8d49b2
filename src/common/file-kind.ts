import { closeSync, fstatSync, lstatSync, openSync, readSync, type Stats, statSync } from "node:fs";
import { errnoCode } from "./errors.js";
import type { ErrorClass } from "./json-file.js";

/** The most any tool reads of one input file: a JSON document, a runbook, a bundle. Never a stream without end. */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

/**
 * A path the user named is not the kind of file the tool reads or replaces (a device, a FIFO, a folder, a link, a
 * file over the size limit). The CLIs report it as their usage error, exit 2.
 */
export class FileKindError extends Error {
  override name = "FileKindError";
  /** A file the user named is a device, a FIFO, a folder or a link where a regular file belongs: theirs to fix. */
  readonly exitCode = 2;
}

/** What a non-regular file is, in words: "a directory", "a FIFO", "a character device"... */
export function fileKind(stats: Stats): string {
  if (stats.isFile()) return "a regular file";
  if (stats.isDirectory()) return "a directory";
  if (stats.isSymbolicLink()) return "a symbolic link";
  if (stats.isFIFO()) return "a FIFO";
  if (stats.isCharacterDevice()) return "a character device";
  if (stats.isBlockDevice()) return "a block device";
  if (stats.isSocket()) return "a socket";
  return "not a regular file";
}

/**
 * Refuses a write target that exists and is not a regular file. A symbolic link is refused whatever it points at:
 * the rename would replace the link itself, and following it would let a link planted beside the target redirect
 * the write (to /dev/null, or another user's file). A missing target is fine.
 */
export function checkWriteTarget(file: string, error: ErrorClass = FileKindError): void {
  let stats: Stats;
  try {
    stats = lstatSync(file);
  } catch (err) {
    if (errnoCode(err) === "ENOENT") return;
    throw err;
  }
  if (!stats.isFile())
    throw new error(`${file}: refusing to write over ${fileKind(stats)}; give the path of a regular file`);
}

export interface RegularFileOptions {
  /** What the file is, for the message ("the gate config"); "file" when absent. */
  what?: string;
  /** Thrown when the file is missing, unreadable, not a regular file, or too large; `FileKindError` when absent. */
  error?: ErrorClass;
  /** The size limit in bytes; MAX_INPUT_BYTES when absent. */
  maxBytes?: number;
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 100) / 100} MB`;

/**
 * The bytes of a regular file (a link to one is followed) of at most `maxBytes`. A device, FIFO or folder is
 * refused before it is opened, and no more than the limit is ever read, so `/dev/zero` can neither hang a read nor
 * fill memory. Every failure is one error naming the file.
 */
export function readRegularFile(file: string, options: RegularFileOptions = {}): Buffer {
  const Failure = options.error ?? FileKindError;
  const what = options.what ? `the ${options.what}` : "file";
  const max = options.maxBytes ?? MAX_INPUT_BYTES;
  const refuse = (why: string) => new Failure(`${file}: cannot read ${what} (${why})`);
  const code = (err: unknown) => errnoCode(err) ?? "error";
  let stats: Stats;
  try {
    stats = statSync(file);
  } catch (err) {
    throw refuse(code(err));
  }
  if (!stats.isFile()) throw refuse(`${fileKind(stats)}, not a regular file`);
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (err) {
    throw refuse(code(err));
  }
  try {
    // The size once more on the open file: it may have been swapped since the check above.
    stats = fstatSync(fd);
    if (!stats.isFile()) throw refuse(`${fileKind(stats)}, not a regular file`);
    if (stats.size > max) throw refuse(`larger than the ${megabytes(max)} limit`);
    const buffer = Buffer.alloc(stats.size);
    let done = 0;
    while (done < stats.size) {
      const n = readSync(fd, buffer, done, stats.size - done, null);
      if (n === 0) break;
      done += n;
    }
    return buffer.subarray(0, done);
  } finally {
    closeSync(fd);
  }
}
