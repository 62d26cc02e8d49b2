/**
 * Conformance of any implementation of the throughput-policy API, over HTTP only: model-based sequences checked
 * against the policy engine, concurrency and bad-input probes, and time-dependent checks where the target lets us
 * move its clock. Pure core (model.ts, checks.ts, report.ts); thin edge (client.ts).
 */
export type { CheckMode } from "./checks.js";
export { ConformFailure } from "./checks.js";
export type { Credentials } from "./client.js";
export { DEFAULT_TIMEOUT_SECONDS, TransportError } from "./client.js";
export { PROPERTIES } from "./properties/index.js";
export { closingLine, counts, jsonReport, resultLines } from "./report.js";
export {
  type ConformOptions,
  type ConformRun,
  DEFAULT_RUNS,
  DEFAULT_SEED,
  PROPERTY_NAMES,
  type PropertyResult,
  QUICK_RUNS,
  runConformance,
} from "./run.js";
