import { describe, expect, it } from "vitest";
import {
  createOverride,
  evaluateWhatIf,
  ingestFailure,
  ingestSample,
  initialState,
} from "../../src/policy/index.js";
import { catalog, feed, ok, QUIET, quietState, statusAt, T0 } from "./helpers.js";

describe("fail-safe", () => {
  it("is on before any telemetry arrives", () => {
    const s = statusAt(initialState(catalog), T0);
    expect(s).toMatchObject({
      fail_safe: true,
      active_preset: "conservative",
      fail_safe_reason: "no telemetry received",
    });
    expect(s.queue_states.every((q) => q.severity === "unknown" && q.queued_messages === null)).toBe(true);
  });

  it("is entered on a telemetry failure, never read as zero messages", () => {
    const failed = ok(ingestFailure(catalog, quietState(), "broker unreachable", T0 + 5));
    const s = statusAt(failed, T0 + 5);
    expect(s).toMatchObject({
      fail_safe: true,
      telemetry_stale: true,
      policy_active: true,
      requested_preset: "balanced",
      active_preset: "conservative",
      queue_pressure_level: "unknown",
      fail_safe_reason: "telemetry failed: broker unreachable",
    });
    expect(s.class_states.map((c) => [c.source, c.active_parallelism])).toEqual([
      ["fail_safe", 2],
      ["fail_safe", 1],
    ]);
    expect(s.summary).toMatch(/^FAIL-SAFE on conservative/);
  });

  it("is entered when the last sample is older than the staleness limit, and not at the limit", () => {
    const state = quietState();
    expect(statusAt(state, T0 + 60).fail_safe).toBe(false);
    expect(statusAt(state, T0 + 61)).toMatchObject({
      fail_safe: true,
      fail_safe_reason: "telemetry stale: last sample 61s old (limit 60s)",
    });
  });

  it("is entered when a queue is missing from the sample", () => {
    const partial = ok(ingestSample(catalog, initialState(catalog), { new_file: 1, titus_input: 0 }, T0));
    expect(statusAt(partial, T0).fail_safe_reason).toBe(
      "telemetry missing for queue document_conversion_input",
    );
  });

  it("is left on the next good sample, cooling down rather than dropping limits at once", () => {
    const failed = ok(ingestFailure(catalog, quietState(), "broker unreachable", T0 + 5));
    const recovered = feed(failed, QUIET, T0 + 20, T0 + 20);
    const s = statusAt(recovered, T0 + 20);
    expect(s).toMatchObject({ fail_safe: false, active_preset: "balanced", policy_active: true });
    expect(s.cooldown_remaining_seconds).toBe(120);
    expect(statusAt(feed(recovered, QUIET, T0 + 30, T0 + 140), T0 + 140).policy_active).toBe(false);
  });

  it("wins over an override created during it, which applies once telemetry recovers", () => {
    const failed = ok(ingestFailure(catalog, quietState(), "timeout", T0 + 5));
    const overridden = ok(
      createOverride(
        catalog,
        failed,
        { preset: "aggressive", ttlSeconds: 600, reason: "import", actor: "a" },
        T0 + 6,
      ),
    );
    expect(statusAt(overridden, T0 + 6)).toMatchObject({
      requested_preset: "aggressive",
      active_preset: "conservative",
      fail_safe: true,
    });
    expect(statusAt(overridden, T0 + 6).class_states[0]?.source).toBe("fail_safe");
    const recovered = feed(overridden, QUIET, T0 + 10, T0 + 10);
    expect(statusAt(recovered, T0 + 10)).toMatchObject({ active_preset: "aggressive", fail_safe: false });
    expect(statusAt(recovered, T0 + 10).class_states[1]).toMatchObject({
      source: "override",
      active_parallelism: 2,
    });
  });

  it("what-if stale shows the fail-safe state and changes nothing", () => {
    const state = quietState();
    const result = evaluateWhatIf(catalog, state, T0, { telemetryStale: true, preset: "aggressive" });
    expect(result.ok && result.status).toMatchObject({
      fail_safe: true,
      requested_preset: "aggressive",
      active_preset: "conservative",
      what_if: { preset: "aggressive", telemetry_stale: true },
    });
    expect(statusAt(state, T0).fail_safe).toBe(false);
    expect(evaluateWhatIf(catalog, state, T0, { preset: "turbo" })).toMatchObject({
      ok: false,
      error: { code: "unknown_preset" },
    });
  });
});
