import { UsageError } from "../../cli/index.js";
import { command } from "../command.js";
import { report, TWIN_OPTIONS, twinRequest } from "./twin-http.js";

/** The twin's telemetry modes, as its /__twin/telemetry route takes them. */
const MODES = ["ok", "stale", "failing"] as const;

export const twinTelemetry = command({
  name: "twin telemetry",
  summary:
    "Set the twin's queue telemetry: ok, stale (no new samples), or failing (the broker does not answer).",
  args: [{ name: "mode", value: "text", required: true, description: `one of ${MODES.join(", ")}` }],
  options: TWIN_OPTIONS,
  async run({ args, options }) {
    if (!MODES.includes(args.mode as (typeof MODES)[number])) {
      throw new UsageError(`MODE must be one of ${MODES.join(", ")}, got "${args.mode}"`);
    }
    const answer = await twinRequest(options, "POST", "telemetry", { mode: args.mode });
    return report(options, answer, `twin telemetry ${args.mode}`);
  },
});
