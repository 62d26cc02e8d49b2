import type { Status } from "../../contract/index.js";
import { ConformFailure } from "../checks.js";
import type { Reply } from "../client.js";
import type { Session } from "../session.js";

export interface PropertyContext {
  session: Session;
  seed: number;
  /** How many sequences a randomised property runs. */
  runs: number;
  /** The target has no twin clock, but the run may take real time for the time-dependent checks. */
  realClock: boolean;
}

/** A failing sequence, shrunk, with what replays it. */
export interface Counterexample {
  commands: string[];
  seed: number;
  path: string;
}

export interface PropertyRun {
  sequences: number;
}

/** What a property needs of the target beyond the contract. */
export type Need = "twin-controls" | "clock";

export interface Property {
  name: string;
  /** What a failure means: the behaviour it catches, one line. */
  catches: string;
  needs?: Need;
  run(ctx: PropertyContext): Promise<PropertyRun>;
}

/** A property failed on a shrunk sequence. */
export class SequenceFailure extends ConformFailure {
  constructor(
    message: string,
    readonly counterexample: Counterexample,
    /** Every sequence run, the shrinking ones included. */
    readonly sequences: number,
  ) {
    super(message);
  }
}

/** The refusal the contract gives: its status and the error body's shape (full mode; schema-only checks the schema). */
export function expectRefusal(s: Session, reply: Reply, status: number, what: string): void {
  s.expectStatus(reply, status, what);
}

/** The policy fields a read or a refusal must leave as they were. */
export function policyFields(status: Status) {
  const o = status.override;
  return {
    version: status.version,
    base_preset: status.base_preset,
    requested_preset: status.requested_preset,
    active_preset: status.active_preset,
    override: o ? `${o.id} ${o.preset} ${o.created_at}..${o.expires_at}` : null,
  };
}

/** Fails (full mode) when the status's policy fields moved since `before`. */
export async function expectUnchanged(s: Session, before: Status, after: string): Promise<void> {
  const { status } = await s.status();
  const was = JSON.stringify(policyFields(before));
  const now = JSON.stringify(policyFields(status));
  if (was !== now) s.check([`after ${after} the policy moved from ${was} to ${now}`]);
}

export const reason = (what: string) => `conformance check: ${what}`;

/** The target cannot take this property's check (a control it lacks): reported as skipped, never passed. */
export class PropertySkipped extends Error {
  override name = "PropertySkipped";
}
