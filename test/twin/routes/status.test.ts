import { describe, expect, it } from "vitest";
import type { Twin } from "../../../src/twin/index.js";
import { advance, call, POLICY, twin } from "../helpers.js";

/** What the model says the status is now, as the route would write it. */
function modelStatus(t: Twin): unknown {
  const status = t.model().status();
  if (!status.ok) throw new Error(status.error.message);
  return status.value;
}

describe("twin GET status: the kept text of a status is served only while that status holds", () => {
  it("serves the current status with its version as the ETag after each change, tick, what-if and reset", async () => {
    const t = await twin();
    const steps: [string, () => Promise<unknown>][] = [
      ["nothing", async () => {}],
      ["advance the clock", () => advance(t, 5)],
      [
        "set the preset",
        () => call(t, "PUT", `${POLICY}/preset`, { body: { preset: "aggressive", reason: "r" } }),
      ],
      ["a what-if read", () => call(t, "GET", `${POLICY}/status?preset=conservative`)],
      [
        "create an override",
        () =>
          call(t, "POST", `${POLICY}/overrides`, {
            body: { preset: "conservative", ttl_seconds: 60, reason: "r" },
          }),
      ],
      ["advance to the override's expiry", () => advance(t, 60)],
      ["fail telemetry", () => call(t, "POST", "/__twin/telemetry", { body: { mode: "failing" } })],
      ["reset the twin", () => call(t, "POST", "/__twin/reset")],
    ];
    let previous = "";
    for (const [what, act] of steps) {
      await act();
      const read = await call(t, "GET", `${POLICY}/status`);
      expect(read.json, what).toEqual(modelStatus(t));
      expect(read.headers.get("etag"), what).toBe(`"${read.json.version}"`);
      expect(read.json.what_if, what).toBeNull();
      if (what !== "nothing" && what !== "a what-if read") expect(read.text, what).not.toBe(previous);
      previous = read.text;
    }
  });
});
