import { describe, expect, it } from "vitest";
import {
  clearOverride,
  createOverride,
  deriveStatus,
  historyAt,
  revert,
  setBasePreset,
} from "../../src/policy/index.js";
import { catalog, feed, ok, QUIET, quietState, statusAt, T0 } from "./helpers.js";

const audit = { reason: "nightly import", actor: "alice" };

describe("TTL overrides", () => {
  const withOverride = ok(
    createOverride(catalog, quietState(), { ...audit, preset: "aggressive", ttlSeconds: 600 }, T0),
  );
  const fresh = (t: number) => feed(withOverride, QUIET, T0, t, 30);

  it("is active one second before expires_at", () => {
    const s = statusAt(fresh(T0 + 599), T0 + 599);
    expect(s.override).toMatchObject({ preset: "aggressive", remaining_seconds: 1, actor: "alice" });
    expect(s.requested_preset).toBe("aggressive");
    expect(s.class_states.every((c) => c.source === "override")).toBe(true);
  });

  it("is gone at now == expires_at, and the status equals the base preset's", () => {
    const state = fresh(T0 + 600);
    const s = statusAt(state, T0 + 600);
    expect(s.override).toBeNull();
    expect(s.requested_preset).toBe("balanced");
    expect(s).toEqual(deriveStatus(catalog, { ...state, override: null }, T0 + 600));
  });

  it("shows its timestamps in ISO form", () => {
    expect(statusAt(withOverride, T0).override).toMatchObject({
      created_at: "2026-01-01T00:00:00Z",
      expires_at: "2026-01-01T00:10:00Z",
    });
  });

  it("refuses a second override unless replace is set", () => {
    const second = createOverride(
      catalog,
      withOverride,
      { ...audit, preset: "conservative", ttlSeconds: 60 },
      T0 + 5,
    );
    expect(second).toMatchObject({ ok: false, error: { code: "override_conflict", field: "replace" } });
    const replaced = ok(
      createOverride(
        catalog,
        withOverride,
        { ...audit, preset: "conservative", ttlSeconds: 60, replace: true },
        T0 + 5,
      ),
    );
    expect(statusAt(replaced, T0 + 5).override).toMatchObject({
      preset: "conservative",
      remaining_seconds: 60,
    });
  });

  it("allows a new override once the old one expired", () => {
    expect(
      createOverride(catalog, withOverride, { ...audit, preset: "conservative", ttlSeconds: 60 }, T0 + 600)
        .ok,
    ).toBe(true);
  });

  it("clears early, and refuses to clear what is not there", () => {
    const cleared = ok(clearOverride(catalog, withOverride, audit, T0 + 10));
    expect(statusAt(cleared, T0 + 10).override).toBeNull();
    expect(clearOverride(catalog, cleared, audit, T0 + 11)).toMatchObject({
      ok: false,
      error: { code: "no_active_override" },
    });
  });

  it.each([
    [0, "invalid_ttl"],
    [-5, "invalid_ttl"],
    [1.5, "invalid_ttl"],
    [Number.NaN, "invalid_ttl"],
    [86_401, "ttl_too_long"],
  ])("refuses ttl %s with %s", (ttlSeconds, code) => {
    const result = createOverride(catalog, quietState(), { ...audit, preset: "aggressive", ttlSeconds }, T0);
    expect(result).toMatchObject({ ok: false, error: { code, field: "ttl_seconds" } });
  });

  it("accepts the 24 h maximum", () => {
    expect(
      createOverride(catalog, quietState(), { ...audit, preset: "aggressive", ttlSeconds: 86_400 }, T0).ok,
    ).toBe(true);
  });

  it("refuses an unknown preset and an empty reason, never falling back", () => {
    expect(
      createOverride(catalog, quietState(), { ...audit, preset: "turbo", ttlSeconds: 60 }, T0),
    ).toMatchObject({
      ok: false,
      error: { code: "unknown_preset", field: "preset" },
    });
    expect(
      createOverride(
        catalog,
        quietState(),
        { reason: " ", actor: "a", preset: "aggressive", ttlSeconds: 60 },
        T0,
      ),
    ).toMatchObject({ ok: false, error: { code: "empty_reason", field: "reason" } });
  });
});

describe("versions and history", () => {
  it("go up by one on each accepted mutation, and not on a no-op", () => {
    const s0 = quietState();
    const s1 = ok(setBasePreset(catalog, s0, { ...audit, preset: "conservative" }, T0 + 1));
    const same = setBasePreset(catalog, s1, { ...audit, preset: "conservative" }, T0 + 2);
    expect([s0.version, s1.version]).toEqual([1, 2]);
    expect(same).toMatchObject({ ok: true, changed: false });
  });

  it("records who, what, when, why and from → to, including a lapsed override's expiry", () => {
    let s = ok(setBasePreset(catalog, quietState(), { ...audit, preset: "conservative" }, T0 + 1));
    s = ok(createOverride(catalog, s, { ...audit, preset: "aggressive", ttlSeconds: 60 }, T0 + 2));
    const history = historyAt(s, T0 + 100);
    expect(history.map((h) => [h.action, h.from, h.to, h.actor, h.at])).toEqual([
      ["set_preset", "balanced", "conservative", "alice", T0 + 1],
      ["override_created", "conservative", "aggressive", "alice", T0 + 2],
      ["override_expired", "aggressive", "conservative", "system", T0 + 62],
    ]);
    expect(historyAt(s, T0 + 61).map((h) => h.action)).not.toContain("override_expired");
    expect(s.history).toHaveLength(2);
  });

  it("revert clears the override, restores the known-good preset, and is idempotent", () => {
    let s = ok(setBasePreset(catalog, quietState(), { ...audit, preset: "aggressive" }, T0 + 1));
    s = ok(createOverride(catalog, s, { ...audit, preset: "conservative", ttlSeconds: 600 }, T0 + 2));
    const reverted = revert(catalog, s, { reason: "rollback", actor: "bob" }, T0 + 3);
    expect(reverted).toMatchObject({ ok: true, changed: true });
    const after = ok(reverted);
    expect(statusAt(after, T0 + 3)).toMatchObject({ base_preset: "balanced", override: null, version: 4 });
    expect(revert(catalog, after, { reason: "rollback", actor: "bob" }, T0 + 4)).toEqual({
      ok: true,
      state: after,
      changed: false,
    });
  });
});
