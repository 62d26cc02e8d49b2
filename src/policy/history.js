import { settleExpiry } from "./state.js";
/** The audit log as of `now`, with the expiry of a lapsed override already written in. A pure read. */
export function historyAt(state, now, since) {
  const entries = settleExpiry(state, now).history;
  return since === undefined ? [...entries] : entries.filter((e) => e.at >= since);
}
