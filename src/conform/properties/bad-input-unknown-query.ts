import { POLICY } from "../client.js";
import { expectRefusal, type Property } from "./property.js";

export const badInputUnknownQuery: Property = {
  name: "bad-input-unknown-query",
  catches:
    "an unknown or malformed query parameter ignored instead of refused with 400 (a typo read as no filter)",
  async run({ session: s }) {
    await s.start();
    const probes: [string, Record<string, string>][] = [
      [`${POLICY}/status`, { presets: "aggressive" }],
      [`${POLICY}/status`, { telemetry_stale: "maybe" }],
      [`${POLICY}/history`, { since: "60" }],
      [`${POLICY}/history`, { since_seconds: "-1" }],
    ];
    for (const [path, query] of probes) {
      const reply = await s.send("GET", path, { query });
      expectRefusal(s, reply, 400, `GET ${path}?${new URLSearchParams(query)}`);
    }
    return { sequences: 1 };
  },
};
