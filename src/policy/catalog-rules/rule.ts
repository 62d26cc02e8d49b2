import type { Catalog } from "../types.js";

/** One broken rule at one place in the catalog. `path` is a JSONPath such as `$.presets[1].classes`. */
export interface CatalogIssue {
  rule: string;
  path: string;
  message: string;
}

/** A cross-reference rule the JSON Schema cannot express. Runs only on a catalog the schema accepted. */
export interface CatalogRule {
  id: string;
  check(catalog: Catalog): CatalogIssue[];
}

export function presetPath(index: number, ...rest: string[]): string {
  return [`$.presets[${index}]`, ...rest].join(".");
}
