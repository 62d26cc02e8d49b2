import type { Bench } from "tinybench";
import {
  createOverride,
  deriveStatus,
  ingestSample,
  initialState,
  loadCatalogFile,
  type PolicyState,
  resolve,
} from "../../src/policy/index.js";

const T0 = 1_767_225_600;

/** The policy engine's hot paths: what every status read and every dispatch decision pays. */
export function addPolicyBenchmarks(bench: Bench): void {
  const catalog = loadCatalogFile();
  const sampled = ingestSample(
    catalog,
    initialState(catalog),
    { new_file: 75, document_conversion_input: 3, titus_input: 0 },
    T0,
  );
  if (!sampled.ok) throw new Error(sampled.error.message);
  const overridden = createOverride(
    catalog,
    sampled.state,
    { preset: "aggressive", ttlSeconds: 1200, reason: "bench", actor: "bench" },
    T0,
  );
  if (!overridden.ok) throw new Error(overridden.error.message);
  const state: PolicyState = overridden.state;

  bench.add("policy: status derivation", () => {
    deriveStatus(catalog, state, T0 + 90);
  });
  bench.add("policy: override resolution", () => {
    resolve(catalog, state, T0 + 90);
  });
}
