import type { RevertResult } from "../../contract/index.js";
import { command } from "../command.js";
import { classChanges, stableJson, terminalSafe, wrap } from "../output.js";
import { EXIT } from "../spec.js";
import { REVERT } from "./paths.js";

export const revert = command({
  name: "throughput revert",
  summary: "The explicit revert path: clear any override and set the known-good preset (balanced).",
  args: [],
  options: [
    {
      name: "to",
      value: "preset",
      placeholder: "PRESET",
      description: "revert to this preset instead of the known-good one",
    },
    {
      name: "reason",
      value: "text",
      placeholder: "TEXT",
      required: true,
      description: "why, for the audit history",
    },
  ],
  examples: [
    'nemesis-ctl throughput revert --reason "RT-DRAIN-REGRESSION fired"',
    'nemesis-ctl throughput revert --to balanced --reason "rollback"',
  ],
  async run({ options }, ctx) {
    const client = await ctx.client();
    const request =
      options.to === undefined
        ? { reason: options.reason }
        : { to_preset: options.to, reason: options.reason };
    const { body } = await client.send<RevertResult>("POST", REVERT, request);
    if (ctx.json) {
      ctx.out.write(stableJson(body));
      return EXIT.ok;
    }
    const { before, after } = terminalSafe(body);
    if (!body.changed) {
      // A table of `preset → preset` on every row would say nothing.
      ctx.out.write(`already at ${after.base_preset}; nothing changed\n${wrap(after.summary)}\n`);
      return EXIT.ok;
    }
    const head = `reverted: ${before.requested_preset} (${before.override ? "override" : "preset"}) → ${after.base_preset}, no override`;
    ctx.out.write(`${head}\n${classChanges(before, after)}\n${wrap(after.summary)}\n`);
    return EXIT.ok;
  },
});
