import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
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
let ajv;
let contract;
function load() {
  if (!ajv || !contract) {
    contract = JSON.parse(readFileSync(CONTRACT_PATH, "utf8"));
    ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    ajv.addVocabulary(OPENAPI_KEYWORDS);
    ajv.addSchema(contract);
  }
  return { ajv, id: contract.$id };
}
const validators = new Map();
export function contractValidator(name) {
  let validate = validators.get(name);
  if (!validate) {
    const { ajv, id } = load();
    validate = ajv.getSchema(`${id}#/components/schemas/${name}`);
    if (!validate) throw new Error(`the contract has no schema named ${name}`);
    validators.set(name, validate);
  }
  return validate;
}
function violation(e) {
  const params = e.params;
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
export function checkContract(name, value) {
  const validate = contractValidator(name);
  return validate(value) ? [] : (validate.errors ?? []).map(violation);
}
const refName = (ref) => ref?.split("/").pop();
/**
 * The contract schema of a response body, looked up in the OpenAPI document by method, path (relative to the
 * `/api` base) and status code. Null when the contract has no such operation or response.
 */
export function responseSchemaName(method, apiPath, status) {
  load();
  const doc = contract;
  const operation = doc.paths[apiPath]?.[method.toLowerCase()];
  const response = operation?.responses[String(status)];
  if (!response) return null;
  const content = response.$ref
    ? doc.components.responses[refName(response.$ref) ?? ""]?.content
    : response.content;
  return refName(content?.["application/json"]?.schema?.$ref) ?? null;
}
/** Checks a response against the contract; names the problem when the contract has no such response at all. */
export function checkResponse(method, apiPath, status, body) {
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
