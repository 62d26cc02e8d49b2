import { Ajv2020 } from "ajv/dist/2020.js";
import { catalogRules } from "./catalog-rules/index.js";

const compiled = new WeakMap();
function validatorFor(schema) {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}
/** `/presets/1/classes/expensive` → `$.presets[1].classes.expensive` */
export function toJsonPath(pointer) {
  const parts = pointer
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  return parts.reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : `${path}.${part}`), "$");
}
function schemaIssue(error) {
  const extra = error.keyword === "additionalProperties" ? ` "${error.params.additionalProperty}"` : "";
  return {
    rule: `schema/${error.keyword}`,
    path: toJsonPath(error.instancePath),
    message: `${error.message ?? "is invalid"}${extra}`,
  };
}
/** Checks a parsed catalog against its JSON Schema, then against every cross-reference rule. */
export function validateCatalog(raw, schema) {
  const validate = validatorFor(schema);
  if (!validate(raw)) {
    return { ok: false, issues: (validate.errors ?? []).map(schemaIssue) };
  }
  const catalog = raw;
  const issues = catalogRules.flatMap((rule) => rule.check(catalog));
  return issues.length > 0 ? { ok: false, issues } : { ok: true, catalog };
}
export function findPreset(catalog, name) {
  return catalog.presets.find((p) => p.name === name);
}
/** The preset by a name the catalog rules already proved exists. */
export function presetOf(catalog, name) {
  const preset = findPreset(catalog, name);
  if (!preset) throw new Error(`catalog has no preset "${name}"`);
  return preset;
}
/** The class a file belongs to, by its extension; files no class claims go to the default class. */
export function classifyFile(catalog, fileName) {
  const dot = fileName.lastIndexOf(".");
  const ext = dot >= 0 ? fileName.slice(dot).toLowerCase() : "";
  const claimed = catalog.classes.find((c) => c.extensions.includes(ext));
  const fallback = catalog.classes.find((c) => c.default === true) ?? catalog.classes[0];
  return (claimed ?? fallback)?.name ?? "";
}
