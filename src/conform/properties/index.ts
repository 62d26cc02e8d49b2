import { badInputBody } from "./bad-input-body.js";
import { badInputMissingAuth } from "./bad-input-missing-auth.js";
import { badInputStaleIfMatch } from "./bad-input-stale-if-match.js";
import { badInputTtl } from "./bad-input-ttl.js";
import { badInputUnknownPreset } from "./bad-input-unknown-preset.js";
import { badInputUnknownQuery } from "./bad-input-unknown-query.js";
import { concurrentOverridesOneWinner } from "./concurrent-overrides.js";
import { failSafeOnFailingTelemetry, failSafeOnStaleTelemetry } from "./fail-safe.js";
import { ifMatchRaceOneSuccess } from "./if-match-race.js";
import { modelSequences } from "./model-sequences.js";
import { overrideExpiresAtExpiresAt } from "./override-expiry.js";
import { cooldown, sustainedWindow } from "./pressure.js";
import type { Property } from "./property.js";
import { revertTwiceEqualsOnce } from "./revert-idempotent.js";
import { statusReadIsReadOnly } from "./status-read-only.js";

export type { Counterexample, Need, Property, PropertyContext } from "./property.js";
export { PropertySkipped, SequenceFailure } from "./property.js";

/** Every property, in the order the run checks and reports them. */
export const PROPERTIES: readonly Property[] = [
  modelSequences,
  concurrentOverridesOneWinner,
  ifMatchRaceOneSuccess,
  badInputUnknownPreset,
  badInputTtl,
  badInputBody,
  badInputUnknownQuery,
  badInputStaleIfMatch,
  badInputMissingAuth,
  statusReadIsReadOnly,
  revertTwiceEqualsOnce,
  overrideExpiresAtExpiresAt,
  failSafeOnStaleTelemetry,
  failSafeOnFailingTelemetry,
  sustainedWindow,
  cooldown,
];
