import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { checkWriteTarget } from "./file-kind.js";
import type { ErrorClass } from "./json-file.js";

export interface AtomicWriteOptions {
  /** Create the target's folder (and its parents) first; by default a missing folder is an error. */
  createDirectory?: boolean;
  /** The new file's permission bits (before the umask), e.g. 0o600 for a private key; 0o666 when absent. */
  mode?: number;
  /** Thrown when the target exists and is not a regular file; `FileKindError` when absent. */
  error?: ErrorClass;
}

/**
 * Writes a whole file or nothing: the data goes to a new temporary file beside the target (the same folder, so the
 * rename never crosses file systems), is flushed to disk, and is renamed over the target. Readers see the old file
 * or the new one, never half of one. On any failure the temporary file is removed and the error is rethrown.
 * A target that exists and is not a regular file (a device, a FIFO, a folder, a symbolic link) is refused before
 * anything is written: the rename would replace it, so `/dev/null` would become a file.
 */
export function writeFileAtomic(
  file: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): void {
  checkWriteTarget(file, options.error);
  if (options.createDirectory) mkdirSync(dirname(file), { recursive: true });
  // A random name opened exclusively: never another writer's temporary file, never a link planted in advance.
  const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  const fd = openSync(temp, "wx", options.mode ?? 0o666);
  let open = true;
  try {
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
    fsyncSync(fd);
    open = false;
    closeSync(fd);
    renameSync(temp, file);
  } catch (err) {
    if (open) closeSync(fd);
    rmSync(temp, { force: true });
    throw err;
  }
}
