import { findPreset } from "./catalog.js";
export function checkPreset(catalog, name, field = "preset") {
  if (typeof name === "string" && findPreset(catalog, name)) return null;
  const known = catalog.presets.map((p) => p.name).join(", ");
  return {
    code: "unknown_preset",
    field,
    message: `unknown preset ${JSON.stringify(name)} (known: ${known})`,
  };
}
export function checkReason(reason) {
  if (typeof reason === "string" && reason.trim() !== "") return null;
  return { code: "empty_reason", field: "reason", message: "a reason is required and must not be empty" };
}
export function checkActor(actor) {
  if (typeof actor === "string" && actor.trim() !== "") return null;
  return { code: "empty_actor", field: "actor", message: "the actor must be named" };
}
export function checkTtl(catalog, ttl) {
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
export function firstError(...errors) {
  return errors.find((e) => e !== null) ?? null;
}
