import { table } from "../../common/index.js";
import { command } from "../command.js";
import { TWIN_OPTIONS, twinRequest } from "./twin-http.js";

interface Faults {
  faults: { method: string; path: string; kind: string; times: number; remaining: number; hits: number }[];
}

export const twinFaultList = command({
  name: "twin fault list",
  summary: "List the twin's armed faults, with how often each has hit and how many hits it has left.",
  args: [],
  options: TWIN_OPTIONS,
  async run({ options }) {
    const answer = (await twinRequest(options, "GET", "faults")) as Faults;
    if (options.json === true) console.log(JSON.stringify(answer, null, 2));
    else if (answer.faults.length === 0) console.log("no faults armed");
    else {
      const rows = answer.faults.map((f) => [f.kind, f.method, f.path, String(f.hits), String(f.remaining)]);
      console.log(table(["KIND", "METHOD", "PATH", "HITS", "LEFT"], rows));
    }
    return 0;
  },
});
