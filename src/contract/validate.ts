import { fileURLToPath } from "node:url";
import type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import type { components, SchemaName } from "./types.js";
import { CONTRACT_VALIDATORS, RESPONSE_SCHEMAS } from "./validators.generated.js";

export const CONTRACT_PATH = fileURLToPath(
  new URL("../../contract/nemesis-api.openapi.json", import.meta.url),
);

export function contractValidator<Name extends SchemaName>(
  name: Name,
): ValidateFunction<components["schemas"][Name]> {
  return CONTRACT_VALIDATORS[name];
}

export interface ContractViolation {
  /** JSON pointer into the checked value, "" for the root. */
  path: string;
  message: string;
  /** The property the violation is about, when there is one (missing, unknown, or wrong). */
  field: string | null;
}

function violation(e: ErrorObject): ContractViolation {
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

/** Checks a value against a contract schema; an empty list means it conforms. */
export function checkContract(name: SchemaName, value: unknown): ContractViolation[] {
  const validate = contractValidator(name);
  return validate(value) ? [] : (validate.errors ?? []).map(violation);
}

/**
 * The contract schema of a response body, looked up by method, path (relative to the `/api` base) and status
 * code. Null when the contract has no such operation or response.
 */
export function responseSchemaName(method: string, apiPath: string, status: number): SchemaName | null {
  return RESPONSE_SCHEMAS[`${method.toUpperCase()} ${apiPath} ${status}`] ?? null;
}

/** Checks a response against the contract; names the problem when the contract has no such response at all. */
export function checkResponse(
  method: string,
  apiPath: string,
  status: number,
  body: unknown,
): ContractViolation[] {
  const name = responseSchemaName(method, apiPath, status);
  if (!name) {
    return [
      {
        path: "",
        field: null,
        message: `the contract declares no ${status} response for ${method} ${apiPath}`,
      },
    ];
  }
  return checkContract(name, body);
}
