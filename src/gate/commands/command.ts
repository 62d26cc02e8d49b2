/** One `throughput-gate` subcommand. Each lives in its own file and is registered in ./index.ts. */
export interface GateCommand {
  /** The words that select it, e.g. ["twin", "serve"]. */
  path: string[];
  usage: string;
  summary: string;
  run(argv: string[]): Promise<number>;
}

/** A usage or configuration problem: one line for the user, exit 2. */
export class UsageError extends Error {
  override name = "UsageError";
}
