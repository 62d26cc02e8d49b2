import { relative } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_CATALOG_PATH, loadCatalogFile } from "../../src/policy/index.js";
import { policyInvariantProperty } from "./invariants.model.js";

/** The candidate catalog: the shipped one unless the gate is pointed at another. Named relative to the checkout. */
const catalogPath = process.env.GATE_CATALOG ?? relative(process.cwd(), DEFAULT_CATALOG_PATH);

// A fixed seed: the gate's verdict must be the same on the same inputs. The gate passes its config's values.
const GATE_SEED = Number(process.env.GATE_SEED ?? 20_261_125);
const GATE_RUNS = Number(process.env.GATE_RUNS ?? 1000);

describe(`policy invariants of ${catalogPath}`, () => {
  const catalog = loadCatalogFile(catalogPath);

  it("the catalog passes its schema and every catalog rule", () => {
    expect(catalog.presets.length).toBeGreaterThan(0);
  });

  it(`all six invariants hold over ${GATE_RUNS} seeded operation sequences`, () => {
    fc.assert(policyInvariantProperty(catalog), { numRuns: GATE_RUNS, seed: GATE_SEED });
  });
});
