import { RESPONSE_SCHEMAS, RESPONSE_VALIDATORS } from "./responses/index.generated.js";
import type { SchemaName } from "./types.js";
import { type ContractViolation, violation } from "./violation.js";

/**
 * Checks a response against the contract, as `checkResponse` does, with only the validator of that response's
 * schema loaded (on first use): a CLI that reads one status answer does not load every schema's code.
 */
export async function checkResponseLoaded(
  method: string,
  apiPath: string,
  status: number,
  body: unknown,
): Promise<ContractViolation[]> {
  const name: SchemaName | undefined = RESPONSE_SCHEMAS[`${method.toUpperCase()} ${apiPath} ${status}`];
  const load = name === undefined ? undefined : RESPONSE_VALIDATORS[name];
  if (!load) {
    return [
      {
        path: "",
        field: null,
        message: `the contract declares no ${status} response for ${method} ${apiPath}`,
      },
    ];
  }
  const validate = await load();
  return validate(body) ? [] : (validate.errors ?? []).map(violation);
}
