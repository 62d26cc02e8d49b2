import type { Status } from "../../contract/index.js";
import { command } from "../command.js";
import { compactJson, renderStatus, stableJson, terminalSafe } from "../output.js";
import { EXIT, type Output } from "../spec.js";
import { STATUS } from "./paths.js";

/** A read time as the API writes its own: UTC, to the second. */
export const readAt = (now: Date) => now.toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * One frame of --watch: with --json a single NDJSON line `{"read_at": …, "status": …}`, else the human view under a
 * line with the time it was read.
 */
export function watchFrame(out: Output, status: Status, now: Date, json: boolean): string {
  if (json) return compactJson({ read_at: readAt(now), status });
  return `read at ${readAt(now)}\n${renderStatus(out, terminalSafe(status))}`;
}

export const status = command({
  name: "throughput status",
  summary: "Show the one-line summary, the state of each class and queue, the override and fail-safe.",
  args: [],
  options: [
    {
      name: "watch",
      value: "interval",
      placeholder: "SECONDS",
      description: "refresh every SECONDS until Ctrl-C (at most 86400); with --json, one NDJSON line a read",
    },
  ],
  examples: [
    "nemesis-ctl throughput status",
    "nemesis-ctl throughput status --json",
    "nemesis-ctl throughput status --watch 5",
    "nemesis-ctl throughput status --watch 5 --json",
  ],
  async run({ options }, ctx) {
    const client = await ctx.client();
    const every = options.watch;
    if (typeof every !== "number") {
      const { body } = await client.get<Status>(STATUS);
      ctx.out.write(ctx.json ? stableJson(body) : renderStatus(ctx.out, terminalSafe(body)));
      return EXIT.ok;
    }
    const show = async () => {
      const { body } = await client.get<Status>(STATUS);
      ctx.out.write(watchFrame(ctx.out, body, ctx.now(), ctx.json));
    };
    await show();
    let stopped = false;
    void ctx.stopped.then(() => {
      stopped = true;
    });
    while (!stopped) {
      await Promise.race([new Promise((r) => setTimeout(r, every * 1000)), ctx.stopped]);
      if (stopped) break;
      // Text frames are set apart by a blank line; NDJSON lines need nothing between them.
      if (!ctx.json) ctx.out.write("\n");
      await show();
    }
    return EXIT.ok;
  },
});
