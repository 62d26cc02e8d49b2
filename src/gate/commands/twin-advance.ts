import { UsageError } from "../../cli/index.js";
import { command } from "../command.js";
import { report, TWIN_OPTIONS, twinRequest } from "./twin-http.js";

interface Clock {
  now: string;
  advanced_seconds: number;
  simulation: { done: boolean; jobs_total: number; jobs_completed: number } | null;
}

/** A duration with its unit: a bare number would read as minutes, as nemesis-ctl's --ttl reads it. */
function seconds(text: string, parseDuration: (text: string) => number | string): number {
  if (/^\d+$/.test(text.trim()))
    throw new UsageError(`give "${text}" a unit: ${text}s, ${text}m or ${text}h`);
  const parsed = parseDuration(text);
  if (typeof parsed === "string") throw new UsageError(parsed);
  return parsed;
}

export const twinAdvance = command({
  name: "twin advance",
  summary:
    "Move the twin's virtual clock forward; overrides expire and telemetry ages as they would in that time.",
  args: [{ name: "duration", value: "text", required: true, description: "how far: 130s, 20m, 1h30m" }],
  options: TWIN_OPTIONS,
  async run({ args, options }) {
    const { parseDuration } = await import("../../ctl/index.js");
    const answer = (await twinRequest(options, "POST", "clock/advance", {
      seconds: seconds(args.duration, parseDuration),
    })) as Clock;
    const sim = answer.simulation;
    const jobs = sim ? `; simulation ${sim.jobs_completed}/${sim.jobs_total} jobs done` : "";
    return report(options, answer, `twin clock advanced ${answer.advanced_seconds}s to ${answer.now}${jobs}`);
  },
});
