import { dirname, relative, resolve, sep } from "node:path";
import { isJsonObject, readJsonFile, UserError } from "../common/index.js";
import { validateDocsContract } from "./validators.generated.js";

export interface TermRule {
  section: string;
  terms: string[];
  /** Count code spans and fences too; by default only prose, lists and headings count. */
  allow_code?: boolean;
}

export interface CommandRule {
  section: string;
  /** Each must start a command in a shell fence inside the section. */
  commands: string[];
}

export interface LinkRule {
  /** Where the link must stand; anywhere in the file when absent. */
  section?: string;
  /** A relative path, optionally with #anchor, as written in the link. */
  to: string;
}

export interface FileContract {
  path: string;
  min_lines?: number;
  headings?: string[];
  terms?: TermRule[];
  commands?: CommandRule[];
  links?: LinkRule[];
  /** Every rollback-trigger id must appear in the prose of this section. */
  trigger_ids_in?: string;
}

export interface DocsContract {
  /** The policy catalog, for the preset names and longest TTL that documented commands may use. */
  catalog?: string;
  /** The rollback triggers: a JSON file with `{"triggers": [{"id": …}]}`. */
  triggers_file?: string;
  /** Or the trigger ids, inline. */
  trigger_ids?: string[];
  files: FileContract[];
}

/** The contract file itself is wrong or unreadable: a usage problem, exit 2. */
export class DocsContractError extends UserError {
  override name = "DocsContractError";
}

const readJson = (file: string, what: string): unknown =>
  readJsonFile(file, { what, error: DocsContractError });

/** A JSON file the contract points at, which has to hold an object. */
function readJsonObject(file: string, what: string): Record<string, unknown> {
  const value = readJson(file, what);
  if (!isJsonObject(value)) throw new DocsContractError(`${file}: the ${what} is not a JSON object`);
  return value;
}

/** The `key` string of each entry of the object's `list`; undefined without the list, refused in another shape. */
function entryStrings(
  file: string,
  data: Record<string, unknown>,
  list: string,
  key: string,
): string[] | undefined {
  const entries = data[list];
  if (entries === undefined) return undefined;
  if (!Array.isArray(entries)) throw new DocsContractError(`${file}: "${list}" is not a list`);
  return entries.map((entry: unknown, i) => {
    const value = isJsonObject(entry) ? entry[key] : undefined;
    if (typeof value !== "string")
      throw new DocsContractError(`${file}: ${list}[${i}] has no "${key}" string`);
    return value;
  });
}

export function parseDocsContract(raw: unknown, source: string): DocsContract {
  if (!validateDocsContract(raw)) {
    const first = validateDocsContract.errors?.[0];
    const where = first?.instancePath || "/";
    throw new DocsContractError(`${source}: ${where} ${first?.message ?? "is invalid"}`);
  }
  return raw;
}

/** `path`, written relative to `fromDir`, as a path relative to `root` with forward slashes. */
function rebase(path: string, fromDir: string, root: string): string {
  return relative(root, resolve(fromDir, path)).split(sep).join("/");
}

/**
 * Reads a contract. The paths in it are relative to the contract file, wherever it is run from; they come back
 * relative to `root`, the directory findings are reported against, so a file is named the same way everywhere.
 */
export function loadDocsContract(file: string, root: string = process.cwd()): DocsContract {
  const contract = parseDocsContract(readJson(file, "docs contract"), file);
  const from = dirname(resolve(root, file));
  const at = (path: string) => rebase(path, from, root);
  return {
    ...contract,
    ...(contract.catalog === undefined ? {} : { catalog: at(contract.catalog) }),
    ...(contract.triggers_file === undefined ? {} : { triggers_file: at(contract.triggers_file) }),
    files: contract.files.map((spec) => ({ ...spec, path: at(spec.path) })),
  };
}

/**
 * The contract narrowed to `files` (relative to `root`), in the order given. A file the contract lists keeps its
 * entry; any other gets an empty one, so only the rules that need no entry apply (links, commands).
 */
export function selectFiles(contract: DocsContract, files: readonly string[], root: string): DocsContract {
  const byPath = new Map(contract.files.map((spec) => [spec.path, spec]));
  return {
    ...contract,
    files: files.map((file) => {
      const path = rebase(file, root, root);
      return byPath.get(path) ?? { path };
    }),
  };
}

/** What documented commands are checked against: the catalog's preset names and longest TTL. */
export function commandLimits(
  contract: DocsContract,
  root: string,
): { knownPresets?: string[]; maxTtlSeconds?: number } {
  if (!contract.catalog) return {};
  const file = resolve(root, contract.catalog);
  const catalog = readJsonObject(file, "catalog");
  const ttl = catalog.max_override_ttl_seconds;
  return {
    knownPresets: entryStrings(file, catalog, "presets", "name"),
    maxTtlSeconds: typeof ttl === "number" ? ttl : undefined,
  };
}

export function triggerIds(contract: DocsContract, root: string): string[] {
  if (contract.trigger_ids) return contract.trigger_ids;
  if (!contract.triggers_file) return [];
  const file = resolve(root, contract.triggers_file);
  return entryStrings(file, readJsonObject(file, "triggers file"), "triggers", "id") ?? [];
}
