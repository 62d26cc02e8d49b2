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
  /**
   * Runs a mutation: `act` checks If-Match and the policy's own rules, then commits. Healthy: atomic, with nothing
   * between check and commit. `state` reads the state the checks see and puts it back, for a rule that spaces them.
   */
  mutationRun<T>(act: () => T, state: StateAccess): T | Promise<T>;
  /** Whether an If-Match tag naming `named` lets a change to version `current` through. Healthy: only the same. */
  versionMatches(named: number, current: number): boolean;
  /** The first query parameter an endpoint that knows only `known` refuses. Healthy: the first it does not know. */
  unknownQueryParameter(keys: readonly string[], known: readonly string[]): string | undefined;
  /** Who a request without credentials acts as. Healthy: nobody, so it gets 401. */
  anonymousActor(): string | null;
  /** The body of an API error answer (4xx, 5xx). Healthy: the contract's error object. */
  errorBody(error: ApiError): unknown;
  /** The status as GET status and evaluate write it. Healthy: every field. */
  statusBody(status: PolicyStatus): unknown;
}

/** The state a mutation's checks read, and a way to put it back. */
export interface StateAccess {
  saved(): PolicyState;
  restore(state: PolicyState): void;
}

/** The contract's error object, under `error` in every 4xx and 5xx answer. */
export interface ApiError {
  code: string;
  message: string;
  field: string | null;
}

/** How long a racy mutation waits between its checks and its commit: long enough for loopback requests to overlap. */
const RACE_GAP_MS = 100;

export const HEALTHY_RULES: TwinRules = {
  presetNamed: (_catalog, preset) => preset,
  stateSeen: (state) => state,
  stateAfterRead: (state) => state,
  statusServed: (status) => status,
  telemetryFailed: (catalog, state, now) =>
    ingestFailure(catalog, state, "queue telemetry source is failing", now),
  dispatchCaps: (caps) => caps,
  mutationRun: (act) => act(),
  versionMatches: (named, current) => named === current,
  unknownQueryParameter: (keys, known) => keys.find((key) => !known.includes(key)),
  anonymousActor: () => null,
  errorBody: (error) => ({ error }),
  statusBody: (status) => status,
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
  {
    name: "override_race",
    description:
      "A change is checked, then committed after a gap, so concurrent changes all pass the override and If-Match checks.",
    rules: {
      mutationRun: async (act, state) => {
        const seen = state.saved();
        await new Promise((resolve) => setTimeout(resolve, RACE_GAP_MS));
        state.restore(seen);
        return act();
      },
    },
  },
  {
    name: "stale_if_match_accepted",
    description:
      "If-Match naming an older version is taken as current, so a change based on a stale read goes through.",
    rules: {
      versionMatches: (named, current) => named <= current,
    },
  },
  {
    name: "unknown_query_ignored",
    description: "Unknown query parameters on GET status and GET history are ignored instead of refused.",
    rules: {
      unknownQueryParameter: () => undefined,
    },
  },
  {
    name: "auth_not_required",
    description: "A request without credentials is served, as an anonymous actor, instead of refused.",
    rules: {
      anonymousActor: () => "anonymous",
    },
  },
  {
    name: "error_body_untyped",
    description: 'Error answers carry only {"message": ...}, without the contract\'s error object.',
    rules: {
      errorBody: (error) => ({ message: error.message }),
    },
  },
  {
    name: "status_missing_field",
    description: "GET status and evaluate leave out the required summary field.",
    rules: {
      statusBody: ({ summary: _summary, ...rest }) => rest,
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
