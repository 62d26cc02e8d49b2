import type { MutationResult } from "../../contract/index.js";
import { command } from "../command.js";
import { stableJson, terminalSafe, wrap } from "../output.js";
import { EXIT } from "../spec.js";
import { CURRENT_OVERRIDE } from "./paths.js";

export const clear = command({
  name: "throughput clear",
  summary: "End the active override now, back to the base preset.",
  args: [],
  options: [
    {
      name: "reason",
      value: "text",
      placeholder: "TEXT",
      required: true,
      description: "why, for the audit history",
    },
  ],
  examples: ['nemesis-ctl throughput clear --reason "import finished early"'],
  async run({ options }, ctx) {
    const client = await ctx.client();
    const { body } = await client.send<MutationResult>("DELETE", CURRENT_OVERRIDE, {
      reason: options.reason,
    });
    ctx.out.write(ctx.json ? stableJson(body) : cleared(terminalSafe(body)));
    return EXIT.ok;
  },
});

const cleared = (body: MutationResult) =>
  `override cleared; base preset ${body.status.base_preset} in force\n${wrap(body.status.summary)}\n`;
