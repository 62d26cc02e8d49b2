import { parseDuration } from "./duration.js";

const PRESET_NAME = /^[a-z][a-z0-9_-]*$/;
/** Checks one value against its declared type; returns the parsed value, or a message naming the problem. */
export function parseValue(type, raw, label, ctx) {
  const fail = (error) => ({ error });
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
      let url = null;
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
