import { POLICY } from "../client.js";
import { expectRefusal, expectUnchanged, type Property, reason } from "./property.js";

export const badInputStaleIfMatch: Property = {
  name: "bad-input-stale-if-match",
  catches: "a change accepted on an If-Match that names an older version (a lost update)",
  async run({ session: s }) {
    await s.start();
    const { reply: read, status } = await s.status();
    const stale = read.etag ?? `"${status.version}"`;
    const other = s.catalog.presets.find((p) => p.name !== status.base_preset)?.name ?? status.base_preset;
    const first = await s.send("PUT", `${POLICY}/preset`, {
      headers: { "if-match": stale },
      body: { preset: other, reason: reason("If-Match current") },
    });
    s.expectStatus(first, 200, `PUT preset on the current If-Match ${stale}`);
    const { status: before } = await s.status();
    const probes = [
      ["PUT", `${POLICY}/preset`, { preset: status.base_preset, reason: reason("stale If-Match") }],
      ["POST", `${POLICY}/overrides`, { preset: other, ttl_seconds: 60, reason: reason("stale If-Match") }],
      ["POST", `${POLICY}/revert`, { reason: reason("stale If-Match") }],
    ] as const;
    for (const [method, path, body] of probes) {
      const reply = await s.send(method, path, { headers: { "if-match": stale }, body });
      expectRefusal(s, reply, 412, `${method} ${path} on the stale If-Match ${stale}`);
    }
    await expectUnchanged(s, before, "changes on a stale If-Match");
    return { sequences: 1 };
  },
};
