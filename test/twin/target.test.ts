import { describe, expect, it } from "vitest";
import { parseTarget } from "../../src/twin/target.js";

/** What the URL parser makes of a target, the reading every target must keep. */
function byUrl(raw: string) {
  if (!URL.canParse(raw, "http://twin")) return null;
  const url = new URL(raw, "http://twin");
  return { pathname: url.pathname, search: url.search, query: [...url.searchParams] };
}

function byTarget(raw: string) {
  const target = parseTarget(raw);
  return target && { pathname: target.pathname, search: target.search, query: [...target.query] };
}

const TARGETS = [
  "/api/workflows/throughput-policy/status",
  "/api/__twin/requests",
  "/",
  "/api//status",
  "/api/status/",
  "/api/status?preset=aggressive",
  "/api/status?",
  "/api/status?a=1&a=2",
  "/api/status#frag",
  "/api/./status",
  "/api/../api/status",
  "/api/%2e%2e/status",
  "/api/%7Estatus",
  "/api/st atus",
  "/api/ståtus",
  '/api/"status"',
  "/api\\status",
  "//evil.example/api/status",
  "///api/status",
  "http://other.example/api/status?x=1",
  "*",
  "",
  "http://[::1",
  "/api/status?q=a b&r=ü",
];

describe("parseTarget", () => {
  it.each(TARGETS)("reads %j as the URL parser does", (raw) => {
    expect(byTarget(raw)).toEqual(byUrl(raw));
  });

  it("gives each target a query of its own, so no route can change another's", () => {
    const first = parseTarget("/api/queues");
    first?.query.append("leak", "1");
    expect([...(parseTarget("/api/queues")?.query ?? [])]).toEqual([]);
  });
});
