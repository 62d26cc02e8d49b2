import { resolve } from "node:path";
import { closest } from "fastest-levenshtein";
import { packagePath } from "../common/index.js";
import { ConfigError } from "./config.js";

/**
 * Files this package ships that a config in any repository may name instead of copying them: `"catalog":
 * "builtin:nemesis"`, `"triggers": "builtin:nemesis-triggers"`, `"profiles": ["builtin:bulk-upload-burst"]`. A name
 * is unique across kinds, so a bundle's input named by it is found again whatever it was.
 */
const BUILTIN = {
  catalog: { nemesis: "gates/policy/catalog.json" },
  triggers: { "nemesis-triggers": "gates/triggers.json" },
  profile: {
    "bulk-upload-burst": "fixtures/profiles/bulk-upload-burst.json",
    "steady-mixed": "fixtures/profiles/steady-mixed.json",
    "expensive-flood": "fixtures/profiles/expensive-flood.json",
    idle: "fixtures/profiles/idle.json",
  },
} as const;

export type BuiltinKind = keyof typeof BUILTIN;
const PREFIX = "builtin:";

export const isBuiltin = (value: string) => value.startsWith(PREFIX);

/** The built-in names of a kind, e.g. ["builtin:nemesis"]. */
export function builtinNames(kind: BuiltinKind): string[] {
  return Object.keys(BUILTIN[kind]).map((name) => `${PREFIX}${name}`);
}

/**
 * Where a file a config names is: a `builtin:` name in this package, anything else relative to the repository the
 * gate runs in. An unknown built-in name is a config error that gives the nearest one.
 */
export function configFile(root: string, kind: BuiltinKind, value: string): string {
  if (!isBuiltin(value)) return resolve(root, value);
  const table: Record<string, string> = BUILTIN[kind];
  const path = table[value.slice(PREFIX.length)];
  if (path === undefined) {
    const names = builtinNames(kind);
    throw new ConfigError(
      `"${value}" is not a built-in ${kind}: did you mean "${closest(value, names)}"? (built-in: ${names.join(", ")})`,
    );
  }
  return packagePath(path);
}

/** Any file a config may name, whatever its kind: how the evidence finds an input again to verify it. */
export function locateInput(root: string, name: string): string {
  if (!isBuiltin(name)) return resolve(root, name);
  for (const kind of Object.keys(BUILTIN) as BuiltinKind[]) {
    const path = (BUILTIN[kind] as Record<string, string>)[name.slice(PREFIX.length)];
    if (path !== undefined) return packagePath(path);
  }
  return resolve(root, name);
}
