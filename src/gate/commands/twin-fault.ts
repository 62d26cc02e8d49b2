import { UserError } from "../../cli/index.js";
import { FAULT_KINDS, MAX_FAULT_DELAY_MS, readFaultKind } from "../../twin/index.js";
import { command } from "../command.js";
import { report, TWIN_OPTIONS, twinRequest } from "./twin-http.js";

export const twinFault = command({
  name: "twin fault",
  summary:
    "Arm a fault: the next matching requests to the twin fail this way. See twin fault list and twin fault clear.",
  args: [
    {
      name: "kind",
      value: "text",
      required: true,
      description: `${FAULT_KINDS}; MS is at most ${MAX_FAULT_DELAY_MS} (10 minutes)`,
    },
  ],
  options: [
    {
      name: "path",
      value: "text",
      placeholder: "PATH",
      default: "/api/*",
      description: "the request path as the twin sees it, with /api; a trailing * matches a prefix",
    },
    {
      name: "method",
      value: "text",
      placeholder: "METHOD",
      default: "*",
      description: "an HTTP method, or *",
    },
    {
      name: "times",
      value: "count",
      placeholder: "N",
      default: "1",
      description: "how many requests it hits",
    },
    ...TWIN_OPTIONS,
  ],
  async run({ args, options }) {
    // Checked here too, so a kind the twin would refuse is refused before anything is sent, and by any twin.
    const kind = readFaultKind(String(args.kind));
    if ("problem" in kind) throw new UserError(`kind ${kind.problem}`);
    const rule = { kind: args.kind, path: options.path, method: options.method, times: options.times };
    const answer = await twinRequest(options, "POST", "faults", rule);
    const times = options.times === 1 ? "the next request" : `the next ${options.times} requests`;
    return report(
      options,
      answer,
      `fault armed: ${args.kind} on ${times} to ${options.method} ${options.path}`,
    );
  },
});
