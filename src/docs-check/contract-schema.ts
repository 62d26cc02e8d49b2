/**
 * The docs contract's JSON Schema (gates/docs-contract.json and a consuming repository's own). The build compiles
 * it into validators.generated.ts; nothing compiles it at run time.
 */
const section = { type: "string", minLength: 1 } as const;
const strings = { type: "array", items: { type: "string", minLength: 1 } } as const;

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
} as const;
