import { BenchInputError } from "./input-error.js";

export type Json = Record<string, unknown>;

/**
 * Where a value sits in a result file, for the one line that says what is wrong with it: the file, the format it
 * was read as, and a JSON path ("$.benchmarks[0].stats").
 */
export interface At {
  file: string;
  format: string;
  path: string;
}

export const at = (where: At, key: string | number): At => ({
  ...where,
  path: typeof key === "number" ? `${where.path}[${key}]` : `${where.path}.${key}`,
});

const kind = (value: unknown) =>
  value === null
    ? "null"
    : Array.isArray(value)
      ? "a list"
      : typeof value === "object"
        ? "an object"
        : `a ${typeof value}`;

const wrong = (where: At, value: unknown, what: string) =>
  new BenchInputError(
    `${where.file}: ${where.path} ${value === undefined ? "is missing" : `must be ${what}, not ${kind(value)}`} (read as ${where.format} results)`,
  );

export const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export function objectAt(value: unknown, where: At): Json {
  if (!isObject(value)) throw wrong(where, value, "an object");
  return value;
}

export function listAt(value: unknown, where: At): unknown[] {
  if (!Array.isArray(value)) throw wrong(where, value, "a list");
  return value;
}

/** A list of objects: the benchmarks of a file. */
export function objectsAt(value: unknown, where: At): Json[] {
  return listAt(value, where).map((item, i) => objectAt(item, at(where, i)));
}

/** A list of numbers, or null when the value is absent (a file saved without its samples). */
export function numbersAt(value: unknown, where: At): number[] | null {
  if (value === undefined || value === null) return null;
  return requiredNumbersAt(value, where);
}

/** A list of numbers that must be there. */
export function requiredNumbersAt(value: unknown, where: At): number[] {
  return listAt(value, where).map((x, i) => numberAt(x, at(where, i)));
}

export function numberAt(value: unknown, where: At): number {
  if (typeof value !== "number") throw wrong(where, value, "a number");
  return value;
}

export function stringAt(value: unknown, where: At): string {
  if (typeof value !== "string") throw wrong(where, value, "a string");
  return value;
}

/** An optional object: absent or null is null. */
export function maybeObjectAt(value: unknown, where: At): Json | null {
  return value === undefined || value === null ? null : objectAt(value, where);
}

/** An optional string: absent or null is null. */
export function maybeStringAt(value: unknown, where: At): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") throw wrong(where, value, "a string");
  return value;
}

/** A benchmark's name: a string, not empty. */
export function nameAt(value: unknown, where: At): string {
  if (value === undefined || value === null || value === "")
    throw new BenchInputError(`${where.file}: a benchmark has no name (${where.path})`);
  if (typeof value !== "string") throw wrong(where, value, "a string");
  return value;
}
