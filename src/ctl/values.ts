import { BUILTIN_TYPES, type ValueParser } from "../cli/index.js";
import { parseDuration } from "./duration.js";
import { MAX_WATCH_SECONDS, type ValueType } from "./spec.js";

export interface ValueContext {
  /** Preset names to accept. Without it any well-formed name passes, and the API has the last word. */
  knownPresets?: readonly string[];
  /** The longest override TTL, in seconds (24 h unless the catalog says otherwise). */
  maxTtlSeconds: number;
}

const PRESET_NAME = /^[a-z][a-z0-9_-]*$/;

function atMost(
  parsed: ReturnType<ValueParser>,
  max: number,
  label: string,
  human: string,
): ReturnType<ValueParser> {
  if (typeof parsed === "number" && parsed > max) {
    return { error: `${label} must be at most ${max} seconds (${human}), got ${parsed}` };
  }
  return parsed;
}

/** The shared value types plus nemesis-ctl's own, which depend on the presets and the longest TTL. */
export function valueTypes(ctx: ValueContext): Record<ValueType, ValueParser> {
  const duration = (raw: string, label: string) => {
    const seconds = parseDuration(raw);
    return typeof seconds === "string" ? { error: `${label}: ${seconds}` } : seconds;
  };
  return {
    ...BUILTIN_TYPES,
    interval: (raw, label) => atMost(BUILTIN_TYPES.seconds(raw, label), MAX_WATCH_SECONDS, label, "24h"),
    preset: (raw) => {
      const known = ctx.knownPresets;
      if (!PRESET_NAME.test(raw) || (known && !known.includes(raw))) {
        return { error: `unknown preset "${raw}"${known ? ` (known: ${known.join(", ")})` : ""}` };
      }
      return raw;
    },
    duration,
    ttl: (raw, label) => {
      const seconds = duration(raw, label);
      if (typeof seconds === "number" && seconds > ctx.maxTtlSeconds) {
        return { error: `${label} ${raw} is longer than the maximum of ${ctx.maxTtlSeconds / 3600}h` };
      }
      return seconds;
    },
  };
}
