import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { validateCatalog } from "./catalog.js";

const PACKAGE_ROOT = new URL("../../", import.meta.url);
export const DEFAULT_CATALOG_PATH = fileURLToPath(new URL("gates/policy/catalog.json", PACKAGE_ROOT));
export const CATALOG_SCHEMA_PATH = fileURLToPath(new URL("gates/policy/catalog.schema.json", PACKAGE_ROOT));
/** A catalog that could not be used. Each line names the file, the JSON path and the rule. */
export class CatalogError extends Error {
  file;
  issues;
  constructor(file, issues) {
    super(issues.map((i) => `${file}: ${i.path}: ${i.message} [${i.rule}]`).join("\n"));
    this.file = file;
    this.issues = issues;
    this.name = "CatalogError";
  }
}
function readJson(file) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    const code = err.code ?? "unreadable";
    throw new CatalogError(file, [
      { rule: "file/readable", path: "$", message: `cannot read file (${code})` },
    ]);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CatalogError(file, [{ rule: "file/json", path: "$", message: err.message }]);
  }
}
let cachedSchema;
export function catalogSchema() {
  cachedSchema ??= readJson(CATALOG_SCHEMA_PATH);
  return cachedSchema;
}
/** Reads and validates a catalog file, throwing a CatalogError that names every broken rule. */
export function loadCatalogFile(file = DEFAULT_CATALOG_PATH) {
  const result = validateCatalog(readJson(file), catalogSchema());
  if (!result.ok) throw new CatalogError(file, result.issues);
  return result.catalog;
}
