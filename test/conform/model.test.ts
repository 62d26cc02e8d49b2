import { describe, expect, it } from "vitest";
import {
  adoptOverrideId,
  catalogFromContract,
  expectMutation,
  historyMismatches,
  type Model,
  modelFromStatus,
  statusMismatches,
  whatIfMismatches,
} from "../../src/conform/model.js";
import { deriveStatus, initialState, isoTime, loadCatalogFile } from "../../src/policy/index.js";

const catalog = loadCatalogFile();
const EPOCH = 1_767_225_600; // 2026-01-01T00:00:00Z

function fresh(): Model {
  return { catalog, state: initialState(catalog), now: EPOCH, historyOffset: 0 };
}

const reason = "conformance check";

describe("the conformance model", () => {
  it("reads the contract's catalog into the engine's", () => {
    const contractForm = {
      workers: catalog.deployment.workers,
      default_preset: catalog.default_preset,
      known_good_preset: catalog.known_good_preset,
      fail_safe_preset: catalog.fail_safe_preset,
      max_override_ttl_seconds: catalog.max_override_ttl_seconds,
      telemetry_stale_after_seconds: catalog.telemetry_stale_after_seconds,
      classes: catalog.classes,
      queues: catalog.queues,
      presets: catalog.presets,
    };
    const { $schema: _, ...plain } = catalog as typeof catalog & { $schema?: string };
    expect(catalogFromContract(contractForm)).toEqual(plain);
  });

  it("expects 201 for a create, 409 for a second without replace, 200 with replace", () => {
    const m = fresh();
    const create = {
      kind: "create_override",
      preset: "aggressive",
      ttlSeconds: 60,
      reason,
      replace: false,
    } as const;
    const first = expectMutation(m, create, EPOCH);
    expect(first).toMatchObject({ status: 201, changed: true, code: null });
    const after = { ...m, state: first.next };
    expect(expectMutation(after, create, EPOCH)).toMatchObject({ status: 409, code: "override_conflict" });
    expect(expectMutation(after, { ...create, replace: true }, EPOCH).status).toBe(201);
    // Once it has lapsed, a plain create is accepted again.
    expect(expectMutation(after, create, EPOCH + 60).status).toBe(201);
  });

  it("expects 422 for an unknown preset, a bad TTL and a blank reason; 404 for clearing nothing", () => {
    const m = fresh();
    const set = (preset: string, r = reason) =>
      expectMutation(m, { kind: "set_preset", preset, reason: r }, EPOCH);
    expect(set("no-such-preset")).toMatchObject({ status: 422, code: "unknown_preset" });
    expect(set("aggressive", "  ")).toMatchObject({ status: 422, code: "empty_reason" });
    const ttl = (ttlSeconds: number) =>
      expectMutation(
        m,
        { kind: "create_override", preset: "aggressive", ttlSeconds, reason, replace: false },
        EPOCH,
      );
    expect(ttl(0).status).toBe(422);
    expect(ttl(catalog.max_override_ttl_seconds + 1).status).toBe(422);
    expect(expectMutation(m, { kind: "clear_override", reason }, EPOCH)).toMatchObject({
      status: 404,
      code: "no_active_override",
    });
  });

  it("expects a second revert to change nothing (invariant 4)", () => {
    const m = fresh();
    const set = expectMutation(m, { kind: "set_preset", preset: "aggressive", reason }, EPOCH);
    const once = expectMutation({ ...m, state: set.next }, { kind: "revert", reason }, EPOCH);
    expect(once).toMatchObject({ status: 200, changed: true });
    const twice = expectMutation({ ...m, state: once.next }, { kind: "revert", reason }, EPOCH);
    expect(twice).toMatchObject({ status: 200, changed: false });
    expect(twice.next.version).toBe(once.next.version);
  });

  it("takes the server's override id, in the state and the history", () => {
    const m = fresh();
    const created = expectMutation(
      m,
      { kind: "create_override", preset: "aggressive", ttlSeconds: 60, reason, replace: false },
      EPOCH,
    );
    const adopted = adoptOverrideId(created.next, "srv-7");
    expect(adopted.override?.id).toBe("srv-7");
    expect(adopted.history.at(-1)?.override_id).toBe("srv-7");
  });

  it("names the field where a status disagrees, and only the policy fields", () => {
    const m = fresh();
    const served = deriveStatus(catalog, m.state, EPOCH);
    expect(statusMismatches(m, EPOCH, served)).toEqual([]);
    // Telemetry is the target's: a different pressure reading is no mismatch.
    expect(statusMismatches(m, EPOCH, { ...served, queue_pressure_level: "critical" })).toEqual([]);
    expect(statusMismatches(m, EPOCH, { ...served, version: 2 })).toEqual([
      "status: version is 2, the model says 1",
    ]);
  });

  it("starts from what the target reports, and compares history only after that", () => {
    const served = deriveStatus(
      catalog,
      { ...initialState(catalog), version: 9, basePreset: "aggressive" },
      EPOCH,
    );
    const m = modelFromStatus(catalog, served, 3);
    expect(m.state.version).toBe(9);
    expect(m.state.basePreset).toBe("aggressive");
    const older = {
      at: isoTime(EPOCH),
      action: "set_preset",
      reason,
      from: "a",
      to: "b",
      version: 2,
      override_id: null,
    };
    expect(historyMismatches(m, EPOCH, [older, older, older])).toEqual([]);
    expect(historyMismatches(m, EPOCH, [older, older, older, older])[0]).toMatch(
      /^history entry 1 is set_preset/,
    );
  });

  it("expects a what-if of an unknown preset to be refused, and no what-if to be the plain status", () => {
    const m = fresh();
    expect(whatIfMismatches(m, EPOCH, { preset: "no-such-preset" }, 200, {})).toEqual([
      "what-if answered HTTP 200, the model says 422 (unknown_preset)",
    ]);
    const plain = deriveStatus(catalog, m.state, EPOCH);
    expect(whatIfMismatches(m, EPOCH, { telemetryStale: false }, 200, plain)).toEqual([]);
  });
});
