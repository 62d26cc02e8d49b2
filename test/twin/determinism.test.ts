import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../../src/twin/index.js";
import { advance, call, POLICY, twin } from "./helpers.js";

const spike = loadScenarioFile("fixtures/twin/scenarios/pressure-spike.json");

/** A fixed request sequence; returns every response body in order. */
async function session(): Promise<string[]> {
  const t = await twin({ scenario: spike });
  const bodies: string[] = [];
  const record = async (p: Promise<{ text: string }>) => bodies.push((await p).text);
  await record(call(t, "GET", `${POLICY}/status`));
  await record(advance(t, 90));
  await record(
    call(t, "POST", `${POLICY}/overrides`, { body: { preset: "aggressive", ttl_seconds: 300, reason: "x" } }),
  );
  await record(advance(t, 200));
  await record(call(t, "GET", `${POLICY}/status?preset=conservative`));
  await record(call(t, "GET", "/api/queues"));
  await record(advance(t, 400));
  await record(call(t, "POST", `${POLICY}/revert`, { body: { reason: "rollback" } }));
  await record(call(t, "GET", `${POLICY}/history`));
  await record(call(t, "GET", "/__twin/requests"));
  return bodies;
}

describe("twin: determinism", () => {
  it("gives byte-identical bodies for the same scenario and request sequence", async () => {
    const [a, b] = [await session(), await session()];
    expect(a).toHaveLength(10);
    expect(b).toEqual(a);
  });
});
