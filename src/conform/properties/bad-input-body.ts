import { POLICY } from "../client.js";
import { expectRefusal, expectUnchanged, type Property, reason } from "./property.js";

export const badInputBody: Property = {
  name: "bad-input-body",
  catches:
    "a body with a missing, unknown or over-long field accepted (400), a blank reason accepted (422), or a body not sent as JSON accepted (415)",
  async run({ session: s }) {
    await s.start();
    const { status: before } = await s.status();
    const preset = s.catalog.presets.find((p) => p.name !== before.base_preset)?.name ?? before.base_preset;
    const probes: [Record<string, unknown>, number, string][] = [
      [{ preset }, 400, "no reason"],
      [{ preset, reason: reason("unknown field"), colour: "red" }, 400, "an unknown field"],
      [{ preset, reason: "x".repeat(1001) }, 400, "a reason over 1000 characters"],
      [{ preset: 7, reason: reason("wrong type") }, 400, "a preset that is a number"],
      [{ preset, reason: "   " }, 422, "a blank reason"],
    ];
    for (const [body, want, what] of probes) {
      const reply = await s.send("PUT", `${POLICY}/preset`, { body });
      expectRefusal(s, reply, want, `PUT preset with ${what}`);
    }
    const form = await s.send("PUT", `${POLICY}/preset`, {
      raw: { text: `preset=${preset}&reason=form`, contentType: "application/x-www-form-urlencoded" },
    });
    expectRefusal(s, form, 415, "PUT preset with a form body");
    await expectUnchanged(s, before, "refused bodies");
    return { sequences: 1 };
  },
};
