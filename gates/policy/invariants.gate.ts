import { readFileSync } from "node:fs";
import { relative } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_CATALOG_PATH, loadCatalogFile, validateCatalog } from "../../src/policy/index.js";
import { policyInvariantProperty } from "./invariants.model.js";

/** The candidate catalog: the shipped one unless the gate is pointed at another. Named relative to the checkout. */
const catalogPath = process.env.GATE_CATALOG ?? relative(process.cwd(), DEFAULT_CATALOG_PATH);
/** How the checks name it: relative to the repository under test, the same in every checkout of it. */
const catalogName = process.env.GATE_CATALOG_NAME ?? catalogPath;

// A fixed seed: the gate's verdict must be the same on the same inputs. The gate passes its config's values.
const GATE_SEED = Number(process.env.GATE_SEED ?? 20_261_125);
const GATE_RUNS = Number(process.env.GATE_RUNS ?? 1000);

// The catalog is read inside each test, not while the suite is collected: a broken catalog then fails these tests
// by name, with its issues in the failure message, instead of failing the file before any test exists.
describe(`policy invariants of ${catalogName}`, () => {
  it("the catalog passes its schema and every catalog rule", () => {
    const raw: unknown = JSON.parse(readFileSync(catalogPath, "utf8"));
    const result = validateCatalog(raw);
    const issues = result.ok ? [] : result.issues.map((i) => `${i.path}: ${i.message} [${i.rule}]`);
    expect(issues, `catalog issues: ${issues.join("; ")}`).toEqual([]);
    const catalog = loadCatalogFile(catalogPath);
    expect(catalog).toEqual(raw);
    const presets = catalog.presets.map((p) => p.name);
    for (const role of ["default_preset", "known_good_preset", "fail_safe_preset"] as const)
      expect(presets, `${role} names one of the catalog's presets`).toContain(catalog[role]);
  });

  it(`all six invariants hold over ${GATE_RUNS} seeded operation sequences`, () => {
    const catalog = loadCatalogFile(catalogPath);
    fc.assert(policyInvariantProperty(catalog), { numRuns: GATE_RUNS, seed: GATE_SEED });
  });
});
