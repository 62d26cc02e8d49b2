import { redactUrl } from "../common/redact-url.js";
import type { Scalar } from "./spec.js";

/** Checks one raw value; returns the parsed value, or a message naming the problem. `label` is e.g. `--port`. */
export type ValueParser = (raw: string, label: string) => Scalar | { error: string };

const fail = (error: string) => ({ error });

/** The longest timeout any CLI takes, in seconds: an hour, well below the 24.8 days a Node timer holds. */
export const MAX_TIMEOUT_SECONDS = 3600;
const WHOLE = /^\d+$/;
const PLAIN_NAME = /^[A-Za-z0-9._-]+$/;

function url(raw: string, label: string): string | { error: string } {
  let parsed: URL | null = null;
  try {
    parsed = new URL(raw);
  } catch {
    parsed = null;
  }
  if (!parsed || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) {
    // The message quotes the value: never with its password.
    return fail(`${label} must be an http:// or https:// URL, got "${redactUrl(raw)}"`);
  }
  return raw.replace(/\/+$/, "");
}

function nonEmpty(raw: string, label: string): string | { error: string } {
  return raw.trim() === "" ? fail(`${label} must not be empty`) : raw;
}

/** The value types every CLI can use. A CLI adds its own (e.g. nemesis-ctl's preset and ttl) beside these. */
export const BUILTIN_TYPES = {
  text: nonEmpty,
  file: nonEmpty,
  url,
  /** A plain name, safe as a file name: letters, digits, ., _ and -. */
  name: (raw, label) =>
    PLAIN_NAME.test(raw) ? raw : fail(`${label} takes a plain name (letters, digits, . _ -), got "${raw}"`),
  number: (raw, label) => {
    const n = Number(raw);
    return raw.trim() !== "" && Number.isFinite(n) && n > 0
      ? n
      : fail(`${label} must be a number above 0, got "${raw}"`);
  },
  /** A whole number above 0. */
  count: (raw, label) =>
    WHOLE.test(raw) && Number(raw) > 0
      ? Number(raw)
      : fail(`${label} must be a whole number above 0, got "${raw}"`),
  /** Seconds above 0, fractions too, up to MAX_TIMEOUT_SECONDS. */
  timeout: (raw, label) => {
    const n = Number(raw);
    if (raw.trim() === "" || !Number.isFinite(n) || n <= 0) {
      return fail(`${label} must be a number above 0, got "${raw}"`);
    }
    return n <= MAX_TIMEOUT_SECONDS
      ? n
      : fail(`${label} must be at most ${MAX_TIMEOUT_SECONDS} seconds (1h), got ${n}`);
  },
  seconds: (raw, label) =>
    WHOLE.test(raw) && Number(raw) > 0
      ? Number(raw)
      : fail(`${label} must be a whole number of seconds above 0, got "${raw}"`),
  port: (raw, label) =>
    WHOLE.test(raw) && Number(raw) <= 65_535 ? Number(raw) : fail(`${label} must be 0-65535, got "${raw}"`),
  /** Strictly between 0 and 1. */
  fraction: (raw, label) => {
    const n = Number(raw);
    return raw.trim() !== "" && n > 0 && n < 1
      ? n
      : fail(`${label} must be a fraction between 0 and 1, got "${raw}"`);
  },
} satisfies Record<string, ValueParser>;

export type BuiltinType = keyof typeof BUILTIN_TYPES;

/** What a parser gives for a good value: `string` for a URL, `number` for a port. */
export type ParsedBy<P> = P extends (raw: string, label: string) => infer R
  ? Exclude<R, { error: string }>
  : never;

/** Each value type's parsed TypeScript type, read off its parser. */
export type ParsedTypes<Parsers> = { readonly [K in keyof Parsers]: ParsedBy<Parsers[K]> };

export type BuiltinTypes = ParsedTypes<typeof BUILTIN_TYPES>;

/** A type's check, then the declared choices. */
export function parseValue(
  parser: ValueParser,
  choices: readonly string[] | undefined,
  raw: string,
  label: string,
): Scalar | { error: string } {
  const value = parser(raw, label);
  if (typeof value === "object" || !choices || choices.includes(String(value))) return value;
  const allowed = choices.length === 1 ? `takes ${choices[0]}` : `must be one of ${choices.join(", ")}`;
  return fail(`${label} ${allowed}, got "${raw}"`);
}
