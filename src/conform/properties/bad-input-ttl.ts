import { POLICY } from "../client.js";
import { expectRefusal, expectUnchanged, type Property, reason } from "./property.js";

export const badInputTtl: Property = {
  name: "bad-input-ttl",
  catches:
    "an override TTL of 0, below 0 or over the catalog's maximum accepted (422), or one not a whole number (400)",
  async run({ session: s }) {
    await s.start();
    const { status: before } = await s.status();
    const preset = s.catalog.known_good_preset;
    const max = s.catalog.max_override_ttl_seconds;
    const probes: [unknown, number][] = [
      [0, 422],
      [-1, 422],
      [max + 1, 422],
      [1.5, 400],
      ["60", 400],
    ];
    for (const [ttl, want] of probes) {
      const reply = await s.send("POST", `${POLICY}/overrides`, {
        body: { preset, ttl_seconds: ttl, reason: reason("bad TTL") },
      });
      expectRefusal(s, reply, want, `an override with ttl_seconds ${JSON.stringify(ttl)}`);
    }
    await expectUnchanged(s, before, "refused TTLs");
    return { sequences: 1 };
  },
};
