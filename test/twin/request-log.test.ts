import { describe, expect, it } from "vitest";
import { entryBytes, RequestLog } from "../../src/twin/request-log.js";
import type { LoggedRequest } from "../../src/twin/routes/index.js";

const entry = (fields: Partial<LoggedRequest> = {}): LoggedRequest => ({
  seq: 0,
  method: "GET",
  path: "/api/workflows/throughput-policy/status",
  query: "",
  status: 200,
  user: "n",
  body_sha256: "0".repeat(64),
  fault: null,
  ...fields,
});

describe("entryBytes", () => {
  it.each([
    ["a plain status read", entry()],
    ["nulls where a request had no answer, user or fault", entry({ status: null, user: null, fault: null })],
    ["a large seq and a fault", entry({ seq: 123_456_789, fault: "status(503)" })],
    ["a query with quotes and a backslash", entry({ query: '?q="a\\b"' })],
    ["control characters and DEL", entry({ path: "/api/\u0000\u0001\t\n\u001f\u007f" })],
    ["two-, three- and four-byte characters", entry({ path: "/api/ü/€/😀", user: "jürgen" })],
    ["a lone surrogate", entry({ path: "/api/\ud800x" })],
    ["U+2028 and U+2029", entry({ query: "?\u2028\u2029" })],
    ["empty strings", entry({ method: "", path: "", query: "", user: "" })],
  ])("counts %s as its JSON's bytes", (_label, e) => {
    expect(entryBytes(e)).toBe(Buffer.byteLength(JSON.stringify(e)));
  });
});

describe("RequestLog.append", () => {
  it("keeps its own copy, numbered, with the entry's fields only", () => {
    const log = new RequestLog();
    const sent = { ...entry(), secret: "not logged" };
    log.append(sent);
    sent.status = 500;
    const [kept] = log.page(0, 10).requests;
    expect(kept).toEqual(entry({ seq: 1 }));
    expect(log.byteSize).toBe(Buffer.byteLength(JSON.stringify(kept)));
  });
});
