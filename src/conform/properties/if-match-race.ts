import { POLICY } from "../client.js";
import { RACERS } from "./concurrent-overrides.js";
import { type Property, reason } from "./property.js";

export const ifMatchRaceOneSuccess: Property = {
  name: "if-match-race-one-success",
  catches:
    "two changes both accepted on the same If-Match (a version compared, then written, without a lock)",
  async run({ session: s }) {
    await s.start();
    const { reply: read, status } = await s.status();
    const etag = read.etag ?? `"${status.version}"`;
    const presets = s.catalog.presets.map((p) => p.name);
    const replies = await Promise.all(
      Array.from({ length: RACERS }, (_, i) =>
        s.send("POST", `${POLICY}/overrides`, {
          headers: { "if-match": etag },
          body: {
            preset: presets[i % presets.length],
            ttl_seconds: 3600,
            reason: reason(`racer ${i + 1}`),
            replace: true,
          },
        }),
      ),
    );
    const ok = replies.filter((r) => r.status >= 200 && r.status < 300).length;
    const stale = replies.filter((r) => r.status === 412).length;
    if (ok !== 1 || stale !== RACERS - 1) {
      const seen = replies
        .map((r) => r.status)
        .sort()
        .join(",");
      s.check([
        `${RACERS} concurrent changes on If-Match ${etag} gave ${ok} successes and ${stale} x 412 (${seen}), the contract says 1 and ${RACERS - 1}`,
      ]);
    }
    const after = await s.status();
    if (after.status.version !== status.version + 1) {
      s.check([
        `after one accepted change the version is ${after.status.version}, not ${status.version + 1}`,
      ]);
    }
    return { sequences: 1 };
  },
};
