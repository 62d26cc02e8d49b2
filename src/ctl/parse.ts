import { type CliRequest, type ParseContext, parseCli, validateCli } from "../cli/index.js";
import type { RunContext, ValueType } from "./spec.js";
import { nemesisCtl } from "./tree.js";
import type { ValueContext } from "./values.js";

export interface ParseOptions extends Partial<ValueContext> {
  env?: Readonly<Record<string, string | undefined>>;
  /** The values of a named context, below the environment and above the defaults. */
  fallbacks?: ParseContext<ValueType>["fallbacks"];
  fallbackSource?: string;
}

export type Parsed = CliRequest<ValueType, RunContext>;

/**
 * Parses nemesis-ctl's argv (without the program name). It runs nothing and reads nothing but `env`: the docs
 * checker uses it to validate documented commands. Throws a UsageError naming the problem.
 */
export function parseArgv(argv: readonly string[], opts: ParseOptions = {}): Parsed {
  const { env, fallbacks, fallbackSource, ...values } = opts;
  return parseCli(nemesisCtl(values), argv, { env, fallbacks, fallbackSource });
}

/** validateArgv(argv) → ok, or the one-line message the CLI would print. Nothing is executed. */
export function validateArgv(
  argv: readonly string[],
  opts: ParseOptions = {},
): { ok: true } | { ok: false; message: string } {
  const { env, fallbacks, fallbackSource, ...values } = opts;
  return validateCli(nemesisCtl(values), argv, { env, fallbacks, fallbackSource });
}
