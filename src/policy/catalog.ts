import type { ErrorObject } from "ajv/dist/2020.js";
import { type CatalogIssue, catalogRules } from "./catalog-rules/index.js";
import type { Catalog, Preset } from "./types.js";
import { validateCatalogSchema } from "./validators.generated.js";

export type CatalogResult = { ok: true; catalog: Catalog } | { ok: false; issues: CatalogIssue[] };

/** `/presets/1/classes/expensive` → `$.presets[1].classes.expensive` */
export function toJsonPath(pointer: string): string {
  const parts = pointer
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  return parts.reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : `${path}.${part}`), "$");
}

function schemaIssue(error: ErrorObject): CatalogIssue {
  const extra = error.keyword === "additionalProperties" ? ` "${error.params.additionalProperty}"` : "";
  return {
    rule: `schema/${error.keyword}`,
    path: toJsonPath(error.instancePath),
    message: `${error.message ?? "is invalid"}${extra}`,
  };
}

/** Checks a parsed catalog against its JSON Schema (compiled at build time), then against every cross-reference rule. */
export function validateCatalog(raw: unknown): CatalogResult {
  if (!validateCatalogSchema(raw)) {
    return { ok: false, issues: (validateCatalogSchema.errors ?? []).map(schemaIssue) };
  }
  const catalog = raw;
  const issues = catalogRules.flatMap((rule) => rule.check(catalog));
  return issues.length > 0 ? { ok: false, issues } : { ok: true, catalog };
}

export function findPreset(catalog: Catalog, name: string): Preset | undefined {
  return catalog.presets.find((p) => p.name === name);
}

/** The preset by a name the catalog rules already proved exists. */
export function presetOf(catalog: Catalog, name: string): Preset {
  const preset = findPreset(catalog, name);
  if (!preset) throw new Error(`catalog has no preset "${name}"`);
  return preset;
}

/** The class a file belongs to, by its extension; files no class claims go to the default class. */
export function classifyFile(catalog: Catalog, fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  const ext = dot >= 0 ? fileName.slice(dot).toLowerCase() : "";
  const claimed = catalog.classes.find((c) => c.extensions.includes(ext));
  const fallback = catalog.classes.find((c) => c.default === true) ?? catalog.classes[0];
  return (claimed ?? fallback)?.name ?? "";
}
