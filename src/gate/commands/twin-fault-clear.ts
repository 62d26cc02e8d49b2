import { command } from "../command.js";
import { report, TWIN_OPTIONS, twinRequest } from "./twin-http.js";

export const twinFaultClear = command({
  name: "twin fault clear",
  summary: "Disarm every fault on the twin.",
  args: [],
  options: TWIN_OPTIONS,
  async run({ options }) {
    return report(options, await twinRequest(options, "DELETE", "faults"), "faults cleared");
  },
});
