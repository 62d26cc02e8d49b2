import { table } from "../../common/index.js";
import type { GateCommand } from "./command.js";
import { TWIN_OPTIONS, twinRequest } from "./twin-http.js";

interface Requests {
  requests: {
    seq: number;
    method: string;
    path: string;
    query: string;
    status: number | null;
    user: string | null;
    fault: string | null;
  }[];
}

export const twinRequests: GateCommand = {
  name: "twin requests",
  summary: "List the requests the twin has answered, in order, with their status and any injected fault.",
  args: [],
  options: TWIN_OPTIONS,
  async run({ options }) {
    const answer = (await twinRequest(options, "GET", "requests")) as Requests;
    if (options.json === true) console.log(JSON.stringify(answer, null, 2));
    else {
      const rows = answer.requests.map((r) => [
        String(r.seq),
        r.method,
        `${r.path}${r.query}`,
        r.status === null ? "-" : String(r.status),
        r.user ?? "-",
        r.fault ?? "",
      ]);
      console.log(table(["SEQ", "METHOD", "PATH", "STATUS", "USER", "FAULT"], rows));
    }
    return 0;
  },
};
