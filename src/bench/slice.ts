import { createHash } from "node:crypto";

/** Which benchmarks one runner counts when a counted suite is split across runners: slice `index` of `count`. */
export interface CountSlice {
  index: number;
  count: number;
}

/**
 * The slice a benchmark belongs to, from a hash of its name alone: the baseline and the candidate put a benchmark
 * in the same slice even when one of them has benchmarks the other lacks. The pytest plugin computes the same:
 * sha256 of the name, its first four bytes big-endian, modulo the count, plus one.
 */
export function sliceOf(name: string, count: number): number {
  return (createHash("sha256").update(name, "utf8").digest().readUInt32BE(0) % count) + 1;
}

/** Whether a benchmark is counted in `slice`; every benchmark is when there is no slice. */
export const inSlice = (name: string, slice: CountSlice | undefined): boolean =>
  !slice || sliceOf(name, slice.count) === slice.index;
