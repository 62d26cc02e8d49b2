import { describe, expect, it } from "vitest";
import { feed, QUIET, quietState, statusAt, T0, WARNING } from "./helpers.js";

// balanced: sustained 60 s, cooldown 120 s, new_file warning at 50.
describe("queue-pressure activation", () => {
  const start = T0 + 10;
  const elevated = feed(quietState(), WARNING, start, start + 50);

  it("is not active one second before the sustained threshold", () => {
    const s = statusAt(elevated, start + 59);
    expect(s.queue_pressure_level).toBe("warning");
    expect(s.sustained_seconds).toBe(59);
    expect(s.sustained_seconds_required).toBe(60);
    expect(s.policy_active).toBe(false);
    expect(s.class_states.map((c) => c.deferred_admission)).toEqual([false, false]);
  });

  it("becomes active exactly at the sustained threshold", () => {
    const s = statusAt(elevated, start + 60);
    expect(s.sustained_seconds).toBe(60);
    expect(s.policy_active).toBe(true);
    expect(s.class_states.map((c) => c.deferred_admission)).toEqual([false, true]);
    expect(s.summary).toMatch(/^policy active on balanced \(preset\); pressure warning for 60s of 60s;/);
  });

  it("takes the worst queue's severity as the level", () => {
    const s = statusAt(feed(quietState(), { ...WARNING, titus_input: 60 }, start, start), start);
    expect(s.queue_states.map((q) => q.severity)).toEqual(["warning", "normal", "critical"]);
    expect(s.queue_pressure_level).toBe("critical");
  });

  it("restarts the window when pressure drops before the threshold", () => {
    const dipped = feed(feed(elevated, QUIET, start + 55, start + 55), WARNING, start + 58, start + 58);
    expect(statusAt(dipped, start + 60).policy_active).toBe(false);
    expect(statusAt(dipped, start + 58 + 60).policy_active).toBe(true);
  });

  describe("cooldown", () => {
    const active = feed(elevated, WARNING, start + 60, start + 100);
    const calm = start + 110;
    const cooling = feed(active, QUIET, calm, calm);

    it("starts when the level returns to normal, keeping the policy active", () => {
      const s = statusAt(cooling, calm);
      expect(s.queue_pressure_level).toBe("normal");
      expect(s.policy_active).toBe(true);
      expect(s.cooldown_remaining_seconds).toBe(120);
    });

    it("still holds one second before it ends", () => {
      const s = statusAt(feed(cooling, QUIET, calm + 10, calm + 119), calm + 119);
      expect(s.policy_active).toBe(true);
      expect(s.cooldown_remaining_seconds).toBe(1);
    });

    it("ends exactly at cooldown_seconds", () => {
      const s = statusAt(feed(cooling, QUIET, calm + 10, calm + 120), calm + 120);
      expect(s.policy_active).toBe(false);
      expect(s.cooldown_remaining_seconds).toBe(0);
    });

    it("is cancelled when pressure returns, without waiting for a new window", () => {
      const back = feed(cooling, WARNING, calm + 30, calm + 30);
      const s = statusAt(back, calm + 30);
      expect(s.policy_active).toBe(true);
      expect(s.cooldown_remaining_seconds).toBe(0);
    });
  });
});
