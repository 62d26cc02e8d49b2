/**
 * Compiles every JSON Schema the package validates with into ajv standalone code, one generated module per part,
 * so no CLI compiles a schema when it starts. `npm run build` runs it (writing only what changed) and
 * test/build/validators.test.ts fails when a committed module differs from what this writes.
 *
 * Each validator is exported with its TypeScript type, `ValidateFunction<T>`, so a validated value is typed by
 * the guard itself and callers need no cast.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020, type Options } from "ajv/dist/2020.js";
import standaloneCode from "ajv/dist/standalone/index.js";
import addFormats from "ajv-formats";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

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

interface ValidatorSpec {
  /** The exported name, e.g. `validateGateConfig`. */
  name: string;
  /**
   * The schema: a file relative to the package root (with a `#` pointer into it, for the contract), or an object
   * exported by a source module. Source modules are imported only after the file-based modules are written,
   * because they may import one of those (the twin's defects import the policy engine).
   */
  schema: string | { module: string; export: string };
  /** The TypeScript type the validator proves, as written in the generated module. */
  type: string;
}

interface ModuleSpec {
  out: string;
  /** Type-only imports the exported types need. */
  typeImports: string[];
  validators: ValidatorSpec[];
  /** The policy engine validates without formats or OpenAPI keywords, as it always has. */
  formats: boolean;
  /** Extra code appended to the module (the contract's tables). */
  extra?: () => string;
  openapi?: string;
}

interface OpenApiDoc {
  $id: string;
  paths: Record<
    string,
    Record<string, { responses?: Record<string, { $ref?: string; content?: JsonContent }> }>
  >;
  components: { schemas: Record<string, unknown>; responses?: Record<string, { content?: JsonContent }> };
}
type JsonContent = { "application/json"?: { schema?: { $ref?: string } } };

const readJson = (file: string): unknown => JSON.parse(readFileSync(`${ROOT}${file}`, "utf8"));
const CONTRACT = "contract/nemesis-api.openapi.json";

/** The contract schema of each response body, by `METHOD path status`, so nothing reads the OpenAPI file to find it. */
function responseRows(): [string, string][] {
  const doc = readJson(CONTRACT) as OpenApiDoc;
  const refName = (ref: string | undefined) => ref?.split("/").pop();
  const rows: [string, string][] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const content = response.$ref
          ? doc.components.responses?.[refName(response.$ref) ?? ""]?.content
          : response.content;
        const name = refName(content?.["application/json"]?.schema?.$ref);
        if (name) rows.push([`${method.toUpperCase()} ${path} ${status}`, name]);
      }
    }
  }
  return rows;
}

function responseTable(): string {
  const rows = responseRows();
  const body = rows.map(([key, name]) => `  ${JSON.stringify(key)}: ${JSON.stringify(name)},`).join("\n");
  return `\n/** The contract schema of each response body, by \`METHOD path status\` (the path relative to the API base). */\nexport const RESPONSE_SCHEMAS: Readonly<Record<string, SchemaName>> = {\n${body}\n};\n`;
}

/** Every component schema's validator by its name, typed by the generated contract types. */
function contractTable(): string {
  const doc = readJson(CONTRACT) as OpenApiDoc;
  const rows = Object.keys(doc.components.schemas).map((name) => `  ${name}: validate${name},`);
  return `\nexport const CONTRACT_VALIDATORS: { readonly [Name in SchemaName]: ValidateFunction<components["schemas"][Name]> } = {\n${rows.join("\n")}\n};\n`;
}

function contractValidators(): ValidatorSpec[] {
  const doc = readJson(CONTRACT) as OpenApiDoc;
  return Object.keys(doc.components.schemas).map((name) => ({
    name: `validate${name}`,
    schema: `${doc.$id}#/components/schemas/${name}`,
    type: `components["schemas"][${JSON.stringify(name)}]`,
  }));
}

export const MODULES: ModuleSpec[] = [
  {
    out: "src/contract/validators.generated.ts",
    typeImports: [
      'import type { components, SchemaName } from "./types.js";',
      'import type { StressProfile } from "./profile.js";',
    ],
    formats: true,
    openapi: CONTRACT,
    validators: [
      ...contractValidators(),
      { name: "validateStressProfile", schema: "contract/stress-profile.schema.json", type: "StressProfile" },
    ],
    extra: contractTable,
  },
  {
    out: "src/ctl/validators.generated.ts",
    typeImports: ['import type { CtlConfig } from "./config.js";'],
    formats: true,
    validators: [
      { name: "validateCtlConfig", schema: "contract/nemesis-ctl-config.schema.json", type: "CtlConfig" },
    ],
  },
  {
    out: "src/gate/validators.generated.ts",
    typeImports: ['import type { GateConfig, TriggerSpec } from "./config.js";'],
    formats: true,
    validators: [
      { name: "validateGateConfig", schema: "gates/gate.config.schema.json", type: "GateConfig" },
      {
        name: "validateTriggersFile",
        schema: "gates/triggers.schema.json",
        type: "{ triggers: TriggerSpec[] }",
      },
    ],
  },
  {
    out: "src/evidence/validators.generated.ts",
    typeImports: ['import type { Bundle } from "./bundle.js";'],
    formats: true,
    validators: [{ name: "validateBundle", schema: "evidence/schema/bundle.schema.json", type: "Bundle" }],
  },
  {
    out: "src/twin/validators.generated.ts",
    typeImports: ['import type { Scenario } from "./scenario.js";'],
    formats: true,
    validators: [
      {
        name: "validateScenario",
        schema: { module: "src/twin/scenario-schema.ts", export: "SCENARIO_SCHEMA" },
        type: "Scenario",
      },
    ],
  },
  {
    out: "src/docs-check/validators.generated.ts",
    typeImports: ['import type { DocsContract } from "./contract.js";'],
    formats: true,
    validators: [
      {
        name: "validateDocsContract",
        schema: { module: "src/docs-check/contract-schema.ts", export: "DOCS_CONTRACT_SCHEMA" },
        type: "DocsContract",
      },
    ],
  },
  {
    out: "src/policy/validators.generated.ts",
    typeImports: ['import type { Catalog } from "./types.js";'],
    formats: false,
    validators: [
      { name: "validateCatalogSchema", schema: "gates/policy/catalog.schema.json", type: "Catalog" },
    ],
  },
];

