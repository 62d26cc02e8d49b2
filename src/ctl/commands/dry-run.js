import { classChanges, stableJson } from "../output.js";
import { EXIT } from "../spec.js";
import { STATUS } from "./paths.js";
/** --dry-run: the what-if of `preset` against the current status, per class. Nothing is changed. */
export async function dryRun(ctx, client, preset, action) {
  const before = (await client.get(STATUS)).body;
  const after = (await client.get(STATUS, { preset })).body;
  if (ctx.json) {
    ctx.out.write(stableJson({ dry_run: true, action, before, after }));
    return EXIT.ok;
  }
  ctx.out.write(`dry run: ${action}; nothing was changed\n${classChanges(before, after)}\n`);
  return EXIT.ok;
}
