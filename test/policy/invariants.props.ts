import fc from "fast-check";
import { describe, it } from "vitest";
import { policyInvariantProperty } from "../../gates/policy/invariants.model.js";
import { loadCatalogFile } from "../../src/policy/index.js";

describe("policy invariants (model-based, fresh seed)", () => {
  it("hold for 10,500 random sequences of up to 40 operations and clock moves", () => {
    // No fixed seed here: every run explores new sequences. A failure prints the seed and the shrunk command list
    // (fast-check's `seed` and `path`), which replay it exactly: fc.assert(prop, { seed, path }).
    fc.assert(policyInvariantProperty(loadCatalogFile()), { numRuns: 10_500 });
  });
});
