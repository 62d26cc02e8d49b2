import { findPreset } from "./catalog.js";
import type { Catalog, PolicyError } from "./types.js";

export function checkPreset(catalog: Catalog, name: unknown, field = "preset"): PolicyError | null {
  if (typeof name === "string" && findPreset(catalog, name)) return null;
  const known = catalog.presets.map((p) => p.name).join(", ");
  return {
    code: "unknown_preset",
    field,
    message: `unknown preset ${JSON.stringify(name)} (known: ${known})`,
  };
}

export function checkReason(reason: unknown): PolicyError | null {
  if (typeof reason === "string" && reason.trim() !== "") return null;
  return { code: "empty_reason", field: "reason", message: "a reason is required and must not be empty" };
}

export function checkActor(actor: unknown): PolicyError | null {
  if (typeof actor === "string" && actor.trim() !== "") return null;
  return { code: "empty_actor", field: "actor", message: "the actor must be named" };
}

export function checkTtl(catalog: Catalog, ttl: unknown): PolicyError | null {
  const max = catalog.max_override_ttl_seconds;
  if (typeof ttl !== "number" || !Number.isInteger(ttl) || ttl <= 0) {
    return {
      code: "invalid_ttl",
      field: "ttl_seconds",
      message: `ttl_seconds must be a whole number of seconds above 0, got ${JSON.stringify(ttl)}`,
    };
  }
  if (ttl > max) {
    return {
      code: "ttl_too_long",
      field: "ttl_seconds",
      message: `ttl_seconds ${ttl} exceeds the maximum of ${max}`,
    };
  }
  return null;
}

/** The first error of several checks, so every operation reports one specific problem. */
export function firstError(...errors: (PolicyError | null)[]): PolicyError | null {
  return errors.find((e) => e !== null) ?? null;
}
