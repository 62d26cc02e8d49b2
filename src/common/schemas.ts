import { resolve } from "node:path";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { type JsonFileOptions, readJsonFile } from "./json-file.js";

export type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";

let shared: Ajv2020 | undefined;

/**
 * The one ajv every part validates with: JSON Schema 2020-12, strict, every error reported, ajv-formats, and
 * OpenAPI's `discriminator`. Made on first use, so a command that validates nothing never pays for it.
 */
function ajv(): Ajv2020 {
  if (!shared) {
    shared = new Ajv2020({ allErrors: true, strict: true, discriminator: true });
    (addFormats as unknown as (a: Ajv2020) => void)(shared);
  }
  return shared;
}

const byKey = new Map<string, ValidateFunction>();
const byObject = new WeakMap<object, ValidateFunction>();
const byFile = new Map<string, ValidateFunction>();
const documents = new Set<string>();

/**
 * The validator of a schema, compiled once. It is keyed by the schema's `$id`, else by `key`, else by the object
 * itself; a second schema with the same `$id` gets the first one's validator.
 */
export function compileSchema(schema: object, key?: string): ValidateFunction {
  const id = (schema as { $id?: unknown }).$id;
  const cacheKey = typeof id === "string" ? id : key;
  const cached = cacheKey === undefined ? byObject.get(schema) : byKey.get(cacheKey);
  if (cached) return cached;
  const validate = (typeof id === "string" ? ajv().getSchema(id) : undefined) ?? ajv().compile(schema);
  if (cacheKey === undefined) byObject.set(schema, validate);
  else byKey.set(cacheKey, validate);
  return validate;
}

/** The validator of a schema file, read and compiled once; a file that cannot be read throws as `readJsonFile`. */
export function compileSchemaFile(file: string, options: JsonFileOptions = {}): ValidateFunction {
  const path = resolve(file);
  let validate = byFile.get(path);
  if (!validate) {
    validate = compileSchema(readJsonFile(path, options) as object, path);
    byFile.set(path, validate);
  }
  return validate;
}

/** Lets schemas carry these keywords without meaning anything (a document's own top-level fields, say). */
export function allowKeywords(keywords: readonly string[]): void {
  for (const keyword of keywords) if (!ajv().getKeyword(keyword)) ajv().addKeyword(keyword);
}

/**
 * The validator of a schema inside a larger document with an `$id` (an OpenAPI document's components), by
 * reference: `ID#/json/pointer`. The document is added once; undefined when the reference finds nothing.
 */
export function referencedSchema(document: { $id: string }, ref: string): ValidateFunction | undefined {
  if (!documents.has(document.$id)) {
    ajv().addSchema(document);
    documents.add(document.$id);
  }
  return ajv().getSchema(ref);
}
