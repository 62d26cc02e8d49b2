import { existsSync } from "node:fs";
import { join } from "node:path";
import { BenchInputError, InputBudget, readRunSet } from "../bench/index.js";
import { UsageError } from "../cli/index.js";
import { BASELINE_DIR } from "./bench-options.js";

/** What `bench compare` was given for its two sides. */
export interface SideChoices {
  readonly args: { readonly baseline: string | undefined; readonly candidate: string | undefined };
  readonly options: {
    readonly baseline: readonly string[] | undefined;
    readonly candidate: readonly string[] | undefined;
    readonly "baseline-name": string | undefined;
    readonly "candidate-name": string | undefined;
    readonly "baseline-last": number | undefined;
  };
}

/** A path, or the name of a saved baseline. A name or path that matches nothing is an error, never a pass. */
function resolveResult(arg: string): string {
  if (existsSync(arg)) return arg;
  const named = join(BASELINE_DIR, `${arg}.json`);
  if (existsSync(named)) return named;
  throw new BenchInputError(`${arg}: not found (neither a file nor a baseline in ${BASELINE_DIR}/)`);
}

/** The two sides: BASELINE CANDIDATE, one file each, or --baseline and --candidate with any number of runs. */
export function comparedSides(args: SideChoices["args"], options: SideChoices["options"]) {
  const positional = [args.baseline, args.candidate].filter((a) => a !== undefined);
  const [baseline, candidate] = [options.baseline ?? [], options.candidate ?? []];
  const listed = baseline.length > 0 || candidate.length > 0;
  if (listed && positional.length > 0)
    throw new UsageError("give BASELINE CANDIDATE, or --baseline and --candidate, not both");
  if (!listed && positional.length !== 2)
    throw new UsageError("bench compare takes BASELINE CANDIDATE, or --baseline PATH… --candidate PATH…");
  const [a = [], b = []] = listed ? [baseline, candidate] : positional.map((p) => [resolveResult(p)]);
  const budget = new InputBudget();
  return [
    readRunSet([...a], { name: options["baseline-name"], last: options["baseline-last"] }, budget),
    readRunSet([...b], { name: options["candidate-name"] }, budget),
  ] as const;
}
