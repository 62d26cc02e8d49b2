import { describe, expect, it } from "vitest";
import type { Twin } from "../../src/twin/index.js";
import { advance, call, twin } from "./helpers.js";

/** A plain call: the helper holds every /api answer to the contract, and the controls are not in it. */
async function raw(t: Twin, method: string, path: string, body?: unknown) {
  const headers = {
    authorization: `Basic ${Buffer.from("n:n").toString("base64")}`,
    "content-type": "application/json",
  };
  const text = body === undefined ? undefined : JSON.stringify(body);
  const res = await fetch(`${t.origin}${path}`, { method, headers, body: text });
  // biome-ignore lint/suspicious/noExplicitAny: the test reads the answer field by field
  return { status: res.status, json: (await res.json()) as any };
}

/** The twin prints its URL with /api; `$NEMESIS_API_URL/__twin/…` must reach the controls as `/__twin/…` does. */
describe("the twin's controls under the API prefix", () => {
  it("answers /api/__twin/… as /__twin/…", async () => {
    const t = await twin();
    const before = await call(t, "GET", "/__twin/clock");
    const moved = await raw(t, "POST", "/api/__twin/clock/advance", { seconds: 130 });
    expect(moved.status).toBe(200);
    expect(moved.json.epoch_seconds).toBe(before.json.epoch_seconds + 130);
    expect((await raw(t, "GET", "/api/__twin/clock")).json).toEqual(
      (await call(t, "GET", "/__twin/clock")).json,
    );
    await advance(t, 1);
    expect((await raw(t, "GET", "/api/__twin/clock")).json.epoch_seconds).toBe(
      before.json.epoch_seconds + 131,
    );
  });

  it("takes no fault on a control under the prefix, and keeps unknown paths a 404", async () => {
    const t = await twin();
    await call(t, "POST", "/__twin/faults", { body: { path: "/api/*", kind: "status(503)", times: 5 } });
    expect((await raw(t, "GET", "/api/__twin/clock")).status).toBe(200);
    expect((await raw(t, "GET", "/api/__twin/nothing")).status).toBe(404);
    expect((await raw(t, "GET", "/api/__twinkle")).status).toBe(503);
  });
});
