import { bodyAs } from "../checks.js";
import { POLICY } from "../client.js";
import { type Property, reason } from "./property.js";

export const revertTwiceEqualsOnce: Property = {
  name: "revert-twice-equals-once",
  catches:
    "a revert that leaves an override or another base, or a second revert that changes anything (invariant 4)",
  async run({ session: s }) {
    await s.start();
    const known = s.catalog.known_good_preset;
    const other = s.catalog.presets.find((p) => p.name !== known)?.name ?? known;
    s.expectStatus(
      await s.send("PUT", `${POLICY}/preset`, { body: { preset: other, reason: reason("before revert") } }),
      200,
      "setting a preset to revert from",
    );
    s.expectStatus(
      await s.send("POST", `${POLICY}/overrides`, {
        body: { preset: other, ttl_seconds: 3600, reason: reason("before revert") },
      }),
      201,
      "creating an override to revert from",
    );
    const once = await s.send("POST", `${POLICY}/revert`, { body: { reason: reason("revert once") } });
    s.expectStatus(once, 200, "the first revert");
    const twice = await s.send("POST", `${POLICY}/revert`, { body: { reason: reason("revert twice") } });
    s.expectStatus(twice, 200, "the second revert");
    const first = once.status === 200 ? bodyAs(once.body, "RevertResult") : null;
    const second = twice.status === 200 ? bodyAs(twice.body, "RevertResult") : null;
    if (!first || !second) return { sequences: 1 };
    const problems: string[] = [];
    if (!first.changed) problems.push("the first revert answered changed=false");
    if (first.after.base_preset !== known || first.after.override !== null) {
      problems.push(
        `after revert the base is ${first.after.base_preset} with ${first.after.override ? "an" : "no"} override, not ${known} with none`,
      );
    }
    if (second.changed) problems.push("the second revert answered changed=true");
    if (second.after.version !== first.after.version) {
      problems.push(
        `the second revert moved the version from ${first.after.version} to ${second.after.version}`,
      );
    }
    s.check(problems);
    return { sequences: 1 };
  },
};
