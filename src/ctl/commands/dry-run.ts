import type { Status } from "../../contract/index.js";
import { classChanges, stableJson } from "../output.js";
import { type ApiClient, EXIT, type ExitCode, type RunContext } from "../spec.js";
import { STATUS } from "./paths.js";

/** --dry-run: the what-if of `preset` against the current status, per class. Nothing is changed. */
export async function dryRun(
  ctx: RunContext,
  client: ApiClient,
  preset: string,
  action: string,
): Promise<ExitCode> {
  const before = (await client.get<Status>(STATUS)).body;
  const after = (await client.get<Status>(STATUS, { preset })).body;
  if (ctx.json) {
    ctx.out.write(stableJson({ dry_run: true, action, before, after }));
    return EXIT.ok;
  }
  ctx.out.write(`dry run: ${action}; nothing was changed\n${classChanges(before, after)}\n`);
  return EXIT.ok;
}
