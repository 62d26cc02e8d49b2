import type { ErrorObject } from "ajv/dist/2020.js";

export interface ContractViolation {
  /** JSON pointer into the checked value, "" for the root. */
  path: string;
  message: string;
  /** The property the violation is about, when there is one (missing, unknown, or wrong). */
  field: string | null;
}

export function violation(e: ErrorObject): ContractViolation {
  const { missingProperty, additionalProperty } = e.params;
  const at = e.instancePath.split("/").filter(Boolean).join(".");
  const prefix = at ? `${at}.` : "";
  if (typeof missingProperty === "string") {
    return {
      path: e.instancePath,
      field: missingProperty,
      message: `missing field "${prefix}${missingProperty}"`,
    };
  }
  if (typeof additionalProperty === "string") {
    const field = additionalProperty;
    return { path: e.instancePath, field, message: `unknown field "${prefix}${field}"` };
  }
  return {
    path: e.instancePath,
    field: at || null,
    message: `${at ? `"${at}"` : "body"} ${e.message ?? "is invalid"}`,
  };
}
