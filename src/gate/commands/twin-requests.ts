import { table } from "../../common/index.js";
import { MAX_LOGGED_BYTES, MAX_LOGGED_REQUESTS, type RequestPage } from "../../twin/index.js";
import { command } from "../command.js";
import { TWIN_OPTIONS, twinRequest } from "./twin-http.js";

/** The log as the twin answers it, over HTTP: the twin's own page shape. */
type Page = RequestPage;

const BOUNDS = `the newest ${MAX_LOGGED_REQUESTS}, at most ${MAX_LOGGED_BYTES / (1024 * 1024)} MB`;

/**
 * Every entry the twin still holds, a page at a time. Reads of the log are not logged, so the walk ends; entries
 * that fall off the ring before the walk reaches them are counted in `missed`, and none is read twice.
 */
async function allPages(options: Parameters<typeof twinRequest>[0]): Promise<Page> {
  let page = (await twinRequest(options, "GET", "requests")) as Page;
  const requests = [...page.requests];
  let missed = page.missed;
  while (page.next_after !== null) {
    page = (await twinRequest(options, "GET", `requests?after=${page.next_after}`)) as Page;
    requests.push(...page.requests);
    missed += page.missed;
  }
  return { ...page, requests, missed, oldest_seq: requests[0]?.seq ?? page.oldest_seq };
}

export const twinRequests = command({
  name: "twin requests",
  summary: `List the requests the twin still holds (${BOUNDS}), in order, with their status and any injected fault.`,
  args: [],
  options: TWIN_OPTIONS,
  async run({ options }) {
    const answer = await allPages(options);
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
      if (answer.missed > 0)
        console.log(`(${answer.missed} older requests fell off the log: it keeps ${BOUNDS})`);
    }
    return 0;
  },
});
