import { fileURLToPath } from "node:url";
import type { ValidateFunction } from "ajv/dist/2020.js";
import { RESPONSE_SCHEMAS } from "./responses/index.generated.js";
import type { components, SchemaName } from "./types.js";
import { CONTRACT_VALIDATORS } from "./validators.generated.js";
import { type ContractViolation, violation } from "./violation.js";

export const CONTRACT_PATH = fileURLToPath(
  new URL("../../contract/nemesis-api.openapi.json", import.meta.url),
);

export function contractValidator<Name extends SchemaName>(
  name: Name,
): ValidateFunction<components["schemas"][Name]> {
  return CONTRACT_VALIDATORS[name];
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

export type { ContractViolation };

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
