/**
 * The policy engine: pure functions over a catalog, a state and an injected `now`. Nothing here reads a clock,
 * a file or the network, except `loadCatalogFile`, the one edge for reading the catalog from disk.
 */

export type { CatalogResult } from "./catalog.js";
export { classifyFile, findPreset, presetOf, toJsonPath, validateCatalog } from "./catalog.js";
export {
  CATALOG_SCHEMA_PATH,
  CatalogError,
  DEFAULT_CATALOG_PATH,
  loadCatalogFile,
} from "./catalog-file.js";
export type { CatalogIssue, CatalogRule } from "./catalog-rules/index.js";
export { catalogRules } from "./catalog-rules/index.js";
export { historyAt } from "./history.js";
export * from "./invariants.js";
export type { Audit, OverrideInput } from "./operations.js";
export { clearOverride, createOverride, revert, setBasePreset } from "./operations.js";
export { levelOf, severityOf } from "./pressure.js";
export { overrideInEffect, resolve } from "./resolve.js";
export { initialState } from "./state.js";
export { deriveStatus, evaluateWhatIf, isoTime } from "./status.js";
export { dispatchLimits, ingestFailure, ingestSample, policyActiveAt } from "./telemetry.js";
export type * from "./types.js";
