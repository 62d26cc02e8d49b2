import { writeFileAtomic } from "../common/index.js";

/** A temporary file beside the target, then a rename: readers see the old file or the new one, never half of one. */
export function writeAtomically(file: string, text: string): void {
  writeFileAtomic(file, text, { createDirectory: true });
}
