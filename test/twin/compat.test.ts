import { describe, expect, it } from "vitest";
import { call, POLICY, twin } from "./helpers.js";

/** The fields the earlier Bash client prints. Its calls must keep working unchanged. */
const PRINTED = [
  "requested_preset",
  "active_preset",
  "policy_active",
  "queue_pressure_level",
  "fail_safe",
  "fail_safe_reason",
  "sustained_seconds",
  "sustained_seconds_required",
  "cooldown_remaining_seconds",
];

describe("twin: the earlier Bash client's calls", () => {
  it.each([
    ["GET", `${POLICY}/status?preset=aggressive`, false],
    ["GET", `${POLICY}/status?preset=aggressive&telemetry_stale=true`, true],
    ["POST", `${POLICY}/evaluate?preset=aggressive`, false],
  ])("%s %s works with Basic n:n and carries every printed field", async (method, path, stale) => {
    const t = await twin();
    const r = await call(t, method, path, { auth: "n:n" });
    expect(r.status).toBe(200);
    for (const field of PRINTED) expect(r.json).toHaveProperty(field);
    expect(r.json.requested_preset).toBe("aggressive");
    expect(r.json.fail_safe).toBe(stale);
    for (const c of r.json.class_states) {
      expect(Object.keys(c)).toEqual(
        expect.arrayContaining([
          "class_name",
          "active_parallelism",
          "minimum_floor",
          "deferred_admission",
          "reason",
        ]),
      );
    }
    for (const q of r.json.queue_states) {
      expect(Object.keys(q)).toEqual(
        expect.arrayContaining([
          "queue",
          "queued_messages",
          "warning_threshold",
          "critical_threshold",
          "severity",
        ]),
      );
    }
  });
});