/** The schemas of response bodies, each compiled alone too, so a client loads only the one an answer needs. */
const responseSchemas = () => [...new Set(responseRows().map(([, name]) => name))].sort();

/**
 * One module per response schema (`src/contract/responses/<Name>.generated.ts`), and their index: the table of
 * which schema each response has, and a loader per schema. nemesis-ctl checks an answer with the one validator it
 * needs instead of loading every schema's code.
 */
function responseModules(): ModuleSpec[] {
  const doc = readJson(CONTRACT) as OpenApiDoc;
  const each: ModuleSpec[] = responseSchemas().map((name) => ({
    out: `src/contract/responses/${name}.generated.ts`,
    typeImports: ['import type { components } from "../types.js";'],
    formats: true,
    openapi: CONTRACT,
    validators: [
      {
        name: "validate",
        schema: `${doc.$id}#/components/schemas/${name}`,
        type: `components["schemas"]["${name}"]`,
      },
    ],
  }));
  const loaders = responseSchemas()
    .map((name) => `  ${name}: () => import("./${name}.generated.js").then((m) => m.validate),`)
    .join("\n");
  const index: ModuleSpec = {
    out: "src/contract/responses/index.generated.ts",
    typeImports: ['import type { components, SchemaName } from "../types.js";'],
    formats: false,
    validators: [],
    extra: () =>
      `${responseTable()}\n/** A loader of each response schema's validator, its code imported on first use. */\nexport const RESPONSE_VALIDATORS: { readonly [Name in SchemaName]?: () => Promise<ValidateFunction<components["schemas"][Name]>> } = {\n${loaders}\n};\n`,
  };
  return [...each, index];
}

function ajvFor(spec: ModuleSpec): Ajv2020 {
  const options: Options = { allErrors: true, strict: true, code: { source: true, esm: true, lines: true } };
  const ajv = new Ajv2020(spec.formats ? { ...options, discriminator: true } : options);
  if (spec.formats) (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  if (spec.openapi) {
    for (const keyword of OPENAPI_KEYWORDS) ajv.addKeyword(keyword);
    ajv.addSchema(readJson(spec.openapi) as object);
  }
  return ajv;
}

/**
 * ajv's standalone code reaches its runtime helpers (formats, string length, deep equality) with `require("…")`.
 * An ES module has no `require`, so the module makes one: Node's own, which loads those CommonJS helpers the same
 * way under Node, the bundler and the test runner, where a default import would not.
 */
function asEsModule(code: string): string {
  const body = code.replace(/^"use strict";/, "").replace(/export const /g, "const ");
  const needsRequire = body.includes("require(");
  return [
    ...(needsRequire
      ? ['import { createRequire } from "node:module";', "const require = createRequire(import.meta.url);"]
      : []),
    body,
  ].join("\n");
}

async function schemaObject(schema: ValidatorSpec["schema"]): Promise<object> {
  if (typeof schema === "string") return readJson(schema) as object;
  const module: Record<string, unknown> = await import(`${ROOT}${schema.module}`);
  const value = module[schema.export];
  if (!value || typeof value !== "object")
    throw new Error(`${schema.module} exports no schema ${schema.export}`);
  return value;
}

/** The source of one generated module. */
export async function generateModule(spec: ModuleSpec): Promise<string> {
  const ajv = ajvFor(spec);
  const refs: Record<string, string> = {};
  for (const v of spec.validators) {
    const pointer = typeof v.schema === "string" && v.schema.includes("#");
    if (!pointer) ajv.addSchema(await schemaObject(v.schema), v.name);
    refs[`compiled_${v.name}`] = pointer && typeof v.schema === "string" ? v.schema : v.name;
  }
  const code = asEsModule(standaloneCode.default(ajv, refs));
  const exports = spec.validators.map(
    (v) => `export const ${v.name}: ValidateFunction<${v.type}> = compiled_${v.name};`,
  );
  return [
    "// @ts-nocheck -- ajv standalone code, generated by gates/build/validators.ts; never edit by hand.",
    'import type { ValidateFunction } from "ajv/dist/2020.js";',
    ...spec.typeImports,
    code,
    "",
    ...exports,
    spec.extra?.() ?? "",
  ].join("\n");
}

const fromFilesOnly = (spec: ModuleSpec) => spec.validators.every((v) => typeof v.schema === "string");

/** The modules in the order they can be generated: those whose schemas are files first. */
export const GENERATION_ORDER = [
  ...MODULES.filter(fromFilesOnly),
  ...responseModules(),
  ...MODULES.filter((m) => !fromFilesOnly(m)),
];

/** Writes every module whose text changed; returns the ones written. */
export async function writeModules(): Promise<string[]> {
  const written: string[] = [];
  for (const spec of GENERATION_ORDER) {
    const text = await generateModule(spec);
    const file = `${ROOT}${spec.out}`;
    let old = "";
    try {
      old = readFileSync(file, "utf8");
    } catch {}
    if (old !== text) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      written.push(spec.out);
    }
  }
  return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const written = await writeModules();
  if (written.length) console.log(`validators: wrote ${written.join(", ")}`);
}
