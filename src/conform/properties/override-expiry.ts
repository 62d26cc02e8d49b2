import { bodyAs, ConformFailure } from "../checks.js";
import { POLICY } from "../client.js";
import { epochOf } from "../model.js";
import { type Property, reason } from "./property.js";

/** The twin's override lives this long; the wall-clock run uses the contract's shortest TTL, 1 s. */
const TWIN_TTL = 60;
const SHORTEST_TTL = 1;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const overrideExpiresAtExpiresAt: Property = {
  name: "override-expires-at-expires_at",
  catches:
    "an override still in effect at or after its expires_at, or gone before it (invariant 3), or no override_expired in the history",
  needs: "clock",
  async run({ session: s }) {
    await s.start();
    const preset =
      s.catalog.presets.find((p) => p.name !== s.catalog.known_good_preset)?.name ??
      s.catalog.known_good_preset;
    const ttl = s.twinControls ? TWIN_TTL : SHORTEST_TTL;
    const reply = await s.send("POST", `${POLICY}/overrides`, {
      body: { preset, ttl_seconds: ttl, reason: reason("expiry") },
    });
    s.expectStatus(reply, 201, "creating the override");
    const override = bodyAs(reply.body, "MutationResult")?.status.override;
    if (reply.status !== 201 || !override) {
      throw new ConformFailure(
        `creating a ${ttl}s override answered HTTP ${reply.status} without an override`,
      );
    }
    const expiresAt = epochOf(override.expires_at);
    const createdAt = epochOf(override.created_at);
    if (expiresAt - createdAt !== ttl) {
      s.check([
        `override ${override.id} runs from ${override.created_at} to ${override.expires_at}, not ${ttl}s`,
      ]);
    }
    if (s.twinControls) {
      await s.advance(expiresAt - 1 - s.now);
      const { status } = await s.status();
      if (status.override?.id !== override.id) {
        s.check([`1s before expires_at the override is ${status.override ? status.override.id : "gone"}`]);
      }
      await s.advance(1);
    } else {
      // Past expires_at on the server's clock, with a second to spare for a clock read mid-second.
      await sleep((expiresAt + 1 - s.now) * 1000 + 1000);
    }
    const { status } = await s.status();
    if (epochOf(status.timestamp) < expiresAt) {
      throw new ConformFailure(
        `the server's clock reads ${status.timestamp} after the wait, still before expires_at ${override.expires_at}`,
      );
    }
    const problems: string[] = [];
    if (status.override !== null) {
      problems.push(
        `at ${status.timestamp} (expires_at ${override.expires_at}) the override ${status.override.id} is still shown`,
      );
    }
    if (status.requested_preset !== status.base_preset) {
      problems.push(
        `after expiry the requested preset is ${status.requested_preset}, not the base ${status.base_preset}`,
      );
    }
    const expired = (await s.history()).find(
      (e) => e.action === "override_expired" && e.override_id === override.id,
    );
    if (!expired) problems.push(`the history has no override_expired for ${override.id}`);
    else if (expired.at !== override.expires_at) {
      problems.push(`override_expired is dated ${expired.at}, not expires_at ${override.expires_at}`);
    }
    s.check(problems);
    return { sequences: 1 };
  },
};
