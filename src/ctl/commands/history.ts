import type { History } from "../../contract/index.js";
import { stableJson, table, terminalSafe } from "../output.js";
import { type CommandSpec, EXIT } from "../spec.js";
import { HISTORY } from "./paths.js";

export const history: CommandSpec = {
  name: "history",
  summary: "Show the audit log: who changed what, when, why, from → to.",
  args: [],
  options: [
    {
      name: "since",
      value: "duration",
      placeholder: "DURATION",
      description: "only the last DURATION, e.g. 2h",
    },
  ],
  examples: ["nemesis-ctl throughput history", "nemesis-ctl throughput history --since 2h --json"],
  async run(ctx) {
    const since = ctx.options.since;
    const query = typeof since === "number" ? { since_seconds: String(since) } : undefined;
    const { body } = await (await ctx.client()).get<History>(HISTORY, query);
    if (ctx.json) {
      ctx.out.write(stableJson(body));
      return EXIT.ok;
    }
    if (body.entries.length === 0) {
      ctx.out.write("no changes recorded\n");
      return EXIT.ok;
    }
    const rows = terminalSafe(body).entries.map((e) => [
      e.at,
      e.action,
      e.actor,
      `${e.from} → ${e.to}`,
      String(e.version),
      e.reason,
    ]);
    ctx.out.write(`${table(["AT", "ACTION", "ACTOR", "FROM → TO", "VERSION", "REASON"], rows)}\n`);
    return EXIT.ok;
  },
};
