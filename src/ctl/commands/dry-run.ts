import { escapeForTerminal } from "../../common/terminal.js";
import type { Status } from "../../contract/index.js";
import { formatDuration } from "../duration.js";
import { CtlError } from "../errors.js";
import { classChanges, stableJson, terminalSafe } from "../output.js";
import { type ApiClient, EXIT, type ExitCode, type RunContext } from "../spec.js";
import { STATUS } from "./paths.js";

export type DryRunAction =
  | { kind: "set"; preset: string }
  | { kind: "override"; preset: string; ttlSeconds: number; replace: boolean };

/**
 * --dry-run: what the change would do, from the API's what-if, changing nothing. It answers as the real command
 * would: an override refused for a conflict is refused here too, and a new base preset under an active override
 * changes nothing in force until that override ends.
 */
export async function dryRun(ctx: RunContext, client: ApiClient, action: DryRunAction): Promise<ExitCode> {
  const before = (await client.get<Status>(STATUS)).body;
  const live = before.override;
  if (action.kind === "override" && live && !action.replace) {
    throw new CtlError(
      `override ${live.id} (${live.preset}) is active for ${live.remaining_seconds}s more; clear it or replace it (dry run)`,
      EXIT.conflict,
    );
  }
  const whatIf = (await client.get<Status>(STATUS, { preset: action.preset })).body;
  const shadowed = action.kind === "set" && live !== null;
  // The what-if has no override; an override in force keeps its own state and source.
  const after: Status = shadowed
    ? before
    : {
        ...whatIf,
        class_states: whatIf.class_states.map((c) => ({
          ...c,
          source: action.kind === "override" ? "override" : c.source,
        })),
      };
  const label =
    action.kind === "set"
      ? `set base preset ${action.preset}`
      : `override ${action.preset} for ${formatDuration(action.ttlSeconds)}`;
  const note = shadowed
    ? `override ${live.id} (${live.preset}) stays in force for ${formatDuration(live.remaining_seconds)}; the new base applies when it ends`
    : null;
  if (ctx.json) {
    ctx.out.write(
      stableJson({
        dry_run: true,
        action: label,
        note,
        before,
        after,
        base_after_override: shadowed ? whatIf : null,
      }),
    );
    return EXIT.ok;
  }
  const shown = note ? `${escapeForTerminal(note)}\n` : "";
  ctx.out.write(
    `dry run: ${label}; nothing was changed\n${shown}${classChanges(terminalSafe(before), terminalSafe(after))}\n`,
  );
  return EXIT.ok;
}
