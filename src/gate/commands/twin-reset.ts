import { command } from "../command.js";
import { report, TWIN_OPTIONS, twinRequest } from "./twin-http.js";

export const twinReset = command({
  name: "twin reset",
  summary:
    "Start the twin's scenario over: its clock, policy and history as at start; no faults, an empty request log.",
  args: [],
  options: TWIN_OPTIONS,
  async run({ options }) {
    const answer = (await twinRequest(options, "POST", "reset")) as { now: string };
    return report(options, answer, `twin reset; clock at ${answer.now}`);
  },
});
