import type { History } from "../../contract/index.js";
import { command } from "../command.js";
import { stableJson, table, terminalSafe, WIDTH } from "../output.js";
import { EXIT } from "../spec.js";
import { HISTORY } from "./paths.js";

/** What the columns before REASON take in a typical row (time, action, actor, from → to, version), with gaps. */
export const HISTORY_FIXED_COLUMNS = 80;
/** A reason is never cut shorter than this, however narrow the terminal. */
export const MIN_REASON_WIDTH = 20;

/**
 * How many characters of each reason to show: all of them (undefined) when the output is not a terminal or with
 * --wide; else a budget from the terminal's width alone, so the cut is the same on every row and every run.
 */
export function reasonWidth(view: { isTTY: boolean; columns?: number; wide: boolean }): number | undefined {
  if (!view.isTTY || view.wide) return undefined;
  return Math.max(MIN_REASON_WIDTH, (view.columns ?? WIDTH) - HISTORY_FIXED_COLUMNS);
}

const cut = (text: string, width: number | undefined) =>
  width === undefined || text.length <= width ? text : `${text.slice(0, width - 1)}…`;

export const history = command({
  name: "throughput history",
  summary: "Show the audit log: who changed what, when, why, from → to.",
  args: [],
  options: [
    {
      name: "since",
      value: "duration",
      placeholder: "DURATION",
      description: "only the last DURATION, e.g. 2h",
    },
    { name: "wide", description: "show every reason in full on a terminal too" },
  ],
  examples: [
    "nemesis-ctl throughput history",
    "nemesis-ctl throughput history --wide",
    "nemesis-ctl throughput history --since 2h --json",
  ],
  async run({ options }, ctx) {
    const since = options.since;
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
    const width = reasonWidth({
      isTTY: ctx.out.isTTY,
      columns: ctx.out.columns,
      wide: options.wide === true,
    });
    const rows = terminalSafe(body).entries.map((e) => [
      e.at,
      e.action,
      e.actor,
      `${e.from} → ${e.to}`,
      String(e.version),
      cut(e.reason, width),
    ]);
    // Only the reason is cut, and by its own budget: the table as a whole never is.
    const headers = ["AT", "ACTION", "ACTOR", "FROM → TO", "VERSION", "REASON"];
    ctx.out.write(`${table(headers, rows, Number.POSITIVE_INFINITY)}\n`);
    return EXIT.ok;
  },
});
