import { errorMessage } from "../common/index.js";
import { type CheckMode, ConformFailure } from "./checks.js";
import { type Credentials, Target, TransportError } from "./client.js";
import {
  type Counterexample,
  type Need,
  PROPERTIES,
  type Property,
  PropertySkipped,
  SequenceFailure,
} from "./properties/index.js";
import { Session } from "./session.js";

/** The seed when none is given: a constant, so two runs against the same target make the same calls. */
export const DEFAULT_SEED = 20260101;
export const DEFAULT_RUNS = 60;
export const QUICK_RUNS = 15;

export interface ConformOptions {
  apiUrl: string;
  credentials: Credentials;
  seed: number;
  runs: number;
  mode: CheckMode;
  quick: boolean;
  realClock: boolean;
  /** Only these properties; all when empty. */
  only: readonly string[];
  /** How long one call may take, its body included; 15 s unless set. */
  timeoutSeconds?: number;
  /** Called with each result as it is known, for a live report. */
  onResult?: (result: PropertyResult) => void;
}

export type Outcome = "pass" | "fail" | "skip";

export interface PropertyResult {
  name: string;
  outcome: Outcome;
  sequences: number;
  calls: number;
  reason: string | null;
  counterexample: Counterexample | null;
}

export interface ConformRun {
  mode: CheckMode;
  quick: boolean;
  seed: number;
  runs: number;
  twinControls: boolean;
  realClock: boolean;
  results: PropertyResult[];
  /** Wall time per property and in all, in ms: never part of the deterministic report. */
  durations: Record<string, number>;
}

/** Why a property cannot run against this target, or null when it can. */
function unmet(need: Need | undefined, session: Session, realClock: boolean): string | null {
  if (need === "twin-controls" && !session.twinControls) {
    return "needs the twin's clock and telemetry controls (GET /__twin/clock did not answer)";
  }
  if (need === "clock" && !session.twinControls && !realClock) {
    return "needs the twin's clock, or --real-clock to wait on the server's own clock";
  }
  return null;
}

const skip = (name: string, reason: string): PropertyResult => ({
  name,
  outcome: "skip",
  sequences: 0,
  calls: 0,
  reason,
  counterexample: null,
});

async function runOne(
  property: Property,
  session: Session,
  options: ConformOptions,
): Promise<PropertyResult> {
  const reason = unmet(property.needs, session, options.realClock);
  if (reason) return skip(property.name, reason);
  const callsBefore = session.target.calls;
  const base = { name: property.name, counterexample: null, reason: null };
  try {
    const { sequences } = await property.run({
      session,
      seed: options.seed,
      runs: options.runs,
      realClock: options.realClock,
    });
    return { ...base, outcome: "pass", sequences, calls: session.target.calls - callsBefore };
  } catch (err) {
    if (err instanceof TransportError) throw err;
    if (err instanceof PropertySkipped) return skip(property.name, err.message);
    const calls = session.target.calls - callsBefore;
    const message =
      err instanceof ConformFailure ? err.message : `the check itself failed: ${errorMessage(err)}`;
    const sequence = err instanceof SequenceFailure ? err : null;
    return {
      ...base,
      outcome: "fail",
      sequences: sequence?.sequences ?? 1,
      calls,
      reason: message,
      counterexample: sequence?.counterexample ?? null,
    };
  }
}

/** Runs every property (or the chosen ones) against one target, one after another. */
export async function runConformance(options: ConformOptions): Promise<ConformRun> {
  const target = new Target(options.apiUrl, options.credentials, options.timeoutSeconds);
  const session = await Session.open(target, options.mode);
  const durations: Record<string, number> = {};
  const results: PropertyResult[] = [];
  const started = performance.now();
  for (const property of PROPERTIES) {
    if (options.only.length > 0 && !options.only.includes(property.name)) continue;
    const t0 = performance.now();
    const result = await runOne(property, session, options);
    durations[property.name] = Math.round(performance.now() - t0);
    results.push(result);
    options.onResult?.(result);
  }
  durations.total = Math.round(performance.now() - started);
  return {
    mode: options.mode,
    quick: options.quick,
    seed: options.seed,
    runs: options.runs,
    twinControls: session.twinControls,
    realClock: options.realClock,
    results,
    durations,
  };
}

export const PROPERTY_NAMES: readonly string[] = PROPERTIES.map((p) => p.name);
