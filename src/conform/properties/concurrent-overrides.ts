import { POLICY } from "../client.js";
import { type Property, reason } from "./property.js";

/** How many creates race; enough to overlap on any server, few enough to stay quick. */
export const RACERS = 8;

export const concurrentOverridesOneWinner: Property = {
  name: "concurrent-overrides-one-winner",
  catches: "two overrides both accepted when creates race (a check-then-act without a lock)",
  async run({ session: s }) {
    const start = await s.start();
    const presets = s.catalog.presets.map((p) => p.name);
    const replies = await Promise.all(
      Array.from({ length: RACERS }, (_, i) =>
        s.send("POST", `${POLICY}/overrides`, {
          body: { preset: presets[i % presets.length], ttl_seconds: 3600, reason: reason(`racer ${i + 1}`) },
        }),
      ),
    );
    const created = replies.filter((r) => r.status === 201).length;
    const conflicts = replies.filter((r) => r.status === 409).length;
    if (created !== 1 || conflicts !== RACERS - 1) {
      const seen = replies
        .map((r) => r.status)
        .sort()
        .join(",");
      s.check([
        `${RACERS} concurrent creates gave ${created} x 201 and ${conflicts} x 409 (${seen}), the contract says 1 and ${RACERS - 1}`,
      ]);
    }
    const { status } = await s.status();
    if (status.version !== start.state.version + 1) {
      s.check([`after one accepted create the version is ${status.version}, not ${start.state.version + 1}`]);
    }
    const entries = (await s.history()).slice(start.historyOffset);
    const creates = entries.filter(
      (e) => e.action === "override_created" || e.action === "override_replaced",
    );
    if (creates.length !== 1) s.check([`the history holds ${creates.length} override entries, not 1`]);
    return { sequences: 1 };
  },
};
