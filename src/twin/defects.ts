import {
  type Catalog,
  findPreset,
  ingestFailure,
  ingestSample,
  type OpResult,
  type PolicyState,
  type PolicyStatus,
} from "../policy/index.js";
import type { DispatchCaps } from "./sim/dispatch.js";

/**
 * The rules of the twin that a defect may replace. The model and the simulation call each rule through this one
 * hook; `HEALTHY_RULES` holds the behaviour of a correct deployment.
 */
export interface TwinRules {
  /** The preset a request names, as the twin takes it. Healthy: as named; an unknown one is refused later. */
  presetNamed(catalog: Catalog, preset: string | undefined): string | undefined;
  /** The policy state as reads and dispatch see it at `at`. Healthy: the stored state. */
  stateSeen(state: PolicyState, at: number): PolicyState;
  /** The state after a plain status read. Healthy: unchanged (invariant 5). */
  stateAfterRead(state: PolicyState, now: number): PolicyState;
  /** The status as served. Healthy: as derived. */
  statusServed(status: PolicyStatus): PolicyStatus;
  /** What a failing telemetry source does to the state. Healthy: it is recorded, which means fail-safe. */
  telemetryFailed(catalog: Catalog, state: PolicyState, now: number): OpResult;
  /** The per-class numbers the simulation dispatches with. Healthy: the preset's own. */
  dispatchCaps(caps: DispatchCaps): DispatchCaps;
}

export const HEALTHY_RULES: TwinRules = {
  presetNamed: (_catalog, preset) => preset,
  stateSeen: (state) => state,
  stateAfterRead: (state) => state,
  statusServed: (status) => status,
  telemetryFailed: (catalog, state, now) =>
    ingestFailure(catalog, state, "queue telemetry source is failing", now),
  dispatchCaps: (caps) => caps,
};

/** A known-bad deployment: a name a scenario or gate config switches on, and the rules it replaces. */
export interface DefectSpec {
  name: string;
  description: string;
  rules: Partial<TwinRules>;
}

/** Every defect, in one table. The negative gates (`fixtures/gate/defect-*.json`) and tests switch them on by name. */
export const DEFECT_TABLE = [
  {
    name: "ignore_expensive_floor",
    description:
      "Under an active policy the lower tiers get no floor and no share while a higher tier waits.",
    rules: {
      statusServed: (status) =>
        status.policy_active
          ? {
              ...status,
              class_states: status.class_states.map((c, tier) =>
                tier === 0 ? c : { ...c, active_parallelism: 0 },
              ),
            }
          : status,
      dispatchCaps: (caps) => ({
        ...caps,
        floor: caps.floor.map(() => 0),
        shareWhileHigherWaits: caps.shareWhileHigherWaits.map(() => 0),
      }),
    },
  },
  {
    name: "override_never_expires",
    description: "The override is seen as live forever, as a client-side marker was.",
    rules: {
      stateSeen: (state, at) => {
        const o = state.override;
        return o && at >= o.expiresAt ? { ...state, override: { ...o, expiresAt: at + 1 } } : state;
      },
    },
  },
  {
    name: "unknown_preset_falls_back",
    description: "An unknown preset is silently taken as the known-good one, as the earlier client did.",
    rules: {
      presetNamed: (catalog, preset) =>
        preset === undefined || findPreset(catalog, preset) ? preset : catalog.known_good_preset,
    },
  },
  {
    name: "telemetry_error_reads_normal",
    description: "A failing telemetry source reads as empty queues instead of starting fail-safe.",
    rules: {
      telemetryFailed: (catalog, state, now) =>
        ingestSample(catalog, state, Object.fromEntries(catalog.queues.map((q) => [q.name, 0])), now),
    },
  },
  {
    name: "status_read_mutates",
    description: "A status read bumps the version and restarts the pressure timer.",
    rules: {
      stateAfterRead: (state, now) => ({
        ...state,
        version: state.version + 1,
        pressure: { ...state.pressure, elevatedSince: now },
      }),
    },
  },
] as const satisfies readonly DefectSpec[];

export type Defect = (typeof DEFECT_TABLE)[number]["name"];

export const DEFECTS: readonly Defect[] = DEFECT_TABLE.map((d) => d.name);

/** The healthy rules with each switched-on defect's replacements laid over them. */
export function twinRules(defects: readonly Defect[]): TwinRules {
  const rules = { ...HEALTHY_RULES };
  for (const defect of DEFECT_TABLE) {
    if (defects.includes(defect.name)) Object.assign(rules, defect.rules);
  }
  return rules;
}
