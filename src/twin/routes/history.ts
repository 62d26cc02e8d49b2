import { errorReply, POLICY, type Route } from "./route.js";

export const getHistory: Route = {
  method: "GET",
  path: `${POLICY}/history`,
  handle({ model, query }) {
    const unknown = model.rules.unknownQueryParameter([...query.keys()], ["since_seconds"]);
    if (unknown !== undefined) {
      return errorReply(400, "invalid_request", `unknown query parameter "${unknown}"`, unknown);
    }
    const raw = query.get("since_seconds");
    const since = raw === null ? undefined : Number(raw);
    if (since !== undefined && (!/^\d+$/.test(raw ?? "") || !Number.isSafeInteger(since))) {
      return errorReply(
        400,
        "invalid_request",
        `since_seconds must be a whole number >= 0, got "${raw}"`,
        "since_seconds",
      );
    }
    return { status: 200, body: { entries: model.history(since) } };
  },
};
