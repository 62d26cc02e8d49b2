import type { BuiltinType, CommandShape, Values } from "../../cli/index.js";

/**
 * One `throughput-gate` subcommand, declared once: help, parsing and value checks read the declaration. Each lives
 * in its own file and is registered in ./index.ts.
 */
export interface GateCommand extends CommandShape<BuiltinType> {
  /** The words that select it, e.g. "twin serve". */
  name: string;
  summary: string;
  /** Runs with the declared arguments and options, already checked and with their defaults filled in. */
  run(input: { args: Values; options: Values }): Promise<number>;
}
