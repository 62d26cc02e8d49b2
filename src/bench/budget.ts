import { statSync } from "node:fs";
import { BenchInputError } from "./input-error.js";

/**
 * The most bytes the result files of one compare (both sides together) may hold. Each file is also held to 16 MB
 * (MAX_INPUT_BYTES); without a total, sixteen files of 13 MB took 2.4 GB.
 */
export const MAX_COMPARE_BYTES = 32 * 1024 * 1024;

/**
 * The most JSON values (see `jsonValues`) the result files of one compare may hold. What a parse takes in memory
 * goes by values, not bytes: `[{},{},…]` takes some thirty times its size, so bytes alone cannot bound it.
 */
export const MAX_COMPARE_VALUES = 1_000_000;

/**
 * The most benchmarks one side may name. A compare keeps a comparison and a bootstrap per benchmark: 20,000 a side
 * peaked near 230 MB with names at the length limit, too close to the 256 MB a run may take; 10,000 leave room.
 */
export const MAX_BENCHMARKS = 10_000;

const [COMMA, OPEN_BRACKET, OPEN_BRACE, QUOTE, BACKSLASH] = [0x2c, 0x5b, 0x7b, 0x22, 0x5c];

/** About how many values a JSON text holds, counted before it is parsed: commas and opening brackets outside strings. */
export function jsonValues(bytes: Uint8Array): number {
  let count = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) inString = true;
    else if (b === COMMA || b === OPEN_BRACKET || b === OPEN_BRACE) count++;
  }
  return count;
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** A file's size, or 0 for what is not a regular file: reading it refuses it with its own message. */
function sizeOf(file: string): number {
  try {
    const stats = statSync(file);
    return stats.isFile() ? stats.size : 0;
  } catch {
    return 0;
  }
}

/** What the result files of one compare may take together: bytes, checked before any is read, and JSON values. */
export class InputBudget {
  private bytes = 0;
  private values = 0;

  constructor(readonly limits = { bytes: MAX_COMPARE_BYTES, values: MAX_COMPARE_VALUES }) {}

  /** Charges the sizes of files about to be read, and refuses them all before one is read if they go over. */
  chargeSizes(files: readonly string[]): void {
    this.bytes += files.reduce((sum, f) => sum + sizeOf(f), 0);
    if (this.bytes > this.limits.bytes)
      throw new BenchInputError(
        `bench compare: the result files total ${megabytes(this.bytes)}, more than the ${megabytes(this.limits.bytes)} limit for one compare; compare fewer or smaller files`,
      );
  }

  /** Charges the values of a file read but not yet parsed. */
  chargeValues(file: string, bytes: Uint8Array): void {
    this.values += jsonValues(bytes);
    if (this.values > this.limits.values)
      throw new BenchInputError(
        `bench compare: ${file} brings the result files to more than ${this.limits.values} JSON values, the limit for one compare; compare fewer or smaller files`,
      );
  }
}
