import { POLICY } from "../client.js";
import { UNKNOWN_PRESET } from "../sequences.js";
import { expectRefusal, expectUnchanged, type Property, reason } from "./property.js";

export const badInputUnknownPreset: Property = {
  name: "bad-input-unknown-preset",
  catches: "an unknown preset taken as another one (a silent fallback) instead of refused with 422",
  async run({ session: s }) {
    await s.start();
    const { status: before } = await s.status();
    const probes = [
      ["PUT", `${POLICY}/preset`, { preset: UNKNOWN_PRESET, reason: reason("unknown preset") }],
      [
        "POST",
        `${POLICY}/overrides`,
        { preset: UNKNOWN_PRESET, ttl_seconds: 60, reason: reason("unknown preset") },
      ],
      ["POST", `${POLICY}/revert`, { to_preset: UNKNOWN_PRESET, reason: reason("unknown preset") }],
    ] as const;
    for (const [method, path, body] of probes) {
      const reply = await s.send(method, path, { body });
      expectRefusal(s, reply, 422, `${method} ${path} with preset ${UNKNOWN_PRESET}`);
    }
    for (const [method, path] of [
      ["GET", `${POLICY}/status`],
      ["POST", `${POLICY}/evaluate`],
    ] as const) {
      const reply = await s.send(method, path, { query: { preset: UNKNOWN_PRESET } });
      expectRefusal(s, reply, 422, `${method} ${path}?preset=${UNKNOWN_PRESET}`);
    }
    await expectUnchanged(s, before, "refused unknown presets");
    return { sequences: 1 };
  },
};
