import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";

const section = { type: "string", minLength: 1 };
const strings = { type: "array", items: { type: "string", minLength: 1 } };
export const DOCS_CONTRACT_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://throughput-gate.dev/schema/docs-contract.schema.json",
  type: "object",
  additionalProperties: false,
  required: ["files"],
  properties: {
    $schema: { type: "string" },
    catalog: { type: "string" },
    triggers_file: { type: "string" },
    trigger_ids: { type: "array", items: { type: "string", pattern: "^RT-[A-Z0-9-]+$" } },
    files: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        additionalProperties: false,
        required: ["path"],
        properties: {
          path: { type: "string", minLength: 1 },
          min_lines: { type: "integer", minimum: 1 },
          headings: strings,
          terms: {
            type: "array",
            items: {
              type: "object",
              additionalProperties: false,
              required: ["section", "terms"],
              properties: { section, terms: strings, allow_code: { type: "boolean" } },
            },
          },
          commands: {
            type: "array",
            items: {
              type: "object",
              additionalProperties: false,
              required: ["section", "commands"],
              properties: { section, commands: strings },
            },
          },
          links: {
            type: "array",
            items: {
              type: "object",
              additionalProperties: false,
              required: ["to"],
              properties: { section, to: { type: "string", minLength: 1 } },
            },
          },
          trigger_ids_in: section,
        },
      },
    },
  },
};
/** The contract file itself is wrong or unreadable: a usage problem, exit 2. */
export class DocsContractError extends Error {
  name = "DocsContractError";
}
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(DOCS_CONTRACT_SCHEMA);
function readJson(file, what) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new DocsContractError(`${file}: cannot read the ${what} (${err.code})`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new DocsContractError(`${file}: the ${what} is not valid JSON: ${err.message}`);
  }
}
export function parseDocsContract(raw, source) {
  if (!validate(raw)) {
    const first = validate.errors?.[0];
    const where = first?.instancePath || "/";
    throw new DocsContractError(`${source}: ${where} ${first?.message ?? "is invalid"}`);
  }
  return raw;
}
export function loadDocsContract(file) {
  return parseDocsContract(readJson(file, "docs contract"), file);
}
/** What documented commands are checked against: the catalog's preset names and longest TTL. */
export function commandLimits(contract, root) {
  if (!contract.catalog) return {};
  const catalog = readJson(resolve(root, contract.catalog), "catalog");
  return {
    knownPresets: catalog.presets?.map((p) => p.name),
    maxTtlSeconds: catalog.max_override_ttl_seconds,
  };
}
export function triggerIds(contract, root) {
  if (contract.trigger_ids) return contract.trigger_ids;
  if (!contract.triggers_file) return [];
  const data = readJson(resolve(root, contract.triggers_file), "triggers file");
  return (data.triggers ?? []).map((t) => t.id);
}
