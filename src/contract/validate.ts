import { fileURLToPath } from "node:url";
import {
  allowKeywords,
  type ErrorObject,
  readJsonFile,
  referencedSchema,
  type ValidateFunction,
} from "../common/index.js";
import type { SchemaName } from "./types.js";

export const CONTRACT_PATH = fileURLToPath(
  new URL("../../contract/nemesis-api.openapi.json", import.meta.url),
);

/** OpenAPI's own top-level keywords: known to ajv, never validated as JSON Schema. */
const OPENAPI_KEYWORDS = [
  "openapi",
  "info",
  "jsonSchemaDialect",
  "servers",
  "paths",
  "components",
  "security",
  "tags",
  "webhooks",
];

let contract: { $id: string } | undefined;

function load(): { $id: string } {
  if (!contract) {
    contract = readJsonFile(CONTRACT_PATH, { what: "API contract" }) as { $id: string };
    allowKeywords(OPENAPI_KEYWORDS);
  }
  return contract;
}

const validators = new Map<string, ValidateFunction>();

export function contractValidator(name: SchemaName): ValidateFunction {
  let validate = validators.get(name);
  if (!validate) {
    const document = load();
    validate = referencedSchema(document, `${document.$id}#/components/schemas/${name}`);
    if (!validate) throw new Error(`the contract has no schema named ${name}`);
    validators.set(name, validate);
  }
  return validate;
}

export interface ContractViolation {
  /** JSON pointer into the checked value, "" for the root. */
  path: string;
  message: string;
  /** The property the violation is about, when there is one (missing, unknown, or wrong). */
  field: string | null;
}

function violation(e: ErrorObject): ContractViolation {
  const params = e.params as { missingProperty?: string; additionalProperty?: string };
  const at = e.instancePath.split("/").filter(Boolean).join(".");
  const prefix = at ? `${at}.` : "";
  if (params.missingProperty) {
    return {
      path: e.instancePath,
      field: params.missingProperty,
      message: `missing field "${prefix}${params.missingProperty}"`,
    };
  }
  if (params.additionalProperty) {
    const field = params.additionalProperty;
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

interface OpenApiDoc {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { $ref?: string; content?: JsonContent }> }>
  >;
  components: { responses: Record<string, { content?: JsonContent }> };
}
type JsonContent = { "application/json"?: { schema?: { $ref?: string } } };

const refName = (ref: string | undefined): string | undefined => ref?.split("/").pop();

/**
 * The contract schema of a response body, looked up in the OpenAPI document by method, path (relative to the
 * `/api` base) and status code. Null when the contract has no such operation or response.
 */
export function responseSchemaName(method: string, apiPath: string, status: number): SchemaName | null {
  load();
  const doc = contract as unknown as OpenApiDoc;
  const operation = doc.paths[apiPath]?.[method.toLowerCase()];
  const response = operation?.responses[String(status)];
  if (!response) return null;
  const content = response.$ref
    ? doc.components.responses[refName(response.$ref) ?? ""]?.content
    : response.content;
  return (refName(content?.["application/json"]?.schema?.$ref) as SchemaName | undefined) ?? null;
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
