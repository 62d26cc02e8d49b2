import { POLICY } from "../client.js";
import { expectUnchanged, type Property, reason } from "./property.js";

const READS = 5;

export const statusReadIsReadOnly: Property = {
  name: "status-read-is-read-only",
  catches:
    "a status read, a what-if or a history read that moves the version or any policy field (invariant 5)",
  async run({ session: s }) {
    const start = await s.start();
    const other =
      s.catalog.presets.find((p) => p.name !== start.state.basePreset)?.name ?? start.state.basePreset;
    const created = await s.send("POST", `${POLICY}/overrides`, {
      body: { preset: other, ttl_seconds: 3600, reason: reason("read-only") },
    });
    s.expectStatus(created, 201, "creating the override the reads look at");
    const { status: before } = await s.status();
    const historyBefore = (await s.history()).length;
    for (let i = 0; i < READS; i++) {
      await s.status();
      await s.send("POST", `${POLICY}/evaluate`, { query: { preset: s.catalog.fail_safe_preset } });
      await s.send("GET", `${POLICY}/status`, { query: { telemetry_stale: "true" } });
      await s.history();
    }
    await expectUnchanged(s, before, `${READS} rounds of status, what-if and history reads`);
    const historyAfter = (await s.history()).length;
    if (historyAfter !== historyBefore) {
      s.check([`reads added ${historyAfter - historyBefore} history entries`]);
    }
    return { sequences: 1 };
  },
};
