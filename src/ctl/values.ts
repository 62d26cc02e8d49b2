import { parseDuration } from "./duration.js";
import type { Value, ValueType } from "./spec.js";

export interface ValueContext {
  /** Preset names to accept. Without it any well-formed name passes, and the API has the last word. */
  knownPresets?: readonly string[];
  /** The longest override TTL, in seconds (24 h unless the catalog says otherwise). */
  maxTtlSeconds: number;
}

const PRESET_NAME = /^[a-z][a-z0-9_-]*$/;

/** Checks one value against its declared type; returns the parsed value, or a message naming the problem. */
export function parseValue(
  type: ValueType,
  raw: string,
  label: string,
  ctx: ValueContext,
): Value | { error: string } {
  const fail = (error: string) => ({ error });
  switch (type) {
    case "preset": {
      const known = ctx.knownPresets;
      if (!PRESET_NAME.test(raw) || (known && !known.includes(raw))) {
        return fail(`unknown preset "${raw}"${known ? ` (known: ${known.join(", ")})` : ""}`);
      }
      return raw;
    }
    case "duration":
    case "ttl": {
      const seconds = parseDuration(raw);
      if (typeof seconds === "string") return fail(`${label}: ${seconds}`);
      if (type === "ttl" && seconds > ctx.maxTtlSeconds) {
        return fail(`${label} ${raw} is longer than the maximum of ${ctx.maxTtlSeconds / 3600}h`);
      }
      return seconds;
    }
    case "seconds": {
      const n = Number(raw);
      return /^\d+$/.test(raw) && n > 0
        ? n
        : fail(`${label} must be a whole number of seconds above 0, got "${raw}"`);
    }
    case "number": {
      const n = Number(raw);
      return raw.trim() !== "" && Number.isFinite(n) && n > 0
        ? n
        : fail(`${label} must be a number above 0, got "${raw}"`);
    }
    case "url": {
      let url: URL | null = null;
      try {
        url = new URL(raw);
      } catch {
        url = null;
      }
      if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
        return fail(`${label} must be an http:// or https:// URL, got "${raw}"`);
      }
      return raw.replace(/\/+$/, "");
    }
    case "text":
    case "file":
      return raw.trim() === "" ? fail(`${label} must not be empty`) : raw;
  }
}
