import type { Status } from "../../contract/index.js";
import { renderStatus, stableJson, terminalSafe } from "../output.js";
import { type CommandSpec, EXIT } from "../spec.js";
import { STATUS } from "./paths.js";

export const status: CommandSpec = {
  name: "status",
  summary: "Show the one-line summary, the state of each class and queue, the override and fail-safe.",
  args: [],
  options: [
    {
      name: "watch",
      value: "interval",
      placeholder: "SECONDS",
      description: "refresh every SECONDS until Ctrl-C (at most 86400)",
    },
  ],
  examples: [
    "nemesis-ctl throughput status",
    "nemesis-ctl throughput status --json",
    "nemesis-ctl throughput status --watch 5",
  ],
  async run(ctx) {
    const client = await ctx.client();
    const show = async () => {
      const { body } = await client.get<Status>(STATUS);
      ctx.out.write(ctx.json ? stableJson(body) : renderStatus(ctx.out, terminalSafe(body)));
    };
    await show();
    const every = ctx.options.watch;
    if (typeof every !== "number") return EXIT.ok;
    let stopped = false;
    void ctx.stopped.then(() => {
      stopped = true;
    });
    while (!stopped) {
      await Promise.race([new Promise((r) => setTimeout(r, every * 1000)), ctx.stopped]);
      if (stopped) break;
      ctx.out.write("\n");
      await show();
    }
    return EXIT.ok;
  },
};
