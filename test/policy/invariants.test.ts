import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { policyInvariantProperty } from "../../gates/policy/invariants.model.js";
import {
  checkStatusInvariants,
  deriveStatus,
  initialState,
  loadCatalogFile,
} from "../../src/policy/index.js";

const catalog = loadCatalogFile();

describe("policy invariants (model-based)", () => {
  it("hold for 10,500 random sequences of up to 40 operations and clock moves", () => {
    // No fixed seed here: every run explores new sequences. A failure prints the seed and the shrunk command list
    // (fast-check's `seed` and `path`), which replay it exactly: fc.assert(prop, { seed, path }).
    fc.assert(policyInvariantProperty(catalog), { numRuns: 10_500 });
  });

  it("names the invariant a status breaks", () => {
    const status = deriveStatus(catalog, initialState(catalog), 0);
    const broken = {
      ...status,
      class_states: status.class_states.map((c) => ({ ...c, minimum_floor: 0, active_parallelism: 0 })),
    };
    expect(checkStatusInvariants(catalog, broken, null, 0).map((v) => v.invariant)).toContain(1);
  });
});
