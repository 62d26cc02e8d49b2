import type { MutationResult } from "../../contract/index.js";
import { command } from "../command.js";
import { stableJson, terminalSafe, wrap } from "../output.js";
import { EXIT } from "../spec.js";
import { dryRun } from "./dry-run.js";
import { PRESET } from "./paths.js";

export const set = command({
  name: "throughput set",
  summary: "Set the base preset, the one in force when no override is.",
  args: [
    { name: "preset", value: "preset", required: true, description: "conservative, balanced or aggressive" },
  ],
  options: [
    {
      name: "reason",
      value: "text",
      placeholder: "TEXT",
      required: true,
      description: "why, for the audit history",
    },
    { name: "dry-run", description: "show the change per class and change nothing" },
  ],
  examples: [
    'nemesis-ctl throughput set conservative --reason "INC-1234 queue backlog"',
    'nemesis-ctl throughput set aggressive --reason "planned import" --dry-run',
  ],
  async run({ args, options }, ctx) {
    const preset = String(args.preset);
    const client = await ctx.client();
    if (options["dry-run"]) return dryRun(ctx, client, { kind: "set", preset });
    const { body } = await client.send<MutationResult>("PUT", PRESET, { preset, reason: options.reason });
    if (ctx.json) ctx.out.write(stableJson(body));
    else {
      const what = body.changed
        ? `base preset set to ${preset}`
        : `base preset already ${preset}; nothing changed`;
      const { status } = terminalSafe(body);
      ctx.out.write(`${what} (version ${status.version})\n${wrap(status.summary)}\n`);
    }
    return EXIT.ok;
  },
});
