import type { MutationResult } from "../../contract/index.js";
import { command } from "../command.js";
import { formatDuration } from "../duration.js";
import { stableJson, terminalSafe, wrap } from "../output.js";
import { EXIT } from "../spec.js";
import { dryRun } from "./dry-run.js";
import { OVERRIDES } from "./paths.js";

export const override = command({
  name: "throughput override",
  summary: "Put a preset in force for a limited time; it expires back to the base preset on its own.",
  args: [{ name: "preset", value: "preset", required: true, description: "the preset to put in force" }],
  options: [
    {
      name: "ttl",
      value: "ttl",
      placeholder: "DURATION",
      required: true,
      description: "how long: 90s, 15m, 2h or 1h30m (a bare number means minutes; at most 24h)",
    },
    {
      name: "reason",
      value: "text",
      placeholder: "TEXT",
      required: true,
      description: "why, for the audit history",
    },
    { name: "replace", description: "replace the active override instead of failing with a conflict" },
    { name: "dry-run", description: "show the change per class and change nothing" },
  ],
  examples: [
    'nemesis-ctl throughput override aggressive --ttl 20m --reason "nightly import"',
    'nemesis-ctl throughput override conservative --ttl 1h30m --reason "INC-1234" --replace',
  ],
  async run({ args, options }, ctx) {
    const preset = String(args.preset);
    const ttl = Number(options.ttl);
    const client = await ctx.client();
    if (options["dry-run"]) {
      return dryRun(ctx, client, {
        kind: "override",
        preset,
        ttlSeconds: ttl,
        replace: options.replace === true,
      });
    }
    const request = {
      preset,
      ttl_seconds: ttl,
      reason: options.reason,
      replace: options.replace === true,
    };
    const { body } = await client.send<MutationResult>("POST", OVERRIDES, request);
    if (ctx.json) ctx.out.write(stableJson(body));
    else {
      const { status } = terminalSafe(body);
      const o = status.override;
      const line = o
        ? `override ${o.id}: ${o.preset} until ${o.expires_at} (${formatDuration(o.remaining_seconds)})`
        : "";
      ctx.out.write(`${line}\n${wrap(status.summary)}\n`);
    }
    return EXIT.ok;
  },
});
