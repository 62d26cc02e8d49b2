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
  it("hold for 1,000 seeded random sequences of up to 40 operations and clock moves", () => {
    // A fixed seed keeps this run the same on every machine; npm run test:props explores 10,500 fresh ones.
    fc.assert(policyInvariantProperty(catalog), { numRuns: 1_000, seed: 20261130 });
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
