import { POLICY } from "../client.js";
import { expectRefusal, expectUnchanged, type Property, reason } from "./property.js";

const WRONG = `Basic ${Buffer.from("conform-nobody:wrong").toString("base64")}`;

export const badInputMissingAuth: Property = {
  name: "bad-input-missing-auth",
  catches: "a read or a change served without credentials or with wrong ones (401 expected)",
  async run({ session: s }) {
    await s.start();
    const { status: before } = await s.status();
    const other = s.catalog.presets.find((p) => p.name !== before.base_preset)?.name ?? before.base_preset;
    const change = { preset: other, reason: reason("no credentials") };
    const probes = [
      ["GET", `${POLICY}/status`, undefined],
      ["GET", `${POLICY}/presets`, undefined],
      ["GET", `${POLICY}/history`, undefined],
      ["PUT", `${POLICY}/preset`, change],
    ] as const;
    for (const [method, path, body] of probes) {
      const none = await s.send(method, path, { auth: false, body });
      expectRefusal(s, none, 401, `${method} ${path} without credentials`);
      const wrong = await s.send(method, path, { auth: false, headers: { authorization: WRONG }, body });
      expectRefusal(s, wrong, 401, `${method} ${path} with wrong credentials`);
    }
    await expectUnchanged(s, before, "changes without credentials");
    return { sequences: 1 };
  },
};
