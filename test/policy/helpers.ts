import {
  type Catalog,
  deriveStatus,
  ingestSample,
  initialState,
  loadCatalogFile,
  type OpResult,
  type PolicyState,
} from "../../src/policy/index.js";

export const catalog: Catalog = loadCatalogFile();
export const T0 = 1_767_225_600; // 2026-01-01T00:00:00Z

export function ok(result: OpResult): PolicyState {
  if (!result.ok) throw new Error(`operation refused: ${result.error.code}: ${result.error.message}`);
  return result.state;
}

export const QUIET = { new_file: 0, document_conversion_input: 0, titus_input: 0 };
/** new_file at balanced's warning threshold (50), the rest quiet. */
export const WARNING = { ...QUIET, new_file: 50 };

/** A deployment that has had quiet telemetry at T0. */
export function quietState(): PolicyState {
  return ok(ingestSample(catalog, initialState(catalog), QUIET, T0));
}

/** Feeds the same sample every `step` seconds from `from` up to and including `to`. */
export function feed(
  state: PolicyState,
  depths: Record<string, number>,
  from: number,
  to: number,
  step = 10,
): PolicyState {
  let s = state;
  for (let t = from; t <= to; t += step) s = ok(ingestSample(catalog, s, depths, t));
  return s;
}

export const statusAt = (state: PolicyState, now: number) => deriveStatus(catalog, state, now);
