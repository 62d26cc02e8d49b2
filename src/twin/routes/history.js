import { errorReply, POLICY } from "./route.js";
export const getHistory = {
  method: "GET",
  path: `${POLICY}/history`,
  handle({ model, query }) {
    for (const key of query.keys()) {
      if (key !== "since_seconds")
        return errorReply(400, "invalid_request", `unknown query parameter "${key}"`, key);
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
